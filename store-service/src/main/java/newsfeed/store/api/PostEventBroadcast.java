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
import java.util.function.LongSupplier;
import newsfeed.store.db.PostQueries;
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
 * <p>Metrics: {@code newsfeed_store_stream_subscribers} (open streams) and {@code newsfeed_store_stream_polls_total}
 * (database reads of new events by the broadcast).
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
    static final String SUBSCRIBERS_METRIC = "newsfeed.store.stream.subscribers";
    static final String POLLS_METRIC = "newsfeed.store.stream.polls";

    private static final Logger LOG = Logger.getLogger(PostEventBroadcast.class);

    @Inject
    PostQueries queries;

    @Inject
    MeterRegistry registry;

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    /** Guards {@link #position} and the hand-over of events to listeners, so a joining stream sees no gap. */
    private final Object publishing = new Object();
    /** The newest event id the broadcast has read; set again whenever a listener joins an empty broadcast. */
    private long position = -1;
    private Counter polls;
    /** Whether the last poll failed: its failure is logged once, not every poll. */
    private volatile boolean failing;

    @PostConstruct
    void registerMetrics() {
        Gauge.builder(SUBSCRIBERS_METRIC, listeners, Set::size).description("open Server-Sent Events streams")
                .register(registry);
        polls = Counter.builder(POLLS_METRIC).description("database reads of new post events by the broadcast")
                .register(registry);
    }

    @PreDestroy
    void close() {
        listeners.forEach(Listener::complete);
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
                emitter.onTermination(() -> listeners.remove(listener));
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
                    .onItem().invoke(listener::taken);
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

    /** Reads what the listener missed, then drains what the broadcast queued for it meanwhile. */
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
            long upTo;
            synchronized (publishing) {
                initPosition(queries::lastEventId);
                listener.startAfter(after);
                register(listener);
                upTo = position;
            }
            long last = after;
            List<PostViews.Detail> page;
            do {
                page = queries.changedSince(last, PAGE);
                for (PostViews.Detail post : page) {
                    listener.send(post);
                    last = Math.max(last, post.eventId());
                }
            } while (!page.isEmpty() && last < upTo && !listener.ended());
            listener.goLive();
        } catch (RuntimeException e) {
            listener.fail(e);
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

    /** One open stream: its emitter, the last event id it sent, and while it catches up, what waits for it. */
    private static final class Listener {
        private MultiEmitter<? super PostViews.Detail> emitter;
        private final ArrayDeque<PostViews.Detail> pending = new ArrayDeque<>();
        /** Characters of the events in {@link #pending}. */
        private long pendingChars;
        /** Characters of the events sent that the response's writer has not taken yet. */
        private long waitingChars;
        private long sent = Long.MIN_VALUE;
        private boolean live;
        private boolean behind;

        synchronized void attach(MultiEmitter<? super PostViews.Detail> emitter) {
            this.emitter = emitter;
        }

        synchronized void startAfter(long eventId) {
            sent = eventId;
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

        synchronized void send(PostViews.Detail post) {
            if (behind || post.eventId() <= sent || emitter.isCancelled()) {
                return;
            }
            long length = post.textLength();
            if (waitingChars > 0 && waitingChars + length > MAX_PENDING_CHARS) {
                failBehind();
                return;
            }
            sent = post.eventId();
            waitingChars += length;
            emitter.emit(post);
        }

        synchronized void taken(PostViews.Detail post) {
            waitingChars -= post.textLength();
        }

        synchronized void goLive() {
            while (!pending.isEmpty()) {
                PostViews.Detail post = pending.pollFirst();
                pendingChars -= post.textLength();
                send(post);
            }
            live = true;
        }

        synchronized boolean ended() {
            return behind || emitter.isCancelled();
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
