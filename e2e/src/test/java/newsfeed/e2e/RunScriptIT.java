package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/local/run.sh} as a user runs it (issue 2, acceptance 5): it starts a Kafka broker process,
 * PostgreSQL and the three services, imports the bundled sample, prints the summary and keeps running; the store
 * API lists the posts meanwhile; SIGINT stops every process it started. Ports are free ones, so the test does not
 * depend on 9092/5432/8081–8083 being unused.
 */
class RunScriptIT {

    /** A new-user trial: {@code --source} without a slug stopped with bash's own "2: --source needs a slug". */
    @Test
    void anOptionWithoutItsValueIsNamedBeforeAnythingStarts() throws Exception {
        for (List<String> arguments : List.of(List.of("--source"), List.of("--source", "--fresh"),
                List.of("--instances"))) {
            List<String> command = new ArrayList<>(List.of("bash",
                    Paths.root().resolve("deploy/local/run.sh").toString()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("%s", arguments).isEqualTo(2);
            assertThat(output).as("%s", arguments).isEqualTo(arguments.get(0).equals("--source")
                    ? "run.sh: --source needs a slug, e.g. --source mywire (see --help)\n"
                    : "run.sh: --instances needs a number from 1 to 9 (see --help)\n");
        }
    }

    @Test
    void startsEverythingImportsTheSampleAndStopsEverythingOnSigint() throws Exception {
        try (RunScript run = RunScript.start(Map.of())) {
            Path runDir = run.runDir;
            Map<String, Integer> ports = run.ports;
            int storePort = ports.get("STORE_PORT");
            String printed = run.output();
            assertThat(printed).contains("Imported northwind-wire.txt as source 'northwind': 9 posts stored")
                    .contains("Paragraphs: ").contains("🌊 Foreign Minister Ilse Varnholt opens");

            JsonNode page = Api.get("http://localhost:" + storePort + "/api/posts?limit=50").json();
            assertThat(page.get("items")).hasSize(9);

            // run.sh made a token for this run, printed it, wrote it for clients, and ingest's writes need it
            String token = Files.readString(runDir.resolve("api-token")).strip();
            assertThat(token).matches("[0-9a-f]{64}");
            assertThat(printed).contains("API token for ingest's write routes: " + token);
            URI posts = URI.create("http://localhost:" + ports.get("INGEST_PORT") + "/api/posts");
            String post = "{\"source\":\"run-script\",\"externalId\":\"1\",\"body\":\"Headline\"}";
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(posts).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(post)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("a write without the token").isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(posts).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(post))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("with it").isEqualTo(202);

            // issue 11: a service killed outright is started again, and the pipeline carries on
            long dedupPid = Long.parseLong(Files.readString(runDir.resolve("pids/dedup-service.pid")).strip());
            // issue 8: dedup-service, and only it, runs with glibc settings that return RocksDB's freed memory
            long ingestPid = Long.parseLong(Files.readString(runDir.resolve("pids/ingest-service.pid")).strip());
            assertThat(environment(dedupPid)).contains("MALLOC_ARENA_MAX=1", "MALLOC_MMAP_THRESHOLD_=131072",
                    "MALLOC_TRIM_THRESHOLD_=262144");
            assertThat(environment(ingestPid)).contains("MALLOC_ARENA_MAX=2")
                    .noneMatch(variable -> variable.startsWith("MALLOC_MMAP_THRESHOLD_="));
            new ProcessBuilder("kill", "-KILL", Long.toString(dedupPid)).start().waitFor();
            run.awaitLine("dedup-service started again", 120);
            assertThat(run.output()).contains("dedup-service exited with status 137 (killed by SIGKILL); restarting it in "
                    + "1s (restart 1)").contains("restarts: ingest 0, dedup 1, store 0");
            assertThat(Long.parseLong(Files.readString(runDir.resolve("pids/dedup-service.pid")).strip()))
                    .isNotEqualTo(dedupPid);
            String after = "{\"source\":\"run-script\",\"externalId\":\"after-restart\",\"body\":\"After the "
                    + "restart\\n\\nThe ferry timetable for the winter months was published this morning.\"}";
            assertThat(http.send(HttpRequest.newBuilder(posts).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(after))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
            long storedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (Api.post("http://localhost:" + storePort, "run-script:after-restart") == null) {
                assertThat(System.nanoTime()).as("a post sent after the restart is not stored").isLessThan(
                        storedDeadline);
                Thread.sleep(1_000);
            }

            assertThat(run.interrupt()).as("run.sh stops on SIGINT").isTrue();
            assertThat(run.output()).contains("[run.sh] stopped");
            assertThat(run.processesLeft()).as("processes left behind").isEmpty();
        }
    }

    /** The environment a process was started with (proc(5)). */
    private static List<String> environment(long pid) throws IOException {
        return List.of(Files.readString(Path.of("/proc/" + pid + "/environ")).split("\0"));
    }
}
