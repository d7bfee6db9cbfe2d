package newsfeed.store.consume;

import static newsfeed.store.TestDecisions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.Json;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.Topics;
import newsfeed.store.TestDecisions;
import newsfeed.store.db.PostQueries;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.ManagementInterface;
import newsfeed.testsupport.PostgresTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** posts.deduplicated → PostgreSQL over a real broker and database, poison records to the dead-letter topic. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeduplicatedPostConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    @Inject
    PostQueries queries;

    @Inject
    DataSource dataSource;

    @Test
    void aPoisonRecordIsDeadLetteredAndTheRecordsAfterItAreStored() {
        String poisonKey = "consume:" + UUID.randomUUID();
        String postId = "consume:" + UUID.randomUUID();
        byte[] poison = "{\"post\": {\"postId\": ".getBytes(StandardCharsets.UTF_8);
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, poisonKey, poison);
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, new JsonSerde.DeduplicatedPostSerde()
                .serialize(Topics.POSTS_DEDUPLICATED, decision(postId, Instant.parse("2025-03-03T00:00:00Z"), 3, 1, 1)));

        await().atMost(WAIT).until(() -> queries.find(postId).isPresent());
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> poisonKey.equals(r.key()), WAIT);
        ConsumerRecord<String, byte[]> letter = dead.get(dead.size() - 1);
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.STAGE)).isEqualTo("store");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_DEDUPLICATED);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON))
                .startsWith("invalid DeduplicatedPost on topic posts.deduplicated at line 1");
        assertThat(queries.find(poisonKey)).isEmpty();
        // what the dashboard and the alert rules read (deploy/monitoring)
        String scraped = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(scraped)
                .containsPattern("(?m)^newsfeed_dead_letters_total\\{stage=\"store\"} [1-9]")
                .containsPattern("(?m)^newsfeed_store_posts_total\\{outcome=\"inserted\"} [1-9]")
                .containsPattern("(?m)^newsfeed_pipeline_latency_seconds_bucket\\{le=\"\\+Inf\"} [1-9]");
    }

    /**
     * A helper's trial: a key that is not UTF-8 came back in the dead letter as replacement characters (the store read
     * keys as strings), so a replay went to another partition than the record's own.
     */
    @Test
    void aDeadLetterKeepsTheKeyBytesAsRead() throws Exception {
        byte[] key = {'c', 'o', 'n', 's', 'u', 'm', 'e', ':', (byte) 0xff, (byte) 0xfe};
        byte[] poison = ("{\"post\": \"" + UUID.randomUUID() + "\"").getBytes(StandardCharsets.UTF_8);
        java.util.Properties producer = KafkaTestClient.producerConfig();
        producer.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        try (var raw = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(producer)) {
            raw.send(new ProducerRecord<>(Topics.POSTS_DEDUPLICATED, key, poison)).get();
        }
        java.util.Properties consumer = KafkaTestClient.consumerConfig();
        consumer.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        try (var dead = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(consumer)) {
            dead.subscribe(List.of(Topics.POSTS_DEAD_LETTER));
            byte[] found = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (var record : dead.poll(Duration.ofMillis(200))) {
                    if (java.util.Arrays.equals(record.value(), poison)) {
                        found = record.key();
                    }
                }
            }
            assertThat(found).isEqualTo(key);
        }
    }

    /**
     * A trial edited a feed item two minutes after its first poll: the edit was stored within a second, and the
     * latency histogram's max read 112 s, timed from the post's first receipt, which a revision keeps.
     */
    @Test
    void onlyAPostsFirstVersionIsTimedFromItsReceipt() {
        String postId = "consume:" + UUID.randomUUID();
        Instant at = Instant.parse("2025-03-03T00:00:00Z");
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId,
                serde.serialize(Topics.POSTS_DEDUPLICATED, decision(postId, at, 3, 0, 1)));
        await().atMost(WAIT).until(() -> queries.find(postId).isPresent());
        long timed = registry.get("newsfeed.pipeline.latency").timer().count();

        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId,
                serde.serialize(Topics.POSTS_DEDUPLICATED, decision(postId, at, 4, 0, 2)));
        await().atMost(WAIT).until(() -> queries.find(postId).orElseThrow().revision() == 2);

        assertThat(registry.get("newsfeed.pipeline.latency").timer().count()).isEqualTo(timed);
    }

    @Test
    void aDecisionTheDatabaseCannotTakeIsDeadLetteredNotRetriedForever() {
        String postId = "consume:" + UUID.randomUUID();
        var valid = decision(postId, Instant.parse("2025-03-03T00:00:00Z"), 2, 0, 1);
        var broken = new DeduplicatedPost(valid.post(), List.of(0, 1, 2), List.of(),
                valid.status(), null, 1);
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId,
                new JsonSerde.DeduplicatedPostSerde().serialize(Topics.POSTS_DEDUPLICATED, broken));

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> postId.equals(r.key()), WAIT);

        assertThat(DeadLetter.header(dead.get(dead.size() - 1).headers(), DeadLetter.REASON))
                .contains("do not partition its 2 paragraph positions");
        assertThat(queries.find(postId)).isEmpty();
    }

    /**
     * A record the database refuses (PostgreSQL text cannot hold NUL) among good ones: the good ones are stored, the
     * refused one alone is dead-lettered with the database's reason.
     */
    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAndTheOthersOfItsBatchAreStored() {
        String before = "consume:" + UUID.randomUUID();
        String refused = "consume:" + UUID.randomUUID();
        String after = "consume:" + UUID.randomUUID();
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        Instant at = Instant.parse("2025-03-03T00:00:00Z");
        KafkaTestClient.produce(List.of(
                new ProducerRecord<>(Topics.POSTS_DEDUPLICATED, before, serde.serialize(Topics.POSTS_DEDUPLICATED,
                        decision(before, at, 3, 0, 1))),
                new ProducerRecord<>(Topics.POSTS_DEDUPLICATED, refused, serde.serialize(Topics.POSTS_DEDUPLICATED,
                        TestDecisions.withTexts(refused, at, List.of(), "A headline with a NUL \u0000 inside"))),
                new ProducerRecord<>(Topics.POSTS_DEDUPLICATED, after, serde.serialize(Topics.POSTS_DEDUPLICATED,
                        decision(after, at, 3, 0, 1)))));

        await().atMost(WAIT).until(() -> queries.find(before).isPresent() && queries.find(after).isPresent());
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> refused.equals(r.key()), WAIT);
        assertThat(DeadLetter.header(dead.get(dead.size() - 1).headers(), DeadLetter.REASON))
                .startsWith("cannot store post " + refused);
        assertThat(queries.find(refused)).isEmpty();
    }

    /**
     * A helper's trial wrote a decision with {@code "status": null} to the topic: its NullPointerException was taken
     * for a database outage and retried for ever, and no post was stored after it, after a restart neither. A receipt
     * time over 292 years ago overflowed the latency timer after the write, and stopped the consumer.
     */
    @Test
    void aDecisionMissingAFieldIsDeadLetteredAndAnAncientReceiptStopsNothing() throws Exception {
        String missing = "consume:" + UUID.randomUUID();
        String ancient = "consume:" + UUID.randomUUID();
        String after = "consume:" + UUID.randomUUID();
        Instant at = Instant.parse("2025-03-03T00:00:00Z");
        ObjectNode noStatus = Json.mapper().valueToTree(decision(missing, at, 2, 0, 1));
        noStatus.putNull("status");
        ObjectNode old = Json.mapper().valueToTree(decision(ancient, at, 2, 0, 1));
        ((ObjectNode) old.get("post")).put("receivedAt", "1700-01-01T00:00:00Z");
        ((ObjectNode) old.get("post")).put("publishedAt", "1700-01-01T00:00:00Z");
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, missing, Json.mapper().writeValueAsBytes(noStatus));
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, ancient, Json.mapper().writeValueAsBytes(old));
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, after, new JsonSerde.DeduplicatedPostSerde()
                .serialize(Topics.POSTS_DEDUPLICATED, decision(after, at, 2, 0, 1)));

        await().atMost(WAIT).until(() -> queries.find(after).isPresent());
        assertThat(queries.find(ancient)).isPresent();
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> missing.equals(r.key()), WAIT);
        assertThat(DeadLetter.header(dead.get(dead.size() - 1).headers(), DeadLetter.REASON))
                .isEqualTo("decision of post " + missing + " has no status");
        assertThat(queries.find(missing)).isEmpty();
    }

    /**
     * Helper trial: a decision dated -999999999-01-01 (written to the topic without ingest, which clamps dates) was
     * stored as -infinity, and every Atom feed holding it answered 500. A time outside 0001–9999 is the record's fault.
     */
    @Test
    void aDecisionDatedOutsideTheYears1To9999IsDeadLettered() throws Exception {
        String postId = "consume:" + UUID.randomUUID();
        ObjectNode json = Json.mapper().valueToTree(decision(postId, Instant.parse("2025-03-03T00:00:00Z"), 2, 0, 1));
        ((ObjectNode) json.get("post")).put("publishedAt", "-999999999-01-01T00:00:00Z");
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, Json.mapper().writeValueAsBytes(json));

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> postId.equals(r.key()), WAIT);

        assertThat(DeadLetter.header(dead.get(dead.size() - 1).headers(), DeadLetter.REASON))
                .isEqualTo("post " + postId + ": publishedAt -999999999-01-01T00:00:00Z must lie "
                        + newsfeed.contracts.InstantRange.describe());
        assertThat(queries.find(postId)).isEmpty();
    }

    /**
     * Helper trial: a post the database refused (then for its search vector, now for a NUL in its 900 KB of words) was
     * refused with a reason quoting the statement and its values; the dead letter, that reason beside the record,
     * was above Kafka's record limit, and the store retried sending it forever, storing nothing after it.
     */
    @Test
    void aRecordRefusedWithAHugeReasonIsDeadLetteredAndTheNextOneIsStored() {
        String refused = "consume:" + UUID.randomUUID();
        String after = "consume:" + UUID.randomUUID();
        java.util.Random random = new java.util.Random(7);
        StringBuilder words = new StringBuilder();
        while (words.length() < 900_000) {
            for (int i = 5 + random.nextInt(5); i > 0; i--) {
                words.append((char) ('a' + random.nextInt(26)));
            }
            words.append(' ');
        }
        JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();
        Instant at = Instant.parse("2025-03-03T00:00:00Z");
        KafkaTestClient.produce(List.of(
                new ProducerRecord<>(Topics.POSTS_DEDUPLICATED, refused, serde.serialize(Topics.POSTS_DEDUPLICATED,
                        TestDecisions.withTexts(refused, at, List.of(), "Many words", words.toString().strip()
                                + " \u0000"))),
                new ProducerRecord<>(Topics.POSTS_DEDUPLICATED, after, serde.serialize(Topics.POSTS_DEDUPLICATED,
                        decision(after, at, 3, 0, 1)))));

        await().atMost(WAIT).until(() -> queries.find(after).isPresent());
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> refused.equals(r.key()), WAIT);
        String reason = DeadLetter.header(dead.get(dead.size() - 1).headers(), DeadLetter.REASON);
        assertThat(reason).startsWith("cannot store post " + refused).contains("0x00");
        assertThat(reason.length()).isLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS);
        assertThat(queries.find(refused)).isEmpty();
    }

    /**
     * A new user's trial: a post of 130,000 distinct words (780,000 characters, within ingest's limit) made a search
     * vector above PostgreSQL's 1 MB; the post was dead-lettered and stored nowhere, while dedup-service took its
     * paragraphs as published, so a later copy of it was stored as a repost of a post that does not exist. The search
     * vector reads the body's first 130,000 characters (V9): the post is stored whole, found by its early words.
     */
    @Test
    void aPostOfMoreWordsThanASearchVectorHoldsIsStoredWholeAndFoundByItsEarlyWords() {
        String postId = "consume:" + UUID.randomUUID();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 130_000; i++) {
            words.append('q').append(Integer.toString(i, 26).chars()
                    .mapToObj(c -> String.valueOf((char) (Character.digit(c, 26) + 'a'))).reduce("", String::concat))
                    .append(' ');
        }
        String body = words.toString().strip();
        assertThat(body.length()).isGreaterThan(700_000);
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, new JsonSerde.DeduplicatedPostSerde()
                .serialize(Topics.POSTS_DEDUPLICATED, TestDecisions.withTexts(postId,
                        Instant.parse("2025-03-03T00:00:00Z"), List.of(), "Many words", body)));

        await().atMost(WAIT).until(() -> queries.find(postId).isPresent());
        assertThat(queries.find(postId).orElseThrow().paragraphs()).extracting(p -> p.text())
                .containsExactly("Many words", body);
        // word 676 ("qbaa", base 26 in letters) stands near the start; the last word far beyond 130,000 characters
        assertThat(queries.list(new PostQueries.Filter(Optional.empty(), Optional.empty(), Optional.of("qbaa"),
                Optional.empty(), Optional.empty()), Optional.empty(), 10).rows()).extracting(r -> r.summary().postId())
                .contains(postId);
        String late = body.substring(body.lastIndexOf(' ') + 1);
        assertThat(late).isEqualTo("qhkhz");
        assertThat(queries.list(new PostQueries.Filter(Optional.empty(), Optional.empty(), Optional.of(late),
                Optional.empty(), Optional.empty()), Optional.empty(), 10).rows()).extracting(r -> r.summary().postId())
                .doesNotContain(postId);
    }

    /**
     * A review of V9's first bound (150,000 characters): a hyphenated word is indexed whole and in its parts, so
     * "X-Y " of two 4-byte letters makes 30 bytes of search vector out of 4 characters; 150,000 characters of them
     * made 1.1 MB and the post was refused again. The worst case, with a title of the same kind at ingest's title
     * limit, past the bound.
     */
    @Test
    void aPostOfTheDensestWordsForASearchVectorIsStored() {
        String postId = "consume:" + UUID.randomUUID();
        List<Integer> letters = new java.util.ArrayList<>();
        // 4-byte letters first, so that the part the search vector reads is the densest
        for (int cp = 0x20000; cp <= 0x323AF; cp++) {
            if (Character.isLetter(cp)) {
                letters.add(cp);
            }
        }
        assertThat(letters.size() * 2).isGreaterThan(130_000);
        for (int cp = 0x4E00; cp <= 0x9FFF; cp++) {
            if (Character.isLetter(cp)) {
                letters.add(cp);
            }
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i + 1 < letters.size(); i += 2) {
            words.appendCodePoint(letters.get(i)).append('-').appendCodePoint(letters.get(i + 1)).append(' ');
        }
        String body = words.toString().strip();
        assertThat(body.codePointCount(0, body.length())).isGreaterThan(160_000);
        StringBuilder title = new StringBuilder();
        for (int i = 0; title.codePointCount(0, title.length()) < 296; i += 2) {
            title.appendCodePoint(letters.get(letters.size() - 1 - i)).append('-')
                    .appendCodePoint(letters.get(letters.size() - 2 - i)).append(' ');
        }
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, new JsonSerde.DeduplicatedPostSerde()
                .serialize(Topics.POSTS_DEDUPLICATED, TestDecisions.withTexts(postId,
                        Instant.parse("2025-03-03T00:00:00Z"), List.of(), title.toString().strip(), body)));

        await().atMost(WAIT).until(() -> queries.find(postId).isPresent());
        assertThat(queries.find(postId).orElseThrow().paragraphs()).extracting(p -> p.text()).last().isEqualTo(body);
    }

    /**
     * Issue 10: once dedup-service has forgotten a post (its state expired past the retention), an edit of it is
     * decided again from revision 1, in a later revision epoch. The store holds revision 2 of the earlier epoch and
     * must take the edit over it. The records are written as JSON, the wire format dedup-service sends.
     */
    @Test
    void anEditDecidedAfterItsDedupStateExpiredReplacesTheHigherRevisionOfTheEarlierEpoch() throws Exception {
        String postId = "consume:" + UUID.randomUUID();
        Instant published = Instant.parse("2025-03-03T08:00:00Z");
        DeduplicatedPost first = TestDecisions.withTexts(postId, published, List.of(), "Harbour board meets",
                "The board met to agree the dredging schedule for the inner basin.");
        DeduplicatedPost edit = TestDecisions.withTexts(postId, published, List.of(), "Harbour board meets",
                "The board met to agree the dredging schedule for the outer basin.");
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, wire(first, 2, "2025-03-03T08:01:00Z"));
        await().atMost(WAIT).until(() -> queries.find(postId).isPresent());

        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, wire(edit, 1, "2025-05-20T10:00:00Z"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.find(postId).orElseThrow().paragraphs())
                .extracting(p -> p.text()).containsExactly("Harbour board meets",
                        "The board met to agree the dredging schedule for the outer basin."));
        assertThat(queries.find(postId).orElseThrow().revision()).isEqualTo(1);
    }

    /**
     * Issue 11: a write the database refuses for a reason that is not the record's (here a revoked permission, SQLSTATE
     * 42501, raised by a trigger for this one post) is retried, never dead-lettered; readiness says why meanwhile;
     * once the permission is back the post is stored.
     */
    @Test
    void aWriteRefusedForThePermissionIsRetriedAndReportedNotDeadLettered() throws Exception {
        String postId = "consume:" + UUID.randomUUID();
        execute("CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.post_id = '" + postId + "' THEN RAISE EXCEPTION 'permission denied for table post' "
                + "USING ERRCODE = '42501'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER refuse_for_test BEFORE INSERT ON post FOR EACH ROW EXECUTE FUNCTION refuse_for_test()");
        try {
            KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, postId, new JsonSerde.DeduplicatedPostSerde()
                    .serialize(Topics.POSTS_DEDUPLICATED, decision(postId, Instant.parse("2025-03-03T00:00:00Z"), 3,
                            0, 1)));
            await().atMost(WAIT).untilAsserted(() -> given().get(ManagementInterface.url("/q/health/ready"))
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'PostgreSQL writes' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'PostgreSQL writes' }.data.lastError",
                            containsString("permission denied for table post"))
                    .body("checks.find { it.name == 'PostgreSQL writes' }.data.failedAttempts", greaterThan(1)));
        } finally {
            execute("DROP TRIGGER refuse_for_test ON post");
            execute("DROP FUNCTION refuse_for_test()");
        }
        await().atMost(WAIT).until(() -> queries.find(postId).isPresent());
        await().atMost(WAIT).untilAsserted(() -> given().get(ManagementInterface.url("/q/health/ready"))
                .then().statusCode(200));
        // a marker sent after it proves what the dead-letter topic holds up to there
        String marker = "consume:" + UUID.randomUUID();
        KafkaTestClient.produce(Topics.POSTS_DEDUPLICATED, marker, "{\"not\": \"a decision\"}".getBytes(
                StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                r -> marker.equals(r.key()), WAIT);
        assertThat(dead).extracting(ConsumerRecord::key).doesNotContain(postId);
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A decision as JSON on posts.deduplicated, with the given revision and revision epoch. */
    private static byte[] wire(DeduplicatedPost decision, int revision, String revisionEpoch) throws Exception {
        ObjectNode json = Json.mapper().valueToTree(decision);
        json.put("revision", revision).put("revisionEpoch", revisionEpoch);
        return Json.mapper().writeValueAsBytes(json);
    }
}
