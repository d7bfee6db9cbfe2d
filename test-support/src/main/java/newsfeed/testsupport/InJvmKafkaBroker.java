package newsfeed.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka KRaft cluster (broker and controller in one process, node id 1) running inside
 * this JVM on free 127.0.0.1 ports, with its logs in {@code target/kafka-<random>/} (deleted on close).
 * Every replication factor and min ISR is 1, so consumer groups, transactions and Kafka Streams
 * {@code exactly_once_v2} work.
 */
final class InJvmKafkaBroker implements KafkaBackend {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final Path dir;
    private final String bootstrapServers;

    private InJvmKafkaBroker(KafkaRaftServer server, Path dir, String bootstrapServers) {
        this.server = server;
        this.dir = dir;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats storage, starts the server and waits until an admin client can describe the cluster. */
    static InJvmKafkaBroker start() {
        Path dir = JvmResources.newDirUnderTarget("kafka");
        int[] ports = JvmResources.freeLoopbackPorts(2);
        String bootstrap = "127.0.0.1:" + ports[0];
        Properties config = config(dir, ports[0], ports[1]);
        Path configFile = writeConfig(dir, config);
        format(configFile, dir);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        InJvmKafkaBroker broker = new InJvmKafkaBroker(server, dir, bootstrap);
        try {
            server.startup();
            awaitReady(bootstrap, dir);
            return broker;
        } catch (RuntimeException e) {
            try {
                broker.close();
            } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static Properties config(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner (compacted Kafka Streams changelogs) allocates this up front; default is 128 MiB of heap.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        return p;
    }

    private static Path writeConfig(Path dir, Properties config) {
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "newsfeed test-support in-JVM Kafka broker");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Kafka broker config " + file, e);
        }
    }

    /** Runs {@code kafka-storage format} in-process; {@code StorageTool.main} would exit the JVM. */
    private static void format(Path configFile, Path dir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString()};
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting in-JVM Kafka storage in " + dir + " failed: "
                    + e.getMessage() + "; tool output: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting in-JVM Kafka storage in " + dir + " exited with "
                    + exitCode + "; tool output: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitReady(String bootstrap, Path dir) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for in-JVM Kafka broker at " + bootstrap, e);
                } catch (Exception e) {
                    last = e;
                }
                sleep(100);
            }
        }
        throw new IllegalStateException("in-JVM Kafka broker did not become ready within "
                + READY_TIMEOUT.toSeconds() + " s at " + bootstrap + "; log dir " + dir
                + (last == null ? "" : "; last error: " + last), last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for in-JVM Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "in-JVM Kafka broker at " + bootstrapServers + " (log dir " + dir + ")";
    }

    /** Stops the server and deletes its log directory. */
    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        JvmResources.deleteRecursively(dir);
    }
}
