package newsfeed.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The valid API tokens ({@link ApiSecuritySettings#tokens()}) and the one check of a presented token. Tokens are kept
 * as SHA-256 digests and compared with {@link MessageDigest#isEqual} (time independent of where they differ), and are
 * never logged or echoed: a caller is known by the token's position, {@code api-token-1}, {@code api-token-2}, ….
 */
@Startup // built at start, not by the first request: a short token must stop the service, not answer 500
@ApplicationScoped
public class ApiTokens {

    /** Shortest token accepted: 16 characters (e.g. {@code openssl rand -hex 32} gives 64). */
    public static final int MIN_LENGTH = 16;

    private final List<byte[]> digests = new ArrayList<>();

    /**
     * @throws IllegalArgumentException naming the position of a token shorter than {@link #MIN_LENGTH} (never the
     *                                  token), so a service refuses to start with a guessable one
     */
    @Inject
    public ApiTokens(ApiSecuritySettings settings) {
        this(settings.tokens().orElse(List.of()));
    }

    /** @param tokens the valid tokens; blank entries are ignored */
    public ApiTokens(List<String> tokens) {
        int position = 0;
        for (String token : tokens) {
            position++;
            String trimmed = token.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("NEWSFEED_API_TOKENS: token " + position + " has " + trimmed.length()
                        + " characters; use at least " + MIN_LENGTH + " (e.g. openssl rand -hex 32)");
            }
            digests.add(sha256(trimmed));
        }
    }

    /** Whether any token is configured; without one no request can authenticate. */
    public boolean configured() {
        return !digests.isEmpty();
    }

    /** @return the caller's name ({@code api-token-N}) when the token is valid, else empty */
    public Optional<String> check(String presented) {
        byte[] digest = sha256(presented);
        String match = null;
        // compare with every token, whatever matched, so the time taken does not tell which one did
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), digest) && match == null) {
                match = "api-token-" + (i + 1);
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
