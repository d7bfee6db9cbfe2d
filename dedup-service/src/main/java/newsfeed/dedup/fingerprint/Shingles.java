package newsfeed.dedup.fingerprint;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Word shingles of a paragraph key: every run of {@value #SIZE} consecutive words (w-shingles, Broder 1997), as
 * 64-bit hashes (Guava's FarmHash Fingerprint64, stable across versions and machines). A key of fewer words is one
 * shingle.
 */
public final class Shingles {

    /** Words per shingle. */
    public static final int SIZE = 3;

    private static final HashFunction HASH = Hashing.farmHashFingerprint64();

    private Shingles() {
    }

    /** The words of a key (keys have single spaces between words). */
    public static String[] words(String key) {
        return key.isEmpty() ? new String[0] : key.split(" ");
    }

    /**
     * @param key a paragraph key ({@code ParagraphKey.of})
     * @return the distinct shingle hashes, sorted ascending; empty for an empty key
     */
    public static long[] of(String key) {
        String[] words = words(key);
        if (words.length == 0) {
            return new long[0];
        }
        int count = Math.max(1, words.length - SIZE + 1);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            String shingle = String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + SIZE)));
            hashes[i] = HASH.hashString(shingle, StandardCharsets.UTF_8).asLong();
        }
        Arrays.sort(hashes);
        return Arrays.stream(hashes).distinct().toArray();
    }

    /**
     * Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, distinct shingle sets; 1.0 for two empty sets.
     */
    public static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }
}
