package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.ingest.feed.FeedParser.FeedItem;
import newsfeed.ingest.feed.FeedParser.ParsedFeed;

/**
 * Fuzzes a fetched feed document through {@link FeedDecoder#decode} and {@link FeedParser#parse} (with
 * {@link FeedXmlHealer}), as a poll does (issue 10; README "Fuzzing"). Besides returning within the per-input timeout:
 * a failure is a {@link FeedException} of kind {@code decode-error} or {@code parse-error} naming the feed, never
 * another exception; decoded text holds no C1 control character, and no U+FFFD that the bytes did not encode; every
 * item has its position, a body and a text content type, a title with white space collapsed, and links that are
 * distinct, stripped and not the item's own link.
 */
class FeedParserFuzzTest {

    private static final String FEED = "https://fuzz.example/feed";
    /** Content-Type headers as servers send them: none, without charset, right, wrong, unknown. */
    private static final List<String> CONTENT_TYPES = Arrays.asList(null, "application/rss+xml",
            "application/xml; charset=utf-8", "text/xml; charset=windows-1251", "application/atom+xml; charset=\"ISO-8859-1\"",
            "text/xml; charset=UTF-16", "text/xml; charset=no-such-charset");
    private static final byte[] REPLACEMENT_UTF8 = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    @FuzzTest
    @DictionaryEntries({"<?xml version=\"1.0\" encoding=\"", "<!DOCTYPE rss [", "<rss version=\"2.0\">", "<channel>",
            "<item>", "</item>", "<guid>", "<pubDate>", "<description>", "<content:encoded>", "<![CDATA[", "]]>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "<link rel=\"enclosure\" href=\"", "type=\"html\"",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
            "&nbsp;", "&#146;", "&#x0;"})
    void feedDocumentsDecodeAndParseOrFailAsFeedErrors(FuzzedDataProvider data) {
        String contentType = CONTENT_TYPES.get(data.consumeInt(0, CONTENT_TYPES.size() - 1));
        byte[] bytes = data.consumeRemainingAsBytes();

        FeedDecoder.Decoded decoded;
        try {
            decoded = FeedDecoder.decode(bytes, contentType, FEED);
        } catch (FeedException e) {
            assertThat(e.kind()).isEqualTo(FeedException.DECODE_ERROR);
            assertThat(e.getMessage()).startsWith("feed " + FEED + ": ");
            return;
        }
        String text = decoded.text();
        assertThat(text.chars().filter(c -> c >= 0x80 && c <= 0x9F)).as("C1 controls").isEmpty();
        if ((decoded.charset().equals(StandardCharsets.UTF_8) || decoded.charset().name().equals("windows-1252"))
                && indexOf(bytes, REPLACEMENT_UTF8) < 0) {
            assertThat(text).doesNotContain("\uFFFD");
        }
        if (decoded.repairedBytes() > 0) {
            assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        }
        if (FeedDecoder.headerCharset(contentType) == null) {
            assertThat(decoded.note()).isNull();
        }

        ParsedFeed parsed;
        try {
            parsed = FeedParser.parse(text, FEED);
        } catch (FeedException e) {
            assertThat(e.kind()).isEqualTo(FeedException.PARSE_ERROR);
            assertThat(e.getMessage()).startsWith("feed " + FEED + ": ");
            return;
        }
        assertThat(parsed.sourceType()).isEqualTo(parsed.feedType() != null && parsed.feedType().startsWith("atom")
                ? SourceType.ATOM : SourceType.RSS);
        for (int i = 0; i < parsed.items().size(); i++) {
            FeedItem item = parsed.items().get(i);
            assertThat(item.index()).isEqualTo(i);
            assertThat(item.body()).isNotNull();
            assertThat(item.contentType()).isIn(RawPost.TEXT_HTML, RawPost.TEXT_PLAIN);
            if (item.title() != null) {
                assertThat(item.title()).isNotEmpty().isEqualTo(item.title().strip()).doesNotContain("  ")
                        .doesNotContainPattern("[\\t\\n\\x0B\\f\\r]");
            }
            assertThat(item.id() == null || !item.id().isBlank()).as("id %s", item.id()).isTrue();
            assertThat(item.date() == null || !item.date().isBlank()).as("date %s", item.date()).isTrue();
            assertThat(new HashSet<>(item.links())).hasSameSizeAs(item.links());
            for (String link : item.links()) {
                assertThat(link).isNotBlank().isEqualTo(link.strip()).isNotEqualTo(item.link());
            }
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
