package newsfeed.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How PostgreSQL plans the store's reads inside a write transaction: afresh for each execution, with its parameters
 * and the tables' current size ({@code plan_cache_mode}, PostgreSQL 12+), and through the tables' indexes
 * ({@code enable_seqscan} off).
 *
 * <p>Why planned afresh: pgjdbc prepares a statement on the server from its fifth execution, and PostgreSQL may then
 * keep one generic plan for it. On a store that starts empty, the reads by {@code post_id = ANY (?)} and the story
 * index's link lookups were planned while the tables held a few hundred rows, as sequential scans, and kept that plan
 * while the tables grew: under {@code bench.sh} (pg_stat_statements) the links read took 61 ms per call instead of
 * 1.2 ms, half of PostgreSQL's time, and PostgreSQL's CPU per post read 2.2–2.4 ms; planned per execution, 1.3–1.6
 * ms. A custom plan costs a planning per execution (under a millisecond for these reads, a few per batch of posts);
 * the batched inserts keep the plan cache, where planning would be paid per row.
 *
 * <p>Why by index: every read of the write path looks rows up by keys that an index leads with (post and story ids,
 * a kept paragraph's id and position), tens to hundreds of keys among tables that grow by ten paragraphs a post, so a
 * sequential scan is never the cheaper plan for them. The planner chose one anyway while a table had no statistics:
 * on a new database until autovacuum's first {@code ANALYZE}, a minute or more after the first writes, it takes each
 * key to match half a percent of the rows ({@code DEFAULT_EQ_SEL}), so a hundred keys half the table. Under
 * {@code bench.sh}, whose throughput run falls in that first minute (pg_stat_statements), the links read took 12 ms
 * per call instead of 2, and PostgreSQL's CPU per post read 0.74–0.85 ms instead of 0.55–0.60.
 * {@code enable_seqscan} off leaves the planner every index path (index, index-only and bitmap scans) and a sequential
 * scan only where no index serves, which no read of the write path needs ({@code WritesWithoutStatisticsTest}).
 *
 * <p>{@code SET LOCAL}: the settings end with the transaction, so a pooled connection goes back as it came.
 */
final class QueryPlans {

    private QueryPlans() {
    }

    /**
     * From here to {@link #cached} or the end of the transaction: each statement planned for its parameters, by
     * index.
     */
    static void custom(Connection connection) throws SQLException {
        set(connection, "force_custom_plan", "off");
    }

    /**
     * The session's settings again (PostgreSQL's defaults unless the server or role sets them): prepared statements may
     * keep a generic plan, and any scan may be chosen.
     */
    static void cached(Connection connection) throws SQLException {
        set(connection, "DEFAULT", "DEFAULT");
    }

    private static void set(Connection connection, String planCacheMode, String seqScan) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode TO " + planCacheMode + "; SET LOCAL enable_seqscan TO "
                    + seqScan);
        }
    }
}
