package newsfeed.dedup.message;

/**
 * A paragraph entering (or, when {@code withdrawn}, leaving) the judge of one claim key, keyed by that claim key so
 * that one partition decides for it.
 *
 * @param claimKey  where it is judged
 * @param claimant  the paragraph; a withdrawal only needs its postId and position
 * @param withdrawn true when the post no longer has this paragraph at this position with this claim key (it was
 *                  edited)
 */
public record Claim(String claimKey, Claimant claimant, boolean withdrawn) implements DedupMessage {
}
