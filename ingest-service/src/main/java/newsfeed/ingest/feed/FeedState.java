package newsfeed.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The polling state of one subscription in this instance: validators of the last document, what was published,
 * the outcome of the last poll and when the next one is due. Status fields are guarded by this object's lock; the
 * fetch itself runs outside it, and at most one poll of a feed runs at a time ({@link #tryStart(Instant)}).
 */
final class FeedState {

    private FeedSubscription subscription;
    private final SeenItems seen;
    private final WebSubState webSub = new WebSubState();
    /** Held while a document (polled or pushed) is processed: {@link SeenItems} is not thread-safe. */
    private final ReentrantLock documents = new ReentrantLock();

    private String etag;
    private String lastModified;
    private Instant lastFetchAt;
    private Instant lastSuccessAt;
    private String lastStatus;
    private String lastError;
    private int consecutiveFailures;
    private Instant nextPollAt;
    private long itemsPublished;
    private Integer lastItemCount;
    private Integer lastItemsIgnored;
    private Duration freshFor;
    private boolean inFlight;
    /** Why a due poll has not begun fetching, or null: a host slot, or a polling thread. */
    private Waiting waiting;
    private boolean memoryBehind;
    private boolean unsubscribed;

    /**
     * @param subscription the subscription
     * @param rememberedItems capacity of its {@link SeenItems}
     * @param firstPollAt  when to poll first
     */
    FeedState(FeedSubscription subscription, int rememberedItems, Instant firstPollAt) {
        this(subscription, new SeenItems(rememberedItems), firstPollAt);
    }

    /**
     * @param subscription the subscription
     * @param seen         what the feed has published already ({@link FeedMemory#seenItems})
     * @param firstPollAt  when to poll first
     */
    FeedState(FeedSubscription subscription, SeenItems seen, Instant firstPollAt) {
        this.subscription = subscription;
        this.seen = seen;
        this.nextPollAt = firstPollAt;
    }

    synchronized FeedSubscription subscription() {
        return subscription;
    }

    /** Takes a new interval into account: the next poll moves earlier if the new interval says so. */
    synchronized void update(FeedSubscription changed) {
        FeedSubscription previous = subscription;
        subscription = changed;
        if (changed.intervalSeconds() < previous.intervalSeconds() && consecutiveFailures == 0
                && lastFetchAt != null) {
            Instant sooner = lastFetchAt.plusSeconds(changed.intervalSeconds());
            if (sooner.isBefore(nextPollAt)) {
                nextPollAt = sooner;
            }
        }
    }

    /** Whether a poll is due at {@code now} and none runs. */
    synchronized boolean isDue(Instant now) {
        return !inFlight && !now.isBefore(nextPollAt);
    }

    /** When the next poll is due; a poll that is due longest goes first when host slots are short. */
    synchronized Instant nextPollAt() {
        return nextPollAt;
    }

    /**
     * Marks a poll as started if the feed is due and no poll of it is running; true if the caller must poll. The poll
     * counts as waiting for a polling thread until {@link #fetching()}.
     */
    synchronized boolean tryStart(Instant now) {
        if (inFlight || now.isBefore(nextPollAt)) {
            return false;
        }
        inFlight = true;
        waiting = Waiting.POLL_THREAD;
        return true;
    }

    /** The due poll could not start: every slot of the feed's host is taken ({@link HostSlots}). */
    synchronized void waitingForHostSlot() {
        if (!inFlight) {
            waiting = Waiting.HOST_SLOT;
        }
    }

    /** The poll {@link #tryStart started} has a polling thread and fetches now. */
    synchronized void fetching() {
        waiting = null;
    }

    /**
     * How long the feed has been due without fetching at {@code now}: since {@link #nextPollAt()} while it waits for a
     * host slot, a polling thread or the next tick; zero while it fetches or is not due.
     */
    synchronized Duration overdue(Instant now) {
        boolean fetching = inFlight && waiting == null;
        return fetching || now.isBefore(nextPollAt) ? Duration.ZERO : Duration.between(nextPollAt, now);
    }

    /** Why a due poll has not begun fetching ({@link FeedStatus#waitingFor()}). */
    enum Waiting {
        /** Every slot of the feed's host is taken by polls of its other feeds. */
        HOST_SLOT("host-slot"),
        /** Started, in the queue of the {@code newsfeed.feeds.max-concurrent-polls} polling threads. */
        POLL_THREAD("poll-thread");

        private final String label;

        Waiting(String label) {
            this.label = label;
        }

        /** The value of {@link FeedStatus#waitingFor()}. */
        String label() {
            return label;
        }
    }

    SeenItems seen() {
        return seen;
    }

    /** The feed's WebSub subscription (W3C WebSub), in this instance. */
    WebSubState webSub() {
        return webSub;
    }

    /**
     * The lock of document processing ({@link FeedPoll#process}): a poll and a hub's push of the same feed take
     * turns, so that each sees what the other published.
     */
    ReentrantLock documents() {
        return documents;
    }

    /**
     * Ends this subscription's publishing: waits for a document being processed (its posts may be published), and
     * after it returns no document of this state publishes anything, so that a poll under way when the subscription
     * is deleted (a slow server, a fetch of up to the request timeout) does not publish after the DELETE answered.
     */
    void unsubscribe() {
        documents.lock();
        try {
            synchronized (this) {
                unsubscribed = true;
            }
        } finally {
            documents.unlock();
        }
    }

    /** Polls that failed since the last success. */
    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Whether {@link #unsubscribe()} was called. */
    synchronized boolean unsubscribed() {
        return unsubscribed;
    }

    /** Items a hub pushed ({@link FeedPoll#pushed}) were published: counted with the polls'. */
    synchronized void pushed(int published) {
        itemsPublished += published;
    }

    /**
     * Brings the next poll forward to {@code latest} at the latest: a WebSub subscription that ended or failed hands
     * the feed back to polling at its interval at once, rather than after the long interval of an active one.
     */
    synchronized void pollBy(Instant latest) {
        if (nextPollAt.isAfter(latest)) {
            nextPollAt = latest;
        }
    }

    /** True while {@link #seen()} holds published items that {@link FeedMemory} has not durably written yet. */
    synchronized boolean memoryBehind() {
        return memoryBehind;
    }

    synchronized void memoryBehind(boolean behind) {
        memoryBehind = behind;
    }

    synchronized String etag() {
        return etag;
    }

    synchronized String lastModified() {
        return lastModified;
    }

    /**
     * A poll that ended well: 200 with its items published, or 304.
     *
     * @param itemCount    items in the document (200), or null (304)
     * @param itemsIgnored items of the document beyond the cap, ignored (200), or null (304)
     */
    synchronized void succeeded(Instant startedAt, Instant endedAt, int status, String newEtag,
            String newLastModified, Integer itemCount, Integer itemsIgnored, int published, Duration fresh,
            Pacing pacing) {
        if (status != 304) {
            etag = newEtag;
            lastModified = newLastModified;
            lastItemCount = itemCount;
            lastItemsIgnored = itemsIgnored;
        }
        lastFetchAt = startedAt;
        lastSuccessAt = startedAt;
        lastStatus = Integer.toString(status);
        lastError = null;
        consecutiveFailures = 0;
        itemsPublished += published;
        freshFor = fresh;
        Duration interval = Duration.ofSeconds(subscription.intervalSeconds());
        Duration delay = PollSchedule.afterSuccess(interval, fresh, pacing.maxInterval());
        if (webSub.active(endedAt) && delay.compareTo(pacing.pushedPollInterval()) < 0) {
            // the hub pushes what is new: polling is only the safety net while the subscription is active
            delay = pacing.pushedPollInterval();
        }
        nextPollAt = endedAt.plus(delay).plus(PollSchedule.jitter(subscription.id(), interval, pacing.jitter()));
        inFlight = false;
        waiting = null;
    }

    /** A poll that failed; the back-off of {@link PollSchedule} sets the next one. */
    synchronized void failed(Instant startedAt, Instant endedAt, String status, String error, Duration retryAfter,
            Pacing pacing) {
        lastFetchAt = startedAt;
        lastStatus = status;
        lastError = error;
        consecutiveFailures++;
        Duration interval = Duration.ofSeconds(subscription.intervalSeconds());
        nextPollAt = PollSchedule.next(endedAt, interval, consecutiveFailures, pacing.maxBackoff(), retryAfter)
                .plus(PollSchedule.jitter(subscription.id(), interval, pacing.jitter()));
        inFlight = false;
        waiting = null;
    }

    /**
     * How polls are paced ({@link PollSchedule}).
     *
     * @param maxBackoff  {@code newsfeed.feeds.max-backoff}
     * @param maxInterval {@code newsfeed.feeds.max-interval}, the most a freshness lifetime lengthens an interval to
     * @param jitter      {@code newsfeed.feeds.jitter}, the share of the interval a feed's jitter takes at most
     * @param pushedPollInterval {@code newsfeed.feeds.websub.poll-interval}: the shortest delay between polls while
     *                    the feed's WebSub subscription is active
     */
    record Pacing(Duration maxBackoff, Duration maxInterval, double jitter, Duration pushedPollInterval) {

        /** Pacing without WebSub's longer interval. */
        Pacing(Duration maxBackoff, Duration maxInterval, double jitter) {
            this(maxBackoff, maxInterval, jitter, Duration.ZERO);
        }
    }

    synchronized FeedStatus status() {
        FeedSubscription s = subscription;
        return new FeedStatus(s.id(), s.url(), s.intervalSeconds(), s.source(), s.createdAt(), s.title(),
                s.category(), lastFetchAt, lastStatus, lastError, lastSuccessAt, consecutiveFailures, nextPollAt,
                seen.distinctSeen(), itemsPublished, lastItemCount, lastItemsIgnored, etag, lastModified, true,
                s.kindOrFeed(), s.backfill(), freshFor == null ? null : freshFor.toSeconds(), webSub.status(),
                waiting == null ? null : waiting.label(), s.itemIdScope());
    }
}
