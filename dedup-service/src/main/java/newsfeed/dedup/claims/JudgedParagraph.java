package newsfeed.dedup.claims;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.ParagraphClaim;
import newsfeed.dedup.message.ParagraphVerdict;
import newsfeed.dedup.rules.RemovalRules;

/**
 * A paragraph as one judge partition holds it (store {@code dedup-paragraphs}): its key text once, the claim keys it
 * has in this partition, and the verdict this partition last sent for it.
 *
 * @param claimKeys its claim keys owned by this partition
 * @param exact     earliest exact copy found here, or null
 * @param near      earliest near copy found here, or null
 * @param preview   for a preview, earliest complete paragraph found here, or null
 * @param keptFrom  the time its post is remembered by (its publication, or its first receipt when later:
 *                  {@code Watermark.memoryTime}): its time index entry; {@code publishedAt} when null
 */
public record JudgedParagraph(String postId, int position, int partition, Instant publishedAt, long claimId,
        String key, boolean truncated, int shingles, long facts, List<ClaimKey> claimKeys, Match exact, Match near,
        Match preview, Instant keptFrom) {

    public JudgedParagraph {
        claimKeys = List.copyOf(claimKeys);
        if (keptFrom == null) {
            keptFrom = publishedAt;
        }
    }

    static JudgedParagraph of(String postId, int partition, Instant publishedAt, Instant keptFrom,
            ParagraphClaim claim) {
        return new JudgedParagraph(postId, claim.position(), partition, publishedAt, claim.claimId(), claim.key(),
                claim.truncated(), claim.shingles(), claim.facts(), claim.claimKeys(), null, null, null, keptFrom);
    }

    JudgedParagraph withVerdict(Match newExact, Match newNear, Match newPreview) {
        return new JudgedParagraph(postId, position, partition, publishedAt, claimId, key, truncated, shingles, facts,
                claimKeys, newExact, newNear, newPreview, keptFrom);
    }

    JudgedParagraph withKeptFrom(Instant newKeptFrom) {
        return new JudgedParagraph(postId, position, partition, publishedAt, claimId, key, truncated, shingles, facts,
                claimKeys, exact, near, preview, newKeptFrom);
    }

    ParagraphVerdict verdict() {
        return new ParagraphVerdict(position, claimId, exact, near, preview);
    }

    boolean sameVerdict(JudgedParagraph other) {
        return Objects.equals(exact, other.exact) && Objects.equals(near, other.near)
                && Objects.equals(preview, other.preview);
    }

    /** Whether a verdict of this paragraph names the given one. */
    boolean names(String otherPostId, int otherPosition) {
        return (exact != null && exact.names(otherPostId, otherPosition))
                || (near != null && near.names(otherPostId, otherPosition))
                || (preview != null && preview.names(otherPostId, otherPosition));
    }

    /** Whether this paragraph comes before the one a match names. */
    boolean isEarlierThan(Match match) {
        return RemovalRules.compare(publishedAt, postId, position, match.publishedAt(), match.postId(),
                match.position()) < 0;
    }

    boolean isEarlierThan(JudgedParagraph other) {
        return RemovalRules.compare(publishedAt, postId, position, other.publishedAt, other.postId,
                other.position) < 0;
    }
}
