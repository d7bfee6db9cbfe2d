package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import newsfeed.store.db.PostQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catch-up budget of {@link PostEventBroadcast} (a review's findings, 2026-12-06, each failing before its fix),
 * without Quarkus: PostQueries is replaced by an in-memory fake (pages cut like the real query: at most PAGE posts
 * within PAGE_TEXT_BYTES, but for a first post above it), the clients by Mutiny AssertSubscribers (a subscriber that
 * requests nothing is a stalled client; "taken" is when the subscriber gets the item).
 */
class CatchUpBudgetTest {

    /** In-memory events; an empty page may be made slow (database latency) and reads may be made to throw. */
    static class FakeQueries extends PostQueries {
        final ConcurrentSkipListMap<Long, PostViews.Detail> events = new ConcurrentSkipListMap<>();
        volatile long emptyPageMillis;
        final AtomicInteger errorsToThrow = new AtomicInteger();

        @Override
        public List<PostViews.Detail> changedSince(long afterEventId, int limit) {
            if (errorsToThrow.getAndDecrement() > 0) {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
            List<PostViews.Detail> page = new ArrayList<>();
            long bytes = 0;
            for (Map.Entry<Long, PostViews.Detail> e : events.tailMap(afterEventId, false).entrySet()) {
                long length = e.getValue().textLength();
                if (page.size() == limit || !page.isEmpty() && bytes + length > PostQueries.PAGE_TEXT_BYTES) {
                    break;
                }
                page.add(e.getValue());
                bytes += length;
            }
            if (page.isEmpty() && emptyPageMillis > 0) {
                try {
                    Thread.sleep(emptyPageMillis);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return page;
        }

        @Override
        public long lastEventId() {
            return events.isEmpty() ? 0 : events.lastKey();
        }

        void add(long eventId, int chars) {
            events.put(eventId, post(eventId, chars));
        }
    }

    static PostViews.Detail post(long eventId, int chars) {
        return new PostViews.Detail("p" + eventId, "s", null, null, Instant.EPOCH, false, false, false, false, null,
                null, null, Instant.EPOCH, Instant.EPOCH, null, "PUBLISHED", null, 1, List.of(), List.of(), null, null,
                1, eventId, null, List.of(new PostViews.KeptParagraph(0, "x".repeat(chars), "text")), List.of());
    }

    FakeQueries queries;
    SimpleMeterRegistry registry;
    PostEventBroadcast broadcast;
    final List<AssertSubscriber<PostViews.Detail>> subscribers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        queries = new FakeQueries();
        registry = new SimpleMeterRegistry();
        broadcast = new PostEventBroadcast();
        broadcast.queries = queries;
        broadcast.registry = registry;
        broadcast.registerMetrics();
    }

    @AfterEach
    void tearDown() {
        subscribers.forEach(AssertSubscriber::cancel);
        Infrastructure.setDefaultExecutor();
    }

    double held() {
        return registry.get(PostEventBroadcast.CATCH_UP_CHARS_METRIC).gauge().value();
    }

    double waiting() {
        return registry.get(PostEventBroadcast.CATCH_UP_WAITING_METRIC).gauge().value();
    }

    AssertSubscriber<PostViews.Detail> resume(long after, long request) {
        AssertSubscriber<PostViews.Detail> s = broadcast.events(OptionalLong.of(after)).subscribe()
                .withSubscriber(AssertSubscriber.create(request));
        subscribers.add(s);
        return s;
    }

    /**
     * A page read that frees budget (empty page: a client resuming at the newest event, or a page smaller than the
     * reserved one) gave its reservation back without starting anyone waiting: four waiting catch-ups started together
     * each reserved a page, read nothing, gave the page back silently, and the streams still queued behind them waited
     * with the whole budget free. Every release now starts those waiting.
     */
    @Test
    void aPageSmallerThanItsReservationWakesTheStreamsWaiting() {
        for (long id = 1; id <= 4; id++) {
            queries.add(id, 1_000_000);
        }
        // four stalled clients hold a page of 1,000,000 characters each: 4,000,000 held, no room for a fifth page
        for (long after = 0; after < 4; after++) {
            resume(after, 0);
            long expected = after + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> held() >= expected * 1_000_000);
        }
        // eight clients resume at the newest event: nothing to read, but each needs a page reserved first
        queries.emptyPageMillis = 200;
        List<AssertSubscriber<PostViews.Detail>> upToDate = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            upToDate.add(resume(4, Long.MAX_VALUE));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting() == 8);
        // the stalled clients leave
        for (int i = 0; i < 4; i++) {
            subscribers.get(i).cancel();
        }
        // let the started catch-ups read their (empty) pages and settle
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> held() == 0);
        // every up-to-date stream should go live and get the next event
        queries.add(5, 10);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            broadcast.poll();
            assertThat(waiting()).as("streams still waiting for the budget (held: %s)", held()).isZero();
            for (AssertSubscriber<PostViews.Detail> s : upToDate) {
                assertThat(s.getItems()).extracting(PostViews.Detail::eventId).containsExactly(5L);
            }
        });
        assertThat(held()).isZero();
    }

    /** Runs tasks only when told: a deterministic worker pool. */
    static final class ManualExecutor extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        ManualExecutor() {
            super(1);
        }

        @Override
        public synchronized void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                }
                if (next == null) {
                    return;
                }
                next.run();
            }
        }
    }

    /**
     * drainWaiting started only the head of the queue, trusting it to start the next once it reserved. When that
     * stream's client left after it was taken off the queue and before it ran, it returned at once (ended), having
     * reserved nothing, and the next stream waited with the budget free. A stream now leaves the queue with its page
     * reserved, and gives it back (starting the next) if its client has gone.
     */
    @Test
    void aWaitingStreamWhoseClientLeavesBeforeItsTurnPassesItOn() {
        ManualExecutor pool = new ManualExecutor();
        Infrastructure.setDefaultExecutor(pool);
        queries.add(1, 3_500_000); // one large post: a first page may hold it, and it fills the budget alone
        AssertSubscriber<PostViews.Detail> stalled = resume(0, 0);
        pool.runAll();
        assertThat(held()).isGreaterThan(3_000_000);
        AssertSubscriber<PostViews.Detail> leaving = resume(1, Long.MAX_VALUE);
        AssertSubscriber<PostViews.Detail> next = resume(1, Long.MAX_VALUE);
        pool.runAll();
        assertThat(waiting()).isEqualTo(2);

        stalled.cancel(); // release: drainWaiting reserves a page for `leaving` and submits its catchUpPages
        assertThat(pool.tasks).isNotEmpty();
        leaving.cancel(); // its client goes before the task runs
        pool.runAll();
        assertThat(held()).as("characters held once the leaving stream's task ran").isZero();
        pool.runAll();

        queries.add(2, 10);
        broadcast.poll();
        pool.runAll();
        assertThat(waiting()).as("streams waiting with %s characters held", held()).isZero();
        assertThat(next.getItems()).extracting(PostViews.Detail::eventId).containsExactly(2L);
    }

    /**
     * Only RuntimeException was caught around the page read: an Error there (OutOfMemoryError, the very condition the
     * budget is about) left the page reserved for ever and the stream neither failed nor live, and after four of them
     * no catch-up could read again.
     */
    @Test
    void anErrorReadingAPageGivesItsReservationBackAndEndsTheStream() {
        ManualExecutor pool = new ManualExecutor();
        Infrastructure.setDefaultExecutor(pool);
        queries.add(1, 10);
        queries.errorsToThrow.set(1);
        AssertSubscriber<PostViews.Detail> unlucky = resume(0, Long.MAX_VALUE);
        try {
            pool.runAll();
        } catch (OutOfMemoryError expected) {
            // what the worker thread would die of
        }
        assertThat(held()).as("characters held after the failed read").isZero();
        assertThat(unlucky.hasCompleted() || unlucky.getFailure() != null).as("the stream ended").isTrue();
    }

    /**
     * Latent with the real query's byte cut: when send() ended the stream for falling behind (failBehind, whose
     * emitter.fail runs onTermination and closeCatchUp at once), the post's characters were given back twice, by
     * closeCatchUp and again as unsent, and catchUpHeld went negative.
     */
    @Test
    void aStreamEndedWhileItsPageIsSentGivesEachPostBackOnce() {
        ManualExecutor pool = new ManualExecutor();
        Infrastructure.setDefaultExecutor(pool);
        // a page of a small post then one that takes the untaken text past MAX_PENDING_CHARS (fake: no byte cut)
        FakeQueries noCut = new FakeQueries() {
            @Override
            public List<PostViews.Detail> changedSince(long afterEventId, int limit) {
                return new ArrayList<>(events.tailMap(afterEventId, false).values());
            }
        };
        noCut.add(1, 10);
        noCut.add(2, (int) PostEventBroadcast.MAX_PENDING_CHARS);
        broadcast.queries = noCut;
        AssertSubscriber<PostViews.Detail> s = resume(0, 0);
        pool.runAll();
        assertThat(held()).as("characters held once the only stream ended").isZero();
    }
}
