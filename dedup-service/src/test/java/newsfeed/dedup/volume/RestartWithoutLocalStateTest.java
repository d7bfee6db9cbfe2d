package newsfeed.dedup.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.dedup.topology.DedupSettings;
import newsfeed.dedup.topology.DedupTopology;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import newsfeed.workload.NewsCorpus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The judge's claim-key entries and every time index have no changelog: they are rebuilt from the restored stores
 * when a task starts. On a real broker, the first half of a stream is deduplicated, the application is stopped and
 * its local state deleted (as on a new machine), and the second half, whose planted repeats copy posts of the first,
 * is deduplicated by a new instance: every planted repeat is still found.
 */
class RestartWithoutLocalStateTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void repeatsOfPostsSeenBeforeTheRestartAreFoundAfterIt() throws Exception {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(400, 17,
                Instant.parse("2026-11-30T12:00:00Z")));
        List<NormalizedPost> posts = CorpusPosts.normalized(corpus, "restart");
        String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        DedupTopology.StageTopics topics = new DedupTopology.StageTopics(run + ".normalized", run + ".deduplicated",
                run + ".dead-letter");
        TestKafka.createTopics(3, topics.input(), topics.output(), topics.deadLetter());

        Map<String, DeduplicatedPost> decisions = new HashMap<>();
        runOnce(run, topics, posts.subList(0, 202), decisions, 202);
        runOnce(run, topics, posts.subList(202, 400), decisions, 400);

        List<String> wrong = CorpusPosts.mismatches(corpus, "restart", decisions);
        assertThat(wrong).as("%d wrong of %d planted", wrong.size(), corpus.planted().size()).isEmpty();
        assertThat(corpus.planted()).anyMatch(p -> p.post() >= 202 && p.originalPost() < 202);
    }

    /** Starts the topology on fresh local state, feeds posts, reads decisions until all expected are in, stops. */
    private static void runOnce(String run, DedupTopology.StageTopics topics, List<NormalizedPost> posts,
            Map<String, DeduplicatedPost> decisions, int expected) throws Exception {
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
            JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
            KafkaTestClient.produce(posts.stream().map(p -> new ProducerRecord<>(topics.input(), p.postId(),
                    serde.serialize(topics.input(), p))).toList());
            collect(topics.output(), decisions, expected);
            streams.close(Duration.ofSeconds(30));
            // as on a machine that never ran it: only the changelogs are left
            streams.cleanUp();
        }
    }

    private static void collect(String topic, Map<String, DeduplicatedPost> decisions, int expected) {
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long quietSince = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaTestClient.consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (decisions.size() < expected || System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                assertThat(System.nanoTime()).as("%d decisions within %s; have %d", expected, TIMEOUT,
                        decisions.size()).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    DeduplicatedPost post = serde.deserialize(topic, record.value());
                    decisions.merge(post.postId(), post, (a, b) -> b.revision() >= a.revision() ? b : a);
                    quietSince = System.nanoTime();
                }
            }
        }
    }
}
