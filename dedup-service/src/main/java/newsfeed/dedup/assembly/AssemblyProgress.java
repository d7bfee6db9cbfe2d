package newsfeed.dedup.assembly;

import java.time.Instant;
import java.util.List;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.message.Submission;

/**
 * What the assembler keeps per post besides the submission itself (store {@code dedup-progress}, small, read on every
 * verdict): the verdicts the post waits for and the decision last sent.
 *
 * @param publishedAt publication time of the post
 * @param expected    the verdicts its submission waits for
 * @param postDigest  a digest of the submitted post: a new submission with another digest is an edit, which the store
 *                    must see as a new revision even when the decision is the same; null while the post was submitted
 *                    once (made from the stored submission when it is submitted again)
 * @param emitted     the decision last sent to {@code posts.deduplicated}, or null
 * @param revisionEpoch when the assembler began counting the post's revisions: the receipt time of the delivery
 *                    that found it without progress, sent with every decision as
 *                    {@code DeduplicatedPost.revisionEpoch}; null in progress stored before this field existed
 * @param keptFrom    the time the post is remembered by (its publication, or its first receipt when later:
 *                    {@code Watermark.memoryTime}), its time index entry; null in progress stored before this field
 *                    existed, read as {@code publishedAt}
 */
public record AssemblyProgress(Instant publishedAt, List<Submission.Expected> expected, String postDigest,
        Emitted emitted, Instant revisionEpoch, Instant keptFrom) {

    public AssemblyProgress {
        expected = List.copyOf(expected);
        if (keptFrom == null) {
            keptFrom = publishedAt;
        }
    }

    /**
     * A decision as sent, without the post.
     *
     * @param postDigest the digest of the post it was sent with; null when sent with the first submitted post and no
     *                   other was submitted yet
     */
    public record Emitted(List<Integer> kept, List<RemovedParagraph> removed, PostStatus status, String duplicateOf,
            int revision, String postDigest) {

        public Emitted {
            kept = List.copyOf(kept);
            removed = List.copyOf(removed);
        }
    }
}
