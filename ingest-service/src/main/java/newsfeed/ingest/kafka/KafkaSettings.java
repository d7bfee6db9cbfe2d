package newsfeed.ingest.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Producer settings of ingest-service ({@code newsfeed.ingest.*}). */
@ConfigMapping(prefix = "newsfeed.ingest")
public interface KafkaSettings {

    /** How long a request waits for Kafka to acknowledge its posts before it fails with 503. */
    @WithDefault("30s")
    Duration publishTimeout();
}
