package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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
 * have gone, a client resuming at the same place receives all 14 posts in the order they were stored.
 *
 * <p>Runs only in the failsafe execution {@code telegram-heap} ({@code e2e/pom.xml}), beside the other heap tests: its
 * own JVM and Kafka broker, with only store-service started.
 */
class StreamHeapIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHeapIT.class);

    private static final int POSTS = 14;
    private static final int STALLED = 60;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void manyStalledClientsResumingBeforeLargePostsLeaveStoreRunningWithRunShsHeap() throws Exception {
        Assumptions.assumeTrue("telegram-heap".equals(System.getProperty("newsfeed.e2e.fork")),
                "runs in the failsafe execution telegram-heap only");
        OwnExecution.assumeSelected(StreamHeapIT.class);
        Path root = Paths.root();

        List<Integer> ports = Pipeline.freePorts(2);
        Path gcLog = Files.createDirectories(root.resolve("e2e/target/e2e-logs"))
                .resolve("store-service-heap-" + ports.get(0) + "-gc.log");
        List<String> jvm = new ArrayList<>(RunShJvm.options(root, "store"));
        jvm.add("-Xlog:gc:file=" + gcLog + ":uptime");
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "NEWSFEED_KAFKA_TOPIC_PARTITIONS", "3",
                "QUARKUS_DATASOURCE_JDBC_URL", TestPostgres.createDatabase("streamheap"),
                "QUARKUS_DATASOURCE_USERNAME", TestPostgres.username(),
                "QUARKUS_DATASOURCE_PASSWORD", TestPostgres.password()));
        try (ServiceProcess store = ServiceProcess.start(root, Pipeline.STORE, ports.get(0), ports.get(1), jvm, env,
                Duration.ofSeconds(120))) {
            for (int i = 0; i < POSTS; i++) {
                KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, "heap:" + i,
                        Json.mapper().writeValueAsBytes(largePost("heap:" + i, i)));
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

    private static String request(URI stream, long lastEventId) {
        return "GET " + stream.getPath() + " HTTP/1.1\r\nHost: " + stream.getHost() + ":" + stream.getPort()
                + "\r\nAccept: text/event-stream\r\nLast-Event-ID: " + lastEventId + "\r\n\r\n";
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

    /** A stored decision of 300 kept paragraphs of about 1,000 characters: 300,000 characters of text. */
    private static DeduplicatedPost largePost(String postId, int seed) {
        String[] words = ("harbour ferry council tide pier lock keeper notice timetable winter storm chart buoy light "
                + "skipper mooring waterfront market schooner crew board report channel repair engine").split(" ");
        Random random = new Random(seed);
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            StringBuilder text = new StringBuilder("Paragraph ").append(p).append(" of ").append(postId);
            while (text.length() < 1_000) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            kept.add(p);
            paragraphs.add(new Paragraph(p, text.toString(), ParagraphKind.TEXT));
        }
        Instant at = Instant.parse("2025-03-01T08:00:00Z").plusSeconds(seed);
        NormalizedPost post = new NormalizedPost(postId, "heap", at, at, "Large post " + seed, null, paragraphs,
                List.of(), List.of(), null, null, 1, false);
        return new DeduplicatedPost(post, kept, List.of(), PostStatus.UNIQUE, null, 1);
    }
}
