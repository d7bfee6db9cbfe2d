package newsfeed.dedup.claims;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.KeyWords;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a judge partition's state: the paragraphs ({@value #PARAGRAPHS}) and, per claim key, the paragraphs that
 * claim it ({@value #CLAIMS}), one entry per paragraph in "earlier" order ({@link JudgeKeys}). Each claim entry's
 * value holds what lets a judge skip it without reading the paragraph: whether it is a preview, its shingle count,
 * key length, fact hash and word count ({@code KeyWords.count}). The entries are derived, without changelog, and
 * rebuilt from the paragraphs whenever a judge task starts, so their format can change from one version to the next.
 * Used by the judge and, through interactive queries, by the fingerprint query.
 */
public class ClaimIndexReader {

    public static final String PARAGRAPHS = "dedup-paragraphs";
    public static final String CLAIMS = "dedup-claims";
    public static final String CLAIMS_BY_TIME = "dedup-claims-by-time";

    /**
     * A paragraph under a claim key, as its entry tells it.
     *
     * @param keyLength length of its key, in characters
     * @param words     words of its key ({@code KeyWords.count})
     */
    public record Entry(Instant publishedAt, String postId, int position, boolean truncated, int shingles,
            int keyLength, long facts, int words) {
    }

    private final ReadOnlyKeyValueStore<Bytes, byte[]> paragraphs;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> claims;

    public ClaimIndexReader(ReadOnlyKeyValueStore<Bytes, byte[]> paragraphs,
            ReadOnlyKeyValueStore<Bytes, byte[]> claims) {
        this.paragraphs = paragraphs;
        this.claims = claims;
    }

    /** A paragraph held by {@code partition}, or null. */
    public JudgedParagraph paragraph(int partition, String postId, int position) {
        byte[] value = paragraphs.get(JudgeKeys.paragraph(partition, postId, position));
        return value == null ? null : JudgedParagraphCodec.decode(value);
    }

    /** A post's paragraphs held by {@code partition}, by position. */
    Map<Integer, JudgedParagraph> paragraphsOf(int partition, String postId) {
        Bytes prefix = JudgeKeys.post(partition, postId);
        Map<Integer, JudgedParagraph> out = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = paragraphs.range(prefix, JudgeKeys.end(prefix))) {
            while (it.hasNext()) {
                JudgedParagraph p = JudgedParagraphCodec.decode(it.next().value);
                out.put(p.position(), p);
            }
        }
        return out;
    }

    /** Visits entries in order until it answers false. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(Entry entry);
    }

    /**
     * The entries of a bucket around a paragraph (which need not be in it), itself left out.
     *
     * @param before nearest first
     * @param after  nearest first
     * @param whole  whether these are all the bucket's entries; when not, each side holds up to the limit asked
     */
    record Neighbours(List<Entry> before, List<Entry> after, boolean whole) {
        /** An empty bucket. */
        static final Neighbours NONE = new Neighbours(List.of(), List.of(), true);
    }

    /**
     * The entries of a bucket around {@code paragraph}: a small bucket (up to {@code small} entries, the common case)
     * is read whole with one iterator; a larger one is read from the paragraph outwards, up to {@code limit}
     * entries on each side.
     */
    Neighbours neighbours(ClaimKey bucketKey, JudgedParagraph paragraph, int small, int limit) {
        Bytes bucket = JudgeKeys.bucket(bucketKey);
        Bytes self = self(bucketKey, paragraph);
        List<Entry> before = new ArrayList<>();
        List<Entry> after = new ArrayList<>();
        boolean whole = true;
        try (KeyValueIterator<Bytes, byte[]> it = claims.range(bucket, JudgeKeys.end(bucket))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> next = it.next();
                if (next.key.equals(self)) {
                    continue;
                }
                if (before.size() + after.size() >= small) {
                    whole = false;
                    break;
                }
                (next.key.compareTo(self) < 0 ? before : after).add(entry(next));
            }
        }
        if (whole) {
            Collections.reverse(before);
            return new Neighbours(before, after, true);
        }
        return new Neighbours(before(bucketKey, paragraph, limit), after(bucketKey, paragraph, limit), false);
    }

    /** Up to {@code limit} entries of a claim key, earliest first. */
    public List<Entry> entries(ClaimKey key, int limit) {
        List<Entry> out = new ArrayList<>();
        Bytes bucket = JudgeKeys.bucket(key);
        visit(claims.range(bucket, JudgeKeys.end(bucket)), null, e -> out.add(e) && out.size() < limit);
        return out;
    }

    /** Up to {@code limit} entries of a claim key before {@code paragraph}'s, nearest first. */
    List<Entry> before(ClaimKey key, JudgedParagraph paragraph, int limit) {
        List<Entry> out = new ArrayList<>();
        Bytes self = self(key, paragraph);
        visit(claims.reverseRange(JudgeKeys.bucket(key), self), self, e -> out.add(e) && out.size() < limit);
        return out;
    }

    /** Up to {@code limit} entries of a claim key after {@code paragraph}'s, nearest first. */
    List<Entry> after(ClaimKey key, JudgedParagraph paragraph, int limit) {
        List<Entry> out = new ArrayList<>();
        visitAfter(key, paragraph, e -> out.add(e) && out.size() < limit);
        return out;
    }

    /** Visits the entries of a claim key before {@code paragraph}'s, earliest first. */
    void visitBeforeEarliestFirst(ClaimKey key, JudgedParagraph paragraph, Visitor visitor) {
        Bytes self = self(key, paragraph);
        visit(claims.range(JudgeKeys.bucket(key), self), self, visitor);
    }

    /** Visits the entries of a claim key after {@code paragraph}'s, nearest first. */
    void visitAfter(ClaimKey key, JudgedParagraph paragraph, Visitor visitor) {
        Bytes self = self(key, paragraph);
        visit(claims.range(self, JudgeKeys.end(JudgeKeys.bucket(key))), self, visitor);
    }

    private static Bytes self(ClaimKey key, JudgedParagraph p) {
        return JudgeKeys.claim(key, p.publishedAt(), p.postId(), p.position());
    }

    private static void visit(KeyValueIterator<Bytes, byte[]> it, Bytes skip, Visitor visitor) {
        try (it) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> next = it.next();
                if (next.key.equals(skip)) {
                    continue;
                }
                if (!visitor.visit(entry(next))) {
                    return;
                }
            }
        }
    }

    private static Entry entry(KeyValue<Bytes, byte[]> kv) {
        JudgeKeys.ClaimRef ref = JudgeKeys.readClaim(kv.key);
        ByteBuffer meta = ByteBuffer.wrap(kv.value);
        return new Entry(ref.publishedAt(), ref.postId(), ref.position(), meta.get() == 1, meta.getInt(),
                meta.getInt(), meta.getLong(), meta.getInt());
    }

    /** The value of a paragraph's claim entries. */
    static byte[] entryValue(JudgedParagraph p) {
        return ByteBuffer.allocate(21).put((byte) (p.truncated() ? 1 : 0)).putInt(p.shingles())
                .putInt(p.key().length()).putLong(p.facts()).putInt(KeyWords.count(p.key())).array();
    }
}
