package newsfeed.store.db;

import static newsfeed.store.TestDecisions.copying;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.story.StoryClusters;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * The stored stories do not depend on arrival order (issue 12): one set of decisions, superseded revisions
 * included, written in shuffled orders, as one partition or three (each partition's records in order, their batches
 * interleaved) in batches of random size, ends with the stories {@link StoryClusters} gives for the final decisions,
 * in {@code post.story_id} and in the {@code story} table.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class StoryIndexOrderTest {

    private static final int SHUFFLES = 4;

    @Inject
    PostRepository repository;

    @Inject
    StoryIndex stories;

    @Inject
    DataSource dataSource;

    /**
     * The decisions of one run, ids under {@code prefix}: three chains of copies (one to a post published later, as
     * a truncated preview's kept copy can be), a kept paragraph copied by more posts than max-copies, a post whose
     * first revision links two stories and whose second does not, and a post copying one never stored.
     */
    private static List<DeduplicatedPost> decisions(String prefix) {
        Instant t = Instant.parse("2025-05-01T00:00:00Z");
        List<DeduplicatedPost> all = new ArrayList<>();
        for (String chain : List.of("x", "y", "z")) {
            String s = prefix + chain;
            all.add(copying(s + ":1", t.plusSeconds(10), 1));
            all.add(copying(s + ":2", t.plusSeconds(20), 1, s + ":1#0"));
            all.add(copying(s + ":3", t.plusSeconds(30), 1, s + ":2#1", s + ":4#0"));
            all.add(copying(s + ":4", t.plusSeconds(40), 1));
        }
        // the footer of x:1 copied by five posts of w (max-copies is 3 in tests)
        for (int i = 1; i <= 5; i++) {
            all.add(copying(prefix + "w:" + i, t.plusSeconds(50 + i), 1, prefix + "x:1#1"));
        }
        // joins x and y in revision 1, only y in revision 2; equal times: "u:10" < "u:9" in code points
        all.add(copying(prefix + "u:9", t.plusSeconds(5), 1, prefix + "x:2#0", prefix + "y:2#0"));
        all.add(copying(prefix + "u:9", t.plusSeconds(5), 2, prefix + "y:2#0"));
        all.add(copying(prefix + "u:10", t.plusSeconds(5), 1, prefix + "u:9#0"));
        all.add(copying(prefix + "v:1", t.plusSeconds(60), 1, prefix + "never:1#0"));
        return all;
    }

    /** Each post's final (highest) revision. */
    private static List<DeduplicatedPost> finals(List<DeduplicatedPost> decisions) {
        Map<String, DeduplicatedPost> last = new HashMap<>();
        decisions.forEach(d -> last.merge(d.postId(), d, (a, b) -> b.revision() > a.revision() ? b : a));
        return List.copyOf(last.values());
    }

    @Test
    void theStoredStoriesAreTheRuleAppliedToTheFinalDecisionsWhateverTheArrivalOrder() throws SQLException {
        Map<String, String> reference = null;
        for (int partitions : new int[] {1, 3}) {
            for (int seed = 1; seed <= SHUFFLES; seed++) {
                String prefix = "so" + UUID.randomUUID().toString().substring(0, 6);
                List<DeduplicatedPost> decisions = decisions(prefix);
                Random random = new Random(seed * 31L + partitions);
                write(decisions, partitions, random);

                Map<String, String> expected = unprefixed(prefix, StoryClusters.storyIds(finals(decisions),
                        stories.maxCopies()));
                Map<String, String> stored = unprefixed(prefix, storedStories(prefix));
                assertThat(stored).as("%d partitions, shuffle %d", partitions, seed).isEqualTo(expected);
                assertThat(storyRows(prefix)).as("story table, %d partitions, shuffle %d", partitions, seed)
                        .isEqualTo(counts(stored));
                if (reference == null) {
                    reference = stored;
                    // the groups the decisions were built to make, so the rule is not only compared with itself
                    assertThat(stored).containsEntry("x:3", "x:1").containsEntry("x:4", "x:1")
                            .containsEntry("w:1", "w:1").containsEntry("y:1", "u:10").containsEntry("u:9", "u:10")
                            .containsEntry("x:2", "x:1").containsEntry("v:1", "v:1");
                } else {
                    assertThat(stored).isEqualTo(reference);
                }
            }
        }
    }

    /**
     * Writes the decisions shuffled, each post's revisions in the order of their partition (postId's hash), in
     * batches of 1–7 records taken from the partitions in turn.
     */
    private void write(List<DeduplicatedPost> decisions, int partitions, Random random) {
        List<DeduplicatedPost> order = new ArrayList<>(decisions);
        Collections.shuffle(order, random);
        List<List<DeduplicatedPost>> queues = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            queues.add(new ArrayList<>());
        }
        // the producer sends a post's revisions in order: among a post's records, revision 1 comes first
        Map<String, List<DeduplicatedPost>> byPost = new HashMap<>();
        order.forEach(d -> byPost.computeIfAbsent(d.postId(), k -> new ArrayList<>()).add(d));
        byPost.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.revision(), b.revision())));
        Map<String, Integer> taken = new HashMap<>();
        for (DeduplicatedPost d : order) {
            int n = taken.merge(d.postId(), 1, Integer::sum);
            queues.get(Math.floorMod(d.postId().hashCode(), partitions)).add(byPost.get(d.postId()).get(n - 1));
        }
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            for (List<DeduplicatedPost> queue : queues) {
                int size = Math.min(queue.size(), 1 + random.nextInt(7));
                if (size > 0) {
                    repository.upsertAll(new ArrayList<>(queue.subList(0, size)));
                    queue.subList(0, size).clear();
                }
            }
        }
    }

    private static Map<String, String> unprefixed(String prefix, Map<String, String> stories) {
        Map<String, String> out = new TreeMap<>();
        stories.forEach((k, v) -> out.put(k.substring(prefix.length()), v.substring(prefix.length())));
        return out;
    }

    private static Map<String, Integer> counts(Map<String, String> stories) {
        Map<String, Integer> counts = new TreeMap<>();
        stories.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private Map<String, String> storedStories(String prefix) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT post_id, story_id FROM post WHERE post_id LIKE ?")) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return stored;
    }

    private Map<String, Integer> storyRows(String prefix) throws SQLException {
        Map<String, Integer> rows = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT story_id, post_count FROM story WHERE story_id LIKE ?")) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1).substring(prefix.length()), rs.getInt(2));
                }
            }
        }
        return rows;
    }
}
