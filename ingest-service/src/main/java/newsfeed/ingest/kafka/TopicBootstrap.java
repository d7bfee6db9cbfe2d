package newsfeed.ingest.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.GroupTimeouts;
import newsfeed.contracts.kafka.NativeLz4;
import newsfeed.contracts.kafka.TopicProvisioner;
import org.eclipse.microprofile.config.Config;

/**
 * Creates the topics ingest-service reads and writes when they are missing, so services may start in any order; and,
 * before that and before any Kafka client, makes lz4 native ({@link NativeLz4}).
 */
@ApplicationScoped
public class TopicBootstrap {

    static final List<String> TOPICS = List.of(Topics.POSTS_RAW, Topics.POSTS_NORMALIZED, Topics.POSTS_DEDUPLICATED,
            Topics.POSTS_DEAD_LETTER, Topics.FEEDS_SUBSCRIPTIONS, Topics.FEEDS_SEEN_ITEMS);

    void loadNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        NativeLz4.load();
    }

    /** Refuses, before any consumer starts, a session timeout its group would never be joined with. */
    void checkGroupTimeouts(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            Config config) {
        GroupTimeouts.check(key -> config.getOptionalValue(key, String.class), "kafka-streams.consumer.session.timeout.ms",
                "kafka-streams.consumer.heartbeat.interval.ms");
    }

    void onStart(@Observes StartupEvent event, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            Config config) {
        TopicProvisioner.ensure(kafka, TOPICS, key -> config.getOptionalValue(key, String.class));
    }
}
