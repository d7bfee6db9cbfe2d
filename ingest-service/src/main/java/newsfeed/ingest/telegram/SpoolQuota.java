package newsfeed.ingest.telegram;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of Telegram exports may sit in spool files at once, over all imports in progress
 * ({@code newsfeed.telegram.max-spool-size}): the disk an outsider can fill with slow uploads is bounded, whatever
 * the number of imports and the size of each.
 */
public final class SpoolQuota {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit bytes; at least 1 */
    public SpoolQuota(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the spool quota must be at least 1 byte, got " + limit);
        }
        this.limit = limit;
    }

    /** Takes {@code bytes} of the quota if they are free; nothing otherwise. */
    boolean tryReserve(long bytes) {
        long now = used.get();
        while (now + bytes <= limit) {
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
            now = used.get();
        }
        return false;
    }

    /** Gives back {@code bytes} taken by {@link #tryReserve(long)}. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The quota, in bytes. */
    public long limit() {
        return limit;
    }

    /** Bytes spooled now. */
    public long used() {
        return used.get();
    }
}
