package newsfeed.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.UnknownHostException;
import newsfeed.ingest.net.AddressNotAllowedException;
import newsfeed.ingest.net.AddressPolicy;

/**
 * The checks every way of subscribing ({@code POST /api/feeds}, {@code POST /api/feeds/opml}) makes before anything
 * is written: the feed address policy ({@link FeedAddressPolicy}) and {@code newsfeed.feeds.max-subscriptions}.
 */
@ApplicationScoped
public class SubscriptionGate {

    @Inject
    AddressPolicy addressPolicy;

    @Inject
    FeedSettings settings;

    @Inject
    FeedSubscriptions subscriptions;

    /**
     * Whether a feed URL may be subscribed by the address policy. A host that does not resolve now is accepted: DNS
     * may be down for a while, and every poll resolves and checks again.
     *
     * @param what how the message names the URL ({@code url})
     * @param url  a valid http(s) URL ({@link FeedSubscriptionRequest#urlProblem})
     * @return {@code <what> <url>: <why>; feeds are fetched from public addresses only} when its host is, or resolves
     *         to, an address that is not public; null when it may be subscribed
     */
    public String addressRefusal(String what, String url) {
        if (addressPolicy.allowsEverything()) {
            return null;
        }
        try {
            addressPolicy.resolve(URI.create(url).getHost());
            return null;
        } catch (AddressNotAllowedException e) {
            return what + " " + url + ": " + e.getMessage() + "; feeds are fetched from public addresses only";
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether {@code newCount} new subscriptions fit under {@code newsfeed.feeds.max-subscriptions}, counted on this
     * instance's view: two instances subscribing at once may pass the cap.
     *
     * @return why not, or null when they fit
     */
    public String limitRefusal(int newCount) {
        int existing = subscriptions.all().size();
        int max = settings.maxSubscriptions();
        if (newCount == 0 || existing + newCount <= max) {
            return null;
        }
        return newCount == 1
                ? max + " feeds are subscribed, the most newsfeed.feeds.max-subscriptions allows; delete one first"
                : newCount + " new feeds and the " + existing + " subscribed would be " + (existing + newCount)
                        + ", more than newsfeed.feeds.max-subscriptions (" + max + ") allows; delete "
                        + (existing + newCount - max) + " first or subscribe fewer";
    }
}
