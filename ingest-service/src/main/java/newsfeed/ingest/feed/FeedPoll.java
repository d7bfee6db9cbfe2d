package newsfeed.ingest.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.feed.FeedParser.FeedItem;
import newsfeed.ingest.feed.FeedParser.ParsedFeed;
import newsfeed.ingest.net.GuardedHttpClient;
import newsfeed.ingest.normalize.EmptyPosts;
import org.jboss.logging.Logger;

/**
 * One poll of one feed, start to end: conditional GET ({@link FeedFetcher}), 304 → nothing to do; 200 → decode
 * ({@link FeedDecoder}), parse ({@link FeedParser}), map ({@link FeedItemMapper}), keep the items that are new or
 * changed ({@link SeenItems}) and publish them; any other status or any failure → recorded in the feed's status with
 * its reason and logged, and the next poll backed off ({@link PollSchedule}). A failure never escapes: one bad feed
 * cannot stop the others.
 *
 * <p>The validators ({@code ETag}, {@code Last-Modified}) of a document are kept only once its items are
 * published, so a poll whose publishing failed is retried with an unconditional GET rather than answered 304.
 *
 * <p>When an item is published, a date it has that does not parse is logged as a warning with its text (the post
 * goes without {@code publishedAt}, which the normalizer then decides), and a date without zone, read as UTC, is
 * logged at INFO ({@link FeedDates.Reading}): once per published version of the item, not at every poll.
 *
 * <p>Only the first {@code maxItems} items of a document, in document order (feeds list the newest first), are
 * taken; the rest are counted in the status ({@code lastItemsIgnored}) and logged; items of neither title, text
 * ({@link EmptyPosts}) nor link are counted there too. The error recorded in the status
 * is shown by {@code GET /api/feeds}, so it carries no internal detail; the log has the full cause.
 */
final class FeedPoll {

    private static final Logger LOG = Logger.getLogger(FeedPoll.class);

    /** Takes a feed's new items; returns once they are durably accepted (Kafka acknowledged), else throws. */
    interface Publisher {
        void publish(List<RawPost> posts);
    }

    /**
     * Keeps what a feed has published across restarts ({@link FeedMemory#remember}); returns once it is durable,
     * else throws.
     */
    interface Memory {
        void remember(FeedSubscription subscription, SeenItems seen);
    }

    /** What a poll did, for metrics: {@code published} records, and its outcome. */
    record Outcome(String status, int published, boolean failed) {
    }

    private final FeedFetcher fetcher;
    private final ChannelPages channelPages;
    private final Publisher publisher;
    private final Memory memory;
    private final Clock clock;
    private final FeedState.Pacing pacing;
    private final int maxItems;
    /** One document read at a time ({@link #read}). */
    private final Semaphore reading = new Semaphore(1);

    /**
     * A poll without jitter, freshness lifetimes counted up to a day.
     *
     * @param memory     where what was published is kept across restarts
     * @param maxBackoff longest delay after failures ({@link PollSchedule})
     * @param maxItems   most items taken from one document
     */
    FeedPoll(FeedFetcher fetcher, Publisher publisher, Memory memory, Clock clock, Duration maxBackoff,
            int maxItems) {
        this(fetcher, publisher, memory, clock, new FeedState.Pacing(maxBackoff, Duration.ofDays(1), 0), maxItems);
    }

    /**
     * @param memory   where what was published is kept across restarts
     * @param pacing   back-off, freshness cap and jitter ({@link PollSchedule})
     * @param maxItems most items taken from one document
     */
    FeedPoll(FeedFetcher fetcher, Publisher publisher, Memory memory, Clock clock, FeedState.Pacing pacing,
            int maxItems) {
        this.fetcher = fetcher;
        this.channelPages = new ChannelPages(fetcher);
        this.publisher = publisher;
        this.memory = memory;
        this.clock = clock;
        this.pacing = pacing;
        this.maxItems = maxItems;
    }

    /** Polls the feed of {@code state} (which the caller has {@link FeedState#tryStart started}) and records how it went. */
    Outcome run(FeedState state) {
        FeedSubscription subscription = state.subscription();
        Instant started = clock.instant();
        Duration retryAfter = null;
        try {
            FeedFetcher.Response response = fetcher.fetch(URI.create(subscription.url()), state.etag(),
                    state.lastModified());
            if (response.status() == 304) {
                LOG.debugf("feed %s %s: 304 Not Modified", subscription.id(), subscription.url());
                state.documents().lock();
                try {
                    rememberIfBehind(state); // a push may have published since
                } finally {
                    state.documents().unlock();
                }
                state.succeeded(started, clock.instant(), 304, null, null, null, null, 0, response.freshFor(),
                        pacing);
                return new Outcome("304", 0, false);
            }
            if (response.status() < 200 || response.status() > 299) {
                if (response.status() == 429 || response.status() == 503) {
                    retryAfter = response.retryAfter();
                }
                // a redirect is followed when it has a Location, so one here has none (a trial); a 300 is no redirect
                // followed, with or without one (a review)
                throw new FeedException(Integer.toString(response.status()), "feed " + subscription.url()
                        + ": HTTP " + response.status() + (retryAfter != null
                                ? " (Retry-After " + retryAfter.toSeconds() + " s)"
                                : GuardedHttpClient.isRedirect(response.status())
                                        ? " (a redirect without a Location header)" : ""));
            }
            if (subscription.isTelegramChannel()) {
                return channel(state, response, started);
            }
            Processed processed = process(state, new Document(response.body(), response.contentType(),
                    response.uri(), response.link(), started, true));
            state.succeeded(started, clock.instant(), response.status(), response.etag(), response.lastModified(),
                    processed.itemCount(), processed.ignored(), processed.published(), response.freshFor(), pacing);
            return new Outcome(Integer.toString(response.status()), processed.published(), false);
        } catch (FeedException e) {
            LOG.warnf("feed %s %s: poll failed (%s): %s%s", subscription.id(), subscription.url(), e.kind(),
                    e.getMessage(), e.getCause() == null ? "" : " [" + causes(e.getCause()) + "]");
            state.failed(started, clock.instant(), e.kind(), e.getMessage(), retryAfter, pacing);
            return new Outcome(e.kind(), 0, true);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.errorf(e, "feed %s %s: poll failed unexpectedly", subscription.id(), subscription.url());
            state.failed(started, clock.instant(), FeedException.INTERNAL_ERROR, "feed " + subscription.url()
                    + ": internal error, logged by the service", null, pacing);
            return new Outcome(FeedException.INTERNAL_ERROR, 0, true);
        }
    }

    /**
     * A feed document to process, fetched by a poll or pushed by a WebSub hub.
     *
     * @param body        the bytes as received (decompressed)
     * @param contentType the {@code Content-Type}, or null
     * @param uri         the URL it came from (after redirects; the feed's URL for a push), base of relative links
     * @param link        the {@code Link} header (WebSub discovery, §4), or null
     * @param receivedAt  when it was received: the posts' {@code receivedAt}
     * @param polled      true for a poll's document, whose hub and self links are kept; false for a push, which may
     *                    be a partial document (a hub's "fat ping" of new entries) and so changes no link
     */
    record Document(byte[] body, String contentType, URI uri, String link, Instant receivedAt, boolean polled) {
    }

    /**
     * What processing a document did.
     *
     * @param itemCount items in the document
     * @param ignored   items beyond {@code maxItems}, items of neither title, text ({@link EmptyPosts}) nor link, and
     *                  items too large for a Kafka record, ignored
     * @param published items published (new or changed)
     */
    record Processed(int itemCount, int ignored, int published) {
    }

    /**
     * The one way a feed document becomes posts, whether a poll fetched it or a hub pushed it: decode
     * ({@link FeedDecoder}), heal and parse ({@link FeedParser}), take the first {@code maxItems}, map
     * ({@link FeedItemMapper}), publish those new or changed ({@link SeenItems}) to {@code posts.raw}, write the
     * feed's memory ({@link FeedMemory}), and keep the WebSub hub and self it names ({@link WebSubDiscovery}). A
     * poll and a push of one feed take turns ({@link FeedState#documents()}), so an item pushed and then polled (or
     * the reverse) is published once.
     *
     * @throws FeedException {@code decode-error}, {@code parse-error}, {@code publish-error} or {@code memory-error},
     *                       naming the feed, without internal detail
     */
    Processed process(FeedState state, Document document) {
        FeedSubscription subscription = state.subscription();
        state.documents().lock();
        try {
            Read read = read(subscription, document);
            ParsedFeed feed = read.feed();
            List<FeedItem> taken = read.items();
            int ignored = feed.itemsLeftOut() + read.empty();
            int itemCount = taken.size() + ignored;
            List<RawPost> posts = read.posts();
            Published published = publishFresh(state, posts, List.of());
            List<RawPost> fresh = published.posts();
            if (!fresh.isEmpty()) {
                Map<RawPost, FeedItem> itemOf = new IdentityHashMap<>();
                for (int i = 0; i < posts.size(); i++) {
                    itemOf.put(posts.get(i), taken.get(i));
                }
                for (RawPost post : fresh) {
                    logDate(subscription, post, itemOf.get(post));
                }
            }
            rememberIfBehind(state);
            if (document.polled() && !subscription.isTelegramChannel()) {
                state.webSub().discovered(WebSubDiscovery.discover(document.link(), feed.webSub(), document.uri()));
            }
            return new Processed(itemCount, ignored + published.tooLarge(), fresh.size());
        } finally {
            state.documents().unlock();
        }
    }

    /**
     * A document read: its items (of the first {@code maxItems}, those that hold something) and their posts, and how
     * many items would have been posts of nothing (no title, text or link: {@link EmptyPosts}).
     */
    private record Read(ParsedFeed feed, List<FeedItem> items, List<RawPost> posts, int empty) {
    }

    /**
     * Decodes, parses and maps a document, one at a time in the service: this is the part of a poll that needs
     * several times the document's size in heap, and two polls of 10 MB documents at once filled ingest's heap (a
     * trial). The items after the first {@code maxItems} are counted, not read
     * ({@link FeedParser#parse(String, String, int)}), and logged.
     */
    private Read read(FeedSubscription subscription, Document document) {
        reading.acquireUninterruptibly();
        try {
            FeedDecoder.Decoded decoded = FeedDecoder.decode(document.body(), document.contentType(),
                    subscription.url());
            if (decoded.note() != null) {
                LOG.infof("feed %s %s: %s", subscription.id(), subscription.url(), decoded.note());
            }
            if (decoded.repairedBytes() > 0) {
                LOG.infof("feed %s %s: %d stray windows-1252 byte(s) in UTF-8 decoded as windows-1252",
                        subscription.id(), subscription.url(), decoded.repairedBytes());
            }
            ParsedFeed feed = FeedParser.parse(decoded.text(), subscription.url(), maxItems);
            int ignored = feed.itemsLeftOut();
            if (ignored > 0) {
                LOG.warnf("feed %s %s: %d item(s), only the first %d taken (newsfeed.feeds.max-items-per-document), "
                        + "%d ignored", subscription.id(), subscription.url(), feed.items().size() + ignored,
                        maxItems, ignored);
            }
            List<RawPost> mapped = FeedItemMapper.toRawPosts(subscription, feed.sourceType(), feed.items(),
                    document.uri(), document.receivedAt());
            // an item of neither title nor text nor link (a helper's trial: a guid, <title></title>,
            // <description></description>) was stored as an empty post, which POST /api/posts refuses as holding
            // nothing; one with a link or an enclosure alone (a podcast's episode) names something, as a Telegram
            // message of media alone does, and is kept
            List<FeedItem> items = new ArrayList<>(mapped.size());
            List<RawPost> posts = new ArrayList<>(mapped.size());
            for (int i = 0; i < mapped.size(); i++) {
                RawPost post = mapped.get(i);
                if (!EmptyPosts.namesNothing(post)) {
                    items.add(feed.items().get(i));
                    posts.add(post);
                }
            }
            int empty = mapped.size() - posts.size();
            if (empty > 0) {
                // every poll of the document meets them again: counted in lastItemsIgnored, logged for debugging
                LOG.debugf("feed %s %s: %d item(s) of neither title, text nor link ignored", subscription.id(),
                        subscription.url(), empty);
            }
            return new Read(feed, items, posts, empty);
        } finally {
            reading.release();
        }
    }

    /**
     * Processes a document a WebSub hub pushed (content distribution, W3C WebSub §7) whose signature the caller
     * checked, exactly as a poll processes a fetched one ({@link #process}). Its outcome goes to the feed's WebSub
     * status, not to the poll's, which stays that of the last poll. A failure never escapes.
     *
     * @return {@code push} with the items published, or the failure kind
     */
    Outcome pushed(FeedState state, byte[] body, String contentType) {
        FeedSubscription subscription = state.subscription();
        Instant received = clock.instant();
        try {
            Processed processed = process(state, new Document(body, contentType, URI.create(subscription.url()), null,
                    received, false));
            state.pushed(processed.published());
            state.webSub().pushAccepted(received);
            return new Outcome("push", processed.published(), false);
        } catch (FeedException e) {
            LOG.warnf("feed %s %s: pushed document failed (%s): %s%s", subscription.id(), subscription.url(),
                    e.kind(), e.getMessage(), e.getCause() == null ? "" : " [" + causes(e.getCause()) + "]");
            state.webSub().pushRefused(received, e.kind() + ": " + e.getMessage());
            return new Outcome(e.kind(), 0, true);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.errorf(e, "feed %s %s: pushed document failed unexpectedly", subscription.id(), subscription.url());
            state.webSub().pushRefused(received, FeedException.INTERNAL_ERROR + ": internal error, logged by the "
                    + "service");
            return new Outcome(FeedException.INTERNAL_ERROR, 0, true);
        }
    }

    /** The rest of a poll of a Telegram channel ({@link ChannelPages}), once its newest page answered 2xx. */
    private Outcome channel(FeedState state, FeedFetcher.Response response, Instant started) {
        ChannelPages.Read read = channelPages.read(state.subscription(), response, state.seen().distinctSeen() == 0,
                started);
        Published published;
        state.documents().lock();
        try {
            published = publishFresh(state, read.publish(), read.seenOnly());
            rememberIfBehind(state);
        } finally {
            state.documents().unlock();
        }
        state.succeeded(started, clock.instant(), response.status(), response.etag(), response.lastModified(),
                read.publish().size() + read.seenOnly().size(), published.tooLarge(), published.posts().size(),
                response.freshFor(), pacing);
        return new Outcome(Integer.toString(response.status()), published.posts().size(), false);
    }

    /** What {@link #publishFresh} did: the posts published, and those left out as too large for a Kafka record. */
    private record Published(List<RawPost> posts, int tooLarge) {
    }

    /**
     * Publishes the posts not published before in this version ({@link SeenItems}), then marks them seen, with
     * {@code seenOnly}, which are marked without being published; nothing when the subscription ended meanwhile
     * ({@link FeedState#unsubscribe}). A post the publisher refuses as too large for a Kafka record is left out, logged
     * with its id and marked seen (no poll could publish it), and the others are published one by one. The caller
     * holds the state's document lock.
     *
     * @return the posts published and how many were too large
     * @throws FeedException {@code publish-error} when Kafka does not take them; nothing is marked seen then
     */
    private Published publishFresh(FeedState state, List<RawPost> posts, List<RawPost> seenOnly) {
        FeedSubscription subscription = state.subscription();
        List<RawPost> fresh = state.seen().unpublished(posts);
        if (state.unsubscribed()) {
            LOG.infof("feed %s %s: unsubscribed during this poll: %d item(s) new or changed, not published",
                    subscription.id(), subscription.url(), fresh.size());
            return new Published(List.of(), 0);
        }
        List<RawPost> sent = fresh;
        if (!fresh.isEmpty()) {
            try {
                try {
                    publisher.publish(fresh);
                } catch (InvalidRequestException tooLarge) {
                    // the publisher sent nothing: a post of them is above the record limit, which no retry changes
                    sent = publishEach(subscription, fresh);
                }
            } catch (RuntimeException e) {
                // the cause names brokers and topics: logged, not shown
                throw new FeedException(FeedException.PUBLISH_ERROR, "feed " + subscription.url() + ": "
                        + fresh.size() + " item(s) not published: Kafka did not take them; retried at the next "
                        + "poll", e);
            }
            state.seen().published(fresh);
            state.memoryBehind(true);
            LOG.infof("feed %s %s: %d of %d item(s) new or changed, published", subscription.id(),
                    subscription.url(), sent.size(), posts.size());
        }
        if (!seenOnly.isEmpty()) {
            state.seen().published(seenOnly);
            state.memoryBehind(true);
        }
        return new Published(sent, fresh.size() - sent.size());
    }

    /** Publishes the posts one at a time, leaving out (and logging) those the publisher refuses as too large. */
    private List<RawPost> publishEach(FeedSubscription subscription, List<RawPost> posts) {
        List<RawPost> sent = new ArrayList<>(posts.size());
        for (RawPost post : posts) {
            try {
                publisher.publish(List.of(post));
                sent.add(post);
            } catch (InvalidRequestException tooLarge) {
                LOG.warnf("feed %s %s: item %s left out: %s", subscription.id(), subscription.url(), post.postId(),
                        String.join("; ", tooLarge.error().details()));
            }
        }
        return sent;
    }

    /** Logs what {@link FeedItemMapper} could not read in a published item's date, or read as UTC without a zone. */
    private static void logDate(FeedSubscription subscription, RawPost post, FeedItem item) {
        FeedDates.Reading date = FeedDates.read(item.date());
        if (date.unparseable()) {
            LOG.warnf("feed %s %s: item %s: unparseable date \"%s\": publishedAt left to the normalizer, the text "
                    + "kept in attribute %s", subscription.id(), subscription.url(), post.externalId(), date.raw(),
                    RawPost.ATTR_UNPARSED_DATE);
        } else if (date.zoneAssumed()) {
            LOG.infof("feed %s %s: item %s: date \"%s\" has no zone: read as UTC", subscription.id(),
                    subscription.url(), post.externalId(), date.raw());
        }
    }

    /**
     * Writes the feed's memory if it has published items since the last write; a failure fails the poll (its items
     * stay published and are not offered again) and the write is tried again at the next poll.
     */
    private void rememberIfBehind(FeedState state) {
        if (!state.memoryBehind()) {
            return;
        }
        FeedSubscription subscription = state.subscription();
        try {
            memory.remember(subscription, state.seen());
        } catch (RuntimeException e) {
            // the cause names brokers and topics: logged, not shown
            throw new FeedException(FeedException.MEMORY_ERROR, "feed " + subscription.url() + ": items published, "
                    + "but Kafka did not take the record of them; written again at the next poll (until then a "
                    + "restart would publish them once more)", e);
        }
        state.memoryBehind(false);
    }

    /** The chain of causes, for the log: {@code A: message <- B: message}. */
    private static String causes(Throwable cause) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (chain.length() > 0) {
                chain.append(" <- ");
            }
            chain.append(t);
            if (t.getCause() == t) {
                break;
            }
        }
        return chain.toString();
    }
}
