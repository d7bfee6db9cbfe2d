package newsfeed.dedup.topology;

import java.time.Duration;
import java.time.Instant;

/**
 * The newest {@code publishedAt} a stage task has seen, and the cutoff before which its state expires: the
 * retention behind that newest post, but never ahead of the wall clock, so that a post dated in the far future
 * cannot make the next expiry drop everything. Kept in memory: after a restart it grows back with the first records,
 * and until then nothing expires, which is safe.
 */
public final class Watermark {

    private final Duration retention;
    private Instant newest = Instant.MIN;

    public Watermark(Duration retention) {
        this.retention = retention;
    }

    public void observe(Instant publishedAt) {
        if (publishedAt != null && publishedAt.isAfter(newest)) {
            newest = publishedAt;
        }
    }

    /**
     * State published before this instant expires; {@link Instant#MIN} while nothing has been seen.
     *
     * @param wallClockMillis the stream time's wall clock ({@code ProcessorContext.currentSystemTimeMs()})
     */
    public Instant cutoff(long wallClockMillis) {
        if (newest.equals(Instant.MIN)) {
            return Instant.MIN;
        }
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        return (newest.isAfter(now) ? now : newest).minus(retention);
    }
}
