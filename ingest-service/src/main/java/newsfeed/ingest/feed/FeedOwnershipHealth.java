package newsfeed.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code feed-polling}: up while this instance takes part in the feed pollers' consumer group
 * ({@link FeedOwnership}), with the partitions of {@code feeds.subscriptions} it owns (none is fine: another instance
 * may own them all); down, with the reason, once it no longer does, as its feeds would then be polled by nobody until
 * the group notices.
 */
@Readiness
@ApplicationScoped
public class FeedOwnershipHealth implements HealthCheck {

    @Inject
    FeedPoller poller;

    @Override
    public HealthCheckResponse call() {
        FeedOwnership ownership = poller.ownership();
        if (ownership == null) {
            return HealthCheckResponse.named("feed-polling").down().withData("problem", "not started").build();
        }
        var response = HealthCheckResponse.named("feed-polling").status(ownership.healthy())
                .withData("partitions", ownership.owned().toString());
        if (ownership.problem() != null) {
            response.withData("problem", ownership.problem());
        }
        return response.build();
    }
}
