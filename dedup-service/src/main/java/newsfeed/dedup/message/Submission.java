package newsfeed.dedup.message;

import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovedParagraph;

/**
 * A post as the intake stage passes it to the assembler, keyed by postId: the post, its within-post decision, and
 * the verdicts it waits for.
 *
 * @param post          the normalized post ({@code publishedAt} made stable across re-deliveries)
 * @param keptInPost    positions that survive within-post dedup
 * @param removedInPost the within-post removals
 * @param expected      one entry per (candidate paragraph, judge partition holding one of its claim keys)
 */
public record Submission(NormalizedPost post, List<Integer> keptInPost, List<RemovedParagraph> removedInPost,
        List<Expected> expected) implements DedupMessage {

    public Submission {
        keptInPost = List.copyOf(keptInPost);
        removedInPost = List.copyOf(removedInPost);
        expected = List.copyOf(expected);
    }

    /** A verdict the post waits for: from {@code partition}, on the paragraph at {@code position}, version claimId. */
    public record Expected(int position, int partition, long claimId) {
    }
}
