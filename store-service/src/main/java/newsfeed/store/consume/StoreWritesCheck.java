package newsfeed.store.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "PostgreSQL writes": down while {@link DecisionWriter} retries a write the database does not take
 * (since when, how many attempts, the last error), up again after the next write that succeeds. The database's own
 * check only says whether a connection opens; this one also sees a read-only standby, a revoked permission or a
 * missing table.
 */
@Readiness
@ApplicationScoped
public class StoreWritesCheck implements HealthCheck {

    static final String NAME = "PostgreSQL writes";

    private final Clock clock = Clock.systemUTC();
    private Instant failingSince;
    private long failedAttempts;
    private String lastError;

    synchronized void failing(Throwable error) {
        if (failingSince == null) {
            failingSince = clock.instant();
            failedAttempts = 0;
        }
        failedAttempts++;
        lastError = error.getMessage() == null ? error.toString() : error.getMessage();
    }

    synchronized void writing() {
        failingSince = null;
        lastError = null;
        failedAttempts = 0;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        if (failingSince == null) {
            return HealthCheckResponse.named(NAME).up().build();
        }
        return HealthCheckResponse.named(NAME).down()
                .withData("failingSince", failingSince.toString())
                .withData("failedAttempts", failedAttempts)
                .withData("lastError", lastError)
                .build();
    }
}
