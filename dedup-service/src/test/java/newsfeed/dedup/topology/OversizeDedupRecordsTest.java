package newsfeed.dedup.topology;

import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.RecordSizeLimit;
import newsfeed.dedup.assembly.AssemblerProcessor;
import newsfeed.dedup.intake.IntakeProcessor;
import newsfeed.dedup.intake.PostIntake;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A record the dedup topology makes that is too large for Kafka, through the running service with the production
 * exception handler of application.properties and a real broker (a producer's size check cannot happen in
 * {@code TopologyTestDriver}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OversizeDedupRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Instant AT = Instant.parse("2025-03-01T08:00:00Z");
    private static final int INPUT_BYTES = 1_040_000;

    /**
     * A normalized post of 1,040,000 bytes, within the producer's limit, of 17,000 short lines that alternate between
     * two texts (a ticker repeated through a live blog): its submission, which the assembler stores and logs to its
     * changelog, adds a within-post removal for each repeat and is above the limit. It used to stop the stage (under
     * exactly-once, for good); now its input goes to the dead-letter topic before anything of it is stored, and the
     * next post is decided.
     */
    @Test
    void aPostWhoseSubmissionIsAboveTheLimitIsADeadLetterAndTheNextPostIsDecided() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
        NormalizedPost large = tickerPost("big" + run + ":1", serde);
        byte[] input = serde.serialize(Topics.POSTS_NORMALIZED, large);
        byte[] submission = AssemblerProcessor.SUBMISSION_SERDE.serialize("t",
                new PostIntake(DedupSettings.DEFAULT_CLAIM_PARTITIONS).take(large, null).submission());
        assertThat(input).hasSize(INPUT_BYTES);
        assertThat(submission.length).isGreaterThan(RecordSizeLimit.DEFAULT.maxValueAndHeaderBytes());
        NormalizedPost next = post("big" + run + ":2", AT, "Next post of run " + run);

        KafkaTestClient.produce(Topics.POSTS_NORMALIZED, large.postId(), input);
        KafkaTestClient.produce(Topics.POSTS_NORMALIZED, next.postId(), serde.serialize(Topics.POSTS_NORMALIZED,
                next));

        List<ConsumerRecord<String, byte[]>> decided = KafkaTestClient.consumeUntil(Topics.POSTS_DEDUPLICATED,
                r -> next.postId().equals(r.key()), WAIT);
        assertThat(decided).as("a decision on %s within %s", next.postId(), WAIT).isNotEmpty()
                .last().extracting(ConsumerRecord::key).isEqualTo(next.postId());
        assertThat(decided).noneMatch(r -> large.postId().equals(r.key()));
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> large.postId().equals(r.key()), WAIT);
        assertThat(dead).isNotEmpty();
        ConsumerRecord<String, byte[]> letter = dead.get(dead.size() - 1);
        assertThat(letter.key()).isEqualTo(large.postId());
        assertThat(letter.value()).isEqualTo(input);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.STAGE)).isEqualTo(IntakeProcessor.STAGE);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_NORMALIZED);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).matches(
                "record for topic newsfeed-dedup-v3-dedup-posts-changelog is too large: \\d{7} bytes of value and "
                        + "headers, more than max\\.request\\.size 1048576 less 4096 bytes for key and framing");
    }

    /** 17,000 lines alternating between two texts, the last one padded: exactly INPUT_BYTES as JSON. */
    private static NormalizedPost tickerPost(String postId, JsonSerde<NormalizedPost> serde) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (int i = 0; i < 17_000; i++) {
            paragraphs.add(new Paragraph(i, i % 2 == 0 ? "Markets open." : "Markets close.", ParagraphKind.TEXT));
        }
        NormalizedPost post = withParagraphs(postId, paragraphs);
        int missing = INPUT_BYTES - serde.serialize(Topics.POSTS_NORMALIZED, post).length;
        assertThat(missing).as("room to pad the last line to the size").isPositive();
        Paragraph last = paragraphs.get(paragraphs.size() - 1);
        paragraphs.set(paragraphs.size() - 1, new Paragraph(last.position(), last.text() + " "
                + "x".repeat(missing - 1), ParagraphKind.TEXT));
        return withParagraphs(postId, paragraphs);
    }

    private static NormalizedPost withParagraphs(String postId, List<Paragraph> paragraphs) {
        return new NormalizedPost(postId, postId.substring(0, postId.indexOf(':')), AT, AT, "Tags", null, paragraphs,
                List.of(), List.of(), null, null, 1, false);
    }
}
