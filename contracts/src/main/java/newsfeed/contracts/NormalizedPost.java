package newsfeed.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A post after normalization: the value on {@link Topics#POSTS_NORMALIZED} (DESIGN §3, §4).
 *
 * @param postId            {@code <source>:<externalId>}; the Kafka key
 * @param source            source slug
 * @param publishedAt       publication time: the source's own, else the dateline's date at 00:00 UTC, else
 *                          {@code receivedAt}
 * @param receivedAt        when ingest-service accepted the raw post
 * @param title             the source's title; where it has none, the first paragraph's text (which stays in
 *                          {@code paragraphs}); either cut to at most 300 UTF-16 code units ending with {@code …}
 *                          (the normalizer's {@code Titles})
 * @param url               link to the original, if any
 * @param paragraphs        the paragraphs in reading order, positions 0..n-1
 * @param hashtags          every distinct {@code #tag} in the post, without the {@code #}, in order of first use
 * @param links             URLs of dropped link-text boilerplate ({@code Read in full}) and other links
 * @param dateline          the first dateline of the post, if any
 * @param forwardedFrom     X of a {@code Forwarded from X} header, if any
 * @param normalizerVersion version of the normalization rules that produced this record
 * @param publishedAtFallback true when the source gave no date and no dateline: {@code publishedAt} is then
 *                          {@code receivedAt}, which changes when the post is received again, so dedup keeps the
 *                          first one it saw
 * @param publishedAtClamped true when the date the source gave (or its dateline's) lay further in the future than
 *                          ingest allows ({@code newsfeed.normalizer.future-allowance}) or before year 1
 *                          ({@link InstantRange}): {@code publishedAt} is then the receipt time instead, which dedup
 *                          treats like a fallback; false in records written before this field existed
 * @param publishedAtDerived true when {@code publishedAt} is a day the post's text gives, not a time its source gave:
 *                          the date of its dateline or of a date closing its headline, at 00:00 UTC, plus, for a
 *                          post of a text dump, its position in the dump in milliseconds (so that a dump's posts of
 *                          one day are "earlier" in the dump's order); false in records written before this field
 *                          existed
 * @param publishedAtZoneAssumed true when the date the source gave had no time zone and was read as UTC
 *                          ({@link RawPost#ATTR_ZONE_ASSUMED}); false in records written before this field existed
 * @param author            the post's author as the source names it (a channel post's signature, a feed item's
 *                          author), or null ({@link RawPost#ATTR_AUTHOR})
 * @param mediaType         the kind of media the post carries, in the source's terms ({@code photo}, {@code poll},
 *                          {@code audio/mpeg}), or null ({@link RawPost#ATTR_MEDIA_TYPE})
 * @param editedAt          when the source says the post was last edited, or null ({@link RawPost#ATTR_EDITED_AT})
 */
public record NormalizedPost(
        String postId,
        String source,
        Instant publishedAt,
        Instant receivedAt,
        String title,
        String url,
        List<Paragraph> paragraphs,
        List<String> hashtags,
        List<String> links,
        Dateline dateline,
        String forwardedFrom,
        int normalizerVersion,
        boolean publishedAtFallback,
        boolean publishedAtClamped,
        boolean publishedAtDerived,
        boolean publishedAtZoneAssumed,
        String author,
        String mediaType,
        Instant editedAt) {

    public NormalizedPost {
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /**
     * A post whose {@code publishedAt} is not derived from its text nor read with an assumed zone, without author,
     * media type or edit time.
     */
    public NormalizedPost(String postId, String source, Instant publishedAt, Instant receivedAt, String title,
            String url, List<Paragraph> paragraphs, List<String> hashtags, List<String> links, Dateline dateline,
            String forwardedFrom, int normalizerVersion, boolean publishedAtFallback, boolean publishedAtClamped) {
        this(postId, source, publishedAt, receivedAt, title, url, paragraphs, hashtags, links, dateline, forwardedFrom,
                normalizerVersion, publishedAtFallback, publishedAtClamped, false, false, null, null, null);
    }

    /** As the constructor above, with {@code publishedAt} not clamped either. */
    public NormalizedPost(String postId, String source, Instant publishedAt, Instant receivedAt, String title,
            String url, List<Paragraph> paragraphs, List<String> hashtags, List<String> links, Dateline dateline,
            String forwardedFrom, int normalizerVersion, boolean publishedAtFallback) {
        this(postId, source, publishedAt, receivedAt, title, url, paragraphs, hashtags, links, dateline, forwardedFrom,
                normalizerVersion, publishedAtFallback, false);
    }

    /**
     * True when {@code publishedAt} stands in for a date the post lacks (a fallback) or gave too far in the future (a
     * clamp): it is then a receipt time, which a later receipt of the same post would change.
     */
    public boolean publishedAtFromReceipt() {
        return publishedAtFallback || publishedAtClamped;
    }

    /**
     * This post with another publication time and the flags that say where it came from ({@code publishedAtFallback},
     * {@code publishedAtClamped}, {@code publishedAtDerived}, {@code publishedAtZoneAssumed}): an edit dated by its
     * receipt takes the date of the version before it, and that date's flags with it.
     */
    public NormalizedPost withPublication(Instant newPublishedAt, boolean fallback, boolean clamped, boolean derived,
            boolean zoneAssumed) {
        return new NormalizedPost(postId, source, newPublishedAt, receivedAt, title, url, paragraphs, hashtags, links,
                dateline, forwardedFrom, normalizerVersion, fallback, clamped, derived, zoneAssumed, author, mediaType,
                editedAt);
    }

    /** This post with other publication and receipt times. */
    public NormalizedPost withTimes(Instant newPublishedAt, Instant newReceivedAt) {
        return new NormalizedPost(postId, source, newPublishedAt, newReceivedAt, title, url, paragraphs, hashtags, links,
                dateline, forwardedFrom, normalizerVersion, publishedAtFallback, publishedAtClamped, publishedAtDerived,
                publishedAtZoneAssumed, author, mediaType, editedAt);
    }
}
