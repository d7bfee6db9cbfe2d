package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Hub and self discovery, W3C WebSub §4: the Link header first, then Atom links and RSS 2.0 atom:link. */
class WebSubDiscoveryTest {

    private static final URI FEED = URI.create("https://news.example/feeds/main.xml");

    private static WebSubDiscovery.Links document(String xml) {
        return FeedParser.parse(xml, FEED.toString()).webSub();
    }

    private static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Harbour</title><id>urn:harbour</id><updated>2024-07-25T10:00:00Z</updated>
              <link rel="alternate" href="https://news.example/"/>
              <link rel="self" href="https://news.example/feeds/atom"/>
              <link rel="hub" href="https://hub.example/"/>
              <link rel="hub" href="https://second-hub.example/"/>
              <entry><id>urn:1</id><title>One</title><updated>2024-07-25T10:00:00Z</updated></entry>
            </feed>""";

    private static final String RSS = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
              <title>Harbour</title><link>https://news.example/</link><description>d</description>
              <atom:link rel="hub" href="/hub"/>
              <atom:link href="https://news.example/rss" rel="self" type="application/rss+xml"/>
              <item><guid>1</guid><title>One</title><atom:link rel="hub" href="https://item-hub.example/"/></item>
            </channel></rss>""";

    @Test
    void anAtomFeedNamesItsFirstHubAndItsSelf() {
        assertThat(document(ATOM)).isEqualTo(new WebSubDiscovery.Links("https://hub.example/",
                "https://news.example/feeds/atom"));
    }

    @Test
    void anRssChannelNamesThemWithAtomLinksResolvedAgainstTheFeedsUrl() {
        WebSubDiscovery.Links links = WebSubDiscovery.discover(null, document(RSS), FEED);
        assertThat(links).isEqualTo(new WebSubDiscovery.Links("https://news.example/hub",
                "https://news.example/rss"));
    }

    @Test
    void aFeedWithoutHubNamesNone() {
        String rss = RSS.replace("<atom:link rel=\"hub\" href=\"/hub\"/>", "");
        assertThat(WebSubDiscovery.discover(null, document(rss), FEED).hub()).isNull();
        assertThat(WebSubDiscovery.discover(null, document(rss), FEED).self()).isEqualTo("https://news.example/rss");
    }

    @Test
    void theLinkHeaderComesBeforeTheDocument() {
        String header = "<https://header-hub.example/websub>; rel=\"hub\", <https://news.example/header-self>; "
                + "rel=self";
        assertThat(WebSubDiscovery.discover(header, document(ATOM), FEED)).isEqualTo(new WebSubDiscovery.Links(
                "https://header-hub.example/websub", "https://news.example/header-self"));
        // a header with only a hub: the self still comes from the document
        assertThat(WebSubDiscovery.discover("<https://header-hub.example/>; rel=\"hub\"", document(ATOM), FEED))
                .isEqualTo(new WebSubDiscovery.Links("https://header-hub.example/", "https://news.example/feeds/atom"));
        // a header without hub or self: the document's
        assertThat(WebSubDiscovery.discover("<https://news.example/>; rel=\"alternate\"", document(ATOM), FEED))
                .isEqualTo(document(ATOM));
    }

    @Test
    void linkHeadersAreReadAsRfc8288Says() {
        // several relation types in one rel, case-insensitive; a comma inside a quoted parameter; relative targets
        String header = "<https://x.example/a>; title=\"a, b; c\"; rel=\"alternate\", "
                + "</hub>; REL=\"Hub preconnect\", <self.xml>; rel=\"self\"";
        assertThat(WebSubDiscovery.discover(header, null, FEED)).isEqualTo(new WebSubDiscovery.Links(
                "https://news.example/hub", "https://news.example/feeds/self.xml"));
    }

    @Test
    void aTargetOfAQueryAloneKeepsTheFeedsPath() {
        // RFC 3986 §5.2 (URI.resolve, RFC 2396, gave https://news.example/feeds/?hub=1, another resource)
        assertThat(WebSubDiscovery.discover("<?hub=1>; rel=hub, <?self=1>; rel=self", null, FEED)).isEqualTo(
                new WebSubDiscovery.Links("https://news.example/feeds/main.xml?hub=1",
                        "https://news.example/feeds/main.xml?self=1"));
    }

    @Test
    void aHubThatIsNotAnHttpUrlIsIgnored() {
        assertThat(WebSubDiscovery.discover("<javascript:alert(1)>; rel=hub", null, FEED).hub()).isNull();
        assertThat(WebSubDiscovery.discover("<ftp://hub.example/>; rel=hub, <https://ok.example/>; rel=hub", null,
                FEED).hub()).isNull();
        assertThat(WebSubDiscovery.discover("<http://[bad>; rel=hub", null, FEED).hub()).isNull();
    }
}
