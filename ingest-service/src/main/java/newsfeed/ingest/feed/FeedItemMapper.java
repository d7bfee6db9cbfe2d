package newsfeed.ingest.feed;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.text.WebLinks;
import newsfeed.ingest.feed.FeedParser.FeedItem;
import newsfeed.ingest.net.UriReferences;
import newsfeed.ingest.normalize.HtmlText;

/**
 * Makes the {@link RawPost}s of a feed document's items (DESIGN §3):
 * <ul>
 *   <li>{@code postId} {@code <source>:<externalId>}, the externalId from {@link ItemIdentity.InDocument} (items of
 *       the document that share an id and differ in content are told apart);</li>
 *   <li>{@code sourceType} {@code rss} or {@code atom};</li>
 *   <li>{@code url} the item's canonical link ({@link ItemIdentity#canonicalLink}, relative links resolved against
 *       the item's {@code xml:base} by {@link FeedParser}, then against the URL the feed was fetched from), null
 *       when the item has no http(s) link;</li>
 *   <li>{@code publishedAt} from {@link FeedDates}; when the item has a date that does not parse,
 *       {@code publishedAt} is null and the raw string is kept in {@link RawPost#ATTR_UNPARSED_DATE};</li>
 *   <li>{@code title}, {@code body}, {@code contentType} as {@link FeedParser} read them;</li>
 *   <li>attributes: {@link RawPost#ATTR_LINKS} (enclosures and related links, resolved, one per line),
 *       {@value #ATTR_FEED_URL} (the subscription's URL) and {@value #ATTR_FEED_ID} (its id);
 *       {@link RawPost#ATTR_AUTHOR} (the item's author), {@link RawPost#ATTR_MEDIA_TYPE} (its first enclosure's MIME
 *       type) and {@link RawPost#ATTR_ZONE_ASSUMED} (its date named no zone and was read as UTC) when they apply.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class FeedItemMapper {

    /** Attribute: the URL of the subscription the item came from. */
    public static final String ATTR_FEED_URL = "feed.url";
    /** Attribute: the id of the subscription the item came from. */
    public static final String ATTR_FEED_ID = "feed.id";

    private FeedItemMapper() {
    }

    /**
     * @param subscription the feed's subscription (source slug, id, URL)
     * @param sourceType   {@code rss} or {@code atom}
     * @param items        the items of one document, in document order
     * @param base         the URL the document was fetched from (after redirects), for relative links
     * @param receivedAt   when this poll fetched the document
     * @return one post per item, in the same order (repeats of an item included: {@link SeenItems} drops them)
     */
    public static List<RawPost> toRawPosts(FeedSubscription subscription, SourceType sourceType, List<FeedItem> items,
            URI base, Instant receivedAt) {
        ItemIdentity.InDocument identities = new ItemIdentity.InDocument(subscription.itemIdQualifier());
        List<RawPost> posts = new ArrayList<>(items.size());
        for (FeedItem item : items) {
            posts.add(toRawPost(subscription, sourceType, item, identities, base, receivedAt));
        }
        return posts;
    }

    private static RawPost toRawPost(FeedSubscription subscription, SourceType sourceType, FeedItem item,
            ItemIdentity.InDocument identities, URI base, Instant receivedAt) {
        String identityLink = ItemIdentity.canonicalLink(item.link(), base);
        String externalId = identities.externalId(item.id(), identityLink, item.title(), item.body());
        // the link as browsers read it (a space encoded) is the post's url, and the identity is the link as given, so
        // that the encoding alone gives no item a new postId (a helper's trial: such a url was dropped)
        String url = ItemIdentity.canonicalLink(asBrowsers(item.link()), base);

        Map<String, String> attributes = new LinkedHashMap<>();
        FeedDates.Reading publishedAt = FeedDates.read(item.date());
        if (publishedAt.unparseable()) {
            attributes.put(RawPost.ATTR_UNPARSED_DATE, item.date());
        }
        if (publishedAt.zoneAssumed()) {
            attributes.put(RawPost.ATTR_ZONE_ASSUMED, "true");
        }
        if (item.author() != null) {
            attributes.put(RawPost.ATTR_AUTHOR, item.author());
        }
        if (item.mediaType() != null) {
            attributes.put(RawPost.ATTR_MEDIA_TYPE, item.mediaType());
        }
        Set<String> links = new LinkedHashSet<>();
        for (String link : item.links()) {
            String resolved = resolve(link, base);
            if (resolved != null && !resolved.equals(url)) {
                links.add(resolved);
            }
        }
        if (!links.isEmpty()) {
            attributes.put(RawPost.ATTR_LINKS, String.join("\n", links));
        }
        String contentBase = RawPost.TEXT_HTML.equals(item.contentType()) && HtmlText.hasRelativeLinks(item.body())
                ? contentBase(item.base(), base) : null;
        if (contentBase != null) {
            attributes.put(RawPost.ATTR_CONTENT_BASE, contentBase);
        }
        attributes.put(ATTR_FEED_URL, subscription.url());
        attributes.put(ATTR_FEED_ID, subscription.id());

        return new RawPost(PostId.of(subscription.source(), externalId), subscription.source(), externalId,
                sourceType, receivedAt, publishedAt.instant(), item.title(), url, item.contentType(), item.body(),
                attributes);
    }

    /**
     * What the relative links of an item's HTML resolve against ({@link RawPost#ATTR_CONTENT_BASE}): its XML base
     * resolved against the document's address (RFC 4287 §2, RFC 3986 §5.1), or that address; null when that is no
     * absolute web address.
     */
    private static String contentBase(String xmlBase, URI document) {
        URI base = xmlBase == null ? document
                : document == null ? UriReferences.parse(xmlBase)
                : UriReferences.resolveOrNull(document, UriReferences.parse(xmlBase));
        return base != null && WebLinks.isWeb(base.toString()) ? base.toString() : null;
    }

    /**
     * A link read as browsers read it ({@link UriReferences#parseAsBrowsers}: a space percent-encoded) and resolved
     * against the feed's URL by RFC 3986 §5.2, without other changes; null when it is relative without a base, or no
     * URI and no URL.
     */
    private static String resolve(String link, URI base) {
        String value = link.strip();
        URI uri = UriReferences.parseAsBrowsers(value);
        if (uri == null) {
            return value.contains("://") ? value : null;
        }
        if (uri.isAbsolute()) {
            return uri.toString();
        }
        URI target = UriReferences.resolveOrNull(base, uri);
        return target == null ? null : target.toString();
    }

    /** A link as browsers read it ({@link UriReferences#parseAsBrowsers}), or as written when it is none so. */
    private static String asBrowsers(String link) {
        URI uri = link == null ? null : UriReferences.parseAsBrowsers(link);
        return uri == null ? link : uri.toString();
    }
}
