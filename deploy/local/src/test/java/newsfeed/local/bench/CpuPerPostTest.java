package newsfeed.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CPU column of the benchmark's process table. */
class CpuPerPostTest {

    @Test
    void cpuSecondsOverTheRunArePerPostMilliseconds() {
        assertThat(PipelineBenchmark.cpuPerPost(10.0, 30.4, 20_000)).isEqualTo("1.02 ms");
        assertThat(PipelineBenchmark.cpuPerPost(-1, 30.4, 20_000)).isEqualTo("?");
    }

    /**
     * Found by an operator's trial: dedup-service killed during the run (run.sh started it again under another pid)
     * printed -3.47 ms, its unreadable end (-1) minus its start.
     */
    @Test
    void aProcessThatExitedDuringTheRunHasNoFigure() {
        assertThat(PipelineBenchmark.cpuPerPost(69.4, -1, 20_000)).isEqualTo("? (exited during the run)");
    }
}
