package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Dead letters you can act on (issue 11, acceptance 5), over the three services: a post the store's database refuses
 * for what it holds (a trigger raising SQLSTATE 23514, check_violation, for this one post: a record's fault, which
 * the store dead-letters rather than retries) lands on posts.dead-letter with stage {@code store}; once the trigger
 * is gone, it is listed through {@code GET /api/dead-letters} and replayed through
 * {@code POST /api/dead-letters/replay}, and the post is stored; replayed a second time, it is still one post with the
 * same rows and the same answer from the store API.
 */
class DeadLetterReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aDeadLetterReplayedOnceItsCauseIsFixedIsStoredOnceHoweverOftenItIsReplayed() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "replay" + run;
        String postId = source + ":1";
        String trigger = "refuse_replay_" + run;
        sql(pipeline, "CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.post_id = '" + postId + "' THEN RAISE EXCEPTION 'new row for relation \"post\" violates "
                + "check constraint \"" + trigger + "\"' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$");
        sql(pipeline, "CREATE TRIGGER " + trigger + " BEFORE INSERT ON post FOR EACH ROW EXECUTE FUNCTION "
                + trigger + "()");
        ConsumerRecord<String, byte[]> letter;
        try {
            assertThat(Api.postJson(pipeline.ingestUrl, "{\"source\":\"" + source + "\",\"externalId\":\"1\","
                    + "\"body\":\"Harbour works resume at dawn\\n\\nThe dredgers return to the inner basin after the "
                    + "winter storms.\"}").status()).isEqualTo(202);
            List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.consumeUntil(Topics.POSTS_DEAD_LETTER,
                    r -> postId.equals(r.key()), WAIT);
            letter = dead.get(dead.size() - 1);
        } finally {
            sql(pipeline, "DROP TRIGGER " + trigger + " ON post");
            sql(pipeline, "DROP FUNCTION " + trigger + "()");
        }
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.STAGE)).isEqualTo("store");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC)).isEqualTo(Topics.POSTS_DEDUPLICATED);
        String reason = DeadLetter.header(letter.headers(), DeadLetter.REASON);
        assertThat(reason).contains("violates check constraint \"" + trigger + "\"");
        assertThat(Api.post(pipeline.storeUrl, postId)).isNull();

        // listed through the API, among the store's dead letters
        JsonNode listed = find(pipeline, letter.partition(), letter.offset());
        assertThat(listed.get("key").asText()).isEqualTo(postId);
        assertThat(listed.get("stage").asText()).isEqualTo("store");
        assertThat(listed.get("reason").asText()).isEqualTo(reason);
        assertThat(listed.get("originalTopic").asText()).isEqualTo(Topics.POSTS_DEDUPLICATED);
        assertThat(listed.get("originalPartition").asInt()).isEqualTo(Integer.parseInt(
                DeadLetter.header(letter.headers(), DeadLetter.PARTITION)));
        assertThat(listed.get("originalOffset").asLong()).isEqualTo(Long.parseLong(
                DeadLetter.header(letter.headers(), DeadLetter.OFFSET)));
        assertThat(listed.get("valueSize").asInt()).isEqualTo(letter.value().length);
        assertThat(listed.get("valuePreview").asText()).startsWith("{").contains(postId);

        JsonNode first = replay(pipeline, letter);
        await().atMost(WAIT).until(() -> Api.post(pipeline.storeUrl, postId) != null);
        KafkaGroups.awaitProcessed(KafkaGroups.STORE, Topics.POSTS_DEDUPLICATED, WAIT);
        JsonNode stored = Api.post(pipeline.storeUrl, postId);
        assertThat(Api.texts(stored.get("paragraphs"))).containsExactly("Harbour works resume at dawn",
                "The dredgers return to the inner basin after the winter storms.");
        String rows = StoreSnapshot.of(pipeline.jdbcUrl, "p.post_id = '" + postId + "'");

        JsonNode second = replay(pipeline, letter);
        assertThat(second.get("replayedOffset").asLong()).isGreaterThan(first.get("replayedOffset").asLong());
        KafkaGroups.awaitProcessed(KafkaGroups.STORE, Topics.POSTS_DEDUPLICATED, WAIT);
        assertThat(Api.post(pipeline.storeUrl, postId)).isEqualTo(stored);
        assertThat(StoreSnapshot.of(pipeline.jdbcUrl, "p.post_id = '" + postId + "'")).isEqualTo(rows);
        assertThat(Api.listAll(pipeline.storeUrl, source)).extracting(p -> p.get("postId").asText())
                .containsExactly(postId);
        // neither replay was dead-lettered again: the post's only dead letter is the first
        assertThat(storeDeadLetters(pipeline)).filteredOn(d -> postId.equals(d.get("key").asText()))
                .extracting(d -> d.get("offset").asLong()).containsExactly(letter.offset());
    }

    /** Replays one dead letter through the API; its outcome, which must be {@code replayed} to posts.deduplicated. */
    private static JsonNode replay(Pipeline pipeline, ConsumerRecord<String, byte[]> letter) throws Exception {
        Api.Response answer = Api.send(Api.withToken(URI.create(pipeline.ingestUrl + "/api/dead-letters/replay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"records\": [{\"partition\": " + letter.partition()
                        + ", \"offset\": " + letter.offset() + "}]}")).build());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("replayed").asInt()).isEqualTo(1);
        JsonNode outcome = answer.json().get("records").get(0);
        assertThat(outcome.get("status").asText()).isEqualTo("replayed");
        assertThat(outcome.get("topic").asText()).isEqualTo(Topics.POSTS_DEDUPLICATED);
        return outcome;
    }

    /** The listed dead letter at this position, following {@code next} through the store's dead letters. */
    private static JsonNode find(Pipeline pipeline, int partition, long offset) throws Exception {
        return storeDeadLetters(pipeline).stream()
                .filter(d -> d.get("partition").asInt() == partition && d.get("offset").asLong() == offset)
                .findFirst().orElseThrow(() -> new AssertionError("dead letter " + partition + ":" + offset
                        + " not listed"));
    }

    /** Every dead letter of stage {@code store}, page after page. */
    private static List<JsonNode> storeDeadLetters(Pipeline pipeline) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        do {
            String url = pipeline.ingestUrl + "/api/dead-letters?stage=store&limit=5"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            Api.Response page = Api.send(Api.withToken(URI.create(url)).GET().build());
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(items::add);
            after = page.json().get("next").isNull() ? null : page.json().get("next").asText();
        } while (after != null);
        return items;
    }

    private static void sql(Pipeline pipeline, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(pipeline.jdbcUrl, TestPostgres.username(),
                TestPostgres.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
