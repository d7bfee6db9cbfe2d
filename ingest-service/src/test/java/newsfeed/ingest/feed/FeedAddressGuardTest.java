package newsfeed.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsfeed.testsupport.TestApiToken;
import newsfeed.contracts.Topics;
import newsfeed.ingest.net.LoopbackServer;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard of {@code /api/feeds} on the running service, with {@code newsfeed.feeds.allow-private} false as
 * in production. Traffic goes to loopback only: {@code one} (127.0.0.1), {@code two} (127.0.0.2) and {@code six} (::1,
 * where it exists) serve a feed that must never be fetched; {@code gate} (127.0.0.3) plays a public feed server, the
 * one network this profile allows ({@code newsfeed.feeds.allowed-networks}), and redirects where it is told.
 */
@QuarkusTest
@TestProfile(FeedAddressGuardTest.Guarded.class)
@QuarkusTestResource(KafkaTestResource.class)
class FeedAddressGuardTest {

    /** Production's guard, one loopback address standing for the public internet, and a small subscription cap. */
    public static class Guarded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "newsfeed.feeds.allow-private", "false",
                    "newsfeed.feeds.allowed-networks", "127.0.0.3/32",
                    "newsfeed.feeds.max-subscriptions", "3");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static LoopbackServer one;
    private static LoopbackServer two;
    private static LoopbackServer six;
    private static LoopbackServer gate;

    @BeforeAll
    static void serve() throws IOException {
        one = new LoopbackServer("127.0.0.1");
        two = new LoopbackServer("127.0.0.2");
        six = LoopbackServer.onIpv6OrNull();
        gate = new LoopbackServer("127.0.0.3");
    }

    @AfterAll
    static void stopServing() {
        for (LoopbackServer server : new LoopbackServer[] {one, two, six, gate}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static List<String> loopbackSpellings() {
        List<String> urls = new ArrayList<>(List.of(
                "http://127.0.0.1:" + one.port() + "/feed.xml",
                "http://127.0.0.2:" + two.port() + "/feed.xml",
                "http://localhost:" + one.port() + "/feed.xml",
                "http://0.0.0.0:" + one.port() + "/feed.xml",
                "http://[::ffff:127.0.0.1]:" + one.port() + "/feed.xml"));
        urls.add("http://[::1]:" + (six != null ? six.port() : one.port()) + "/feed.xml");
        return urls;
    }

    private static List<String> requestsSeenByTheTargets() {
        List<String> seen = new ArrayList<>(one.requests);
        seen.addAll(two.requests);
        if (six != null) {
            seen.addAll(six.requests);
        }
        return seen;
    }

    private static String subscribe(String url, int expectedStatus) {
        return given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body("{\"url\":\"" + url + "\",\"intervalSeconds\":600}")
                .post("/api/feeds").then().statusCode(expectedStatus).extract().asString();
    }

    private static JsonPath awaitPolled(String id) {
        return await().atMost(WAIT).until(() -> given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + id).then().statusCode(200).extract()
                .jsonPath(), status -> status.getString("lastStatus") != null);
    }

    @Test
    void subscribingToAnySpellingOfLoopbackIsRefusedAndSubscribesNothing() {
        for (String url : loopbackSpellings()) {
            given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body("{\"url\":\"" + url + "\",\"intervalSeconds\":600}")
                    .post("/api/feeds")
                    .then().statusCode(400)
                    .body("error", equalTo("feed address not allowed"))
                    .body("details[0]", org.hamcrest.Matchers.startsWith("url " + url + ": "))
                    .body("details[0]", org.hamcrest.Matchers.endsWith(
                            "; feeds are fetched from public addresses only"));
            given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + FeedSubscription.idOf(url)).then().statusCode(404);
        }
        String literal = "http://127.0.0.2:" + two.port() + "/feed.xml";
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body("{\"url\":\"" + literal + "\",\"intervalSeconds\":600}")
                .post("/api/feeds")
                .then().statusCode(400)
                .body("details", contains("url " + literal + ": 127.0.0.2 is in 127.0.0.0/8, loopback "
                        + "(RFC 1122 §3.2.1.3); feeds are fetched from public addresses only"));
        String named = "http://localhost:" + one.port() + "/feed.xml";
        String detail = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"url\":\"" + named + "\",\"intervalSeconds\":600}").post("/api/feeds")
                .then().statusCode(400).extract().jsonPath().getString("details[0]");
        assertThat(detail).as("the range, not the address the name resolved to")
                .startsWith("url " + named + ": localhost resolves to an address in ")
                .doesNotContain("127.0.0.1");
        assertThat(requestsSeenByTheTargets()).isEmpty();
    }

    @Test
    void aSubscriptionThatNeverPassedTheCheckIsRefusedAtItsPoll() {
        // written by an instance that allows private addresses, or before the guard existed
        String url = "http://127.0.0.2:" + two.port() + "/feed.xml?from=topic";
        String id = FeedSubscription.idOf(url);
        KafkaTestClient.produce(Topics.FEEDS_SUBSCRIPTIONS, id, "{\"id\":\"" + id + "\",\"url\":\"" + url
                + "\",\"intervalSeconds\":600,\"source\":\"guard-topic\",\"createdAt\":\"2024-01-01T00:00:00Z\"}");
        try {
            JsonPath status = awaitPolled(id);

            assertThat(status.getString("lastStatus")).isEqualTo("address-not-allowed");
            assertThat(status.getString("lastError")).isEqualTo("feed " + url + ": address not allowed: 127.0.0.2 is "
                    + "in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3)");
            assertThat(status.getInt("consecutiveFailures")).isEqualTo(1);
            assertThat(two.requests).isEmpty();
        } finally {
            KafkaTestClient.produce(Topics.FEEDS_SUBSCRIPTIONS, id, (byte[]) null);
        }
    }

    @Test
    void aRedirectFromAnAllowedFeedToLoopbackIsRecordedAsRefused() {
        for (String target : loopbackSpellings()) {
            String url = gate.redirectTo(target);
            String id = JsonPath.from(subscribe(url, 201)).getString("id");
            try {
                JsonPath status = awaitPolled(id);

                assertThat(status.getString("lastStatus")).as(target).isEqualTo("address-not-allowed");
                assertThat(status.getString("lastError")).as(target)
                        .startsWith("feed " + url + ": address not allowed: ")
                        .endsWith(" (after 1 redirect)");
                assertThat(status.getInt("itemsPublished")).isZero();
            } finally {
                given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);
            }
        }
        assertThat(requestsSeenByTheTargets()).as("no redirect reached a refused address").isEmpty();

        // the guard still follows redirects to allowed addresses, and fetches from them
        String allowed = gate.redirectTo(gate.url("/feed.xml?via=redirect"));
        String id = JsonPath.from(subscribe(allowed, 201)).getString("id");
        try {
            JsonPath status = awaitPolled(id);
            assertThat(status.getString("lastStatus")).isEqualTo("200");
            assertThat(status.getString("lastError")).isNull();
            assertThat(status.getInt("itemsPublished")).isEqualTo(1);
        } finally {
            given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);
        }
    }

    @Test
    void pollErrorsNameNoAddressOrExceptionOfTheService() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.3:" + closed + "/feed.xml";
        String id = JsonPath.from(subscribe(url, 201)).getString("id");
        try {
            JsonPath status = awaitPolled(id);

            assertThat(status.getString("lastStatus")).isEqualTo("connection-error");
            assertThat(status.getString("lastError")).isEqualTo("feed " + url + ": cannot connect: connection refused");
        } finally {
            given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);
        }
    }

    @Test
    void subscriptionsBeyondTheCapAreRefusedWhileExistingOnesCanChange() {
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                ids.add(JsonPath.from(subscribe(gate.url("/feed.xml?cap=" + i), 201)).getString("id"));
            }
            given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                    .body("{\"url\":\"" + gate.url("/feed.xml?cap=4") + "\",\"intervalSeconds\":600}")
                    .post("/api/feeds")
                    .then().statusCode(409)
                    .body("error", equalTo("too many subscriptions"))
                    .body("details", contains("3 feeds are subscribed, the most newsfeed.feeds.max-subscriptions "
                            + "allows; delete one first"));
            given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + FeedSubscription.idOf(gate.url("/feed.xml?cap=4"))).then().statusCode(404);
            given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().body("items.size()", equalTo(3));

            // an existing subscription may still change its interval
            given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                    .body("{\"url\":\"" + gate.url("/feed.xml?cap=1") + "\",\"intervalSeconds\":900}")
                    .post("/api/feeds").then().statusCode(200).body("intervalSeconds", equalTo(900));

            given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + ids.remove(0)).then().statusCode(204);
            ids.add(JsonPath.from(subscribe(gate.url("/feed.xml?cap=4"), 201)).getString("id"));
        } finally {
            ids.forEach(id -> given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204));
        }
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + FeedSubscription.idOf(gate.url("/feed.xml?cap=4"))).then().statusCode(404);
    }

    @Test
    void anOpmlImportIsRefusedWholeForOneLoopbackFeedOrForPassingTheCap() {
        String loopback = "http://127.0.0.2:" + two.port() + "/feed.xml";
        String allowed = gate.url("/feed.xml?opml=1");
        String document = "<opml version=\"2.0\">\n<body>\n"
                + "<outline text=\"Allowed\" type=\"rss\" xmlUrl=\"" + allowed + "\"/>\n"
                + "<outline text=\"Loopback\" type=\"rss\" xmlUrl=\"" + loopback + "\"/>\n"
                + "</body>\n</opml>";
        given().auth().oauth2(TestApiToken.TOKEN).contentType("text/x-opml").body(document).post("/api/feeds/opml")
                .then().statusCode(400)
                .body("error", equalTo("invalid OPML"))
                .body("details", contains("outline at line 4 (text \"Loopback\", xmlUrl \"" + loopback + "\"): xmlUrl "
                        + loopback + ": 127.0.0.2 is in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3); feeds are fetched "
                        + "from public addresses only"));
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds/" + FeedSubscription.idOf(allowed)).then()
                .statusCode(404);

        int before = given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().extract().path("items.size()");
        StringBuilder four = new StringBuilder("<opml version=\"2.0\"><body>");
        for (int i = 1; i <= 4; i++) {
            four.append("<outline type=\"rss\" text=\"f").append(i).append("\" xmlUrl=\"")
                    .append(gate.url("/feed.xml?opml-cap=" + i)).append("\"/>");
        }
        given().auth().oauth2(TestApiToken.TOKEN).contentType("text/x-opml").body(four + "</body></opml>")
                .post("/api/feeds/opml")
                .then().statusCode(400)
                .body("details", contains("4 new feeds and the " + before + " subscribed would be " + (before + 4)
                        + ", more than newsfeed.feeds.max-subscriptions (3) allows; delete " + (before + 1)
                        + " first or subscribe fewer"));
        given().auth().oauth2(TestApiToken.TOKEN).get("/api/feeds").then().body("items.size()", equalTo(before));
        assertThat(requestsSeenByTheTargets()).isEmpty();
    }
}
