package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import newsfeed.contracts.Json;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * Dates a client chooses (issue 10), through the running services: a {@code publishedAt} in year 9999 is stored as
 * its receipt time, flagged, and leaves what dedup remembers intact; an edit of a post whose dedup state has expired
 * is stored although dedup counts its revisions from 1 again.
 */
class DatesPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aPostDatedInYear9999IsStoredAtItsReceiptTimeFlaggedAndDedupStillRemembersEarlierPosts() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String run = run();
        String source = "dates-far-" + run;
        String shared = "The ferry company of run " + run + " confirmed that the winter timetable keeps two daily "
                + "crossings to the outer islands until March.";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(Api.postJson(pipeline.ingestUrl, array(
                post(source, "earlier", now.minus(Duration.ofHours(2)), "Ferry timetable\n\n" + shared),
                post(source, "far", Instant.parse("9999-12-31T23:59:59Z"),
                        "From the far future\n\nA post whose client says it was published in the year 9999."))
        ).status()).isEqualTo(202);

        JsonNode far = awaitPost(pipeline, source + ":far", p -> true);
        assertThat(far.get("publishedAt").asText()).isEqualTo(far.get("receivedAt").asText());
        assertThat(Instant.parse(far.get("publishedAt").asText())).isBetween(now.minusSeconds(5), Instant.now());
        assertThat(far.get("publishedAtClamped").asBoolean()).isTrue();
        assertThat(far.get("publishedAtFallback").asBoolean()).isFalse();
        awaitPost(pipeline, source + ":earlier", p -> true);
        // a few expiry runs of the dedup stages (every 2 s here) after the far-future post
        Thread.sleep(6_000);

        assertThat(Api.postJson(pipeline.ingestUrl, array(
                post(source, "repost", now, "Ferry timetable again\n\n" + shared))).status()).isEqualTo(202);

        JsonNode repost = awaitPost(pipeline, source + ":repost", p -> true);
        assertThat(repost.get("removed")).singleElement().satisfies(removed -> {
            assertThat(removed.get("text").asText()).isEqualTo(shared);
            assertThat(removed.get("reason").asText()).isEqualTo("PUBLISHED_BEFORE");
            assertThat(removed.get("duplicateOf").asText()).isEqualTo(source + ":earlier");
        });
    }

    /**
     * A post published in 2010, older than the pipeline's retention (ten years) behind a post published now on the
     * same partition, is still remembered after dedup's expiry runs, as it was received now: a post is kept for the
     * retention after its receipt too ({@code Watermark.memoryTime}). Before, it was forgotten at the next run, so that
     * a trial's later export of a July 2024 channel dump undid the removals stored. Its edit is its next revision, and
     * the companion's copy of its paragraph stays removed. (A post forgotten, then edited, starts a new revision epoch:
     * dedup-service's {@code RevisionEpochTest} and the store's consumer tests.)
     */
    @Test
    void anArchivedPostIsRememberedAfterExpiryRunsAndItsEditIsItsNextRevision() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String run = run();
        String source = "dates-edit-" + run;
        String postId = source + ":old";
        String shared = "The harbour board of run " + run + " approved the dredging of the inner basin after "
                + "three years of delays and a public consultation.";
        Instant published = Instant.parse("2010-06-01T09:00:00Z");
        // The companion shares the old post's paragraph, so the judge partitions of that paragraph see a post of
        // today, and its postId lands on the old post's partition, so the intake and assembler tasks of the old post
        // see it too: their watermarks then put 2010 past the retention.
        String companion = samePartition(postId, source);
        assertThat(Api.postJson(pipeline.ingestUrl, array(
                post(source, "old", published, "Dredging approved\n\n" + shared + "\n\nWork starts in May."),
                post(source, companion.substring(source.length() + 1), Instant.now(),
                        "Dredging news\n\n" + shared))).status()).isEqualTo(202);
        JsonNode first = awaitPost(pipeline, postId, p -> true);
        assertThat(Api.texts(first.get("paragraphs"))).containsExactly("Dredging approved", shared,
                "Work starts in May.");
        awaitPost(pipeline, companion, p -> p.get("removed").size() == 1);

        // three expiry runs of the dedup stages (every 2 s here): the old post is still the first publisher
        Thread.sleep(6_000);
        assertThat(firstPublisher(pipeline, shared)).isEqualTo(postId);

        assertThat(Api.postJson(pipeline.ingestUrl, array(
                post(source, "old", published, "Dredging approved\n\n" + shared + "\n\nWork starts in June.")))
                .status()).isEqualTo(202);

        JsonNode edited = awaitPost(pipeline, postId,
                p -> Api.texts(p.get("paragraphs")).contains("Work starts in June."));
        assertThat(Api.texts(edited.get("paragraphs"))).containsExactly("Dredging approved", shared,
                "Work starts in June.");
        assertThat(edited.get("revision").asInt()).as("dedup remembers the post: its edit is its next revision")
                .isEqualTo(2);
        assertThat(edited.get("eventId").asLong()).isGreaterThan(first.get("eventId").asLong());
        assertThat(Api.post(pipeline.storeUrl, companion).get("removed")).singleElement()
                .satisfies(removed -> assertThat(removed.get("duplicateOf").asText()).isEqualTo(postId));
    }

    private interface Check {
        boolean test(JsonNode post);
    }

    private static JsonNode awaitPost(Pipeline pipeline, String postId, Check check) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            found[0] = Api.post(pipeline.storeUrl, postId);
            return found[0] != null && check.test(found[0]);
        });
        return found[0];
    }

    /** The postId dedup says first published {@code text}, or null. */
    private static String firstPublisher(Pipeline pipeline, String text) throws Exception {
        JsonNode answer = Api.get(pipeline.dedupUrl + "/api/fingerprints?text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8)).json();
        JsonNode first = answer.get("firstPublished");
        return first == null || first.isNull() ? null : first.get("postId").asText();
    }

    /** A postId of {@code source} on the same partition of the pipeline's topics as {@code postId}. */
    private static String samePartition(String postId, String source) throws Exception {
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            partitions = admin.describeTopics(List.of(Topics.POSTS_NORMALIZED)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.POSTS_NORMALIZED).partitions().size();
        }
        int wanted = partition(postId, partitions);
        for (int i = 0; ; i++) {
            String candidate = source + ":companion-" + i;
            if (partition(candidate, partitions) == wanted) {
                return candidate;
            }
        }
    }

    /** The partition Kafka's default partitioner gives a String key (the producer's own function). */
    private static int partition(String key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    private static ObjectNode post(String source, String externalId, Instant publishedAt, String body) {
        ObjectNode post = Json.mapper().createObjectNode();
        post.put("source", source).put("externalId", externalId).put("publishedAt", publishedAt.toString())
                .put("body", body);
        return post;
    }

    private static String array(ObjectNode... posts) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (ObjectNode post : posts) {
            array.add(post);
        }
        return array.toString();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
