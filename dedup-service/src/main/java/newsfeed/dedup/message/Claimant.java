package newsfeed.dedup.message;

import java.time.Instant;
import java.util.Comparator;

/**
 * A paragraph as it stands in a claim: who it is, when it was published, and what the judge compares.
 *
 * @param postId      its post
 * @param position    its position in the post
 * @param publishedAt its post's publication time: the first criterion of "earlier"
 * @param key         its paragraph key
 * @param simHash     SimHash-64 of its key
 */
public record Claimant(String postId, int position, Instant publishedAt, String key, long simHash) {

    /**
     * "Earlier" (DESIGN §5 rule 4): earlier {@code publishedAt}, then smaller {@code postId}, then smaller position.
     * Arrival order never matters.
     */
    public static final Comparator<Claimant> ORDER = Comparator.comparing(Claimant::publishedAt)
            .thenComparing(Claimant::postId)
            .thenComparingInt(Claimant::position);

    public boolean isEarlierThan(Claimant other) {
        return ORDER.compare(this, other) < 0;
    }

    /** Whether this and {@code other} are the same paragraph of the same post (whatever their data). */
    public boolean sameParagraphAs(Claimant other) {
        return postId.equals(other.postId) && position == other.position;
    }
}
