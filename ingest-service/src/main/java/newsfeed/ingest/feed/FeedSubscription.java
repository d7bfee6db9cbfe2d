package newsfeed.ingest.feed;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
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
 */
public record FeedSubscription(String id, String url, int intervalSeconds, String source, Instant createdAt,
        String title, String category) {

    /** A subscription without title and category. */
    public FeedSubscription(String id, String url, int intervalSeconds, String source, Instant createdAt) {
        this(id, url, intervalSeconds, source, createdAt, null, null);
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

    /** This subscription with other interval, source, title and category, keeping id, URL and creation time. */
    public FeedSubscription with(int newIntervalSeconds, String newSource, String newTitle, String newCategory) {
        return new FeedSubscription(id, url, newIntervalSeconds, newSource, createdAt, newTitle, newCategory);
    }

    /** This subscription under another id (a record whose key and id differ: the key wins). */
    FeedSubscription withId(String newId) {
        return new FeedSubscription(newId, url, intervalSeconds, source, createdAt, title, category);
    }
}
