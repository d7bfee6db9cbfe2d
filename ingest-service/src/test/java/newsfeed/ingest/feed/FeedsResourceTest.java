package newsfeed.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import newsfeed.testsupport.TestApiToken;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import newsfeed.testsupport.ManagementInterface;

/**
 * {@code /api/feeds} on the running service against a real Kafka broker and a real HTTP feed server. The server is on
 * 127.0.0.1, so this test allows private addresses ({@link PrivateFeedsAllowed}); {@link FeedAddressGuardTest} runs
 * with them refused.
 */
@QuarkusTest
@TestProfile(FeedsResourceTest.PrivateFeedsAllowed.class)
@QuarkusTestResource(KafkaTestResource.class)
class FeedsResourceTest {

    /** {@code newsfeed.feeds.allow-private=true}: the feed server of this test is on loopback. */
    public static class PrivateFeedsAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.feeds.allow-private", "true");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void serveFeeds() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = FeedFixtures.bytes(exchange.getRequestURI().getPath().substring(1));
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.getResponseHeaders().add("ETag", "\"fixed\"");
            if ("\"fixed\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSubscriptionIsPolledAtOnceAndItsItemsReachPostsRaw() {
        String source = unique("zarechye");
        String url = base + "rss2-windows-1251.xml?s=" + source;
        JsonPath created = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"intervalSeconds\":600,\"source\":\"" + source + "\"}")
                .post("/api/feeds")
                .then().statusCode(201)
                .header("Location", endsWith("/api/feeds/" + FeedSubscription.idOf(url)))
                .body("id", equalTo(FeedSubscription.idOf(url)))
                .body("url", equalTo(url))
                .body("intervalSeconds", equalTo(600))
                .body("source", equalTo(source))
                .extract().jsonPath();
        String id = created.getString("id");

        List<ConsumerRecord<String, byte[]>> raw = KafkaTestClient.consumeUntil(Topics.POSTS_RAW,
                r -> (source + ":zarechye-1002").equals(r.key()), WAIT);
        RawPost bridge = raw.stream().filter(r -> (source + ":zarechye-1001").equals(r.key()))
                .map(r -> new JsonSerde.RawPostSerde().deserialize(Topics.POSTS_RAW, r.value())).findFirst()
                .orElseThrow();
        assertThat(bridge.sourceType()).isEqualTo(SourceType.RSS);
        assertThat(bridge.title()).isEqualTo("Мост через Сорожу откроют в августе");
        assertThat(bridge.url()).isEqualTo("https://zarechye.example/news/most-cherez-sorozhu");
        assertThat(bridge.publishedAt()).hasToString("2024-07-25T07:15:00Z");
        assertThat(bridge.attributes()).containsEntry(FeedItemMapper.ATTR_FEED_ID, id);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + id).then().statusCode(200)
                .body("lastStatus", equalTo("200"))
                .body("itemsPublished", equalTo(2))
                .body("itemsSeen", equalTo(2))
                .body("consecutiveFailures", equalTo(0))
                .body("etag", equalTo("\"fixed\"")));
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.source", equalTo(source));
        // counted just after the poll's status is set
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200)
                .extract().asString())
                .contains("newsfeed_feeds_polls_total{feed=\"" + id + "\",outcome=\"200\"} 1.0")
                .containsPattern("(?m)^newsfeed_feeds_subscribed [1-9]"));

        // One subscription per URL: posting it again replaces interval and source, keeping the id.
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"intervalSeconds\":900,\"source\":\"" + source + "\"}")
                .post("/api/feeds")
                .then().statusCode(200).body("id", equalTo(id)).body("intervalSeconds", equalTo(900));
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + id).then().body("intervalSeconds", equalTo(900));
        // Without a source, the subscription keeps its own.
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"intervalSeconds\":900}")
                .post("/api/feeds")
                .then().statusCode(200).body("source", equalTo(source));

        given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + id).then().statusCode(404)
                .body("error", equalTo("no such subscription"));
        given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(404);
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        // its poll counters go with the subscription
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get(ManagementInterface.url("/q/metrics")).then().extract().asString())
                .doesNotContain("feed=\"" + id + "\""));

        List<ConsumerRecord<String, byte[]>> changes = KafkaTestClient.consumeUntil(Topics.FEEDS_SUBSCRIPTIONS,
                r -> id.equals(r.key()) && r.value() == null, WAIT);
        assertThat(changes.stream().filter(r -> id.equals(r.key())).map(r -> r.value() == null ? "tombstone"
                : new String(r.value(), StandardCharsets.UTF_8).contains("\"intervalSeconds\":900") ? "900" : "600"))
                .containsExactly("600", "900", "tombstone");
    }

    @Test
    void subscriptionsWrittenByAnotherInstanceAreFollowedAndUnreadableRecordsSkipped() {
        String source = unique("atom");
        String url = base + "atom-bom.xml?s=" + source;
        String id = FeedSubscription.idOf(url);
        KafkaTestClient.produce(Topics.FEEDS_SUBSCRIPTIONS, "garbage-" + source, "{not json");
        KafkaTestClient.produce(Topics.FEEDS_SUBSCRIPTIONS, id, "{\"id\":\"" + id + "\",\"url\":\"" + url
                + "\",\"intervalSeconds\":3600,\"source\":\"" + source + "\",\"createdAt\":\"2024-01-01T00:00:00Z\"}");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + id).then().statusCode(200)
                .body("source", equalTo(source))
                .body("lastStatus", equalTo("200"))
                .body("itemsPublished", equalTo(4)));
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().body("items.id", hasItem(id))
                .body("items.id", org.hamcrest.Matchers.not(hasItem("garbage-" + source)));
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200);

        KafkaTestClient.produce(Topics.FEEDS_SUBSCRIPTIONS, id, (byte[]) null);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + id).then().statusCode(404));
    }

    /**
     * Issue 12, acceptance 3: ten feeds on one host are never fetched more than {@code max-concurrent-per-host} (2)
     * at once, counted at the server, although the poller runs 4 polls at once and all ten are due together.
     */
    @Test
    void tenFeedsOfOneHostAreNeverFetchedMoreThanTheCapAtOnce() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> fetched = new CopyOnWriteArrayList<>();
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // a thread per request: the server itself must not be what limits the concurrency seen
        slow.setExecutor(Executors.newFixedThreadPool(10));
        slow.createContext("/", exchange -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(700);
                byte[] body = FeedFixtures.bytes("rss1-rdf.xml");
                exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                fetched.add(exchange.getRequestURI().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
        });
        slow.start();
        List<String> ids = new ArrayList<>();
        try {
            String host = "http://127.0.0.1:" + slow.getAddress().getPort() + "/";
            for (int i = 0; i < 10; i++) {
                ids.add(given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                        .body("{\"url\":\"" + host + "feed-" + i + ".xml\",\"intervalSeconds\":3600,\"source\":\""
                                + unique("cap") + "\"}")
                        .post("/api/feeds").then().statusCode(201).extract().path("id"));
            }
            await().atMost(WAIT).until(() -> fetched.size() >= 10);
            assertThat(most.get()).as("most fetches of the host at once").isEqualTo(2);
        } finally {
            for (String id : ids) {
                given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id);
            }
            slow.stop(0);
            ((ExecutorService) slow.getExecutor()).shutdownNow();
        }
    }

    @Test
    void theSourceDefaultsToTheHostAndInvalidRequestsNameTheirFields() {
        String url = base + "rss1-rdf.xml?s=" + unique("host");
        String id = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"intervalSeconds\":3600}")
                .post("/api/feeds")
                .then().statusCode(201).body("source", equalTo("127-0-0-1"))
                .extract().path("id");
        given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);

        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"feeds.example/rss\",\"intervalSeconds\":1,\"source\":\"UPPER\"}")
                .post("/api/feeds")
                .then().statusCode(400)
                .body("error", equalTo("invalid subscription"))
                .body("details", contains(
                        "url must be an absolute http or https URL with a host, got \"feeds.example/rss\"",
                        "intervalSeconds must be from 10 to 86400, got 1",
                        "source must be a slug matching [a-z0-9][a-z0-9_-]{0,63}, got \"UPPER\""));
        given().auth().oauth2(TestApiToken.TOKEN).contentType("text/plain").body("x").post("/api/feeds").then().statusCode(415)
                .body("details", contains("got text/plain; charset=ISO-8859-1; POST /api/feeds takes application/json"));
    }
}
