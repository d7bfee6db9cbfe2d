package newsfeed.ingest.telegram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import newsfeed.testsupport.TestApiToken;
import newsfeed.contracts.Json;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/imports/telegram} against a real Kafka broker: an accepted export is in {@code posts.raw} (and
 * normalized) when the 202 comes; a rejected one sends nothing; the larger body limit is this route's only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TelegramImportApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SPOOL = Path.of("target/telegram-spool");

    @TestHTTPResource("/")
    URI root;

    private URI url(String path) {
        return root.resolve(path);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(TelegramImporterTest.fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, RawPost> rawPosts(List<ConsumerRecord<String, byte[]>> records, String source) {
        JsonSerde.RawPostSerde serde = new JsonSerde.RawPostSerde();
        return records.stream().filter(r -> r.key().startsWith(source + ":"))
                .collect(Collectors.toMap(ConsumerRecord::key, r -> serde.deserialize(Topics.POSTS_RAW, r.value()),
                        (a, b) -> b));
    }

    @Test
    void aChannelExportIsAcceptedOnceEveryPostIsInPostsRaw() {
        String source = unique("tg-api");
        ExtractableResponse<Response> answer = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body(fixture("channel.json"))
                .post("/api/imports/telegram?source=" + source)
                .then().statusCode(202)
                .contentType("application/json")
                .body("accepted", equalTo(11))
                .body("postIds", hasSize(11))
                .body("postIds[0]", equalTo(source + ":2"))
                .body("postIds[10]", equalTo(source + ":13"))
                .body("skipped.service", equalTo(2))
                .body("chats[0].source", equalTo(source))
                .body("chats[0].name", equalTo("Lantern Bay Dispatch"))
                .body("chats[0].type", equalTo("public_channel"))
                .body("chats[0].id", equalTo(1770001))
                .body("chats[0].accepted", equalTo(11))
                .extract();
        List<String> postIds = answer.path("postIds");

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.consumeUntil(Topics.POSTS_RAW,
                r -> postIds.get(postIds.size() - 1).equals(r.key()), WAIT);
        Map<String, RawPost> raw = rawPosts(records, source);
        assertThat(raw.keySet()).containsExactlyInAnyOrderElementsOf(postIds);
        RawPost linked = raw.get(source + ":3");
        assertThat(linked.sourceType()).isEqualTo(SourceType.TELEGRAM);
        assertThat(linked.body()).isEqualTo("Council approves the breakwater plan\nVote passed nine to two. #council");
        assertThat(linked.attributes()).containsEntry(RawPost.ATTR_LINKS,
                "https://lanternbay.example/council/breakwater");
        assertThat(raw.get(source + ":8").body())
                .isEqualTo("Tide gauge\u0007 at the north pier\u0000 is back\ud800 online.\u0001RAW");
        assertThat(raw.get(source + ":5").attributes()).containsEntry(RawPost.ATTR_MEDIA_TYPE, "photo");

        List<ConsumerRecord<String, byte[]>> normalized = KafkaTestClient.consumeUntil(Topics.POSTS_NORMALIZED,
                r -> (source + ":8").equals(r.key()), WAIT);
        NormalizedPost cleaned = new JsonSerde.NormalizedPostSerde().deserialize(Topics.POSTS_NORMALIZED,
                normalized.get(normalized.size() - 1).value());
        assertThat(cleaned.title()).isEqualTo("Tide gauge at the north pier is back online.RAW");
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aFullAccountExportImportsItsChannelsUnderThePrefix() {
        String prefix = unique("acct");
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json; charset=UTF-8")
                .body(fixture("account.json"))
                .post("/api/imports/telegram?source=" + prefix)
                .then().statusCode(202)
                .body("accepted", equalTo(3))
                .body("postIds", contains(prefix + "-gull-point-radio:41", prefix + "-gull-point-radio:42",
                        prefix + "-tg-1880003:7"))
                .body("skipped", equalTo(Map.of("service", 1, "chat:personal_chat", 2,
                        "chat:private_supergroup", 2, "chat:saved_messages", 1)))
                .body("chats.source", contains(prefix + "-gull-point-radio", prefix + "-tg-1880003"));
    }

    @Test
    void anInvalidExportIsRejectedWithWhereAndSendsNothing() {
        String rejected = unique("tg-rejected");
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(fixture("invalid-json.json"))
                .post("/api/imports/telegram?source=" + rejected)
                .then().statusCode(400)
                .body("error", equalTo("invalid JSON"))
                .body("details", contains("Unexpected character ('\"' (code 34)): was expecting comma to separate "
                        + "Object entries at line 17, column 4, byte 308"));
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(fixture("invalid-messages.json"))
                .post("/api/imports/telegram?source=" + rejected)
                .then().statusCode(400)
                .body("error", equalTo("invalid export"))
                .body("details", hasSize(4))
                .body("details[0]", equalTo("messages[1] (line 12, column 3, byte 202): id is required"));
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(new byte[0])
                .post("/api/imports/telegram?source=" + rejected)
                .then().statusCode(400).body("details", contains("the body is empty"));
        String marker = unique("tg-marker");
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"name\":\"Marker\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"text\":\"m\"}]}")
                .post("/api/imports/telegram?source=" + marker)
                .then().statusCode(202);

        Set<String> keys = KafkaTestClient.consumeUntil(Topics.POSTS_RAW, r -> (marker + ":1").equals(r.key()), WAIT)
                .stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(keys).contains(marker + ":1").noneMatch(k -> k.startsWith(rejected));
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void onlyJsonInUtf8IsTaken() {
        given().auth().oauth2(TestApiToken.TOKEN).contentType("text/plain").body(fixture("channel.json"))
                .post("/api/imports/telegram")
                .then().statusCode(415)
                .body("error", equalTo("unsupported content type"))
                .body("details[0]", startsWith("got text/plain"))
                .body("details[0]", endsWith("; /api/imports/telegram takes application/json (UTF-8)"));
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json; charset=ISO-8859-1").body(fixture("channel.json"))
                .post("/api/imports/telegram")
                .then().statusCode(415)
                .body("details[0]", startsWith("got charset ISO-8859-1; Telegram Desktop exports are UTF-8"));
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/x-www-form-urlencoded").body("a=b")
                .post("/api/imports/telegram")
                .then().statusCode(415);
    }

    @Test
    void anInvalidSourceIsRejected() {
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(fixture("channel.json"))
                .post("/api/imports/telegram?source=Bad Slug")
                .then().statusCode(400)
                .body("details[0]", startsWith("source must be a slug matching"));
    }

    @Test
    void onlyTheTelegramRouteTakesBodiesAboveSixteenMegabytes() throws Exception {
        String source = unique("tg-big");
        int messages = 24_000;
        byte[] export = export(messages, i -> "Harbour bulletin " + i + ": " + "the north quay stays open. ".repeat(25));
        assertThat(export.length).isGreaterThan(16 * 1024 * 1024);

        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(export)
                .post("/api/imports/telegram?source=" + source)
                .then().statusCode(202)
                .body("accepted", equalTo(messages))
                .body("postIds[" + (messages - 1) + "]", equalTo(source + ":" + messages));
        // the route with a trailing slash is the same route, with the same limit
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(export)
                .post("/api/imports/telegram/?source=" + source)
                .then().statusCode(202)
                .body("accepted", equalTo(messages));

        // Expect: 100-continue (curl sends it for bodies above 1 MB) lets the 413 come before the body is sent
        RawResponse tooLarge = exchange("POST /api/posts HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + TestApiToken.BEARER + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + export.length + "\r\n"
                + "Expect: 100-continue\r\n\r\n", null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(Json.mapper().readTree(tooLarge.body()).get("details").get(0).asText()).isEqualTo("Content-Length "
                + export.length + " is above the limit of 16777216 bytes of /api/posts; only /api/imports/telegram "
                + "takes larger bodies (up to 1073741824 bytes)");
    }

    @Test
    void aChunkedBodyAboveSixteenMegabytesIsCutOffOnTheOtherRoutes() throws Exception {
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        RawResponse answer = exchange("POST /api/posts HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + TestApiToken.BEARER + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", out -> {
                    for (int i = 0; i < 40; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });

        // Without the limit the 40 MB would be read and answered 400 (not JSON); with it the server stops reading
        // after 16 MB: it answers 413 and closes, and the client may see only the closed connection.
        if (answer.status() > 0) {
            assertThat(answer.status()).isEqualTo(413);
        } else {
            assertThat(answer.sendFailure()).as("the server closed the connection while the body was sent")
                    .isNotNull();
        }
    }

    /** A response read off a raw socket: status 0 when none could be read. */
    private record RawResponse(int status, String body, IOException sendFailure) {
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** One HTTP/1.1 exchange on a raw socket, so that the test controls exactly what is sent and when. */
    private RawResponse exchange(String head, BodyWriter body) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            IOException sendFailure = null;
            if (body != null) {
                try {
                    body.write(out);
                    out.flush();
                } catch (IOException e) {
                    sendFailure = e;
                }
            }
            String response;
            try {
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return new RawResponse(0, null, sendFailure == null ? e : sendFailure);
            }
            if (!response.startsWith("HTTP/1.1 ")) {
                return new RawResponse(0, response, sendFailure);
            }
            int status = Integer.parseInt(response.substring(9, 12));
            int start = response.indexOf("\r\n\r\n");
            return new RawResponse(status, start < 0 ? "" : response.substring(start + 4), sendFailure);
        }
    }

    @Test
    void aThirdImportWhileTwoAreStillBeingSentIsAskedToRetry() throws Exception {
        byte[] export = export(400, i -> "Slow upload message " + i + " about the harbour and its ferries.");
        assertThat(export.length).isGreaterThan(40_000);
        int head = 20_000; // past the 10 KiB Quarkus REST reads before it calls the method
        String source = unique("tg-slow");
        String request = "POST /api/imports/telegram?source=" + source + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + TestApiToken.BEARER + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + export.length + "\r\n\r\n";
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket(root.getHost(), root.getPort());
                socket.setSoTimeout(60_000);
                slow.add(socket);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(export, 0, head);
                socket.getOutputStream().flush();
            }
            // both imports are spooling: each has its spool file
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> spoolFiles().size() == 2);

            given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(fixture("channel.json"))
                    .post("/api/imports/telegram?source=" + unique("tg-third"))
                    .then().statusCode(429)
                    .header("Retry-After", "10")
                    .body("error", equalTo("too many imports at once; retry later"))
                    .body("details", contains("at most 2 Telegram imports run at once on this server"));

            for (Socket socket : slow) {
                socket.getOutputStream().write(export, head, export.length - head);
                socket.getOutputStream().flush();
                String response = readResponseHead(socket);
                assertThat(response).startsWith("HTTP/1.1 202");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // the slots are free again
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(fixture("channel.json"))
                .post("/api/imports/telegram?source=" + unique("tg-after"))
                .then().statusCode(202).body("accepted", equalTo(11));
        assertThat(spoolFiles()).isEmpty();
    }

    /** The status line and headers of the response on {@code socket}. */
    private static String readResponseHead(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        java.io.InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void smallBodiesStillWorkOnTheOtherRoutes() {
        given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"source\":\"" + unique("push") + "\",\"externalId\":\"1\",\"body\":\"Still fine\"}")
                .post("/api/posts")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    /** A one-channel export of {@code count} messages with ids 1..count. */
    static byte[] export(int count, Function<Integer, String> text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("name", "Big Quay");
            json.writeStringField("type", "public_channel");
            json.writeNumberField("id", 1990001);
            json.writeArrayFieldStart("messages");
            for (int i : IntStream.rangeClosed(1, count).toArray()) {
                json.writeStartObject();
                json.writeNumberField("id", i);
                json.writeStringField("type", "message");
                json.writeStringField("date_unixtime", Long.toString(1_740_000_000L + i));
                json.writeStringField("text", text.apply(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Path> spoolFiles() {
        if (!Files.isDirectory(SPOOL)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
