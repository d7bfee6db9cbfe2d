package newsfeed.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A normalized post with dedup-service's decision: the value on {@link Topics#POSTS_DEDUPLICATED} (DESIGN §3).
 *
 * @param post          the normalized post, unchanged
 * @param kept          positions of the paragraphs kept, ascending
 * @param removed       the removed paragraphs, by ascending position; {@code kept} and {@code removed} partition the
 *                      post's positions
 * @param status        how much survived cross-post dedup
 * @param duplicateOf   for a {@link PostStatus#REPOST}, the post it reposts; else null
 * @param revision      1 for the first decision of the revision epoch; increases each time a later decision changes
 *                      this post
 * @param revisionEpoch when dedup-service began counting this post's revisions: the receipt time of the version of
 *                      the post that it first saw since it last forgot the post (its state expires after the
 *                      retention), so a post decided again after that starts a later epoch at revision 1; null in
 *                      records written before this field existed. Versions of a post are ordered by
 *                      {@link #version()}.
 */
public record DeduplicatedPost(
        NormalizedPost post,
        List<Integer> kept,
        List<RemovedParagraph> removed,
        PostStatus status,
        String duplicateOf,
        int revision,
        Instant revisionEpoch) {

    public DeduplicatedPost {
        kept = kept == null ? List.of() : List.copyOf(kept);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    /** A decision without a revision epoch, ordered before every decision that has one. */
    public DeduplicatedPost(NormalizedPost post, List<Integer> kept, List<RemovedParagraph> removed, PostStatus status,
            String duplicateOf, int revision) {
        this(post, kept, removed, status, duplicateOf, revision, null);
    }

    public String postId() {
        return post.postId();
    }

    /** Where this decision stands among the decisions of its post. */
    public PostVersion version() {
        return new PostVersion(revisionEpoch, revision);
    }
}
