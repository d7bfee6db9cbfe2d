package newsfeed.store.db;

import java.sql.SQLException;

/**
 * A failed database write; {@link #isRecordsFault()} tells a record the database refuses from a database (or store)
 * that cannot take writes now.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, SQLException cause) {
        super(message, cause);
    }

    /** The SQLSTATE of the failure, null if the driver gave none. */
    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    /**
     * Whether the record itself is what the database refuses, so that writing it again can never succeed: SQLSTATE
     * class 22 (data exception: a NUL in text, a value out of range), 23 (integrity constraint violation) and 54
     * (program limit exceeded: a row or index entry too large), per Appendix A of the PostgreSQL manual. Everything
     * else (no connection 08, shutdown 57, resources 53, serialization 40, a read-only standby 25006, a changed
     * password 28P01, a revoked permission 42501, a missing table 42P01, no SQLSTATE at all) is the database's or
     * the deployment's, and passes: the write is retried, never dead-lettered.
     */
    public boolean isRecordsFault() {
        String state = sqlState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }
}
