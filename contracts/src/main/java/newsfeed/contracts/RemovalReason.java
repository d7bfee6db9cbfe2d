package newsfeed.contracts;

/** Why dedup-service removed a paragraph (DESIGN §5). */
public enum RemovalReason {
    /** The same paragraph (by its dedup key) appeared earlier in the same post, or is a truncated copy of one. */
    REPEATED_IN_POST,
    /** An earlier post (by {@code publishedAt}, then {@code postId}) already published this paragraph. */
    PUBLISHED_BEFORE,
    /** An earlier post published a near copy (SimHash within Hamming distance 3, confirmed by shingle Jaccard). */
    NEAR_DUPLICATE
}
