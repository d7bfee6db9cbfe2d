package newsfeed.ingest.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * When a feed is polled next.
 *
 * <ul>
 *   <li>After a successful poll (200, or 304 Not Modified): {@code interval} later, or later still while the
 *       document is fresh by the server's own word ({@code Cache-Control: max-age}, {@code Expires}: RFC 9111
 *       §4.2.1, {@link FeedFetcher#freshFor}), up to {@code newsfeed.feeds.max-interval}: polling a document its
 *       server says will not change is load for nothing.</li>
 *   <li>After the {@code n}-th consecutive failure (n ≥ 1; an HTTP error status, a timeout, a connection, decoding,
 *       parsing or publishing error): {@code min(interval × 2^n, max(interval, maxBackoff))} later — 2, 4, 8 … times
 *       the interval, capped at {@code newsfeed.feeds.max-backoff} (default 6 h) but never sooner than the interval
 *       itself. A {@code Retry-After} of a 429 or 503 answer (RFC 9110 §10.2.3) lengthens the delay up to the same
 *       cap.</li>
 * </ul>
 * A success resets the failure count. Every delay is lengthened by the feed's jitter ({@link #jitter}), so that feeds
 * subscribed together with one interval are not all fetched in the same second. Pure.
 */
public final class PollSchedule {

    private PollSchedule() {
    }

    /**
     * @param interval   the subscription's interval
     * @param failures   consecutive failures so far, including the poll just finished; 0 after a success
     * @param maxBackoff the cap of the back-off
     * @param retryAfter what the server asked for, or null
     * @return the delay from the end of the poll just finished to the next one
     */
    public static Duration delay(Duration interval, int failures, Duration maxBackoff, Duration retryAfter) {
        if (failures <= 0) {
            return interval;
        }
        Duration cap = interval.compareTo(maxBackoff) > 0 ? interval : maxBackoff;
        // 2^n overflows quickly: once interval × 2^n passes the cap, the cap is the answer.
        Duration delay = interval;
        for (int i = 0; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /**
     * The delay after a successful poll, jitter aside.
     *
     * @param freshFor    the freshness lifetime the answer declared, or null
     * @param maxInterval {@code newsfeed.feeds.max-interval}: a longer lifetime counts only up to it
     */
    public static Duration afterSuccess(Duration interval, Duration freshFor, Duration maxInterval) {
        if (freshFor == null || freshFor.compareTo(interval) <= 0) {
            return interval;
        }
        return freshFor.compareTo(maxInterval) > 0 ? (interval.compareTo(maxInterval) > 0 ? interval : maxInterval)
                : freshFor;
    }

    /**
     * A feed's jitter: a fixed share of its interval, from 0 to {@code share × interval}, chosen by its id (the first
     * 8 bytes of the SHA-256 of the id, read as a fraction of 2^64), so that it stays the same from poll to poll and
     * from instance to instance, and feeds of one interval spread evenly over that share.
     *
     * @param share {@code newsfeed.feeds.jitter}, 0 to 1
     */
    public static Duration jitter(String feedId, Duration interval, double share) {
        if (share <= 0) {
            return Duration.ZERO;
        }
        long bits = Long.parseUnsignedLong(ItemIdentity.sha256(feedId).substring(0, 15), 16); // 60 bits
        double fraction = bits / (double) (1L << 60);
        return Duration.ofMillis((long) (interval.toMillis() * share * fraction));
    }

    /** {@code from + delay(...)}. */
    public static Instant next(Instant from, Duration interval, int failures, Duration maxBackoff,
            Duration retryAfter) {
        return from.plus(delay(interval, failures, maxBackoff, retryAfter));
    }
}
