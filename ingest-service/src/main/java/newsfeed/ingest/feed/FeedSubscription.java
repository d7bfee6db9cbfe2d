package newsfeed.ingest.feed;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.Topics;

/**
 * A feed to poll: the value on {@link Topics#FEEDS_SUBSCRIPTIONS} (key {@link #id()}, JSON, a tombstone deletes it)
 * and the body of {@code 201} answers.
 *
 * @param id              16 hex digits derived from the URL ({@link #idOf(String)}): one subscription per feed URL,
 *                        and the same id on every instance and every retry
 * @param url             absolute http(s) URL of the RSS/Atom document
 * @param intervalSeconds seconds between polls when the feed answers; within
 *                        {@code newsfeed.feeds.min-interval}..{@code max-interval}
 * @param source          source slug of the feed's posts ({@code PostId.SOURCE_PATTERN}); postIds are
 *                        {@code <source>:<externalId>}
 * @param createdAt       when the subscription was first created
 * @param title           the feed's name for people (an OPML outline's {@code title} or {@code text}), at most
 *                        {@value FeedLabels#MAX_TITLE_LENGTH} characters; null when none was given (and in records
 *                        written before titles existed)
 * @param category        the folder the feed is filed under, a path of names joined by {@code /} ({@code News/World},
 *                        {@link FeedLabels#category(String)}); null for none (and in records written before categories
 *                        existed)
 * @param kind            what {@code url} serves: {@value #KIND_FEED} (RSS/Atom, also when null: records written
 *                        before this field) or {@value #KIND_TELEGRAM} (a public channel's web preview,
 *                        {@code https://t.me/s/<channel>}, read by {@code TelegramPreviewParser})
 * @param backfill        for a channel: how many of its existing posts the first poll publishes, newest first,
 *                        reading older preview pages ({@code ?before=<id>}) as needed; 0 for feeds, which publish
 *                        every item of their document
 * @param itemIdScope     {@value #ITEM_IDS_PER_FEED} when an item's own id that is not a URI (an RSS guid such as
 *                        {@code 1}) names its post only together with this feed's id ({@code <source>:<id>/<guid>},
 *                        {@link ItemIdentity}; a channel's message ids likewise, {@link ChannelPages}), because
 *                        another subscription had this source when it was given ({@link #scopedAmong}) or the request
 *                        said so; {@value #ITEM_IDS_PER_SOURCE} when such ids name posts alone
 *                        ({@code <source>:<guid>}); null as {@value #ITEM_IDS_PER_SOURCE}, in every record written
 *                        before this field (and in every channel's before channels were scoped)
 */
public record FeedSubscription(String id, String url, int intervalSeconds, String source, Instant createdAt,
        String title, String category, String kind, int backfill, String itemIdScope) {

    /** {@link #kind()} of an RSS/Atom feed. */
    public static final String KIND_FEED = "feed";
    /** {@link #kind()} of a Telegram channel followed through its web preview. */
    public static final String KIND_TELEGRAM = "telegram";
    /** {@link #itemIdScope()} of a feed whose items' local ids are qualified by its id. */
    public static final String ITEM_IDS_PER_FEED = "feed";
    /** {@link #itemIdScope()} of a feed whose items' local ids name posts alone, within the source. */
    public static final String ITEM_IDS_PER_SOURCE = "source";

    /** An RSS/Atom feed subscription without title and category. */
    public FeedSubscription(String id, String url, int intervalSeconds, String source, Instant createdAt) {
        this(id, url, intervalSeconds, source, createdAt, null, null);
    }

    /** An RSS/Atom feed subscription. */
    public FeedSubscription(String id, String url, int intervalSeconds, String source, Instant createdAt,
            String title, String category) {
        this(id, url, intervalSeconds, source, createdAt, title, category, KIND_FEED, 0, null);
    }

    /** A subscription of either kind, its items' ids not qualified ({@link #scopedAmong} decides that). */
    public FeedSubscription(String id, String url, int intervalSeconds, String source, Instant createdAt,
            String title, String category, String kind, int backfill) {
        this(id, url, intervalSeconds, source, createdAt, title, category, kind, backfill, null);
    }

    /** {@link #kind()}, {@value #KIND_FEED} for records written before it existed. */
    public String kindOrFeed() {
        return kind == null ? KIND_FEED : kind;
    }

    /** Whether {@link #url()} is a Telegram channel's web preview rather than a feed document. */
    public boolean isTelegramChannel() {
        return KIND_TELEGRAM.equals(kind);
    }

    /**
     * The id of a feed URL: the first 16 hex digits of the SHA-256 of the URL with its scheme and host in lower case
     * (the rest is case-sensitive).
     */
    public static String idOf(String url) {
        String trimmed = url.strip();
        String key = trimmed;
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                int start = trimmed.indexOf("://") + 3;
                int end = start + uri.getRawAuthority().length();
                key = uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                        + uri.getRawAuthority().toLowerCase(Locale.ROOT) + trimmed.substring(end);
            }
        } catch (java.net.URISyntaxException e) {
            // the request reader rejects such URLs before an id is needed; hash them as written
        }
        return ItemIdentity.sha256(key).substring(0, 16);
    }

    /**
     * This subscription with other interval, source, title and category, keeping id, URL, creation time, kind,
     * backfill and item id scope (which {@link #scopedAmong} decides again when the source changes).
     */
    public FeedSubscription with(int newIntervalSeconds, String newSource, String newTitle, String newCategory) {
        return new FeedSubscription(id, url, newIntervalSeconds, newSource, createdAt, newTitle, newCategory, kind,
                backfill, itemIdScope);
    }

    /** This subscription under another id (a record whose key and id differ: the key wins). */
    FeedSubscription withId(String newId) {
        return new FeedSubscription(newId, url, intervalSeconds, source, createdAt, title, category, kind, backfill,
                itemIdScope);
    }

    /**
     * This subscription with its {@link #itemIdScope()} decided, the one rule for every way of subscribing. Items
     * of feeds sharing a source would share postIds whenever their guids are equal, and guids that are not URIs
     * ({@code 1}, {@code post-42}) are unique only within their feed (RSS 2.0 gives them no scope; Atom ids must be
     * IRIs, RFC 4287 §4.2.6): two blogs on one host, both subscribed without a {@code source} and both numbering
     * their items from 1, stored one post where there were two, the second replacing the first as its revision. So
     * a feed given a source that another feed already has gets {@value #ITEM_IDS_PER_FEED}: its local ids are
     * qualified by its own id. The first feed of a source keeps bare ids, and so does every subscription whose source
     * does not change, so that the postIds of what is stored never change; URI ids stay bare in every feed, so that
     * one article in two feeds of one publisher stays one post. A scope given by the request (or an OPML document
     * exported here) is taken as given, once {@link #itemIdScopeRefusal} has let it: a feed subscribed again after a
     * delete keeps its bare ids only so, as the other feeds of its source no longer tell which came first.
     * Telegram channels are subscriptions of the same rule: their message ids ({@code 101}) are local ids too.
     *
     * @param before the subscription as it was, or null for a new one
     * @param all    every subscription known (this one's earlier record among them or not)
     * @param given  the scope the request gives ({@value #ITEM_IDS_PER_FEED} or {@value #ITEM_IDS_PER_SOURCE}), or null
     * @return this subscription, its scope {@code given} when given; else kept from {@code before} when its source is
     *     {@code before}'s; else {@value #ITEM_IDS_PER_FEED} when another subscription of {@code all} has its source
     *     and {@value #ITEM_IDS_PER_SOURCE} otherwise; a Telegram channel's message ids are scoped alike, as two
     *     channels (or a channel and a feed of bare guids) of one source number their posts alike
     */
    public FeedSubscription scopedAmong(FeedSubscription before, Collection<FeedSubscription> all, String given) {
        String scope;
        if (given != null) {
            scope = given;
        } else if (before != null && before.source().equals(source)) {
            scope = before.itemIdScope();
        } else {
            boolean shared = all.stream().anyMatch(other -> !other.id().equals(id) && other.source().equals(source));
            scope = shared ? ITEM_IDS_PER_FEED : ITEM_IDS_PER_SOURCE;
        }
        return Objects.equals(scope, itemIdScope) ? this : new FeedSubscription(id, url, intervalSeconds, source,
                createdAt, title, category, kind, backfill, scope);
    }

    /**
     * Why a scope the request gives cannot be this subscription's: the rule's other half, beside
     * {@link #scopedAmong}. A subscription keeps its scope while its source stays, as its posts' ids depend on it:
     * changed, every item still in the feed would be stored again under other ids (a review). And {@value
     * #ITEM_IDS_PER_SOURCE} cannot be given where another subscription already names posts of the source by bare ids
     * (a feed or Telegram channel of that scope), as two items with one guid would be one post again (a review:
     * a merged OPML document did that).
     *
     * @param before the subscription as it was, or null for a new one
     * @param all    every subscription known
     * @param given  the scope the request gives, or null
     * @return the refusal, naming the subscription and what to do instead; null when the scope may be given
     */
    public String itemIdScopeRefusal(FeedSubscription before, Collection<FeedSubscription> all, String given) {
        if (given == null) {
            return null;
        }
        if (before != null && before.source().equals(source) && !given.equals(before.effectiveItemIdScope())) {
            return "itemIdScope of subscription " + id + " is \"" + before.effectiveItemIdScope() + "\", and stays "
                    + "while its source does: its posts' ids depend on it (changed, every item still in the feed would"
                    + " be stored again under other ids); delete the subscription and subscribe again to change it";
        }
        if (ITEM_IDS_PER_SOURCE.equals(given)) {
            for (FeedSubscription other : all) {
                if (!other.id().equals(id) && other.source().equals(source)
                        && !ITEM_IDS_PER_FEED.equals(other.itemIdScope())) {
                    return "itemIdScope \"" + ITEM_IDS_PER_SOURCE + "\": subscription " + other.id() + " ("
                            + other.url() + ") already names posts of source " + source + " by bare ids, and two "
                            + "items with one guid would be one post; give \"" + ITEM_IDS_PER_FEED
                            + "\" or another source";
                }
            }
        }
        return null;
    }

    /** {@link #itemIdScope()}, records older than scopes reading as {@value #ITEM_IDS_PER_SOURCE}. */
    public String effectiveItemIdScope() {
        return itemIdScope == null ? ITEM_IDS_PER_SOURCE : itemIdScope;
    }

    /** {@link #scopedAmong(FeedSubscription, Collection, String)} with no scope given. */
    public FeedSubscription scopedAmong(FeedSubscription before, Collection<FeedSubscription> all) {
        return scopedAmong(before, all, null);
    }

    /**
     * @return why {@code value} is not a scope a request may give, naming {@code what}; null when it is one
     */
    public static String itemIdScopeProblem(String what, String value) {
        return ITEM_IDS_PER_FEED.equals(value) || ITEM_IDS_PER_SOURCE.equals(value) ? null
                : what + " must be \"" + ITEM_IDS_PER_SOURCE + "\" (a guid that is not a URI names its post within the "
                        + "source) or \"" + ITEM_IDS_PER_FEED + "\" (within the feed), got " + ApiError.quote(value);
    }

    /** The feed id that qualifies its items' local ids, or null when they name posts alone. */
    public String itemIdQualifier() {
        return ITEM_IDS_PER_FEED.equals(itemIdScope) ? id : null;
    }
}
