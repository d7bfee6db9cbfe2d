package newsfeed.store.db;

import static newsfeed.store.TestDecisions.copying;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * A store on a new database writes for a minute or more before autovacuum's first {@code ANALYZE} gives its tables
 * statistics. Planned without them, PostgreSQL takes each key of {@code post_id = ANY (?)} to match half a percent of
 * the table, and the reads of the write path (stored versions, the story index's links and members, the story rows)
 * became sequential scans of tables that grow by ten paragraphs a post: under {@code bench.sh}, whose throughput run
 * falls in that first minute, the links read took 12 ms per call instead of 2. The tables here hold 3,000 posts and
 * no statistics (autovacuum off for them, in this test's own database), and a write of 100 posts, copies of earlier
 * ones and revisions among them, must read them by index only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(WritesWithoutStatisticsTest.NewDatabase.class)
class WritesWithoutStatisticsTest {

    /** A profile of its own: its own application, so a database of its own that no other test has written. */
    public static class NewDatabase implements QuarkusTestProfile {
    }

    private static final Instant START = Instant.parse("2025-05-01T00:00:00Z");
    private static final List<String> TABLES = List.of("post", "paragraph", "story");

    @Inject
    PostRepository repository;

    @Inject
    DataSource dataSource;

    @Test
    void aWriteReadsTheTablesByIndexWhileTheyHaveNoStatistics() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
            }
        }
        List<DeduplicatedPost> earlier = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            earlier.add(post(i));
            if (earlier.size() == 200) {
                repository.upsertAll(earlier);
                earlier.clear();
            }
        }
        assertThat(query("SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename IN ('post',"
                + " 'paragraph', 'story')")).as("statistics").isZero();
        assertThat(query("SELECT count(*) FROM paragraph")).isEqualTo(300 * 2 + 2_700 * 3);

        List<DeduplicatedPost> batch = new ArrayList<>();
        for (int i = 3_000; i < 3_090; i++) {
            batch.add(post(i));
        }
        for (int i = 2_900; i < 2_910; i++) {
            // revisions: their stored links are read, their paragraphs replaced, their stories recomputed; each now
            // copies a paragraph of the story before, so the two stories become one
            batch.add(copying(id(i), START.plusSeconds(i), 2, id(i - 7) + "#0"));
        }
        long[] counted = QuarkusTransaction.requiringNew().call(() -> {
            // the same connection as the write's (one per transaction); its counts not yet reported to the statistics
            // collector, which may include those of earlier transactions: read before and after
            long[] before = {sequentialScans(), insertedParagraphs()};
            List<PostRepository.Outcome> outcomes = repository.upsertAll(batch);
            assertThat(outcomes).filteredOn(o -> o == PostRepository.Outcome.INSERTED).hasSize(90);
            assertThat(outcomes).filteredOn(o -> o == PostRepository.Outcome.REVISED).hasSize(10);
            return new long[] {sequentialScans() - before[0], insertedParagraphs() - before[1]};
        });

        // the counts are the write's: they hold its paragraph rows (81 posts of 3, 9 of 2, 10 revisions of 3)
        assertThat(counted[1]).as("paragraph rows the write inserted, as counted").isEqualTo(81 * 3 + 9 * 2 + 10 * 3);
        assertThat(counted[0]).as("sequential scans of post, paragraph and story in the write").isZero();
        assertThat(storyOf(3_009)).isEqualTo(id(3_000));
        assertThat(storyOf(2_909)).isEqualTo(id(2_890));
        assertThat(query("SELECT post_count FROM story WHERE story_id = '" + id(2_890) + "'")).isEqualTo(20);
    }

    /**
     * Post i: two paragraphs of its own and, unless i is a multiple of 10, a copy of the first paragraph of post i - 1:
     * stories of ten posts.
     */
    private static DeduplicatedPost post(int i) {
        return i % 10 == 0 ? copying(id(i), START.plusSeconds(i), 1)
                : copying(id(i), START.plusSeconds(i), 1, id(i - 1) + "#0");
    }

    private long sequentialScans() throws SQLException {
        return query("SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_xact_user_tables WHERE relname IN ('post',"
                + " 'paragraph', 'story')");
    }

    private long insertedParagraphs() throws SQLException {
        return query("SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_xact_user_tables WHERE relname = 'paragraph'");
    }

    private String storyOf(int i) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT story_id FROM post WHERE post_id = '" + id(i) + "'")) {
            assertThat(rs.next()).as("post " + id(i) + " stored").isTrue();
            return rs.getString(1);
        }
    }

    private static String id(int i) {
        return "fresh:" + i;
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
