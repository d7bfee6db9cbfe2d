package newsfeed.dedup.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The newest {@code publishedAt} a stage task has seen, and the cutoff before which its state expires. Kept in memory:
 * after a restart it grows back with the first records, and until then nothing expires, which is safe.
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

    /** State published before this instant expires; {@link Instant#MIN} while nothing has been seen. */
    public Instant cutoff() {
        return newest.equals(Instant.MIN) ? Instant.MIN : newest.minus(retention);
    }

    /** Deletes the entries of {@code store} whose {@code publishedAt} is before {@link #cutoff()}. */
    public <V> void expire(KeyValueStore<String, V> store, Function<V, Instant> publishedAt) {
        expireWhere(store, (value, cutoff) -> publishedAt.apply(value).isBefore(cutoff));
    }

    /** Deletes the entries of {@code store} that {@code expired} says are expired at {@link #cutoff()}. */
    public <V> void expireWhere(KeyValueStore<String, V> store, BiPredicate<V, Instant> expired) {
        Instant cutoff = cutoff();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, V> entry = all.next();
                if (expired.test(entry.value, cutoff)) {
                    keys.add(entry.key);
                }
            }
        }
        keys.forEach(store::delete);
    }
}
