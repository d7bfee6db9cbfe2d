package newsfeed.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import newsfeed.workload.NewsCorpus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline benchmark that {@code deploy/local/bench.sh} runs against a running local stack (issue 8). In one
 * run it measures, on the same broker and database:
 * <ol>
 *   <li>the baseline: a bare Kafka producer ({@code acks=all}, otherwise Kafka's defaults) sending the same records
 *       that ingest-service will write to {@code posts.raw} (the same count and sizes) to a scratch topic with as
 *       many partitions, after a warm-up pass;</li>
 *   <li>throughput: N posts of a {@link NewsCorpus} (realistic text, planted verbatim and near repeats) sent to
 *       {@code POST /api/posts} in batches, as fast as ingest accepts them; ingest's accepted posts/s, and the
 *       end-to-end rate (until the last post is a row in PostgreSQL) and its ratio to the baseline;</li>
 *   <li>latency: posts offered at a paced rate; {@code stored_at − received_at} percentiles;</li>
 *   <li>memory: the peak resident size of every process of the stack while it works;</li>
 *   <li>correctness: every planted repeat removed with the right reason and {@code duplicateOf}, and nothing else
 *       removed across posts (precision and recall).</li>
 * </ol>
 * Figures are printed, never asserted; the exit status is 1 when posts were not all stored in time or a decision is
 * wrong, so a smoke run (a few hundred posts) checks the pipeline end to end.
 *
 * <p>Options: see {@link Options#USAGE}.
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Command-line options. */
    record Options(String ingest, String kafka, String jdbc, String dbUser, String dbPassword, int posts,
            int batch, int concurrency, int pacedRate, int pacedSeconds, long seed, Duration timeout,
            List<ProcessUsage.Watched> watched, String token, int warmup) {

        static final String USAGE = """
                PipelineBenchmark --ingest URL --kafka HOST:PORT --jdbc URL [--db-user U] [--db-password P]
                  [--posts N (20000)] [--batch B (200)] [--concurrency C (4)]
                  [--paced-rate R (200 posts/s)] [--paced-seconds S (20)] [--seed SEED (random)]
                  [--warmup N (20000)] [--timeout SECONDS (900)] [--pid NAME=PID ...] [--postgres-data DIR]
                  [--token TOKEN]""";

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            List<ProcessUsage.Watched> watched = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value at '" + name + "'\n" + USAGE);
                }
                String value = args[++i];
                if (name.equals("--pid")) {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--pid takes NAME=PID, got " + value);
                    }
                    watched.add(new ProcessUsage.Watched(value.substring(0, eq),
                            Long.parseLong(value.substring(eq + 1)), null));
                } else if (name.equals("--postgres-data")) {
                    watched.add(new ProcessUsage.Watched("postgresql", -1, value));
                } else {
                    values.put(name.substring(2), value);
                }
            }
            for (String required : List.of("ingest", "kafka", "jdbc")) {
                if (!values.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is required\n" + USAGE);
                }
            }
            return new Options(values.get("ingest"), values.get("kafka"), values.get("jdbc"),
                    values.getOrDefault("db-user", "postgres"), values.getOrDefault("db-password", "postgres"),
                    positive(values, "posts", 20_000), positive(values, "batch", 200),
                    positive(values, "concurrency", 4), positive(values, "paced-rate", 200),
                    Integer.parseInt(values.getOrDefault("paced-seconds", "20")),
                    values.containsKey("seed") ? Long.parseLong(values.get("seed"))
                            : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                    Duration.ofSeconds(positive(values, "timeout", 900)), watched, values.get("token"),
                    // 3,000 left dedup-service's C2 compiling through the throughput run (deploy/local README)
                    Integer.parseInt(values.getOrDefault("warmup", "20000")));
        }

        private static int positive(Map<String, String> values, String name, int fallback) {
            int value = Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
            if (value < 1) {
                throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
            }
            return value;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final String run;

    private PipelineBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        // a new source per run, so that runs on one stack do not meet; the texts depend on the seed alone
        this.run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36)
                + Long.toString(Math.abs(options.seed() % 46_656L), 36);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean ok = new PipelineBenchmark(options, System.out).run();
        System.exit(ok ? 0 : 1);
    }

    boolean run() throws Exception {
        Instant now = Instant.now();
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(options.posts(), options.seed(),
                now.minus(Duration.ofMinutes(10))));
        int pacedPosts = options.pacedRate() * options.pacedSeconds();
        NewsCorpus paced = NewsCorpus.generate(NewsCorpus.Settings.standard(pacedPosts, options.seed() + 1,
                now.minus(Duration.ofMinutes(1))));
        String source = "bench-" + run;
        String pacedSource = "bench-" + run + "-paced";
        List<byte[]> bodies = batches(corpus, source);
        out.printf("Benchmark run %s (seed %d): %d posts (%d verbatim and %d near repeats planted), batches of %d,"
                + " %d concurrent requests; then %d posts at %d posts/s%n%n", run, options.seed(), options.posts(),
                corpus.count(NewsCorpus.RepeatKind.VERBATIM), corpus.count(NewsCorpus.RepeatKind.NEAR),
                options.batch(), options.concurrency(), pacedPosts, options.pacedRate());

        if (options.warmup() > 0) {
            warmUp(now);
        }
        Baseline baseline = bareProducer(corpus, source);
        out.printf("bare producer     %,10.0f records/s  (%d records of %d bytes on average, acks=all, %d"
                + " partitions)%n", baseline.rate(), options.posts(), baseline.averageBytes(), baseline.partitions());

        boolean ok = true;
        try (ProcessUsage memory = new ProcessUsage(options.watched());
                Connection db = DriverManager.getConnection(options.jdbc(), dbProperties())) {
            Map<String, Double> cpuBefore = memory.cpuSeconds();
            long start = System.nanoTime();
            long accepted = send(bodies);
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            out.printf("ingest accepted   %,10.0f posts/s    (%d posts in %.1f s)%n", accepted / ingestSeconds,
                    accepted, ingestSeconds);
            long stored = awaitStored(db, source, options.posts(), start);
            double endToEndSeconds = (System.nanoTime() - start) / 1e9;
            double endToEnd = stored / endToEndSeconds;
            out.printf("end-to-end stored %,10.0f posts/s    (%d of %d posts in PostgreSQL after %.1f s) = %.3f×"
                    + " the bare producer%n", endToEnd, stored, options.posts(), endToEndSeconds,
                    endToEnd / baseline.rate());
            ok &= stored == options.posts();
            Map<String, Double> cpuAfter = memory.cpuSeconds();
            awaitQuiet(db, source);

            Correctness correctness = Correctness.check(db, corpus, source);
            out.println(correctness.summary());
            ok &= correctness.perfect();

            if (pacedPosts > 0) {
                Latency latency = paced(db, paced, pacedSource);
                out.printf("latency at %d/s   p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms  (stored_at −"
                        + " received_at, %d of %d posts)%n", options.pacedRate(), latency.p50(), latency.p95(),
                        latency.p99(), latency.max(), latency.stored(), pacedPosts);
                ok &= latency.stored() == pacedPosts;
            }
            out.println();
            out.println("process          peak RSS (last)    CPU per post in the throughput run");
            memory.usage().forEach((name, usage) -> {
                out.printf("  %-16s %5s MB (%5s MB) %8s%n", name, megabytes(usage.peak()), megabytes(usage.last()),
                        cpuPerPost(cpuBefore.getOrDefault(name, -1.0), cpuAfter.getOrDefault(name, -1.0), stored));
            });
        }
        out.println();
        out.println(ok ? "RESULT ok: every post stored, every planted repeat found, nothing else removed"
                : "RESULT failed: see above");
        return ok;
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "?" : Long.toString(bytes / (1024 * 1024));
    }

    private Properties dbProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", options.dbUser());
        properties.setProperty("password", options.dbPassword());
        return properties;
    }

    /**
     * Sends a corpus of its own through the pipeline and waits until it is stored, so that the figures are those of
     * warm processes (JIT-compiled code, filled caches), not of their first minute.
     */
    private void warmUp(Instant now) throws Exception {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(options.warmup(), options.seed() + 2,
                now.minus(Duration.ofMinutes(20))));
        String source = "bench-" + run + "-warmup";
        long start = System.nanoTime();
        send(batches(corpus, source));
        try (Connection db = DriverManager.getConnection(options.jdbc(), dbProperties())) {
            long stored = awaitStored(db, source, options.warmup(), start);
            out.printf("warm-up           %d posts stored in %.1f s (not counted)%n", stored,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The corpus as {@code POST /api/posts} bodies of {@code batch} posts each. */
    private List<byte[]> batches(NewsCorpus corpus, String source) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        ArrayNode batch = JSON.createArrayNode();
        for (NewsCorpus.Post post : corpus.posts()) {
            batch.add(item(post, source));
            if (batch.size() == options.batch()) {
                bodies.add(JSON.writeValueAsBytes(batch));
                batch = JSON.createArrayNode();
            }
        }
        if (!batch.isEmpty()) {
            bodies.add(JSON.writeValueAsBytes(batch));
        }
        return bodies;
    }

    private static ObjectNode item(NewsCorpus.Post post, String source) {
        ObjectNode item = JSON.createObjectNode();
        item.put("source", source);
        item.put("externalId", Integer.toString(post.index()));
        item.put("publishedAt", post.publishedAt().toString());
        item.put("body", post.body());
        return item;
    }

    /** Sends the bodies with {@code concurrency} requests in flight; returns the posts accepted. */
    private long send(List<byte[]> bodies) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(pool.submit(() -> post(body)));
            }
            long accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get();
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One request; retried while ingest answers 503 (Kafka busy). */
    private int post(byte[] body) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.ingest() + "/api/posts"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (options.token() != null) {
                request.header("Authorization", "Bearer " + options.token());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return JSON.readTree(response.body()).get("accepted").asInt();
            }
            if (response.statusCode() != 503 || attempt == 5) {
                throw new IllegalStateException("POST /api/posts: HTTP " + response.statusCode() + " "
                        + response.body());
            }
            Thread.sleep(500L * attempt);
        }
    }

    record Baseline(double rate, int averageBytes, int partitions) {
    }

    /**
     * The same records ingest-service writes to {@code posts.raw} (a RawPost JSON per post, keyed by postId), sent by
     * a bare producer with {@code acks=all} to a scratch topic with as many partitions as {@code posts.raw}, which is
     * deleted afterwards.
     */
    private Baseline bareProducer(NewsCorpus corpus, String source) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        String topic = "bench.bare-" + run;
        try (Admin client = Admin.create(admin)) {
            int partitions = client.describeTopics(List.of("posts.raw")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("posts.raw").partitions().size();
            client.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(partitions),
                    java.util.Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            try {
                List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
                long bytes = 0;
                String receivedAt = Instant.now().toString();
                for (NewsCorpus.Post post : corpus.posts()) {
                    ObjectNode raw = item(post, source);
                    String postId = source + ":" + post.index();
                    raw.put("postId", postId);
                    raw.put("sourceType", "HTTP");
                    raw.put("receivedAt", receivedAt);
                    raw.putNull("title");
                    raw.putNull("url");
                    raw.put("contentType", "text/plain");
                    raw.putObject("attributes");
                    byte[] value = JSON.writeValueAsBytes(raw);
                    bytes += value.length;
                    records.add(new ProducerRecord<>(topic, postId, value));
                }
                Properties config = new Properties();
                config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                long start;
                long end;
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                        new ByteArraySerializer())) {
                    // a warm-up pass first, so that connections, metadata and the JIT are not in the figure
                    List<Future<RecordMetadata>> warmUp = new ArrayList<>();
                    for (ProducerRecord<String, byte[]> record : records.subList(0, Math.min(records.size(), 5_000))) {
                        warmUp.add(producer.send(record));
                    }
                    for (Future<RecordMetadata> ack : warmUp) {
                        ack.get();
                    }
                    start = System.nanoTime();
                    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
                    for (ProducerRecord<String, byte[]> record : records) {
                        acks.add(producer.send(record));
                    }
                    for (Future<RecordMetadata> ack : acks) {
                        ack.get();
                    }
                    end = System.nanoTime();
                }
                return new Baseline(records.size() / ((end - start) / 1e9), (int) (bytes / records.size()),
                        partitions);
            } finally {
                client.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until {@code expected} posts of the source are stored; returns how many are. */
    private long awaitStored(Connection db, String source, long expected, long startNanos) throws Exception {
        long deadline = startNanos + options.timeout().toNanos();
        long stored = 0;
        while (System.nanoTime() < deadline) {
            stored = count(db, source);
            if (stored >= expected) {
                return stored;
            }
            Thread.sleep(pollPause(stored, expected, System.nanoTime() - startNanos));
        }
        out.printf("  only %d of %d posts stored within %d s%n", stored, expected, options.timeout().toSeconds());
        return stored;
    }

    /**
     * CPU milliseconds per post of one process in the throughput run.
     *
     * @param before CPU seconds at the start, -1 when unreadable
     * @param after  CPU seconds at the end, -1 when unreadable: the process exited during the run (killed, restarted
     *               under another pid), and there is nothing to subtract from (the figure was negative)
     * @param stored posts stored in the run
     * @return e.g. {@code 1.02 ms}, {@code ?} or {@code ? (exited during the run)}
     */
    static String cpuPerPost(double before, double after, long stored) {
        if (before < 0) {
            return "?";
        }
        if (after < 0 || after < before) {
            return "? (exited during the run)";
        }
        return String.format(Locale.ROOT, "%.2f ms", (after - before) * 1000 / Math.max(1, stored));
    }

    /**
     * Milliseconds until the next count: half the time the posts still missing should take at the rate so far, from
     * 100 ms to 2 s. Counting is a query of the database under test (8 ms of its CPU under load, 20,000 posts): every
     * 250 ms it was 6% of PostgreSQL's time in the throughput run; near the end the figure still has a resolution of
     * 100 ms.
     */
    static long pollPause(long stored, long expected, long elapsedNanos) {
        if (stored <= 0 || elapsedNanos <= 0) {
            return 250;
        }
        double nanosPerPost = (double) elapsedNanos / stored;
        long remainingMillis = (long) ((expected - stored) * nanosPerPost / 1e6);
        return Math.max(100, Math.min(2000, remainingMillis / 2));
    }

    private static long count(Connection db, String source) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM post WHERE source = ?")) {
            query.setString(1, source);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until no post of the source has been revised for 5 s: late corrections have arrived. */
    private void awaitQuiet(Connection db, String source) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long events;
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT coalesce(max(event_id), 0) FROM post WHERE source = ?")) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    events = rs.getLong(1);
                }
            }
            if (events != last) {
                last = events;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(5)) {
                return;
            }
            Thread.sleep(250);
        }
    }

    record Latency(double p50, double p95, double p99, double max, long stored) {
    }

    /** Offers the posts at the paced rate, ten requests a second, and reads their latencies once all are stored. */
    private Latency paced(Connection db, NewsCorpus corpus, String source) throws Exception {
        int perTick = Math.max(1, options.pacedRate() / 10);
        List<NewsCorpus.Post> posts = corpus.posts();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        List<Future<Integer>> results = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int from = 0, tick = 0; from < posts.size(); from += perTick, tick++) {
                long due = start + TimeUnit.MILLISECONDS.toNanos(100L * tick);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ArrayNode batch = JSON.createArrayNode();
                posts.subList(from, Math.min(posts.size(), from + perTick)).forEach(p -> batch.add(item(p, source)));
                byte[] body = JSON.writeValueAsBytes(batch);
                results.add(pool.submit(() -> post(body)));
            }
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        long stored = awaitStored(db, source, posts.size(), System.nanoTime());
        try (PreparedStatement query = db.prepareStatement("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
                FROM (SELECT extract(epoch FROM stored_at - received_at) * 1000 AS ms FROM post WHERE source = ?) l
                """)) {
            query.setString(1, source);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Latency(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), stored);
            }
        }
    }

    /** The stored decisions against the corpus's planted repeats. */
    record Correctness(long verbatimPlanted, long verbatimFound, long nearPlanted, long nearFound,
            long otherRemoved, long removedRows, List<String> wrong) {

        static Correctness check(Connection db, NewsCorpus corpus, String source) throws SQLException {
            Map<String, NewsCorpus.Planted> planted = new HashMap<>();
            for (NewsCorpus.Planted p : corpus.planted()) {
                planted.put(source + ":" + p.post() + "#" + NewsCorpus.Post.normalizedPosition(p.paragraph()), p);
            }
            long verbatimFound = 0;
            long nearFound = 0;
            long other = 0;
            long rows = 0;
            List<String> wrong = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT p.post_id, p.position, p.text, p.reason, p.duplicate_of, p.duplicate_of_position
                    FROM paragraph p JOIN post ON post.post_id = p.post_id
                    WHERE post.source = ? AND p.reason IN ('PUBLISHED_BEFORE', 'NEAR_DUPLICATE')
                    """)) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        String id = rs.getString(1) + "#" + rs.getInt(2);
                        NewsCorpus.Planted p = planted.get(id);
                        if (p == null) {
                            other++;
                            wrong.add(id + " removed as " + rs.getString(4) + " of " + rs.getString(5)
                                    + " but is original");
                            continue;
                        }
                        seen.add(id);
                        boolean verbatim = p.kind() == NewsCorpus.RepeatKind.VERBATIM;
                        String expectedOf = source + ":" + p.originalPost();
                        int expectedPosition = NewsCorpus.Post.normalizedPosition(p.originalParagraph());
                        String expectedText = corpus.posts().get(p.post()).paragraphs().get(p.paragraph());
                        boolean right = rs.getString(4).equals(verbatim ? "PUBLISHED_BEFORE" : "NEAR_DUPLICATE")
                                && expectedOf.equals(rs.getString(5)) && rs.getInt(6) == expectedPosition
                                && expectedText.equals(rs.getString(3));
                        if (right && verbatim) {
                            verbatimFound++;
                        } else if (right) {
                            nearFound++;
                        } else {
                            wrong.add(id + " planted " + p.kind() + " of " + expectedOf + "#" + expectedPosition
                                    + ", removed as " + rs.getString(4) + " of " + rs.getString(5) + "#"
                                    + rs.getInt(6));
                        }
                    }
                }
            }
            planted.forEach((id, p) -> {
                if (!seen.contains(id)) {
                    wrong.add(id + " planted " + p.kind() + " of " + source + ":" + p.originalPost() + " but kept");
                }
            });
            return new Correctness(corpus.count(NewsCorpus.RepeatKind.VERBATIM), verbatimFound,
                    corpus.count(NewsCorpus.RepeatKind.NEAR), nearFound, other, rows, wrong);
        }

        boolean perfect() {
            return wrong.isEmpty();
        }

        String summary() {
            long found = verbatimFound + nearFound;
            double precision = removedRows == 0 ? 1.0 : (double) found / removedRows;
            double recall = (verbatimPlanted + nearPlanted) == 0 ? 1.0
                    : (double) found / (verbatimPlanted + nearPlanted);
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "planted repeats   verbatim %d of %d, near %d of %d removed with the right duplicateOf;"
                            + " %d other paragraphs removed across posts: precision %.4f, recall %.4f",
                    verbatimFound, verbatimPlanted, nearFound, nearPlanted, otherRemoved, precision, recall));
            wrong.stream().limit(10).forEach(w -> text.append("\n  wrong: ").append(w));
            if (wrong.size() > 10) {
                text.append("\n  ... and ").append(wrong.size() - 10).append(" more");
            }
            return text.toString();
        }
    }
}
