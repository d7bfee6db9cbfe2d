package newsfeed.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebLinksTest {

    @Test
    void onlyAbsoluteHttpAndHttpsLinksWithAHostAreKept() {
        assertThat(WebLinks.webOrNull(" https://example.org/a?b=c ")).isEqualTo("https://example.org/a?b=c");
        assertThat(WebLinks.webOrNull("HTTP://Example.org")).isEqualTo("HTTP://Example.org");
        for (String bad : List.of("javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:x",
                "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "//example.org/x", "/relative",
                "http:/missing-host", "https://", "vbscript:msgbox", "http://exa mple.org", "")) {
            assertThat(WebLinks.webOrNull(bad)).as(bad).isNull();
        }
        assertThat(WebLinks.webOrNull(null)).isNull();
    }

    @Test
    void aListKeepsItsWebLinksInOrder() {
        assertThat(WebLinks.webOnly(Arrays.asList("https://a.example/", "javascript:alert(1)", null,
                "http://b.example/x"))).containsExactly("https://a.example/", "http://b.example/x");
        assertThat(WebLinks.webOnly(null)).isEmpty();
    }

    @Test
    void aLinkGivenTwiceIsListedOnceWhereItFirstStands() {
        assertThat(WebLinks.webOnly(List.of("https://a.example/", " https://b.example/", "https://a.example/",
                "https://b.example/"))).containsExactly("https://a.example/", "https://b.example/");
    }

    @Test
    void aLinkThatIsNotValidUnicodeOrHoldsANoncharacterIsNoWebLink() {
        // helper trial: a lone surrogate in a link passed, and no serializer could write the post again
        assertThat(WebLinks.isWeb("http://example.org/\uD800")).isFalse();
        assertThat(WebLinks.isWeb("http://example.org/\uDC00x")).isFalse();
        assertThat(WebLinks.isWeb("http://example.org/\uFFFE")).isFalse();
        assertThat(WebLinks.isWeb("http://example.org/\uD83C\uDF0A")).isTrue();
        assertThat(WebLinks.webOnly(java.util.List.of("http://example.org/\uD800", "http://example.org/ok")))
                .containsExactly("http://example.org/ok");
    }

    @Test
    void aLinkWhoseHostIsAnInternationalizedDomainNameIsAWebLink() {
        // helper trial: https://пример.рф/путь was refused as a post's url, and left out of its links, because
        // java.net.URI reads a non-ASCII host as a registry name (no host); a non-ASCII path on an ASCII host passed
        assertThat(WebLinks.isWeb("https://пример.рф/путь?q=ä")).isTrue();
        assertThat(WebLinks.isWeb("http://user@bücher.example:8080/")).isTrue();
        assertThat(WebLinks.isWeb("https://xn--e1afmkfd.xn--p1ai/")).isTrue();
        assertThat(WebLinks.isWeb("https://例え.テスト")).isTrue();
        assertThat(WebLinks.isWeb("https://пример.рф:65535/")).isTrue();
        for (String bad : List.of("https://пример .рф/", "https://при%6Dер.рф/", "https://пример.рф:port/",
                "https://-пример.рф/", "javascript://пример.рф/", "https://@/", "https://пример..рф/",
                // a helper's trial: the fallback took ASCII authorities URI had refused, and any port
                "http://example.com:99999999999/", "https://1.2.3.4.5/", "https://пример.рф:99999/")) {
            assertThat(WebLinks.isWeb(bad)).as(bad).isFalse();
        }
    }
}
