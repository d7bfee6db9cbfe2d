package newsfeed.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.ManagementInterface;
import newsfeed.testsupport.TestApiToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds of one host take turns when the host has more due feeds than slots ({@code max-concurrent-per-host}). Issue
 * 11's scale-out test, with 27 feeds on one host, found feeds that were never polled: the tick offered the host's
 * slots to the subscriptions in their own order, so the first feeds, due again by the time their turn came round,
 * took every slot, and a slot given back waited for the next tick. Here one slot serves 12 feeds due every 2 s, each
 * answer taking 300 ms: the host can serve about 3 polls a second where 6 are wanted. Before the fix, 9 of the 12 feeds
 * were not polled at all in the window (3 took 5 polls each); polled in due order, with each slot given on at once, every feed is polled
 * about every 3.6 s. The feed server is on 127.0.0.2 (loopback), a host of its own, so that the other tests' feeds
 * on 127.0.0.1 take none of its slot.
 */
@QuarkusTest
@TestProfile(FeedHostTurnsTest.OneSlotPerHost.class)
@QuarkusTestResource(KafkaTestResource.class)
class FeedHostTurnsTest {

    /** Loopback feeds allowed, one slot per host, intervals down to 1 s, no jitter. */
    public static class OneSlotPerHost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.feeds.allow-private", "true", "newsfeed.feeds.max-concurrent-per-host", "1",
                    "newsfeed.feeds.min-interval", "1s", "newsfeed.feeds.jitter", "0");
        }
    }

    private static final int FEEDS = 12;
    private static final int INTERVAL_SECONDS = 2;
    private static final long ANSWER_MILLIS = 300;
    private static final long WINDOW_MILLIS = 15_000;

    private static HttpServer server;
    private static ExecutorService answering;
    private static String base;
    /** Request start times by path, in ms since the epoch. */
    private static final Map<String, List<Long>> requests = new ConcurrentHashMap<>();
    private static final AtomicInteger open = new AtomicInteger();
    private static final AtomicInteger mostOpen = new AtomicInteger();

    @BeforeAll
    static void serveFeeds() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        answering = Executors.newCachedThreadPool();
        server.setExecutor(answering);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new ArrayList<>());
            synchronized (requests) {
                requests.get(path).add(System.currentTimeMillis());
            }
            // open from its arrival until its answer starts: a second request within those 300 ms overlaps it
            // (counted until the answer is written, the poller's next request could overtake this thread's count)
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(ANSWER_MILLIS);
                open.decrementAndGet();
                String name = path.substring(1);
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + name
                        + "</title><item><title>The " + name + " tide table</title><guid>" + name
                        + "-1</guid><description>High water at " + name + " comes at noon.</description></item>"
                        + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                open.decrementAndGet();
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        base = "http://127.0.0.2:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
        answering.shutdownNow();
    }

    /** The gauge of the feed due longest, as Prometheus reads it. */
    private static double overdueGauge() {
        String metrics = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^newsfeed_feeds_poll_overdue_seconds(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        assertThat(value.find()).as("newsfeed_feeds_poll_overdue_seconds in /q/metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void everyFeedOfABusyHostIsPolledInTurnAndTheHostNeverHasMoreThanItsSlots() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try {
            for (int i = 0; i < FEEDS; i++) {
                String path = "/turns-" + run + "-" + i + ".xml";
                paths.add(path);
                ids.add(given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                        .body("{\"url\":\"" + base + path.substring(1) + "\",\"intervalSeconds\":" + INTERVAL_SECONDS
                                + ",\"source\":\"turns" + run + "x" + i + "\"}")
                        .post("/api/feeds").then().statusCode(201).extract().jsonPath().getString("id"));
            }
            long from = System.currentTimeMillis();
            long to = from + WINDOW_MILLIS;
            // what a user sees meanwhile: why a due feed does not fetch, and how late the latest one is
            Map<String, Integer> waiting = new TreeMap<>();
            double mostOverdue = 0;
            while (System.currentTimeMillis() < to - 500) {
                for (Map<String, Object> feed : given().get("/api/feeds").then().statusCode(200).extract().jsonPath()
                        .<Map<String, Object>>getList("items")) {
                    if (ids.contains(feed.get("id")) && feed.get("waitingFor") != null) {
                        waiting.merge(String.valueOf(feed.get("waitingFor")), 1, Integer::sum);
                    }
                }
                mostOverdue = Math.max(mostOverdue, overdueGauge());
                Thread.sleep(250);
            }
            Thread.sleep(Math.max(0, to - System.currentTimeMillis()));
            Map<String, Integer> polls = new TreeMap<>();
            synchronized (requests) {
                for (String path : paths) {
                    polls.put(path, (int) requests.getOrDefault(path, List.of()).stream()
                            .filter(t -> t >= from && t < to).count());
                }
            }
            // in turn, each feed every 12 × 0.3 s = 3.6 s or so: about 4 polls in 15 s; 2 leaves room for a slow
            // machine, and the subscriptions' order gave 9 of the 12 none
            assertThat(polls).as("polls of each feed in %d ms", WINDOW_MILLIS).allSatisfy((path, n) ->
                    assertThat(n).as(path).isGreaterThanOrEqualTo(2));
            // a slot given on at once is still one slot: never two requests to the host at a time
            assertThat(mostOpen.get()).as("requests open at once on the feeds' host").isEqualTo(1);
            // 6 polls a second wanted, about 3 served: due feeds wait for the slot, say so, and fall behind by
            // seconds (each waits about 3.6 s where its interval is 2 s)
            assertThat(waiting).as("waitingFor seen in the feeds' statuses").containsKey("host-slot");
            assertThat(mostOverdue).as("newsfeed_feeds_poll_overdue_seconds, highest read").isGreaterThan(1.0);
        } finally {
            for (String id : ids) {
                given().auth().oauth2(TestApiToken.TOKEN).delete("/api/feeds/" + id).then().statusCode(204);
            }
        }
    }
}
