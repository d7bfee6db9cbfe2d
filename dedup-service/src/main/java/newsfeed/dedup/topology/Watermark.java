package newsfeed.dedup.topology;

import java.time.Duration;
import java.time.Instant;

/**
 * The newest {@code publishedAt} a stage task has seen, and the cutoff before which its state expires: the retention
 * behind that newest post, never ahead of the wall clock. A post dated after the wall clock at its arrival counts as
 * published when it arrived (what ingest's clamp would have made of it): a post from year 9999 written straight to
 * posts.normalized neither makes the next expiry drop everything nor turns the watermark into the wall clock for the
 * rest of the task's life, which through a pause in the stream would forget posts the stream has not yet left behind.
 * Kept in memory: after a restart it grows back with the first records, and until then nothing expires, which is
 * safe.
 */
public final class Watermark {

    private final Duration retention;
    private Instant newest = Instant.MIN;

    public Watermark(Duration retention) {
        this.retention = retention;
    }

    /**
     * @param publishedAt     the post's publication time; null is ignored
     * @param wallClockMillis the wall clock now ({@code ProcessorContext.currentSystemTimeMs()})
     */
    public void observe(Instant publishedAt, long wallClockMillis) {
        if (publishedAt == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        Instant seen = publishedAt.isAfter(now) ? now : publishedAt;
        if (seen.isAfter(newest)) {
            newest = seen;
        }
    }

    /**
     * State published before this instant expires; {@link Instant#MIN} while nothing has been seen.
     *
     * @param wallClockMillis the wall clock now ({@code ProcessorContext.currentSystemTimeMs()}, or the punctuation's
     *                        time)
     */
    public Instant cutoff(long wallClockMillis) {
        if (newest.equals(Instant.MIN)) {
            return Instant.MIN;
        }
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        return (newest.isAfter(now) ? now : newest).minus(retention);
    }
}
