package newsfeed.dedup.fingerprint;

import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newsfeed.contracts.text.ParagraphKey;

/**
 * Computes a paragraph's {@link ParagraphSignature} from its key. Pure and thread-safe.
 *
 * <p>The exact fingerprint is Guava's MurmurHash3 x64 128-bit of the key's UTF-8 bytes: two different keys share it
 * with probability about 2<sup>-128</sup> per pair (about 10<sup>-20</sup> among ten billion paragraphs), and the
 * judge still compares the keys themselves before it calls two paragraphs exact copies. The other claim keys are
 * FarmHash Fingerprint64 (stable across versions and machines) of a window of the key ({@link ClaimKind}).
 */
public final class ParagraphFingerprinter {

    /** Characters of the head and tail windows; the head is also the shortest preview stem that may match. */
    public static final int WINDOW = ParagraphKey.MIN_PREVIEW_STEM;

    /** Words of the middle window. */
    public static final int MIDDLE_WORDS = 5;

    /**
     * Fewest words a key needs for a middle key. A one-word substitution leaves a 3-word shingle Jaccard similarity
     * of (n − 5) / (n + 1), below the default threshold for fewer than 13 words; in such short keys the head and tail
     * windows cover nearly every word anyway.
     */
    public static final int MIDDLE_MIN_WORDS = 13;

    private static final HashFunction FINGERPRINT = Hashing.murmur3_128();
    private static final HashFunction WINDOW_HASH = Hashing.farmHashFingerprint64();

    /** @param key a paragraph key ({@link ParagraphKey#of}), not empty */
    public ParagraphSignature fingerprint(String key) {
        boolean truncated = ParagraphKey.isTruncated(key);
        List<ClaimKey> claimKeys = new ArrayList<>(4);
        HashCode exact = FINGERPRINT.hashString(key, StandardCharsets.UTF_8);
        byte[] bytes = exact.asBytes();
        claimKeys.add(new ClaimKey(ClaimKind.EXACT, exact.asLong(), ByteBuffer.wrap(bytes, 8, 8).getLong()));
        String stem = ParagraphKey.truncationStem(key);
        if (stem.length() >= WINDOW) {
            // a preview's head hashes like a complete paragraph's, so that they meet; its kind says which it is
            claimKeys.add(new ClaimKey(truncated ? ClaimKind.PREVIEW : ClaimKind.HEAD,
                    window(ClaimKind.HEAD, stem.substring(0, WINDOW)), 0));
        }
        String[] words = Shingles.words(key);
        if (!truncated && words.length >= MIDDLE_MIN_WORDS) {
            int from = words.length / 2 - MIDDLE_WORDS / 2;
            String middle = String.join(" ", Arrays.copyOfRange(words, from, from + MIDDLE_WORDS));
            claimKeys.add(new ClaimKey(ClaimKind.MIDDLE, window(ClaimKind.MIDDLE, middle), 0));
        }
        if (!truncated && key.length() >= WINDOW) {
            claimKeys.add(new ClaimKey(ClaimKind.TAIL, window(ClaimKind.TAIL, key.substring(key.length() - WINDOW)),
                    0));
        }
        return new ParagraphSignature(key, claimKeys, truncated, Shingles.of(key).length, factsHash(key));
    }

    /** The hash of a key's fact tokens: equal for keys with the same facts. */
    public static long factsHash(String key) {
        return WINDOW_HASH.hashString(String.join("\u0000", FactTokens.of(key)), StandardCharsets.UTF_8).asLong();
    }

    private static long window(ClaimKind kind, String text) {
        return WINDOW_HASH.hashString((char) kind.code() + text, StandardCharsets.UTF_8).asLong();
    }
}
