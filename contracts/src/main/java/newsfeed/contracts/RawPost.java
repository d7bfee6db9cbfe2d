package newsfeed.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * A post exactly as a source delivered it: the value on {@link Topics#POSTS_RAW} (DESIGN §3).
 *
 * @param postId      {@code <source>:<externalId>}; the Kafka key
 * @param source      short slug of the source, e.g. {@code mid_rf}; see {@link PostId#SOURCE_PATTERN}
 * @param externalId  the source's own id of the post, or a content-derived one for text dumps
 * @param sourceType  how it arrived
 * @param receivedAt  when ingest-service accepted it
 * @param publishedAt when the source says it was published, if it says
 * @param title       the source's title, if it has one
 * @param url         canonical link to the post, if any
 * @param contentType {@code text/plain} or {@code text/html}
 * @param body        the text, verbatim (already decoded to a string)
 * @param attributes  source-specific extras (e.g. the position of a post within a dump); never null
 */
public record RawPost(
        String postId,
        String source,
        String externalId,
        SourceType sourceType,
        Instant receivedAt,
        Instant publishedAt,
        String title,
        String url,
        String contentType,
        String body,
        Map<String, String> attributes) {

    public static final String TEXT_PLAIN = "text/plain";
    public static final String TEXT_HTML = "text/html";

    /**
     * Attribute holding links that belong to the post but not to its text (a Telegram {@code text_link}'s href, a
     * feed item's enclosures), one URL per line; the normalizer adds them to {@link NormalizedPost#links()}.
     */
    public static final String ATTR_LINKS = "links";

    /**
     * Attribute holding a publication date the source gave but that could not be parsed; {@code publishedAt} is then
     * null, and the normalizer falls back to the dateline or to {@code receivedAt}.
     */
    public static final String ATTR_UNPARSED_DATE = "publishedAt.unparsed";

    /**
     * Attribute holding the 0-based position of the post within the dump it was imported from (text dumps), in the
     * dump's order, which is the channel's; the normalizer keeps that order among posts dated by their day only.
     */
    public static final String ATTR_DUMP_POSITION = "dump.position";

    /**
     * Attribute holding the post's author as its source names it: a Telegram channel post's signature
     * ({@code author} of the export, {@code tgme_widget_message_from_author} of the web preview), a feed item's author
     * ({@code dc:creator}, RSS {@code author}, Atom {@code author/name}); the normalizer makes it
     * {@link NormalizedPost#author()}.
     */
    public static final String ATTR_AUTHOR = "author";

    /**
     * Attribute holding the kind of media the post carries, in the source's own terms: Telegram's {@code media_type}
     * ({@code photo}, {@code video_file}, {@code sticker}, {@code poll}, ...), a feed item's first enclosure's MIME
     * type;
     * the normalizer makes it {@link NormalizedPost#mediaType()}.
     */
    public static final String ATTR_MEDIA_TYPE = "media.type";

    /**
     * Attribute holding when the source says the post was last edited, an ISO-8601 instant
     * ({@code 2025-03-03T15:00:00Z}); the normalizer makes it {@link NormalizedPost#editedAt()} and refuses the post
     * when it is not one.
     */
    public static final String ATTR_EDITED_AT = "editedAt";

    /**
     * Attribute set to {@code true} when the date the source gave had no time zone and {@code publishedAt} reads it
     * as UTC; the normalizer makes it {@link NormalizedPost#publishedAtZoneAssumed()}.
     */
    public static final String ATTR_ZONE_ASSUMED = "publishedAt.zoneAssumed";

    /**
     * Attribute holding the absolute http(s) URL that relative references in an HTML body ({@code <a href>}) resolve
     * against (RFC 3986 §5.1): a feed item's {@code xml:base} resolved against the address its document was fetched
     * from, or that address; set only when the body has a relative link. Without it, a relative link of the body is
     * dropped from the post's links, as only absolute web links are kept ({@code WebLinks}).
     */
    public static final String ATTR_CONTENT_BASE = "content.base";

    public RawPost {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
