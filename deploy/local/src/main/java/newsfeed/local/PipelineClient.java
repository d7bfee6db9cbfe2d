package newsfeed.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client side of {@code run.sh}: waits for services to be ready, imports a dump and reports what was stored.
 *
 * <pre>
 * PipelineClient wait-ready TIMEOUT_SECONDS URL...
 * PipelineClient import INGEST_URL STORE_URL SOURCE FILE TIMEOUT_SECONDS
 * </pre>
 *
 * <p>The import sends {@code Authorization: Bearer $NEWSFEED_API_TOKEN} when that variable is set (ingest's write
 * routes need one of its {@code NEWSFEED_API_TOKENS}).
 * Exit status 0 on success; 1 with a message on stderr when a service is not ready, the import is refused or its
 * posts are not all stored in time.
 */
public final class PipelineClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PipelineClient() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length >= 3 && args[0].equals("wait-ready")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
                for (int i = 2; i < args.length; i++) {
                    waitReady(URI.create(args[i]), deadline);
                }
            } else if (args.length == 6 && args[0].equals("import")) {
                importAndReport(args[1], args[2], args[3], Path.of(args[4]), Duration.ofSeconds(Long.parseLong(args[5])),
                        System.out);
            } else {
                throw new IllegalArgumentException("usage: wait-ready TIMEOUT_SECONDS URL... | import INGEST_URL "
                        + "STORE_URL SOURCE FILE TIMEOUT_SECONDS");
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static void waitReady(URI url, long deadlineNanos) throws InterruptedException {
        String last = "no answer";
        while (System.nanoTime() < deadlineNanos) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " is not ready: " + last);
    }

    static void importAndReport(String ingest, String store, String source, Path file, Duration timeout,
            PrintStream out) throws IOException, InterruptedException {
        long start = System.nanoTime();
        URI importUri = URI.create(ingest + "/api/imports/text?source=" + URLEncoder.encode(source,
                StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(importUri);
        String token = System.getenv("NEWSFEED_API_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<String> accepted = HTTP.send(request
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: HTTP " + accepted.statusCode() + " " + accepted.body());
        }
        List<String> postIds = new ArrayList<>();
        JSON.readTree(accepted.body()).get("postIds").forEach(id -> postIds.add(id.asText()));

        Map<String, JsonNode> stored = new LinkedHashMap<>();
        long deadline = start + timeout.toNanos();
        while (stored.size() < postIds.size()) {
            for (String postId : postIds) {
                if (!stored.containsKey(postId)) {
                    JsonNode post = get(store + "/api/posts/" + URLEncoder.encode(postId, StandardCharsets.UTF_8)
                            .replace("+", "%20"));
                    if (post != null) {
                        stored.put(postId, post);
                    }
                }
            }
            if (stored.size() < postIds.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + stored.size() + " of " + postIds.size()
                            + " posts stored after " + timeout.toSeconds() + " s; see the service logs");
                }
                Thread.sleep(250);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(file, source, postIds, stored, seconds, store, out);
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void report(Path file, String source, List<String> postIds, Map<String, JsonNode> stored,
            double seconds, String store, PrintStream out) {
        int kept = 0;
        int removed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (JsonNode post : stored.values()) {
            kept += post.get("paragraphs").size();
            removed += post.get("removed").size();
            post.get("removed").forEach(r -> reasons.merge(r.get("reason").asText(), 1, Integer::sum));
        }
        out.printf("%nImported %s as source '%s': %d posts stored in %.1f s%n", file.getFileName(), source,
                postIds.size(), seconds);
        out.printf("Paragraphs: %d in, %d kept, %d removed %s%n%n", kept + removed, kept, removed,
                reasons.isEmpty() ? "" : reasons.toString().replace("{", "(").replace("}", ")"));
        out.printf("%3s  %-10s  %-7s  %4s  %7s  %s%n", "#", "published", "status", "kept", "removed", "title");
        int n = 0;
        for (String postId : postIds) {
            JsonNode post = stored.get(postId);
            String title = post.get("title").asText();
            out.printf("%3d  %-10s  %-7s  %4d  %7d  %s%n", ++n, post.get("publishedAt").asText().substring(0, 10),
                    post.get("status").asText(), post.get("paragraphs").size(), post.get("removed").size(),
                    title.length() > 90 ? title.substring(0, 89) + "…" : title);
        }
        out.printf("%nBrowse the stored bulletins: curl %s/api/posts   or   curl %s/api/posts/%s%n", store, store,
                postIds.get(0));
    }
}
