package newsfeed.dedup.message;

import java.time.Instant;

/**
 * One claim key's judgement of one paragraph, keyed by the paragraph's postId. A later verdict for the same
 * (postId, position, claimKey) replaces the earlier one: that is how a late-arriving older post corrects a decision.
 *
 * @param postId      the judged paragraph's post
 * @param position    its position
 * @param publishedAt its post's publication time (for state expiry)
 * @param claimKey    the judge that spoke
 * @param match       the earliest copy this judge knows of, or null when the paragraph is the first
 */
public record Verdict(String postId, int position, Instant publishedAt, String claimKey, Match match)
        implements DedupMessage {

    /** @see Submission.ExpectedClaim#id() */
    public String id() {
        return position + " " + claimKey;
    }
}
