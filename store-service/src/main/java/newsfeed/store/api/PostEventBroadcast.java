package newsfeed.store.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import newsfeed.store.db.PostQueries;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The store events of {@code GET /api/posts/stream}, read from the database once for every listener: one poll every
 * {@code newsfeed.store.stream.poll-interval} (1 s, also the shortest: Quarkus's scheduler looks at its triggers once a
 * second) reads the posts stored or revised since the last one and hands each to every open stream, so a thousand
 * open dashboards cost the database what one does.
 *
 * <p>A stream that resumes ({@code Last-Event-ID}) first reads what it missed from the database, in pages of
 * {@value #PAGE}, then joins the broadcast; what the broadcast published meanwhile waits in its queue, and an
 * event id it has already sent is never sent again, so nothing is lost or repeated at the switch. A stream that does
 * not keep up (more than {@value #MAX_PENDING} events, or more than {@value #MAX_PENDING_CHARS} characters of their
 * text, waiting to be written) is ended: its client reconnects with {@code Last-Event-ID} and catches up from the
 * database, and no slow client holds memory without bound. The events the broadcast hands out are the same objects
 * for every stream, so streams waiting on the same events hold them once.
 *
 * <p>The events a catch-up reads are its stream's alone, so all catch-ups together hold at most
 * {@value #CATCH_UP_CHARS} characters of them (read, or sent and not yet taken by the response's writer), a page
 * ({@code PostQueries.PAGE_TEXT_BYTES}) reserved before each read: a stream reads its next page once its client has
 * taken the last one and the budget allows, and waits its turn otherwise, holding nothing but its place. A stream whose
 * client leaves catch-up events untaken for {@link #STALLED_AFTER} is ended, and its share freed. Why: 60 clients that
 * resumed at once before 14 posts of 300,000 characters, and read nothing, each read its pages for itself, and
 * store-service's 112 MB heap ran out within seconds (e2e {@code StreamHeapIT}). What it costs: while clients that
 * read nothing hold the budget, a resuming client waits its turn (each such client for up to {@link #STALLED_AFTER});
 * live streams do not wait.
 *
 * <p>At most {@code newsfeed.store.api.max-streams} streams are open at once ({@link #admit}).
 *
 * <p>Metrics: {@code newsfeed_store_stream_subscribers} (open streams that joined the broadcast),
 * {@code newsfeed_store_stream_refused_total} (streams refused at {@code max-streams}),
 * {@code newsfeed_store_stream_polls_total}
 * (database reads of new events by the broadcast), {@code newsfeed_store_stream_catch_up_chars} (characters of
 * catch-up events held) and {@code newsfeed_store_stream_catch_up_waiting} (streams waiting for the budget).
 */
@ApplicationScoped
public class PostEventBroadcast {

    /** Posts read per database query, by the broadcast and by a resuming stream. */
    static final int PAGE = 100;
    /** Events one stream may have waiting to be written before it is ended. */
    static final int MAX_PENDING = 1_000;
    /**
     * Characters of event text ({@link PostViews.Detail#textLength}) one stream may have waiting to be written before
     * it is ended; one event larger than this is still sent. A review: the count alone let a client that read
     * nothing hold 1,000 events of up to a million characters, and events of 450,000 characters ran the store's heap
     * out within 200.
     */
    static final long MAX_PENDING_CHARS = 4L << 20;
    /**
     * Characters of catch-up events that all streams together may hold: read for one stream from the database, and not
     * yet taken by its response's writer. Four pages of {@code PostQueries.PAGE_TEXT_BYTES}, as many as the read
     * routes' bulkhead lets run at once ({@code newsfeed.store.api.max-concurrent-reads}).
     */
    static final long CATCH_UP_CHARS = 4L << 20;
    /** What a catch-up reserves of {@link #CATCH_UP_CHARS} before it reads a page: the most text a page holds. */
    static final long PAGE_RESERVE = PostQueries.PAGE_TEXT_BYTES;
    /** How long a client may leave catch-up events untaken before its stream is ended. */
    static final java.time.Duration STALLED_AFTER = java.time.Duration.ofSeconds(30);
    static final String SUBSCRIBERS_METRIC = "newsfeed.store.stream.subscribers";
    static final String POLLS_METRIC = "newsfeed.store.stream.polls";
    static final String REFUSED_METRIC = "newsfeed.store.stream.refused";
    static final String CATCH_UP_CHARS_METRIC = "newsfeed.store.stream.catch-up.chars";
    static final String CATCH_UP_WAITING_METRIC = "newsfeed.store.stream.catch-up.waiting";

    private static final Logger LOG = Logger.getLogger(PostEventBroadcast.class);

    @Inject
    PostQueries queries;

    @Inject
    MeterRegistry registry;

    /** Streams open at most ({@code newsfeed.store.api.max-streams}). */
    @ConfigProperty(name = "newsfeed.store.api.max-streams")
    int maxStreams;

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    /** Streams subscribed and not yet ended, caught-up or not: what {@code max-streams} bounds. */
    private final AtomicInteger open = new AtomicInteger();
    private Counter refused;
    /** Guards {@link #position} and the hand-over of events to listeners, so a joining stream sees no gap. */
    private final Object publishing = new Object();
    /** The newest event id the broadcast has read; set again whenever a listener joins an empty broadcast. */
    private long position = -1;
    /** Characters of catch-up events held, with the pages reserved and not yet read ({@link #CATCH_UP_CHARS}). */
    private final AtomicLong catchUpHeld = new AtomicLong();
    /** Catch-ups waiting for {@link #catchUpHeld} to leave room for a page, first come first served. */
    private final ConcurrentLinkedQueue<Listener> waitingForBudget = new ConcurrentLinkedQueue<>();
    private Counter polls;
    /** Whether the last poll failed: its failure is logged once, not every poll. */
    private volatile boolean failing;

    @PostConstruct
    void registerMetrics() {
        Gauge.builder(SUBSCRIBERS_METRIC, listeners, Set::size).description("open Server-Sent Events streams")
                .register(registry);
        refused = Counter.builder(REFUSED_METRIC).description("event streams refused at newsfeed.store.api.max-streams")
                .register(registry);
        polls = Counter.builder(POLLS_METRIC).description("database reads of new post events by the broadcast")
                .register(registry);
        Gauge.builder(CATCH_UP_CHARS_METRIC, catchUpHeld, AtomicLong::get)
                .description("characters of catch-up events held for resuming streams, pages reserved included")
                .register(registry);
        Gauge.builder(CATCH_UP_WAITING_METRIC, waitingForBudget, ConcurrentLinkedQueue::size)
                .description("resuming streams waiting for the catch-up budget to read their next page")
                .register(registry);
    }

    @PreDestroy
    void close() {
        listeners.forEach(Listener::complete);
    }

    /**
     * {@code newsfeed.store.api.max-streams} streams are open: a new one is refused. An open stream holds its
     * connection however quiet it is ({@link IdleConnections}), and 64 of them, {@code max-connections}, refused every
     * other client of the store (a helper's review); the bound leaves the other connections to the other reads.
     * Checked as a stream opens, so streams opening at the same moment may pass it by a few.
     */
    public static final class StreamsFullException extends RuntimeException {
        StreamsFullException(int max) {
            super(max + " event streams are open, as many as newsfeed.store.api.max-streams allows", null, false,
                    false);
        }
    }

    /** Streams subscribed and not yet ended. */
    int open() {
        return open.get();
    }

    /** Throws {@link StreamsFullException} when {@code max-streams} streams are open; called before one opens. */
    void admit() {
        if (open.get() >= maxStreams) {
            refused.increment();
            throw new StreamsFullException(maxStreams);
        }
    }

    /**
     * The events of one stream: each post stored or revised after {@code resumeAfter} (or, when empty, after now),
     * in event order, each once in its newest version.
     *
     * @param resumeAfter the last event id the client saw ({@code Last-Event-ID}); empty for new events only
     * @return a stream that ends when the client goes, when the application stops, or with a failure when the client
     *     falls {@value #MAX_PENDING} events or {@value #MAX_PENDING_CHARS} characters of them behind, or the
     *     database cannot be read while catching up
     */
    public Multi<PostViews.Detail> events(OptionalLong resumeAfter) {
        return Multi.createFrom().deferred(() -> {
            Listener listener = new Listener();
            return Multi.createFrom().<PostViews.Detail>emitter(emitter -> {
                listener.attach(emitter);
                open.incrementAndGet();
                emitter.onTermination(() -> {
                    open.decrementAndGet();
                    listeners.remove(listener);
                    waitingForBudget.remove(listener);
                    release(listener.closeCatchUp());
                });
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    if (resumeAfter.isEmpty()) {
                        join(listener);
                    } else {
                        catchUp(listener, resumeAfter.getAsLong());
                    }
                });
            }, BackPressureStrategy.ERROR)
                    // what the client has not taken yet; beyond it, the stream fails and the client resumes
                    .onOverflow().buffer(MAX_PENDING)
                    // taken by the response's writer, which asks for the next event once this one is written
                    .onItem().invoke(post -> taken(listener, post));
        });
    }

    private void join(Listener listener) {
        try {
            long newest = queries.lastEventId();
            synchronized (publishing) {
                initPosition(() -> newest);
                listener.startAfter(newest);
                register(listener);
                listener.goLive();
            }
        } catch (RuntimeException e) {
            listener.fail(e);
        }
    }

    /** Adds a listener, unless its client went before it could be added (its removal has run then). */
    private void register(Listener listener) {
        listeners.add(listener);
        if (listener.ended()) {
            listeners.remove(listener);
        }
    }

    /**
     * Called holding {@link #publishing} before a listener is added: when nobody listened, the broadcast starts again
     * from the newest stored event, so that it neither polls while idle nor reads back what was stored meanwhile.
     *
     * @param newest the newest stored event id, asked only when nobody listened
     */
    private void initPosition(LongSupplier newest) {
        if (listeners.isEmpty()) {
            position = newest.getAsLong();
        }
    }

    /**
     * Reads what the listener missed, page by page within the catch-up budget, then drains what the broadcast queued
     * for it meanwhile.
     */
    private void catchUp(Listener listener, long after) {
        try {
            if (after > queries.lastEventId()) {
                // no event of this database has that id yet: it was replaced (run.sh --fresh, a restore), and every
                // event to come would stay below it, so the client would wait in silence; live from now, as a client
                // without an id is (another instance's events are in the database already when its client saw them)
                LOG.infof("an event stream resumed after event %d, beyond every stored event: live from the newest",
                        after);
                join(listener);
                return;
            }
            synchronized (publishing) {
                initPosition(queries::lastEventId);
                listener.startAfter(after);
                register(listener);
                listener.catchUpTo(position);
            }
        } catch (RuntimeException e) {
            listener.fail(e);
            return;
        }
        catchUpPages(listener, false);
    }

    /**
     * Reads and sends the listener's next pages while its client has taken the last one and the budget has room;
     * otherwise leaves it waiting, for {@link #taken} or {@link #drainWaiting} to call this again. Blocking: runs on a
     * worker thread.
     *
     * @param reserved whether a page is reserved for it already ({@link #drainWaiting} reserves before it starts one)
     */
    private void catchUpPages(Listener listener, boolean reserved) {
        while (true) {
            if (listener.ended() || !listener.readyForPage()) {
                if (reserved) {
                    release(PAGE_RESERVE);
                }
                return;
            }
            // behind those already waiting, first come first served
            if (!reserved && (!waitingForBudget.isEmpty() || !reservePage())) {
                waitingForBudget.add(listener);
                // room made, or the queue emptied, between the check and the queueing would otherwise call nobody
                drainWaiting();
                return;
            }
            reserved = false;
            List<PostViews.Detail> page;
            try {
                page = queries.changedSince(listener.caughtUpTo(), PAGE);
            } catch (Throwable e) {
                release(PAGE_RESERVE);
                listener.fail(e);
                if (e instanceof Error error) {
                    throw error;
                }
                return;
            }
            long read = 0;
            for (PostViews.Detail post : page) {
                read += post.textLength();
            }
            // the page's text held instead of the reservation; a page of less frees room, and wakes the next waiting
            catchUpHeld.addAndGet(read);
            release(PAGE_RESERVE);
            long unsent = read;
            try {
                for (PostViews.Detail post : page) {
                    if (listener.sendCaughtUp(post)) {
                        unsent -= post.textLength();
                    }
                }
            } finally {
                release(unsent);
            }
            if (page.isEmpty() || listener.caughtUp()) {
                listener.goLive();
                return;
            }
        }
    }

    /**
     * Reserves a page of the catch-up budget; always possible when nothing is held, so that one large post passes. A
     * page's characters are at most its UTF-8 bytes, which {@code PostQueries.PAGE_TEXT_BYTES} bounds but for a first
     * post above it.
     */
    private boolean reservePage() {
        while (true) {
            long held = catchUpHeld.get();
            if (held > 0 && held + PAGE_RESERVE > CATCH_UP_CHARS) {
                return false;
            }
            if (catchUpHeld.compareAndSet(held, held + PAGE_RESERVE)) {
                return true;
            }
        }
    }

    /** Gives characters back to the budget, and starts the catch-ups waiting for them. */
    private void release(long chars) {
        if (chars != 0) {
            catchUpHeld.addAndGet(-chars);
        }
        drainWaiting();
    }

    /**
     * Starts waiting catch-ups, first come first served, as long as the budget has room for a page: each is reserved
     * its page here, before it leaves the queue, so that a stream started is never one that cannot read, and what it
     * gives back always starts the next.
     */
    private void drainWaiting() {
        while (true) {
            Listener next = waitingForBudget.peek();
            if (next == null) {
                return;
            }
            if (next.ended()) {
                waitingForBudget.remove(next);
                continue;
            }
            if (!reservePage()) {
                return;
            }
            if (waitingForBudget.remove(next)) {
                Infrastructure.getDefaultWorkerPool().execute(() -> catchUpPages(next, true));
            } else {
                // another thread started it meanwhile
                catchUpHeld.addAndGet(-PAGE_RESERVE);
            }
        }
    }

    /** An event taken by the response's writer: a catch-up event frees its share, and may let the next page be read. */
    private void taken(Listener listener, PostViews.Detail post) {
        Listener.Taken taken = listener.taken(post);
        if (taken.freed() > 0) {
            // most events taken are live ones, which hold nothing of the budget: no waiting catch-up to start
            release(taken.freed());
        }
        if (taken.nextPage()) {
            Infrastructure.getDefaultWorkerPool().execute(() -> catchUpPages(listener, false));
        }
    }

    /**
     * Reads the events stored since the last poll and hands them to every stream; with no stream open, does nothing.
     *
     * A database failure is logged and the next poll reads from the same position: nothing is lost.
     */
    @Scheduled(every = "${newsfeed.store.stream.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        long now = System.nanoTime();
        for (Listener listener : listeners) {
            listener.endIfStalled(now);
        }
        try {
            publishNew();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("event stream: cannot read new events, retrying every poll: %s", e.getMessage());
            }
            failing = true;
        }
    }

    private void publishNew() {
        if (listeners.isEmpty()) {
            return;
        }
        polls.increment();
        List<PostViews.Detail> page;
        do {
            long from;
            synchronized (publishing) {
                from = position;
            }
            page = queries.changedSince(from, PAGE);
            synchronized (publishing) {
                for (PostViews.Detail post : page) {
                    position = Math.max(position, post.eventId());
                    for (Listener listener : listeners) {
                        listener.offer(post);
                    }
                }
            }
            // a page shorter than PAGE may have been cut by its size (PostQueries.PAGE_TEXT_BYTES): only an empty one
            // says that nothing follows
        } while (!page.isEmpty());
    }

    /**
     * One open stream: its emitter, the last event id it sent, and while it catches up, what waits for it and the
     * catch-up events its client has not taken yet.
     */
    private static final class Listener {
        /** What {@link #taken} freed of the catch-up budget, and whether the stream may read its next page now. */
        record Taken(long freed, boolean nextPage) {
        }

        private volatile MultiEmitter<? super PostViews.Detail> emitter;
        private final ArrayDeque<PostViews.Detail> pending = new ArrayDeque<>();
        /** Characters of the events in {@link #pending}. */
        private long pendingChars;
        /** Characters of the events sent that the response's writer has not taken yet. */
        private long waitingChars;
        private long sent = Long.MIN_VALUE;
        private boolean live;
        /** Ended for falling behind or stalling; volatile, as {@link #closed}: {@link #ended} takes no lock. */
        private volatile boolean behind;
        /** The newest event id the catch-up has read, and the one it reads up to (the broadcast's, when it joined). */
        private long caughtUpTo;
        private long upTo;
        /** Characters of catch-up events sent and not yet taken, held against the catch-up budget. */
        private long catchUpChars;
        /** The newest event id the catch-up sent: events up to it that the writer takes free their share. */
        private long catchUpLast = Long.MIN_VALUE;
        /** Whether the catch-up waits for the client to take its last page before it reads the next. */
        private boolean waitingForClient;
        /** When the client last took a catch-up event, or was sent one after having taken them all (nanoTime). */
        private long lastProgress;
        /** The stream ended: it holds nothing of the budget any more. */
        private volatile boolean closed;

        synchronized void attach(MultiEmitter<? super PostViews.Detail> emitter) {
            this.emitter = emitter;
        }

        synchronized void startAfter(long eventId) {
            sent = eventId;
            caughtUpTo = eventId;
        }

        synchronized void catchUpTo(long eventId) {
            upTo = eventId;
        }

        synchronized long caughtUpTo() {
            return caughtUpTo;
        }

        synchronized boolean caughtUp() {
            return caughtUpTo >= upTo;
        }

        /** Whether the client has taken every catch-up event sent; if not, the catch-up waits for it. */
        synchronized boolean readyForPage() {
            if (catchUpChars > 0) {
                waitingForClient = true;
                return false;
            }
            return true;
        }

        /**
         * An event the catch-up read: sent, its text then held against the budget until taken.
         *
         * @return whether the stream answers for its text now: sent, or given back by the stream's end; else the
         *     caller gives it back
         */
        synchronized boolean sendCaughtUp(PostViews.Detail post) {
            caughtUpTo = Math.max(caughtUpTo, post.eventId());
            if (closed) {
                return false;
            }
            // held before it is emitted: the writer may take it within emit, on this thread
            long chars = catchUpChars;
            long last = catchUpLast;
            if (catchUpChars == 0) {
                lastProgress = System.nanoTime();
            }
            catchUpChars += post.textLength();
            catchUpLast = post.eventId();
            if (!send(post)) {
                if (closed) {
                    // send ended the stream (failBehind), and its end gave back all it held, this post with it
                    return true;
                }
                catchUpChars = chars;
                catchUpLast = last;
                return false;
            }
            return true;
        }

        /** An event of the broadcast: written now if live, else queued until the catch-up is done. */
        synchronized void offer(PostViews.Detail post) {
            if (behind) {
                return;
            }
            if (!live) {
                long length = post.textLength();
                if (pending.size() >= MAX_PENDING
                        || !pending.isEmpty() && pendingChars + length > MAX_PENDING_CHARS) {
                    failBehind();
                    return;
                }
                pending.addLast(post);
                pendingChars += length;
                return;
            }
            send(post);
        }

        /** @return whether the event was handed to the client's stream */
        synchronized boolean send(PostViews.Detail post) {
            if (behind || post.eventId() <= sent || emitter.isCancelled()) {
                return false;
            }
            long length = post.textLength();
            if (waitingChars > 0 && waitingChars + length > MAX_PENDING_CHARS) {
                failBehind();
                return false;
            }
            sent = post.eventId();
            waitingChars += length;
            emitter.emit(post);
            return true;
        }

        synchronized Taken taken(PostViews.Detail post) {
            long length = post.textLength();
            waitingChars -= length;
            if (closed || post.eventId() > catchUpLast || catchUpChars <= 0) {
                return new Taken(0, false);
            }
            long freed = Math.min(length, catchUpChars);
            catchUpChars -= freed;
            lastProgress = System.nanoTime();
            boolean nextPage = catchUpChars == 0 && waitingForClient;
            if (nextPage) {
                waitingForClient = false;
            }
            return new Taken(freed, nextPage);
        }

        /** Ends the stream when its client has left catch-up events untaken for {@link #STALLED_AFTER}. */
        synchronized void endIfStalled(long now) {
            if (catchUpChars > 0 && !behind && !closed && now - lastProgress > STALLED_AFTER.toNanos()) {
                LOG.debugf("ending an event stream whose client took no event for %d s; it resumes with "
                        + "Last-Event-ID", STALLED_AFTER.toSeconds());
                behind = true;
                pending.clear();
                pendingChars = 0;
                emitter.fail(new IllegalStateException("the client took no event for " + STALLED_AFTER.toSeconds()
                        + " s while catching up"));
            }
        }

        /** @return the characters of catch-up events it held, now freed: the stream ended */
        synchronized long closeCatchUp() {
            closed = true;
            waitingForClient = false;
            long held = catchUpChars;
            catchUpChars = 0;
            return held;
        }

        synchronized void goLive() {
            while (!pending.isEmpty()) {
                PostViews.Detail post = pending.pollFirst();
                pendingChars -= post.textLength();
                send(post);
            }
            live = true;
        }

        /**
         * Takes no lock: it is asked of waiting streams while another stream's lock may be held (an event emitted
         * under it is taken at once, and what that frees starts the next waiting catch-up).
         */
        boolean ended() {
            return behind || closed || emitter.isCancelled();
        }

        synchronized void complete() {
            emitter.complete();
        }

        synchronized void fail(Throwable failure) {
            emitter.fail(failure);
        }

        private void failBehind() {
            LOG.debugf("ending an event stream %d queued events and %d characters behind; its client resumes with "
                    + "Last-Event-ID", pending.size(), waitingChars + pendingChars);
            behind = true;
            pending.clear();
            pendingChars = 0;
            emitter.fail(new IllegalStateException("the client fell behind by more than " + MAX_PENDING
                    + " events or " + MAX_PENDING_CHARS + " characters of them"));
        }
    }
}
