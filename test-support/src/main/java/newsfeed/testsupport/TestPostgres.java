package newsfeed.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real PostgreSQL server per JVM for tests, started lazily on first use and stopped by a shutdown hook.
 *
 * <p>Backend, first that applies:
 * <ol>
 *   <li>env {@value #JDBC_URL_ENV} is set (with {@value #USER_ENV} and {@value #PASSWORD_ENV}): that external
 *       server is used, nothing is started; the user needs the {@code CREATEDB} privilege;</li>
 *   <li>a Docker engine is reachable: Testcontainers {@code postgres:16-alpine};</li>
 *   <li>otherwise: zonky embedded PostgreSQL 14 as a child process, files under {@code target/}.</li>
 * </ol>
 * Tests should not share the server's own database: call {@link #createDatabase(String)} for a clean one.
 * The server is shared by every class loader of the JVM (also across Quarkus test applications). A failed start
 * is remembered: later calls in the same JVM fail at once with the same cause.
 */
public final class TestPostgres {

    /** Env var with the JDBC URL of an external server, e.g. {@code jdbc:postgresql://localhost:5432/postgres}. */
    public static final String JDBC_URL_ENV = "NEWSFEED_TEST_JDBC_URL";
    /** Env var with the user for {@link #JDBC_URL_ENV}; default {@code postgres}. */
    public static final String USER_ENV = "NEWSFEED_TEST_JDBC_USER";
    /** Env var with the password for {@link #JDBC_URL_ENV}; default empty. */
    public static final String PASSWORD_ENV = "NEWSFEED_TEST_JDBC_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private static PostgresBackend server;
    private static RuntimeException startFailure;

    private TestPostgres() {
    }

    /**
     * JDBC URL of the server's initial database, starting the server on the first call.
     *
     * @throws IllegalStateException if no server could be started (now or on an earlier call)
     */
    public static String jdbcUrl() {
        return server().jdbcUrl();
    }

    /** User for {@link #jdbcUrl()} and for every database from {@link #createDatabase(String)}. */
    public static String username() {
        return server().username();
    }

    /** Password for {@link #username()}. */
    public static String password() {
        return server().password();
    }

    /**
     * Creates an empty database named {@code <prefix>_<12 random hex digits>} and returns its JDBC URL (same user
     * and password). The prefix is lower-cased, characters other than {@code [a-z0-9_]} become {@code _}, and it is
     * cut to 40 characters.
     *
     * @throws IllegalStateException if the server cannot be started or {@code CREATE DATABASE} fails
     */
    public static String createDatabase(String prefix) {
        Server backend = server();
        String name = databaseName(prefix);
        String url = withDatabase(backend.jdbcUrl(), name);
        Properties credentials = new Properties();
        credentials.setProperty("user", backend.username());
        credentials.setProperty("password", backend.password());
        // The driver directly, not DriverManager: DriverManager filters drivers by class loader (Quarkus tests).
        try (Connection connection = new Driver().connect(backend.jdbcUrl(), credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + name + " on " + backend.description()
                    + " failed: " + e.getMessage(), e);
        }
        return url;
    }

    static String databaseName(String prefix) {
        String cleaned = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "db_" + cleaned;
        }
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(0, 40);
        }
        return cleaned + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Replaces the database of a {@code jdbc:postgresql://host[:port][/db][?params]} URL, keeping the parameters. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher m = POSTGRES_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static Server server() {
        @SuppressWarnings("unchecked")
        List<String> c = (List<String>) SystemClassLoaderSingleton.invoke(TestPostgres.class, "jvmServer");
        return new Server(c.get(0), c.get(1), c.get(2), c.get(3));
    }

    /** Coordinates of this JVM's server, passed across class loaders as JDK types. */
    private record Server(String jdbcUrl, String username, String password, String description) {
    }

    /**
     * Runs in the JVM-wide copy of this class, see {@link SystemClassLoaderSingleton}.
     *
     * @return JDBC URL, user, password and description of the server
     */
    private static synchronized List<String> jvmServer() {
        if (server == null) {
            if (startFailure != null) {
                throw new IllegalStateException("test PostgreSQL failed to start earlier in this JVM: "
                        + startFailure.getMessage(), startFailure);
            }
            try {
                server = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return List.of(server.jdbcUrl(), server.username(), server.password(), server.description());
    }

    private static PostgresBackend start() {
        String externalUrl = System.getenv(JDBC_URL_ENV);
        if (externalUrl != null && !externalUrl.isBlank()) {
            withDatabase(externalUrl.trim(), "check"); // fail early on a malformed URL
            PostgresBackend external = new ExternalPostgres(externalUrl.trim(),
                    envOrDefault(USER_ENV, "postgres"), envOrDefault(PASSWORD_ENV, ""));
            LOG.info("Using {} from {}", external.description(), JDBC_URL_ENV);
            return external;
        }
        long started = System.nanoTime();
        PostgresBackend backend = DockerProbe.dockerAvailable() ? ContainerPostgres.start() : EmbeddedPostgresServer.start();
        JvmResources.closeOnExit("postgres", backend);
        LOG.info("Started {} in {} ms", backend.description(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return backend;
    }

    private static String envOrDefault(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
