package newsfeed.dedup.message;

import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
import newsfeed.dedup.fingerprint.FactTokens;

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
 *                    first receipt when later); null in batches an earlier version wrote ({@link #memoryTime()})
 * @param factsRules  the {@link FactTokens#RULES} its claims' facts hashes were made under; null in batches an
 *                    earlier version wrote ({@link #factsMadeUnderOtherRules()})
 */
public record ClaimBatch(String postId, int partition, Instant publishedAt, List<ParagraphClaim> claims,
        Instant keptFrom, Byte factsRules) implements DedupMessage {

    public ClaimBatch {
        claims = List.copyOf(claims);
    }

    /** A batch of this version, its facts hashes made under the current {@link FactTokens#RULES}. */
    public ClaimBatch(String postId, int partition, Instant publishedAt, List<ParagraphClaim> claims,
            Instant keptFrom) {
        this(postId, partition, publishedAt, claims, keptFrom, FactTokens.RULES);
    }

    /** A batch of a post remembered by its publication time. */
    public ClaimBatch(String postId, int partition, Instant publishedAt, List<ParagraphClaim> claims) {
        this(postId, partition, publishedAt, claims, publishedAt);
    }

    /** {@link #keptFrom()}, or {@code publishedAt} for a batch an earlier version wrote. */
    public Instant memoryTime() {
        return keptFrom != null ? keptFrom : publishedAt;
    }

    /**
     * Whether its claims' facts hashes were made under other fact tokens than this version's (an intake of an earlier
     * or a later version wrote it; a batch without {@code factsRules} was written before negations or numbers
     * written as words were facts), so the judge makes them again.
     */
    public boolean factsMadeUnderOtherRules() {
        return factsRules == null || factsRules != FactTokens.RULES;
    }

    /** This batch with each claim's facts hash made again from its key by {@code facts}, under the current rules. */
    public ClaimBatch withFactsOf(ToLongFunction<String> facts) {
        List<ParagraphClaim> remade = claims.stream().map(c -> new ParagraphClaim(c.position(), c.claimId(), c.key(),
                c.truncated(), c.shingles(), facts.applyAsLong(c.key()), c.claimKeys())).toList();
        return new ClaimBatch(postId, partition, publishedAt, remade, memoryTime(), FactTokens.RULES);
    }
}
