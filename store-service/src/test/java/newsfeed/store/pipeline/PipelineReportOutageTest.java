package newsfeed.store.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/pipeline} while Kafka does not answer: a helper's trial stopped the broker, and four concurrent
 * callers were answered after 10, 20, 30 and 40 s, each trying again in turn, with the error "Kafka did not answer:
 * null". The attempt's failure is now shared like a report, and says what happened.
 */
class PipelineReportOutageTest {

    /** A monitor whose Kafka never answers, slowly: the one thing a unit test cannot make real here. */
    private static final class Unanswered extends PipelineMonitor {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Report report() {
            attempts.incrementAndGet();
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw unanswered(new TimeoutException());
        }
    }

    @Test
    void concurrentCallersShareOneFailedAttemptAndItsMessageSaysWhatHappened() throws Exception {
        Unanswered monitor = new Unanswered();
        monitor.sampleInterval = Duration.ofSeconds(2);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(callers.submit(monitor::recentReport));
            }
            for (Future<?> call : calls) {
                assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("Kafka did not answer within 10 s");
            }
            // one attempt answered the four: before, each tried again in turn, 10 s each
            assertThat(monitor.attempts).as("one attempt for the four callers").hasValue(1);

            // within the interval after it, the failure is answered at once; after it, Kafka is asked again
            assertThatThrownBy(monitor::recentReport).hasMessage("Kafka did not answer within 10 s");
            assertThat(monitor.attempts).hasValue(1);
            Thread.sleep(2_100);
            assertThatThrownBy(monitor::recentReport).isInstanceOf(IllegalStateException.class);
            assertThat(monitor.attempts).hasValue(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailureOfTheRequestItselfNamesItsCause() {
        assertThat(PipelineMonitor.unanswered(new ExecutionException(
                new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment"))))
                .hasMessage("Kafka did not answer: Timed out waiting for a node assignment");
    }
}
