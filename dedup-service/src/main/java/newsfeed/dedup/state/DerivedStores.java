package newsfeed.dedup.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stores that hold only what can be derived from another store of the same task (an index): they are built without a
 * changelog ({@code withLoggingDisabled}), which saves a changelog record per entry, and rebuilt when the task starts,
 * after Kafka Streams has restored the stores they derive from. Emptying them first makes the rebuild exact whatever
 * the local copy held before (a task that ran here earlier, a crash between flushes).
 */
public final class DerivedStores {

    private static final int DELETE_BATCH = 10_000;

    private DerivedStores() {
    }

    /** Removes every entry of a store. */
    public static <K, V> void clear(KeyValueStore<K, V> store) {
        while (true) {
            List<K> keys = new ArrayList<>(DELETE_BATCH);
            try (KeyValueIterator<K, V> it = store.all()) {
                while (it.hasNext() && keys.size() < DELETE_BATCH) {
                    KeyValue<K, V> next = it.next();
                    keys.add(next.key);
                }
            }
            if (keys.isEmpty()) {
                return;
            }
            keys.forEach(store::delete);
        }
    }
}
