package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import newsfeed.testsupport.SharedSeed;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real channel dump through the three running services, real Kafka and real PostgreSQL (issue 2, acceptance 2
 * and 4). The expected posts come from the seed's own lines: each post starts at a known headline line, and its
 * kept paragraphs must be exactly its distinct lines in order, without link texts, forwarded headers and elision
 * markers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedPipelineIT {

    private static final String SOURCE = "seed";
    /** 1-based line of each post's first line in the seed: its headline, or its {@code Forwarded from} line. */
    private static final int[] POST_STARTS = {1, 6, 29, 40, 45, 50, 75, 90, 107, 120, 142};
    private static final Pattern LINK_TEXT = Pattern.compile("^(📄 )?Read in full$");
    private static final Pattern ELISION = Pattern.compile("^<(…|\\.\\.\\.)>$");

    private static Pipeline pipeline;
    private static List<String> lines;
    private static List<String> postIds;

    @BeforeAll
    static void importSeed() throws Exception {
        Path seed = SharedSeed.path();
        assumeTrue(seed != null, SharedSeed.MISSING);
        lines = Files.readAllLines(seed, StandardCharsets.UTF_8);
        pipeline = Pipeline.shared();

        Api.Response response = Api.importText(pipeline.ingestUrl, SOURCE, seed);

        assertThat(response.status()).as("import answer %s", response.json()).isEqualTo(202);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(11);
        postIds = new ArrayList<>();
        response.json().get("postIds").forEach(id -> postIds.add(id.asText()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> Api.listAll(pipeline.storeUrl, SOURCE).size() == 11);
    }

    @Test
    @Order(1)
    void storesElevenPostsEachKeepingItsDistinctLinesInOrder() throws Exception {
        assertThat(Api.listAll(pipeline.storeUrl, SOURCE)).hasSize(11);
        for (int i = 0; i < POST_STARTS.length; i++) {
            List<String> postLines = lines.subList(POST_STARTS[i] - 1,
                    i + 1 < POST_STARTS.length ? POST_STARTS[i + 1] - 1 : lines.size());
            JsonNode post = Api.post(pipeline.storeUrl, postIds.get(i));
            String label = "post " + (i + 1) + " " + postIds.get(i);

            List<String> kept = new ArrayList<>();
            int keptElisions = 0;
            for (JsonNode paragraph : post.get("paragraphs")) {
                if (paragraph.get("kind").asText().equals("elision")) {
                    keptElisions++;
                } else {
                    kept.add(paragraph.get("text").asText());
                }
            }
            assertThat(kept).as(label).containsExactlyElementsOf(distinctContentLines(postLines));
            assertThat(keptElisions).as(label + " elision markers")
                    .isEqualTo(postLines.stream().filter(l -> ELISION.matcher(l).matches()).count() / 2);
            assertThat(kept).as(label).noneMatch(text -> text.contains("Read in full"));
            // the title is the first paragraph, cut to 300 characters with an ellipsis when longer (ingest Titles)
            String title = post.get("title").asText();
            if (kept.get(0).length() <= 300) {
                assertThat(title).as(label).isEqualTo(kept.get(0));
            } else {
                assertThat(title).as(label).hasSizeLessThanOrEqualTo(300).endsWith("…");
                assertThat(kept.get(0)).as(label).startsWith(title.substring(0, title.length() - 1).strip());
            }
            for (JsonNode removed : post.get("removed")) {
                assertThat(removed.get("reason").asText()).as(label).isEqualTo("REPEATED_IN_POST");
                assertThat(removed.get("duplicateOf").asText()).as(label).isEqualTo(postIds.get(i));
            }
            assertThat(post.get("paragraphs").size() + post.get("removed").size()).as(label)
                    .isEqualTo(postLines.stream().filter(l -> !l.isBlank() && !LINK_TEXT.matcher(l).matches()
                            && !l.startsWith("Forwarded from ")).count());
        }
    }

    @Test
    @Order(2)
    void postsSharingADatelineBothKeepItAndForwardedPostsNameTheirChannel() throws Exception {
        for (int i : new int[] {3, 4}) {
            JsonNode post = Api.post(pipeline.storeUrl, postIds.get(i));
            assertThat(Api.texts(post.get("paragraphs"))).contains("📍 Vientiane, July 26, 2024");
            assertThat(post.get("dateline").get("place").asText()).isEqualTo("Vientiane");
            assertThat(post.get("dateline").get("date").asText()).isEqualTo("2024-07-26");
        }
        for (int i = 0; i < postIds.size(); i++) {
            JsonNode forwardedFrom = Api.post(pipeline.storeUrl, postIds.get(i)).get("forwardedFrom");
            if (i >= 9) {
                assertThat(forwardedFrom.asText()).isEqualTo("Russian MFA 🇷🇺");
            } else {
                assertThat(forwardedFrom.isNull()).as("post %d", i + 1).isTrue();
            }
        }
    }

    /**
     * Issue 12, acceptance 5: the post whose headline ends {@code (Vientiane, July 25, 2024)} and has no dateline is
     * dated that day (not with the import time), flagged derived; and posts dated by the same day are "earlier" in the
     * dump's order, not in the order of their content-hash ids.
     */
    @Test
    @Order(3)
    void aDateClosingTheHeadlineDatesThePostAndPostsOfOneDayKeepTheDumpsOrder() throws Exception {
        JsonNode headlineDated = Api.post(pipeline.storeUrl, postIds.get(2));
        assertThat(headlineDated.get("title").asText()).endsWith("(Vientiane, July 25, 2024)");
        assertThat(headlineDated.get("dateline").isNull()).isTrue();
        assertThat(Instant.parse(headlineDated.get("publishedAt").asText()))
                .isBetween(Instant.parse("2024-07-25T00:00:00Z"), Instant.parse("2024-07-25T00:00:01Z"));
        assertThat(headlineDated.get("publishedAtDerived").asBoolean()).isTrue();
        assertThat(headlineDated.get("publishedAtFallback").asBoolean()).isFalse();

        List<JsonNode> posts = new ArrayList<>();
        for (String postId : postIds) {
            posts.add(Api.post(pipeline.storeUrl, postId));
        }
        int sameDayPairs = 0;
        for (int i = 0; i < posts.size(); i++) {
            for (int j = i + 1; j < posts.size(); j++) {
                Instant a = Instant.parse(posts.get(i).get("publishedAt").asText());
                Instant b = Instant.parse(posts.get(j).get("publishedAt").asText());
                if (posts.get(i).get("publishedAtDerived").asBoolean() && posts.get(j).get("publishedAtDerived")
                        .asBoolean() && a.truncatedTo(ChronoUnit.DAYS).equals(b.truncatedTo(ChronoUnit.DAYS))) {
                    sameDayPairs++;
                    assertThat(a).as("post %d before post %d of the same day", i + 1, j + 1).isBefore(b);
                }
            }
        }
        assertThat(sameDayPairs).as("the seed has several posts of July 26 and of July 28").isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(4)
    void importingTheSameDumpAgainStoresNothingNew() throws Exception {
        String before = StoreSnapshot.of(pipeline.jdbcUrl, "p.source = '" + SOURCE + "'");
        Map<TopicPartition, Long> from = StoreProgress.endOffsets();

        Api.Response again = Api.importText(pipeline.ingestUrl, SOURCE, SharedSeed.path());

        assertThat(again.status()).isEqualTo(202);
        List<String> againIds = new ArrayList<>();
        again.json().get("postIds").forEach(id -> againIds.add(id.asText()));
        assertThat(againIds).isEqualTo(postIds);
        StoreProgress.awaitStored(from, new HashSet<>(postIds), Duration.ofSeconds(120));
        assertThat(StoreSnapshot.of(pipeline.jdbcUrl, "p.source = '" + SOURCE + "'")).isEqualTo(before);
        assertThat(Api.listAll(pipeline.storeUrl, SOURCE)).hasSize(11);
    }

    /** Distinct lines in order, without link texts, forwarded headers and elision markers. */
    private static List<String> distinctContentLines(List<String> postLines) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String line : postLines) {
            if (!line.isBlank() && !LINK_TEXT.matcher(line).matches() && !ELISION.matcher(line).matches()
                    && !line.startsWith("Forwarded from ")) {
                distinct.add(line);
            }
        }
        return List.copyOf(distinct);
    }
}
