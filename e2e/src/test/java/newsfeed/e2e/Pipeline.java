package newsfeed.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import newsfeed.testsupport.TestApiToken;
import newsfeed.testsupport.TestKafka;
import newsfeed.testsupport.TestPostgres;

/**
 * The three services as processes, connected to this JVM's test Kafka broker and a fresh PostgreSQL database: the
 * whole pipeline, started once per test JVM and stopped at its exit. Consumer groups and Kafka Streams application
 * ids are the production ones, so tests that share the pipeline use distinct sources.
 */
final class Pipeline {

    static final String INGEST = "ingest-service";
    static final String DEDUP = "dedup-service";
    static final String STORE = "store-service";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static Pipeline shared;

    final String ingestUrl;
    final String dedupUrl;
    final String storeUrl;
    /** Roots of the services' management interfaces (health, metrics under {@code /q}). */
    final String ingestManagementUrl;
    final String dedupManagementUrl;
    final String storeManagementUrl;
    final String jdbcUrl;
    /** The port of 127.0.0.1 where ingest-service reads Telegram channels' web previews ({@code /s/<channel>}). */
    final int telegramPreviewPort;
    private final Path root;
    private final Map<String, Integer> ports;
    private final Map<String, Integer> managementPorts;
    private final Map<String, Map<String, String>> environments;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    /** Something to do while a service is stopped. */
    interface WhileStopped {
        void run() throws Exception;
    }

    private Pipeline(Path root, Map<String, Integer> ports, Map<String, Integer> managementPorts,
            Map<String, Map<String, String>> environments, String jdbcUrl, int telegramPreviewPort) {
        this.root = root;
        this.telegramPreviewPort = telegramPreviewPort;
        this.ports = ports;
        this.managementPorts = managementPorts;
        this.environments = environments;
        this.jdbcUrl = jdbcUrl;
        this.ingestUrl = "http://localhost:" + ports.get(INGEST);
        this.dedupUrl = "http://localhost:" + ports.get(DEDUP);
        this.storeUrl = "http://localhost:" + ports.get(STORE);
        this.ingestManagementUrl = "http://localhost:" + managementPorts.get(INGEST);
        this.dedupManagementUrl = "http://localhost:" + managementPorts.get(DEDUP);
        this.storeManagementUrl = "http://localhost:" + managementPorts.get(STORE);
    }

    static synchronized Pipeline shared() throws Exception {
        if (shared == null) {
            Pipeline pipeline = create();
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::stopAll));
            try {
                for (String module : pipeline.environments.keySet()) {
                    pipeline.startService(module);
                }
            } catch (Exception e) {
                pipeline.stopAll();
                throw e;
            }
            shared = pipeline;
        }
        return shared;
    }

    private static Pipeline create() throws IOException {
        Path root = Paths.root();
        String bootstrap = TestKafka.bootstrapServers();
        String jdbcUrl = TestPostgres.createDatabase("e2e");
        Path state = Files.createDirectories(root.resolve("e2e/target/e2e-state-" + UUID.randomUUID()));
        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "NEWSFEED_KAFKA_TOPIC_PARTITIONS", "3");
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Integer> managementPorts = new HashMap<>();
        Iterator<Integer> free = freePorts(7).iterator();
        for (String module : new String[] {INGEST, DEDUP, STORE}) {
            Map<String, String> env = new HashMap<>(common);
            env.put("NEWSFEED_STATE_DIR", state.resolve(module).toString());
            environments.put(module, env);
            ports.put(module, free.next());
            managementPorts.put(module, free.next());
        }
        // The shared pipeline holds fixtures dated from 2024 next to posts dated today: with the default 30 days
        // behind the newest post, the expiry (every minute, wall clock) could drop a fixture's claims while its set is
        // still being judged, and the labelled set would be decided differently depending on when it ran.
        environments.get(DEDUP).put("NEWSFEED_DEDUP_RETENTION", "P3650D");
        environments.get(INGEST).put("NEWSFEED_API_TOKENS", TestApiToken.TOKEN);
        // The feed tests (FeedPollingIT, FeedContentIT) serve their feeds on 127.0.0.1, which ingest-service refuses
        // by default; the guard itself is tested with it off in ingest-service (FeedAddressGuardTest).
        environments.get(INGEST).put("NEWSFEED_FEEDS_ALLOW_PRIVATE", "true");
        // FeedPollingIT times the back-off to the second: without jitter, a delay is exactly the interval's multiple
        // (the jitter itself is tested in ingest-service, FeedPollScheduleTest).
        environments.get(INGEST).put("NEWSFEED_FEEDS_JITTER", "0");
        // Telegram channels are read from a local server standing in for t.me, on a port kept for it
        // (TelegramChannelIT starts it there).
        int telegramPreviewPort = free.next();
        environments.get(INGEST).put("NEWSFEED_FEEDS_TELEGRAM_PREVIEW_BASE",
                "http://127.0.0.1:" + telegramPreviewPort + "/s/");
        // WebSubIT's local hub calls ingest back on its own port on 127.0.0.1 (WebSub is off without a callback base).
        environments.get(INGEST).put("NEWSFEED_FEEDS_WEBSUB_CALLBACK_BASE",
                "http://127.0.0.1:" + ports.get(INGEST));
        // Expiry every 2 s instead of every minute, so that DatesPipelineIT sees expiry runs within seconds: a post
        // older than those ten years, received now, must still be remembered after them.
        environments.get(DEDUP).put("NEWSFEED_DEDUP_EXPIRY_INTERVAL", "PT2S");
        environments.get(STORE).put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        environments.get(STORE).put("QUARKUS_DATASOURCE_USERNAME", TestPostgres.username());
        environments.get(STORE).put("QUARKUS_DATASOURCE_PASSWORD", TestPostgres.password());
        return new Pipeline(root, ports, managementPorts, environments, jdbcUrl, telegramPreviewPort);
    }

    /** Stops a service, runs {@code whileStopped}, and starts it again on the same port and state. */
    synchronized void restart(String module, WhileStopped whileStopped) throws Exception {
        ServiceProcess process = running.remove(module);
        if (process != null) {
            process.close();
        }
        try {
            whileStopped.run();
        } finally {
            startService(module);
        }
    }

    /**
     * Another instance of {@code module} with the pipeline's environment for it, on free ports and with a state
     * directory of its own, ready; the caller stops it.
     */
    ServiceProcess startAnother(String module) throws IOException, InterruptedException {
        return startAnother(module, Map.of());
    }

    /** Like {@link #startAnother(String)}, with {@code overrides} put over the pipeline's environment for it. */
    ServiceProcess startAnother(String module, Map<String, String> overrides) throws IOException,
            InterruptedException {
        Map<String, String> env = new HashMap<>(environments.get(module));
        env.putAll(overrides);
        env.put("NEWSFEED_STATE_DIR", env.get("NEWSFEED_STATE_DIR") + "-" + UUID.randomUUID());
        List<Integer> free = freePorts(2);
        if (env.containsKey("NEWSFEED_FEEDS_WEBSUB_CALLBACK_BASE")) {
            // each instance subscribes the feeds it polls with a callback of its own
            env.put("NEWSFEED_FEEDS_WEBSUB_CALLBACK_BASE", "http://127.0.0.1:" + free.get(0));
        }
        return ServiceProcess.start(root, module, free.get(0), free.get(1), env, READY_TIMEOUT);
    }

    private void startService(String module) throws IOException, InterruptedException {
        running.put(module, ServiceProcess.start(root, module, ports.get(module), managementPorts.get(module),
                environments.get(module),
                READY_TIMEOUT));
    }

    private synchronized void stopAll() {
        ServiceProcess.closeAll(List.copyOf(running.values()));
        running.clear();
    }

    /** The port variables of deploy/local's run.sh and bench.sh. */
    static final List<String> STACK_PORTS = List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "PG_PORT", "INGEST_PORT",
            "DEDUP_PORT", "STORE_PORT", "INGEST_MANAGEMENT_PORT", "DEDUP_MANAGEMENT_PORT", "STORE_MANAGEMENT_PORT");

    /** run.sh's instance k of a service listens on the service's ports + this × (k − 1) (deploy/local README). */
    static final int INSTANCE_PORT_STEP = 100;

    /** Every port {@link #freePorts} and {@link #ownLocalStack} chose in this JVM; also their lock. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /** The port variables that run.sh shifts by {@link #INSTANCE_PORT_STEP} for each further instance. */
    static final List<String> INSTANCE_PORTS = List.of("INGEST_PORT", "DEDUP_PORT", "STORE_PORT",
            "INGEST_MANAGEMENT_PORT", "DEDUP_MANAGEMENT_PORT", "STORE_MANAGEMENT_PORT");

    /**
     * Points a run.sh or bench.sh environment at a stack of its own: every port variable set to a free port, and no
     * external PostgreSQL, so that the embedded one starts.
     *
     * @return the ports chosen, by variable
     */
    static Map<String, Integer> ownLocalStack(Map<String, String> environment) throws IOException {
        return ownLocalStack(environment, 1);
    }

    /**
     * {@link #ownLocalStack(Map)} for a stack of {@code instances} instances of each service ({@code --instances}):
     * the ports of every instance are free, not only the first one's, which were all that was checked when CI saw
     * {@code bench.sh --instances 2} refused: "port 34195 is in use; ... set DEDUP_PORT" (run.sh names the variable
     * for every instance's port).
     *
     * @return the first instance's ports, by variable
     */
    static Map<String, Integer> ownLocalStack(Map<String, String> environment, int instances) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String variable : STACK_PORTS) {
                int port = holdFree(held, INSTANCE_PORTS.contains(variable) ? instances : 1);
                ports.put(variable, port);
                environment.put(variable, Integer.toString(port));
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        environment.remove("QUARKUS_DATASOURCE_JDBC_URL");
        return ports;
    }

    /**
     * A port p such that p, p + 100, ... ({@code instances} ports) are all free now, their sockets added to
     * {@code held} so that no later choice takes them.
     */
    private static int holdFree(List<ServerSocket> held, int instances) throws IOException {
        synchronized (HANDED_OUT) {
            for (int attempt = 0; attempt < 1000; attempt++) {
                List<ServerSocket> these = new ArrayList<>(List.of(new ServerSocket(0)));
                int base = these.get(0).getLocalPort();
                try {
                    for (int k = 1; k < instances; k++) {
                        these.add(new ServerSocket(base + INSTANCE_PORT_STEP * k));
                    }
                    if (these.stream().noneMatch(socket -> HANDED_OUT.contains(socket.getLocalPort()))) {
                        these.forEach(socket -> HANDED_OUT.add(socket.getLocalPort()));
                        held.addAll(these);
                        return base;
                    }
                } catch (IOException | IllegalArgumentException taken) {
                    // that shifted port is in use (or beyond 65535): try another base
                }
                for (ServerSocket socket : these) {
                    socket.close();
                }
            }
            throw new IOException("no port with its " + instances + " instance ports free");
        }
    }

    /** A port nothing listens on now; for several at once, {@link #freePorts(int)}. */
    static int freePort() throws IOException {
        return freePorts(1).get(0);
    }

    /**
     * {@code count} distinct ports nothing listens on now, and none handed out before by this class in this JVM. The
     * sockets are held until all are chosen: one at a time, the system hands the port it just released out again (CI
     * saw the store given the ingest's port). Services started at once from several threads got the same port too, and
     * one of them failed to bind its management interface (CI, {@code StageFailoverIT}): a port is handed out once.
     */
    static List<Integer> freePorts(int count) throws IOException {
        synchronized (HANDED_OUT) {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                List<Integer> ports = new ArrayList<>();
                for (int attempt = 0; ports.size() < count; attempt++) {
                    if (attempt == 1000 + count) {
                        throw new IOException("no " + count + " ports free that were not handed out before");
                    }
                    ServerSocket socket = new ServerSocket(0);
                    sockets.add(socket);
                    if (HANDED_OUT.add(socket.getLocalPort())) {
                        ports.add(socket.getLocalPort());
                    }
                }
                return ports;
            } finally {
                for (ServerSocket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
