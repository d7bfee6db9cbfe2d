package newsfeed.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code feed-subscriptions}: up once {@code feeds.subscriptions} was read to its end and while the
 * follower that keeps reading it runs; down (with the reason) otherwise, as subscription changes would go unseen.
 */
@Readiness
@ApplicationScoped
public class FeedSubscriptionsHealth implements HealthCheck {

    @Inject
    FeedSubscriptions subscriptions;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("feed-subscriptions").status(subscriptions.healthy());
        String problem = subscriptions.problem();
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
