package newsfeed.dedup.message;

import java.time.Instant;
import java.util.List;

/**
 * A judge partition's verdicts on paragraphs of one post, keyed by postId: all of them when the post's claims arrive,
 * or the ones that changed when another post's claims arrived (a late older post, a withdrawal).
 *
 * @param postId      the judged post
 * @param partition   the judge partition that speaks
 * @param publishedAt the judged post's publication time (for state expiry)
 * @param verdicts    one per paragraph; a later verdict for the same (position, partition) replaces an earlier one
 */
public record VerdictBatch(String postId, int partition, Instant publishedAt, List<ParagraphVerdict> verdicts)
        implements DedupMessage {

    public VerdictBatch {
        verdicts = List.copyOf(verdicts);
    }
}
