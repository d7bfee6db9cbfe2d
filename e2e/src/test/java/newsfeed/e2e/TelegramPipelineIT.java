package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Telegram Desktop export ({@code src/test/resources/telegram/brindle-cove-export.json}, fictional) through the
 * three running services, real Kafka and real PostgreSQL (issue 4): every ordinary message is stored under
 * {@code <derived source>:<message id>} with exactly the paragraphs, links, hashtags, forwarded channel, dateline and
 * publication time it should have; a media-only message is stored without paragraphs; importing an edited message
 * makes revision 2 of the same post.
 */
class TelegramPipelineIT {

    /** Derived by ingest-service from the channel name "Brindle Cove Courier". */
    private static final String SOURCE = "brindle-cove-courier";
    private static final Duration STORED = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Pipeline pipeline;
    private static JsonNode answer;

    @BeforeAll
    static void importExport() throws Exception {
        Assumptions.assumeFalse("telegram-heap".equals(System.getProperty("newsfeed.e2e.fork")),
                "the shared pipeline does not run in the telegram-heap fork");
        pipeline = Pipeline.shared();

        Api.Response response = importTelegram(pipeline.ingestUrl, resource("brindle-cove-export.json"));

        assertThat(response.status()).as("import answer %s", response.json()).isEqualTo(202);
        answer = response.json();
        await().atMost(STORED).pollInterval(Duration.ofMillis(250))
                .until(() -> Api.listAll(pipeline.storeUrl, SOURCE).size() == 8);
    }

    @Test
    void theAnswerNamesEveryImportedMessageAndCountsTheServiceOnes() {
        assertThat(answer.get("accepted").asInt()).isEqualTo(8);
        assertThat(strings(answer.get("postIds"))).containsExactly(SOURCE + ":2", SOURCE + ":3", SOURCE + ":4",
                SOURCE + ":5", SOURCE + ":6", SOURCE + ":7", SOURCE + ":9", SOURCE + ":10");
        assertThat(answer.get("skipped")).isEqualTo(Json.mapper().createObjectNode().put("service", 2));
        assertThat(answer.get("chats").get(0).get("source").asText()).isEqualTo(SOURCE);
    }

    @Test
    void aPlainMessageIsStoredWithItsParagraphsHashtagsAndUnixTime() throws Exception {
        JsonNode post = stored(2);

        assertThat(post.get("title").asText()).isEqualTo("Brindle Cove ferry adds a night crossing");
        assertThat(paragraphs(post)).containsExactly(
                "0 text Brindle Cove ferry adds a night crossing",
                "1 text From 14 April the Brindle Cove ferry runs a 23:10 crossing on Fridays and Saturdays.",
                "2 hashtags #ferry #BrindleCove");
        assertThat(strings(post.get("hashtags"))).containsExactly("ferry", "BrindleCove");
        assertThat(strings(post.get("links"))).isEmpty();
        assertThat(post.get("forwardedFrom").isNull()).isTrue();
        assertThat(post.get("publishedAt").asText()).isEqualTo("2025-04-01T07:10:00Z");
        assertThat(post.get("status").asText()).isEqualTo("UNIQUE");
        assertThat(post.get("removed")).isEmpty();
        assertThat(post.get("source").asText()).isEqualTo(SOURCE);
    }

    @Test
    void aMixedTextArrayKeepsItsVisibleTextAndItsHrefGoesToLinksOnly() throws Exception {
        JsonNode post = stored(3);

        assertThat(paragraphs(post)).containsExactly(
                "0 text The harbour board publishes the dredging schedule for the spring tides.",
                "1 text Work starts at the eastern jetty on Monday. #dredging");
        assertThat(strings(post.get("links"))).containsExactly("https://brindlecove.example/board/dredging");
        assertThat(strings(post.get("hashtags"))).containsExactly("dredging");
        assertThat(post.get("publishedAt").asText()).isEqualTo("2025-04-01T08:20:00Z");
        assertThat(post.get("status").asText()).isEqualTo("UNIQUE");
    }

    @Test
    void aMediaOnlyMessageIsStoredWithoutParagraphs() throws Exception {
        JsonNode post = stored(4);

        assertThat(post.get("paragraphs")).isEmpty();
        assertThat(post.get("removed")).isEmpty();
        assertThat(post.get("title").asText()).isEmpty();
        assertThat(post.get("mediaType").asText()).as("issue 12: the media type reaches the store").isEqualTo("photo");
        assertThat(strings(post.get("links"))).isEmpty();
        assertThat(post.get("publishedAt").asText()).isEqualTo("2025-04-01T09:30:00Z");
        assertThat(post.get("status").asText()).isEqualTo("UNIQUE");
    }

    @Test
    void aForwardedMessageNamesItsChannel() throws Exception {
        JsonNode post = stored(5);

        assertThat(post.get("forwardedFrom").asText()).isEqualTo("Reedbank Weather Desk");
        assertThat(paragraphs(post)).containsExactly(
                "0 text Gale warning for the Brindle estuary tonight, gusts up to 70 km/h.");
        assertThat(post.get("title").asText())
                .isEqualTo("Gale warning for the Brindle estuary tonight, gusts up to 70 km/h.");
    }

    @Test
    void controlCharactersAndALoneSurrogateLeaveNoTrace() throws Exception {
        JsonNode post = stored(7);

        assertThat(paragraphs(post)).containsExactly(
                "0 text Lock gate sensor at Brindle quay is repaired and reports again.");
        assertThat(post.toString()).doesNotContain("\uFFFD").doesNotContain("\\u0007");
    }

    @Test
    void aDatelineIsParsedButTheMessageKeepsItsOwnTime() throws Exception {
        JsonNode post = stored(9);

        assertThat(paragraphs(post)).containsExactly(
                "0 dateline 📍 Brindle Cove, April 1, 2025",
                "1 text The ferry terminal reopens after the winter repairs.");
        assertThat(post.get("dateline").get("place").asText()).isEqualTo("Brindle Cove");
        assertThat(post.get("dateline").get("date").asText()).isEqualTo("2025-04-01");
        assertThat(post.get("publishedAt").asText()).isEqualTo("2025-04-01T14:10:00Z");
    }

    @Test
    void withoutDateUnixtimeTheDateIsReadAsUtcAndSaysSo() throws Exception {
        assertThat(stored(10).get("publishedAt").asText()).isEqualTo("2025-04-01T17:20:00Z");
        assertThat(stored(10).get("publishedAtZoneAssumed").asBoolean()).isTrue();
        assertThat(stored(9).get("publishedAtZoneAssumed").asBoolean()).as("date_unixtime has no zone to assume")
                .isFalse();
    }

    /** Issue 12: a channel post's signature never reached the store. */
    @Test
    void theSignatureOfASignedPostIsItsAuthor() throws Exception {
        assertThat(stored(2).get("author").asText()).isEqualTo("Mara Quill");
        assertThat(stored(3).get("author").isNull()).isTrue();
    }

    @Test
    void anEditedMessageImportedAgainBecomesRevisionTwoOfTheSamePost() throws Exception {
        JsonNode before = stored(6);
        assertThat(paragraphs(before)).containsExactly("0 text Brindle Cove fish market opens at 06:30 on Saturday.");
        assertThat(before.get("revision").asInt()).isEqualTo(1);
        assertThat(before.get("editedAt").asText()).as("edited_unixtime").isEqualTo("2025-04-01T12:00:00Z");

        Api.Response response = importTelegram(pipeline.ingestUrl, resource("brindle-cove-edit.json"));

        assertThat(response.status()).as("edit answer %s", response.json()).isEqualTo(202);
        assertThat(strings(response.json().get("postIds"))).containsExactly(SOURCE + ":6");
        await().atMost(STORED).pollInterval(Duration.ofMillis(250))
                .until(() -> stored(6).get("revision").asInt() == 2);
        JsonNode after = stored(6);
        assertThat(paragraphs(after)).containsExactly(
                "0 text Brindle Cove fish market opens at 07:00 on Saturday, half an hour later than announced.");
        assertThat(after.get("publishedAt").asText()).isEqualTo("2025-04-01T11:50:00Z");
        assertThat(after.get("editedAt").asText()).isEqualTo("2025-04-01T14:45:00Z");
        assertThat(Api.listAll(pipeline.storeUrl, SOURCE)).hasSize(8);
    }

    private static JsonNode stored(int messageId) throws IOException, InterruptedException {
        JsonNode post = Api.post(pipeline.storeUrl, SOURCE + ":" + messageId);
        assertThat(post).as("stored post %s:%d", SOURCE, messageId).isNotNull();
        return post;
    }

    /** Each kept paragraph as {@code "<position> <kind> <text>"}. */
    private static List<String> paragraphs(JsonNode post) {
        List<String> paragraphs = new ArrayList<>();
        post.get("paragraphs").forEach(p -> paragraphs.add(p.get("position").asInt() + " " + p.get("kind").asText()
                + " " + p.get("text").asText()));
        return paragraphs;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TelegramPipelineIT.class.getResource("/telegram/" + name).toURI());
    }

    /** {@code POST /api/imports/telegram} with the file as body, streamed from disk. */
    static Api.Response importTelegram(String ingestUrl, Path export) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(Api.withToken(URI.create(ingestUrl
                        + "/api/imports/telegram"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(export)).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Api.Response(response.statusCode(),
                body == null || body.isBlank() ? null : Json.mapper().readTree(body));
    }
}
