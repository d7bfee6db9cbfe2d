package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import newsfeed.contracts.Json;
import org.junit.jupiter.api.Test;

/**
 * A saved {@code t.me/s/<channel>} web preview through the whole pipeline (issue 4): each message stored with its
 * text split into paragraphs, its date, links kept out of the text, its forwarder, and a photo-only message kept
 * without paragraphs.
 */
class WebPreviewPipelineIT {

    @Test
    void eachMessageOfThePageIsStoredWithExactValues() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        byte[] page = Files.readAllBytes(Paths.webPreviewPage());
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(Api.withToken(
                URI.create(pipeline.ingestUrl + "/api/imports/telegram-preview?source=harbour-preview"))
                .header("Content-Type", "text/html; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(page)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Json.mapper().readTree(accepted.body()).get("postIds")).extracting(JsonNode::asText)
                .containsExactly("harbour-preview:4101", "harbour-preview:4102", "harbour-preview:4103");
        await().atMost(Duration.ofSeconds(120))
                .until(() -> Api.listAll(pipeline.storeUrl, "harbour-preview").size() == 3);

        JsonNode first = Api.post(pipeline.storeUrl, "harbour-preview:4101");
        assertThat(Api.texts(first.get("paragraphs"))).containsExactly(
                "🌊 The ferry to Harrowmere resumes on Monday & the harbour office extends its hours.",
                // the tag line under the last sentence is a paragraph of its own (ParagraphRules.withStandaloneLines)
                "Passengers should book ahead: timetable.", "#Ferries #Harrowmere");
        assertThat(first.get("links")).extracting(JsonNode::asText)
                .containsExactly("https://harbour.example/ferry?utm_source=tg");
        assertThat(first.get("hashtags")).extracting(JsonNode::asText).containsExactly("Ferries", "Harrowmere");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2025-03-03T08:15:00Z");
        assertThat(first.get("url").asText()).isEqualTo("https://t.me/harbour_desk/4101");

        JsonNode forwarded = Api.post(pipeline.storeUrl, "harbour-preview:4102");
        assertThat(forwarded.get("forwardedFrom").asText()).isEqualTo("Skerry Isles Harbour Office");
        assertThat(Api.texts(forwarded.get("paragraphs"))).isEqualTo(List.of("Harbour Secretary Maren Quist will "
                + "answer questions from the press on Tuesday at 11:00."));
        assertThat(forwarded.get("publishedAt").asText()).isEqualTo("2025-03-03T07:40:00Z");

        JsonNode photo = Api.post(pipeline.storeUrl, "harbour-preview:4103");
        assertThat(photo.get("paragraphs")).isEmpty();
        assertThat(photo.get("title").asText()).isEmpty();
        assertThat(photo.get("status").asText()).isEqualTo("UNIQUE");
    }
}
