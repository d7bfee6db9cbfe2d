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
     * Whether a key has at least {@code count} words, as {@code words(key).length >= count} says, without splitting
     * it: every paragraph of every post is asked.
     */
    public static boolean hasWords(String key, int count) {
        if (key.isEmpty()) {
            return count <= 0;
        }
        int words = 1;
        for (int i = key.indexOf(' '); i >= 0 && words < count; i = key.indexOf(' ', i + 1)) {
            words++;
        }
        return words >= count;
    }

    /**
     * @param key a paragraph key ({@code ParagraphKey.of})
     * @return the distinct shingle hashes, sorted ascending; empty for an empty key
     */
    public static long[] of(String key) {
        if (key.isEmpty()) {
            return new long[0];
        }
        // word starts; keys have single spaces between words, so a shingle is a substring of the key
        int[] starts = new int[key.length() + 1];
        int words = 0;
        starts[words++] = 0;
        for (int i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) {
            starts[words++] = i + 1;
        }
        int count = Math.max(1, words - SIZE + 1);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            int end = i + SIZE < words ? starts[i + SIZE] - 1 : key.length();
            hashes[i] = HASH.hashString(key.substring(starts[i], end), StandardCharsets.UTF_8).asLong();
        }
        Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return distinct == hashes.length ? hashes : Arrays.copyOf(hashes, distinct);
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
