package newsfeed.dedup.fingerprint;

import java.util.List;

/**
 * What dedup-service computes of one paragraph (DESIGN §5): its key, the features the near-duplicate check compares,
 * and the claim keys under which it meets earlier copies.
 *
 * @param key       the paragraph key (kept in dedup state, never shown)
 * @param simHash   SimHash-64 of the key's shingles
 * @param truncated whether the key is a truncated preview (ends in an ellipsis)
 * @param claimKeys the exact claim key, the SimHash band keys, the MinHash band keys and, for keys long enough,
 *                  the head key; see {@link ClaimKeys}
 */
public record Fingerprints(String key, long simHash, boolean truncated, List<String> claimKeys) {
}
