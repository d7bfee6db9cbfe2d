package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecoderTest {

    @Test
    void aPathSegmentKeepsItsPlusSemicolonAndDecodedSlash() {
        assertThat(PercentDecoder.pathSegment("postId", "semi:a;b")).isEqualTo("semi:a;b");
        assertThat(PercentDecoder.pathSegment("postId", "semi:a%3Bb")).isEqualTo("semi:a;b");
        assertThat(PercentDecoder.pathSegment("postId", "x:a+b%20c")).isEqualTo("x:a+b c");
        assertThat(PercentDecoder.pathSegment("postId", "x:https%3a%2F%2fexample.org%2Fa")).isEqualTo(
                "x:https://example.org/a");
        assertThat(PercentDecoder.pathSegment("postId", "x:%D0%BA%D0%BE%D0%B4%F0%9F%93%8D")).isEqualTo("x:код📍");
        assertThat(PercentDecoder.pathSegment("postId", "x:50%2525")).isEqualTo("x:50%25");
    }

    @Test
    void aQueryComponentReadsPlusAsASpace() {
        assertThat(PercentDecoder.queryComponent("q", "harbour+deal%2B1")).isEqualTo("harbour deal+1");
        assertThat(PercentDecoder.queryComponent("since", "2025-03-01T00:00:00+03:00"))
                .isEqualTo("2025-03-01T00:00:00 03:00");
        assertThat(PercentDecoder.queryComponent("tag", "%23%D0%9F%D0%B0%D1%80%D0%BE%D0%BC%D1%8B"))
                .isEqualTo("#Паромы");
        assertThat(PercentDecoder.queryComponent("q", "")).isEmpty();
    }

    @Test
    void escapesThatAreNotUtf8AreRefusedQuotingThemNotReplacedWithU_FFFD() {
        assertThatThrownBy(() -> PercentDecoder.queryComponent("source", "%C3%28"))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("source has percent-escapes that are not UTF-8: \"%C3%28\" (RFC 3986 §2.5 and §2.1: a "
                        + "character is sent as the %XX escapes of its UTF-8 bytes)")
                .extracting(e -> ((BadParameterException) e).parameter()).isEqualTo("source");
        // a truncated sequence at the end, in a path: only the run of escapes at fault is quoted
        assertThatThrownBy(() -> PercentDecoder.pathSegment("postId", "ria%3Ar1%C3"))
                .hasMessageStartingWith("postId has percent-escapes that are not UTF-8: \"%C3\" (RFC 3986");
        // ISO-8859-1 é, an overlong '/', a UTF-16 surrogate written as UTF-8 (CESU-8), a byte no UTF-8 holds
        for (String escapes : new String[] {"%E9", "%C0%AF", "%ED%A0%80", "%FF"}) {
            assertThatThrownBy(() -> PercentDecoder.queryComponent("q", "caf" + escapes + "+x"))
                    .as(escapes).hasMessageStartingWith("q has percent-escapes that are not UTF-8: \"" + escapes + "\"");
        }
    }

    @Test
    void aMalformedEscapeIsRefusedToo() {
        // Vert.x answers these 400 before any route; the decoder does not rely on it
        assertThatThrownBy(() -> PercentDecoder.queryComponent("q", "50%"))
                .hasMessage("q has a % that does not begin a percent-escape (%XX, two hex digits: RFC 3986 §2.1), "
                        + "got \"50%\"");
        assertThatThrownBy(() -> PercentDecoder.pathSegment("postId", "a%zz"))
                .hasMessageStartingWith("postId has a % that does not begin a percent-escape");
    }
}
