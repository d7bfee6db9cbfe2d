package newsfeed.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CPU time the benchmark reads from {@code /proc/<pid>/stat} (proc(5)). */
class ProcessUsageTest {

    @Test
    void readsUserAndSystemTimeAfterACommandWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 900 0 0 0 120 30 7 5 20 0 1 0 100 0 0";

        assertThat(ProcessUsage.cpuTicks(stat, false)).isEqualTo(150);
        assertThat(ProcessUsage.cpuTicks(stat, true)).isEqualTo(162);
        assertThat(ProcessUsage.cpuTicks("", true)).as("a process gone").isEqualTo(-1);
    }

    /**
     * Why the PostgreSQL count adds the reaped children's time: a child's CPU time moves to its parent's cutime and
     * cstime when the parent waits for it (as the postmaster does for a backend that ends); without them it would
     * vanish from a sum taken over the live processes.
     */
    @Test
    void aChildsCpuTimeCountsInItsParentOnceItHasEndedAndBeenWaitedFor() throws Exception {
        Path self = Path.of("/proc/self/stat");
        long before = ProcessUsage.cpuTicks(Files.readString(self), true);
        long ownBefore = ProcessUsage.cpuTicks(Files.readString(self), false);
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done")
                .inheritIO().start();
        assertThat(busy.waitFor(60, TimeUnit.SECONDS)).as("the busy child ended").isTrue();
        long after = ProcessUsage.cpuTicks(Files.readString(self), true);
        long ownAfter = ProcessUsage.cpuTicks(Files.readString(self), false);

        long child = (after - before) - (ownAfter - ownBefore);
        assertThat(child).as("the ended child's CPU ticks (1/100 s) in this JVM's count").isGreaterThanOrEqualTo(10);
    }
}
