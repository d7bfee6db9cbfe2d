package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Json;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NormalizerTopologyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, NormalizedPost> normalized;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "normalizer-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        PostNormalizer normalizer = new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT);
        driver = new TopologyTestDriver(NormalizerTopology.build(normalizer, registry), config);
        raw = driver.createInputTopic(Topics.POSTS_RAW, new ByteArraySerializer(), new ByteArraySerializer());
        normalized = driver.createOutputTopic(Topics.POSTS_NORMALIZED, new StringDeserializer(),
                new JsonSerde.NormalizedPostSerde());
        deadLetters = driver.createOutputTopic(Topics.POSTS_DEAD_LETTER, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void pipe(String key, RawPost post) {
        raw.pipeInput(key.getBytes(StandardCharsets.UTF_8), new JsonSerde.RawPostSerde().serialize("t", post));
    }

    private static RawPost post(String postId, String body) {
        String externalId = postId.substring(postId.indexOf(':') + 1);
        return new RawPost(postId, "wire", externalId, SourceType.HTTP, Instant.parse("2026-11-29T10:00:00Z"), null,
                null, null, RawPost.TEXT_PLAIN, body, Map.of());
    }

    @Test
    void normalizesEachRawPostUnderItsPostId() {
        pipe("wire:1", post("wire:1", "Headline\n📄 Read in full"));

        var record = normalized.readKeyValue();

        assertThat(record.key).isEqualTo("wire:1");
        assertThat(record.value.title()).isEqualTo("Headline");
        assertThat(record.value.paragraphs()).hasSize(1);
        assertThat(registry.counter("newsfeed.normalizer.records", "outcome", "normalized").count()).isEqualTo(1.0);
    }

    @Test
    void recordsThatCannotBeNormalizedBecomeDeadLettersWithTheirReasonAndTheStreamGoesOn() {
        byte[] notJson = {(byte) 0xC3, 0x28, '{'};
        raw.pipeInput("wire:x".getBytes(StandardCharsets.UTF_8), notJson);
        pipe("wire:2", post("wire:2", null));
        pipe("wire:other", post("wire:3", "Text"));
        // helper trial: JSON null was dead-lettered with a NullPointerException's text as its reason
        raw.pipeInput("wire:null".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8));
        pipe("wire:4", post("wire:4", "Still flowing"));

        TestRecord<byte[], byte[]> first = deadLetters.readRecord();
        assertThat(first.value()).isEqualTo(notJson);
        assertThat(DeadLetter.header(first.headers(), DeadLetter.REASON)).startsWith("invalid RawPost on topic posts.raw");
        assertThat(DeadLetter.header(first.headers(), DeadLetter.STAGE)).isEqualTo(NormalizerTopology.STAGE);
        assertThat(DeadLetter.header(first.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_RAW);
        assertThat(DeadLetter.header(first.headers(), DeadLetter.OFFSET)).isEqualTo("0");
        assertThat(DeadLetter.header(deadLetters.readRecord().headers(), DeadLetter.REASON))
                .isEqualTo("post wire:2: body is required");
        assertThat(DeadLetter.header(deadLetters.readRecord().headers(), DeadLetter.REASON))
                .isEqualTo("record key wire:other differs from postId wire:3");
        assertThat(DeadLetter.header(deadLetters.readRecord().headers(), DeadLetter.REASON))
                .isEqualTo("record holds no RawPost (JSON null)");
        assertThat(normalized.readKeyValue().key).isEqualTo("wire:4");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(registry.counter(DeadLetter.METRIC, DeadLetter.METRIC_STAGE, "normalizer").count()).isEqualTo(4.0);
    }

    /**
     * A helper's trial wrote these to posts.raw directly: an externalId of 1,000 CJK characters (3,000 bytes, which
     * the store cannot index) and a source that is no slug went on to dedup-service, which took their paragraphs as
     * published; the store then refused them, and every later post repeating one of them.
     */
    @Test
    void idsTheApiWouldRefuseAreDeadLettered() {
        String cjk = "字".repeat(1000);
        pipe("wire:" + cjk, post("wire:" + cjk, "Text"));
        pipe("Wire Desk:1", new RawPost("Wire Desk:1", "Wire Desk", "1", SourceType.HTTP,
                Instant.parse("2026-11-29T10:00:00Z"), null, null, null, RawPost.TEXT_PLAIN, "Text", Map.of()));
        pipe("wire:5", post("wire:5", "Still flowing"));

        assertThat(DeadLetter.header(deadLetters.readRecord().headers(), DeadLetter.REASON)).endsWith(
                ": its externalId has 3000 bytes in UTF-8, more than 1024");
        assertThat(DeadLetter.header(deadLetters.readRecord().headers(), DeadLetter.REASON)).isEqualTo(
                "source \"Wire Desk\" is not a slug matching [a-z0-9][a-z0-9_-]{0,63}");
        assertThat(normalized.readKeyValue().key).isEqualTo("wire:5");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    /**
     * Issue 10: a client-chosen publishedAt in year 9999 reaches posts.normalized as the receipt time, flagged on the
     * wire as {@code publishedAtClamped}; a date within the allowance (1 day) is kept as given.
     */
    @Test
    void aPublicationTimeFarInTheFutureLeavesAsTheReceiptTimeFlaggedAsClamped() {
        Instant received = Instant.parse("2026-11-29T10:00:00Z");
        pipe("wire:far", dated("wire:far", received, Instant.parse("9999-12-31T23:59:59Z")));
        pipe("wire:soon", dated("wire:soon", received, received.plus(Duration.ofHours(23))));

        TestRecord<String, NormalizedPost> far = normalized.readRecord();
        TestRecord<String, NormalizedPost> soon = normalized.readRecord();

        JsonNode farWire = Json.mapper().valueToTree(far.value());
        assertThat(far.key()).isEqualTo("wire:far");
        assertThat(farWire.path("publishedAt").asText()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(farWire.path("publishedAtClamped").asBoolean()).isTrue();
        assertThat(farWire.path("publishedAtFallback").asBoolean()).isFalse();
        JsonNode soonWire = Json.mapper().valueToTree(soon.value());
        assertThat(soonWire.path("publishedAt").asText()).isEqualTo("2026-11-30T09:00:00Z");
        assertThat(soonWire.path("publishedAtClamped").asBoolean()).isFalse();
    }

    private static RawPost dated(String postId, Instant receivedAt, Instant publishedAt) {
        String externalId = postId.substring(postId.indexOf(':') + 1);
        return new RawPost(postId, "wire", externalId, SourceType.HTTP, receivedAt, publishedAt, null, null,
                RawPost.TEXT_PLAIN, "Headline\n\nA paragraph of the post.", Map.of());
    }

    /**
     * The shapes that stalled the stage (a run of 100,000 dots between em spaces after a link text, a Forwarded from
     * line with 100,000 spaces) or stopped it (a line of 50,000 hashtags overflowed the stack) are normalized, and the
     * post after them too, well within the bound.
     */
    @Test
    void postsOfLongRunsAndFiftyThousandTagsAreNormalizedAndTheStreamFlows() {
        StringBuilder tags = new StringBuilder("#t0");
        for (int i = 1; i < 50_000; i++) {
            tags.append(" #t").append(i);
        }
        String runs = "Forwarded from Desk" + " ".repeat(100_000) + "East\nHeadline\nRead more"
                + ".\u2003".repeat(50_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            pipe("wire:tags", post("wire:tags", "Tagged\n" + tags));
            pipe("wire:runs", post("wire:runs", runs));
            pipe("wire:next", post("wire:next", "Next"));
        });

        var first = normalized.readKeyValue();
        assertThat(first.key).isEqualTo("wire:tags");
        assertThat(first.value.hashtags()).hasSize(50_000);
        assertThat(first.value.paragraphs().get(1).kind()).isEqualTo(ParagraphKind.HASHTAGS);
        var second = normalized.readKeyValue();
        assertThat(second.value.forwardedFrom()).isEqualTo("Desk" + " ".repeat(100_000) + "East");
        assertThat(second.value.paragraphs()).extracting(p -> p.text()).containsExactly("Headline");
        assertThat(normalized.readKeyValue().key).isEqualTo("wire:next");
        assertThat(deadLetters.isEmpty()).isTrue();
    }
}
