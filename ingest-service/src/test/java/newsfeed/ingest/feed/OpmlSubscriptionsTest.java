package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.feed.OpmlSubscriptions.Contents;
import newsfeed.ingest.feed.OpmlSubscriptions.Feed;
import org.junit.jupiter.api.Test;

class OpmlSubscriptionsTest {

    private static Contents read(byte[] body) {
        return OpmlSubscriptions.read(body, 10, 86_400);
    }

    private static Contents read(String body) {
        return read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rejected(byte[] body) {
        try {
            read(body);
        } catch (InvalidRequestException e) {
            assertThat(e.error().error()).isEqualTo("invalid OPML");
            return e.error().details();
        }
        throw new AssertionError("accepted " + new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aFeedlyExportGivesEveryFeedWithItsFolderPathAndIgnoresAnEmptyFolder() {
        Contents contents = read(FeedFixtures.bytes("opml-feedly-export.opml"));

        assertThat(contents.faults()).isEmpty();
        assertThat(contents.skipped()).isEmpty();
        assertThat(contents.feeds()).extracting(Feed::url, Feed::title, Feed::category, Feed::intervalSeconds,
                Feed::source).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("https://herald.kestrel-bay.example/rss",
                                "Kestrel Bay Herald", "News", null, null),
                        org.assertj.core.groups.Tuple.tuple("https://zarechye.example/feed.xml",
                                "Zarechye Vestnik — новости", "News/World", null, null),
                        org.assertj.core.groups.Tuple.tuple("https://wire.vientiane.example/atom?lang=en&full=1",
                                "Vientiane Wire", "News/World/Asia", null, null),
                        org.assertj.core.groups.Tuple.tuple("http://orbit-notes.example/index.xml", "Orbit Notes",
                                "Tech & Science", null, null));
        assertThat(contents.feeds().get(2).where()).isEqualTo("outline at line 13 (text \"Vientiane Wire\", xmlUrl "
                + "\"https://wire.vientiane.example/atom?lang=en&full=1\")");
    }

    /** As {@code POST /api/feeds} takes it ({@link FeedSubscriptionRequest#feedUrl}): the fragment is never sent. */
    @Test
    void anXmlUrlIsSubscribedWithoutItsFragment() {
        Contents contents = read("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/><body>\n"
                + "<outline text=\"Wire\" xmlUrl=\" https://wire.example/rss?x=1#top \"/></body></opml>");

        assertThat(contents.faults()).isEmpty();
        assertThat(contents.feeds()).extracting(Feed::url).containsExactly("https://wire.example/rss?x=1");
    }

    @Test
    void oddAttributesUpperCaseTypesCategoryAttributesAndLinkOutlinesOfAnOpml2Export() {
        Contents contents = read(FeedFixtures.bytes("opml-odd-attributes.opml"));

        assertThat(contents.faults()).isEmpty();
        assertThat(contents.feeds()).extracting(Feed::url, Feed::title, Feed::category).containsExactly(
                // a blank title falls back to the text; the xmlUrl is stripped; ISO-8859-1 decoded
                org.assertj.core.groups.Tuple.tuple("https://bourse.cafe.example/rss.xml", "Bourse de Café",
                        "Economy/Markets"),
                org.assertj.core.groups.Tuple.tuple("https://commodities.example/atom.xml", "Commodities Atom",
                        "Economy/Markets"),
                // a folder without a name adds no level
                org.assertj.core.groups.Tuple.tuple("https://untitled.example/rss", "Untitled folder's feed",
                        "Economy"),
                // outside any folder: the first path of the OPML 2.0 category attribute
                org.assertj.core.groups.Tuple.tuple("https://space-weekly.example/feed", "Space weekly",
                        "Science/Space"),
                // a text that is only the URL is no title
                org.assertj.core.groups.Tuple.tuple("https://bare.example/rss", null, null),
                org.assertj.core.groups.Tuple.tuple("https://BOURSE.cafe.example/rss.xml", "Bourse again", "Again"));
        // the same feed as the first: one subscription id
        assertThat(FeedSubscription.idOf(contents.feeds().get(5).url()))
                .isEqualTo(FeedSubscription.idOf(contents.feeds().get(0).url()));
        assertThat(contents.skipped()).containsExactly("outline at line 23 (text \"Kestrel Bay homepage\", xmlUrl "
                + "\"https://kestrel-bay.example/sitemap.xml\"): type \"link\" is not a feed (rss or atom)");
    }

    @Test
    void eachBadOutlineIsNamedByLineTextAndXmlUrl() {
        Contents contents = read(FeedFixtures.bytes("opml-bad-outlines.opml"));

        assertThat(contents.feeds()).extracting(Feed::url).containsExactly("https://good.example/rss");
        assertThat(contents.faults()).containsExactly(
                "outline at line 6 (text \"FTP\", xmlUrl \"ftp://files.example/feed.xml\"): xmlUrl must be an "
                        + "absolute http or https URL with a host, got \"ftp://files.example/feed.xml\"",
                "outline at line 7 (text \"Relative\", xmlUrl \"/feed.xml\"): xmlUrl must be an absolute http or "
                        + "https URL with a host, got \"/feed.xml\"",
                "outline at line 8 (text \"Missing\"): type \"rss\" but no xmlUrl",
                "outline at line 9 (text \"Too often\", xmlUrl \"https://often.example/rss\"): "
                        + "newsfeed:intervalSeconds must be from 10 to 86400, got 1",
                "outline at line 9 (text \"Too often\", xmlUrl \"https://often.example/rss\"): newsfeed:source must "
                        + "be a slug matching [a-z0-9][a-z0-9_-]{0,63}, got \"Not A Slug\"");
    }

    @Test
    void outlinesNestedTooDeepAreRefusedNotAStackOverflow() {
        // helper trial: 1,000 nested outlines overflowed Rome's recursive parser: a 500
        String nested = "<outline text=\"f\">\n".repeat(1_000) + "</outline>".repeat(1_000);
        String opml = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/><body>\n" + nested + "</body></opml>";

        assertThat(rejected(opml.getBytes(StandardCharsets.UTF_8))).containsExactly(
                "outline at line " + (3 + OpmlSubscriptions.MAX_NESTING) + " is nested "
                        + (OpmlSubscriptions.MAX_NESTING + 1) + " outlines deep; at most "
                        + OpmlSubscriptions.MAX_NESTING + " are read");
        // as deep as allowed is read
        String deepest = "<outline text=\"f\">\n".repeat(OpmlSubscriptions.MAX_NESTING - 1)
                + "<outline type=\"rss\" text=\"Deep\" xmlUrl=\"https://deep.example/rss\"/>"
                + "</outline>".repeat(OpmlSubscriptions.MAX_NESTING - 1);
        assertThat(read("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/><body>\n" + deepest
                + "</body></opml>").feeds()).extracting(Feed::url).containsExactly("https://deep.example/rss");
    }

    @Test
    void malformedXmlIsRefusedWithLineAndColumn() {
        assertThat(rejected(FeedFixtures.bytes("opml-malformed.opml"))).containsExactly(
                "not well-formed XML at line 8, column 5: The element type \"outline\" must be terminated by the "
                        + "matching end-tag \"</outline>\".");
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<opml version=\"2.0\"><body><outline text=\"&x;\" xmlUrl=\"https://x.example/rss\"/></body></opml>";
        assertThat(rejected(xxe.getBytes(StandardCharsets.UTF_8))).singleElement().asString()
                .startsWith("not well-formed XML at line 2, column 10: DOCTYPE is disallowed");
    }

    @Test
    void aDocumentThatIsNotOpmlIsRefused() {
        assertThat(rejected("<rss version=\"2.0\"><channel/></rss>".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("the root element is <rss>, not <opml>");
        assertThat(rejected("<opml version=\"2.0\">\n<head/>\n</opml>".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("<opml> at line 1 has no <body>");
    }

    @Test
    void anExportReadsBackAsTheSameSubscriptions() {
        Instant created = Instant.parse("2026-12-03T12:00:00Z");
        List<FeedSubscription> subscriptions = List.of(
                new FeedSubscription(FeedSubscription.idOf("https://a.example/rss"), "https://a.example/rss", 600,
                        "a-example", created, "Alpha & <Co>", "News/World"),
                new FeedSubscription(FeedSubscription.idOf("https://b.example/rss?x=1&y=2"),
                        "https://b.example/rss?x=1&y=2", 3600, "bee", created, null, null),
                new FeedSubscription(FeedSubscription.idOf("https://c.example/atom"), "https://c.example/atom", 90,
                        "c-example", created, "Gamma", "News"),
                new FeedSubscription(FeedSubscription.idOf("https://d.example/feed"), "https://d.example/feed", 120,
                        "d-example", created, "Delta", "News/World"));

        byte[] opml = OpmlSubscriptions.write(subscriptions, created);
        String text = new String(opml, StandardCharsets.UTF_8);

        assertThat(text).contains("<opml xmlns:newsfeed=\"urn:newsfeed:opml:1\" version=\"2.0\">")
                .contains("<dateCreated>Thu, 03 Dec 2026 12:00:00 GMT</dateCreated>")
                .contains("<title>newsfeed subscriptions</title>")
                .contains("<docs>http://opml.org/spec2.opml</docs>")
                .contains("<outline text=\"https://b.example/rss?x=1&amp;y=2\" type=\"rss\" "
                        + "xmlUrl=\"https://b.example/rss?x=1&amp;y=2\" newsfeed:intervalSeconds=\"3600\" "
                        + "newsfeed:source=\"bee\" newsfeed:itemIdScope=\"source\" />");
        // folders nest; the feeds of a folder come before its subfolders
        assertThat(text.indexOf("title=\"Gamma\"")).isLessThan(text.indexOf("<outline text=\"World\""));
        assertThat(text).containsOnlyOnce("<outline text=\"World\" title=\"World\">");

        Contents back = read(opml);
        assertThat(back.faults()).isEmpty();
        // records older than scopes (null) are written as the scope they read as
        assertThat(back.feeds()).extracting(Feed::url, Feed::title, Feed::category, Feed::intervalSeconds,
                Feed::source, Feed::itemIdScope).containsExactlyInAnyOrder(subscriptions.stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.url(), s.title(), s.category(),
                                s.intervalSeconds(), s.source(), "source"))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
    }

    @Test
    void categoriesAreNormalizedPaths() {
        assertThat(FeedLabels.category(" /News/ World/ ")).isEqualTo("News/World");
        assertThat(FeedLabels.category("//")).isNull();
        assertThat(FeedLabels.category(List.of("A/B", " C "))).isEqualTo("A/B/C");
        assertThat(FeedLabels.names("News/World")).containsExactly("News", "World");
        assertThatThrownBy(() -> read("<opml><body><outline")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not well-formed XML at line 1, column 21");
    }
}
