package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import newsfeed.contracts.Json;
import org.junit.jupiter.api.Test;

/**
 * The cross-post path end to end (issue 3, acceptance 4): the labelled dedup set, posted in shuffled order as JSON
 * to ingest-service, normalized, deduplicated across posts and stored in PostgreSQL, must be stored exactly as
 * labelled: every paragraph kept or removed with its reason and {@code duplicateOf}, every post's status.
 */
class CrossPostPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void theLabelledSetIsStoredAsLabelled() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        JsonNode set = Json.mapper().readTree(labelledSet().toFile());
        List<JsonNode> posts = new ArrayList<>();
        set.get("posts").forEach(posts::add);
        Collections.shuffle(posts, new Random(42));

        ArrayNode request = Json.mapper().createArrayNode();
        for (JsonNode post : posts) {
            request.add(rawPost(post));
        }
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(Api.withToken(
                URI.create(pipeline.ingestUrl + "/api/posts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(mismatches(pipeline, posts)).isEmpty());
        Thread.sleep(3_000);
        assertThat(mismatches(pipeline, posts)).as("still as labelled once every correction is in").isEmpty();
    }

    /** The labelled post as a RawPost JSON object; a forwarded post starts with its {@code Forwarded from} line. */
    private static ObjectNode rawPost(JsonNode post) {
        String postId = post.get("postId").asText();
        List<String> paragraphs = new ArrayList<>();
        JsonNode forwardedFrom = post.get("forwardedFrom");
        if (forwardedFrom != null && !forwardedFrom.isNull()) {
            paragraphs.add("Forwarded from " + forwardedFrom.asText());
        }
        post.get("paragraphs").forEach(p -> paragraphs.add(p.get("text").asText()));
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.put("source", postId.substring(0, postId.indexOf(':')));
        raw.put("externalId", postId.substring(postId.indexOf(':') + 1));
        raw.put("publishedAt", post.get("publishedAt").asText());
        raw.put("body", String.join("\n\n", paragraphs));
        return raw;
    }

    /** Every difference between what is stored and the labels. */
    private static List<String> mismatches(Pipeline pipeline, List<JsonNode> posts) throws IOException,
            InterruptedException {
        List<String> mismatches = new ArrayList<>();
        for (JsonNode labelled : posts) {
            String postId = labelled.get("postId").asText();
            JsonNode stored = Api.post(pipeline.storeUrl, postId);
            if (stored == null) {
                mismatches.add(postId + " not stored");
                continue;
            }
            List<String> expected = new ArrayList<>();
            labelled.get("paragraphs").forEach(p -> expected.add("removed".equals(p.get("expect").asText())
                    ? p.get("reason").asText() + "→" + p.get("duplicateOf").asText() : "kept"));
            List<String> actual = new ArrayList<>(Collections.nCopies(expected.size(), "kept"));
            for (JsonNode removed : stored.get("removed")) {
                actual.set(removed.get("position").asInt(), removed.get("reason").asText() + "→"
                        + removed.get("duplicateOf").asText());
            }
            if (!actual.equals(expected)) {
                mismatches.add(postId + " expected " + expected + " got " + actual);
            }
            if (!labelled.get("expectStatus").asText().equals(stored.get("status").asText())) {
                mismatches.add(postId + " status " + stored.get("status").asText());
            }
        }
        return mismatches;
    }

    private static Path labelledSet() {
        return Paths.root().resolve("dedup-service/src/test/resources/labelled/dedup-labelled-set.json");
    }
}
