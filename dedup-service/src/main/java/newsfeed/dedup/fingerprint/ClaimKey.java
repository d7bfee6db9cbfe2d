package newsfeed.dedup.fingerprint;

/**
 * One claim key of a paragraph: its kind and hash. An {@link ClaimKind#EXACT} key is the 128-bit fingerprint
 * ({@code high}, {@code low}); the others are 64-bit ({@code low} is 0). The key's judge partition is decided by
 * {@code high} alone.
 */
public record ClaimKey(ClaimKind kind, long high, long low) {

    /** The same hash as another kind: where a preview looks for complete paragraphs, and the other way round. */
    public ClaimKey as(ClaimKind other) {
        return new ClaimKey(other, high, low);
    }

    /** The judge partition of this key among {@code partitions}. */
    public int partition(int partitions) {
        return Math.floorMod(high ^ (high >>> 32), partitions);
    }
}
