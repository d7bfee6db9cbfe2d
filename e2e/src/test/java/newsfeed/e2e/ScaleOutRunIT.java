package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import newsfeed.workload.NewsCorpus;
import org.junit.jupiter.api.Test;

/**
 * Scale-out on Kafka's own mechanisms (issue 11, acceptance 2): {@code run.sh --instances 2} (two instances of every
 * service, topics of 3 partitions) stores exactly what {@code run.sh} with one instance stores, for the bundled
 * sample and 400 generated posts with planted verbatim and near repeats sent to both ingest instances; columns that
 * depend on when and in which order posts were stored aside ({@link StoreSnapshot#RUN_DEPENDENT}). Takes about four
 * minutes: two stacks of their own, one after the other.
 */
class ScaleOutRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "scale";
    private static final int POSTS = 400;
    private static final Duration WAIT = Duration.ofSeconds(240);

    @Test
    void twoInstancesOfEveryServiceStoreWhatOneStores() throws Exception {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(POSTS, 11,
                Instant.parse("2025-06-01T00:00:00Z")));
        String one = storedBy(1, corpus);
        String two = storedBy(2, corpus);

        assertThat(one).contains("post_id=scale:0 ").contains("reason=PUBLISHED_BEFORE")
                .contains("reason=NEAR_DUPLICATE").contains("post_id=northwind:");
        assertThat(two).isEqualTo(one);
    }

    /** Runs run.sh with {@code instances}, sends the corpus, and returns what it stored once nothing changes. */
    private static String storedBy(int instances, NewsCorpus corpus) throws Exception {
        try (RunScript run = RunScript.start(Map.of(), "--instances", Integer.toString(instances))) {
            String token = Files.readString(run.runDir.resolve("api-token")).strip();
            List<byte[]> batches = batches(corpus);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < batches.size(); i++) {
                // every other batch to the second ingest instance, when there is one
                int port = run.ports.get("INGEST_PORT") + (instances > 1 && i % 2 == 1 ? 100 : 0);
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/posts")).header("Content-Type",
                        "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(batches.get(i))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s", answer.body()).isEqualTo(202);
            }
            String jdbcUrl = "jdbc:postgresql://localhost:" + run.ports.get("PG_PORT") + "/newsfeed";
            AtomicReference<String> last = new AtomicReference<>("");
            // stored, and unchanged over 5 s: revisions of late older posts have landed too
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(5)).until(() -> {
                String now = StoreSnapshot.of(jdbcUrl, "postgres", "postgres", "true", StoreSnapshot.RUN_DEPENDENT);
                boolean settled = now.equals(last.get())
                        && now.lines().filter(l -> l.startsWith("post_id=" + SOURCE + ":") && l.contains(" source="))
                                .count() == POSTS;
                last.set(now);
                return settled;
            });
            assertThat(run.interrupt()).as("run.sh stops on SIGINT:\n%s", run.output()).isTrue();
            return last.get();
        }
    }

    private static List<byte[]> batches(NewsCorpus corpus) throws Exception {
        List<NewsCorpus.Post> posts = corpus.posts();
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < posts.size(); from += 50) {
            ArrayNode batch = JSON.createArrayNode();
            for (NewsCorpus.Post post : posts.subList(from, Math.min(posts.size(), from + 50))) {
                ObjectNode item = batch.addObject();
                item.put("source", SOURCE);
                item.put("externalId", Integer.toString(post.index()));
                item.put("publishedAt", post.publishedAt().toString());
                item.put("body", post.body());
            }
            batches.add(JSON.writeValueAsBytes(batch));
        }
        return batches;
    }
}
