package newsfeed.dedup.message;

import java.time.Instant;
import java.util.Comparator;
import newsfeed.contracts.RemovalReason;
import newsfeed.dedup.rules.RemovalRules;

/**
 * The earlier paragraph a paragraph copies, as a judge found it.
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

    /** Earliest first ({@link RemovalRules#compare}). */
    public static final Comparator<Match> ORDER = (a, b) -> RemovalRules.compare(a.publishedAt, a.postId, a.position,
            b.publishedAt, b.postId, b.position);

    /** Whether this match names the given paragraph. */
    public boolean names(String otherPostId, int otherPosition) {
        return position == otherPosition && postId.equals(otherPostId);
    }
}
