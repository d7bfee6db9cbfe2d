package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import newsfeed.workload.NewsCorpus;

/**
 * One input for the tests that compare whole runs of {@code run.sh} (scale-out, chaos): the bundled sample, which
 * run.sh imports, and {@value #POSTS} generated posts with planted verbatim and near repeats, sent as JSON batches
 * of {@value #BATCH}; and what an undisturbed one-instance run stores of it, computed once per test JVM.
 */
final class CorpusRun {

    static final String SOURCE = "scale";
    static final int POSTS = 1500;
    static final int BATCH = 25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(300);
    private static String undisturbed;

    private CorpusRun() {
    }

    /** The corpus as {@code POST /api/posts} bodies, in publication order. */
    static List<byte[]> batches() throws IOException {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(POSTS, 11,
                Instant.parse("2025-06-01T00:00:00Z")));
        List<NewsCorpus.Post> posts = corpus.posts();
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < posts.size(); from += BATCH) {
            ArrayNode batch = JSON.createArrayNode();
            for (NewsCorpus.Post post : posts.subList(from, Math.min(posts.size(), from + BATCH))) {
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

    /**
     * Sends one batch to the ingest instance on {@code port} until it is accepted (202), waiting a second after each
     * refusal or failed connection: a stack being disrupted answers 503 or nothing for a while.
     *
     * @throws AssertionError if it is refused with a 4xx (a bad batch), or not accepted within 5 minutes
     */
    static void send(RunScript run, int port, byte[] batch) throws Exception {
        String token = Files.readString(run.runDir.resolve("api-token")).strip();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/posts")).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    return;
                }
                assertThat(answer.statusCode()).as("batch refused: %s", answer.body()).isGreaterThanOrEqualTo(500);
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("batch not accepted within 5 minutes; last answer: " + last);
    }

    /**
     * What the run's database holds once every post of the corpus is stored and nothing changed for 5 s (revisions
     * of late older posts have landed too), without the columns of {@link StoreSnapshot#RUN_DEPENDENT}.
     */
    static String settled(RunScript run) {
        String jdbcUrl = run.jdbcUrl();
        AtomicReference<String> last = new AtomicReference<>("");
        // instances of: the driver throws PSQLException, a subclass, which ignoreException (that class alone) let
        // through, so ChaosRunIT failed when a poll met PostgreSQL starting up after its kill ("the database system
        // is starting up", CI on bd493d6)
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> {
                    String now = StoreSnapshot.of(jdbcUrl, "postgres", "postgres", "true",
                            StoreSnapshot.RUN_DEPENDENT);
                    boolean settled = now.equals(last.get()) && now.lines().filter(l -> l.startsWith("post_id="
                            + SOURCE + ":") && l.contains(" source=")).count() == POSTS;
                    last.set(now);
                    return settled;
                });
        return last.get();
    }

    /** What {@code run.sh} with one instance, undisturbed, stores of the sample and the corpus. */
    static synchronized String undisturbed() throws Exception {
        if (undisturbed == null) {
            try (RunScript run = RunScript.start(Map.of())) {
                for (byte[] batch : batches()) {
                    send(run, run.ports.get("INGEST_PORT"), batch);
                }
                undisturbed = settled(run);
                assertThat(run.interrupt()).as("run.sh stops on SIGINT:\n%s", run.output()).isTrue();
            }
            assertThat(undisturbed).contains("post_id=" + SOURCE + ":0 ").contains("reason=PUBLISHED_BEFORE")
                    .contains("reason=NEAR_DUPLICATE").contains("post_id=northwind:");
        }
        return undisturbed;
    }
}
