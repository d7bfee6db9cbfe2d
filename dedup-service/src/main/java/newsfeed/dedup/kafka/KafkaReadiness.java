package newsfeed.dedup.kafka;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import newsfeed.contracts.health.DeadlineProbe;
import newsfeed.contracts.health.DeadlineReadinessCheck;
import newsfeed.contracts.kafka.BrokerProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "Kafka broker" ({@link BrokerProbe}): up with the cluster's nodes, down within
 * {@value DeadlineProbe#DEADLINE_PROPERTY} when the broker does not answer. Replaces Quarkus' own Kafka check
 * ({@code quarkus.kafka.health.enabled=false}), which waited 60 s for a frozen broker. Made at start, so that a
 * deadline out of range stops the service with the reason instead of failing every readiness answer.
 */
@Readiness
@Singleton
@Startup
public class KafkaReadiness extends DeadlineReadinessCheck {

    @Inject
    KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = DeadlineProbe.DEADLINE_PROPERTY, defaultValue = DeadlineProbe.DEFAULT_DEADLINE)
            Duration deadline) {
        super(BrokerProbe.readiness(kafka, deadline));
    }
}
