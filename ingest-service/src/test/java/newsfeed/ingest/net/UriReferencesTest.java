package newsfeed.ingest.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriReferencesTest {

    private static final URI BASE = URI.create("http://a/b/c/d;p?q");

    /** RFC 3986 §5.4.1, every normal example; "?y" and "" are where URI.resolve (RFC 2396) differs. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "g:h       | g:h",
        "g         | http://a/b/c/g",
        "./g       | http://a/b/c/g",
        "g/        | http://a/b/c/g/",
        "/g        | http://a/g",
        "//g       | http://g",
        "?y        | http://a/b/c/d;p?y",
        "g?y       | http://a/b/c/g?y",
        "#s        | http://a/b/c/d;p?q#s",
        "g#s       | http://a/b/c/g#s",
        "g?y#s     | http://a/b/c/g?y#s",
        ";x        | http://a/b/c/;x",
        "g;x       | http://a/b/c/g;x",
        "g;x?y#s   | http://a/b/c/g;x?y#s",
        "''        | http://a/b/c/d;p?q",
        ".         | http://a/b/c/",
        "./        | http://a/b/c/",
        "..        | http://a/b/",
        "../       | http://a/b/",
        "../g      | http://a/b/g",
        "../..     | http://a/",
        "../../    | http://a/",
        "../../g   | http://a/g"})
    void theNormalExamplesOfRfc3986(String reference, String target) {
        assertThat(UriReferences.resolve(BASE, URI.create(reference))).hasToString(target);
    }

    /**
     * RFC 3986 §5.4.2, every abnormal example; URI.resolve kept the dot segments of the first four ({@code
     * http://a/../g}), so a redirect asked for them as written.
     */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "../../../g    | http://a/g",
        "../../../../g | http://a/g",
        "/./g          | http://a/g",
        "/../g         | http://a/g",
        "g.            | http://a/b/c/g.",
        ".g            | http://a/b/c/.g",
        "g..           | http://a/b/c/g..",
        "..g           | http://a/b/c/..g",
        "./../g        | http://a/b/g",
        "./g/.         | http://a/b/c/g/",
        "g/./h         | http://a/b/c/g/h",
        "g/../h        | http://a/b/c/h",
        "g;x=1/./y     | http://a/b/c/g;x=1/y",
        "g;x=1/../y    | http://a/b/c/y",
        "g?y/./x       | http://a/b/c/g?y/./x",
        "g?y/../x      | http://a/b/c/g?y/../x",
        "g#s/./x       | http://a/b/c/g#s/./x",
        "g#s/../x      | http://a/b/c/g#s/../x",
        "http:g        | http:g"})
    void theAbnormalExamplesOfRfc3986(String reference, String target) {
        assertThat(UriReferences.resolve(BASE, URI.create(reference))).hasToString(target);
    }

    @Test
    void dotSegmentsGoFromEveryKindOfReference() {
        assertThat(UriReferences.resolve(BASE, URI.create("/a/b/../c"))).hasToString("http://a/a/c");
        assertThat(UriReferences.resolve(BASE, URI.create("//g/./x"))).hasToString("http://g/x");
        assertThat(UriReferences.resolve(BASE, URI.create("https://h/a/../feed.xml")))
                .hasToString("https://h/feed.xml");
        assertThat(UriReferences.resolve(URI.create("https://example.com"), URI.create("../g")))
                .hasToString("https://example.com/g");
        // a path that would begin with "//" keeps its first segment a path, not a host
        assertThat(UriReferences.resolve(URI.create("http:/blog/"), URI.create("/.//evil.example/x"))
                .getRawAuthority()).isNull();
    }

    @Test
    void aRelativeBaseGivesARelativeResultAsAnXmlBaseChainDoes() {
        assertThat(UriReferences.resolve(URI.create("/blog/index.php?x=1"), URI.create("?p=2")))
                .hasToString("/blog/index.php?p=2");
        assertThat(UriReferences.resolve(URI.create("/blog/"), URI.create("2024/"))).hasToString("/blog/2024/");
        // a helper's review: dot segments that climb above a relative base stay for its document to resolve
        assertThat(UriReferences.resolve(URI.create("../"), URI.create("post.html"))).hasToString("../post.html");
        assertThat(UriReferences.resolve(URI.create("a/"), URI.create("../b/"))).hasToString("b/");
        assertThat(UriReferences.resolve(URI.create("x"), URI.create("./http://evil.example/x")).getRawAuthority())
                .isNull();
        assertThat(UriReferences.resolve(URI.create("mailto:desk@news.example"), URI.create("?p=2")))
                .hasToString("?p=2");
        assertThat(UriReferences.resolve(BASE, URI.create("mailto:desk@news.example")))
                .hasToString("mailto:desk@news.example");
    }

    @Test
    void aLongPathIsResolvedInLinearTime() {
        // a helper's review: 15 s for a link of 400,000 characters, which a feed can carry
        URI reference = URI.create("a/".repeat(500_000) + "./b/../c");
        String resolved = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> UriReferences.resolve(BASE, reference).toString());
        assertThat(resolved).isEqualTo("http://a/b/c/" + "a/".repeat(500_000) + "c");
    }

    @Test
    void aQueryAloneReplacesTheQueryAndDropsTheBasesFragment() {
        assertThat(UriReferences.resolve(URI.create("https://news.example/index.php?feed=rss2#top"),
                URI.create("?p=7#c"))).hasToString("https://news.example/index.php?p=7#c");
        assertThat(UriReferences.resolve(URI.create("https://news.example"), URI.create("?p=7")))
                .hasToString("https://news.example?p=7");
        assertThat(UriReferences.resolve(URI.create("https://news.example/a#top"), URI.create("")))
                .hasToString("https://news.example/a");
    }

    @Test
    void aHostIsKeptAsWrittenForTheAddressGuard() {
        // Apache HttpClient's URIUtils.resolve turned this host into none, which hid the address from the guard
        URI base = URI.create("http://127.0.0.3:8080/redirect?to=x");
        assertThat(UriReferences.resolve(base, URI.create("http://[::ffff:127.0.0.1]:9/feed.xml")).getHost())
                .isEqualTo("[::ffff:127.0.0.1]");
        assertThat(UriReferences.resolve(base, URI.create("//[::ffff:127.0.0.1]:9/feed.xml")).getHost())
                .isEqualTo("[::ffff:127.0.0.1]");
    }

    @Test
    void aReferenceIsReadAsWrittenOrAsBrowsersTakeIt() {
        assertThat(UriReferences.parse(" /a?b=1 ")).hasToString("/a?b=1");
        assertThat(UriReferences.parse("/a b")).isNull();
        assertThat(UriReferences.parse(null)).isNull();

        assertThat(UriReferences.parseAsBrowsers("/a b?q=\"x\" <y>^`{|}#f g#h"))
                .hasToString("/a%20b?q=%22x%22%20%3Cy%3E%5E%60%7B%7C%7D#f%20g%23h");
        // a % that begins an escape stays one; a lone one is encoded, as is one before a single hex digit
        assertThat(UriReferences.parseAsBrowsers("/50%?x=%41%4")).hasToString("/50%25?x=%41%254");
        // a reference URI takes is left as it is, escapes and all
        assertThat(UriReferences.parseAsBrowsers("/a%20b?x=1#")).hasToString("/a%20b?x=1#");
        assertThat(UriReferences.parseAsBrowsers("/a%20b?x=%zz")).hasToString("/a%20b?x=%25zz");
        // tabs and line breaks go, as in a browser (a link wrapped in a feed's HTML)
        assertThat(UriReferences.parseAsBrowsers("/2024/\n  long-\tstory.html"))
                .hasToString("/2024/%20%20long-story.html");
        assertThat(UriReferences.parseAsBrowsers("/2024/\r\nlong story.html")).hasToString("/2024/long%20story.html");
        // still none: a backslash, a control character, an authority with no host (a helper's review: //exa mple.com/
        // was https://exa%20mple.com/)
        assertThat(UriReferences.parseAsBrowsers("/a\\b")).isNull();
        assertThat(UriReferences.parseAsBrowsers("/a\u0001b")).isNull();
        assertThat(UriReferences.parseAsBrowsers("//exa mple.com/")).isNull();
        assertThat(UriReferences.parseAsBrowsers("//example.com /a")).isNull();
        assertThat(UriReferences.parseAsBrowsers("// a")).isNull();
        // a host java.net.URI reads no host in, and browsers do, stays as before (a review: they became no link)
        assertThat(UriReferences.parseAsBrowsers("//my_host.example.com/a b")).hasToString(
                "//my_host.example.com/a%20b");
        assertThat(UriReferences.parseAsBrowsers("https://bücher.example/a b")).hasToString(
                "https://bücher.example/a%20b");
    }

    @Test
    void resolveOrNullIsNullForNoBaseNoReferenceOrNoResult() {
        assertThat(UriReferences.resolveOrNull(BASE, URI.create("g?y"))).hasToString("http://a/b/c/g?y");
        assertThat(UriReferences.resolveOrNull(null, URI.create("g"))).isNull();
        assertThat(UriReferences.resolveOrNull(BASE, null)).isNull();
    }
}
