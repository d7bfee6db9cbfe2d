package newsfeed.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TestKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void createsTopicIdempotentlyAndRoundTripsARecord() throws Exception {
        String topic = "roundtrip-" + UUID.randomUUID();
        TestKafka.createTopics(3, topic);
        TestKafka.createTopics(3, topic);

        try (Admin admin = Admin.create(TestKafka.adminConfig())) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions()).hasSize(3);
        }

        KafkaTestClient.produce(topic, "k1", "hello");
        List<ConsumerRecord<String, String>> records = KafkaTestClient.consumeStrings(topic, 1, TIMEOUT);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("k1");
            assertThat(r.value()).isEqualTo("hello");
        });
    }

    @Test
    void transactionalProducerCommitsAndAborts() {
        String topic = "tx-" + UUID.randomUUID();
        TestKafka.createTopics(1, topic);
        Properties config = KafkaTestClient.producerConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-support-tx-" + UUID.randomUUID());

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted", bytes("no")));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed", bytes("yes")));
            producer.commitTransaction();
        }

        // One partition: were the aborted record visible, it would come first.
        List<ConsumerRecord<String, String>> records = KafkaTestClient.consumeStrings(topic, 1, TIMEOUT);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("committed");
    }

    @Test
    void sameBrokerForTheWholeJvm() {
        assertThat(TestKafka.bootstrapServers()).isSameAs(TestKafka.bootstrapServers()).isNotBlank();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
