package newsfeed.store.db;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import newsfeed.contracts.health.DeadlineProbe;
import newsfeed.contracts.health.DeadlineReadinessCheck;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "PostgreSQL": up with the server's version ({@code SHOW server_version} on a pooled connection),
 * down within {@value DeadlineProbe#DEADLINE_PROPERTY} when PostgreSQL does not answer. Replaces Quarkus' datasource
 * check ({@code quarkus.datasource.health.enabled=false}), which never answered while the server was frozen: a
 * statement's timeout cancels through the server too (found by a trial, {@code kill -STOP} of PostgreSQL). Made at
 * start, so that a deadline out of range stops the service with the reason.
 */
@Readiness
@Singleton
@Startup
public class DatabaseReadiness extends DeadlineReadinessCheck {

    static final String NAME = "PostgreSQL";

    /**
     * How many deadlines the probe's connection waits for the server before the driver gives it up: the readiness
     * answer comes at the deadline anyway; this frees the probe's thread and pooled connection from a server that
     * never answers (a host gone without a reset), so a later probe can find it back.
     */
    static final int NETWORK_TIMEOUT_DEADLINES = 5;

    /** {@code jdbc:postgresql://host[:port][/database][?...]} with one host; several hosts have a comma. */
    private static final Pattern ONE_HOST =
            Pattern.compile("jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?,\\[\\]]+)(:\\d+)?(/[^?]*)?(\\?.*)?");

    @Inject
    DatabaseReadiness(DataSource dataSource,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = DeadlineProbe.DEADLINE_PROPERTY, defaultValue = DeadlineProbe.DEFAULT_DEADLINE)
            Duration deadline) {
        super(new DeadlineProbe(NAME, subject(jdbcUrl), "version", deadline, () -> {
            try (Connection connection = dataSource.getConnection()) {
                int before = connection.getNetworkTimeout();
                connection.setNetworkTimeout(Runnable::run,
                        (int) deadline.multipliedBy(NETWORK_TIMEOUT_DEADLINES).toMillis());
                try (Statement statement = connection.createStatement();
                        ResultSet version = statement.executeQuery("SHOW server_version")) {
                    version.next();
                    return version.getString(1);
                } finally {
                    if (!connection.isClosed()) {
                        connection.setNetworkTimeout(Runnable::run, before);
                    }
                }
            }
        }));
    }

    /**
     * "PostgreSQL at host:port/database" from a JDBC URL, without its parameters (which may hold a password);
     * "PostgreSQL" when the URL names several hosts or has another shape.
     */
    static String subject(String jdbcUrl) {
        Matcher url = ONE_HOST.matcher(jdbcUrl);
        if (!url.matches()) {
            return "PostgreSQL";
        }
        return "PostgreSQL at " + url.group(1) + (url.group(2) == null ? "" : url.group(2))
                + (url.group(3) == null ? "" : url.group(3));
    }
}
