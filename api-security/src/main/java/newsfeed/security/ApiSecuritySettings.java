package newsfeed.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the HTTP APIs ({@code newsfeed.api.*}; as environment variables {@code NEWSFEED_API_TOKENS} and
 * {@code NEWSFEED_API_READS_REQUIRE_TOKEN}). Which routes need a token is each service's
 * {@code quarkus.http.auth.permission.*} configuration; this says which tokens are valid.
 */
@ConfigMapping(prefix = "newsfeed.api")
public interface ApiSecuritySettings {

    /**
     * The valid bearer tokens, comma-separated (so one can be rotated: add the new one, move clients, remove the old).
     * Each at least {@link ApiTokens#MIN_LENGTH} characters. None set: every route that needs a token answers 401.
     */
    Optional<List<String>> tokens();

    /** Whether reads ({@code GET} of the APIs) need a token too; writes always do. */
    @WithDefault("false")
    boolean readsRequireToken();
}
