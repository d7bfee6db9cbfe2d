package newsfeed.dedup.fingerprint;

/**
 * The kinds of claim key. A claim key names the place (state-store entry and partition) where paragraphs that may
 * be copies of each other meet; its prefix tells the kind.
 */
public enum ClaimKeys {
    /** {@code x:<fingerprint>}: paragraphs with the same key (exact copies). */
    EXACT("x:"),
    /** {@code s<band>:<value>}: paragraphs whose SimHash agrees on one 16-bit band. */
    SIMHASH("s"),
    /** {@code m<band>:<value>}: paragraphs whose MinHash agrees on one band. */
    MINHASH("m"),
    /** {@code h:<fingerprint of the first characters>}: a truncated preview and the paragraphs it may preview. */
    HEAD("h:");

    private final String prefix;

    ClaimKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The kind of a claim key. */
    public static ClaimKeys of(String claimKey) {
        if (claimKey.startsWith(EXACT.prefix)) {
            return EXACT;
        }
        if (claimKey.startsWith(HEAD.prefix)) {
            return HEAD;
        }
        if (claimKey.startsWith(SIMHASH.prefix)) {
            return SIMHASH;
        }
        if (claimKey.startsWith(MINHASH.prefix)) {
            return MINHASH;
        }
        throw new IllegalArgumentException("not a claim key: " + claimKey);
    }
}
