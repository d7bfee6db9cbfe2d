package newsfeed.ingest.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the dead-letter routes ({@code newsfeed.dead-letters.*}; each also as an environment variable, e.g.
 * {@code NEWSFEED_DEAD_LETTERS_READ_TIMEOUT}). Durations take the forms {@code 10s}, {@code 1m} or ISO-8601.
 */
@ConfigMapping(prefix = "newsfeed.dead-letters")
public interface DeadLettersSettings {

    /**
     * How long one request may read {@code posts.dead-letter}: a listing answers what it found by then (with a
     * {@code next} cursor to go on from), a replay that cannot find its records by then answers 503.
     */
    @WithDefault("10s")
    Duration readTimeout();

    /** How long a replay waits for Kafka to acknowledge the records it sends ({@code acks=all}). */
    @WithDefault("30s")
    Duration sendTimeout();
}
