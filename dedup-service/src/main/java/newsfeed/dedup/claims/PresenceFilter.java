package newsfeed.dedup.claims;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import org.apache.kafka.common.utils.Bytes;

/**
 * Which key prefixes (claim keys, posts) a judge partition may hold entries under: a Bloom filter (Guava's, 1 % false
 * positives) in front of the stores, so that looking up a claim key nobody else claims, the common case, costs no
 * store iterator. It never says "absent" of a prefix that has entries: every prefix written is added first, and the
 * filter is rebuilt from the stores when the task starts. Prefixes whose entries were deleted stay "maybe present"
 * (a wasted lookup, never a wrong answer) until the filter is rebuilt, which also happens when it has taken more
 * prefixes than it was sized for; a rebuild sizes it by the prefixes held then ({@code JudgeState}), so that it
 * follows the state and not every prefix ever added.
 *
 * <p>A rebuild while the task runs is made beside the filter in use ({@link #beginRebuild}): the caller feeds it the
 * prefixes held, a few at a time, while every prefix added meanwhile goes to both, and the new filter replaces the
 * old one once complete ({@link #finishRebuild}). Until then the old one answers, never wrongly, only "maybe" more
 * often.
 */
final class PresenceFilter {

    private static final double FALSE_POSITIVES = 0.01;
    /** Default least capacity, in prefixes: about 120 KB of filter. */
    static final long MIN_CAPACITY = 100_000;

    private final long minCapacity;
    private BloomFilter<byte[]> filter;
    private long capacity;
    private long added;
    /** The filter being rebuilt, or null. */
    private BloomFilter<byte[]> next;
    private long nextCapacity;
    private long nextAdded;

    /** @param expected prefixes expected over the filter's life; at least {@value #MIN_CAPACITY} are allowed for */
    PresenceFilter(long expected) {
        this(expected, MIN_CAPACITY);
    }

    /** @param minCapacity the least capacity, in prefixes (tests make it small, so that rebuilds happen early) */
    PresenceFilter(long expected, long minCapacity) {
        this.minCapacity = minCapacity;
        reset(expected);
    }

    /** An empty filter for {@code expected} prefixes (at least the least capacity); a rebuild under way is dropped. */
    void reset(long expected) {
        capacity = Math.max(minCapacity, expected);
        filter = BloomFilter.create(Funnels.byteArrayFunnel(), capacity, FALSE_POSITIVES);
        added = 0;
        next = null;
    }

    /** Adds a prefix that now has entries: to the filter in use, and to the one being rebuilt. */
    void add(Bytes prefix) {
        if (filter.put(prefix.get())) {
            added++;
        }
        if (next != null) {
            addToRebuild(prefix);
        }
    }

    /**
     * Starts a rebuild: an empty filter for {@code expected} prefixes (at least the least capacity) that takes every
     * prefix {@link #add}ed from now on, and those held, which the caller gives it with {@link #addToRebuild}.
     */
    void beginRebuild(long expected) {
        nextCapacity = Math.max(minCapacity, expected);
        next = BloomFilter.create(Funnels.byteArrayFunnel(), nextCapacity, FALSE_POSITIVES);
        nextAdded = 0;
    }

    boolean rebuilding() {
        return next != null;
    }

    /** Adds a prefix held to the filter being rebuilt. */
    void addToRebuild(Bytes prefix) {
        if (next.put(prefix.get())) {
            nextAdded++;
        }
    }

    /** Distinct prefixes the filter being rebuilt has taken. */
    long rebuiltHeld() {
        return nextAdded;
    }

    /** Capacity of the filter being rebuilt, in prefixes. */
    long rebuiltCapacity() {
        return nextCapacity;
    }

    /** Puts the rebuilt filter in place of the one in use: the caller has given it every prefix held. */
    void finishRebuild() {
        filter = next;
        capacity = nextCapacity;
        added = nextAdded;
        next = null;
    }

    /** False only when no entry has this prefix. */
    boolean mayContain(Bytes prefix) {
        return filter.mightContain(prefix.get());
    }

    /**
     * Whether it holds more prefixes than it was sized for, so that it should be rebuilt (twice as large, or by the
     * prefixes held).
     */
    boolean isFull() {
        return added > capacity;
    }

    long capacity() {
        return capacity;
    }

    /** The least capacity, in prefixes. */
    long minCapacity() {
        return minCapacity;
    }

    /** Distinct prefixes taken since the last reset (a prefix whose bits were all set already is not counted). */
    long added() {
        return added;
    }
}
