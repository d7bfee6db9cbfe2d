package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Continuous polling of one feed by the running ingest-service (issue 4, acceptance): the second poll is a
 * conditional GET answered 304 and adds nothing; an item added to the served feed is fetched within one interval and
 * stored; HTTP 500s back the feed off exponentially, visibly in {@code GET /api/feeds/{id}}. Uses the shortest
 * interval ingest-service accepts by default (10 s); takes about a minute.
 */
class FeedPollingIT {

    private static final String SOURCE = "feed-kelpie";
    private static final String PATH = "/kelpie.xml";
    private static final int INTERVAL = 10;

    private static Pipeline pipeline;
    private static FeedTestServer server;
    private static String id;

    private static String item(String guid, String title, String text, String date) {
        return "<item><title>" + title + "</title><guid isPermaLink=\"false\">" + guid + "</guid>"
                + "<link>https://kelpie.example/" + guid + "?utm_source=rss</link><pubDate>" + date + "</pubDate>"
                + "<description>&lt;p&gt;" + text + "&lt;/p&gt;</description></item>";
    }

    private static byte[] feed(String... items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Kelpie Loch "
                + "Bulletin</title><link>https://kelpie.example/</link><description>Fictional</description>"
                + String.join("", items) + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    private static final String FIRST = item("kelpie-1", "Loch ferry winter timetable",
            "The loch ferry keeps its winter timetable until the ice on the northern narrows has gone.",
            "Tue, 05 Nov 2024 08:00:00 GMT");
    private static final String SECOND = item("kelpie-2", "Boathouse roof mended",
            "Slaters from Inverkelpie finished the boathouse roof a week before the autumn gales arrived.",
            "Wed, 06 Nov 2024 08:00:00 GMT");
    private static final String THIRD = item("kelpie-3", "Otters seen at the jetty",
            "Two otters were seen fishing beside the south jetty at dawn, the first sighting in three winters.",
            "Thu, 07 Nov 2024 08:00:00 GMT");

    @BeforeAll
    static void subscribe() throws Exception {
        pipeline = Pipeline.shared();
        server = new FeedTestServer();
        server.serve(PATH, feed(SECOND, FIRST), "application/rss+xml; charset=utf-8");
        Api.Response answer = FeedTestServer.subscribe(pipeline.ingestUrl, server.url(PATH), INTERVAL, SOURCE);
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(201);
        id = answer.json().get("id").asText();
    }

    @AfterAll
    static void unsubscribe() throws Exception {
        if (id != null) {
            assertThat(FeedTestServer.unsubscribe(pipeline.ingestUrl, id)).isEqualTo(204);
        }
        server.close();
    }

    private static JsonNode status() throws Exception {
        return FeedTestServer.feedStatus(pipeline.ingestUrl, id);
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }

    @Test
    void pollsConditionallyPicksUpNewItemsAndBacksOffOnErrors() throws Exception {
        // First poll, at once: both items stored.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> Api.listAll(pipeline.storeUrl, SOURCE).size() == 2);
        JsonNode first = Api.post(pipeline.storeUrl, SOURCE + ":kelpie-1");
        assertThat(first.get("title").asText()).isEqualTo("Loch ferry winter timetable");
        assertThat(first.get("url").asText()).isEqualTo("https://kelpie.example/kelpie-1");
        assertThat(Api.texts(first.get("paragraphs"))).containsExactly(
                "The loch ferry keeps its winter timetable until the ice on the northern narrows has gone.");
        assertThat(instant(first, "publishedAt")).isEqualTo(Instant.parse("2024-11-05T08:00:00Z"));

        // Second poll: If-None-Match with the ETag, answered 304, nothing added.
        await().atMost(Duration.ofSeconds(INTERVAL + 15)).pollInterval(Duration.ofMillis(250))
                .until(() -> server.requests(PATH).size() >= 2 && "304".equals(status().get("lastStatus").asText()));
        List<FeedTestServer.Request> requests = server.requests(PATH);
        assertThat(requests.get(0)).isEqualTo(new FeedTestServer.Request(PATH, null, 200));
        assertThat(requests.get(1)).isEqualTo(new FeedTestServer.Request(PATH, server.etag(PATH), 304));
        JsonNode afterNotModified = status();
        assertThat(afterNotModified.get("itemsPublished").asInt()).isEqualTo(2);
        assertThat(afterNotModified.get("itemsSeen").asInt()).isEqualTo(2);
        assertThat(afterNotModified.get("etag").asText()).isEqualTo(server.etag(PATH));
        assertThat(Api.listAll(pipeline.storeUrl, SOURCE)).hasSize(2);

        // A new item: fetched by the next poll, within one interval, and stored.
        Instant changed = Instant.now();
        server.serve(PATH, feed(THIRD, SECOND, FIRST), "application/rss+xml; charset=utf-8");
        await().atMost(Duration.ofSeconds(INTERVAL + 30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Api.post(pipeline.storeUrl, SOURCE + ":kelpie-3") != null);
        JsonNode third = Api.post(pipeline.storeUrl, SOURCE + ":kelpie-3");
        assertThat(third.get("title").asText()).isEqualTo("Otters seen at the jetty");
        assertThat(Api.texts(third.get("paragraphs"))).containsExactly(
                "Two otters were seen fishing beside the south jetty at dawn, the first sighting in three winters.");
        assertThat(Duration.between(changed, instant(third, "receivedAt")))
                .as("fetched within one interval of the change (plus the 1 s scheduler tick and 2 s for a loaded machine)")
                .isLessThanOrEqualTo(Duration.ofSeconds(INTERVAL + 3));
        assertThat(Api.listAll(pipeline.storeUrl, SOURCE)).hasSize(3);
        assertThat(status().get("itemsPublished").asInt()).isEqualTo(3);

        // Server errors: each failure doubles the delay, visible in the status.
        server.answer(PATH, 500);
        await().atMost(Duration.ofSeconds(INTERVAL + 15)).pollInterval(Duration.ofMillis(250))
                .until(() -> status().get("consecutiveFailures").asInt() >= 1);
        JsonNode once = status();
        assertThat(once.get("lastStatus").asText()).isEqualTo("500");
        assertThat(once.get("lastError").asText()).isEqualTo("feed " + server.url(PATH) + ": HTTP 500");
        assertThat(once.get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(Duration.between(instant(once, "lastFetchAt"), instant(once, "nextPollAt")))
                .isBetween(Duration.ofSeconds(2 * INTERVAL), Duration.ofSeconds(2 * INTERVAL + 2));

        await().atMost(Duration.ofSeconds(2 * INTERVAL + 15)).pollInterval(Duration.ofMillis(250))
                .until(() -> status().get("consecutiveFailures").asInt() >= 2);
        JsonNode twice = status();
        assertThat(twice.get("consecutiveFailures").asInt()).isEqualTo(2);
        assertThat(Duration.between(instant(twice, "lastFetchAt"), instant(twice, "nextPollAt")))
                .isBetween(Duration.ofSeconds(4 * INTERVAL), Duration.ofSeconds(4 * INTERVAL + 2));
        assertThat(Duration.between(instant(once, "lastFetchAt"), instant(twice, "lastFetchAt")))
                .as("the second failing poll waited for the back-off")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2 * INTERVAL));
        assertThat(twice.get("lastSuccessAt").asText()).isEqualTo(once.get("lastSuccessAt").asText());
        assertThat(server.requests(PATH).stream().filter(r -> r.status() == 500).count()).isEqualTo(2);
        assertThat(Api.listAll(pipeline.storeUrl, SOURCE)).hasSize(3);
    }
}
