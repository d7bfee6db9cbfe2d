package newsfeed.contracts;

/** How much of a post survived cross-post dedup (DESIGN §5). Repeats within the post do not change it. */
public enum PostStatus {
    /** No content paragraph was published before. */
    UNIQUE,
    /** Some, not all, content paragraphs were published before. */
    PARTIAL,
    /** Every content paragraph was published before; the post is stored anyway with {@code duplicateOf}. */
    REPOST
}
