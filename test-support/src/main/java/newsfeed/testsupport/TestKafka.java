package newsfeed.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Apache Kafka broker per JVM for tests, started lazily on first use and stopped by a shutdown hook.
 *
 * <p>Backend, first that applies:
 * <ol>
 *   <li>env {@value #BOOTSTRAP_ENV} is set: that external broker is used, nothing is started;</li>
 *   <li>a Docker engine is reachable: Testcontainers {@code apache/kafka:4.1.2};</li>
 *   <li>otherwise: an in-JVM single-node KRaft broker on 127.0.0.1 with its logs under {@code target/}.</li>
 * </ol>
 * The broker is shared by every class loader of the JVM (also across Quarkus test applications). A failed start
 * is remembered: later calls in the same JVM fail at once with the same cause.
 */
public final class TestKafka {

    /** Env var naming an external broker ({@code host:port[,host:port]}); when set nothing is started. */
    public static final String BOOTSTRAP_ENV = "NEWSFEED_TEST_KAFKA_BOOTSTRAP";

    /** How long {@link #createTopics} waits for every partition of the new topics to have a leader. */
    public static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);

    private static String bootstrapServers;
    private static RuntimeException startFailure;

    private TestKafka() {
    }

    /**
     * Returns the bootstrap servers of this JVM's broker, starting it on the first call (a few seconds in-JVM,
     * longer for a container pull).
     *
     * @throws IllegalStateException if no broker could be started (now or on an earlier call)
     */
    public static String bootstrapServers() {
        return (String) SystemClassLoaderSingleton.invoke(TestKafka.class, "jvmBootstrapServers");
    }

    /** Runs in the JVM-wide copy of this class, see {@link SystemClassLoaderSingleton}. */
    private static synchronized String jvmBootstrapServers() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        if (startFailure != null) {
            throw new IllegalStateException("test Kafka broker failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            bootstrapServers = start();
            return bootstrapServers;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static String start() {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            LOG.info("Using external Kafka broker {} from {}", external.trim(), BOOTSTRAP_ENV);
            return external.trim();
        }
        long started = System.nanoTime();
        KafkaBackend backend = DockerProbe.dockerAvailable() ? ContainerKafka.start() : InJvmKafkaBroker.start();
        JvmResources.closeOnExit("kafka", backend);
        LOG.info("Started {} in {} ms", backend.description(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return backend.bootstrapServers();
    }

    /**
     * Creates the topics with {@code partitions} partitions each and the broker's default replication factor,
     * then waits until every partition has a leader. Topics that already exist are left as they are (even with
     * another partition count), so calling this again is harmless.
     *
     * @throws IllegalArgumentException if {@code partitions < 1} or no name is given
     * @throws IllegalStateException if creation fails or the topics are not ready within {@link #TOPIC_READY_TIMEOUT}
     */
    public static void createTopics(int partitions, String... names) {
        if (partitions < 1 || names.length == 0) {
            throw new IllegalArgumentException("need partitions >= 1 and at least one topic name, got "
                    + partitions + " and " + Arrays.toString(names));
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
        }
        try (Admin admin = Admin.create(adminConfig())) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(TOPIC_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + created.getKey() + " failed: "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, List.of(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + Arrays.toString(names), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + Arrays.toString(names) + " did not finish within "
                    + TOPIC_READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Admin client settings for this JVM's broker. */
    static Properties adminConfig() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean ready = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("describing topics " + names + " failed: "
                            + e.getCause().getMessage(), e.getCause());
                }
                last = e;
            } catch (TimeoutException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topics " + names + " have no leader for every partition after "
                + TOPIC_READY_TIMEOUT.toSeconds() + " s" + (last == null ? "" : "; last error: " + last), last);
    }
}
