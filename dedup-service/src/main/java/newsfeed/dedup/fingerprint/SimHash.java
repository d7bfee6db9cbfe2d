package newsfeed.dedup.fingerprint;

/**
 * 64-bit SimHash (Charikar, "Similarity estimation techniques from rounding algorithms", STOC 2002) over the shingle
 * hashes of a key, each of weight 1: bit i is set when more shingles have bit i set than not. Near-identical keys
 * get fingerprints at a small Hamming distance; Manku, Jain and Das Sarma ("Detecting near-duplicates for web
 * crawling", WWW 2007) use 64 bits and distance k = 3, found through {@value #BANDS} bands of 16 bits: two
 * fingerprints within distance 3 agree on at least one whole band (pigeonhole).
 */
public final class SimHash {

    /** Largest Hamming distance between the fingerprints of near duplicates (Manku et al.: k = 3). */
    public static final int MAX_DISTANCE = 3;

    /** Bands of 16 bits; {@code MAX_DISTANCE + 1} of them guarantee a shared band within {@code MAX_DISTANCE}. */
    public static final int BANDS = 4;

    private SimHash() {
    }

    /** @param shingles shingle hashes ({@link Shingles#of}) */
    public static long of(long[] shingles) {
        int[] votes = new int[64];
        for (long shingle : shingles) {
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((shingle >>> bit) & 1L) == 1L ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    /** Band {@code index} (0..3) of a fingerprint: its bits {@code 16*index .. 16*index+15}, as 0..65535. */
    public static int band(long fingerprint, int index) {
        return (int) ((fingerprint >>> (16 * index)) & 0xFFFF);
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
