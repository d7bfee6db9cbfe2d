package newsfeed.dedup.fingerprint;

import java.util.List;

/**
 * What dedup-service computes of one candidate paragraph from its key (DESIGN §5 step 1): the claim keys under
 * which it meets possible copies, and the compact features that let a judge skip a candidate without reading its
 * text.
 *
 * @param key       the paragraph key (kept in dedup state, never shown)
 * @param claimKeys the exact key, then the head (a preview's: preview), middle and tail keys the paragraph has
 *                  ({@link ClaimKind})
 * @param truncated whether the key is a truncated preview
 * @param shingles  how many distinct 3-word shingles the key has
 * @param facts     a 64-bit hash of its fact tokens ({@link FactTokens}); near copies have equal ones
 */
public record ParagraphSignature(String key, List<ClaimKey> claimKeys, boolean truncated, int shingles, long facts) {

    public ParagraphSignature {
        claimKeys = List.copyOf(claimKeys);
    }

    /** The exact claim key (always the first). */
    public ClaimKey exact() {
        return claimKeys.get(0);
    }
}
