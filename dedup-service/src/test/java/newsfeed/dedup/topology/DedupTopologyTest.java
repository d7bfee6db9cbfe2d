package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.Topics;
import newsfeed.dedup.post.WithinPostDeduplicator;
import newsfeed.dedup.TestPosts;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> normalized;
    private TestOutputTopic<String, DeduplicatedPost> deduplicated;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DedupTopology.build(new WithinPostDeduplicator(), new SimpleMeterRegistry()),
                config);
        normalized = driver.createInputTopic(Topics.POSTS_NORMALIZED, new StringSerializer(), new ByteArraySerializer());
        deduplicated = driver.createOutputTopic(Topics.POSTS_DEDUPLICATED, new StringDeserializer(),
                new JsonSerde.DeduplicatedPostSerde());
        deadLetters = driver.createOutputTopic(Topics.POSTS_DEAD_LETTER, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void emitsEachPostWithItsWithinPostDecisionKeyedByPostId() {
        NormalizedPost post = TestPosts.post("Headline", "Body.", "Body.");
        normalized.pipeInput(post.postId(), new JsonSerde.NormalizedPostSerde().serialize("t", post));

        var record = deduplicated.readKeyValue();

        assertThat(record.key).isEqualTo("wire:1");
        assertThat(record.value.post()).isEqualTo(post);
        assertThat(record.value.kept()).containsExactly(0, 1);
        assertThat(record.value.removed()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RemovalReason.REPEATED_IN_POST));
        assertThat(record.value.status()).isEqualTo(PostStatus.UNIQUE);
        assertThat(record.value.revision()).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheStreamKeepsFlowing() {
        byte[] poison = "{\"postId\": 42, \"paragraphs\": [".getBytes(StandardCharsets.UTF_8);
        normalized.pipeInput("wire:bad", poison);
        NormalizedPost next = TestPosts.post("Next post");
        normalized.pipeInput(next.postId(), new JsonSerde.NormalizedPostSerde().serialize("t", next));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("wire:bad");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.STAGE)).isEqualTo("dedup");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_NORMALIZED);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON)).startsWith("invalid NormalizedPost on topic "
                + "posts.normalized at line 1");
        assertThat(deduplicated.readValue().postId()).isEqualTo("wire:1");
        assertThat(deadLetters.isEmpty()).isTrue();
    }
}
