package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.labelled.LabelledSet;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Order independence (issue 3, acceptance 2): the labelled posts fed in five shuffled orders, on topics of one and
 * of three partitions, through the production topology on a real Kafka broker with exactly-once processing, end in
 * the same decisions every time (kept and removed paragraphs, reasons, duplicateOf, status).
 */
class OrderIndependenceTest {

    private static final int SHUFFLES = 5;
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** What the store keeps of a decision, revision aside. */
    record Outcome(List<Integer> kept, List<RemovedParagraph> removed, PostStatus status, String duplicateOf) {
        static Outcome of(DeduplicatedPost post) {
            return new Outcome(post.kept(), post.removed(), post.status(), post.duplicateOf());
        }
    }

    @Test
    void theDecisionsAreTheSameWhateverTheOrderAndThePartitionCount() throws Exception {
        List<NormalizedPost> posts = LabelledSet.load().stream().map(LabelledSet.LabelledPost::post).toList();
        Map<String, Outcome> reference = null;
        for (int partitions : new int[] {1, 3}) {
            for (int seed = 1; seed <= SHUFFLES; seed++) {
                List<NormalizedPost> order = new ArrayList<>(posts);
                Collections.shuffle(order, new Random(seed));
                Map<String, Outcome> outcome = run(order, partitions);
                assertThat(outcome).as("decided posts").hasSize(posts.size());
                if (reference == null) {
                    reference = outcome;
                } else {
                    assertThat(outcome).as("%d partitions, shuffle %d", partitions, seed).isEqualTo(reference);
                }
            }
        }
    }

    private static Map<String, Outcome> run(List<NormalizedPost> posts, int partitions) throws Exception {
        String run = "order-" + partitions + "-" + UUID.randomUUID().toString().substring(0, 8);
        DedupTopology.StageTopics topics = new DedupTopology.StageTopics(run + ".normalized", run + ".deduplicated",
                run + ".dead-letter");
        TestKafka.createTopics(partitions, topics.input(), topics.output(), topics.deadLetter());
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, run);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of("target"), run).toString());
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        try (KafkaStreams streams = new KafkaStreams(DedupTopology.build(DedupSettings.Values.DEFAULT,
                new SimpleMeterRegistry(), topics), config)) {
            streams.start();
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
            for (NormalizedPost post : posts) {
                records.add(new ProducerRecord<>(topics.input(), post.postId(), serde.serialize(topics.input(), post)));
            }
            KafkaTestClient.produce(records);
            Map<String, Outcome> outcome = collect(topics.output(), posts.size());
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            return outcome;
        }
    }

    /** Reads decisions until every post has one and nothing new arrived for {@link #QUIET}; the highest revision wins. */
    private static Map<String, Outcome> collect(String topic, int posts) {
        Map<String, DeduplicatedPost> latest = new HashMap<>();
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long lastArrival = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaTestClient.consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (latest.size() < posts || System.nanoTime() - lastArrival < QUIET.toNanos()) {
                assertThat(System.nanoTime()).as("decisions for %d posts within %s; have %d", posts, TIMEOUT,
                        latest.size()).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    DeduplicatedPost post = serde.deserialize(topic, record.value());
                    latest.merge(post.postId(), post, (a, b) -> b.revision() >= a.revision() ? b : a);
                    lastArrival = System.nanoTime();
                }
            }
        }
        Map<String, Outcome> outcome = new TreeMap<>();
        latest.forEach((postId, post) -> outcome.put(postId, Outcome.of(post)));
        return outcome;
    }
}
