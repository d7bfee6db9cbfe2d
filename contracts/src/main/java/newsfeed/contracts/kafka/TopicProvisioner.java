package newsfeed.contracts.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import newsfeed.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a service reads or writes, if they do not exist yet, so that services can start in any order
 * against a broker with {@code auto.create.topics.enable=false}. Existing topics are left as they are.
 */
public final class TopicProvisioner {

    /** Partitions of the topics a service creates; unset = the broker's {@code num.partitions}. */
    public static final String PARTITIONS_PROPERTY = "newsfeed.kafka.topic-partitions";

    /** Replication factor of the topics a service creates; unset = the broker's {@code default.replication.factor}. */
    public static final String REPLICATION_FACTOR_PROPERTY = "newsfeed.kafka.topic-replication-factor";

    /** How long the post topics keep records for replay: 7 days, Kafka's own default, stated so deployments agree. */
    public static final long POSTS_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    /** How long dead letters wait for someone to act on them: 30 days. */
    public static final long DEAD_LETTER_RETENTION_MS = 30L * 24 * 60 * 60 * 1000;

    /**
     * The topic settings ({@code cleanup.policy}, {@code retention.ms}; Kafka topic configuration names) of every topic
     * of {@link Topics}. The one definition that created topics, and the Kafka deployments in {@code deploy/} (checked
     * by a test), follow: the post topics delete after {@link #POSTS_RETENTION_MS}, dead letters after
     * {@link #DEAD_LETTER_RETENTION_MS}, and the feed topics (subscriptions, seen items) are compacted, keeping each
     * feed's last record for as long as it exists.
     */
    public static final Map<String, Map<String, String>> TOPIC_CONFIGS = Map.of(
            Topics.POSTS_RAW, deleteAfter(POSTS_RETENTION_MS),
            Topics.POSTS_NORMALIZED, deleteAfter(POSTS_RETENTION_MS),
            Topics.POSTS_DEDUPLICATED, deleteAfter(POSTS_RETENTION_MS),
            Topics.POSTS_DEAD_LETTER, deleteAfter(DEAD_LETTER_RETENTION_MS),
            Topics.FEEDS_SUBSCRIPTIONS, Map.of("cleanup.policy", "compact"),
            Topics.FEEDS_SEEN_ITEMS, Map.of("cleanup.policy", "compact"));

    /** How long start-up waits for the broker to create the topics. */
    public static final long TIMEOUT_MILLIS = 60_000;

    private TopicProvisioner() {
    }

    /**
     * {@link #ensure(Map, Collection, Optional, Optional, long)} with partitions and replication factor read from
     * {@link #PARTITIONS_PROPERTY} and {@link #REPLICATION_FACTOR_PROPERTY}.
     *
     * @param property looks up a configuration property (e.g. MicroProfile Config's {@code getOptionalValue})
     * @throws IllegalArgumentException if a property is not a number
     */
    public static Set<String> ensure(Map<String, Object> adminConfig, Collection<String> topics,
            Function<String, Optional<String>> property) {
        Optional<Integer> partitions = property.apply(PARTITIONS_PROPERTY).map(v -> number(PARTITIONS_PROPERTY, v))
                .map(Number::intValue);
        Optional<Short> replicationFactor = property.apply(REPLICATION_FACTOR_PROPERTY)
                .map(v -> number(REPLICATION_FACTOR_PROPERTY, v)).map(Number::shortValue);
        return ensure(adminConfig, topics, partitions, replicationFactor, TIMEOUT_MILLIS);
    }

    private static Map<String, String> deleteAfter(long retentionMs) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retentionMs));
    }

    private static Integer number(String property, String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number, got \"" + value + "\"", e);
        }
    }

    /**
     * @param adminConfig       Kafka client configuration ({@code bootstrap.servers} and security settings)
     * @param topics            topic names
     * @param partitions        partition count of new topics; empty = the broker's {@code num.partitions}
     * @param replicationFactor replication factor of new topics; empty = the broker's
     *                          {@code default.replication.factor}
     * @param timeoutMillis     how long to wait for the broker
     * @return the topics that this call created
     * @throws IllegalStateException naming the topics and the broker's answer when creation fails or times out
     */
    public static Set<String> ensure(Map<String, Object> adminConfig, Collection<String> topics,
            Optional<Integer> partitions, Optional<Short> replicationFactor, long timeoutMillis) {
        try (Admin admin = admin(adminConfig, timeoutMillis)) {
            List<NewTopic> missing = new ArrayList<>();
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, replicationFactor)
                            .configs(TOPIC_CONFIGS.getOrDefault(topic, Map.of())));
                }
            }
            Set<String> created = new TreeSet<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + adminConfig.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + adminConfig.get("bootstrap.servers")
                    + " did not answer within " + timeoutMillis + " ms while creating topics " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + topics, e);
        }
    }

    /**
     * @param adminConfig   Kafka client configuration ({@code bootstrap.servers} and security settings)
     * @param topic         an existing topic
     * @param timeoutMillis how long to wait for the broker
     * @return how many partitions {@code topic} has
     * @throws IllegalStateException naming the topic and the broker's answer when it cannot be described in time
     */
    public static int partitions(Map<String, Object> adminConfig, String topic, long timeoutMillis) {
        try (Admin admin = admin(adminConfig, timeoutMillis)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topic " + topic + " at "
                    + adminConfig.get("bootstrap.servers") + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + adminConfig.get("bootstrap.servers")
                    + " did not describe topic " + topic + " within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        }
    }

    /** An admin client that gives up on the broker after {@code timeoutMillis}; {@link BrokerProbe}'s too. */
    static Admin admin(Map<String, Object> adminConfig, long timeoutMillis) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, 30_000));
        return Admin.create(config);
    }
}
