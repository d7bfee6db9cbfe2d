package newsfeed.dedup.message;

import java.time.Instant;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovedParagraph;

/**
 * A post as the intake stage passes it to the assembler ({@link Submitted}), which stores it by postId: the post,
 * its within-post decision, and the verdicts it waits for.
 *
 * @param post          the normalized post ({@code publishedAt} and {@code receivedAt} made stable across
 *                      re-deliveries: its {@code receivedAt} is the first receipt the intake remembers)
 * @param keptInPost    positions that survive within-post dedup
 * @param removedInPost the within-post removals
 * @param expected      one entry per (candidate paragraph, judge partition holding one of its claim keys)
 * @param deliveredAt   when ingest received this delivery of the post: the revision epoch of the post if the
 *                      assembler does not remember it; null in state written before this field existed
 */
public record Submission(NormalizedPost post, List<Integer> keptInPost, List<RemovedParagraph> removedInPost,
        List<Expected> expected, Instant deliveredAt) {

    public Submission {
        keptInPost = List.copyOf(keptInPost);
        removedInPost = List.copyOf(removedInPost);
        expected = List.copyOf(expected);
    }

    /** A submission of a post delivered when it says it was received. */
    public Submission(NormalizedPost post, List<Integer> keptInPost, List<RemovedParagraph> removedInPost,
            List<Expected> expected) {
        this(post, keptInPost, removedInPost, expected, post.receivedAt());
    }

    /** A verdict the post waits for: from {@code partition}, on the paragraph at {@code position}, version claimId. */
    public record Expected(int position, int partition, long claimId) {
    }
}
