package newsfeed.dedup.message;

import java.time.Instant;
import java.util.List;

/**
 * Every candidate paragraph of one post that has a claim key owned by one judge partition: one record per post and
 * partition through the claims topic (routed by {@code ClaimPartitioner}), instead of one per claim. It is the whole
 * current set: a paragraph the partition held for this post and that is not in it any more is withdrawn (the post was
 * edited), and an empty batch withdraws them all.
 *
 * @param postId      the post
 * @param partition   the judge partition
 * @param publishedAt the post's publication time
 * @param claims      its candidate paragraphs with claim keys in this partition
 * @param keptFrom    the time the judge remembers the post by ({@code Watermark.memoryTime}: its publication, or its
 *                    first receipt when later); null in batches written before it was carried, read as
 *                    {@code publishedAt}
 */
public record ClaimBatch(String postId, int partition, Instant publishedAt, List<ParagraphClaim> claims,
        Instant keptFrom) implements DedupMessage {

    public ClaimBatch {
        claims = List.copyOf(claims);
        if (keptFrom == null) {
            keptFrom = publishedAt;
        }
    }

    /** A batch of a post remembered by its publication time. */
    public ClaimBatch(String postId, int partition, Instant publishedAt, List<ParagraphClaim> claims) {
        this(postId, partition, publishedAt, claims, null);
    }
}
