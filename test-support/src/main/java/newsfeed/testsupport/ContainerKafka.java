package newsfeed.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka in Docker through Testcontainers ({@value #IMAGE}, KRaft, replication factors 1).
 * Only loaded after {@link DockerProbe} found Docker.
 */
final class ContainerKafka implements KafkaBackend {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static KafkaBackend start() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        return new ContainerKafka(Containers.start(container, "Kafka container " + IMAGE));
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Kafka container " + IMAGE + " at " + bootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
