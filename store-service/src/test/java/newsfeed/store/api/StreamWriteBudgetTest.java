package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write budget of the event streams ({@link StreamWriteBudget}), without Quarkus: a stream's next event is written
 * only within the budget of all streams' events being written, and what it held is given back when the response's
 * writer asks for the next event or the stream's connection goes. The e2e {@code StreamHeapIT} checks it against the
 * trial that ran store-service out of direct memory, and the closing of stalled connections.
 */
class StreamWriteBudgetTest {

    private static final Duration GRANT = Duration.ofSeconds(5);

    private SimpleMeterRegistry registry;
    private StreamWriteBudget budget;

    @BeforeEach
    void budget() {
        registry = new SimpleMeterRegistry();
        budget = new StreamWriteBudget();
        budget.registry = registry;
        budget.registerMetrics();
    }

    @Test
    void eventsBeyondTheBudgetWaitUntilAWriteCompletesFirstComeFirstServed() {
        long half = StreamWriteBudget.CAPACITY_CHARS / 2;
        StreamWriteBudget.Writer a = budget.open(null);
        StreamWriteBudget.Writer b = budget.open(null);
        StreamWriteBudget.Writer c = budget.open(null);
        StreamWriteBudget.Writer d = budget.open(null);

        a.acquire(half).subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
        b.acquire(half).subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
        assertThat(writingChars()).isEqualTo(2.0 * half);
        UniAssertSubscriber<Void> third = c.acquire(1).subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> fourth = d.acquire(1).subscribe().withSubscriber(UniAssertSubscriber.create());
        third.assertNotTerminated();
        fourth.assertNotTerminated();
        assertThat(waiting()).isEqualTo(2.0);

        // a's write completes: its room goes to the first waiting, then the next
        a.written();
        third.awaitItem(GRANT);
        fourth.awaitItem(GRANT);
        assertThat(writingChars()).isEqualTo(half + 2.0);
        assertThat(waiting()).isZero();
    }

    @Test
    void anEventLargerThanTheBudgetIsWrittenWhenNothingElseIs() {
        StreamWriteBudget.Writer small = budget.open(null);
        StreamWriteBudget.Writer large = budget.open(null);
        small.acquire(10).subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
        UniAssertSubscriber<Void> big = large.acquire(3 * StreamWriteBudget.CAPACITY_CHARS).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        big.assertNotTerminated();
        small.written();
        big.awaitItem(GRANT);
        assertThat(writingChars()).isEqualTo(3.0 * StreamWriteBudget.CAPACITY_CHARS);
    }

    @Test
    void aStreamThatGoesGivesBackWhatItHeldAndLeavesTheQueue() {
        StreamWriteBudget.Writer full = budget.open(null);
        StreamWriteBudget.Writer gone = budget.open(null);
        StreamWriteBudget.Writer next = budget.open(null);
        full.acquire(StreamWriteBudget.CAPACITY_CHARS).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertCompleted();
        UniAssertSubscriber<Void> cancelled = gone.acquire(5).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> waitingNext = next.acquire(7).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        cancelled.cancel();
        assertThat(waiting()).isEqualTo(1.0);

        // the connection of the stream holding it all goes
        full.close();
        waitingNext.awaitItem(GRANT);
        assertThat(writingChars()).isEqualTo(7.0);
        // asking for the next event twice, or after the close, gives nothing back twice
        next.written();
        next.written();
        next.close();
        assertThat(writingChars()).isZero();
        // an event of no text still counts, so that a stream of them waits its turn too
        next.acquire(0).subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
        assertThat(writingChars()).isEqualTo(1.0);
    }

    private double writingChars() {
        return registry.get(StreamWriteBudget.WRITING_CHARS_METRIC).gauge().value();
    }

    private double waiting() {
        return registry.get(StreamWriteBudget.WAITING_METRIC).gauge().value();
    }
}
