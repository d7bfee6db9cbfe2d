package newsfeed.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the resident memory and reads the CPU time of the pipeline's processes (Linux {@code /proc}, proc(5)):
 * memory as the peak over the samples and the last sample, in bytes; CPU time (user + system) on demand, in
 * seconds. A JVM is one process ({@code VmRSS}); PostgreSQL is its postmaster and every backend, whose shared
 * buffers would be counted once per process in RSS, so its memory is summed as proportional set size ({@code Pss}
 * of {@code smaps_rollup}) and its CPU time over the processes, plus the CPU time of the backends that have exited
 * (the postmaster's {@code cutime} and {@code cstime}, proc(5)): a backend that ends during a run, a connection the
 * pool closes, would otherwise take the CPU time it used before the run's start out of the run's count.
 */
final class ProcessUsage implements AutoCloseable {

    /** A watched process: one pid, or a PostgreSQL cluster found by its data directory. */
    record Watched(String name, long pid, String postgresDataDir) {
    }

    /** Peak and last resident size, bytes; -1 when never read. */
    record Usage(long peak, long last) {
    }

    private final List<Watched> watched;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ProcessUsage(List<Watched> watched) {
        this.watched = List.copyOf(watched);
        this.sampler = new Thread(this::run, "rss-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /**
     * Reads every process's RSS twice a second, a PostgreSQL cluster's PSS every {@value #CLUSTER_EVERY}th time: it
     * walks the page tables of every backend, and read twice a second it took 3% of the two cores (perf) from the
     * stack being measured. A cluster's size grows slowly (its shared buffers fill), and the last reading is taken at
     * the end whatever the round.
     */
    private void run() {
        for (long round = 1; running; round++) {
            sample(round % CLUSTER_EVERY == 0);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final int CLUSTER_EVERY = 5;

    private void sample(boolean clusters) {
        for (Watched w : watched) {
            if (w.postgresDataDir() != null && !clusters) {
                continue;
            }
            long bytes = w.postgresDataDir() != null ? postgresPss(w.postgresDataDir()) : rss(w.pid());
            if (bytes >= 0) {
                usage.merge(w.name(), new Usage(bytes, bytes),
                        (a, b) -> new Usage(Math.max(a.peak(), b.peak()), b.last()));
            }
        }
    }

    /** CPU seconds (user + system) used so far per watched name, in the order given; -1 when unreadable. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Watched w : watched) {
            boolean cluster = w.postgresDataDir() != null;
            List<Long> pids = cluster ? postgresPids(w.postgresDataDir()) : List.of(w.pid());
            long ticks = 0;
            boolean read = false;
            for (long pid : pids) {
                // only the postmaster reaps backends; for a JVM (no child processes) the children's times are 0
                long t = cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat")), cluster);
                if (t >= 0) {
                    ticks += t;
                    read = true;
                }
            }
            out.put(w.name(), read ? ticks / (double) CLOCK_TICKS : -1);
        }
        return out;
    }

    /** Peak and last usage per watched name, in the order given. */
    Map<String, Usage> usage() {
        sample(true);
        Map<String, Usage> out = new LinkedHashMap<>();
        for (Watched w : watched) {
            out.put(w.name(), usage.getOrDefault(w.name(), new Usage(-1, -1)));
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static long rss(long pid) {
        return kilobytes(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /** USER_HZ, the unit of CPU times in {@code /proc/<pid>/stat}: 100 on Linux on every common architecture. */
    private static final int CLOCK_TICKS = 100;

    /**
     * CPU time of a process in clock ticks from its {@code /proc/<pid>/stat} line: user + system, and with
     * {@code withReapedChildren} also that of its children it has waited for; -1 for an unreadable line (the process
     * has gone).
     */
    static long cpuTicks(String stat, boolean withReapedChildren) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        // fields after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1
        String[] fields = stat.substring(close + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    private static long postgresPss(String dataDir) {
        List<Long> pids = postgresPids(dataDir);
        if (pids.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (long pid : pids) {
            total += Math.max(0, kilobytes(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:"));
        }
        return total;
    }

    /** The postmaster of the cluster in {@code dataDir} and its children. */
    private static List<Long> postgresPids(String dataDir) {
        List<Long> postmasters = new ArrayList<>();
        List<long[]> all = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String cmdline = read(dir.resolve("cmdline")).replace('\0', ' ');
                if (cmdline.contains("postgres") && cmdline.contains(dataDir)) {
                    postmasters.add(pid);
                }
                all.add(new long[] {pid, parentOf(dir)});
            }
        } catch (IOException e) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (long[] process : all) {
            if (postmasters.contains(process[0]) || postmasters.contains(process[1])) {
                out.add(process[0]);
            }
        }
        return out;
    }

    private static long parentOf(Path procDir) {
        String stat = read(procDir.resolve("stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        return fields.length > 1 ? Long.parseLong(fields[1]) : -1;
    }

    private static long kilobytes(Path file, String field) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
