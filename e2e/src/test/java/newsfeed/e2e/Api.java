package newsfeed.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import newsfeed.contracts.Json;
import newsfeed.testsupport.TestApiToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The HTTP calls e2e tests make, with JSON bodies read as trees. */
final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    /** A request with the tests' API token, which write routes of ingest-service need ({@link Pipeline} gives it). */
    static HttpRequest.Builder withToken(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", TestApiToken.BEARER);
    }

    /** A response: status and body parsed as JSON (null when the body is empty). */
    record Response(int status, JsonNode json) {
    }

    static Response importText(String ingestUrl, String source, Path dump) throws IOException, InterruptedException {
        return send(withToken(URI.create(ingestUrl + "/api/imports/text?source=" + source))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(dump)).build());
    }

    /** {@code POST /api/posts} with a JSON body: one RawPost object or an array of them. */
    static Response postJson(String ingestUrl, String json) throws IOException, InterruptedException {
        return send(withToken(URI.create(ingestUrl + "/api/posts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Response get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** A GET whose body is not JSON ({@code /q/metrics}): the body as text, whatever the status. */
    static String text(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A GET whose body is not text or whose headers matter (an Atom feed, a 503's Retry-After): the whole response. */
    static HttpResponse<byte[]> bytes(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode post(String storeUrl, String postId) throws IOException, InterruptedException {
        Response response = get(storeUrl + "/api/posts/" + URLEncoder.encode(postId, StandardCharsets.UTF_8));
        return response.status() == 200 ? response.json() : null;
    }

    /** Every stored post of a source, following the {@code next} cursor. */
    static List<JsonNode> listAll(String storeUrl, String source) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        do {
            String url = storeUrl + "/api/posts?limit=7&source=" + source + (after == null ? "" : "&after=" + after);
            JsonNode page = get(url).json();
            page.get("items").forEach(items::add);
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return items;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.get("text").asText()));
        return texts;
    }

    /** Any request, e.g. one built with {@link #withToken}; its status and JSON body. */
    static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Response(response.statusCode(), body == null || body.isBlank() ? null : Json.mapper().readTree(body));
    }
}
