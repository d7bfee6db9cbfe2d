package newsfeed.store.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** A failed database write; {@link #isTransient()} tells a database outage from a record the database refuses. */
public class StoreException extends RuntimeException {

    public StoreException(String message, SQLException cause) {
        super(message, cause);
    }

    /**
     * Whether retrying may succeed: connection failures (SQLState class 08), operator intervention and shutdown
     * (57), insufficient resources (53), serialization failures and deadlocks (40), and JDBC's transient and
     * recoverable exceptions (PostgreSQL SQLSTATE codes, Appendix A of the PostgreSQL manual).
     */
    public boolean isTransient() {
        SQLException sql = (SQLException) getCause();
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                || state.startsWith("40");
    }
}
