package newsfeed.contracts;

import java.util.List;

/**
 * A normalized post with dedup-service's decision: the value on {@link Topics#POSTS_DEDUPLICATED} (DESIGN §3).
 *
 * @param post        the normalized post, unchanged
 * @param kept        positions of the paragraphs kept, ascending
 * @param removed     the removed paragraphs, by ascending position; {@code kept} and {@code removed} partition the
 *                    post's positions
 * @param status      how much survived cross-post dedup
 * @param duplicateOf for a {@link PostStatus#REPOST}, the post it reposts; else null
 * @param revision    1 for the first decision; increases each time a later decision changes this post
 */
public record DeduplicatedPost(
        NormalizedPost post,
        List<Integer> kept,
        List<RemovedParagraph> removed,
        PostStatus status,
        String duplicateOf,
        int revision) {

    public DeduplicatedPost {
        kept = kept == null ? List.of() : List.copyOf(kept);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    public String postId() {
        return post.postId();
    }
}
