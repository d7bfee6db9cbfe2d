package newsfeed.dedup.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.state.DerivedStores;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A judge partition's state, read and written: {@link ClaimIndexReader} plus the writes, and the time index
 * ({@value ClaimIndexReader#CLAIMS_BY_TIME}) through which expiry finds the oldest posts without scanning the rest.
 * Only the paragraphs have a changelog: the claim-key entries and the time index derive from them and are rebuilt
 * when the task starts ({@link #rebuild}), which saves five changelog records per paragraph.
 */
final class JudgeState extends ClaimIndexReader {

    private static final byte[] PRESENT = {1};

    private final KeyValueStore<Bytes, byte[]> paragraphs;
    private final KeyValueStore<Bytes, byte[]> claims;
    private final KeyValueStore<Bytes, byte[]> times;
    /** Claim keys and posts that may have entries here: most lookups find none, and then cost no iterator. */
    private final PresenceFilter present;

    JudgeState(KeyValueStore<Bytes, byte[]> paragraphs, KeyValueStore<Bytes, byte[]> claims,
            KeyValueStore<Bytes, byte[]> times) {
        this(paragraphs, claims, times, PresenceFilter.MIN_CAPACITY);
    }

    /** @param filterCapacity the presence filter's least capacity, in prefixes */
    JudgeState(KeyValueStore<Bytes, byte[]> paragraphs, KeyValueStore<Bytes, byte[]> claims,
            KeyValueStore<Bytes, byte[]> times, long filterCapacity) {
        super(paragraphs, claims);
        this.paragraphs = paragraphs;
        this.claims = claims;
        this.times = times;
        this.present = new PresenceFilter(0, filterCapacity);
    }

    void put(JudgedParagraph p) {
        present.add(JudgeKeys.post(p.partition(), p.postId()));
        paragraphs.put(JudgeKeys.paragraph(p.partition(), p.postId(), p.position()),
                JudgedParagraphCodec.encode(p));
    }

    /** Adds the paragraph's entries under its claim keys. */
    void index(JudgedParagraph p) {
        byte[] value = entryValue(p);
        for (ClaimKey key : p.claimKeys()) {
            present.add(JudgeKeys.bucket(key));
            claims.put(JudgeKeys.claim(key, p.publishedAt(), p.postId(), p.position()), value);
        }
    }

    /** Removes the paragraph and its entries under its claim keys. */
    void delete(JudgedParagraph p) {
        paragraphs.delete(JudgeKeys.paragraph(p.partition(), p.postId(), p.position()));
        for (ClaimKey key : p.claimKeys()) {
            claims.delete(JudgeKeys.claim(key, p.publishedAt(), p.postId(), p.position()));
        }
    }

    /**
     * Rebuilds the derived stores, the claim-key entries and the time index, from the paragraphs: they have no
     * changelog, and this task's paragraphs have just been restored from theirs. Every paragraph keeps its claim keys.
     *
     * @return how many paragraphs were indexed
     */
    int rebuild() {
        DerivedStores.clear(claims);
        DerivedStores.clear(times);
        present.reset(4 * paragraphs.approximateNumEntries() + 4);
        int count = 0;
        try (KeyValueIterator<Bytes, byte[]> it = paragraphs.all()) {
            while (it.hasNext()) {
                JudgedParagraph p = JudgedParagraphCodec.decode(it.next().value);
                present.add(JudgeKeys.post(p.partition(), p.postId()));
                index(p);
                putTime(p.keptFrom(), p.partition(), p.postId());
                count++;
            }
        }
        // the entry count was an estimate
        refilterIfFull();
        return count;
    }

    /**
     * Rebuilds the presence filter, twice as large, when it has taken more prefixes than it was sized for. Call it
     * only between batches, once every paragraph indexed is also written: the rebuild reads the paragraph store, and
     * a rebuild in the middle of a batch forgot the claim keys of the batch's paragraphs indexed before it (a
     * verbatim repeat kept, found by bench.sh at 20,000 posts). Until then a full filter only answers "maybe" more
     * often.
     */
    void refilterIfFull() {
        if (present.isFull()) {
            refilter(2 * present.capacity());
        }
    }

    /** Whether another paragraph than the ones added since may claim this key here; false is certain. */
    boolean mayHave(ClaimKey key) {
        return present.mayContain(JudgeKeys.bucket(key));
    }

    @Override
    Neighbours neighbours(ClaimKey bucketKey, JudgedParagraph paragraph, int small, int limit) {
        return mayHave(bucketKey) ? super.neighbours(bucketKey, paragraph, small, limit) : Neighbours.NONE;
    }

    @Override
    Map<Integer, JudgedParagraph> paragraphsOf(int partition, String postId) {
        return present.mayContain(JudgeKeys.post(partition, postId)) ? super.paragraphsOf(partition, postId)
                : Map.of();
    }

    /**
     * A filter with room for {@code capacity} prefixes, of every paragraph and claim key held now; made again at twice
     * the prefixes held when they are fewer than a quarter of {@code capacity}. Entries deleted since the last rebuild
     * (expiry, revisions) leave fewer prefixes than were added, so doubling alone would size the filter by every
     * prefix ever added, growing with the stream's history instead of with the state.
     */
    private void refilter(long capacity) {
        long held = fill(capacity);
        if (present.capacity() > Math.max(present.minCapacity(), 4 * held)) {
            fill(2 * held);
        }
    }

    /** @return how many prefixes the new filter took */
    private long fill(long capacity) {
        present.reset(capacity);
        try (KeyValueIterator<Bytes, byte[]> it = paragraphs.all()) {
            while (it.hasNext()) {
                JudgedParagraph p = JudgedParagraphCodec.decode(it.next().value);
                present.add(JudgeKeys.post(p.partition(), p.postId()));
                p.claimKeys().forEach(key -> present.add(JudgeKeys.bucket(key)));
            }
        }
        return present.added();
    }

    /** The presence filter's capacity, in prefixes. */
    long filterCapacity() {
        return present.capacity();
    }

    void putTime(Instant publishedAt, int partition, String postId) {
        times.put(JudgeKeys.time(publishedAt, partition, postId), PRESENT);
    }

    void deleteTime(Instant publishedAt, int partition, String postId) {
        times.delete(JudgeKeys.time(publishedAt, partition, postId));
    }

    /**
     * Up to {@code limit} posts (with their partitions) remembered from before {@code cutoff}
     * ({@link JudgedParagraph#keptFrom()}: published, or received when later), oldest first.
     */
    List<JudgeKeys.TimeRef> publishedBefore(Instant cutoff, int limit) {
        List<JudgeKeys.TimeRef> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = times.range(JudgeKeys.timeFloor(Instant.MIN),
                JudgeKeys.timeFloor(cutoff))) {
            while (it.hasNext() && out.size() < limit) {
                Bytes key = it.next().key;
                JudgeKeys.TimeRef ref = JudgeKeys.readTime(key);
                if (ref.publishedAt().isBefore(cutoff)) {
                    out.add(ref);
                }
            }
        }
        return out;
    }
}
