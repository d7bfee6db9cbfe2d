package newsfeed.dedup.kafka;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.GroupTimeouts;
import newsfeed.contracts.kafka.NativeLz4;
import newsfeed.contracts.kafka.TopicProvisioner;
import org.eclipse.microprofile.config.Config;

/**
 * Creates the topics dedup-service reads and writes when they are missing, so services may start in any order
 * ({@link #inputPartitions}, called once when the topology is built); and, before any Kafka client starts, makes lz4
 * native ({@link NativeLz4}).
 */
@ApplicationScoped
public class TopicBootstrap {

    static final List<String> TOPICS = List.of(Topics.POSTS_NORMALIZED, Topics.POSTS_DEDUPLICATED, Topics.POSTS_DEAD_LETTER);

    void loadNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        NativeLz4.load();
    }

    /** Refuses, before any consumer starts, a session timeout its group would never be joined with. */
    void checkGroupTimeouts(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            Config config) {
        GroupTimeouts.check(key -> config.getOptionalValue(key, String.class), "kafka-streams.consumer.session.timeout.ms",
                "kafka-streams.consumer.heartbeat.interval.ms");
    }

    /**
     * How many partitions {@code posts.normalized} has, after creating the topics if missing: the verdicts topic of
     * the topology takes this count, and the topology is built once, at start, so this is the one place that
     * creates them.
     *
     * @throws IllegalStateException if the broker cannot create or describe the topics within
     *                               {@link TopicProvisioner#TIMEOUT_MILLIS}
     */
    public static int inputPartitions(Map<String, Object> kafka, Config config) {
        TopicProvisioner.ensure(kafka, TOPICS, key -> config.getOptionalValue(key, String.class));
        return TopicProvisioner.partitions(kafka, Topics.POSTS_NORMALIZED, TopicProvisioner.TIMEOUT_MILLIS);
    }
}
