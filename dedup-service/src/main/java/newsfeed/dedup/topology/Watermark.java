package newsfeed.dedup.topology;

import java.time.Duration;
import java.time.Instant;

/**
 * The newest {@link #memoryTime} (publication, or receipt when later) a stage task has seen, and the cutoff before
 * which its state expires: the retention behind that newest post, never ahead of the wall clock. A post dated after the wall clock at its arrival counts as
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
     * The time by which a post's state is kept and the watermark moves: its publication time, or its (first) receipt
     * when that is later. So a post is remembered for the retention in publication time, and at least the retention
     * after it was received: an archive imported while the stream's newest post is of today (a channel dump of July
     * 2024, a trial on the real seed) was forgotten at the next expiry, a minute later, and a later export of the same
     * channel, delivering its posts again, undid the removals already stored. State stays bounded by what was
     * published or received within the retention.
     *
     * @param publishedAt the post's publication time
     * @param receivedAt  its first receipt, or null (records written before it was carried)
     */
    public static Instant memoryTime(Instant publishedAt, Instant receivedAt) {
        return receivedAt == null || !receivedAt.isAfter(publishedAt) ? publishedAt : receivedAt;
    }

    /**
     * @param publishedAt     the post's {@link #memoryTime}; null is ignored
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
