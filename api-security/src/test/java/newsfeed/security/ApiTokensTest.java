package newsfeed.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private static final String FIRST = "0123456789abcdef0123";
    private static final String SECOND = "fedcba9876543210fedc";

    @Test
    void aValidTokenIsKnownByItsPosition() {
        ApiTokens tokens = new ApiTokens(List.of(FIRST, " " + SECOND + " ", ""));
        assertThat(tokens.configured()).isTrue();
        assertThat(tokens.check(FIRST)).contains("api-token-1");
        assertThat(tokens.check(SECOND)).contains("api-token-2");
        assertThat(tokens.check(FIRST + "x")).isEmpty();
        assertThat(tokens.check("")).isEmpty();
    }

    @Test
    void noTokensAcceptNothing() {
        ApiTokens tokens = new ApiTokens(List.of());
        assertThat(tokens.configured()).isFalse();
        assertThat(tokens.check(FIRST)).isEmpty();
    }

    @Test
    void aShortTokenStopsTheServiceNamingItsPositionNotItsValue() {
        assertThatThrownBy(() -> new ApiTokens(List.of(FIRST, "short-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NEWSFEED_API_TOKENS: token 2 has 12 characters; use at least 16 (e.g. openssl rand -hex 32)")
                .message().doesNotContain("short-secret");
    }
}
