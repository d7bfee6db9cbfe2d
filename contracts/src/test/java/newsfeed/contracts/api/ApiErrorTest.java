package newsfeed.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void aShortValueIsQuotedWhole() {
        assertThat(ApiError.quote("ftp://x")).isEqualTo("\"ftp://x\"");
        assertThat(ApiError.quote("x".repeat(100))).isEqualTo("\"" + "x".repeat(100) + "\"");
        assertThat(ApiError.quote(null)).isEqualTo("null");
    }

    @Test
    void aLongValueIsCutAndItsLengthNamed() {
        // a new-user trial: a 1 MB url came back whole in the 400's details
        assertThat(ApiError.quote("a".repeat(1_000_000)))
                .isEqualTo("\"" + "a".repeat(100) + "…\" (1000000 characters)");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String value = "b".repeat(99) + "😀" + "c".repeat(10);

        assertThat(ApiError.quote(value)).isEqualTo("\"" + "b".repeat(99) + "…\" (111 characters)");
    }
}
