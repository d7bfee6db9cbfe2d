package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/containers/smoke.sh} (issue 9, acceptance 1): every image built here without a registry, Kafka,
 * PostgreSQL and the three services run as podman containers, the sample imported and stored, every container removed
 * afterwards. Runs in its own failsafe execution ({@code containers}). Where podman is missing it fails saying how to
 * install it; {@code NEWSFEED_SKIP_CONTAINERS=true} skips it on purpose.
 */
class ContainerSmokeIT {

    private static final long TIMEOUT_MINUTES = 25;

    @Test
    void theSampleGoesThroughThePipelineInContainers() throws Exception {
        OwnExecution.assumeSelected(ContainerSmokeIT.class);
        Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("NEWSFEED_SKIP_CONTAINERS")),
                "NEWSFEED_SKIP_CONTAINERS=true: the container smoke run is skipped");
        DebianPackages.require("the container smoke test", "podman runc debootstrap",
                Path.of("/usr/bin/podman"), Path.of("/usr/sbin/runc"), Path.of("/usr/sbin/debootstrap"));
        Path root = Paths.root();
        Path output = root.resolve("e2e/target/container-smoke-" + UUID.randomUUID() + ".log");
        Process smoke = new ProcessBuilder("bash", root.resolve("deploy/containers/smoke.sh").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = smoke.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            smoke.destroy();   // its trap removes the containers
            smoke.waitFor(60, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("smoke.sh within %d minutes:%n%s", TIMEOUT_MINUTES, printed).isTrue();
        assertThat(smoke.exitValue()).as("smoke.sh exit status:%n%s", printed).isZero();
        assertThat(printed).contains("[smoke] SMOKE OK").contains("[smoke] removing the containers it started");

        Process left = new ProcessBuilder("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs", "ps", "-a",
                "--filter", "name=smoke-", "--format", "{{.Names}}").redirectErrorStream(true).start();
        String containers = new String(left.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(left.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(containers).as("containers left behind").isEmpty();
    }
}
