package newsfeed.dedup.api;

import static io.restassured.RestAssured.given;
import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.quarkus.test.junit.QuarkusTest;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.Topics;
import newsfeed.dedup.topology.DedupSettings;
import newsfeed.dedup.topology.DedupTopology;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.ManagementInterface;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The dedup service against a real broker: cross-post decisions on posts.deduplicated, and the fingerprint query. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DedupServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void removesAParagraphPublishedBeforeAndAnswersWhoPublishedItFirst() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shared = "Run " + run + ": the harbour authority confirmed that the northern ferry line will resume "
                + "daily crossings after the storm damage is repaired.";
        NormalizedPost first = post("svc" + run + ":1", Instant.parse("2025-03-01T08:00:00Z"), "First headline here",
                shared);
        NormalizedPost second = post("svc" + run + ":2", Instant.parse("2025-03-01T09:00:00Z"),
                "Second headline here", shared.replace("daily", "regular"));
        NormalizedPost third = post("svc" + run + ":3", Instant.parse("2025-03-01T10:00:00Z"), "Third headline here",
                shared);
        // The newest post arrives first, the oldest last. Each is sent only after the decision it causes arrived:
        // posts go to different partitions, so sent together their order at the judge would be the broker's.
        send(third);
        DeduplicatedPost alone = awaitDecision(third, 1);
        assertThat(alone.removed()).isEmpty();
        send(second);
        DeduplicatedPost afterNearCopy = awaitDecision(third, 2);
        assertThat(afterNearCopy.removed()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RemovalReason.NEAR_DUPLICATE);
            assertThat(r.duplicateOf()).isEqualTo(second.postId());
        });
        send(first);
        DeduplicatedPost afterExactCopy = awaitDecision(third, 3);
        assertThat(afterExactCopy.removed()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RemovalReason.PUBLISHED_BEFORE);
            assertThat(r.duplicateOf()).isEqualTo(first.postId());
        });
        DeduplicatedPost secondDecision = awaitDecision(second, 2);
        assertThat(secondDecision.removed()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RemovalReason.NEAR_DUPLICATE);
            assertThat(r.duplicateOf()).isEqualTo(first.postId());
        });
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("text", shared).get("/api/fingerprints")
                .then().statusCode(200)
                .body("candidate", equalTo(true))
                .body("firstPublished.postId", equalTo(first.postId()))
                .body("copies", hasSize(2))
                .body("nearCopies[0].postId", equalTo(second.postId())));

        // a helper's trial: a truncated preview of the paragraph never listed its complete copies, which the judge
        // finds under the head key (the preview's own key only meets other previews)
        String preview = shared.substring(0, shared.indexOf(" after the storm")) + "…";
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("text", preview).get("/api/fingerprints")
                .then().statusCode(200)
                .body("copies", hasSize(0))
                .body("completeCopies.postId", contains(first.postId(), third.postId()))
                .body("completeCopies[0].position", equalTo(1)));
    }

    /**
     * The verdicts topic, which Kafka Streams creates, takes the partition count the service read from
     * {@code posts.normalized} (one on the test broker), not the judge's (three claim partitions by default): the
     * assembler runs in the intake's tasks, so each post's verdicts must reach the task of its partition.
     */
    @Test
    void theVerdictsTopicHasThePartitionsOfTheInputNotOfTheJudge() {
        String verdicts = "newsfeed-dedup-v3-" + DedupTopology.VERDICTS_REPARTITION + "-repartition";
        String claims = "newsfeed-dedup-v3-" + DedupTopology.CLAIMS_REPARTITION + "-repartition";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            Map<String, Integer> partitions = new HashMap<>();
            await().atMost(WAIT).untilAsserted(() -> {
                admin.describeTopics(List.of(Topics.POSTS_NORMALIZED, verdicts, claims)).allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
                assertThat(partitions).containsOnlyKeys(Topics.POSTS_NORMALIZED, verdicts, claims);
            });
            assertThat(partitions.get(claims)).isEqualTo(DedupSettings.DEFAULT_CLAIM_PARTITIONS);
            assertThat(partitions.get(verdicts)).isEqualTo(partitions.get(Topics.POSTS_NORMALIZED))
                    .isNotEqualTo(DedupSettings.DEFAULT_CLAIM_PARTITIONS);
        }
    }

    @Test
    void aMethodTheRouteDoesNotHaveIs405WithTheRoutesMethodsInAllow() {
        // before: 405 with no body and no Allow, which RFC 9110 §15.5.6 requires
        given().delete("/api/fingerprints").then().statusCode(405).header("Allow", equalTo("GET, HEAD, OPTIONS"))
                .contentType("application/json").body("error", equalTo("method not allowed"))
                .body("details[0]", equalTo("DELETE /api/fingerprints: this route answers GET, HEAD and OPTIONS"));
        given().post("/api/fingerprints/claims/exact/1/2").then().statusCode(405)
                .header("Allow", equalTo("GET, HEAD, OPTIONS"));
        // ... and OPTIONS names them the same way
        given().options("/api/fingerprints").then().statusCode(200).header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }

    /** A helper's review: over HTTP/1.0 without Host, which it does not require, every answer was a 500. */
    @Test
    void anHttp10RequestWithoutHostIsAnswered() throws Exception {
        int port = io.restassured.RestAssured.port;
        assertThat(newsfeed.testsupport.RawHttp.exchange(port, "OPTIONS /api/fingerprints HTTP/1.0\r\n\r\n"))
                .startsWith("HTTP/1.0 200").containsIgnoringCase("allow: GET, HEAD, OPTIONS");
        assertThat(newsfeed.testsupport.RawHttp.exchange(port, "DELETE /api/fingerprints HTTP/1.0\r\n\r\n"))
                .startsWith("HTTP/1.0 405").contains("DELETE /api/fingerprints: this route answers GET, HEAD and OPTIONS");
        // HTTP/1.1 requires Host (RFC 9112 §3.2): a 400 of ours, not Quarkus's error body and an ERROR in the log
        // (store-service HttpVersionTest checks the log)
        assertThat(newsfeed.testsupport.RawHttp.exchange(port, "GET /api/x HTTP/1.1\r\n\r\n")).startsWith(
                "HTTP/1.1 400").endsWith("{\"error\":\"malformed request\",\"details\":[\"For HTTP/1.x requests, the "
                + "'Host' header is required\"]}");
        // nothing pipelined behind it is answered (RFC 9112 §9.6: no request after a close); a helper saw plain Vert.x
        // serve it, Quarkus here did not, with either close: a guard
        assertThat(newsfeed.testsupport.RawHttp.exchange(port, "GET /api/x HTTP/1.1\r\n\r\n"
                + "GET /api/fingerprints?text=a HTTP/1.1\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 400")
                .doesNotContain("HTTP/1.1 200");
    }

    /**
     * A helper's review: on HTTP/2 (h2c, on in this service) a stream without {@code :authority} was answered with a
     * {@code Connection} header, which makes an HTTP/2 answer malformed (RFC 9113 §8.2.2), and the whole connection
     * closed. Frames by hand: the preface, an empty SETTINGS, and a HEADERS of {@code GET http /} (HPACK static
     * entries 2, 6, 4) on stream 1.
     */
    @Test
    void anHttp2StreamWithoutAuthorityIsAnsweredAloneWithoutAConnectionHeader() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", io.restassured.RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.write(new byte[] {0, 0, 3, 1, 5, 0, 0, 0, 1, (byte) 0x82, (byte) 0x86, (byte) 0x84});
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Http2Headers headers = null;
            String body = "";
            boolean ended = false;
            while (!ended) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (type == 1 && stream == 1) {
                    // after the pad length (flag PADDED) and the stream dependency and weight (flag PRIORITY)
                    int start = ((flags & 0x8) != 0 ? 1 : 0) + ((flags & 0x20) != 0 ? 5 : 0);
                    int padding = (flags & 0x8) != 0 ? payload[0] : 0;
                    headers = new DefaultHttp2HeadersDecoder(false).decodeHeaders(1,
                            Unpooled.wrappedBuffer(payload, start, payload.length - start - padding));
                } else if (type == 0 && stream == 1) {
                    body += new String(payload, StandardCharsets.UTF_8);
                }
                ended = stream == 1 && (flags & 1) != 0;
                assertThat(type).as("no GOAWAY before the answer").isNotEqualTo(7);
            }
            assertThat(headers).isNotNull();
            assertThat(headers.status()).hasToString("400");
            assertThat(headers.contains("connection")).isFalse();
            assertThat(body).isEqualTo("{\"error\":\"malformed request\",\"details\":[\"For HTTP/2 requests, the "
                    + "':authority' pseudo-header is required\"]}");
        }
    }

    /** A helper's trial: {@code ?text=a&text=b} answered 200 for one of them, where ingest and store answer 400. */
    @Test
    void aRepeatedQueryParameterIsRefusedByName() {
        given().queryParam("text", "The first paragraph asked about.").queryParam("text", "The second one.")
                .get("/api/fingerprints").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid parameter text"))
                .body("details[0]", equalTo("text is given 2 times; every parameter takes one value"));
    }

    /** Stop 37 left it: a parameter the route does not take was ignored here, as the store no longer does. */
    @Test
    void aQueryParameterTheRouteDoesNotTakeIsRefusedByName() {
        given().queryParam("txt", "The first paragraph asked about.")
                .get("/api/fingerprints").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid parameter txt"))
                .body("details[0]", equalTo("txt is not a parameter of this route, which takes text"));
    }

    @Test
    void aQueryWithoutTextIsRejectedAndAnUnknownParagraphHasNoFirstPublisher() {
        given().get("/api/fingerprints").then().statusCode(400).body("error", equalTo("invalid request"));
        // 503 until the stream has started and its stores are queryable.
        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("text", "Nobody published this paragraph about the lighthouse keepers of Ostera yet.")
                .get("/api/fingerprints").then().statusCode(200).body("firstPublished", nullValue()));
    }

    /**
     * A long Cyrillic paragraph is asked by GET as it is stored: URL-encoded, each letter takes six bytes, so 2,400
     * letters make a request line of about 14 KB, above Vert.x's default of 4,096 bytes (a 414 with an empty body).
     */
    @Test
    void aLongCyrillicParagraphCanBeAskedInTheUrl() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder text = new StringBuilder("Сводка " + run + ".");
        for (int i = 0; text.length() < 2_400; i++) {
            text.append(" Министерство сообщило, что паромная линия номер ").append(i)
                    .append(" возобновит ежедневные рейсы после ремонта причала.");
        }
        String paragraph = text.toString();
        NormalizedPost post = post("long" + run + ":1", Instant.parse("2025-03-01T08:00:00Z"), "Длинная сводка",
                paragraph);
        send(post);
        awaitDecision(post, 1);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("text", paragraph).get("/api/fingerprints")
                .then().statusCode(200)
                .body("candidate", equalTo(true))
                .body("firstPublished.postId", equalTo(post.postId())));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        await().atMost(WAIT).untilAsserted(() -> given().get(ManagementInterface.url("/q/health/ready"))
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP")));
        given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        // a review: an unknown path was answered with an HTML page here, with JSON by the store
        given().get("/api/no-such-route").then().statusCode(404).contentType("application/json")
                .body("error", org.hamcrest.Matchers.equalTo("not found"));
    }

    private static void send(NormalizedPost post) {
        KafkaTestClient.produce(Topics.POSTS_NORMALIZED, post.postId(),
                new JsonSerde.NormalizedPostSerde().serialize(Topics.POSTS_NORMALIZED, post));
    }

    /** The decision on {@code post} with {@code revision}; fails if another revision of it came first. */
    private static DeduplicatedPost awaitDecision(NormalizedPost post, int revision) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.consumeUntil(Topics.POSTS_DEDUPLICATED,
                r -> r.key().equals(post.postId()) && decision(r).revision() == revision, WAIT);
        assertThat(records.stream().filter(r -> r.key().equals(post.postId())).map(r -> decision(r).revision()))
                .as("revisions of %s", post.postId())
                .isEqualTo(IntStream.rangeClosed(1, revision).boxed().toList());
        return decision(records.get(records.size() - 1));
    }

    private static DeduplicatedPost decision(ConsumerRecord<String, byte[]> record) {
        return new JsonSerde.DeduplicatedPostSerde().deserialize(record.topic(), record.value());
    }
}
