package newsfeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource pointing the application at this JVM's {@link TestKafka} broker:
 * {@code @QuarkusTestResource(KafkaTestResource.class)} on a {@code @QuarkusTest} class.
 * Sets {@code kafka.bootstrap.servers}, {@code quarkus.kafka-streams.bootstrap-servers},
 * {@code quarkus.kafka.devservices.enabled=false}, and a fresh Kafka Streams state directory under {@code target/}:
 * state left by an earlier run against another broker would point at changelog offsets this broker never had. Dev Services are decided at build time, before test resources
 * start, so the consuming module should also set {@code %test.quarkus.kafka.devservices.enabled=false} in its
 * {@code application.properties} (without Docker they only log a warning). {@link #stop()} leaves the broker running for the next test application in the JVM.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** @throws IllegalStateException if the broker cannot be started */
    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka-streams.bootstrap-servers", bootstrap,
                "kafka-streams.state.dir", JvmResources.newDirUnderTarget("kafka-streams").toString(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker is shared by the whole JVM and stopped by its shutdown hook.
    }
}
