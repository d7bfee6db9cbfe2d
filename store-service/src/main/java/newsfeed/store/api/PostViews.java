package newsfeed.store.api;

import java.time.Instant;
import java.util.List;
import newsfeed.contracts.Dateline;

/** JSON shapes of the read API (DESIGN §6), camelCase. */
public final class PostViews {

    private PostViews() {
    }

    /**
     * A post in a listing.
     *
     * @param publishedAtFallback true when the source gave no (parseable) date and the post no dateline:
     *                            {@code publishedAt} is then when it was received
     * @param publishedAtClamped  true when the date the source gave lay further in the future than ingest allows, or
     *                            before year 1: {@code publishedAt} is then when it was received
     * @param publishedAtDerived  true when {@code publishedAt} is a day the post's text gives (its dateline, or a date
     *                            closing its headline) at 00:00 UTC, plus the post's position in its text dump in
     *                            milliseconds, not a time its source gave
     * @param publishedAtZoneAssumed true when the date the source gave had no time zone and was read as UTC
     * @param author              the post's author as its source names it (a channel post's signature, a feed item's
     *                            author), or null
     * @param mediaType           the kind of media the post carries, in its source's terms ({@code photo},
     *                            {@code poll}, {@code audio/mpeg}), or null
     * @param editedAt            when the source says the post was last edited, or null
     * @param revision     dedup's revision of the post within its revision epoch: it starts again at 1 when dedup
     *                     decides the post after forgetting it (past its retention); {@code eventId} orders the
     *                     stored versions
     * @param keptCount    paragraphs kept
     * @param removedCount paragraphs removed (any reason)
     * @param body         the kept paragraphs, in order, separated by a blank line
     * @param eventId      the number of the post's last store event (insert or revision), as in the event stream
     * @param storyId      the post's story: the postId of the earliest post linked to it through removed paragraphs
     *                     (contracts {@code StoryClusters}), its own postId when it is linked to none; never null
     */
    public record Summary(String postId, String source, String title, String url, Instant publishedAt,
            boolean publishedAtFallback, boolean publishedAtClamped, boolean publishedAtDerived,
            boolean publishedAtZoneAssumed, String author, String mediaType, Instant editedAt, Instant receivedAt,
            Instant storedAt, Instant revisedAt, String status, String duplicateOf, int revision,
            List<String> hashtags, Dateline dateline, String forwardedFrom, int keptCount, int removedCount,
            String body, long eventId, String storyId) {
    }

    /** A kept paragraph. */
    public record KeptParagraph(int position, String text, String kind) {
    }

    /** A removed paragraph, with where its kept copy is. */
    public record RemovedParagraph(int position, String text, String kind, String reason, String duplicateOf,
            Integer duplicateOfPosition, Double similarity) {
    }

    /**
     * One post with its paragraphs: {@code paragraphs} are the kept ones in order, {@code removed} the others; the
     * other fields as in {@link Summary}.
     */
    public record Detail(String postId, String source, String title, String url, Instant publishedAt,
            boolean publishedAtFallback, boolean publishedAtClamped, boolean publishedAtDerived,
            boolean publishedAtZoneAssumed, String author, String mediaType, Instant editedAt, Instant receivedAt,
            Instant storedAt, Instant revisedAt, String status, String duplicateOf, int revision,
            List<String> hashtags, List<String> links, Dateline dateline, String forwardedFrom, int normalizerVersion,
            long eventId, String storyId, List<KeptParagraph> paragraphs, List<RemovedParagraph> removed) {

        /** The characters of its texts: paragraphs kept and removed, title, url, author, links and the like. */
        public long textLength() {
            long length = length(postId) + length(source) + length(title) + length(url) + length(author)
                    + length(mediaType) + length(duplicateOf) + length(forwardedFrom) + length(storyId)
                    + (dateline == null ? 0 : length(dateline.place()));
            for (String s : hashtags) {
                length += s.length();
            }
            for (String s : links) {
                length += s.length();
            }
            for (KeptParagraph p : paragraphs) {
                length += p.text().length();
            }
            for (RemovedParagraph p : removed) {
                length += p.text().length() + length(p.duplicateOf());
            }
            return length;
        }

        private static long length(String text) {
            return text == null ? 0 : text.length();
        }
    }

    /** A post of a story, as a story lists it. */
    public record StoryPost(String postId, String source, String title, Instant publishedAt, String status) {
    }

    /**
     * A story: posts linked by removed paragraphs (contracts {@code StoryClusters}).
     *
     * @param storyId          the postId of its earliest post (publishedAt, then postId)
     * @param postCount        how many posts it has
     * @param firstPublishedAt the publication time of its earliest post
     * @param lastPublishedAt  the publication time of its newest post, by which stories are listed
     * @param sources          the sources of its posts, in code point order
     * @param posts            its newest posts, newest first, at most {@code StoriesResource.POSTS_PER_STORY}; all
     *                         of them are listed by {@code GET /api/posts?story=<storyId>}
     */
    public record Story(String storyId, int postCount, Instant firstPublishedAt, Instant lastPublishedAt,
            List<String> sources, List<StoryPost> posts) {
    }

    /** A page of stories, newest first; {@code next} is the cursor of the following page, null on the last. */
    public record StoryPage(List<Story> items, String next) {
    }

    /** A page of a listing, newest first; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<Summary> items, String next) {
    }
}
