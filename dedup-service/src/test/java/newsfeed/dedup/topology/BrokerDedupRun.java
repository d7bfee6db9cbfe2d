package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.kafka.DeadLetterProductionHandler;
import newsfeed.dedup.intake.IntakeProcessor;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The production dedup topology on the test broker, exactly-once, with its own application id, topics and local state
 * directory: for the tests that need a real broker rather than {@code TopologyTestDriver}.
 */
public final class BrokerDedupRun implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final KafkaStreams streams;
    private final DedupTopology.StageTopics topics;

    private BrokerDedupRun(KafkaStreams streams, DedupTopology.StageTopics topics) {
        this.streams = streams;
        this.topics = topics;
    }

    /** Starts the topology with default settings on {@code topics}, which must exist. */
    public static BrokerDedupRun start(String applicationId, DedupTopology.StageTopics topics) throws IOException {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Path.of("target"), applicationId).toString());
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // as in application.properties: an output record too large for Kafka dead-letters its input
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        config.put(DeadLetterProductionHandler.STAGE_CONFIG, IntakeProcessor.STAGE);
        config.put(DeadLetterProductionHandler.TOPIC_CONFIG, topics.deadLetter());
        KafkaStreams streams = new KafkaStreams(DedupTopology.build(DedupSettings.Values.DEFAULT,
                new SimpleMeterRegistry(), topics), config);
        streams.start();
        return new BrokerDedupRun(streams, topics);
    }

    /** Sends the posts to the input topic, keyed by postId, in order. */
    public void send(List<NormalizedPost> posts) {
        JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
        KafkaTestClient.produce(posts.stream().map(p -> new ProducerRecord<>(topics.input(), p.postId(),
                serde.serialize(topics.input(), p))).toList());
    }

    /**
     * Reads decisions from the output topic into {@code decisions} (the highest revision of a post wins) until it holds
     * {@code expected} posts and nothing new arrived for {@code quiet}; fails after 2 minutes.
     */
    public void collect(Map<String, DeduplicatedPost> decisions, int expected, Duration quiet) {
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long lastArrival = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaTestClient.consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.output()));
            while (decisions.size() < expected || System.nanoTime() - lastArrival < quiet.toNanos()) {
                assertThat(System.nanoTime()).as("decisions for %d posts within %s; have %d", expected, TIMEOUT,
                        decisions.size()).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    DeduplicatedPost post = serde.deserialize(topics.output(), record.value());
                    decisions.merge(post.postId(), post, (a, b) -> b.revision() >= a.revision() ? b : a);
                    lastArrival = System.nanoTime();
                }
            }
        }
    }

    /** Stops the application and deletes its local state, as on a machine that never ran it: the changelogs remain. */
    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
    }
}
