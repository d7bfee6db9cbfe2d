package newsfeed.contracts.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import newsfeed.contracts.health.DeadlineProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * The readiness probe of the Kafka broker, in place of Quarkus' {@code KafkaHealthCheck}, whose
 * {@code describeCluster()} has no deadline of its own and so waits the admin client's 60 s
 * {@code default.api.timeout.ms} when the broker accepts connections and does not answer. This one asks for the
 * cluster's nodes with the probe's deadline ({@link DescribeClusterOptions#timeoutMs}), on one admin client kept for
 * the service's life.
 */
public final class BrokerProbe implements Callable<String>, AutoCloseable {

    /** Name of the readiness check in {@code /q/health/ready}. */
    public static final String CHECK_NAME = "Kafka broker";

    private final Map<String, Object> kafkaConfig;
    private final Duration deadline;
    private Admin admin;

    private BrokerProbe(Map<String, Object> kafkaConfig, Duration deadline) {
        this.kafkaConfig = new java.util.HashMap<>(kafkaConfig);
        this.deadline = deadline;
    }

    /**
     * @param kafkaConfig the service's Kafka client configuration ({@code bootstrap.servers}, security settings)
     * @param deadline    longest wait for the broker ({@value DeadlineProbe#DEADLINE_PROPERTY})
     * @return the probe: up with the cluster's nodes ({@code host:port,...}), down with why
     * @throws IllegalArgumentException when the deadline is out of {@link DeadlineProbe}'s range
     */
    public static DeadlineProbe readiness(Map<String, Object> kafkaConfig, Duration deadline) {
        return new DeadlineProbe(CHECK_NAME, "Kafka at " + kafkaConfig.get("bootstrap.servers"), "nodes", deadline,
                new BrokerProbe(kafkaConfig, deadline));
    }

    /**
     * @return the cluster's nodes, {@code host:port} sorted and comma-separated
     * @throws java.util.concurrent.TimeoutException when the broker does not answer within the deadline
     * @throws Exception the admin client's error otherwise (an unknown host, a refused authentication)
     */
    @Override
    public String call() throws Exception {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) deadline.toMillis());
        Collection<Node> nodes;
        try {
            nodes = admin().describeCluster(options).nodes().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new java.util.concurrent.TimeoutException(e.getCause().getMessage());
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (nodes.isEmpty()) {
            throw new IllegalStateException("the cluster named no broker");
        }
        return nodes.stream().map(node -> node.host() + ":" + node.port()).sorted().collect(Collectors.joining(","));
    }

    /**
     * The probe's admin client, created on first use and again after a failed creation.
     *
     * @throws IllegalStateException with the reason the client cannot be created (an unparsable or unresolvable
     *                               {@code bootstrap.servers}), not Kafka's "Failed to create new KafkaAdminClient"
     */
    private synchronized Admin admin() {
        if (admin == null) {
            try {
                admin = TopicProvisioner.admin(kafkaConfig, deadline.toMillis());
            } catch (KafkaException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                throw new IllegalStateException(cause.getMessage() == null ? e.getMessage() : cause.getMessage(), e);
            }
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }
}
