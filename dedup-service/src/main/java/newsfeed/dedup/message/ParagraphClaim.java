package newsfeed.dedup.message;

import java.util.List;
import newsfeed.dedup.fingerprint.ClaimKey;

/**
 * One candidate paragraph as it enters a judge partition: its key text once, and the claim keys it has there.
 *
 * @param position  its position in the post
 * @param claimId   identifies this version of the paragraph (its key and its post's publication time): a claim with
 *                  another id at the same position replaces the paragraph, one with the same id changes nothing
 * @param key       its paragraph key
 * @param truncated whether the key is a truncated preview
 * @param shingles  distinct 3-word shingles of the key
 * @param facts     hash of its fact tokens
 * @param claimKeys its claim keys owned by this partition, at least one
 */
public record ParagraphClaim(int position, long claimId, String key, boolean truncated, int shingles, long facts,
        List<ClaimKey> claimKeys) {

    public ParagraphClaim {
        claimKeys = List.copyOf(claimKeys);
    }
}
