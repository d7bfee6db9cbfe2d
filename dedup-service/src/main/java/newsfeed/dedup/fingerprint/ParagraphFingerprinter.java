package newsfeed.dedup.fingerprint;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.text.ParagraphKey;

/**
 * Computes a paragraph's {@link Fingerprints} from its key. Pure and thread-safe.
 *
 * <p>The exact fingerprint is Guava's FarmHash Fingerprint64 of the key's UTF-8 bytes; 64 bits are enough because
 * the judge compares the keys themselves before it calls two paragraphs copies, so a collision costs a comparison,
 * never a wrong removal.
 */
public final class ParagraphFingerprinter {

    /** Shortest preview stem, in key characters, that may match a complete paragraph (DESIGN §5: 30). */
    public static final int MIN_PREVIEW_STEM = 30;

    /** A head is the first {@value} key characters: every preview stem is at least that long. */
    public static final int HEAD_LENGTH = MIN_PREVIEW_STEM;

    private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();

    /** @param key a paragraph key ({@link ParagraphKey#of}), not empty */
    public Fingerprints fingerprint(String key) {
        long[] shingles = Shingles.of(key);
        long simHash = SimHash.of(shingles);
        boolean truncated = ParagraphKey.isTruncated(key);
        List<String> claimKeys = new ArrayList<>(1 + SimHash.BANDS + MinHashBands.BANDS + 1);
        claimKeys.add(ClaimKeys.EXACT.prefix() + hex(hash64(key)));
        for (int band = 0; band < SimHash.BANDS; band++) {
            claimKeys.add(ClaimKeys.SIMHASH.prefix() + band + ":" + Integer.toHexString(SimHash.band(simHash, band)));
        }
        long[] minHashBands = MinHashBands.of(shingles);
        for (int band = 0; band < minHashBands.length; band++) {
            claimKeys.add(ClaimKeys.MINHASH.prefix() + band + ":" + hex(minHashBands[band]));
        }
        String stem = ParagraphKey.truncationStem(key);
        if (stem.length() >= MIN_PREVIEW_STEM) {
            claimKeys.add(ClaimKeys.HEAD.prefix() + hex(hash64(stem.substring(0, HEAD_LENGTH))));
        }
        return new Fingerprints(key, simHash, truncated, List.copyOf(claimKeys));
    }

    private static long hash64(String text) {
        return FINGERPRINT.hashString(text, StandardCharsets.UTF_8).asLong();
    }

    private static String hex(long value) {
        return Long.toHexString(value);
    }
}
