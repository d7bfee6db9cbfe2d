package newsfeed.contracts.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class DeadlineProbeTest {

    @Test
    void anAnswerWithinTheDeadlineIsUpWithWhatTheProbeReturned() {
        try (DeadlineProbe probe = new DeadlineProbe("Kafka broker", "Kafka at localhost:9092", "nodes",
                Duration.ofSeconds(3), () -> "localhost:9092")) {
            assertThat(probe.answer()).isEqualTo(new DeadlineProbe.Answer(true, "localhost:9092"));
            HealthCheckResponse response = probe.response();
            assertThat(response.getName()).isEqualTo("Kafka broker");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                    .containsOnly(java.util.Map.entry("nodes", "localhost:9092")));
        }
    }

    /**
     * The other side accepts and never answers: the caller has its answer at the deadline, and a caller after it
     * joins the probe still in flight instead of starting a second one (one stuck thread, not one per request).
     */
    @Test
    void aProbeThatNeverReturnsIsDownAtTheDeadlineAndHoldsOneThread() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (DeadlineProbe probe = new DeadlineProbe("PostgreSQL", "PostgreSQL at localhost:5432", "version",
                Duration.ofMillis(300), () -> {
                    started.incrementAndGet();
                    never.await();
                    return "never";
                })) {
            long start = System.nanoTime();
            DeadlineProbe.Answer first = probe.answer();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(first).isEqualTo(new DeadlineProbe.Answer(false,
                    "PostgreSQL at localhost:5432 did not answer within 300 ms"));
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(10));

            DeadlineProbe.Answer second = probe.answer();
            assertThat(second.up()).isFalse();
            assertThat(second.detail()).matches("PostgreSQL at localhost:5432 has not answered a probe sent \\d+ ms ago");
            HealthCheckResponse response = probe.response();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow()).containsKey("problem");
            assertThat(started).hasValue(1);
        }
    }

    /** A review: with the wall clock stepped back 10 s, a 300 ms deadline made the caller wait 10.3 s. */
    @Test
    void aClockThatGoesBackNeverMakesACallerWaitLongerThanTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        long[] now = {1_000_000_000_000L};
        try (DeadlineProbe probe = new DeadlineProbe("PostgreSQL", "PostgreSQL at localhost:5432", "version",
                Duration.ofMillis(300), () -> {
                    never.await();
                    return "never";
                }, () -> now[0])) {
            probe.answer();
            now[0] -= Duration.ofSeconds(10).toNanos();
            long start = System.nanoTime();
            assertThat(probe.answer().detail()).isEqualTo("PostgreSQL at localhost:5432 did not answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProbeStartsAgainOnceTheOneInFlightReturned() throws Exception {
        AtomicInteger started = new AtomicInteger();
        try (DeadlineProbe probe = new DeadlineProbe("Kafka broker", "Kafka at localhost:9092", "nodes",
                Duration.ofSeconds(3), () -> "call " + started.incrementAndGet())) {
            assertThat(probe.answer().detail()).isEqualTo("call 1");
            assertThat(probe.answer().detail()).isEqualTo("call 2");
        }
    }

    @Test
    void anErrorOfTheProbeIsDownWithItsMessage() {
        try (DeadlineProbe probe = new DeadlineProbe("Kafka broker", "Kafka at nowhere.invalid:9092", "nodes",
                Duration.ofSeconds(3), () -> {
                    throw new IllegalStateException("No resolvable bootstrap urls given in bootstrap.servers");
                })) {
            assertThat(probe.answer()).isEqualTo(new DeadlineProbe.Answer(false,
                    "Kafka at nowhere.invalid:9092: No resolvable bootstrap urls given in bootstrap.servers"));
        }
        try (DeadlineProbe probe = new DeadlineProbe("Kafka broker", "Kafka at localhost:9092", "nodes",
                Duration.ofSeconds(2), () -> {
                    throw new java.util.concurrent.TimeoutException("Timed out waiting for a node assignment");
                })) {
            assertThat(probe.answer().detail()).isEqualTo("Kafka at localhost:9092 did not answer within 2 s");
        }
    }

    @Test
    void aDeadlineOutOfRangeIsRefusedNamingTheSetting() {
        Map<Duration, String> refused = Map.of(Duration.ZERO, "0 ms", Duration.ofMillis(99), "99 ms",
                Duration.ofSeconds(61), "61 s", Duration.ofSeconds(-3), "-3000 ms");
        refused.forEach((deadline, words) -> assertThatThrownBy(
                () -> new DeadlineProbe("Kafka broker", "Kafka", "nodes", deadline, () -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newsfeed.health.deadline must be between 100 ms and 60 s, was " + words));
        try (DeadlineProbe shortest = new DeadlineProbe("Kafka broker", "Kafka", "nodes", Duration.ofMillis(100),
                () -> "x"); DeadlineProbe longest = new DeadlineProbe("Kafka broker", "Kafka", "nodes",
                        Duration.ofSeconds(60), () -> "x")) {
            assertThat(shortest.answer().up()).isTrue();
            assertThat(longest.answer().up()).isTrue();
        }
    }

    @Test
    void durationsAreWrittenForPeople() {
        assertThat(DeadlineProbe.words(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(DeadlineProbe.words(Duration.ofSeconds(3))).isEqualTo("3 s");
        assertThat(DeadlineProbe.words(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }
}
