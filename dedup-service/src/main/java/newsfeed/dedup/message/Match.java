package newsfeed.dedup.message;

import java.time.Instant;
import java.util.Comparator;
import newsfeed.contracts.RemovalReason;

/**
 * The earlier paragraph a paragraph copies, as one claim key's judge found it.
 *
 * @param postId      the post holding the copy that stays
 * @param position    its position there
 * @param publishedAt that post's publication time (to pick the earliest of several matches)
 * @param reason      {@link RemovalReason#PUBLISHED_BEFORE} for an exact copy, {@link RemovalReason#NEAR_DUPLICATE}
 *                    for a near copy or a truncated preview
 * @param similarity  1.0 for exact copies, else the shingle Jaccard similarity (near copies) or the share of the
 *                    complete paragraph that the preview shows
 */
public record Match(String postId, int position, Instant publishedAt, RemovalReason reason, double similarity) {

    /** Earliest first, as {@link Claimant#ORDER}. */
    public static final Comparator<Match> ORDER = Comparator.comparing(Match::publishedAt)
            .thenComparing(Match::postId)
            .thenComparingInt(Match::position);

    public static Match of(Claimant original, RemovalReason reason, double similarity) {
        return new Match(original.postId(), original.position(), original.publishedAt(), reason, similarity);
    }
}
