package newsfeed.dedup.assembly;

import java.time.Instant;
import java.util.Map;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.Submission;

/**
 * What the assembler holds per post.
 *
 * @param submission  the post's latest submission; null while only verdicts have arrived
 * @param verdicts    latest verdict per {@code "<position> <claimKey>"}; a value of {@link #NO_MATCH} means "no
 *                    earlier copy"
 * @param emitted     the decision last sent to {@code posts.deduplicated}, or null
 * @param publishedAt publication time of the post, for expiry
 */
public record PostState(Submission submission, Map<String, Match> verdicts, DeduplicatedPost emitted,
        Instant publishedAt) {

    /** Stands for a verdict without a match (JSON maps keep no nulls reliably). */
    public static final Match NO_MATCH = new Match("", -1, Instant.EPOCH, null, 0.0);

    public PostState {
        verdicts = Map.copyOf(verdicts);
    }

    /**
     * Whether this state may be dropped by the expiry at {@code cutoff}: the post is published before it and has been
     * decided at least once. A post still waiting for its first decision stays, however old: an archive imported
     * while newer posts flow would otherwise be dropped between its submission and its verdicts, and never stored.
     */
    public boolean expiredAt(Instant cutoff) {
        return emitted != null && publishedAt.isBefore(cutoff);
    }
}
