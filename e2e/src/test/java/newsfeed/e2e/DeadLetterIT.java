package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A poison record on {@code posts.raw} (issue 4, acceptance 4): it lands in {@code posts.dead-letter}, bytes
 * unchanged, with its reason, stage, topic, partition and offset; the posts sent after it are stored.
 */
class DeadLetterIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aPoisonRecordIsDeadLetteredAndThePostsAfterItAreStored() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poisonKey = "poison" + run + ":1";
        byte[] poison = "{\"postId\": \"poison:1\", \"body\": \"unterminated".getBytes(StandardCharsets.UTF_8);
        KafkaTestClient.produce(Topics.POSTS_RAW, poisonKey, poison);
        String source = "after" + run;
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(Api.withToken(
                URI.create(pipeline.ingestUrl + "/api/posts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"" + source + "\",\"externalId\":\"1\","
                        + "\"body\":\"Stored after the poison record\\nIts second paragraph, with enough words.\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> poisonKey.equals(r.key()), WAIT);
        ConsumerRecord<String, byte[]> letter = dead.get(dead.size() - 1);
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.STAGE)).isEqualTo("normalizer");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_RAW);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON))
                .startsWith("invalid RawPost on topic posts.raw at line 1, column");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.OFFSET)).matches("\\d+");
        await().atMost(WAIT).until(() -> Api.post(pipeline.storeUrl, source + ":1") != null);
        assertThat(Api.texts(Api.post(pipeline.storeUrl, source + ":1").get("paragraphs")))
                .containsExactly("Stored after the poison record", "Its second paragraph, with enough words.");
        assertThat(Api.post(pipeline.storeUrl, poisonKey)).isNull();
    }
}
