package newsfeed.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How often the benchmark counts the stored posts: rarely while far from the end, often near it. */
class PollPauseTest {

    private static final long TEN_SECONDS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void farFromTheEndTheCountWaitsTwoSeconds() {
        // 1,000 posts in 10 s, 19,000 to go: about 190 s
        assertThat(PipelineBenchmark.pollPause(1_000, 20_000, TEN_SECONDS)).isEqualTo(2000);
    }

    @Test
    void nearTheEndItWaitsHalfThePredictedRest() {
        // 10,000 posts in 10 s, 600 to go: 600 ms, so 300
        assertThat(PipelineBenchmark.pollPause(10_000, 10_600, TEN_SECONDS)).isEqualTo(300);
    }

    @Test
    void atTheEndItStillWaitsAtLeast100Milliseconds() {
        assertThat(PipelineBenchmark.pollPause(10_000, 10_001, TEN_SECONDS)).isEqualTo(100);
    }

    @Test
    void beforeTheFirstPostIsStoredItWaitsAQuarterSecond() {
        assertThat(PipelineBenchmark.pollPause(0, 20_000, TEN_SECONDS)).isEqualTo(250);
    }
}
