package newsfeed.dedup.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsfeed.dedup.fingerprint.ClaimKey;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A judge partition's state, read and written: {@link ClaimIndexReader} plus the writes, and the time index
 * ({@value ClaimIndexReader#CLAIMS_BY_TIME}) through which expiry finds the oldest posts without scanning the rest.
 */
final class JudgeState extends ClaimIndexReader {

    private static final byte[] PRESENT = {1};

    private final KeyValueStore<Bytes, byte[]> paragraphs;
    private final KeyValueStore<Bytes, byte[]> claims;
    private final KeyValueStore<Bytes, byte[]> times;

    JudgeState(KeyValueStore<Bytes, byte[]> paragraphs, KeyValueStore<Bytes, byte[]> claims,
            KeyValueStore<Bytes, byte[]> times) {
        super(paragraphs, claims);
        this.paragraphs = paragraphs;
        this.claims = claims;
        this.times = times;
    }

    void put(JudgedParagraph p) {
        paragraphs.put(JudgeKeys.paragraph(p.partition(), p.postId(), p.position()),
                JudgedParagraphCodec.encode(p));
    }

    /** Adds the paragraph's entries under its claim keys. */
    void index(JudgedParagraph p) {
        byte[] value = entryValue(p);
        for (ClaimKey key : p.claimKeys()) {
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

    void putTime(Instant publishedAt, int partition, String postId) {
        times.put(JudgeKeys.time(publishedAt, partition, postId), PRESENT);
    }

    void deleteTime(Instant publishedAt, int partition, String postId) {
        times.delete(JudgeKeys.time(publishedAt, partition, postId));
    }

    /** Up to {@code limit} posts (with their partitions) published before {@code cutoff}, oldest first. */
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
