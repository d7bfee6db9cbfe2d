package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsfeed.testsupport.WebSubTestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSub push (issue 12, acceptance): a feed whose document names the local test hub ({@link WebSubTestHub}, on
 * 127.0.0.1) is subscribed at the hub by the running ingest-service; a post the hub pushes is stored within a second
 * of the push (measured from the push to the post's answer on the store API, and printed); a push with a bad
 * signature is rejected and stores nothing. The feed's interval is a day, so only the first poll and the pushes can
 * bring posts.
 */
class WebSubIT {

    private static final String SOURCE = "websub-tern";
    private static final String PATH = "/tern.xml";

    private static Pipeline pipeline;
    private static FeedTestServer server;
    private static WebSubTestHub hub;
    private static String id;

    private static String item(String guid, String title, String text) {
        return "<item><title>" + title + "</title><guid isPermaLink=\"false\">" + guid + "</guid>"
                + "<link>https://tern.example/" + guid + "</link><pubDate>Mon, 02 Dec 2024 08:00:00 GMT</pubDate>"
                + "<description>&lt;p&gt;" + text + "&lt;/p&gt;</description></item>";
    }

    private static byte[] feed(String... items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Tern Point Log</title>"
                + "<link>https://tern.example/</link><description>Fictional</description>"
                + "<atom:link rel=\"hub\" href=\"" + hub.url() + "\"/>"
                + "<atom:link rel=\"self\" href=\"" + server.url(PATH) + "\"/>"
                + String.join("", items) + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    private static final String FIRST = item("tern-1", "Tern colony counted",
            "Wardens counted four hundred nesting pairs on the shingle spit at Tern Point this spring.");
    private static final String SECOND = item("tern-2", "Causeway closed at high tide",
            "The causeway to Tern Point closes two hours either side of high water until the new markers are set.");
    private static final String FORGED = item("tern-3", "Lighthouse sold",
            "A forged bulletin claims that the Tern Point lighthouse was sold to a private buyer overnight.");

    @BeforeAll
    static void subscribe() throws Exception {
        pipeline = Pipeline.shared();
        hub = new WebSubTestHub();
        server = new FeedTestServer();
        server.serve(PATH, feed(FIRST), "application/rss+xml; charset=utf-8");
        Api.Response answer = FeedTestServer.subscribe(pipeline.ingestUrl, server.url(PATH), 86_400, SOURCE);
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(201);
        id = answer.json().get("id").asText();
    }

    @AfterAll
    static void unsubscribe() throws Exception {
        if (id != null) {
            assertThat(FeedTestServer.unsubscribe(pipeline.ingestUrl, id)).isEqualTo(204);
            // unsubscribed at the hub too (best effort, at the next tick), before the hub goes away
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.verifications().stream()
                    .anyMatch(v -> v.mode().equals("unsubscribe") && v.echoed()));
        }
        server.close();
        hub.close();
    }

    private static Instant instant(JsonNode post, String field) {
        return Instant.parse(post.get(field).asText());
    }

    @Test
    void aPushedPostIsStoredWithinASecondAndABadSignatureIsRejected() throws Exception {
        // the first poll stores the first post and finds the hub; ingest subscribes and answers the verification
        WebSubTestHub.Subscription subscription = hub.awaitSubscription(server.url(PATH), Duration.ofSeconds(60));
        assertThat(subscription.callback()).startsWith(pipeline.ingestUrl.replace("localhost", "127.0.0.1")
                + "/api/websub/");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Api.post(pipeline.storeUrl, SOURCE + ":tern-1") != null);
        JsonNode status = FeedTestServer.feedStatus(pipeline.ingestUrl, id);
        assertThat(status.get("webSub").get("state").asText()).isEqualTo("active");

        // a pushed post, stored within a second of the push
        long pushed = System.nanoTime();
        assertThat(hub.publish(server.url(PATH), feed(SECOND, FIRST), "application/rss+xml"))
                .containsExactly(new WebSubTestHub.Answer(200, ""));
        long answered = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Api.post(pipeline.storeUrl, SOURCE + ":tern-2") != null);
        Duration stored = Duration.ofNanos(System.nanoTime() - pushed);
        JsonNode second = Api.post(pipeline.storeUrl, SOURCE + ":tern-2");
        System.out.printf("WebSubIT: pushed post stored (GET /api/posts/{postId} answered) %d ms after the push; "
                + "push answered in %d ms; receivedAt -> storedAt %d ms%n", stored.toMillis(),
                Duration.ofNanos(answered - pushed).toMillis(), Duration.between(instant(second, "receivedAt"),
                        instant(second, "storedAt")).toMillis());
        assertThat(second.get("title").asText()).isEqualTo("Causeway closed at high tide");
        assertThat(Api.texts(second.get("paragraphs"))).containsExactly("The causeway to Tern Point closes two hours "
                + "either side of high water until the new markers are set.");
        assertThat(stored).as("push to stored").isLessThanOrEqualTo(Duration.ofSeconds(1));

        // a push with a bad signature: rejected, nothing stored
        byte[] forged = feed(FORGED, SECOND, FIRST);
        assertThat(hub.deliver(subscription, forged, "application/rss+xml",
                WebSubTestHub.signature("sha256", forged, "a-secret-the-hub-never-had")).status()).isEqualTo(403);
        assertThat(hub.deliver(subscription, forged, "application/rss+xml", null).status()).isEqualTo(403);
        Thread.sleep(2_000); // as long again as a good push takes, many times over
        assertThat(Api.post(pipeline.storeUrl, SOURCE + ":tern-3")).isNull();
        List<JsonNode> storedPosts = Api.listAll(pipeline.storeUrl, SOURCE);
        assertThat(storedPosts).hasSize(2);
        JsonNode after = FeedTestServer.feedStatus(pipeline.ingestUrl, id).get("webSub");
        assertThat(after.get("pushesAccepted").asInt()).isEqualTo(1);
        assertThat(after.get("pushesRejected").asInt()).isEqualTo(2);
        assertThat(after.get("lastPushProblem").asText()).isEqualTo("bad signature: missing");
    }
}
