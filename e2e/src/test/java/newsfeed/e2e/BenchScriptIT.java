package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/local/bench.sh} as a smoke test (issue 8): a few hundred posts of the benchmark's corpus through a
 * stack of two instances of each service ({@code --instances 2}, issue 11) that it starts itself on free ports, the
 * memory of every instance printed. Every post must be stored and every planted repeat found, with nothing else
 * removed across posts; the figures it prints are not asserted, a timed test is not a benchmark.
 */
class BenchScriptIT {

    private static final long TIMEOUT_SECONDS = 600;

    @Test
    void aSmallRunStoresEveryPostAndFindsEveryPlantedRepeat() throws Exception {
        Path root = Paths.root();
        Path runDir = root.resolve("e2e/target/bench-run-" + UUID.randomUUID());
        Path output = root.resolve("e2e/target/bench-smoke-" + UUID.randomUUID() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("deploy/local/bench.sh").toString(),
                "--posts", "300", "--warmup", "0", "--paced-rate", "50", "--paced-seconds", "2", "--seed", "5",
                "--instances", "2")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("NEWSFEED_BENCH_RUN_DIR", runDir.toString());
        Pipeline.ownLocalStack(builder.environment(), 2);
        Process bench = builder.start();
        try {
            boolean exited = bench.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String printed = read(output);
            assertThat(exited).as("bench.sh within %d s:%n%s", TIMEOUT_SECONDS, printed).isTrue();
            assertThat(bench.exitValue()).as("bench.sh exit status:%n%s", printed).isZero();
            assertThat(printed)
                    .contains("(300 of 300 posts in PostgreSQL")
                    .contains("verbatim 30 of 30, near 15 of 15 removed with the right duplicateOf; 0 other paragraphs")
                    .contains("(stored_at − received_at, 100 of 100 posts)")
                    .contains("RESULT ok")
                    .containsPattern("(?m)^ +ingest-2-service +\\d+ MB")
                    .containsPattern("(?m)^ +dedup-2-service +\\d+ MB")
                    .containsPattern("(?m)^ +store-2-service +\\d+ MB")
                    .contains("[bench.sh] stopping the stack it started");
        } finally {
            if (bench.isAlive()) {
                bench.destroyForcibly();
            }
            // never leave a broker or database of this test running, whatever failed above
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(runDir.toString()))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no output)";
    }
}
