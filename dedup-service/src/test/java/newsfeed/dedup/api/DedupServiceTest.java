package newsfeed.dedup.api;

import static io.restassured.RestAssured.given;
import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The dedup service against a real broker: cross-post decisions on posts.deduplicated, and the fingerprint query. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DedupServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void removesAParagraphPublishedBeforeAndAnswersWhoPublishedItFirst() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shared = "Run " + run + ": the harbour authority confirmed that the northern ferry line will resume "
                + "daily crossings after the storm damage is repaired.";
        NormalizedPost first = post("svc" + run + ":1", Instant.parse("2025-03-01T08:00:00Z"), "First headline here",
                shared);
        NormalizedPost second = post("svc" + run + ":2", Instant.parse("2025-03-01T09:00:00Z"),
                "Second headline here", shared.replace("daily", "regular"));
        NormalizedPost third = post("svc" + run + ":3", Instant.parse("2025-03-01T10:00:00Z"), "Third headline here",
                shared);
        JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
        for (NormalizedPost post : List.of(third, second, first)) {
            KafkaTestClient.produce(Topics.POSTS_NORMALIZED, post.postId(), serde.serialize(Topics.POSTS_NORMALIZED, post));
        }

        // The newest post arrived first: it is decided unique, then revised when the older posts arrive.
        List<ConsumerRecord<String, byte[]>> decisions = KafkaTestClient.consumeUntil(Topics.POSTS_DEDUPLICATED,
                r -> r.key().equals(third.postId()) && decision(r).revision() == 3, WAIT);

        DeduplicatedPost thirdDecision = decision(decisions.get(decisions.size() - 1));
        assertThat(thirdDecision.removed()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RemovalReason.PUBLISHED_BEFORE);
            assertThat(r.duplicateOf()).isEqualTo(first.postId());
        });
        assertThat(decisions.stream().filter(r -> r.key().equals(third.postId())).map(r -> decision(r).revision()))
                .containsExactly(1, 2, 3);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("text", shared).get("/api/fingerprints")
                .then().statusCode(200)
                .body("candidate", equalTo(true))
                .body("firstPublished.postId", equalTo(first.postId()))
                .body("copies", hasSize(2))
                .body("nearCopies[0].postId", equalTo(second.postId())));
    }

    @Test
    void aQueryWithoutTextIsRejectedAndAnUnknownParagraphHasNoFirstPublisher() {
        given().get("/api/fingerprints").then().statusCode(400).body("error", equalTo("invalid request"));
        // 503 until the stream has started and its stores are queryable.
        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("text", "Nobody published this paragraph about the lighthouse keepers of Ostera yet.")
                .get("/api/fingerprints").then().statusCode(200).body("firstPublished", nullValue()));
    }

    private static DeduplicatedPost decision(ConsumerRecord<String, byte[]> record) {
        return new JsonSerde.DeduplicatedPostSerde().deserialize(record.topic(), record.value());
    }
}
