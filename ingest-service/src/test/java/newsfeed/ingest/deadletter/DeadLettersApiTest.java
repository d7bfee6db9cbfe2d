package newsfeed.ingest.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.TestApiToken;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/dead-letters} and {@code POST /api/dead-letters/replay} against a real broker: dead letters written
 * to posts.dead-letter as the stages write them are listed field by field, paged and filtered, and a replay sends one
 * back to its original topic with its bytes unchanged, refusing what it must not send.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DeadLettersApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The stage of this test's dead letters: one that ingest-service never writes (it runs no store), so that with a
     * cursor just before them ({@link #before}) the filtered listing holds this test's dead letters only.
     */
    private final String stage = DeadLetter.STAGE_STORE;

    /** The stage of the one dead letter of another stage; ingest-service never writes it either. */
    private final String otherStage = DeadLetter.STAGE_DEDUP;
    private String run;

    @BeforeEach
    void names() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Three dead letters of this test's stage and one of another, all on partition 0, and their metadata. */
    private record Written(List<ProducerRecord<String, byte[]>> records, List<RecordMetadata> metadata) {
        long offset(int i) {
            return metadata.get(i).offset();
        }
    }

    private Written write() {
        // an undecodable byte, then 480 characters of two bytes each: the preview is the first 300 characters
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write(0xff);
        value.writeBytes("Ünïcödé ".repeat(60).getBytes(StandardCharsets.UTF_8));
        RecordHeaders normalized = new RecordHeaders();
        normalized.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        DeadLetter.annotate(normalized, "invalid NormalizedPost at line 1, column 2", stage,
                Topics.POSTS_NORMALIZED, 2, 41);
        RecordHeaders subscriptions = new RecordHeaders();
        DeadLetter.annotate(subscriptions, "not a subscription", stage, Topics.FEEDS_SUBSCRIPTIONS, 0, 7);
        RecordHeaders noTopic = new RecordHeaders();
        noTopic.add(DeadLetter.REASON, "lost its origin".getBytes(StandardCharsets.UTF_8));
        noTopic.add(DeadLetter.STAGE, stage.getBytes(StandardCharsets.UTF_8));
        RecordHeaders other = new RecordHeaders();
        DeadLetter.annotate(other, "other stage", otherStage, Topics.POSTS_RAW, 1, 3);
        List<ProducerRecord<String, byte[]>> records = List.of(
                new ProducerRecord<String, byte[]>(Topics.POSTS_DEAD_LETTER, 0, "dl" + run + ":1",
                        value.toByteArray(), normalized),
                new ProducerRecord<>(Topics.POSTS_DEAD_LETTER, 0, "dl" + run + ":2", bytes("{}"), subscriptions),
                new ProducerRecord<String, byte[]>(Topics.POSTS_DEAD_LETTER, 0, (String) null, bytes("x"), noTopic),
                new ProducerRecord<>(Topics.POSTS_DEAD_LETTER, 0, "dl" + run + ":4", bytes("{\"o\":1}"), other));
        return new Written(records, KafkaTestClient.produce(records));
    }

    @Test
    void listsEveryFieldOfADeadLetterPagedAndFilteredByStage() {
        Written written = write();
        JsonPath page = given().auth().oauth2(TestApiToken.TOKEN).queryParam("stage", stage)
                .queryParams(before(written)).get("/api/dead-letters").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getList("items.offset", Long.class))
                .containsExactly(written.offset(0), written.offset(1), written.offset(2));
        assertThat(page.getString("next")).isNull();
        Map<String, Object> first = page.getMap("items[0]");
        String preview = "\uFFFD" + "Ünïcödé ".repeat(60).substring(0, 299);
        Map<String, Object> expected = new HashMap<>();
        expected.put("partition", 0);
        expected.put("offset", (int) written.offset(0));
        expected.put("key", "dl" + run + ":1");
        expected.put("timestamp", Instant.ofEpochMilli(written.metadata().get(0).timestamp()).toString());
        expected.put("stage", stage);
        expected.put("reason", "invalid NormalizedPost at line 1, column 2");
        expected.put("originalTopic", Topics.POSTS_NORMALIZED);
        expected.put("originalPartition", 2);
        expected.put("originalOffset", 41);
        expected.put("replayedFrom", null);
        expected.put("valuePreview", preview);
        expected.put("valueSize", 1 + 60 * "Ünïcödé ".getBytes(StandardCharsets.UTF_8).length);
        assertThat(first).isEqualTo(expected);
        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(DeadLetterView.PREVIEW_CHARS);
        assertThat(page.getMap("items[2]")).containsEntry("key", null).containsEntry("originalTopic", null)
                .containsEntry("originalPartition", null).containsEntry("originalOffset", null)
                .containsEntry("reason", "lost its origin").containsEntry("valuePreview", "x")
                .containsEntry("valueSize", 1);

        // two pages of two and one: the first page's next is the last item's partition:offset
        JsonPath firstPage = given().auth().oauth2(TestApiToken.TOKEN).queryParam("stage", stage)
                .queryParams(before(written)).queryParam("limit", 2).get("/api/dead-letters").then().statusCode(200)
                .extract().jsonPath();
        assertThat(firstPage.getList("items.offset", Long.class)).containsExactly(written.offset(0), written.offset(1));
        assertThat(firstPage.getString("next")).isEqualTo("0:" + written.offset(1));
        JsonPath secondPage = given().auth().oauth2(TestApiToken.TOKEN).queryParam("stage", stage)
                .queryParam("limit", 2).queryParam("after", firstPage.getString("next")).get("/api/dead-letters")
                .then().statusCode(200).extract().jsonPath();
        assertThat(secondPage.getList("items.offset", Long.class)).containsExactly(written.offset(2));
        assertThat(secondPage.getString("next")).isNull();

        given().auth().oauth2(TestApiToken.TOKEN).queryParam("stage", otherStage)
                .queryParams(before(written)).get("/api/dead-letters")
                .then().statusCode(200)
                .body("items.key", contains("dl" + run + ":4"))
                .body("items[0].originalTopic", equalTo(Topics.POSTS_RAW))
                .body("next", nullValue());
        // without a filter the listing holds them all, in offset order (other tests' dead letters besides)
        JsonPath all = given().auth().oauth2(TestApiToken.TOKEN).queryParam("limit", DeadLettersResource.MAX_LIMIT)
                .get("/api/dead-letters").then().statusCode(200).extract().jsonPath();
        List<Long> offsets = all.getList("items.findAll { it.partition == 0 }.offset", Long.class);
        assertThat(offsets).contains(written.offset(0), written.offset(3)).isSorted();
    }

    @Test
    void everyMethodNeedsTheToken() {
        // reads of ingest are open by default; dead letters are not, their reasons can hold internal messages
        given().get("/api/dead-letters").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("this route needs a token: send the header Authorization: Bearer <token>"));
        given().contentType("application/json").body("{\"records\":[{\"partition\":0,\"offset\":0}]}")
                .post("/api/dead-letters/replay").then().statusCode(401);
        given().auth().oauth2("a-wrong-token-of-enough-length").get("/api/dead-letters").then().statusCode(401);
    }

    /**
     * Helper trial: a dead letter without its value (its record was too large to be copied beside the reason) was
     * "replayed" as an empty record, which the store then dead-lettered again. It is refused, naming where the bytes
     * are.
     */
    @Test
    void aDeadLetterWithoutItsValueIsRefusedNamingWhereTheRecordIs() {
        RecordHeaders headers = new RecordHeaders();
        DeadLetter.annotate(headers, "too large", stage, Topics.POSTS_DEDUPLICATED, 2, 42);
        List<ProducerRecord<String, byte[]>> records = List.of(new ProducerRecord<String, byte[]>(
                Topics.POSTS_DEAD_LETTER, 0, "dl" + run + ":empty", null, headers));
        Written written = new Written(records, KafkaTestClient.produce(records));

        JsonPath answer = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"records\": [" + id(written.offset(0)) + "]}")
                .post("/api/dead-letters/replay").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getInt("replayed")).isZero();
        assertThat(answer.getInt("refused")).isEqualTo(1);
        assertThat(answer.getString("records[0].reason")).isEqualTo("the dead letter holds no value: its record had "
                + "none (a tombstone), or was too large to be copied beside its reason; the record is at "
                + "posts.deduplicated-2@42");
    }

    @Test
    void replaysADeadLetterToItsTopicBytesUnchangedAndRefusesWhatItMustNotSend() {
        Written written = write();
        long end = written.offset(3) + 1;
        JsonPath answer = given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json")
                .body("{\"records\": [" + id(written.offset(0)) + ", " + id(written.offset(1)) + ", "
                        + id(written.offset(2)) + ", {\"partition\": 0, \"offset\": 999999999}, "
                        + "{\"partition\": 99, \"offset\": 0}]}")
                .post("/api/dead-letters/replay").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getInt("replayed")).isEqualTo(1);
        assertThat(answer.getInt("refused")).isEqualTo(4);
        assertThat(answer.getInt("failed")).isZero();
        assertThat(answer.getList("records.offset", Long.class))
                .containsExactly(written.offset(0), written.offset(1), written.offset(2), 999_999_999L, 0L);
        assertThat(answer.getList("records.status"))
                .containsExactly("replayed", "refused", "refused", "refused", "refused");
        assertThat(answer.getMap("records[0]")).containsOnlyKeys("partition", "offset", "status", "topic",
                "replayedPartition", "replayedOffset").containsEntry("topic", Topics.POSTS_NORMALIZED);
        assertThat(answer.getMap("records[1]")).containsEntry("topic", Topics.FEEDS_SUBSCRIPTIONS)
                .containsEntry("reason", "the dead letter came from feeds.subscriptions, which is not a topic of the "
                        + "post pipeline; only posts.deduplicated, posts.normalized, posts.raw are replayed to");
        assertThat(answer.getMap("records[2]")).doesNotContainKey("topic")
                .containsEntry("reason", "the dead letter has no dead-letter-topic header: the topic it came from "
                        + "is unknown");
        assertThat(answer.getString("records[3].reason")).startsWith("partition 0 of posts.dead-letter ends before "
                + "offset 999999999 (its next offset is ").doesNotContain("(its next offset is " + (end - 1) + ")");
        assertThat(answer.getString("records[4].reason"))
                .matches("posts\\.dead-letter has no partition 99 \\(it has \\d+, from 0\\)");

        String key = "dl" + run + ":1";
        List<ConsumerRecord<String, byte[]>> read = KafkaTestClient.consumeUntil(Topics.POSTS_NORMALIZED,
                r -> key.equals(r.key()), WAIT);
        ConsumerRecord<String, byte[]> replayed = read.get(read.size() - 1);
        assertThat(replayed.value()).isEqualTo(written.records().get(0).value());
        assertThat(replayed.partition()).isEqualTo(answer.getInt("records[0].replayedPartition"));
        assertThat(replayed.offset()).isEqualTo(answer.getLong("records[0].replayedOffset"));
        List<String> names = new ArrayList<>();
        for (Header header : replayed.headers()) {
            names.add(header.key());
        }
        assertThat(names).containsExactlyInAnyOrder("trace-id", DeadLetter.REPLAYED_FROM);
        assertThat(DeadLetter.header(replayed.headers(), DeadLetter.REPLAYED_FROM))
                .isEqualTo("posts.dead-letter/0/" + written.offset(0));
        assertThat(DeadLetter.header(replayed.headers(), "trace-id")).isEqualTo("t-1");
        // nothing went to the topics that were refused: the records after the replay on posts.normalized are not them
        assertThat(read).extracting(ConsumerRecord::key).doesNotContain("dl" + run + ":2", "dl" + run + ":4");
    }

    @Test
    void aMalformedRequestIsRefusedNamingTheFieldAndSendsNothing() {
        replay("{\"records\": [").statusCode(400).body("error", equalTo("invalid JSON"))
                .body("details[0]", startsWith("Unexpected end-of-input"));
        // the details name what the field takes in JSON's terms, not Jackson's classes and settings (a helper saw
        // "newsfeed.ingest.deadletter.ReplayRequest from Array value" and "CoercionConfig")
        replay("{\"records\": [{\"partition\": \"0\", \"offset\": 1}]}").statusCode(400)
                .body("error", equalTo("invalid replay request"))
                .body("details", contains("records[0].partition: expected a whole number, got a string"));
        replay("{\"records\": [{\"partition\": 0, \"offset\": 1.5}]}").statusCode(400)
                .body("details", contains("records[0].offset: expected a whole number, got a number with a fraction"));
        replay("[" + id(1) + "]").statusCode(400).body("details", contains("body: expected an object "
                + "{\"records\": [{\"partition\": n, \"offset\": n}, ...]}, got an array"));
        replay("{\"records\": \"0:1\"}").statusCode(400)
                .body("details", contains("records: expected an array, got a string"));
        replay("{\"records\": [[0, 1]]}").statusCode(400)
                .body("details", contains("records[0]: expected an object, got an array"));
        replay("{\"records\": [{\"partition\": 0}, {\"partition\": -1, \"offset\": 3}]}").statusCode(400)
                .body("details", contains("records[0].offset must not be null",
                        "records[1].partition must be greater than or equal to 0"));
        replay("{\"records\": []}").statusCode(400).body("details", contains("records size must be between 1 and 100"));
        replay("{}").statusCode(400).body("details", contains("records must not be null"));
        replay("{\"records\": [" + String.join(",", Collections.nCopies(ReplayRequest.MAX_RECORDS + 1, id(0)))
                + "]}").statusCode(400).body("details", contains("records size must be between 1 and 100"));
        replay("{\"records\": [" + id(5) + ", " + id(6) + ", " + id(5) + "]}").statusCode(400)
                .body("details", contains("records[2] repeats records[0]: list each dead letter once"));
        given().auth().oauth2(TestApiToken.TOKEN).contentType("text/plain").body("0:1")
                .post("/api/dead-letters/replay").then().statusCode(415)
                .body("details[0]", equalTo("got text/plain; charset=ISO-8859-1; POST /api/dead-letters/replay "
                        + "takes application/json (UTF-8)"));
        given().auth().oauth2(TestApiToken.TOKEN).queryParam("after", "zero").get("/api/dead-letters").then()
                .statusCode(400).body("error", equalTo("invalid cursor"))
                .body("details", contains("after must be <partition>:<offset> as in the next of a page, e.g. 0:42, "
                        + "got \"zero\""));
        given().auth().oauth2(TestApiToken.TOKEN).queryParam("limit", 1001).get("/api/dead-letters").then()
                .statusCode(400).body("error", equalTo("invalid limit"))
                .body("details", contains("limit must be a whole number from 1 to 1000, got \"1001\""));
        // a stage that writes no dead letters answered 200 with an empty page, as if the pipeline were clean
        given().auth().oauth2(TestApiToken.TOKEN).queryParam("stage", "nope").get("/api/dead-letters").then()
                .statusCode(400).body("error", equalTo("invalid stage"))
                .body("details", contains("stage must be one of normalizer, dedup, store; got \"nope\""));
        given().auth().oauth2(TestApiToken.TOKEN).queryParam("stage", " dedup ").get("/api/dead-letters").then()
                .statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse replay(String body) {
        return given().auth().oauth2(TestApiToken.TOKEN).contentType("application/json").body(body)
                .post("/api/dead-letters/replay").then();
    }

    /** The cursor just before this test's first dead letter: none when it is the topic's first record. */
    private static Map<String, Object> before(Written written) {
        long first = written.offset(0);
        return first == 0 ? Map.of() : Map.of("after", "0:" + (first - 1));
    }

    private static String id(long offset) {
        return "{\"partition\": 0, \"offset\": " + offset + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
