package newsfeed.ingest.kafka;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * How ingest-service reads whole topics rather than consuming them as a group member: the compacted topics it keeps
 * its own state in ({@code feeds.subscriptions}, {@code feeds.seen-items}, written with {@link AcknowledgedWrites})
 * and {@code posts.dead-letter} for the dead-letter API. Every instance reads every partition it needs, assigned,
 * from the beginning, without a consumer group.
 */
public final class TopicReaders {

    private TopicReaders() {
    }

    /**
     * Consumer settings on top of the service's Kafka configuration: no consumer group, no commits, from the start.
     *
     * @param kafkaConfig the service's Kafka client configuration (bootstrap servers and the like)
     * @param clientId    the client id, which names the reader in the broker's logs and metrics
     * @return a new mutable map; callers add their own settings (isolation level, fetch sizes)
     */
    public static Map<String, Object> readerConfig(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /**
     * Every partition of {@code topic}, in partition order. A topic created a moment ago may have no partitions in
     * the metadata yet: asked again every 200 ms until {@code timeout}.
     *
     * @throws IllegalStateException if the topic has no partitions within {@code timeout} (it was not created)
     */
    public static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            List<PartitionInfo> infos = consumer.partitionsFor(topic, left);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the partitions of " + topic, e);
            }
        }
    }
}
