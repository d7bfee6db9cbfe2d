package newsfeed.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.TestApiToken;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/telegram/channels} on the running service against a real Kafka broker and a local server standing in
 * for t.me ({@code newsfeed.feeds.telegram-preview-base} points at it; it is on loopback, so private addresses are
 * allowed here): following a channel backfills its newest posts to {@code posts.raw}, it is listed with its polling
 * status, and unfollowing it stops the polls.
 */
@QuarkusTest
@TestProfile(TelegramChannelsResourceTest.LocalPreview.class)
@QuarkusTestResource(KafkaTestResource.class)
class TelegramChannelsResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    /** The preview server, started with the profile, before the service reads its configuration. */
    public static class LocalPreview implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.feeds.allow-private", "true", "newsfeed.feeds.telegram-preview-base",
                    "http://127.0.0.1:" + start() + "/s/", "newsfeed.feeds.max-backfill", "40");
        }
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/s/", exchange -> {
                REQUESTS.add(exchange.getRequestURI().toString());
                String channel = exchange.getRequestURI().getPath().substring(3);
                StringBuilder html = new StringBuilder("<html><body>");
                for (int id = 101; id <= 103; id++) {
                    html.append("<div class=\"tgme_widget_message\" data-post=\"").append(channel).append('/')
                            .append(id).append("\"><div class=\"tgme_widget_message_text\">Lock gate report ")
                            .append(id).append(" of ").append(channel).append(".</div><a class=\"tgme_widget_message_")
                            .append("date\" href=\"https://t.me/").append(channel).append('/').append(id)
                            .append("\"><time datetime=\"2026-12-02T10:00:00+00:00\"></time></a></div>");
                }
                byte[] body = html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }

    @Test
    void followingAChannelBackfillsItsNewestPostsListsItAndUnfollowingStopsThePolls() throws Exception {
        String url = "http://127.0.0.1:" + start() + "/s/lock_gates";
        String id = FeedSubscription.idOf(url);
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"channel\":\"@Lock_Gates\",\"intervalSeconds\":10,\"backfill\":2}")
                .post("/api/telegram/channels")
                .then().statusCode(201)
                .header("Location", endsWith("/api/telegram/channels/" + id))
                .body("url", equalTo(url))
                .body("kind", equalTo("telegram"))
                .body("backfill", equalTo(2))
                .body("source", equalTo("lock_gates"));

        List<ConsumerRecord<String, byte[]>> raw = KafkaTestClient.consumeUntil(Topics.POSTS_RAW,
                r -> "lock_gates:103".equals(r.key()), WAIT);
        assertThat(raw.stream().map(ConsumerRecord::key).filter(k -> k.startsWith("lock_gates:")))
                .as("the newest 2 of the page").containsExactly("lock_gates:102", "lock_gates:103");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestApiToken.TOKEN)
                .get("/api/telegram/channels").then().statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].kind", equalTo("telegram"))
                .body("items[0].lastStatus", equalTo("200"))
                .body("items[0].itemsPublished", equalTo(2)));
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().body("items.id", hasItem(id));

        given().auth().oauth2(TestApiToken.TOKEN).delete("/api/telegram/channels/" + id).then().statusCode(204);
        given().auth().oauth2(TestApiToken.TOKEN).delete("/api/telegram/channels/" + id).then().statusCode(404)
                .body("error", equalTo("no such channel"));
        Thread.sleep(500); // a poll under way when the subscription went may still finish
        int polls = REQUESTS.size();
        Thread.sleep(Duration.ofSeconds(25).toMillis());
        assertThat(REQUESTS).as("no poll after unfollowing, 2 intervals later").hasSize(polls);
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/telegram/channels").then()
                .body("items.id", not(hasItem(id)));
    }

    /**
     * Two channels followed under one source both number their posts from 1: before, the second channel's post 101
     * was published as {@code desks:101} too, and replaced the first's as its revision (stop 37 left it). The second
     * is qualified now, and so are all but one of channels asked for at the same moment, which could all see no other
     * subscription of their source.
     */
    @Test
    void channelsOfOneSourcePublishDistinctPostsAlsoWhenFollowedAtOnce() throws Exception {
        String base = "http://127.0.0.1:" + start() + "/s/";
        String second = FeedSubscription.idOf(base + "ferry_two");
        List<String> ids = new ArrayList<>();
        try {
            for (String channel : List.of("ferry_one", "ferry_two")) {
                ids.add(FeedSubscription.idOf(base + channel));
                given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                        .body("{\"channel\":\"" + channel + "\",\"intervalSeconds\":3600,\"backfill\":3,"
                                + "\"source\":\"desks\"}")
                        .post("/api/telegram/channels").then().statusCode(201)
                        .body("itemIdScope", equalTo(channel.equals("ferry_one") ? "source" : "feed"));
            }
            List<String> expected = List.of("desks:101", "desks:102", "desks:103", "desks:" + second + "/101",
                    "desks:" + second + "/102", "desks:" + second + "/103");
            await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaTestClient.readToEnd(Topics.POSTS_RAW, WAIT)
                    .stream().map(ConsumerRecord::key).filter(k -> k != null && k.startsWith("desks:")).distinct())
                    .containsExactlyInAnyOrderElementsOf(expected));
            // "source" is refused where another channel names the source's posts by bare ids
            given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                    .body("{\"channel\":\"ferry_three\",\"intervalSeconds\":3600,\"source\":\"desks\","
                            + "\"itemIdScope\":\"source\"}")
                    .post("/api/telegram/channels").then().statusCode(409)
                    .body("error", equalTo("item id scope refused"));

            ExecutorService requests = Executors.newFixedThreadPool(6);
            try {
                List<Future<String>> scopes = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String channel = "quay_desk_" + i;
                    ids.add(FeedSubscription.idOf(base + channel));
                    scopes.add(requests.submit(() -> given().auth().oauth2(TestApiToken.TOKEN)
                            .contentType("application/json")
                            .body("{\"channel\":\"" + channel + "\",\"intervalSeconds\":3600,\"backfill\":0,"
                                    + "\"source\":\"quays\"}")
                            .post("/api/telegram/channels").then().statusCode(201).extract()
                            .<String>path("itemIdScope")));
                }
                List<String> given = new ArrayList<>();
                for (var scope : scopes) {
                    given.add(scope.get());
                }
                assertThat(given).as("scopes of 6 channels of one source followed at once").containsOnly("source",
                        "feed").filteredOn("source"::equals).hasSize(1);
            } finally {
                requests.shutdownNow();
            }
        } finally {
            for (String id : ids) {
                given().auth().oauth2(TestApiToken.TOKEN).delete("/api/telegram/channels/" + id);
            }
        }
    }

    @Test
    void invalidRequestsNameTheirFieldsAndNeedAToken() {
        given().contentType("application/json").body("{\"channel\":\"lock_gates\",\"intervalSeconds\":60}")
                .post("/api/telegram/channels").then().statusCode(401);
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"channel\":\"no\",\"intervalSeconds\":1,\"backfill\":41}")
                .post("/api/telegram/channels")
                .then().statusCode(400)
                .body("error", equalTo("invalid channel subscription"))
                .body("details", contains(
                        "channel must be a public channel's username (5 to 32 letters, digits or _, starting with a "
                                + "letter), got \"no\"",
                        "intervalSeconds must be from 10 to 86400, got 1",
                        "backfill must be a whole number from 0 to 40 (newsfeed.feeds.max-backfill), got 41"));
    }
}
