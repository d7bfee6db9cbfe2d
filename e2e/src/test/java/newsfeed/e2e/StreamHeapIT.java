package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.Json;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import newsfeed.testsupport.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients of the event stream cannot stop store-service (a trial, 2026-12-06): with the heap and JVM options
 * {@code run.sh} gives it, 60 clients that open {@code GET /api/posts/stream} at once, resuming before 14 posts of
 * 300,000 characters, and read nothing. Before {@code PostEventBroadcast}'s catch-up budget, each stream read its
 * missed posts from the database for itself, all at once: {@code OutOfMemoryError} within seconds, and storing stopped
 * with the read API. Now the service stays up with no {@code OutOfMemoryError} in its log, and once the stalled clients
 * have gone, a client resuming at the same place receives all 14 posts in the order they were stored. The second test
 * is about the direct memory of live clients that read nothing, bounded by the store's connection limit; the third
 * about the answers of reads (feeds, listings, posts) that clients do not read, bounded by {@code UnsentAnswers}.
 *
 * <p>Runs only in the failsafe execution {@code telegram-heap} ({@code e2e/pom.xml}), beside the other heap tests: its
 * own JVM and Kafka broker, with only store-service started.
 */
class StreamHeapIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHeapIT.class);

    private static final int POSTS = 14;
    private static final int STALLED = 60;
    private static final int LIVE_STALLED = 150;
    private static final int LARGE_POSTS = 8;
    /** store-service's {@code quarkus.http.limits.max-connections} default. */
    private static final int MAX_CONNECTIONS = 64;
    private static final int PIPELINED = 150;
    private static final int MARKUP_POSTS = 6;
    private static final int MARKUP_PARAGRAPHS = 800;
    private static final int ANSWER_STALLED = 60;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void manyStalledClientsResumingBeforeLargePostsLeaveStoreRunningWithRunShsHeap() throws Exception {
        Assumptions.assumeTrue("telegram-heap".equals(System.getProperty("newsfeed.e2e.fork")),
                "runs in the failsafe execution telegram-heap only");
        OwnExecution.assumeSelected(StreamHeapIT.class);
        Path root = Paths.root();

        Path gcLog = gcLog(root, "resume");
        // all 60 stalled clients are let in, beyond run.sh's max-connections and max-streams: the catch-up budget is
        // what holds the heap
        try (ServiceProcess store = startStore(root, "streamheap", gcLog,
                Map.of("NEWSFEED_STORE_MAX_CONNECTIONS", Integer.toString(STALLED + 10),
                        "NEWSFEED_STORE_MAX_STREAMS", Integer.toString(STALLED + 10)))) {
            for (int i = 0; i < POSTS; i++) {
                KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, "heap:" + i,
                        Json.mapper().writeValueAsBytes(largePost("heap:" + i, i, 300)));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> Api.get(store.url() + "/api/posts/heap:" + (POSTS - 1)).status() == 200);
            // the posts' events in the order the store took them: three partitions are consumed in no fixed order (a CI
            // run stored heap:8 before heap:4), and the stream sends events in their order
            Map<String, Long> eventIds = new HashMap<>();
            for (int i = 0; i < POSTS; i++) {
                eventIds.put("heap:" + i, Api.get(store.url() + "/api/posts/heap:" + i).json().get("eventId").asLong());
            }
            long first = eventIds.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            List<String> expected = eventIds.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).toList();
            URI stream = URI.create(store.url() + "/api/posts/stream");

            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    Socket socket = new Socket();
                    socket.setReceiveBufferSize(4096);
                    socket.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
                    socket.getOutputStream().write(request(stream, first - 1).getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
                    Thread.sleep(500);
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
            assertThat(Files.readString(store.log())).doesNotContain("OutOfMemoryError");

            List<String> received = readEvents(stream, first - 1, POSTS, Duration.ofSeconds(90));
            assertThat(received).as("the posts a client resuming where the stalled ones did receives")
                    .isEqualTo(expected);
            // the stalled clients went while events were written to them: RESTEasy's ERROR and stack trace for each
            // is kept out of the log (ClientGoneLogFilter)
            assertThat(Files.readString(store.log())).doesNotContain("impossible to send it to client");

            TelegramHeapIT.Heap gc = TelegramHeapIT.Heap.read(gcLog);
            LOG.info("Stream heap test: store-service with -Xmx{}, {} stalled clients resuming before {} posts; {} GCs,"
                    + " peak heap before GC {} MiB, largest after GC {} MiB, capacity {} MiB", RunShJvm.heap(root, "store"),
                    STALLED, POSTS, gc.collections(), gc.peakBeforeGc(), gc.largestAfterGc(), gc.capacity());
        }
    }

    /**
     * Clients that open the live stream and read nothing cannot run store-service's direct memory out (a review,
     * 2026-12-07): each holds the event being written to it in Netty's buffer, outside the heap, until it reads. 150
     * such clients before 8 posts of 900,000 characters gave {@code OutOfMemoryError: Cannot reserve … bytes of direct
     * buffer memory}, and large responses failed meanwhile. {@code quarkus.http.limits.max-connections} bounds the
     * connections that can hold an event, and so that memory: the clients beyond it are refused at once. Once the
     * stalled clients have gone, every large post is served and a new stream receives new posts.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void liveClientsThatReadNothingBeforePostsOfAMillionCharactersCannotRunTheDirectMemoryOut() throws Exception {
        Assumptions.assumeTrue("telegram-heap".equals(System.getProperty("newsfeed.e2e.fork")),
                "runs in the failsafe execution telegram-heap only");
        OwnExecution.assumeSelected(StreamHeapIT.class);
        Path root = Paths.root();
        Path gcLog = gcLog(root, "live");
        try (ServiceProcess store = startStore(root, "streamlive", gcLog, Map.of())) {
            URI stream = URI.create(store.url() + "/api/posts/stream");
            List<Socket> stalled = new ArrayList<>();
            double peakDirect = 0;
            try {
                for (int i = 0; i < LIVE_STALLED; i++) {
                    Socket socket = new Socket();
                    socket.setReceiveBufferSize(4096);
                    socket.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
                    socket.getOutputStream().write(request(stream, null).getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                // the streams join the broadcast on a worker thread: posts stored before would not be sent to them
                Thread.sleep(3_000);
                double subscribers = metric(store, "newsfeed_store_stream_subscribers", "");
                assertThat(subscribers).as("streams open").isPositive().isLessThanOrEqualTo(MAX_CONNECTIONS);
                Socket last = stalled.get(stalled.size() - 1);
                last.setSoTimeout(10_000);
                assertThat(closedByServer(last)).as("a connection beyond max-connections is closed").isTrue();
                for (int i = 0; i < LARGE_POSTS; i++) {
                    KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, "live:" + i,
                            Json.mapper().writeValueAsBytes(largePost("live:" + i, i, 900)));
                }
                long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
                    peakDirect = Math.max(peakDirect, metric(store, "jvm_buffer_memory_used_bytes", "id=\"direct\""));
                    Thread.sleep(500);
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
            for (int i = 0; i < LARGE_POSTS; i++) {
                String postId = "live:" + i;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(Api.get(store.url() + "/api/posts/" + postId).status()).as(postId).isEqualTo(200));
            }
            assertThat(Files.readString(store.log())).doesNotContain("OutOfMemoryError");

            // the connections are free again: a new stream receives a new post
            long newest = Api.get(store.url() + "/api/posts/live:" + (LARGE_POSTS - 1)).json().get("eventId")
                    .asLong();
            KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, "live:after",
                    Json.mapper().writeValueAsBytes(largePost("live:after", LARGE_POSTS, 3)));
            assertThat(readEvents(stream, newest, 1, Duration.ofSeconds(60))).containsExactly("live:after");
            assertThat(Files.readString(store.log())).doesNotContain("OutOfMemoryError");

            // a helper's trial: one connection that sends many requests at once (HTTP/1.1 pipelining) and reads
            // nothing; each answer of 940 KB waited in direct memory until it ran out (PipelinedRequests)
            double pipelinedDirect = 0;
            try (Socket pipelining = new Socket()) {
                pipelining.setReceiveBufferSize(4096);
                pipelining.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
                StringBuilder requests = new StringBuilder();
                for (int i = 0; i < PIPELINED; i++) {
                    requests.append("GET /api/posts/live:").append(i % LARGE_POSTS).append(" HTTP/1.1\r\nHost: ")
                            .append(stream.getHost()).append(':').append(stream.getPort()).append("\r\n\r\n");
                }
                pipelining.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
                    pipelinedDirect = Math.max(pipelinedDirect,
                            metric(store, "jvm_buffer_memory_used_bytes", "id=\"direct\""));
                    Thread.sleep(500);
                }
                assertThat(Api.get(store.url() + "/api/posts/live:0").status())
                        .as("a large read while the pipelining client holds its answers").isEqualTo(200);
            }
            assertThat(Files.readString(store.log())).doesNotContain("OutOfMemoryError");
            // a connection that does read gets every pipelined answer, in order
            assertThat(pipelinedAnswers(stream, 3)).containsExactly(200, 200, 200);

            TelegramHeapIT.Heap gc = TelegramHeapIT.Heap.read(gcLog);
            LOG.info("Stream heap test: store-service with -Xmx{}, {} live clients reading nothing before {} posts of "
                    + "900,000 characters; direct memory at most {} MiB while they stalled, {} MiB while one "
                    + "connection held {} pipelined reads; {} GCs, peak heap before GC {} MiB, largest after GC {} MiB",
                    RunShJvm.heap(root, "store"), LIVE_STALLED, LARGE_POSTS, Math.round(peakDirect / (1 << 20)),
                    Math.round(pipelinedDirect / (1 << 20)), PIPELINED, gc.collections(), gc.peakBeforeGc(),
                    gc.largestAfterGc());
        }
    }

    /**
     * Clients that ask for large answers and read nothing cannot run store-service's memory out (a helper's review,
     * 2026-12-07): with posts of 800,000 characters full of {@code &} and {@code <}, which Atom writes {@code &amp;}
     * and {@code &lt;}, 60 such clients of the feeds, listings and posts crashed the store within 7 seconds
     * ({@code OutOfMemoryError}: Rome took about 60 MB of heap to write one such entry). Now the store stays up; while
     * the answers waiting for them hold {@code max-unsent-answers} (8 MiB here), a read is answered 503 with
     * {@code Retry-After}; once their answers have not moved for {@code send-timeout} (10 s here) their connections
     * are closed, and a reading client gets the whole feed while the stalled clients still hold their sockets.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void clientsThatReadNothingOfLargeAnswersCannotRunTheStoreOut() throws Exception {
        Assumptions.assumeTrue("telegram-heap".equals(System.getProperty("newsfeed.e2e.fork")),
                "runs in the failsafe execution telegram-heap only");
        OwnExecution.assumeSelected(StreamHeapIT.class);
        Path root = Paths.root();
        Path gcLog = gcLog(root, "answers");
        try (ServiceProcess store = startStore(root, "streamanswers", gcLog, Map.of(
                "NEWSFEED_STORE_MAX_UNSENT_ANSWERS", "8M", "NEWSFEED_STORE_SEND_TIMEOUT", "10s"))) {
            for (int i = 0; i < MARKUP_POSTS; i++) {
                KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, "markup:" + i,
                        Json.mapper().writeValueAsBytes(markupPost("markup:" + i, i)));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> Api.get(store.url() + "/api/posts/markup:" + (MARKUP_POSTS - 1)).status() == 200);
            URI base = URI.create(store.url());
            List<Socket> stalled = new ArrayList<>();
            HttpResponse<byte[]> busy;
            HttpResponse<byte[]> feed;
            double closed;
            try {
                for (int i = 0; i < ANSWER_STALLED; i++) {
                    Socket socket = new Socket();
                    socket.setReceiveBufferSize(4096);
                    socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()));
                    String path = switch (i % 4) {
                        case 0 -> "/feed.atom";
                        case 1 -> "/feed.json";
                        case 2 -> "/api/posts";
                        default -> "/api/posts/markup:" + (i % MARKUP_POSTS);
                    };
                    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                            + base.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                        () -> metric(store, "newsfeed_store_answers_unsent_bytes", "") >= 8 << 20);
                busy = Api.bytes(store.url() + "/feed.atom");
                // the send timeout, then a sweep, closes the stalled connections: their answers leave the heap
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
                    assertThat(metric(store, "newsfeed_store_answers_unsent_bytes", "")).isLessThan(1 << 20);
                });
                closed = metric(store, "newsfeed_store_connections_stalled_closed_total", "");
                feed = Api.bytes(store.url() + "/feed.atom?limit=200");
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            assertThat(store.isAlive()).as("store-service is running; see %s", store.log()).isTrue();
            assertThat(Files.readString(store.log())).doesNotContain("OutOfMemoryError");
            assertThat(busy.statusCode()).as("a read while the waiting answers hold max-unsent-answers")
                    .isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(closed).as("stalled connections closed").isPositive();
            assertThat(feed.statusCode()).isEqualTo(200);
            // the whole feed, parsed: the first entry (the page's text budget holds one such post), its text as stored
            org.w3c.dom.Document atom = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance()
                    .newDocumentBuilder().parse(new java.io.ByteArrayInputStream(feed.body()));
            org.w3c.dom.NodeList contents = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content");
            assertThat(contents.getLength()).isEqualTo(1);
            assertThat(contents.item(0).getTextContent()).startsWith("Paragraph 0 of markup:" + (MARKUP_POSTS - 1))
                    .hasSize(MARKUP_PARAGRAPHS * 1_000 + (MARKUP_PARAGRAPHS - 1) * 2);

            TelegramHeapIT.Heap gc = TelegramHeapIT.Heap.read(gcLog);
            LOG.info("Answer heap test: store-service with -Xmx{}, {} clients of large answers reading nothing, {} of "
                    + "their connections closed by the send timeout; {} GCs, peak heap before GC {} MiB, largest "
                    + "after GC {} MiB", RunShJvm.heap(root, "store"), ANSWER_STALLED, Math.round(closed),
                    gc.collections(), gc.peakBeforeGc(), gc.largestAfterGc());
        }
    }

    /**
     * A kept post of {@link #MARKUP_PARAGRAPHS} paragraphs of 1,000 characters, most of them {@code &}, {@code <} and
     * {@code "}: Atom writes it about four times as long, JSON a quarter longer.
     */
    private static DeduplicatedPost markupPost(String postId, int seed) {
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < MARKUP_PARAGRAPHS; p++) {
            String text = "Paragraph " + p + " of " + postId + " " + "&<&\"".repeat(250);
            kept.add(p);
            paragraphs.add(new Paragraph(p, text.substring(0, 1_000), ParagraphKind.TEXT));
        }
        Instant at = Instant.parse("2025-04-01T08:00:00Z").plusSeconds(seed);
        NormalizedPost post = new NormalizedPost(postId, "markup", at, at, "Markup post " + seed, null, paragraphs,
                List.of(), List.of(), null, null, 1, false);
        return new DeduplicatedPost(post, kept, List.of(), PostStatus.UNIQUE, null, 1);
    }

    /** A metric's value from the service's Prometheus metrics: its first series whose labels hold {@code label}. */
    private static double metric(ServiceProcess service, String name, String label) throws Exception {
        return Api.text(service.managementUrl() + "/q/metrics").lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " " + label));
    }

    /** The statuses of {@code count} small requests sent at once on one connection, read in order. */
    private static List<Integer> pipelinedAnswers(URI stream, int count) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
            socket.setSoTimeout(30_000);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < count; i++) {
                requests.append("GET /api/posts?limit=1 HTTP/1.1\r\nHost: ").append(stream.getHost()).append(':')
                        .append(stream.getPort()).append("\r\n").append(i == count - 1 ? "Connection: close\r\n" : "")
                        .append("\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answers);
            while (status.find()) {
                statuses.add(Integer.parseInt(status.group(1)));
            }
        }
        return statuses;
    }

    /** Whether the server closed the socket (end of stream or a reset) before the socket's read timeout. */
    private static boolean closedByServer(Socket socket) throws java.io.IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static Path gcLog(Path root, String test) throws java.io.IOException {
        return Files.createDirectories(root.resolve("e2e/target/e2e-logs"))
                .resolve("store-service-heap-" + test + "-" + System.nanoTime() + "-gc.log");
    }

    /** store-service alone, with the heap and JVM options run.sh gives it, on a database of its own. */
    private static ServiceProcess startStore(Path root, String database, Path gcLog, Map<String, String> extraEnv)
            throws Exception {
        List<Integer> ports = Pipeline.freePorts(2);
        List<String> jvm = new ArrayList<>(RunShJvm.options(root, "store"));
        jvm.add("-Xlog:gc:file=" + gcLog + ":uptime");
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "NEWSFEED_KAFKA_TOPIC_PARTITIONS", "3",
                "QUARKUS_DATASOURCE_JDBC_URL", TestPostgres.createDatabase(database),
                "QUARKUS_DATASOURCE_USERNAME", TestPostgres.username(),
                "QUARKUS_DATASOURCE_PASSWORD", TestPostgres.password()));
        env.putAll(extraEnv);
        return ServiceProcess.start(root, Pipeline.STORE, ports.get(0), ports.get(1), jvm, env,
                Duration.ofSeconds(120));
    }

    private static String request(URI stream, Long lastEventId) {
        return "GET " + stream.getPath() + " HTTP/1.1\r\nHost: " + stream.getHost() + ":" + stream.getPort()
                + "\r\nAccept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
    }

    /** The postIds of the first {@code count} events of a stream resumed after {@code lastEventId}, read as sent. */
    private static List<String> readEvents(URI stream, long lastEventId, int count, Duration timeout)
            throws Exception {
        List<String> postIds = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request(stream, lastEventId).getBytes(StandardCharsets.US_ASCII));
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            Pattern postId = Pattern.compile("\"postId\":\"([^\"]+)\"");
            long deadline = System.nanoTime() + timeout.toNanos();
            for (String line = lines.readLine(); line != null && postIds.size() < count; line = lines.readLine()) {
                assertThat(System.nanoTime()).as("events within %s", timeout).isLessThan(deadline);
                if (line.startsWith("data:")) {
                    Matcher m = postId.matcher(line);
                    assertThat(m.find()).as("an event's data names its post").isTrue();
                    postIds.add(m.group(1));
                }
            }
        }
        return postIds;
    }

    /** A stored decision of {@code count} kept paragraphs of about 1,000 characters each. */
    private static DeduplicatedPost largePost(String postId, int seed, int count) {
        String[] words = ("harbour ferry council tide pier lock keeper notice timetable winter storm chart buoy light "
                + "skipper mooring waterfront market schooner crew board report channel repair engine").split(" ");
        Random random = new Random(seed);
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            StringBuilder text = new StringBuilder("Paragraph ").append(p).append(" of ").append(postId);
            while (text.length() < 1_000) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            kept.add(p);
            paragraphs.add(new Paragraph(p, text.toString(), ParagraphKind.TEXT));
        }
        Instant at = Instant.parse("2025-03-01T08:00:00Z").plusSeconds(seed);
        // a postId is <source>:<externalId>: the store dead-letters a decision whose postId is not of its source
        NormalizedPost post = new NormalizedPost(postId, postId.substring(0, postId.indexOf(':')), at, at,
                "Large post " + seed, null, paragraphs,
                List.of(), List.of(), null, null, 1, false);
        return new DeduplicatedPost(post, kept, List.of(), PostStatus.UNIQUE, null, 1);
    }
}
