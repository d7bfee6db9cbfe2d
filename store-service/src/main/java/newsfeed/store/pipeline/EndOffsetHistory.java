package newsfeed.store.pipeline;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * The end offset of one partition over time, to tell how long the oldest record a consumer has not processed has been
 * waiting: the offset-to-time interpolation of Lightbend's kafka-lag-exporter, here at the precision of the samples.
 * Only changes are kept (the first instant each end offset was seen), at most {@code capacity} of them; an idle
 * partition therefore keeps its history however long it stays idle.
 *
 * <p>Not thread-safe: one sampler owns it.
 */
final class EndOffsetHistory {

    private record Sample(Instant at, long end) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final int capacity;

    /** @param capacity most changes kept; the oldest go first */
    EndOffsetHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records the end offset seen at {@code at}; a sample equal to the last one is not kept, so that the time an end
     * offset was first seen stays. An instant before the last sample's (the wall clock was set back) counts as the
     * last sample's, so that the history stays in order.
     */
    void record(Instant at, long end) {
        Sample last = samples.peekLast();
        if (last != null) {
            if (end == last.end()) {
                return;
            }
            if (at.isBefore(last.at())) {
                at = last.at();
            }
        }
        samples.addLast(new Sample(at, end));
        if (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /**
     * Since when the record at {@code offset} (the oldest one a consumer has not processed) has been in the partition:
     * the first sample whose end offset is past {@code offset}. It is late by at most one sampling interval. When even
     * the oldest sample kept is past it, that sample's time, a lower bound; empty when no sample is past it (nothing is
     * waiting, as far as the samples show).
     */
    Optional<Instant> waitingSince(long offset) {
        Instant since = null;
        for (Iterator<Sample> newestFirst = samples.descendingIterator(); newestFirst.hasNext();) {
            Sample sample = newestFirst.next();
            if (sample.end() <= offset) {
                break;
            }
            since = sample.at();
        }
        return Optional.ofNullable(since);
    }
}
