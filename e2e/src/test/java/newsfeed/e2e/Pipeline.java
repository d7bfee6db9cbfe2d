package newsfeed.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsfeed.testsupport.TestKafka;
import newsfeed.testsupport.TestPostgres;

/**
 * The three services as processes, connected to this JVM's test Kafka broker and a fresh PostgreSQL database: the
 * whole pipeline, started once per test JVM and stopped at its exit. Consumer groups and Kafka Streams application
 * ids are the production ones, so tests that share the pipeline use distinct sources.
 */
final class Pipeline {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static Pipeline shared;

    final String ingestUrl;
    final String dedupUrl;
    final String storeUrl;
    final String jdbcUrl;

    private Pipeline(String ingestUrl, String dedupUrl, String storeUrl, String jdbcUrl) {
        this.ingestUrl = ingestUrl;
        this.dedupUrl = dedupUrl;
        this.storeUrl = storeUrl;
        this.jdbcUrl = jdbcUrl;
    }

    static synchronized Pipeline shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static Pipeline start() throws IOException, InterruptedException {
        Path root = Paths.root();
        String bootstrap = TestKafka.bootstrapServers();
        String jdbcUrl = TestPostgres.createDatabase("e2e");
        Path state = Files.createDirectories(root.resolve("e2e/target/e2e-state-" + UUID.randomUUID()));
        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "NEWSFEED_KAFKA_TOPIC_PARTITIONS", "3");
        List<ServiceProcess> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(ServiceProcess::close)));
        try {
            started.add(ServiceProcess.start(root, "ingest-service", freePort(),
                    with(common, "NEWSFEED_STATE_DIR", state.resolve("ingest").toString()), READY_TIMEOUT));
            started.add(ServiceProcess.start(root, "dedup-service", freePort(),
                    with(common, "NEWSFEED_STATE_DIR", state.resolve("dedup").toString()), READY_TIMEOUT));
            Map<String, String> store = new HashMap<>(common);
            store.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            store.put("QUARKUS_DATASOURCE_USERNAME", TestPostgres.username());
            store.put("QUARKUS_DATASOURCE_PASSWORD", TestPostgres.password());
            started.add(ServiceProcess.start(root, "store-service", freePort(), store, READY_TIMEOUT));
        } catch (RuntimeException | IOException | InterruptedException e) {
            started.forEach(ServiceProcess::close);
            started.clear();
            throw e;
        }
        return new Pipeline(started.get(0).url(), started.get(1).url(), started.get(2).url(), jdbcUrl);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(key, value);
        return env;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
