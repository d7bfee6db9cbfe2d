package newsfeed.ingest.feed;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import newsfeed.ingest.net.AddressPolicy;
import org.jboss.logging.Logger;

/**
 * The {@link AddressPolicy} of feed fetches, from {@code newsfeed.feeds.allow-private} and
 * {@code newsfeed.feeds.allowed-networks}; built at start-up, so that an invalid network stops the service naming it.
 */
public class FeedAddressPolicy {

    private static final Logger LOG = Logger.getLogger(FeedAddressPolicy.class);

    @Produces
    @Singleton
    @Startup
    AddressPolicy addressPolicy(FeedSettings settings) {
        List<String> allowed = settings.allowedNetworks().orElse(List.of());
        AddressPolicy policy;
        try {
            policy = new AddressPolicy(settings.allowPrivate(), allowed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("newsfeed.feeds.allowed-networks (NEWSFEED_FEEDS_ALLOWED_NETWORKS): "
                    + e.getMessage(), e);
        }
        if (settings.allowPrivate()) {
            LOG.warn("newsfeed.feeds.allow-private is true: feeds are fetched from any address, this host's and its "
                    + "network's included; keep it for development and tests");
        } else if (!allowed.isEmpty()) {
            LOG.infof("feeds may be fetched from these non-public networks: %s", allowed);
        }
        return policy;
    }
}
