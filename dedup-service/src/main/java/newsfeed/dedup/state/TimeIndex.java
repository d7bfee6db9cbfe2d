package newsfeed.dedup.state;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Posts by the time they are remembered by ({@code Watermark.memoryTime}: publication, or first receipt when later),
 * oldest first (a key-value store keyed {@code time | postId}, {@link KeyBytes}):
 * how a stage's expiry finds the posts past the retention by reading only those, instead of scanning its stores.
 * The index is derived state: it is kept without a changelog and rebuilt from the store it indexes when its task
 * starts ({@link #clear} then {@link #put}).
 */
public final class TimeIndex {


    private static final byte[] PRESENT = {1};

    /** A post in the index. */
    public record Entry(Instant time, String postId) {
    }

    private final KeyValueStore<Bytes, byte[]> store;

    public TimeIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public void put(Instant time, String postId) {
        store.put(key(time, postId), PRESENT);
    }

    public void delete(Instant time, String postId) {
        store.delete(key(time, postId));
    }

    /** Up to {@code limit} posts remembered from before {@code cutoff}, oldest first. */
    public List<Entry> before(Instant cutoff, int limit) {
        List<Entry> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(floor(Instant.MIN), floor(cutoff))) {
            while (it.hasNext() && out.size() < limit) {
                byte[] key = it.next().key.get();
                Instant time = KeyBytes.readTime(key, 0);
                if (time.isBefore(cutoff)) {
                    out.add(new Entry(time, KeyBytes.readPostId(key, KeyBytes.TIME_BYTES, new int[1])));
                }
            }
        }
        return out;
    }

    /** Removes every entry: the index is rebuilt from the store it indexes when its task starts. */
    public void clear() {
        DerivedStores.clear(store);
    }

    private static Bytes key(Instant publishedAt, String postId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(KeyBytes.TIME_BYTES + postId.length() + 1);
        KeyBytes.writeTime(out, publishedAt);
        KeyBytes.writePostId(out, postId);
        return Bytes.wrap(out.toByteArray());
    }

    private static Bytes floor(Instant instant) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(KeyBytes.TIME_BYTES);
        KeyBytes.writeTime(out, instant);
        return Bytes.wrap(out.toByteArray());
    }
}
