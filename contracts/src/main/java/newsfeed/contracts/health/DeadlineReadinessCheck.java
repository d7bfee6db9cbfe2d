package newsfeed.contracts.health;

import jakarta.annotation.PreDestroy;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check that answers with a {@link DeadlineProbe}: up or down within the probe's deadline, never a wait
 * on a frozen broker or database. A service's check is a bean ({@code @Readiness @Singleton}) that extends this with
 * the probe it needs; the probe is closed when the service stops.
 */
public abstract class DeadlineReadinessCheck implements HealthCheck {

    private final DeadlineProbe probe;

    /** @param probe the probe this check answers with; closed by {@link #close()} */
    protected DeadlineReadinessCheck(DeadlineProbe probe) {
        this.probe = probe;
    }

    /** {@link DeadlineProbe#response()}: data {@code problem} when down. */
    @Override
    public HealthCheckResponse call() {
        return probe.response();
    }

    /** Stops the probe's thread and closes its client. */
    @PreDestroy
    public void close() {
        probe.close();
    }
}
