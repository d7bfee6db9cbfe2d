package newsfeed.dedup.claims;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.state.KeyBytes;
import org.apache.kafka.common.utils.Bytes;

/**
 * The byte layout of the judge's state-store keys. Stores compare keys as unsigned bytes, so a key's bytes are laid
 * out in the order the judge scans them:
 *
 * <pre>
 * dedup-claims       kind(1) hash(8, or 16 for EXACT) | publishedAt(12) postId(escaped, 0-terminated) position(4)
 * dedup-paragraphs   partition(2) postId(escaped, 0-terminated) position(4)
 * dedup-claims-by-time publishedAt(12) partition(2) postId(escaped, 0-terminated)
 * </pre>
 * so that one claim key's claimants are a contiguous range in "earlier" order ({@code RemovalRules.compare}: time,
 * then postId by code point, which UTF-8 bytes preserve, then position), a post's paragraphs are a prefix, and
 * expiry reads the oldest first. Times and postIds are encoded by {@link KeyBytes}.
 */
final class JudgeKeys {

    static final int TIME_BYTES = KeyBytes.TIME_BYTES;

    private JudgeKeys() {
    }

    /** The prefix of one claim key's entries. */
    static Bytes bucket(ClaimKey key) {
        ByteBuffer buffer = ByteBuffer.allocate(key.kind() == ClaimKind.EXACT ? 17 : 9);
        buffer.put(key.kind().code()).putLong(key.high());
        if (key.kind() == ClaimKind.EXACT) {
            buffer.putLong(key.low());
        }
        return Bytes.wrap(buffer.array());
    }

    /** The entry of a paragraph under a claim key. */
    static Bytes claim(ClaimKey key, Instant publishedAt, String postId, int position) {
        Bytes bucket = bucket(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bucket.get().length + TIME_BYTES + postId.length() + 8);
        out.writeBytes(bucket.get());
        KeyBytes.writeTime(out, publishedAt);
        KeyBytes.writePostId(out, postId);
        KeyBytes.writeInt(out, position);
        return Bytes.wrap(out.toByteArray());
    }

    /** The first key after every key that starts with {@code prefix}. */
    static Bytes end(Bytes prefix) {
        return Bytes.increment(prefix);
    }

    /** The paragraph store's key of a paragraph. */
    static Bytes paragraph(int partition, String postId, int position) {
        ByteArrayOutputStream out = postPrefixStream(partition, postId);
        KeyBytes.writeInt(out, position);
        return Bytes.wrap(out.toByteArray());
    }

    /** The prefix of a post's paragraphs in the paragraph store. */
    static Bytes post(int partition, String postId) {
        return Bytes.wrap(postPrefixStream(partition, postId).toByteArray());
    }

    /** The time index's key of a post at a partition. */
    static Bytes time(Instant publishedAt, int partition, String postId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(TIME_BYTES + 2 + postId.length() + 4);
        KeyBytes.writeTime(out, publishedAt);
        out.write(partition >>> 8);
        out.write(partition);
        KeyBytes.writePostId(out, postId);
        return Bytes.wrap(out.toByteArray());
    }

    /** The smallest time-index key of a post published at or after {@code instant}. */
    static Bytes timeFloor(Instant instant) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(TIME_BYTES);
        KeyBytes.writeTime(out, instant);
        return Bytes.wrap(out.toByteArray());
    }

    /** A claim entry's paragraph, read back from its key. */
    record ClaimRef(Instant publishedAt, String postId, int position) {
    }

    static ClaimRef readClaim(Bytes key) {
        byte[] bytes = key.get();
        int at = bytes[0] == ClaimKind.EXACT.code() ? 17 : 9;
        Instant publishedAt = KeyBytes.readTime(bytes, at);
        at += TIME_BYTES;
        int[] end = new int[1];
        String postId = KeyBytes.readPostId(bytes, at, end);
        return new ClaimRef(publishedAt, postId, ByteBuffer.wrap(bytes, end[0], 4).getInt());
    }

    /** A time-index entry's post, read back from its key. */
    record TimeRef(Instant publishedAt, int partition, String postId) {
    }

    static TimeRef readTime(Bytes key) {
        byte[] bytes = key.get();
        Instant publishedAt = KeyBytes.readTime(bytes, 0);
        int partition = ((bytes[TIME_BYTES] & 0xFF) << 8) | (bytes[TIME_BYTES + 1] & 0xFF);
        return new TimeRef(publishedAt, partition, KeyBytes.readPostId(bytes, TIME_BYTES + 2, new int[1]));
    }

    private static ByteArrayOutputStream postPrefixStream(int partition, String postId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + postId.length() + 8);
        out.write(partition >>> 8);
        out.write(partition);
        KeyBytes.writePostId(out, postId);
        return out;
    }
}
