package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/run.sh} started by a test on a stack of its own (free ports, its own run directory), its
 * output collected line by line; {@link #close()} stops it with SIGINT and kills whatever of its run is left.
 */
final class RunScript implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 300;

    final Path runDir;
    final Map<String, Integer> ports;
    private final Process script;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private RunScript(Path runDir, Map<String, Integer> ports, Process script) {
        this.runDir = runDir;
        this.ports = ports;
        this.script = script;
        this.reader = new Thread(this::readLines);
        reader.start();
    }

    /**
     * Starts run.sh with {@code arguments} and {@code environment} on free ports, and waits until it prints
     * "pipeline running" (the sample imported and stored).
     *
     * @throws AssertionError if it exits or is not running within 300 s, with its output
     */
    static RunScript start(Map<String, String> environment, String... arguments) throws Exception {
        Path root = Paths.root();
        Path runDir = root.resolve("e2e/target/run-script-" + UUID.randomUUID());
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("deploy/local/run.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NEWSFEED_RUN_DIR", runDir.toString());
        builder.environment().remove("NEWSFEED_API_TOKENS");
        builder.environment().putAll(environment);
        int instances = 1;
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("--instances")) {
                instances = Integer.parseInt(arguments[i + 1]);
            }
        }
        Map<String, Integer> ports = Pipeline.ownLocalStack(builder.environment(), instances);
        RunScript run = new RunScript(runDir, ports, builder.start());
        try {
            run.awaitLine("pipeline running", START_TIMEOUT_SECONDS);
        } catch (AssertionError | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** What run.sh printed so far, one line per element. */
    /** The JDBC URL of the run's PostgreSQL (user and password {@code postgres}). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + ports.get("PG_PORT") + "/newsfeed";
    }

    String output() {
        // a synchronized list is iterated holding its lock: the reader thread adds lines meanwhile (a CI run's
        // ConcurrentModificationException in awaitLine)
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    boolean isAlive() {
        return script.isAlive();
    }

    long pid() {
        return script.pid();
    }

    private boolean printed(String text) {
        synchronized (output) {
            return output.stream().anyMatch(line -> line.contains(text));
        }
    }

    /** Waits until a line containing {@code text} was printed, failing with the output if run.sh exits first. */
    void awaitLine(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!printed(text)) {
            assertThat(script.isAlive()).as("run.sh exited before printing %s:\n%s", text, output()).isTrue();
            assertThat(System.nanoTime()).as("run.sh did not print %s within %d s:\n%s", text, seconds, output())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /**
     * Stops run.sh with SIGINT, as Ctrl-C does, and waits up to 90 s for it to exit.
     *
     * @return true if it exited in time
     */
    boolean interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(script.pid())).start().waitFor();
        boolean exited = script.waitFor(90, TimeUnit.SECONDS);
        reader.join(5_000);
        return exited;
    }

    /** The command lines of the processes of this run still alive. */
    List<String> processesLeft() {
        return ProcessHandle.allProcesses().map(RunScript::commandLine)
                .filter(c -> c.contains(runDir.toString())).toList();
    }

    /** Stops run.sh if it still runs, and never leaves a broker or database of this run behind. */
    @Override
    public void close() {
        try {
            if (script.isAlive()) {
                interrupt();
            }
        } catch (IOException e) {
            // killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (script.isAlive()) {
                script.destroyForcibly();
            }
            ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(runDir.toString()))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(script.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output unreadable: " + e + ")");
        }
    }
}
