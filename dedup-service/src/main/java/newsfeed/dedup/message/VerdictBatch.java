package newsfeed.dedup.message;

import java.time.Instant;
import java.util.List;

/**
 * A judge partition's verdicts on paragraphs of one post, keyed by postId: all of them when the post's claims arrive,
 * or the ones that changed when another post's claims arrived (a late older post, a withdrawal).
 *
 * @param postId      the judged post
 * @param partition   the judge partition that speaks
 * @param publishedAt the judged post's publication time
 * @param verdicts    one per paragraph; a later verdict for the same (position, partition) replaces an earlier one
 * @param keptFrom    the time the judged post is remembered by (its publication, or its first receipt when later:
 *                    {@code Watermark.memoryTime}), for state expiry; null in batches written before it was carried,
 *                    read as {@code publishedAt}
 */
public record VerdictBatch(String postId, int partition, Instant publishedAt, List<ParagraphVerdict> verdicts,
        Instant keptFrom) implements DedupMessage {

    public VerdictBatch {
        verdicts = List.copyOf(verdicts);
        if (keptFrom == null) {
            keptFrom = publishedAt;
        }
    }

    /** Verdicts on a post remembered by its publication time. */
    public VerdictBatch(String postId, int partition, Instant publishedAt, List<ParagraphVerdict> verdicts) {
        this(postId, partition, publishedAt, verdicts, null);
    }
}
