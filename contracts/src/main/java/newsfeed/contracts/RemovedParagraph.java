package newsfeed.contracts;

/**
 * A paragraph that dedup-service removed.
 *
 * @param position            its position in the post
 * @param reason              why it was removed
 * @param duplicateOf         the postId holding the copy that was kept (the post itself for
 *                            {@link RemovalReason#REPEATED_IN_POST})
 * @param duplicateOfPosition the position of the kept copy within {@code duplicateOf}
 * @param similarity          1.0 for an exact (key-equal) copy, else the shingle Jaccard similarity in [0, 1]
 */
public record RemovedParagraph(
        int position,
        RemovalReason reason,
        String duplicateOf,
        Integer duplicateOfPosition,
        double similarity) {
}
