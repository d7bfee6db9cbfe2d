package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ingest-service refuses to start with a guessable API token. Found by a new-user trial: a 5-character
 * {@code NEWSFEED_API_TOKENS} let the service start and report ready, then every request that needed the token
 * answered 500, because the tokens were first read by the first such request.
 */
class ApiTokenStartupIT {

    @Test
    void aShortTokenStopsTheServiceAtStartNamingTheVariableNotTheToken() throws Exception {
        Pipeline pipeline = Pipeline.shared();

        IllegalStateException exited = catchThrowableOfType(IllegalStateException.class,
                () -> pipeline.startAnother(Pipeline.INGEST, Map.of("NEWSFEED_API_TOKENS", "abcde")).close());

        assertThat(exited).isNotNull();
        assertThat(exited.getMessage()).startsWith(Pipeline.INGEST + " exited with status 1");
        String log = Files.readString(ServiceProcess.logOf(exited), StandardCharsets.UTF_8);
        assertThat(log).contains("NEWSFEED_API_TOKENS: token 1 has 5 characters; use at least 16")
                .doesNotContain("abcde");
    }
}
