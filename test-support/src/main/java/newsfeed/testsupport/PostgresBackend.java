package newsfeed.testsupport;

/** A running PostgreSQL server owned by this JVM (or an external one, where {@link #close()} does nothing). */
interface PostgresBackend extends AutoCloseable {

    /** JDBC URL of an existing database the user may connect to and run {@code CREATE DATABASE} from. */
    String jdbcUrl();

    String username();

    String password();

    /** Human-readable kind and location, for logs and errors. */
    String description();
}
