package newsfeed.store.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import newsfeed.testsupport.ManagementInterface;

/**
 * The lag gauges against a real broker: a pipeline group ({@code newsfeed-normalizer}, which no process runs here) is
 * made to sit 3 records behind on a topic of the test's own, then to catch up.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConsumerLagGaugesTest {

    private static final String GROUP = "newsfeed-normalizer";

    @Inject
    ConsumerLagGauges gauges;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void lagInRecordsAndSecondsThenCaughtUp() throws Exception {
        TopicPartition partition = new TopicPartition("lag-test-" + UUID.randomUUID(), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                        new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1))).all().get();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), "k" + i, "v" + i)).get();
            }
            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(0))).all().get();

            Instant start = Instant.now().plusSeconds(3600);
            gauges.sampleAt(start);
            assertThat(records(GROUP)).isEqualTo(3.0);
            assertThat(seconds(GROUP)).isEqualTo(0.0);   // first seen now: waiting for no time yet, as far as known

            gauges.sampleAt(start.plusSeconds(30));
            assertThat(records(GROUP)).isEqualTo(3.0);
            assertThat(seconds(GROUP)).isEqualTo(30.0);
            assertThat(records("newsfeed-dedup-v3")).isEqualTo(0.0);
            assertThat(seconds("newsfeed-dedup-v3")).isEqualTo(0.0);
            String scraped = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
            assertThat(scraped)
                    .contains("newsfeed_consumer_lag_records{group=\"newsfeed-normalizer\"} 3.0")
                    .contains("newsfeed_consumer_lag_seconds{group=\"newsfeed-normalizer\"} 30.0")
                    // the topics' end offsets, sampled every 2 s, whose rate() the dashboard shows
                    .containsPattern("newsfeed_topic_end_offset\\{topic=\"posts.deduplicated\"} \\d");

            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(3))).all().get();
            gauges.sampleAt(start.plusSeconds(40));
            assertThat(records(GROUP)).isEqualTo(0.0);
            assertThat(seconds(GROUP)).isEqualTo(0.0);
        }
    }

    /**
     * A trial left the pipeline idle for 2.5 minutes, froze PostgreSQL and sent one post: 3 s later the store's lag
     * read 150 s, the time since the transaction marker its committed offset stood on was written.
     */
    @Test
    void theWaitIsCountedFromTheOldestRecordNotFromATransactionMarker() throws Exception {
        TopicPartition partition = new TopicPartition("lag-marker-test-" + UUID.randomUUID(), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-marker-" + UUID.randomUUID()),
                        new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1))).all().get();
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), "k0", "v0"));
            producer.commitTransaction();   // the record at 0, its commit marker at 1
            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(1))).all().get();

            Instant start = Instant.now().plusSeconds(7200);
            gauges.sampleAt(start);
            gauges.sampleAt(start.plusSeconds(150));
            assertThat(records(GROUP)).isEqualTo(0.0);

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), "k1", "v1"));
            producer.commitTransaction();   // at 2, its marker at 3
            gauges.sampleAt(start.plusSeconds(153));
            assertThat(records(GROUP)).isEqualTo(1.0);
            assertThat(seconds(GROUP)).as("first seen now, not when the marker at 1 was").isEqualTo(0.0);
            gauges.sampleAt(start.plusSeconds(163));
            assertThat(seconds(GROUP)).isEqualTo(10.0);

            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(3))).all().get();
            gauges.sampleAt(start.plusSeconds(170));
            assertThat(records(GROUP)).isEqualTo(0.0);
            assertThat(seconds(GROUP)).isEqualTo(0.0);
        }
    }

    private double records(String group) {
        return registry.get(ConsumerLagGauges.RECORDS_METRIC).tag("group", group).gauge().value();
    }

    private double seconds(String group) {
        return registry.get(ConsumerLagGauges.SECONDS_METRIC).tag("group", group).gauge().value();
    }
}
