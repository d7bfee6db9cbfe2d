package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RSS/Atom feeds (issue 4) through the running pipeline: fixture feeds served over real HTTP on 127.0.0.1, subscribed
 * through {@code POST /api/feeds} on ingest-service, polled, normalized, deduplicated and stored in PostgreSQL;
 * every title, paragraph, link and date checked exactly through the store API.
 */
class FeedContentIT {

    /** source slug → [fixture, Content-Type served, posts expected]. */
    private static final Map<String, String[]> FEEDS = new LinkedHashMap<>();

    static {
        FEEDS.put("feed-posad", new String[] {"posad-1251.xml", "application/rss+xml", "2"});
        FEEDS.put("feed-marlow", new String[] {"marlow-cp1252.xml", "text/xml; charset=utf-8", "1"});
        FEEDS.put("feed-ashgrove", new String[] {"ashgrove-atom-bom.xml", "application/atom+xml", "1"});
        FEEDS.put("feed-fenwick", new String[] {"fenwick-gazette.xml", "application/rss+xml; charset=UTF-8", "5"});
        FEEDS.put("feed-saltmarsh", new String[] {"saltmarsh-identity.xml", "application/rss+xml", "4"});
    }

    private static Pipeline pipeline;
    private static FeedTestServer server;
    private static final List<String> subscriptions = new ArrayList<>();

    @BeforeAll
    static void subscribeToTheFixtureFeeds() throws Exception {
        pipeline = Pipeline.shared();
        server = new FeedTestServer();
        for (var feed : FEEDS.entrySet()) {
            String path = "/" + feed.getValue()[0];
            server.serveFixture(path, feed.getValue()[0], feed.getValue()[1]);
            Api.Response answer = FeedTestServer.subscribe(pipeline.ingestUrl, server.url(path), 3600,
                    feed.getKey());
            assertThat(answer.status()).as("subscribing %s: %s", feed.getKey(), answer.json()).isEqualTo(201);
            assertThat(answer.json().get("source").asText()).isEqualTo(feed.getKey());
            subscriptions.add(answer.json().get("id").asText());
        }
        for (var feed : FEEDS.entrySet()) {
            int expected = Integer.parseInt(feed.getValue()[2]);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Api.listAll(pipeline.storeUrl, feed.getKey()).size() >= expected);
        }
    }

    @AfterAll
    static void unsubscribe() throws Exception {
        for (String id : subscriptions) {
            assertThat(FeedTestServer.unsubscribe(pipeline.ingestUrl, id)).isEqualTo(204);
        }
        server.close();
    }

    private static JsonNode post(String postId) throws Exception {
        JsonNode post = Api.post(pipeline.storeUrl, postId);
        assertThat(post).as("stored post %s", postId).isNotNull();
        return post;
    }

    private static List<String> paragraphs(JsonNode post) {
        return Api.texts(post.get("paragraphs"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void eachFeedStoresExactlyItsItems() throws Exception {
        for (var feed : FEEDS.entrySet()) {
            assertThat(Api.listAll(pipeline.storeUrl, feed.getKey())).as(feed.getKey())
                    .hasSize(Integer.parseInt(feed.getValue()[2]));
        }
        for (String id : subscriptions) {
            JsonNode status = FeedTestServer.feedStatus(pipeline.ingestUrl, id);
            assertThat(status.get("lastStatus").asText()).as("%s", status).isEqualTo("200");
            assertThat(status.get("lastError").isNull()).as("%s", status).isTrue();
            assertThat(status.get("consecutiveFailures").asInt()).isZero();
        }
    }

    @Test
    void aWindows1251FeedIsStoredInProperCyrillic() throws Exception {
        JsonNode ferry = post("feed-posad:posad-501");
        assertThat(ferry.get("title").asText()).isEqualTo("Паром «Вяземка» выйдет на линию в четверг");
        assertThat(paragraphs(ferry)).containsExactly(
                "Ремонт двигателя парома «Вяземка» закончили на сутки раньше срока.",
                "Первый рейс на Заречную пристань отправится в 7:20 — билеты уже продаются в кассе у моста.");
        assertThat(ferry.get("url").asText()).isEqualTo("https://posad.example/novosti/parom?rubrika=reka");
        assertThat(Instant.parse(ferry.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-08-14T15:45:00Z"));

        JsonNode library = post("feed-posad:posad-502");
        assertThat(library.get("title").asText()).isEqualTo("Библиотека продлит часы работы");
        assertThat(paragraphs(library)).containsExactly(
                "С сентября читальный зал будет открыт до девяти вечера, а по субботам — с полудня.");
        assertThat(Instant.parse(library.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-08-15T06:05:00Z"));
    }

    @Test
    void windows1252BytesInUtf8AreRepaired() throws Exception {
        JsonNode post = post("feed-marlow:mq-2024-77");
        assertThat(post.get("title").asText()).isEqualTo("Rope-maker’s guild reopens the Café Cordage");
        assertThat(paragraphs(post)).containsExactly(
                "The guild’s members restored the old counter with timber from the wrecked schooner Pelham.",
                "Tea and café au lait are served from ten o’clock every morning except Tuesday.");
        assertThat(post.get("url").asText()).isEqualTo("https://marlowquay.example/guild-cafe");
        assertThat(Instant.parse(post.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-09-07T10:00:00Z"));
        assertThat(post.toString()).doesNotContain("\uFFFD").doesNotContain("â€");
    }

    @Test
    void anAtomFeedWithABomIsStoredWithItsLinks() throws Exception {
        JsonNode post = post("feed-ashgrove:tag:ashgrove.example,2024:pressing");
        assertThat(post.get("title").asText()).isEqualTo("Cider pressing moves indoors");
        assertThat(paragraphs(post)).containsExactly(
                "Because of the early frost, the society will press its russet apples in the old tithe barn this year.",
                "Bring your own jars;\u00A0the barn has no running water after dusk.");
        assertThat(post.get("url").asText()).isEqualTo("https://ashgrove.example/notes/pressing?year=2024");
        assertThat(strings(post.get("links"))).containsExactly("https://ashgrove.example/files/pressing-rota.pdf");
        assertThat(Instant.parse(post.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-10-01T17:30:00Z"));
    }

    @Test
    void htmlEntitiesWithoutDtdFullContentAndLocalizedDates() throws Exception {
        JsonNode weir = post("feed-fenwick:fen-entities");
        assertThat(weir.get("title").asText()).isEqualTo("Eel\u00A0weir repairs — café closed");
        assertThat(paragraphs(weir)).containsExactly(
                "Volunteers from three parishes will mend the eel\u00A0weir below Hobb’s Lock over the coming fortnight.",
                // a <br> inside a <p> is a line of its paragraph (HtmlText)
                "The waterside café stays shut until the sluice gates are tested.\nBoats may still pass at high tide.");
        assertThat(Instant.parse(weir.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-10-03T12:00:00Z"));

        assertThat(Instant.parse(post("feed-fenwick:fen-cdata").get("publishedAt").asText()))
                .isEqualTo(Instant.parse("2024-10-01T06:00:00Z"));
        assertThat(Instant.parse(post("feed-fenwick:fen-escaped").get("publishedAt").asText()))
                .isEqualTo(Instant.parse("2024-10-02T06:00:00Z"));
        JsonNode twoDigit = post("feed-fenwick:fen-two-digit");
        assertThat(Instant.parse(twoDigit.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-10-04T13:30:00Z"));

        assertThat(twoDigit.get("publishedAtFallback").asBoolean()).isFalse();

        JsonNode undated = post("feed-fenwick:fen-undated");
        assertThat(undated.get("publishedAt").asText()).isEqualTo(undated.get("receivedAt").asText());
        assertThat(undated.get("publishedAtFallback").asBoolean()).as("the unparseable date is flagged").isTrue();
        assertThat(paragraphs(undated)).containsExactly(
                "Nobody at the Fenwick market could say exactly when the windpump will turn again.");
    }

    @Test
    void cdataAndEscapedHtmlAreTheSameTextSoTheLaterCopyIsAPublishedBeforeDuplicate() throws Exception {
        String text = "Reed cutters start on the western dykes & finish at Mallow Drove before the first\u00A0frost.";
        JsonNode cdata = post("feed-fenwick:fen-cdata");
        assertThat(paragraphs(cdata)).containsExactly(text);
        assertThat(cdata.get("status").asText()).isEqualTo("UNIQUE");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode escaped = post("feed-fenwick:fen-escaped");
            assertThat(paragraphs(escaped)).isEmpty();
            assertThat(escaped.get("removed")).hasSize(1);
            JsonNode removed = escaped.get("removed").get(0);
            assertThat(removed.get("text").asText()).isEqualTo(text);
            assertThat(removed.get("reason").asText()).isEqualTo("PUBLISHED_BEFORE");
            assertThat(removed.get("duplicateOf").asText()).isEqualTo("feed-fenwick:fen-cdata");
            assertThat(escaped.get("status").asText()).isEqualTo("REPOST");
        });
    }

    @Test
    void identitiesTrackingParametersRepeatedGuidsLongIdsAndLongParagraphs() throws Exception {
        String longId = FeedTestServer.fixtureText("saltmarsh-identity.long-id.txt");
        String paragraph = FeedTestServer.fixtureText("saltmarsh-identity.paragraph.txt");
        assertThat(longId).hasSize(400);
        assertThat(paragraph).hasSize(6144);

        List<String> postIds = Api.listAll(pipeline.storeUrl, "feed-saltmarsh").stream()
                .map(p -> p.get("postId").asText()).toList();
        assertThat(postIds).containsExactly(
                "feed-saltmarsh:https://saltmarsh.example/story/oysters?id=9&edition=north",
                "feed-saltmarsh:saltmarsh-88",
                "feed-saltmarsh:" + longId,
                "feed-saltmarsh:saltmarsh-inquiry");

        JsonNode oysters = post(postIds.get(0));
        assertThat(oysters.get("title").asText()).isEqualTo("Oyster beds reopen after the survey");
        assertThat(oysters.get("url").asText()).isEqualTo("https://saltmarsh.example/story/oysters?id=9&edition=north");
        assertThat(paragraphs(oysters)).containsExactly(
                "Harvesting may resume on Wednesday once the last water samples from Gull Point come back clean.");

        JsonNode tides = post("feed-saltmarsh:saltmarsh-88");
        assertThat(tides.get("title").asText()).isEqualTo("Tide tables printed");
        assertThat(tides.get("url").asText()).isEqualTo("https://saltmarsh.example/story/tides");

        JsonNode longIdPost = post("feed-saltmarsh:" + longId);
        assertThat(longIdPost.get("title").asText()).isEqualTo("An identifier of four hundred characters");

        JsonNode inquiry = post("feed-saltmarsh:saltmarsh-inquiry");
        assertThat(paragraphs(inquiry)).containsExactly(paragraph);
        assertThat(Instant.parse(inquiry.get("publishedAt").asText())).isEqualTo(Instant.parse("2024-10-18T07:00:00Z"));
    }
}
