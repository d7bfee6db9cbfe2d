package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.ingest.feed.FeedParser.ParsedFeed;
import newsfeed.ingest.normalize.HtmlText;
import newsfeed.ingest.normalize.ParagraphRules;
import newsfeed.ingest.normalize.PostNormalizer;
import org.junit.jupiter.api.Test;

/** The fixture feeds read end to end: bytes → {@link FeedDecoder} → {@link FeedParser} → {@link FeedItemMapper},
 *  and the normalizer's view of the result. */
class FeedParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");
    private static final PostNormalizer NORMALIZER = new PostNormalizer(ParagraphRules.defaults(),
            PostNormalizer.Limits.DEFAULT);

    private static List<RawPost> posts(String fixture, String contentType, String url, String source) {
        FeedDecoder.Decoded decoded = FeedDecoder.decode(FeedFixtures.bytes(fixture), contentType, url);
        return mapped(decoded.text(), url, source, url);
    }

    /** The posts of a document of the feed of {@code source} at {@code url}, fetched from {@code fetchedFrom}. */
    private static List<RawPost> mapped(String xml, String url, String source, String fetchedFrom) {
        ParsedFeed parsed = FeedParser.parse(xml, url);
        FeedSubscription subscription = new FeedSubscription(FeedSubscription.idOf(url), url, 60, source, RECEIVED);
        return FeedItemMapper.toRawPosts(subscription, parsed.sourceType(), parsed.items(), URI.create(fetchedFrom),
                RECEIVED);
    }

    private static List<String> paragraphs(RawPost post) {
        return NORMALIZER.normalize(post).paragraphs().stream().map(Paragraph::text).toList();
    }

    @Test
    void aWindows1251FeedComesOutInCyrillic() {
        List<RawPost> posts = posts("rss2-windows-1251.xml", "application/rss+xml", "https://zarechye.example/rss",
                "zarechye");

        assertThat(posts).hasSize(2);
        RawPost bridge = posts.get(0);
        assertThat(bridge.postId()).isEqualTo("zarechye:zarechye-1001");
        assertThat(bridge.sourceType()).isEqualTo(SourceType.RSS);
        assertThat(bridge.title()).isEqualTo("Мост через Сорожу откроют в августе");
        assertThat(bridge.url()).isEqualTo("https://zarechye.example/news/most-cherez-sorozhu");
        assertThat(bridge.publishedAt()).isEqualTo(Instant.parse("2024-07-25T07:15:00Z"));
        assertThat(bridge.contentType()).isEqualTo(RawPost.TEXT_HTML);
        assertThat(bridge.receivedAt()).isEqualTo(RECEIVED);
        assertThat(paragraphs(bridge)).containsExactly("Строители завершили укладку пролётов.",
                "Движение по мосту начнётся 15 августа — так сообщила мэрия.");
        assertThat(bridge.attributes()).containsEntry(FeedItemMapper.ATTR_FEED_URL, "https://zarechye.example/rss")
                .doesNotContainKey(RawPost.ATTR_UNPARSED_DATE);

        RawPost fair = posts.get(1);
        assertThat(fair.title()).isEqualTo("Ярмарка мёда на площади Ткачей");
        assertThat(fair.publishedAt()).isEqualTo(Instant.parse("2024-07-26T06:00:00Z"));
        assertThat(paragraphs(fair)).containsExactly(
                "В субботу пасечники из пяти сёл привезут «липовый» и гречишный мёд.");
    }

    @Test
    void strayWindows1252BytesEndAsTheCharactersMeant() {
        RawPost post = posts("rss2-utf8-with-cp1252-bytes.xml", "application/rss+xml; charset=utf-8",
                "https://kestrelbay.example/rss", "kestrel").get(0);

        assertThat(post.title()).isEqualTo("Harbour Master’s office moves to the old “Café Marin”");
        assertThat(paragraphs(post)).containsExactly(
                "The naïve plan of 1987 is finally done: the office opens on Monday.",
                "It’s next to the ferry ramp.");
    }

    @Test
    void anAtomFeedWithABomBeforeItsPrologReadsAllContentTypes() {
        List<RawPost> posts = posts("atom-bom.xml", "application/atom+xml", "https://observatory.example/atom.xml",
                "observatory");

        assertThat(posts).extracting(RawPost::sourceType).containsOnly(SourceType.ATOM);
        RawPost comet = posts.get(0);
        assertThat(comet.postId()).isEqualTo("observatory:tag:observatory.example,2024:comet-veyra");
        assertThat(comet.title()).isEqualTo("Comet Veyra visible after dusk");
        assertThat(comet.url()).isEqualTo("https://observatory.example/notes/comet-veyra?ref=home");
        assertThat(comet.publishedAt()).isEqualTo(Instant.parse("2024-03-01T20:40:00Z"));
        assertThat(comet.contentType()).isEqualTo(RawPost.TEXT_HTML);
        assertThat(paragraphs(comet)).containsExactly("Look west-north-west from 19:30.",
                "Binoculars help\u00A0a lot.");
        assertThat(comet.attributes().get(RawPost.ATTR_LINKS)).isEqualTo(
                "https://observatory.example/img/veyra.jpg\nhttps://skyatlas.example/veyra");
        assertThat(NORMALIZER.normalize(comet).links()).containsExactly("https://observatory.example/img/veyra.jpg",
                "https://skyatlas.example/veyra");

        RawPost dome = posts.get(1);
        assertThat(dome.publishedAt()).isEqualTo(Instant.parse("2024-02-28T12:00:00Z"));
        assertThat(paragraphs(dome)).containsExactly("The dome is closed on Tuesday.", "Tours resume Wednesday.");

        RawPost plain = posts.get(2);
        assertThat(plain.contentType()).isEqualTo(RawPost.TEXT_PLAIN);
        assertThat(paragraphs(plain)).containsExactly("First line of plain text.", "Second paragraph <not a tag>.");

        RawPost summary = posts.get(3);
        assertThat(paragraphs(summary)).containsExactly("Only a summary here.");
    }

    @Test
    void htmlEntitiesWithoutADtdAreDecodedOnce() {
        RawPost post = posts("rss091-html-entities.xml", null, "https://lumiere.example/rss", "lumiere").get(0);

        assertThat(post.title()).isEqualTo("Café Lumière reopens\u00A0— at last");
        assertThat(post.externalId()).isEqualTo("https://lumiere.example/cafe-reopens");
        assertThat(paragraphs(post)).containsExactly(
                "Owners Tom & Ana’s plan… Smith & Sons built the counter. Open daily");
    }

    @Test
    void cdataAndEscapedHtmlGiveTheSameTextAndFullContentWins() {
        List<RawPost> posts = posts("rss2-cdata-vs-escaped.xml", null, "https://tidewater.example/rss", "tidewater");

        assertThat(posts.get(0).body()).isEqualTo(posts.get(1).body());
        String expected = "Ferry & bus timetables change on 1\u00A0May.\n\nTickets cost €2.";
        assertThat(HtmlText.toText(posts.get(0).body())).isEqualTo(expected);
        assertThat(paragraphs(posts.get(0))).containsExactly("Ferry & bus timetables change on 1\u00A0May.",
                "Tickets cost €2.");
        assertThat(paragraphs(posts.get(1))).isEqualTo(paragraphs(posts.get(0)));

        // a <br> inside a paragraph is a line of it, as a reader sees it (HtmlText)
        assertThat(paragraphs(posts.get(2))).containsExactly("First full paragraph.",
                "Second line one\nafter a break", "Block three");
    }

    @Test
    void localizedDatesTwoDigitYearsAndUnparseableOnes() {
        List<RawPost> posts = posts("rss2-localized-dates.xml", null, "https://almanac.example/rss", "almanac");

        Map<String, RawPost> byId = new java.util.HashMap<>();
        posts.forEach(p -> byId.put(p.externalId(), p));
        Instant quarterPastTen = Instant.parse("2024-07-25T10:15:00Z");
        for (String key : List.of("en", "de", "fr", "es", "ru", "two-digit-recent", "no-zone", "dc")) {
            assertThat(byId.get("date-" + key).publishedAt()).as(key).isEqualTo(quarterPastTen);
            assertThat(byId.get("date-" + key).attributes()).as(key).doesNotContainKey(RawPost.ATTR_UNPARSED_DATE);
        }
        assertThat(byId.get("date-two-digit-old").publishedAt()).isEqualTo(Instant.parse("1999-09-06T08:00:00Z"));

        RawPost unparseable = byId.get("date-unparseable");
        assertThat(unparseable.publishedAt()).isNull();
        assertThat(unparseable.attributes()).containsEntry(RawPost.ATTR_UNPARSED_DATE, "sometime last Tuesday");
        NormalizedPost normalized = NORMALIZER.normalize(unparseable);
        assertThat(normalized.publishedAt()).isEqualTo(RECEIVED);
        assertThat(normalized.publishedAtFallback()).isTrue();

        RawPost none = byId.get("date-none");
        assertThat(none.publishedAt()).isNull();
        assertThat(none.attributes()).doesNotContainKey(RawPost.ATTR_UNPARSED_DATE);
    }

    @Test
    void identitiesEmptyAndRepeatedGuidsTrackingParametersLongIdsAndLongParagraphs() {
        List<RawPost> posts = posts("rss2-identity.xml", null, "https://harbour.example/rss", "harbour");
        String longId = FeedFixtures.text("rss2-identity.long-id.txt");
        String paragraph = FeedFixtures.text("rss2-identity.paragraph.txt");

        assertThat(posts).extracting(RawPost::externalId).containsExactly(
                "https://harbour.example/story/ferry-strike?id=42&page=2",
                "https://harbour.example/story/ferry-strike?id=42&page=2",
                "harbour-77",
                "harbour-77#" + ItemIdentity.HASH_PREFIX + ItemIdentity.sha256(
                        "Lighthouse repainted (again)\nA second copy with the same guid.").substring(0, 16),
                longId,
                "harbour-silt",
                "https://harbour.example/p/7?section=local",
                ItemIdentity.HASH_PREFIX + ItemIdentity.sha256("No id, no link\nKnown only by its content."));
        assertThat(posts.get(0).url()).isEqualTo("https://harbour.example/story/ferry-strike?id=42&page=2");
        assertThat(posts.get(1).url()).isEqualTo(posts.get(0).url());

        assertThat(longId).hasSize(400);
        assertThat(posts.get(4).postId()).isEqualTo("harbour:" + longId);

        assertThat(paragraph).hasSize(6144);
        assertThat(paragraphs(posts.get(5))).containsExactly(paragraph);

        RawPost permalink = posts.get(6);
        assertThat(permalink.url()).isEqualTo("https://harbour.example/p/7?section=local");
        assertThat(permalink.attributes()).containsEntry(RawPost.ATTR_LINKS, "https://media.harbour.example/p7.mp3");

        // One feed document: of several items with one identity and one content, the first is the one published;
        // items that share a guid but not their content are all published
        List<RawPost> fresh = new SeenItems(100).unpublished(posts);
        assertThat(fresh).extracting(RawPost::title).containsExactly("Ferry strike called off",
                "Lighthouse repainted", "Lighthouse repainted (again)", "A very long identifier", "The silt report", "Permalink guid",
                "No id, no link");
    }

    @Test
    void anRssGuidIsTheItemsLinkOnlyWhenItIsAnAbsoluteUrl() {
        // a new user's trial: <guid>ccg-1003</guid> without <link> (isPermaLink defaults to true, so Rome takes the guid
        // for the link) was stored with url http://<feed host>/ccg-1003, a page that does not exist; RSS 2.0 says a
        // permalink guid is "a url that can be opened in a Web browser"
        String xml = "<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><guid>ccg-1003</guid><title>Not a URL</title></item>"
                + "<item><guid isPermaLink=\"true\">/p/8</guid><title>A path</title></item>"
                + "<item><guid>https://x.example/p/9</guid><title>A URL</title></item>"
                + "<item><guid>ccg-1004</guid><link>/story/4</link><title>A link of its own</title></item>"
                // a review: a network-path reference names its host, and resolves as it did before
                + "<item><guid>//cdn.example.com/p/10</guid><title>Scheme-relative</title></item>"
                + "</channel></rss>";

        List<FeedParser.FeedItem> items = FeedParser.parse(xml, "https://x.example/rss").items();

        assertThat(items).extracting(FeedParser.FeedItem::id)
                .containsExactly("ccg-1003", "/p/8", "https://x.example/p/9", "ccg-1004", "//cdn.example.com/p/10");
        assertThat(items).extracting(FeedParser.FeedItem::link)
                .containsExactly(null, null, "https://x.example/p/9", "/story/4", "//cdn.example.com/p/10");
    }

    /**
     * Only the first {@code maxItems} items are read; the rest are counted. Found by a trial: a 4 MB document of 74,483
     * empty items, within the byte limit, was read whole (JDOM tree and Rome entries) and filled ingest-service's
     * heap at every start.
     */
    @Test
    void itemsAfterTheFirstMaxItemsAreCountedNotRead() {
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>t</title>");
        for (int i = 0; i < 74_483; i++) {
            rss.append("<item><guid>t").append(i).append("</guid><title>t").append(i).append("</title></item>");
        }
        // left-out items with what the filter must drop along: namespace declarations, comments, CDATA
        rss.append("<item xmlns:x=\"urn:x\"><guid>ns</guid><x:note>n</x:note><!-- c --><title><![CDATA[<b>c</b>]]>"
                + "</title></item></channel></rss>");

        ParsedFeed capped = FeedParser.parse(rss.toString(), "https://x.example/rss", 3);

        assertThat(capped.items()).extracting(FeedParser.FeedItem::id).containsExactly("t0", "t1", "t2");
        assertThat(capped.itemsLeftOut()).isEqualTo(74_481);

        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>urn:f</id>"
                + "<updated>2026-12-05T10:00:00Z</updated>"
                + "<entry><id>urn:1</id><title>One</title><updated>2026-12-05T10:00:00Z</updated></entry>"
                + "<entry xmlns:y=\"urn:y\"><id>urn:2</id><title>Two</title><y:z/><updated>2026-12-05T10:00:00Z"
                + "</updated></entry></feed>";
        ParsedFeed oneEntry = FeedParser.parse(atom, "https://x.example/atom", 1);
        assertThat(oneEntry.items()).extracting(FeedParser.FeedItem::title).containsExactly("One");
        assertThat(oneEntry.itemsLeftOut()).isEqualTo(1);

        String rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
                + "<channel rdf:about=\"https://x.example/\"><title>t</title><link>https://x.example/</link>"
                + "<description>d</description></channel>"
                + "<item rdf:about=\"https://x.example/1\"><title>One</title><link>https://x.example/1</link></item>"
                + "<item rdf:about=\"https://x.example/2\"><title>Two</title><link>https://x.example/2</link></item>"
                + "</rdf:RDF>";
        ParsedFeed rdfCapped = FeedParser.parse(rdf, "https://x.example/rdf", 1);
        assertThat(rdfCapped.items()).extracting(FeedParser.FeedItem::id).containsExactly("https://x.example/1");
        assertThat(rdfCapped.itemsLeftOut()).isEqualTo(1);
        assertThat(FeedParser.parse(rdf, "https://x.example/rdf").items()).hasSize(2);
    }

    /** A trial: raw markup in an RSS title lost its words ("Minister <b>resigns</b> over ..." → "Minister over"). */
    @Test
    void rawMarkupInAnRssTitleKeepsItsText() {
        String xml = "<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><guid>1</guid><title>Minister <b>resigns</b> over harbour deal</title></item>"
                + "<item><guid>2</guid><title>Salt &amp; pepper shortage hits port <b>cafés</b></title></item>"
                + "<item><guid>3</guid><title><i>Live:</i> <![CDATA[Caf&eacute; <em>opens</em>]]></title></item>"
                + "</channel></rss>";

        assertThat(FeedParser.parse(xml, "https://x.example/rss").items()).extracting(FeedParser.FeedItem::title)
                .containsExactly("Minister resigns over harbour deal", "Salt & pepper shortage hits port cafés",
                        "Live: Café opens");
    }

    @Test
    void rssTitlesAreDecodedExactlyOnceWhetherCdataEscapedOrMixed() {
        // Issue 12: a CDATA title holding HTML entities was stored with the entities undecoded ("Caf&eacute;").
        // Text outside CDATA is decoded once by the XML parser; CDATA content is HTML (common RSS practice) and is
        // decoded once by jsoup. Either way one decoding: "&amp;amp;" is the literal text "&amp;".
        String xml = "<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><guid>1</guid><title><![CDATA[Caf&eacute;]]></title></item>"
                + "<item><guid>2</guid><title>Caf&eacute;</title></item>"
                + "<item><guid>3</guid><title>Fish &amp;amp; Chips</title></item>"
                + "<item><guid>4</guid><title><![CDATA[Fish &amp;amp; Chips]]></title></item>"
                + "<item><guid>5</guid><title><![CDATA[<b>Big</b>  news &ndash; <i>today</i>]]></title></item>"
                + "<item><guid>6</guid><title>Tom &amp; <![CDATA[Ana&rsquo;s caf&eacute; <em>&lt;3</em>]]></title></item>"
                + "<item><guid>7</guid><title>&lt;b&gt; means bold</title></item>"
                + "<item><guid>8</guid><title><![CDATA[AT&T & a < b]]></title></item>"
                + "</channel></rss>";

        List<String> titles = FeedParser.parse(xml, "https://x.example/rss").items().stream()
                .map(FeedParser.FeedItem::title).toList();

        assertThat(titles).containsExactly("Café", "Café", "Fish &amp; Chips", "Fish &amp; Chips",
                "Big news – today", "Tom & Ana’s café <3", "<b> means bold", "AT&T & a < b");
    }

    @Test
    void anAtomTextTitleInCdataIsPlainTextAndAnHtmlTitleIsDecodedOnce() {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id><updated>2024-01-01T00:00:00Z"
                + "</updated><entry><id>a</id><title><![CDATA[Caf&eacute;]]></title><updated>2024-01-01T00:00:00Z"
                + "</updated></entry><entry><id>b</id><title type=\"html\"><![CDATA[Caf&eacute; &amp;amp;]]></title>"
                + "<updated>2024-01-01T00:00:00Z</updated></entry></feed>";

        List<String> titles = FeedParser.parse(xml, "https://x.example/atom").items().stream()
                .map(FeedParser.FeedItem::title).toList();

        // RFC 4287 §3.1.1.1: type="text" content is not markup, whatever escaping the XML used
        assertThat(titles).containsExactly("Caf&eacute;", "Café &amp;");
    }

    @Test
    void relativeLinksResolveAgainstXmlBase() {
        // a helper's trial: <feed xml:base="https://example.org/blog/"> and <link href="posts/1"/> gave a url on the
        // feed's own host; XML Base (RFC 4287 §2) sets the base, an entry's own relative xml:base included
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/blog/\"><title>t</title>"
                + "<id>f</id><updated>2024-01-01T00:00:00Z</updated>"
                + "<entry><id>a</id><title>One</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<link href=\"posts/1\"/><link rel=\"enclosure\" href=\"media/1.mp3\"/></entry>"
                + "<entry xml:base=\"2024/\"><id>b</id><title>Two</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<link href=\"two\"/></entry>"
                + "<entry><id>c</id><title>Three</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<link href=\"https://elsewhere.example/three\"/></entry></feed>";

        List<FeedParser.FeedItem> items = FeedParser.parse(xml, "https://x.example/atom").items();

        assertThat(items).extracting(FeedParser.FeedItem::link).containsExactly("https://example.org/blog/posts/1",
                "https://example.org/blog/2024/two", "https://elsewhere.example/three");
        assertThat(items.get(0).links()).containsExactly("https://example.org/blog/media/1.mp3");
    }

    @Test
    void aQueryAloneKeepsTheBasesPathAndABaseOfNoWebAddressIsNone() {
        // a helper's review: ?p=5 on .../index.php lost the file (RFC 2396's rule), and a javascript: base dropped
        // the item's url
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/blog/index.php?x=1\">"
                + "<title>t</title><id>f</id><updated>2024-01-01T00:00:00Z</updated>"
                + "<entry><id>a</id><title>One</title><updated>2024-01-01T00:00:00Z</updated><link href=\"?p=5\"/>"
                + "</entry><entry xml:base=\"javascript://x/%0aalert(1)/\"><id>b</id><title>Two</title>"
                + "<updated>2024-01-01T00:00:00Z</updated><link href=\"posts/2\"/></entry></feed>";

        assertThat(FeedParser.parse(xml, "https://x.example/atom").items()).extracting(FeedParser.FeedItem::link)
                .containsExactly("https://example.org/blog/index.php?p=5", "posts/2");
    }

    @Test
    void aFeedsRelativeLinkOfAQueryAloneKeepsTheFeedsPath() {
        // RFC 3986 §5.2: the feed's address is the base of links that no xml:base resolved, and a query alone keeps
        // its path (URI.resolve, RFC 2396, gave https://news.example/?p=7, another page)
        String xml = "<rss version=\"2.0\"><channel><title>t</title><item><title>One</title><link>?p=7</link>"
                + "<enclosure url=\"?media=7\" type=\"audio/mpeg\" length=\"1\"/></item></channel></rss>";
        String url = "https://news.example/index.php?feed=rss2";
        RawPost post = mapped(xml, url, "news", url).get(0);

        assertThat(post.url()).isEqualTo("https://news.example/index.php?p=7");
        assertThat(post.attributes()).containsEntry(RawPost.ATTR_LINKS, "https://news.example/index.php?media=7");
    }

    @Test
    void anItemsLinkEnclosureAndXmlBaseWithASpaceAreReadAsBrowsersReadThem() {
        // a helper's trial: each was dropped (url null, no enclosure), and a base with a space dropped the channel's
        String rss = "<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><title>One</title><guid>g1</guid><link>posts/two words.html</link>"
                + "<enclosure url=\"media/ep 1.mp3\" type=\"audio/mpeg\" length=\"1\"/></item>"
                + "<item><title>Two</title><link>https://news.example/abs item/page.html</link></item></channel></rss>";
        String url = "https://news.example/feed.xml";
        List<RawPost> posts = mapped(rss, url, "news", url);

        assertThat(posts.get(0).url()).isEqualTo("https://news.example/posts/two%20words.html");
        assertThat(posts.get(0).attributes()).containsEntry(RawPost.ATTR_LINKS, "https://news.example/media/ep%201.mp3");
        assertThat(posts.get(1).url()).isEqualTo("https://news.example/abs%20item/page.html");
        // the item's identity is what it was: its link as written
        assertThat(posts.get(1).externalId()).isEqualTo(ItemIdentity.externalId(null,
                "https://news.example/abs item/page.html", "Two", "Two"));

        // a permalink guid with a space names its page too (a review: url none)
        String guid = "<rss version=\"2.0\"><channel><title>t</title><item><title>Four</title>"
                + "<guid>https://news.example/abs item/four.html</guid></item></channel></rss>";
        RawPost permalink = mapped(guid, url, "news", url).get(0);
        assertThat(permalink.url()).isEqualTo("https://news.example/abs%20item/four.html");
        assertThat(permalink.externalId()).isEqualTo("https://news.example/abs item/four.html");

        String based = "<rss version=\"2.0\"><channel xml:base=\"https://news.example/chan/\"><title>t</title>"
                + "<item xml:base=\"https://news.example/space base/\"><title>Three</title><guid>g3</guid>"
                + "<link>b3.html</link></item></channel></rss>";
        assertThat(mapped(based, url, "news", url).get(0).url()).isEqualTo("https://news.example/space%20base/b3.html");
    }

    @Test
    void relativeLinksInAnItemsHtmlResolveAgainstItsBase() {
        // before, the normalizer had no base: a relative <a href> was dropped from the post's links (only absolute
        // web links are kept), and a "Read more" anchor of one stayed in the text, its URL not written after it
        String rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>Quay</title><guid>q1</guid>"
                + "<description><![CDATA[<p>The quay reopens on Monday. <a href=\"/2024/quay\">Read more</a></p>"
                + "<p>See <a href=\"?p=9\">the map</a> or <a href=\"mailto:desk@news.example\">write</a>.</p>]]>"
                + "</description></item></channel></rss>";
        String url = "https://news.example/rss/index.php?feed=rss2";
        RawPost post = mapped(rss, url, "news", url).get(0);

        assertThat(post.attributes()).containsEntry(RawPost.ATTR_CONTENT_BASE, url);
        assertThat(paragraphs(post)).containsExactly("The quay reopens on Monday.", "See the map or write.");
        assertThat(NORMALIZER.normalize(post).links()).containsExactly("https://news.example/2024/quay",
                "https://news.example/rss/index.php?p=9");

        // an Atom entry's xml:base, itself relative to the document's address
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"/blog/\"><title>t</title><id>f</id>"
                + "<updated>2024-01-01T00:00:00Z</updated><entry xml:base=\"2024/\"><id>a</id><title>One</title>"
                + "<updated>2024-01-01T00:00:00Z</updated><content type=\"html\">&lt;p&gt;The &lt;a "
                + "href=\"quay.html\"&gt;quay&lt;/a&gt; reopens.&lt;/p&gt;</content></entry></feed>";
        String feedUrl = "https://example.org/feeds/atom.xml";
        RawPost entry = mapped(atom, feedUrl, "blog", feedUrl).get(0);

        assertThat(entry.attributes()).containsEntry(RawPost.ATTR_CONTENT_BASE, "https://example.org/blog/2024/");
        assertThat(NORMALIZER.normalize(entry).links()).containsExactly("https://example.org/blog/2024/quay.html");
    }

    @Test
    void theBodysOwnXmlBaseIsWhatItsLinksResolveAgainst() {
        // Atom's <content> and <summary> and RSS's content:encoded may carry an xml:base of their own (RFC 4287 §2):
        // it was ignored, and the body's links resolved against the entry's base
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/blog/\"><title>t</title>"
                + "<id>f</id><updated>2024-01-01T00:00:00Z</updated><entry xml:base=\"2024/\"><id>a</id><title>One</title>"
                + "<link href=\"one.html\"/><updated>2024-01-01T00:00:00Z</updated><content type=\"html\" "
                + "xml:base=\"media/\">&lt;p&gt;The &lt;a href=\"quay.png\"&gt;quay&lt;/a&gt;.&lt;/p&gt;</content></entry>"
                + "<entry><id>b</id><title>Two</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<summary type=\"html\" xml:base=\"https://cdn.example/s/\">&lt;a href=\"x\"&gt;x&lt;/a&gt; here"
                + "</summary></entry></feed>";
        String rss = "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                + "<title>t</title><item><title>Three</title><guid>g3</guid><description>short</description>"
                + "<content:encoded xml:base=\"https://news.example/full/\"><![CDATA[<p>See <a href=\"map\">the map"
                + "</a>.</p>]]></content:encoded></item></channel></rss>";
        String url = "https://example.org/atom.xml";

        List<RawPost> entries = mapped(atom, url, "blog", url);
        assertThat(entries.get(0).url()).as("the item's link, under the entry's base")
                .isEqualTo("https://example.org/blog/2024/one.html");
        assertThat(entries.get(0).attributes()).containsEntry(RawPost.ATTR_CONTENT_BASE,
                "https://example.org/blog/2024/media/");
        assertThat(NORMALIZER.normalize(entries.get(0)).links())
                .containsExactly("https://example.org/blog/2024/media/quay.png");
        assertThat(NORMALIZER.normalize(entries.get(1)).links()).containsExactly("https://cdn.example/s/x");
        assertThat(NORMALIZER.normalize(mapped(rss, url, "news", url).get(0)).links())
                .containsExactly("https://news.example/full/map");
    }

    @Test
    void aBodysUnusableXmlBaseLeavesTheEntrysAndSoDoesAnAtom03MultipartBody() {
        // a helper's review: a body base that is no URI or no web address dropped the entry's base for the
        // document's address; and of Atom 0.3's several <content>s, the first one's base was taken for any
        String body = "&lt;p&gt;The &lt;a href=\"pic.png\"&gt;pic&lt;/a&gt;.&lt;/p&gt;";
        String url = "https://example.org/feeds/atom.xml";
        for (String contentBase : List.of("media\\files/", "javascript:void(0)", "media files/")) {
            String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id>"
                    + "<updated>2024-01-01T00:00:00Z</updated><entry xml:base=\"https://ex.org/blog/2024/\"><id>a</id>"
                    + "<title>One</title><updated>2024-01-01T00:00:00Z</updated><content type=\"html\" xml:base=\""
                    + contentBase + "\">" + body + "</content></entry></feed>";
            // a space is escaped first (XML Base §3.1), and then it is a usable base
            assertThat(NORMALIZER.normalize(mapped(atom, url, "blog", url).get(0)).links()).as(contentBase)
                    .containsExactly(contentBase.contains(" ") ? "https://ex.org/blog/2024/media%20files/pic.png"
                            : "https://ex.org/blog/2024/pic.png");
        }
        String atom03 = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title>"
                + "<modified>2024-01-01T00:00:00Z</modified><entry xml:base=\"https://ex.org/e/\"><id>a</id>"
                + "<title>One</title><modified>2024-01-01T00:00:00Z</modified><issued>2024-01-01T00:00:00Z</issued>"
                + "<content type=\"image/png\" mode=\"base64\" xml:base=\"https://img.example/\">AAAA</content>"
                + "<content type=\"text/html\" mode=\"escaped\">" + body + "</content></entry></feed>";
        assertThat(NORMALIZER.normalize(mapped(atom03, url, "blog", url).get(0)).links())
                .containsExactly("https://ex.org/e/pic.png");
    }

    @Test
    void anXmlBaseChainResolvesByRfc3986() {
        // a helper's review: JDOM's getXMLBaseURI resolves the chain by RFC 2396, which gave …/blog/?p=2#c
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/blog/index.php?x=1\">"
                + "<title>t</title><id>f</id><updated>2024-01-01T00:00:00Z</updated><entry xml:base=\"?p=2\"><id>a</id>"
                + "<title>One</title><link href=\"#c\"/><updated>2024-01-01T00:00:00Z</updated></entry>"
                + "<entry xml:base=\"../../../x/\"><id>b</id><title>Two</title><link href=\"2\"/>"
                + "<updated>2024-01-01T00:00:00Z</updated></entry></feed>";

        assertThat(FeedParser.parse(atom, "https://example.org/atom.xml").items()).extracting(FeedParser.FeedItem::link)
                .containsExactly("https://example.org/blog/index.php?p=2#c", "https://example.org/x/2");
    }

    @Test
    void aRelativeXmlBaseChainIsResolvedUnderTheDocument() {
        // a helper's review: dot segments of a relative chain were resolved away before the document's address was
        // under it, so ../2024/ under archive/ named …/2024/, not …/feeds/2024/; and an unparseable base above an
        // absolute one, which JDOM never asks, dropped the item's base
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"archive/\"><title>t</title><id>f</id>"
                + "<updated>2024-01-01T00:00:00Z</updated><entry xml:base=\"../2024/\"><id>a</id><title>One</title>"
                + "<link href=\"p.html\"/><updated>2024-01-01T00:00:00Z</updated></entry></feed>";
        String rss = "<rss version=\"2.0\"><channel xml:base=\"http://bad host/\"><title>t</title>"
                + "<item xml:base=\"https://ex.org/a/\"><title>One</title><link>p.html</link></item></channel></rss>";
        String url = "https://ex.org/feeds/atom.xml";

        assertThat(mapped(atom, url, "ex", url).get(0).url()).isEqualTo("https://ex.org/feeds/2024/p.html");
        assertThat(mapped(rss, url, "ex", url).get(0).url()).isEqualTo("https://ex.org/a/p.html");
    }

    @Test
    void anItemWhoseHtmlHasNoRelativeLinkCarriesNoBaseSoItsAddressChangesNothing() {
        // a helper's review: every HTML item carried the document's address as its base, which is part of what the
        // feed remembers of it, so a push (under the subscription's address) and a poll (after a redirect) of the
        // same item each published it again
        String rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>A</title><guid>g1</guid>"
                + "<link>https://news.example/a</link><description><![CDATA[<p>Text <a href=\"#fn1\">1</a> and "
                + "<a href=\"https://news.example/b\">b</a></p>]]></description></item></channel></rss>";
        String url = "http://news.example/feed";
        RawPost pushed = mapped(rss, url, "news", url).get(0);
        RawPost polled = mapped(rss, url, "news", "https://news.example/feed/").get(0);

        assertThat(pushed.attributes()).doesNotContainKey(RawPost.ATTR_CONTENT_BASE);
        assertThat(SeenItems.contentHash(polled)).isEqualTo(SeenItems.contentHash(pushed));
        assertThat(NORMALIZER.normalize(polled).links()).containsExactly("https://news.example/b");
    }

    @Test
    void aRelativeXmlBaseIsLeftToTheDocumentsAddress() {
        String xml = "<rss version=\"2.0\"><channel xml:base=\"/news/\"><title>t</title><item><title>One</title>"
                + "<link>item/1</link></item></channel></rss>";

        assertThat(FeedParser.parse(xml, "https://x.example/rss").items().get(0).link()).isEqualTo("/news/item/1");
    }

    @Test
    void aFormFeedOrVerticalTabThatXmlForbidsIsStillALineBreakOfAPlainTextBody() {
        // Issue 12: XML 1.0 forbids VT and FF, and the healer deleted them, gluing two lines together
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id>"
                + "<updated>2024-01-01T00:00:00Z</updated><entry><id>a</id><title>Ferry</title>"
                + "<updated>2024-01-01T00:00:00Z</updated><content type=\"text\">Timetable\fBoats hourly&#12;Last boat 22:00"
                + "\u000BTickets at the pier&#x0B;Weather permitting</content></entry></feed>";
        FeedSubscription subscription = new FeedSubscription("f", "https://x.example/atom", 60, "x", RECEIVED);
        ParsedFeed parsed = FeedParser.parse(xml, "https://x.example/atom");
        RawPost post = FeedItemMapper.toRawPosts(subscription, parsed.sourceType(), parsed.items(), null, RECEIVED)
                .get(0);

        assertThat(paragraphs(post)).containsExactly("Timetable", "Boats hourly", "Last boat 22:00",
                "Tickets at the pier", "Weather permitting");
    }

    @Test
    void rss10ItemsAreKnownByTheirRdfAbout() {
        List<RawPost> posts = posts("rss1-rdf.xml", null, "https://millbrook.example/rss", "millbrook");

        assertThat(posts).extracting(RawPost::postId).containsExactly("millbrook:https://millbrook.example/b/1",
                "millbrook:https://millbrook.example/b/2");
        assertThat(posts).extracting(RawPost::sourceType).containsOnly(SourceType.RSS);
        assertThat(posts).extracting(RawPost::publishedAt).containsExactly(Instant.parse("2024-05-04T15:00:00Z"),
                Instant.parse("2024-05-05T00:00:00Z"));
        assertThat(paragraphs(posts.get(0))).containsExactly("Surveyors climbed the bell tower on Saturday.");
    }

    @Test
    void aHeadlineOnlyItemKeepsItsHeadlineAsText() {
        String xml = "<rss version=\"2.0\"><channel><title>t</title><item><title>Only a headline</title>"
                + "<guid>h-1</guid></item></channel></rss>";
        FeedParser.FeedItem item = FeedParser.parse(xml, "https://x.example/rss").items().get(0);

        assertThat(item.body()).isEqualTo("Only a headline");
        assertThat(item.contentType()).isEqualTo(RawPost.TEXT_PLAIN);
    }

    @Test
    void brokenXmlIsAParseErrorWithLineAndColumn() {
        assertThatThrownBy(() -> FeedParser.parse("<rss version=\"2.0\">\n<channel><title>x</channel></rss>",
                "https://x.example/rss"))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("feed https://x.example/rss: not well-formed XML at line 2, column ")
                .extracting(e -> ((FeedException) e).kind()).isEqualTo(FeedException.PARSE_ERROR);
    }

    @Test
    void aDocumentThatIsNotAFeedIsAParseError() {
        assertThatThrownBy(() -> FeedParser.parse("<html><body>hello</body></html>", "https://x.example/"))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("feed https://x.example/: not an RSS or Atom document (root <html>)");
    }

    @Test
    void aNamespaceThatJdomRefusesIsAParseErrorOfTheFeed() {
        // Found by FeedParserFuzzTest: the XML parser accepts xmlns:con="2.0", JDOM's document builder throws
        // IllegalNameException for it, and the poll failed as an internal error.
        assertThatThrownBy(() -> FeedParser.parse("<rss version=\"2.0\" xmlns:con=\"2.0\">\n<channel/></rss>",
                "https://x.example/rss"))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("feed https://x.example/rss: cannot parse XML: The name \"2.0\" is not legal "
                        + "for JDOM/XML Namespace URIs")
                .extracting(e -> ((FeedException) e).kind()).isEqualTo(FeedException.PARSE_ERROR);
    }

    @Test
    void anRssDocumentWithoutChannelIsAParseErrorSayingSo() {
        // Found by FeedParserFuzzTest: Rome reads the channel without checking that there is one
        // (NullPointerException in RSS090Parser.parseChannel), and the poll failed as an internal error.
        assertThatThrownBy(() -> FeedParser.parse("<rss version=\"2.0\"><item/></rss>", "https://x.example/rss"))
                .isInstanceOf(FeedException.class)
                .hasMessage("feed https://x.example/rss: <rss> has no <channel>")
                .extracting(e -> ((FeedException) e).kind()).isEqualTo(FeedException.PARSE_ERROR);
        assertThatThrownBy(() -> FeedParser.parse("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"a\"/></rdf:RDF>", "https://x.example/rdf"))
                .isInstanceOf(FeedException.class)
                .hasMessage("feed https://x.example/rdf: <rdf:RDF> has no <channel> in http://purl.org/rss/1.0/");
        // a channel in another namespace than Rome looks in is none
        assertThatThrownBy(() -> FeedParser.parse("<rss version=\"2.0\"><x:channel xmlns:x=\"urn:x\"/></rss>",
                "https://x.example/rss"))
                .hasMessage("feed https://x.example/rss: <rss> has no <channel>");
        assertThatThrownBy(() -> FeedParser.parse("<rss version=\"2.0\" xmlns=\"urn:y\"><channel/></rss>",
                "https://x.example/rss"))
                .hasMessage("feed https://x.example/rss: <rss> has no <channel>");
        assertThatThrownBy(() -> FeedParser.parse("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><x:channel xmlns:x=\"urn:x\"/></rdf:RDF>",
                "https://x.example/rdf"))
                .hasMessage("feed https://x.example/rdf: <rdf:RDF> has no <channel> in http://my.netscape.com/rdf/simple/0.9/");
        assertThat(FeedParser.parse("<rss version=\"2.0\" xmlns=\"urn:y\"><channel xmlns=\"\"/></rss>",
                "https://x.example/rss").feedType()).isEqualTo("rss_2.0");
    }

    @Test
    void utf16WithBomParsesToo() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<item><title>Ёлка у ратуши</title><guid>u16</guid><description>Огни зажгут в пятницу.</description>"
                + "</item></channel></rss>";
        byte[] bytes = new byte[xml.length() * 2 + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(xml.getBytes(StandardCharsets.UTF_16LE), 0, bytes, 2, xml.length() * 2);

        FeedParser.FeedItem item = FeedParser.parse(FeedDecoder.decode(bytes, "text/xml", "f").text(), "f").items()
                .get(0);

        assertThat(item.title()).isEqualTo("Ёлка у ратуши");
        assertThat(item.body()).isEqualTo("Огни зажгут в пятницу.");
    }
}
