package newsfeed.dedup.message;

import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovedParagraph;

/**
 * A post as the intake stage passes it to the assembler, keyed by postId: the post, its within-post decision, and
 * the claims whose verdicts it waits for.
 *
 * @param post           the normalized post ({@code publishedAt} made stable across re-deliveries)
 * @param keptInPost     positions that survive within-post dedup
 * @param removedInPost  the within-post removals
 * @param expected       one entry per (candidate paragraph, claim key)
 */
public record Submission(NormalizedPost post, List<Integer> keptInPost, List<RemovedParagraph> removedInPost,
        List<ExpectedClaim> expected) implements DedupMessage {

    public Submission {
        keptInPost = List.copyOf(keptInPost);
        removedInPost = List.copyOf(removedInPost);
        expected = List.copyOf(expected);
    }

    /** A claim of one of the post's paragraphs. */
    public record ExpectedClaim(int position, String claimKey) {

        /** The identity of the verdict that answers this claim. */
        public String id() {
            return position + " " + claimKey;
        }
    }
}
