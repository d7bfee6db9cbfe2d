package newsfeed.ingest.feed;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.api.BodyDecoder;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.webpreview.TelegramPreviewParser;

/**
 * What one poll of a Telegram channel subscription reads from the channel's public web preview
 * ({@code https://t.me/s/<channel>}): the page at the subscription's URL, the channel's newest posts (about 20), each
 * a {@link RawPost} as {@link TelegramPreviewParser} reads it; postIds {@code <source>:<message id>}, or
 * {@code <source>:<subscription id>/<message id>} when the subscription's message ids are qualified because another
 * subscription has its source ({@link FeedSubscription#scopedAmong}).
 *
 * <p>Later polls read that page only: a new post on it is published, and so is a post whose text changed (an edit),
 * under its postId, which downstream stages make a revision ({@link SeenItems} compares content). An edit to a post
 * no longer on the newest page is not seen.
 *
 * <p>The first poll of a subscription (nothing seen yet) publishes the newest {@code backfill} posts: when the page
 * holds fewer, it reads older pages, {@code <url>?before=<smallest id read>}, as the preview's own "load more" does,
 * until it has {@code backfill} posts or a page adds none. The other posts of the newest page are marked seen
 * without being published, so that a backfill of 0 publishes only posts that appear after the subscription.
 */
final class ChannelPages {

    /**
     * The posts of one poll.
     *
     * @param publish      the posts to publish when new or changed, in id order
     * @param seenOnly     posts to mark seen without publishing (the first poll's posts beyond its backfill)
     * @param pagesFetched pages read, the first included
     */
    record Read(List<RawPost> publish, List<RawPost> seenOnly, int pagesFetched) {
    }

    private final TelegramPreviewParser parser = new TelegramPreviewParser();
    private final FeedFetcher fetcher;

    ChannelPages(FeedFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * @param subscription a channel subscription ({@link FeedSubscription#isTelegramChannel()})
     * @param firstPage    the answer (2xx) to the subscription's URL
     * @param firstPoll    whether nothing of the channel has been seen yet: then {@code backfill} decides
     * @param receivedAt   the poll's start, the posts' {@code receivedAt}
     * @throws FeedException {@code parse-error} when a page is not a preview page with messages in it (a channel
     *                       that does not exist answers the preview's front page), {@code decode-error} for bytes
     *                       invalid in the page's charset, or the fetch's kind for an older page that fails
     */
    Read read(FeedSubscription subscription, FeedFetcher.Response firstPage, boolean firstPoll, Instant receivedAt) {
        List<RawPost> newest = posts(subscription, firstPage, receivedAt);
        if (newest.isEmpty()) {
            throw new FeedException(FeedException.PARSE_ERROR, "channel " + subscription.url()
                    + ": the page shows no message (no such public channel, or its preview is off)");
        }
        if (!firstPoll) {
            return new Read(newest, List.of(), 1);
        }
        Map<String, RawPost> read = new LinkedHashMap<>();
        newest.forEach(post -> read.put(post.postId(), post));
        int pages = 1;
        while (read.size() < subscription.backfill()) {
            long oldest = read.values().stream().mapToLong(ChannelPages::messageId).min().orElseThrow();
            URI older = URI.create(subscription.url() + "?before=" + oldest);
            FeedFetcher.Response page = fetcher.fetch(older, null, null);
            pages++;
            if (page.status() < 200 || page.status() > 299) {
                throw new FeedException(Integer.toString(page.status()), "channel " + subscription.url()
                        + ": HTTP " + page.status() + " for the older posts before " + oldest);
            }
            int before = read.size();
            for (RawPost post : posts(subscription, page, receivedAt)) {
                if (messageId(post) < oldest) {
                    read.putIfAbsent(post.postId(), post);
                }
            }
            if (read.size() == before) {
                break; // the channel's first post is read
            }
        }
        List<RawPost> byId = new ArrayList<>(read.values());
        byId.sort(Comparator.comparingLong(ChannelPages::messageId));
        int from = Math.max(0, byId.size() - subscription.backfill());
        return new Read(byId.subList(from, byId.size()), byId.subList(0, from), pages);
    }

    private List<RawPost> posts(FeedSubscription subscription, FeedFetcher.Response page, Instant receivedAt) {
        String html;
        try {
            html = BodyDecoder.decode(page.body(), page.contentType());
        } catch (InvalidRequestException e) {
            throw new FeedException(FeedException.DECODE_ERROR, "channel " + subscription.url() + ": "
                    + String.join("; ", e.error().details()));
        }
        List<RawPost> posts;
        try {
            posts = parser.parse(html, subscription.source(), receivedAt);
        } catch (IllegalArgumentException e) {
            throw new FeedException(FeedException.PARSE_ERROR, "channel " + subscription.url() + ": "
                    + e.getMessage());
        }
        String qualifier = subscription.itemIdQualifier();
        if (qualifier == null) {
            return posts;
        }
        return posts.stream().map(post -> {
            String externalId = qualifier + "/" + post.externalId();
            return new RawPost(PostId.of(post.source(), externalId), post.source(), externalId, post.sourceType(),
                    post.receivedAt(), post.publishedAt(), post.title(), post.url(), post.contentType(), post.body(),
                    post.attributes());
        }).toList();
    }

    /**
     * The message id, the externalId the preview gives every post ({@code data-post="<channel>/<id>"}), after the
     * subscription's qualifier if it has one.
     */
    private static long messageId(RawPost post) {
        String externalId = post.externalId();
        try {
            return Long.parseLong(externalId.substring(externalId.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a number: never a "before" bound, kept as newest
        }
    }
}
