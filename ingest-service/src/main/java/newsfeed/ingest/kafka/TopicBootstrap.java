package newsfeed.ingest.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.TopicProvisioner;
import org.jboss.logging.Logger;

/** Creates the pipeline topics at start-up when they are missing, so services may start in any order. */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    KafkaSettings settings;

    void onStart(@Observes StartupEvent event) {
        Set<String> created = TopicProvisioner.ensure(kafkaConfig, Topics.PIPELINE, settings.topicPartitions(),
                settings.topicReplicationFactor(), 60_000);
        if (!created.isEmpty()) {
            LOG.infof("created topics %s", created);
        }
    }
}
