package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service refuses to start with a readiness deadline out of range. Found by a review: with
 * {@code newsfeed.health.deadline=50ms} dedup-service started and served its API, and every {@code /q/health/ready}
 * answered 500, because the checks were first made by the first readiness request.
 */
class ReadinessDeadlineStartupIT {

    @Test
    void aDeadlineOutOfRangeStopsTheServiceAtStartNamingTheSetting() throws Exception {
        Pipeline pipeline = Pipeline.shared();

        IllegalStateException exited = catchThrowableOfType(IllegalStateException.class,
                () -> pipeline.startAnother(Pipeline.STORE, Map.of("NEWSFEED_HEALTH_DEADLINE", "50ms")).close());

        assertThat(exited).isNotNull();
        assertThat(exited.getMessage()).startsWith(Pipeline.STORE + " exited with status 1");
        String log = Files.readString(ServiceProcess.logOf(exited), StandardCharsets.UTF_8);
        assertThat(log).contains("newsfeed.health.deadline must be between 100 ms and 60 s, was 50 ms");
    }
}
