package newsfeed.dedup.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.kafka.NativeLz4;
import newsfeed.dedup.kafka.BoundedRocksDbConfig;
import newsfeed.dedup.topology.DedupSettings;
import newsfeed.dedup.topology.DedupTopology;
import newsfeed.dedup.volume.CorpusPosts;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import newsfeed.workload.NewsCorpus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * dedup-service's topology alone on a backlog, where the pipeline benchmark ({@code deploy/local/bench.sh}) cannot
 * separate it from the other processes sharing the two cores: how fast it decides posts already waiting in its input
 * topic, and how much CPU its threads spend per post.
 *
 * <p>One JVM, one broker ({@code TestKafka}: in-JVM KRaft without Docker), the settings of application.properties and
 * run.sh (exactly-once v2, 50 ms commits, RocksDB with 32 MiB, no record cache, lz4, one claim partition), and input
 * topics of 3 partitions. The posts are the {@code workload} corpus of the pipeline benchmark (30,000-word Zipf
 * vocabulary, shared templates, planted verbatim and near repeats). The topology first decides {@code --warmup} posts
 * (JIT, state), then the measured {@code --posts} are written to its input and it is timed until the last one is
 * decided. The baseline, in the same invocation, is a Kafka Streams application with the same settings that copies
 * the same records from an input topic to an output topic without state: the floor of an exactly-once stage.
 *
 * <p>Printed: posts/s; CPU per post of the application's own threads (its stream thread, producer and consumer
 * threads; the broker runs in the same JVM and is not counted); the CPU per post of RocksDB's flush and compaction
 * threads, which work beside them; garbage collection time; and each as a ratio to the baseline. Then whether every planted repeat was removed with the right original and nothing else was.
 *
 * <p>Run: {@code ./mvnw -B -Preplay-bench -DskipTests -pl dedup-service -am verify} (20,000 measured posts after
 * 20,000 warm-up posts, seed 42; {@code -Dreplay.args="--posts N --warmup N --seed N"} to change them). It exits 1
 * when a decision is wrong, 2 when the run fails.
 */
public final class DedupReplayBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final int PARTITIONS = 3;

    private DedupReplayBenchmark() {
    }

    /**
     * Threads' CPU time, RocksDB's background threads' CPU time and garbage collection, sampled before and after a
     * run. RocksDB's flush and compaction threads are native: the JVM does not list them, so their time is read from
     * {@code /proc/self/task/<tid>/schedstat} (nanoseconds on the CPU, first field), by their name
     * ({@code rocksdb:low}, {@code rocksdb:high}); 0 where /proc is not there.
     */
    private record Usage(long cpuNanos, long rocksDbNanos, long gcMillis) {
        static Usage of(String applicationId) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().contains(applicationId)) {
                    long nanos = threads.getThreadCpuTime(info.getThreadId());
                    cpu += Math.max(nanos, 0);
                }
            }
            long gc = 0;
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(bean.getCollectionTime(), 0);
            }
            return new Usage(cpu, rocksDbBackgroundNanos(), gc);
        }

        private static long rocksDbBackgroundNanos() {
            long nanos = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (Files.readString(task.resolve("comm")).startsWith("rocksdb:")) {
                            nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended between the listing and the read
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return nanos;
        }
    }

    /** One timed run: how many records, the wall time, and the threads' CPU and GC over it. */
    private record Figures(int records, long wallNanos, long cpuNanos, long rocksDbNanos, long gcMillis) {
        double perSecond() {
            return records / (wallNanos / 1e9);
        }

        double cpuMicrosPerRecord() {
            return cpuNanos / 1e3 / records;
        }

        double rocksDbMicrosPerRecord() {
            return rocksDbNanos / 1e3 / records;
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // the threads of the broker and of Kafka Streams are not daemons: without an exit the failed run would go
            // on idling, and sharing the cores with whatever is measured next
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        // without a configuration every logger would log at DEBUG, and formatting Kafka's debug lines (its records
        // among them) would be measured as the topology's work
        Logger.getLogger("").setLevel(Level.WARNING);
        Map<String, String> options = options(args);
        int posts = Integer.parseInt(options.getOrDefault("posts", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        NativeLz4.load();
        String run = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(warmup + posts, seed,
                Instant.parse("2026-12-01T00:00:00Z")));
        List<NormalizedPost> all = CorpusPosts.normalized(corpus, run);
        JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
        List<ProducerRecord<String, byte[]>> warmupRecords = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> measuredRecords = new ArrayList<>();
        DedupTopology.StageTopics topics = new DedupTopology.StageTopics(run + ".normalized", run + ".deduplicated",
                run + ".dead-letter", PARTITIONS);
        for (int i = 0; i < all.size(); i++) {
            NormalizedPost post = all.get(i);
            (i < warmup ? warmupRecords : measuredRecords).add(new ProducerRecord<>(topics.input(), post.postId(),
                    serde.serialize(topics.input(), post)));
        }
        long bytes = measuredRecords.stream().mapToLong(r -> r.value().length).sum();
        TestKafka.createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter(), run + ".copy-in",
                run + ".copy-out");
        System.out.printf(Locale.ROOT, "Dedup replay benchmark %s (seed %d): %d posts after %d warm-up posts, "
                + "%d bytes per post on average, %d partitions%n%n", run, seed, posts, warmup,
                bytes / Math.max(posts, 1), PARTITIONS);

        Figures baseline = copyBaseline(run, warmupRecords, measuredRecords);

        Map<String, DeduplicatedPost> decisions = new HashMap<>();
        Figures dedup;
        String applicationId = run + "-dedup";
        DedupSettings.Values settings = DedupSettings.Values.DEFAULT.withClaimPartitions(1);
        try (KafkaStreams streams = start(applicationId, DedupTopology.build(settings, new SimpleMeterRegistry(),
                topics));
                KafkaConsumer<String, byte[]> output = outputConsumer(topics.output())) {
            KafkaTestClient.produce(warmupRecords);
            await(output, decisions, warmup);
            dedup = timed(applicationId, measuredRecords, output, decisions, warmup + posts);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }

        System.out.printf(Locale.ROOT, "%-28s %9s %14s %16s %12s%n", "", "posts/s", "CPU per post",
                "RocksDB bg/post", "GC");
        print("copy, exactly-once (baseline)", baseline, null);
        print("dedup topology", dedup, baseline);
        List<String> wrong = CorpusPosts.mismatches(corpus, run, decisions);
        System.out.printf(Locale.ROOT, "%nplanted repeats: %d verbatim, %d near; %s%n",
                corpus.count(NewsCorpus.RepeatKind.VERBATIM), corpus.count(NewsCorpus.RepeatKind.NEAR),
                wrong.isEmpty() ? "every one removed with the right duplicateOf, nothing else removed"
                        : wrong.size() + " decisions wrong, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
        System.exit(wrong.isEmpty() ? 0 : 1);
    }

    private static void print(String name, Figures figures, Figures baseline) {
        String ratio = baseline == null ? "" : String.format(Locale.ROOT, "   = %.3f× the baseline's rate, %.1f× its "
                + "CPU per post", figures.perSecond() / baseline.perSecond(),
                figures.cpuMicrosPerRecord() / baseline.cpuMicrosPerRecord());
        System.out.printf(Locale.ROOT, "%-28s %9.0f %11.0f µs %13.0f µs %9d ms%s%n", name, figures.perSecond(),
                figures.cpuMicrosPerRecord(), figures.rocksDbMicrosPerRecord(), figures.gcMillis(), ratio);
    }

    /** The stateless exactly-once copy of the same records, warmed up on the warm-up records like the topology. */
    private static Figures copyBaseline(String run, List<ProducerRecord<String, byte[]>> warmupRecords,
            List<ProducerRecord<String, byte[]>> measuredRecords) throws Exception {
        String in = run + ".copy-in";
        String out = run + ".copy-out";
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(out, Produced.with(Serdes.String(), Serdes.ByteArray()));
        String applicationId = run + "-copy";
        try (KafkaStreams streams = start(applicationId, builder.build());
                KafkaConsumer<String, byte[]> output = outputConsumer(out)) {
            KafkaTestClient.produce(retarget(warmupRecords, in));
            awaitCount(output, warmupRecords.size());
            long start = System.nanoTime();
            Usage before = Usage.of(applicationId);
            KafkaTestClient.produce(retarget(measuredRecords, in));
            awaitCount(output, measuredRecords.size());
            Figures figures = figures(applicationId, measuredRecords.size(), start, before);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            return figures;
        }
    }

    private static Figures timed(String applicationId, List<ProducerRecord<String, byte[]>> records,
            KafkaConsumer<String, byte[]> output, Map<String, DeduplicatedPost> decisions, int expected) {
        long start = System.nanoTime();
        Usage before = Usage.of(applicationId);
        KafkaTestClient.produce(records);
        await(output, decisions, expected);
        return figures(applicationId, records.size(), start, before);
    }

    private static Figures figures(String applicationId, int records, long start, Usage before) {
        long wall = System.nanoTime() - start;
        Usage after = Usage.of(applicationId);
        return new Figures(records, wall, after.cpuNanos() - before.cpuNanos(),
                after.rocksDbNanos() - before.rocksDbNanos(), after.gcMillis() - before.gcMillis());
    }

    private static List<ProducerRecord<String, byte[]>> retarget(List<ProducerRecord<String, byte[]>> records,
            String topic) {
        return records.stream().map(r -> new ProducerRecord<>(topic, r.key(), r.value())).toList();
    }

    private static KafkaStreams start(String applicationId, Topology topology) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of("target"), applicationId)
                .toString());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        config.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        config.put(StreamsConfig.producerPrefix("max.request.size"), 1_048_576);
        KafkaStreams streams = new KafkaStreams(topology, config);
        // the loggers are quiet (above): a topology that fails says why here and ends the run, instead of the run
        // waiting out its timeout for decisions that cannot come
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println(applicationId + " failed:");
            e.printStackTrace();
            System.exit(2);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return streams;
    }

    private static KafkaConsumer<String, byte[]> outputConsumer(String topic) {
        Properties config = KafkaTestClient.consumerConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads decisions until {@code expected} posts have one; fails after {@link #TIMEOUT}. */
    private static void await(KafkaConsumer<String, byte[]> output, Map<String, DeduplicatedPost> decisions,
            int expected) {
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (decisions.size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("decisions for " + expected + " posts within " + TIMEOUT + ", have "
                        + decisions.size());
            }
            for (ConsumerRecord<String, byte[]> record : output.poll(Duration.ofMillis(100))) {
                DeduplicatedPost post = serde.deserialize(record.topic(), record.value());
                decisions.merge(post.postId(), post, (a, b) -> b.revision() >= a.revision() ? b : a);
            }
        }
    }

    private static void awaitCount(KafkaConsumer<String, byte[]> output, int expected) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int seen = 0;
        while (seen < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(expected + " records within " + TIMEOUT + ", have " + seen);
            }
            seen += output.poll(Duration.ofMillis(100)).count();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--posts N] [--warmup N] [--seed N], got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
