package newsfeed.ingest.normalize;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import newsfeed.testsupport.TestApiToken;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import newsfeed.testsupport.ManagementInterface;

/**
 * Posts that pass ingest's record limit but whose normalized record is larger, through the running service: the
 * HTTP route, the normalizer under exactly-once with the production exception handler of application.properties, and
 * a real broker, since a producer's size check cannot happen in {@code TopologyTestDriver}. Each test sends a
 * small post after the large one and requires it normalized: the stage did not stop.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OversizePostsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Posts one post and returns its postId once Kafka has it. */
    private static String post(String source, String externalId, String body) {
        String json = "{\"source\":\"" + source + "\",\"externalId\":\"" + externalId + "\",\"body\":\"" + body + "\"}";
        return given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .post("/api/posts")
                .then().statusCode(202)
                .extract().path("postIds[0]");
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, String postId) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.consumeUntil(topic,
                r -> postId.equals(r.key()), WAIT);
        assertThat(records).as("a record of %s in %s within %s", postId, topic, WAIT).isNotEmpty()
                .last().extracting(ConsumerRecord::key).isEqualTo(postId);
        return records.get(records.size() - 1);
    }

    /** {@code newsfeed_dead_letters_total{stage="normalizer"}} as the service reports it. */
    private static double normalizerDeadLetters() {
        String metrics = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("newsfeed_dead_letters_total{")
                        && l.contains("stage=\"" + NormalizerTopology.STAGE + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String postId, String until) {
        return KafkaTestClient.consumeUntil(topic, r -> until.equals(r.key()), WAIT).stream()
                .filter(r -> postId.equals(r.key())).toList();
    }

    /**
     * About 600 KB of text in one paragraph, without a title: the title used to be that whole paragraph, so the
     * normalized record held the text twice, 1.2 MB, above the producer's 1 MiB; the stage failed on it and, under
     * exactly-once, again after every restart. The derived title is capped; the post is normalized.
     */
    @Test
    void aSixHundredKilobyteOneParagraphPostIsNormalizedWithACappedTitleAndTheNextPostToo() {
        String source = unique("large");
        String sentence = "The harbour board met again on Monday to discuss the dredging of the outer channel. ";
        String text = sentence.repeat(600_000 / sentence.length()).strip();

        String large = post(source, "1", text);
        String next = post(source, "2", "Next post");

        NormalizedPost normalizedNext = new JsonSerde.NormalizedPostSerde().deserialize(Topics.POSTS_NORMALIZED,
                awaitRecord(Topics.POSTS_NORMALIZED, next).value());
        assertThat(normalizedNext.title()).isEqualTo("Next post");
        List<ConsumerRecord<String, byte[]>> normalized = recordsOf(Topics.POSTS_NORMALIZED, large, next);
        assertThat(normalized).hasSize(1);
        NormalizedPost post = new JsonSerde.NormalizedPostSerde().deserialize(Topics.POSTS_NORMALIZED,
                normalized.get(0).value());
        assertThat(post.paragraphs()).hasSize(1);
        assertThat(post.paragraphs().get(0).text()).isEqualTo(text);
        assertThat(post.title()).hasSizeLessThanOrEqualTo(Titles.MAX_CHARS).endsWith("…")
                .startsWith("The harbour board met again on Monday");
        assertThat(text).startsWith(post.title().substring(0, post.title().length() - 1));
        // the next post is normalized, so a dead letter of the large one would be committed by now
        assertThat(KafkaTestClient.consume(Topics.POSTS_DEAD_LETTER, Integer.MAX_VALUE, Duration.ofSeconds(5)))
                .noneMatch(r -> large.equals(r.key()));
    }

    /**
     * A post whose normalized record is above the producer's limit whatever the title: 80,000 distinct hashtags, about
     * 640 KB as text, appear once more in the post's list of hashtags. It goes to the dead-letter topic, its posts.raw
     * bytes unchanged with the reason, stage and position, and the next post is normalized.
     */
    @Test
    void aPostWhoseNormalizedRecordIsAboveTheLimitIsADeadLetterAndTheNextPostIsNormalized() {
        String source = unique("tagged");
        StringBuilder tags = new StringBuilder("Tags");
        for (int i = 0; i < 80_000; i++) {
            tags.append(" #t").append(i);
        }

        double deadLettersBefore = normalizerDeadLetters();

        String large = post(source, "1", tags.toString());
        String next = post(source, "2", "Next post");

        awaitRecord(Topics.POSTS_NORMALIZED, next);
        assertThat(normalizerDeadLetters()).isEqualTo(deadLettersBefore + 1);
        assertThat(recordsOf(Topics.POSTS_NORMALIZED, large, next)).isEmpty();
        ConsumerRecord<String, byte[]> raw = awaitRecord(Topics.POSTS_RAW, large);
        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.POSTS_DEAD_LETTER, large);
        assertThat(dead.value()).isEqualTo(raw.value());
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.STAGE)).isEqualTo(NormalizerTopology.STAGE);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_RAW);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.PARTITION)).isEqualTo(Integer.toString(raw.partition()));
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.OFFSET)).isEqualTo(Long.toString(raw.offset()));
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON))
                .matches("record for topic posts\\.normalized is too large: \\d{7} bytes of value and headers, "
                        + "more than max\\.request\\.size 1048576 less 4096 bytes for key and framing");
    }
}
