package newsfeed.store.db;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import newsfeed.contracts.health.DeadlineProbe;
import newsfeed.contracts.health.DeadlineReadinessCheck;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "PostgreSQL": up with the server's version ({@code SHOW server_version} on a pooled connection),
 * down within {@value DeadlineProbe#DEADLINE_PROPERTY} when PostgreSQL does not answer. Replaces Quarkus' datasource
 * check ({@code quarkus.datasource.health.enabled=false}), which never answered while the server was frozen: a
 * statement's timeout cancels through the server too (found by a trial, {@code kill -STOP} of PostgreSQL).
 */
@Readiness
@Singleton
public class DatabaseReadiness extends DeadlineReadinessCheck {

    static final String NAME = "PostgreSQL";

    @Inject
    DatabaseReadiness(DataSource dataSource,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = DeadlineProbe.DEADLINE_PROPERTY, defaultValue = DeadlineProbe.DEFAULT_DEADLINE)
            Duration deadline) {
        super(new DeadlineProbe(NAME, subject(jdbcUrl), "version", deadline, () -> {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet version = statement.executeQuery("SHOW server_version")) {
                version.next();
                return version.getString(1);
            }
        }));
    }

    /**
     * "PostgreSQL at host:port/database" from a JDBC URL, without its parameters (which may hold a password);
     * "PostgreSQL" when the URL names several hosts or does not parse.
     */
    static String subject(String jdbcUrl) {
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            if (uri.getHost() != null) {
                return "PostgreSQL at " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (uri.getPath() == null ? "" : uri.getPath());
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // a URL the JDBC driver reads but java.net.URI does not (several hosts): named without a place
        }
        return "PostgreSQL";
    }
}
