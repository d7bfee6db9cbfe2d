package newsfeed.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import newsfeed.testsupport.TestPostgres;

/** Everything store-service has written, every column of every row, as one string to compare. */
final class StoreSnapshot {

    private StoreSnapshot() {
    }

    /** @param where an SQL condition on the {@code post} table alias {@code p}, e.g. {@code p.source = 'seed'} */
    static String of(String jdbcUrl, String where) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, TestPostgres.username(),
                TestPostgres.password()); Statement statement = connection.createStatement()) {
            return rows(statement, "SELECT p.* FROM post p WHERE " + where + " ORDER BY p.post_id")
                    + rows(statement, "SELECT g.* FROM paragraph g JOIN post p USING (post_id) WHERE " + where
                            + " ORDER BY g.post_id, g.position");
        }
    }

    private static String rows(Statement statement, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    out.append(meta.getColumnName(c)).append('=').append(rs.getString(c)).append(' ');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
