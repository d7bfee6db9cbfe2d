package newsfeed.dedup.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.state.DerivedStores;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * A judge partition's state, read and written: {@link ClaimIndexReader} plus the writes, and the time index
 * ({@value ClaimIndexReader#CLAIMS_BY_TIME}) through which expiry finds the oldest posts without scanning the rest.
 * Only the paragraphs have a changelog: the claim-key entries and the time index derive from them and are rebuilt
 * when the task starts ({@link #rebuild}), which saves five changelog records per paragraph.
 */
final class JudgeState extends ClaimIndexReader {

    private static final Logger LOG = Logger.getLogger(JudgeState.class);
    private static final byte[] PRESENT = {1};

    private final KeyValueStore<Bytes, byte[]> paragraphs;
    private final KeyValueStore<Bytes, byte[]> claims;
    private final KeyValueStore<Bytes, byte[]> times;
    /**
     * Paragraphs read per batch while the presence filter is rebuilt. Reading them all at once stalled the judge for
     * as long as the state is large, doubling with it: 0.9 s at 800,000 keys held in the benchmark, and the exactly-once
     * transaction timeout (10 s) would pass at about ten million. At a few microseconds a paragraph, this is a few
     * milliseconds a batch until the rebuild is done. This is the step for RocksDB stores; a store in memory is read
     * in one go ({@link #stepFor}).
     */
    static final int REBUILD_STEP = 500;

    /** Claim keys and posts that may have entries here: most lookups find none, and then cost no iterator. */
    private final PresenceFilter present;
    private final int rebuildStep;
    /** The last paragraph key the rebuild under way has read, or null when it is to read from the first. */
    private Bytes rebuiltUpTo;

    JudgeState(KeyValueStore<Bytes, byte[]> paragraphs, KeyValueStore<Bytes, byte[]> claims,
            KeyValueStore<Bytes, byte[]> times) {
        this(paragraphs, claims, times, PresenceFilter.MIN_CAPACITY, stepFor(paragraphs));
    }

    /**
     * @param filterCapacity the presence filter's least capacity, in prefixes
     * @param rebuildStep    paragraphs read per batch while the presence filter is rebuilt (tests make both small)
     */
    JudgeState(KeyValueStore<Bytes, byte[]> paragraphs, KeyValueStore<Bytes, byte[]> claims,
            KeyValueStore<Bytes, byte[]> times, long filterCapacity, int rebuildStep) {
        super(paragraphs, claims);
        if (rebuildStep < 1) {
            throw new IllegalArgumentException("rebuild step must be positive, got " + rebuildStep);
        }
        this.paragraphs = paragraphs;
        this.claims = claims;
        this.times = times;
        this.present = new PresenceFilter(0, filterCapacity);
        this.rebuildStep = rebuildStep;
    }

    /**
     * Paragraphs a rebuild of the presence filter reads per batch from this paragraph store: {@link #REBUILD_STEP}
     * from a persistent (RocksDB) store, which seeks to where the last step stopped; all of them from a store in
     * memory, whose range reads copy the keys from there to the end before returning the first.
     */
    static int stepFor(KeyValueStore<Bytes, byte[]> paragraphs) {
        return paragraphs.persistent() ? REBUILD_STEP : Integer.MAX_VALUE;
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
        rebuiltUpTo = null;
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
     * Rebuilds the presence filter, twice as large, once it has taken more prefixes than it was sized for: reads the
     * next {@code rebuildStep} paragraphs into the new filter at each call, and puts it in place once it has read
     * them all. Call it between batches, once every paragraph indexed is also written. Until the new filter is in
     * place, the full one only answers "maybe" more often.
     */
    void refilterIfFull() {
        if (!present.rebuilding()) {
            if (!present.isFull()) {
                return;
            }
            // a filter that took far more than it was sized for (the estimate at task start) is sized by what it took
            present.beginRebuild(2 * Math.max(present.capacity(), present.added()));
            rebuiltUpTo = null;
        }
        if (readIntoRebuild()) {
            rebuiltUpTo = null;
            long held = present.rebuiltHeld();
            // entries deleted since the last rebuild (expiry, revisions) leave fewer prefixes than were added: a
            // filter of twice the capacity would then be sized by every prefix ever added, growing with the stream's
            // history instead of with the state; it is made again at twice the prefixes held, the full one answering
            // until then
            if (present.rebuiltCapacity() > Math.max(present.minCapacity(), 4 * held)) {
                present.beginRebuild(2 * held);
            } else {
                present.finishRebuild();
                LOG.debugf("presence filter rebuilt: %d prefixes held, room for %d", held, present.capacity());
            }
        }
    }

    /** @return whether the rebuild has read every paragraph */
    private boolean readIntoRebuild() {
        int read = 0;
        try (KeyValueIterator<Bytes, byte[]> it = rebuiltUpTo == null ? paragraphs.all()
                : paragraphs.range(rebuiltUpTo, null)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (entry.key.equals(rebuiltUpTo)) {
                    continue;
                }
                if (read == rebuildStep) {
                    return false;
                }
                JudgedParagraph p = JudgedParagraphCodec.decode(entry.value);
                present.addToRebuild(JudgeKeys.post(p.partition(), p.postId()));
                p.claimKeys().forEach(key -> present.addToRebuild(JudgeKeys.bucket(key)));
                rebuiltUpTo = entry.key;
                read++;
            }
        }
        return true;
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
