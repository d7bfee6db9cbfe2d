package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample through the three running services, real Kafka and real PostgreSQL (issue 2, acceptance 3),
 * checked against {@code samples/northwind-wire.expected.json}: titles, forwarded channels, datelines, hashtags,
 * every kept paragraph in order, and the elision markers kept.
 */
class SamplePipelineIT {

    private static final String SOURCE = "northwind";

    private static Pipeline pipeline;
    private static JsonNode expected;
    private static List<String> postIds;

    @BeforeAll
    static void importSample() throws Exception {
        pipeline = Pipeline.shared();
        expected = Json.mapper().readTree(Paths.sampleExpectations().toFile());

        Api.Response response = Api.importText(pipeline.ingestUrl, SOURCE, Paths.sample());

        assertThat(response.status()).as("import answer %s", response.json()).isEqualTo(202);
        postIds = new ArrayList<>();
        response.json().get("postIds").forEach(id -> postIds.add(id.asText()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> Api.listAll(pipeline.storeUrl, SOURCE).size() == expected.size());
    }

    @Test
    void everyPostIsStoredAsTheExpectationsSay() throws Exception {
        assertThat(postIds).hasSize(expected.size()).doesNotHaveDuplicates();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            JsonNode post = Api.post(pipeline.storeUrl, postIds.get(i));
            String label = "post " + (i + 1) + " " + postIds.get(i);

            assertThat(post.get("title").asText()).as(label).isEqualTo(want.get("title").asText());
            assertThat(post.get("forwardedFrom")).as(label).isEqualTo(want.get("forwardedFrom"));
            assertThat(post.get("dateline")).as(label).isEqualTo(want.get("dateline"));
            assertThat(post.get("hashtags")).as(label).isEqualTo(want.get("hashtags"));
            List<String> kept = new ArrayList<>();
            int elisions = 0;
            for (JsonNode paragraph : post.get("paragraphs")) {
                if (paragraph.get("kind").asText().equals("elision")) {
                    elisions++;
                } else {
                    kept.add(paragraph.get("text").asText());
                }
            }
            List<String> wantKept = new ArrayList<>();
            want.get("kept").forEach(k -> wantKept.add(k.asText()));
            assertThat(kept).as(label).containsExactlyElementsOf(wantKept);
            assertThat(elisions).as(label).isEqualTo(want.get("elisionsKept").asInt());
            assertThat(post.get("status").asText()).as(label).isEqualTo("UNIQUE");
            post.get("removed").forEach(r -> assertThat(r.get("reason").asText()).isEqualTo("REPEATED_IN_POST"));
        }
    }

    @Test
    void theTwoPostsSharingADatelineBothKeepIt() throws Exception {
        for (int i : new int[] {1, 2}) {
            assertThat(Api.texts(Api.post(pipeline.storeUrl, postIds.get(i)).get("paragraphs")))
                    .contains("📍 Port Calder, March 4, 2025");
        }
    }

    @Test
    void listingPagesNewestFirstWithoutGapsOrRepeats() throws Exception {
        List<JsonNode> items = Api.listAll(pipeline.storeUrl, SOURCE);

        assertThat(items).extracting(item -> item.get("postId").asText())
                .containsExactlyInAnyOrderElementsOf(postIds);
        for (int i = 1; i < items.size(); i++) {
            String newer = items.get(i - 1).get("publishedAt").asText();
            String older = items.get(i).get("publishedAt").asText();
            assertThat(java.time.Instant.parse(newer)).isAfterOrEqualTo(java.time.Instant.parse(older));
        }
    }
}
