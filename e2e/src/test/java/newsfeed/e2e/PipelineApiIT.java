package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/pipeline} while posts stream in (issue 5, acceptance 4): a non-zero records/s on posts.raw,
 * posts.normalized and posts.deduplicated during the import, and lag 0 for every consumer group once it is done.
 */
class PipelineApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> TOPICS = List.of("posts.raw", "posts.normalized", "posts.deduplicated");

    @Test
    void reportsThroughputDuringAnImportAndNoLagAfterIt() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String source = "pipe" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<Void> importing = CompletableFuture.runAsync(() -> ingest(pipeline, source));

        Map<String, Double> maxRate = new HashMap<>();
        long stopPolling = Long.MAX_VALUE;
        while (System.nanoTime() < stopPolling) {
            JsonNode report = Api.get(pipeline.storeUrl + "/api/pipeline").json();
            for (JsonNode topic : report.get("topics")) {
                maxRate.merge(topic.get("topic").asText(), topic.get("recordsPerSecond10s").asDouble(), Math::max);
            }
            if (importing.isDone()) {
                if (TOPICS.stream().allMatch(t -> maxRate.getOrDefault(t, 0.0) > 0)) {
                    break;
                }
                // The last records may still be on their way downstream: keep watching for a while.
                stopPolling = Math.min(stopPolling, System.nanoTime() + Duration.ofSeconds(15).toNanos());
            }
            Thread.sleep(1_000);
        }
        importing.join();

        for (String topic : TOPICS) {
            assertThat(maxRate.get(topic)).as("%s records/s during the import", topic).isPositive();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = Api.get(pipeline.storeUrl + "/api/pipeline").json();
            assertThat(report.get("consumerGroups")).hasSize(3);
            for (JsonNode group : report.get("consumerGroups")) {
                assertThat(group.get("lag").asLong()).as(group.toString()).isZero();
                assertThat(group.get("partitions")).as(group.get("group").asText()).isNotEmpty();
            }
        });
    }

    /** Posts 240 posts of the source in 24 requests over about 8 seconds. */
    private static void ingest(Pipeline pipeline, String source) {
        try {
            for (int batch = 0; batch < 24; batch++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 10; i++) {
                    int n = batch * 10 + i;
                    body.append(i == 0 ? "" : ",").append("{\"source\":\"").append(source)
                            .append("\",\"externalId\":\"").append(n).append("\",\"body\":\"Bulletin ").append(n)
                            .append(" of ").append(source).append("\\nThe pilot boat ").append(n)
                            .append(" reported calm seas off the northern cape this morning.\"}");
                }
                HttpResponse<String> response = HTTP.send(Api.withToken(
                        URI.create(pipeline.ingestUrl + "/api/posts")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                Thread.sleep(330);
            }
        } catch (Exception e) {
            throw new IllegalStateException("ingestion failed", e);
        }
    }
}
