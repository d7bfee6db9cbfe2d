package newsfeed.store.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.TopicProvisioner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the topics store-service reads and writes when they are missing, so services may start in any order. */
@ApplicationScoped
public class TopicBootstrap {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "newsfeed.kafka.topic-partitions")
    Optional<Integer> partitions;

    @ConfigProperty(name = "newsfeed.kafka.topic-replication-factor")
    Optional<Short> replicationFactor;

    void onStart(@Observes StartupEvent event) {
        TopicProvisioner.ensure(kafkaConfig,
                List.of(Topics.POSTS_DEDUPLICATED, Topics.POSTS_DEAD_LETTER),
                partitions, replicationFactor, 60_000);
    }
}
