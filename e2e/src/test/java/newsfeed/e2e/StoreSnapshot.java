package newsfeed.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import newsfeed.testsupport.TestPostgres;

/** Everything store-service has written, every column of every row, as one string to compare. */
final class StoreSnapshot {

    /**
     * The columns of {@code post} that differ between two runs of the same input however right both are: when it was
     * received, stored and revised; the change-event id (a sequence, in storing order); the revision epoch; and
     * {@code revision}, which counts the versions a post was stored in, and so depends on the order posts reached
     * the judge (a late older post revises the newer one), which no deployment fixes. Which paragraphs are kept or
     * removed, why, and as a copy of what, does not depend on it. And {@code decision_sha256}, the digest of the
     * decision's content, which holds the publication time of an undated post, its receipt time; every column it
     * digests is compared on its own.
     */
    static final Set<String> RUN_DEPENDENT = Set.of("received_at", "stored_at", "revised_at", "event_id",
            "revision_epoch", "revision", "decision_sha256");

    private StoreSnapshot() {
    }

    /** @param where an SQL condition on the {@code post} table alias {@code p}, e.g. {@code p.source = 'seed'} */
    static String of(String jdbcUrl, String where) throws SQLException {
        return of(jdbcUrl, TestPostgres.username(), TestPostgres.password(), where, Set.of());
    }

    /**
     * Like {@link #of(String, String)} on any database, without the columns {@code ignored}; a {@code published_at}
     * that fell back to the receipt time ({@code published_at_fallback}) shows as {@code fallback}.
     */
    static String of(String jdbcUrl, String user, String password, String where, Set<String> ignored)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            return rows(statement, "SELECT p.* FROM post p WHERE " + where + " ORDER BY p.post_id", ignored)
                    + rows(statement, "SELECT g.* FROM paragraph g JOIN post p USING (post_id) WHERE " + where
                            + " ORDER BY g.post_id, g.position", ignored);
        }
    }

    private static String rows(Statement statement, String sql, Set<String> ignored) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    String column = meta.getColumnName(c);
                    if (ignored.contains(column)) {
                        continue;
                    }
                    String value = rs.getString(c);
                    if (!ignored.isEmpty() && column.equals("published_at") && rs.getBoolean("published_at_fallback")) {
                        value = "fallback";
                    }
                    out.append(column).append('=').append(value).append(' ');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
