package newsfeed.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.ManagementInterface;
import newsfeed.testsupport.TestApiToken;
import newsfeed.testsupport.WebSubTestHub;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSub on the running service (issue 12) against a real Kafka broker, a feed server and the local test hub
 * ({@link WebSubTestHub}), all on 127.0.0.1: the feed's document names the hub, the service subscribes with its
 * callback, answers the hub's verification without any API token, accepts a signed distribution (its new item in
 * {@code posts.raw}, the item already polled not again), refuses unsigned and badly signed ones (403, nothing
 * published, counted and shown), answers 404 to verifications it did not ask for, falls back to polling on a
 * denial, and unsubscribes when the feed is deleted.
 */
@QuarkusTest
@TestProfile(WebSubPushTest.CallbackOnLoopback.class)
@QuarkusTestResource(KafkaTestResource.class)
class WebSubPushTest {

    /** Private addresses allowed (feed and hub on loopback), and a callback base on the service's own test port. */
    public static class CallbackOnLoopback implements QuarkusTestProfile {
        static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.feeds.allow-private", "true",
                    "quarkus.http.test-port", Integer.toString(PORT),
                    "newsfeed.feeds.websub.callback-base", "http://127.0.0.1:" + PORT);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SOURCE = "websub-quay";
    private static WebSubTestHub hub;
    private static HttpServer server;
    private static volatile byte[] document;
    private static String feedUrl;

    private static String item(int n) {
        return "<item><guid isPermaLink=\"false\">quay-" + n + "</guid><title>Quay notice " + n + "</title>"
                + "<description>The harbour master posted notice number " + n + " on the quay board.</description>"
                + "</item>";
    }

    private static byte[] feed(String... items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Quay</title>"
                + "<link>https://quay.example/</link><description>Fictional</description>"
                + "<atom:link rel=\"hub\" href=\"" + hub.url() + "\"/>"
                + "<atom:link rel=\"self\" href=\"" + feedUrl + "\"/>" + String.join("", items)
                + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void serve() throws IOException {
        hub = new WebSubTestHub();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/quay.xml", exchange -> {
            byte[] body = document;
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        feedUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/quay.xml";
        document = feed(item(1));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        hub.close();
    }

    private static List<String> rawKeys() {
        return KafkaTestClient.readToEnd(Topics.POSTS_RAW, WAIT).stream().map(ConsumerRecord::key)
                .filter(k -> k.startsWith(SOURCE + ":")).toList();
    }

    private static JsonPath status(String id) {
        return given().get("/api/feeds/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aHubsSignedPushIsPublishedAndABadlySignedOneIsNot() throws Exception {
        String id = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"" + feedUrl + "\",\"intervalSeconds\":600,\"source\":\"" + SOURCE + "\"}")
                .post("/api/feeds").then().statusCode(201).extract().jsonPath().getString("id");

        // the first poll publishes item 1 and finds the hub; the service subscribes and the hub verifies it
        WebSubTestHub.Subscription subscription = hub.awaitSubscription(feedUrl, WAIT);
        assertThat(subscription.callback()).startsWith("http://127.0.0.1:" + CallbackOnLoopback.PORT
                + "/api/websub/");
        assertThat(subscription.callback().substring(subscription.callback().lastIndexOf('/') + 1))
                .as("a 256-bit random id, base64url").hasSize(43);
        assertThat(subscription.secret()).as("32 random bytes in hex").matches("[0-9a-f]{64}");
        assertThat(subscription.leaseSeconds()).isEqualTo(Duration.ofDays(10).toSeconds());
        WebSubTestHub.Request request = hub.requests().get(0);
        assertThat(request.form()).containsEntry("hub.mode", "subscribe").containsEntry("hub.topic", feedUrl)
                .containsEntry("hub.callback", subscription.callback());
        assertThat(hub.verifications()).containsExactly(new WebSubTestHub.Verification("subscribe",
                subscription.callback(), 200, true));
        KafkaTestClient.consumeUntil(Topics.POSTS_RAW, r -> (SOURCE + ":quay-1").equals(r.key()), WAIT);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath active = status(id);
            assertThat(active.getString("webSub.state")).isEqualTo("active");
            assertThat(active.getString("webSub.hub")).isEqualTo(hub.url());
            assertThat(active.getString("webSub.self")).isEqualTo(feedUrl);
            assertThat(Instant.parse(active.getString("webSub.activeUntil")))
                    .isAfter(Instant.now().plus(Duration.ofDays(9)));
        });

        // a signed distribution: its new item is published at once, the polled one not again
        Instant pushed = Instant.now();
        assertThat(hub.publish(feedUrl, feed(item(2), item(1)), "application/rss+xml"))
                .containsExactly(new WebSubTestHub.Answer(200, ""));
        KafkaTestClient.consumeUntil(Topics.POSTS_RAW, r -> (SOURCE + ":quay-2").equals(r.key()), WAIT);
        System.out.printf("WebSubPushTest: pushed item in posts.raw %d ms after the push%n",
                Duration.between(pushed, Instant.now()).toMillis());
        assertThat(rawKeys()).containsExactlyInAnyOrder(SOURCE + ":quay-1", SOURCE + ":quay-2");

        // no signature, a wrong secret, a malformed header: 403, nothing published
        byte[] forged = feed(item(3), item(2), item(1));
        assertThat(hub.deliver(subscription, forged, "application/rss+xml", null).status()).isEqualTo(403);
        assertThat(hub.deliver(subscription, forged, "application/rss+xml",
                WebSubTestHub.signature("sha256", forged, "not-the-secret")))
                .isEqualTo(new WebSubTestHub.Answer(403, "X-Hub-Signature mismatch: ignored"));
        assertThat(hub.deliver(subscription, forged, "application/rss+xml", "sha256 deadbeef").status())
                .isEqualTo(403);
        // signed for another body
        assertThat(hub.deliver(subscription, forged, "application/rss+xml",
                WebSubTestHub.signature("sha1", feed(item(2)), subscription.secret())).status()).isEqualTo(403);
        assertThat(rawKeys()).doesNotContain(SOURCE + ":quay-3").hasSize(2);
        JsonPath rejected = status(id);
        assertThat(rejected.getLong("webSub.pushesRejected")).isEqualTo(4);
        assertThat(rejected.getLong("webSub.pushesAccepted")).isEqualTo(1);
        assertThat(rejected.getString("webSub.lastPushProblem")).isEqualTo("bad signature: mismatch");
        assertThat(rejected.getLong("itemsPublished")).isEqualTo(2);
        String metrics = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract()
                .asString();
        assertThat(metrics).contains("newsfeed_feeds_websub_rejected_total{reason=\"missing\"} 1.0")
                .contains("newsfeed_feeds_websub_rejected_total{reason=\"mismatch\"} 2.0")
                .contains("newsfeed_feeds_websub_rejected_total{reason=\"malformed\"} 1.0")
                .contains("newsfeed_feeds_websub_pushes_total{outcome=\"push\"} 1.0");

        // the same document correctly signed: published
        assertThat(hub.publish(feedUrl, forged, "application/rss+xml"))
                .containsExactly(new WebSubTestHub.Answer(200, ""));
        assertThat(rawKeys()).contains(SOURCE + ":quay-3").hasSize(3);

        // verifications it did not ask for, and unknown callbacks: 404, no token needed to be told so
        String path = subscription.callback().substring(subscription.callback().indexOf("/api/"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", "http://127.0.0.1/other.xml")
                .queryParam("hub.challenge", "c1").queryParam("hub.lease_seconds", "60")
                .get(path).then().statusCode(404);
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.topic", feedUrl)
                .queryParam("hub.challenge", "c2").get(path).then().statusCode(404);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.topic", feedUrl)
                .queryParam("hub.challenge", "c3").queryParam("hub.lease_seconds", "60")
                .get("/api/websub/unknown-callback").then().statusCode(404);
        given().body(forged).contentType("application/rss+xml")
                .header("X-Hub-Signature", WebSubTestHub.signature("sha256", forged, subscription.secret()))
                .post("/api/websub/unknown-callback").then().statusCode(404);

        // a denial (§5.2): the subscription fails, and the feed is polled at its interval again
        assertThat(hub.deny(subscription, "topic closed").status()).isEqualTo(200);
        JsonPath denied = status(id);
        assertThat(denied.getString("webSub.state")).isEqualTo("failed");
        assertThat(denied.getString("webSub.reason")).isEqualTo("denied by the hub: topic closed");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Instant.parse(status(id).getString("nextPollAt")))
                .isBefore(Instant.now().plusSeconds(601)));
        given().body(forged).contentType("application/rss+xml")
                .header("X-Hub-Signature", WebSubTestHub.signature("sha256", forged, subscription.secret()))
                .post(path).then().statusCode(404);

        // deleting the feed unsubscribes it at the hub, which verifies that too
        given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);
        await().atMost(WAIT).untilAsserted(() -> assertThat(hub.verifications()).contains(
                new WebSubTestHub.Verification("unsubscribe", subscription.callback(), 200, true)));
        assertThat(hub.requests().stream().map(r -> r.form().get("hub.mode")).toList()).containsExactly("subscribe",
                "unsubscribe");
        given().get("/api/feeds/" + id).then().statusCode(404).body("webSub", nullValue());
    }
}
