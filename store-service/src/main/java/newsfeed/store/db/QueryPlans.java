package newsfeed.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How PostgreSQL plans the store's reads inside a write transaction: afresh for each execution, with its parameters
 * and the tables' current size ({@code plan_cache_mode}, PostgreSQL 12+).
 *
 * <p>Why: pgjdbc prepares a statement on the server from its fifth execution, and PostgreSQL may then keep one
 * generic plan for it. On a store that starts empty, the reads by {@code post_id = ANY (?)} and the story index's
 * link lookups were planned while the tables held a few hundred rows, as sequential scans, and kept that plan while
 * the tables grew: under {@code bench.sh} (pg_stat_statements) the links read took 61 ms per call instead of 1.2 ms,
 * half of PostgreSQL's time, and PostgreSQL's CPU per post read 2.2–2.4 ms; planned per execution, 1.3–1.6 ms. A custom plan costs a
 * planning per execution (under a millisecond for these reads, a few per batch of posts); the batched inserts keep
 * the plan cache, where planning would be paid per row.
 *
 * <p>{@code SET LOCAL}: the setting ends with the transaction, so a pooled connection goes back as it came.
 */
final class QueryPlans {

    private QueryPlans() {
    }

    /** From here to {@link #cached} or the end of the transaction: each statement planned for its parameters. */
    static void custom(Connection connection) throws SQLException {
        set(connection, "force_custom_plan");
    }

    /** PostgreSQL's default again: prepared statements may keep a generic plan. */
    static void cached(Connection connection) throws SQLException {
        set(connection, "auto");
    }

    private static void set(Connection connection, String mode) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = " + mode);
        }
    }
}
