package newsfeed.ingest.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Topic and producer settings of ingest-service ({@code newsfeed.kafka.*}). */
@ConfigMapping(prefix = "newsfeed.kafka")
public interface KafkaSettings {

    /** Partitions of the topics this service creates when they are missing; empty = the broker default. */
    Optional<Integer> topicPartitions();

    /** Replication factor of the topics this service creates; empty = the broker default. */
    Optional<Short> topicReplicationFactor();

    /** How long a request waits for Kafka to acknowledge its posts before it fails with 503. */
    @WithDefault("30s")
    Duration publishTimeout();
}
