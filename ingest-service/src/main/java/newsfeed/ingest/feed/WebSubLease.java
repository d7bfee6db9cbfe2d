package newsfeed.ingest.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * When a WebSub subscription is renewed or tried again. Pure.
 *
 * <ul>
 *   <li>A verified subscription is active for the {@code hub.lease_seconds} of the hub's verification request
 *       (W3C WebSub §5.3: the hub's, which may differ from what was asked); the subscriber renews it before it ends
 *       by subscribing again (§5.1, "re-request ... before the lease expires"): here at {@code renewShare} of the
 *       lease (0.85 by default, {@code newsfeed.feeds.websub.renew-at}), so that a slow hub still verifies the renewal
 *       in time.</li>
 *   <li>After the {@code n}-th consecutive failure (n ≥ 1: the hub refused or could not be reached, no verification
 *       came within the timeout, the hub denied it, §5.2), the next attempt is {@code min(retry × 2^(n−1),
 *       max(retry, maxBackoff))} later ({@link PollSchedule#delay}, the feeds' own back-off): 1, 2, 4 … times
 *       {@code newsfeed.feeds.websub.retry}, at most {@code newsfeed.feeds.max-backoff}. Meanwhile the feed is polled
 *       at its own interval.</li>
 * </ul>
 */
public final class WebSubLease {

    private WebSubLease() {
    }

    /**
     * @param verifiedAt when the hub's verification request was answered
     * @param lease      the lease it granted
     * @param renewShare the share of the lease after which it is renewed, between 0 and 1
     * @return when to subscribe again
     */
    public static Instant renewAt(Instant verifiedAt, Duration lease, double renewShare) {
        return verifiedAt.plusMillis((long) (lease.toMillis() * renewShare));
    }

    /**
     * @param failures   consecutive failures, including the one just met (at least 1)
     * @param retry      delay after the first failure
     * @param maxBackoff the cap
     * @return the delay before the next attempt
     */
    public static Duration retryDelay(int failures, Duration retry, Duration maxBackoff) {
        return PollSchedule.delay(retry, Math.max(0, failures - 1), maxBackoff, null);
    }
}
