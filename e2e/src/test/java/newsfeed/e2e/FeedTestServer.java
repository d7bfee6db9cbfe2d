package newsfeed.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import newsfeed.contracts.Json;

/**
 * A real HTTP server on 127.0.0.1 that serves feed documents to the running ingest-service, with an ETag per
 * document (so conditional GETs get 304), a settable status, and a log of the requests it answered. Also the
 * calls the feed tests make to {@code /api/feeds}.
 */
final class FeedTestServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request as the server saw and answered it. */
    record Request(String path, String ifNoneMatch, int status) {
    }

    private record Document(byte[] body, String contentType, String etag) {
    }

    private final HttpServer server;
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FeedTestServer() throws IOException {
        this(0);
    }

    /** A server on this port of 127.0.0.1 (0: any free one). */
    FeedTestServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The URL of a path on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} with that Content-Type and an ETag derived from the bytes. */
    void serve(String path, byte[] body, String contentType) {
        documents.put(path, new Document(body, contentType, "\"" + sha256(body).substring(0, 16) + "\""));
    }

    /** Serves a fixture of {@code src/test/resources/feed/}. */
    void serveFixture(String path, String fixture, String contentType) {
        serve(path, fixture(fixture), contentType);
    }

    /** Answers {@code status} (with a short HTML body) at {@code path} instead of its document; 200 restores it. */
    void answer(String path, int status) {
        statuses.put(path, status);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    String etag(String path) {
        return documents.get(path).etag();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        Document document = documents.get(path);
        int status = document == null ? 404 : statuses.getOrDefault(path, 200);
        try (exchange) {
            if (status == 200 && document.etag().equals(ifNoneMatch)) {
                exchange.getResponseHeaders().add("ETag", document.etag());
                exchange.sendResponseHeaders(304, -1);
                requests.add(new Request(path, ifNoneMatch, 304));
                return;
            }
            byte[] body = status == 200 ? document.body()
                    : ("<html><body>status " + status + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? document.contentType() : "text/html");
            if (status == 200) {
                exchange.getResponseHeaders().add("ETag", document.etag());
            }
            exchange.sendResponseHeaders(status, body.length);
            requests.add(new Request(path, ifNoneMatch, status));
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static byte[] fixture(String name) {
        try (InputStream in = FeedTestServer.class.getResourceAsStream("/feed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture feed/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /api/feeds}; returns the answer (201 and the subscription, or the error). */
    static Api.Response subscribe(String ingestUrl, String feedUrl, int intervalSeconds, String source)
            throws IOException, InterruptedException {
        String body = Json.mapper().writeValueAsString(Map.of("url", feedUrl, "intervalSeconds", intervalSeconds,
                "source", source));
        return send(Api.withToken(URI.create(ingestUrl + "/api/feeds"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** {@code GET /api/feeds/{id}}: the subscription with its polling status. */
    static JsonNode feedStatus(String ingestUrl, String id) throws IOException, InterruptedException {
        return Api.get(ingestUrl + "/api/feeds/" + id).json();
    }

    /** {@code DELETE /api/feeds/{id}}; returns the status. */
    static int unsubscribe(String ingestUrl, String id) throws IOException, InterruptedException {
        return send(Api.withToken(URI.create(ingestUrl + "/api/feeds/" + id)).DELETE().build()).status();
    }

    private static Api.Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Api.Response(response.statusCode(),
                body == null || body.isBlank() ? null : Json.mapper().readTree(body));
    }
}
