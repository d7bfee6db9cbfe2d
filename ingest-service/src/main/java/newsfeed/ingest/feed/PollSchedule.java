package newsfeed.ingest.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * When a feed is polled next.
 *
 * <ul>
 *   <li>After a successful poll (200, or 304 Not Modified): {@code interval} later.</li>
 *   <li>After the {@code n}-th consecutive failure (n ≥ 1; an HTTP error status, a timeout, a connection, decoding,
 *       parsing or publishing error): {@code min(interval × 2^n, max(interval, maxBackoff))} later — 2, 4, 8 … times
 *       the interval, capped at {@code newsfeed.feeds.max-backoff} (default 6 h) but never sooner than the interval
 *       itself. A {@code Retry-After} of a 429 or 503 answer (RFC 9110 §10.2.3) lengthens the delay up to the same
 *       cap.</li>
 * </ul>
 * A success resets the failure count. Pure.
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

    /** {@code from + delay(...)}. */
    public static Instant next(Instant from, Duration interval, int failures, Duration maxBackoff,
            Duration retryAfter) {
        return from.plus(delay(interval, failures, maxBackoff, retryAfter));
    }
}
