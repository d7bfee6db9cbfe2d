package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.Dateline;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.text.WebLinks;
import org.junit.jupiter.api.Test;

class PostNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");

    private final PostNormalizer normalizer = new PostNormalizer(ParagraphRules.defaults(),
            PostNormalizer.Limits.DEFAULT);

    private static RawPost raw(String body) {
        return new RawPost("wire:1", "wire", "1", SourceType.TEXT, RECEIVED, null, null, null, RawPost.TEXT_PLAIN,
                body, Map.of());
    }

    @Test
    void splitsLinesClassifiesThemAndPullsOutMetadata() {
        String body = String.join("\n",
                "Forwarded from Harbour Desk 🌊",
                "🎙 Minister’s remarks after the #Harbour talks",
                "📍 Port Elsin, March 3, 2025",
                "💬 We discussed the ferry line. <...>",
                "<…>",
                "📄 Read in full",
                "#HarbourTalks #Ferries");

        NormalizedPost post = normalizer.normalize(raw(body));

        assertThat(post.forwardedFrom()).isEqualTo("Harbour Desk 🌊");
        assertThat(post.paragraphs()).containsExactly(
                new Paragraph(0, "🎙 Minister’s remarks after the #Harbour talks", ParagraphKind.TEXT),
                new Paragraph(1, "📍 Port Elsin, March 3, 2025", ParagraphKind.DATELINE),
                new Paragraph(2, "💬 We discussed the ferry line. <...>", ParagraphKind.TEXT),
                new Paragraph(3, "<…>", ParagraphKind.ELISION),
                new Paragraph(4, "#HarbourTalks #Ferries", ParagraphKind.HASHTAGS));
        assertThat(post.title()).isEqualTo("🎙 Minister’s remarks after the #Harbour talks");
        assertThat(post.dateline()).isEqualTo(new Dateline("Port Elsin", LocalDate.of(2025, 3, 3)));
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(post.hashtags()).containsExactly("Harbour", "HarbourTalks", "Ferries");
        assertThat(post.normalizerVersion()).isEqualTo(PostNormalizer.VERSION);
    }

    @Test
    void onlyWebLinksReachThePost() {
        RawPost raw = new RawPost("preview:9", "preview", "9", SourceType.TEXT, RECEIVED, null, null,
                "javascript:alert(document.cookie)", RawPost.TEXT_PLAIN, "Headline\n\nA paragraph.",
                Map.of(RawPost.ATTR_LINKS, "javascript:alert(1)\nhttps://example.org/a\ndata:text/html,x\n"));

        NormalizedPost post = normalizer.normalize(raw);

        assertThat(post.url()).isNull();
        assertThat(post.links()).containsExactly("https://example.org/a");
    }

    @Test
    void noncharactersAreRemovedFromTheText() {
        NormalizedPost post = normalizer.normalize(raw("Head\uFFFFline\n\nA\uFFFE para\uFDD0graph \uD83F\uDFFFend 🌊"));

        assertThat(post.title()).isEqualTo("Headline");
        assertThat(post.paragraphs()).extracting(Paragraph::text).containsExactly("Headline", "A paragraph end 🌊");
    }

    @Test
    void linkTextsAreDroppedWithTheirUrlKept() {
        NormalizedPost post = normalizer.normalize(raw(
                "Headline\nRead more: https://example.org/story?id=7\n➡️ Read in full →\nREAD IN FULL"));

        assertThat(post.paragraphs()).extracting(Paragraph::text).containsExactly("Headline");
        assertThat(post.links()).containsExactly("https://example.org/story?id=7");
    }

    /**
     * A review: a link text and its URL written on the line of the text ({@code … on Monday. Read more: https://…})
     * stayed words of the paragraph, and out of the post's links, so a later post that repeated the paragraph so was
     * no copy of the one that had it alone. After a sentence's end, or an emoji, the link text is cut and its URL
     * kept; inside a sentence it is text.
     */
    @Test
    void aLinkTextClosingALineAfterItsSentenceIsDroppedWithItsUrlKept() {
        NormalizedPost post = normalizer.normalize(raw("Headline\n\n"
                + "The council approved the harbour budget on Monday. Read more: https://example.org/a\n\n"
                + "Ferries resume on Friday! 👉 Подробнее (https://example.org/b).\n\n"
                + "He told us to read more: https://example.org/c\n\n"
                + "«The port is open.» Full text https://example.org/d\n\n"
                + "Line one of a block.\nLine two ends it. Continue reading: https://example.org/e"));

        assertThat(post.paragraphs()).extracting(Paragraph::text).containsExactly("Headline",
                "The council approved the harbour budget on Monday.", "Ferries resume on Friday!",
                "He told us to read more: https://example.org/c", "«The port is open.»",
                "Line one of a block.\nLine two ends it.");
        assertThat(post.links()).containsExactly("https://example.org/a", "https://example.org/b",
                "https://example.org/d", "https://example.org/e");
    }

    /** A trial's post in the seed's shape: the link under the preview and again under the full text. */
    @Test
    void aLinkShownTwiceIsKeptOnce() {
        NormalizedPost post = normalizer.normalize(raw("Headline\n\nThe ministers met in Vientiane today.\n"
                + "📄 Read in full: https://mid.ru/en/x/1/\n\nThe ministers met in Vientiane today.\n"
                + "📄 Read in full: https://mid.ru/en/x/1/"));

        assertThat(post.links()).containsExactly("https://mid.ru/en/x/1/");
    }

    @Test
    void linksOfTheLinksAttributeComeFirst() {
        RawPost post = new RawPost("wire:1", "wire", "1", SourceType.TELEGRAM, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, "Headline\nRead more: https://example.org/b", Map.of(RawPost.ATTR_LINKS,
                "https://example.org/a\n\n https://example.org/c "));

        assertThat(normalizer.normalize(post).links())
                .containsExactly("https://example.org/a", "https://example.org/c", "https://example.org/b");
    }

    @Test
    void paragraphsOfNoBreakOrZeroWidthSpacesAreBlankAndNeverATitle() {
        // helper trial: "<p>&nbsp;</p>" before the headline made a title of one U+00A0, kept as a paragraph
        RawPost html = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null, null, null,
                RawPost.TEXT_HTML, "<p>&nbsp;</p><p>Headline of the post</p><p>&nbsp;</p><p>Body paragraph.</p>",
                Map.of());
        NormalizedPost fromHtml = normalizer.normalize(html);
        assertThat(fromHtml.title()).isEqualTo("Headline of the post");
        assertThat(fromHtml.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Headline of the post", "Body paragraph.");

        NormalizedPost zeroWidth = normalizer.normalize(raw("\uFEFF\u200B\n\n\u00A0Zero width first\u00A0\n\nSecond."));
        assertThat(zeroWidth.title()).isEqualTo("Zero width first");
        assertThat(zeroWidth.paragraphs()).extracting(Paragraph::text).containsExactly("Zero width first", "Second.");

        // lines of one post without blank lines: the invisible ones are no paragraphs either
        NormalizedPost lines = normalizer.normalize(raw("Headline\n\u00A0\nAfter a no-break space\n\u200B\nAfter a zero width space"));
        assertThat(lines.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Headline", "After a no-break space", "After a zero width space");
    }

    @Test
    void linesOfBrailleBlanksSeparateParagraphsAndAreNoneThemselves() {
        // U+2800 BRAILLE PATTERN BLANK is the empty line Telegram authors type (the app drops empty lines): it was
        // kept as a paragraph that shows nothing, and made the title of a post that opened with it
        NormalizedPost lines = normalizer.normalize(raw(
                "\u2800\nHeadline of the post\n\u2800\u2800\nFirst paragraph.\n \u2800\u00A0\nSecond paragraph.\n\u2800"));
        assertThat(lines.title()).isEqualTo("Headline of the post");
        assertThat(lines.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Headline of the post", "First paragraph.", "Second paragraph.");
        assertThat(lines.paragraphs()).extracting(Paragraph::position).containsExactly(0, 1, 2);

        // between blank-line blocks it ends a block as a blank line does
        NormalizedPost blocks = normalizer.normalize(raw(
                "Headline\n\nFirst line\nsecond line\n\u2800\nNext block\nits second line\n\n\u2800\n\nLast"));
        assertThat(blocks.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Headline", "First line\nsecond line", "Next block\nits second line", "Last");

        // a braille blank inside a line is text (braille writes it between words), and so is a braille letter
        NormalizedPost inside = normalizer.normalize(raw("Headline\nA\u2800B\n\u2801"));
        assertThat(inside.paragraphs()).extracting(Paragraph::text).containsExactly("Headline", "A\u2800B", "\u2801");

        // as padding at a line's ends it goes, as spaces do (a review: it stayed in the title and the paragraph)
        NormalizedPost padded = normalizer.normalize(raw("\u2800\u2800Headline\u2800\nBody line."));
        assertThat(padded.title()).isEqualTo("Headline");
        assertThat(padded.paragraphs()).extracting(Paragraph::text).containsExactly("Headline", "Body line.");

        RawPost titled = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null, "\u2800 ", null,
                RawPost.TEXT_PLAIN, "First paragraph as headline\n\nBody.", Map.of());
        assertThat(normalizer.normalize(titled).title()).isEqualTo("First paragraph as headline");
    }

    @Test
    void aBrailleBlankLineBesideABlankLineAtAPostsStartOrEndLeavesAPostOfLinesInLines() {
        // a review: hasBlankLine strips only White_Space off the text's ends, so the blank line between a U+2800 line
        // and the text made a post of lines one block, glued into one paragraph and a three-line title; a no-break
        // space in the same place is stripped and the post stays in lines
        for (String body : List.of("Headline\nFirst line.\nSecond line.\n\n\u2800",
                "\u2800\n\nHeadline\nFirst line.\nSecond line.",
                "Headline\nFirst line.\nSecond line.\n\n\u00A0")) {
            NormalizedPost post = normalizer.normalize(raw(body));
            assertThat(post.paragraphs()).as(body).extracting(Paragraph::text)
                    .containsExactly("Headline", "First line.", "Second line.");
            assertThat(post.title()).as(body).isEqualTo("Headline");
        }
    }

    @Test
    void aLinkTextAnchorClosingAParagraphIsCutAsItsPlainTextFormIs() {
        // a helper's trial: "… four. <a href=…>Read more</a>" kept "Read more" in the paragraph, where the plain
        // text "… four. Read more: https://…" is cut to "… four.", so the two forms of one post were not copies
        RawPost html = new RawPost("wire:2", "wire", "2", SourceType.HTTP, RECEIVED, null, null, null,
                RawPost.TEXT_HTML, "<p>Body paragraph four. <a href=\"https://example.org/a4\">Read more</a></p>"
                + "<p>He said <a href=\"https://example.org/said\">read more</a> about it.</p>"
                + "<p>Ends with a relative one. <a href=\"/a5\">Read more</a></p>", Map.of());
        RawPost plain = raw("Body paragraph four. Read more: https://example.org/a4\n\nHe said read more about it.");

        NormalizedPost fromHtml = normalizer.normalize(html);

        assertThat(fromHtml.paragraphs()).extracting(Paragraph::text).containsExactly("Body paragraph four.",
                "He said read more about it.", "Ends with a relative one. Read more");
        assertThat(fromHtml.paragraphs().subList(0, 2)).extracting(Paragraph::text)
                .isEqualTo(normalizer.normalize(plain).paragraphs().stream().map(Paragraph::text).toList());
        assertThat(fromHtml.links()).containsExactly("https://example.org/a4", "https://example.org/said");

        // a helper's review: the URL was written after every such anchor that nothing followed, and stayed in the text
        // where the rule did not cut it
        RawPost notClosing = new RawPost("wire:3", "wire", "3", SourceType.HTTP, RECEIVED, null, null, null,
                RawPost.TEXT_HTML, "<p>The ministry has published the <a href=\"https://gov.example/law\">full text</a></p>"
                + "<p>He told reporters to <a href=\"https://x.example/m\">read more</a>.</p>"
                + "<p>Budget approved (<a href=\"https://x.example/b\">full text</a>).</p>"
                + "<p>Budget approved. <a href=\"https://example.org/Отчёт 2024.pdf\">Read more</a></p>"
                + "<p>Budget approved again. <a href=\"https://example.org/a\\\\b c.pdf\">Read more</a></p>"
                + "<table><tr><td>Law No. 5</td><td><a href=\"https://x.example/5\">Full text</a></td></tr></table>",
                Map.of());
        // (the link with a space is read as browsers read it since 2026-12-07, so that anchor closes its paragraph and is
        // cut as the others are; one with a backslash, which is no link even so, keeps its space and is not cut, so its
        // URL is not written and "Read more" stays)
        assertThat(normalizer.normalize(notClosing).paragraphs()).extracting(Paragraph::text).containsExactly(
                "The ministry has published the full text", "He told reporters to read more.",
                "Budget approved (full text).", "Budget approved.", "Budget approved again. Read more",
                "Law No. 5 | Full text");
        assertThat(normalizer.normalize(notClosing).links()).contains("https://example.org/Отчёт%202024.pdf");
    }

    @Test
    void theLinksOfAnHtmlPostAreItsLinksAndAReadInFullAnchorGivesItsUrl() {
        // helper trial: an HTML body's <a href> targets were dropped, a "Read in full" anchor's URL with them
        RawPost html = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null, null, null,
                RawPost.TEXT_HTML, "<p>Ferries resume, <a href=\"https://example.org/ferries\">the port says</a>.</p>"
                + "<p>Second paragraph.</p><p><a href=\"https://example.org/full\">Read in full</a></p>"
                + "<p><a href=\"javascript:alert(1)\">x</a> <a href=\"/relative\">y</a> "
                + "<a href=\"https://example.org/ferries\">again</a></p>",
                Map.of(RawPost.ATTR_LINKS, "https://example.org/first"));

        NormalizedPost post = normalizer.normalize(html);

        assertThat(post.links()).containsExactly("https://example.org/first", "https://example.org/ferries",
                "https://example.org/full");
        assertThat(post.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Ferries resume, the port says.", "Second paragraph.", "x y again");
    }

    @Test
    void aGivenTitleIsOneLine() {
        // helper trial: a title field of two lines was stored with its line break
        RawPost titled = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null,
                "Line one\r\n  Line two\u2028three", null, RawPost.TEXT_PLAIN, "Body.", Map.of());
        assertThat(normalizer.normalize(titled).title()).isEqualTo("Line one Line two three");
        // helper trial: a headline paragraph of two lines, the title of every Telegram post, kept its line break
        NormalizedPost twoLines = normalizer.normalize(raw("First line of the headline\nits second line\n\nBody."));
        assertThat(twoLines.title()).isEqualTo("First line of the headline its second line");
        assertThat(twoLines.paragraphs().get(0).text()).isEqualTo("First line of the headline\nits second line");
        // a title of nothing but control characters is no title
        RawPost controls = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null, "\u0001\u0002", null,
                RawPost.TEXT_PLAIN, "First paragraph.", Map.of());
        assertThat(normalizer.normalize(controls).title()).isEqualTo("First paragraph.");
    }

    @Test
    void aTitleOfOnlyNoBreakSpacesIsNoTitle() {
        RawPost titled = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null, "\u00A0\u200B", null,
                RawPost.TEXT_PLAIN, "First paragraph as headline\n\nBody.", Map.of());
        assertThat(normalizer.normalize(titled).title()).isEqualTo("First paragraph as headline");
    }

    @Test
    void blankLinesMakeBlocksAndInnerWhitespaceIsKept() {
        NormalizedPost post = normalizer.normalize(raw("Title line\r\n\r\nFirst  line\r\nsecond line\r\n\r\n\r\nLast"));

        assertThat(post.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Title line", "First  line\nsecond line", "Last");
    }

    @Test
    void formFeedVerticalTabNelAndLineSeparatorAreLineBreaksAndParagraphSeparatorIsABlankLine() {
        NormalizedPost lines = normalizer.normalize(raw("One\fTwo\u000BThree\u0085Four\u2028Five\r\nSix"));
        NormalizedPost blocks = normalizer.normalize(raw("One\fTwo\u2029Three\u000B\u000BFour"));

        assertThat(lines.paragraphs()).extracting(Paragraph::text)
                .containsExactly("One", "Two", "Three", "Four", "Five", "Six");
        assertThat(blocks.paragraphs()).extracting(Paragraph::text).containsExactly("One\nTwo", "Three", "Four");
    }

    @Test
    void storedTextIsNfcWithoutControlCharactersButKeepsQuotesAndEmojiJoiners() {
        String decomposed = "Cafe\u0301 \u201Cquoted\u201D \u0007bell\uFEFF 👩\u200D💻";

        NormalizedPost post = normalizer.normalize(raw(decomposed));

        assertThat(post.paragraphs().get(0).text()).isEqualTo("Café \u201Cquoted\u201D bell 👩\u200D💻");
    }

    @Test
    void publishedAtPrefersTheSourceThenTheDatelineThenReceipt() {
        RawPost withDate = new RawPost("wire:2", "wire", "2", SourceType.HTTP, RECEIVED,
                Instant.parse("2025-01-01T12:00:00Z"), "Given title", null, RawPost.TEXT_PLAIN,
                "📍 Port Elsin, March 3, 2025\nText", Map.of());

        assertThat(normalizer.normalize(withDate).publishedAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
        assertThat(normalizer.normalize(withDate).title()).isEqualTo("Given title");
        assertThat(normalizer.normalize(raw("No dateline here")).publishedAt()).isEqualTo(RECEIVED);
        assertThat(normalizer.normalize(raw("No dateline here")).publishedAtFallback()).isTrue();
        assertThat(normalizer.normalize(withDate).publishedAtFallback()).isFalse();
        assertThat(normalizer.normalize(raw("📍 Port Elsin, March 3, 2025")).publishedAtFallback()).isFalse();
    }

    /**
     * A trial: two posts dated {@code …00.0000002Z} and {@code …00.0000001Z} were ordered by their nanoseconds in
     * dedup (the second sent was the original) and tied in the store, which keeps microseconds and broke the tie by
     * postId the other way: the story and the listing contradicted the provenance. Publication times are kept to the
     * microsecond, PostgreSQL's precision, from the normalizer on, so every stage orders posts alike.
     */
    @Test
    void publishedAtIsKeptToTheMicrosecond() {
        RawPost nanos = new RawPost("wire:3", "wire", "3", SourceType.HTTP,
                Instant.parse("2026-11-29T10:00:00.000000789Z"), Instant.parse("2026-11-28T10:00:00.000001999Z"),
                "Given title", null, RawPost.TEXT_PLAIN, "Text", Map.of());

        assertThat(normalizer.normalize(nanos).publishedAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00.000001Z"));
        RawPost undated = new RawPost("wire:4", "wire", "4", SourceType.HTTP,
                Instant.parse("2026-11-29T10:00:00.000000789Z"), null, null, null, RawPost.TEXT_PLAIN, "Text",
                Map.of());
        assertThat(normalizer.normalize(undated).publishedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(normalizer.normalize(undated).receivedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    /** The seed's case (issue 12): a headline ending "(Vientiane, July 25, 2024)", no dateline paragraph. */
    @Test
    void aDateClosingTheHeadlineDatesAPostWithoutDatelineAndIsFlaggedDerived() {
        NormalizedPost post = normalizer.normalize(raw(String.join("\n",
                "🎙 Minister’s opening remarks at the talks with his counterpart (Vientiane, July 25, 2024)",
                "💬 We discussed the ferry line.")));

        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2024-07-25T00:00:00Z"));
        assertThat(post.publishedAtDerived()).isTrue();
        assertThat(post.publishedAtFallback()).isFalse();
        assertThat(post.dateline()).as("a headline is not a dateline paragraph").isNull();
        assertThat(post.title()).endsWith("(Vientiane, July 25, 2024)");
    }

    @Test
    void aHeadlineDateYieldsToTheSourceAndToADatelineAndOnlyClosesAHeadline() {
        String headline = "🎙 Remarks at the talks (Vientiane, July 25, 2024)";
        RawPost sourceDated = new RawPost("wire:3", "wire", "3", SourceType.HTTP, RECEIVED,
                Instant.parse("2024-07-24T18:30:00Z"), null, null, RawPost.TEXT_PLAIN, headline + "\nText", Map.of());
        assertThat(normalizer.normalize(sourceDated).publishedAt()).isEqualTo(Instant.parse("2024-07-24T18:30:00Z"));
        assertThat(normalizer.normalize(sourceDated).publishedAtDerived()).isFalse();

        NormalizedPost withDateline = normalizer.normalize(raw(headline + "\n📍 Luang Prabang, July 27, 2024"));
        assertThat(withDateline.publishedAt()).isEqualTo(Instant.parse("2024-07-27T00:00:00Z"));
        assertThat(withDateline.publishedAtDerived()).isTrue();

        assertThat(normalizer.normalize(raw("Talks (Vientiane, July 25, 2024) went on late\nText")).publishedAtFallback())
                .as("a date inside the headline, not closing it").isTrue();
        assertThat(normalizer.normalize(raw("First line\nSecond paragraph (Vientiane, July 25, 2024)"))
                .publishedAtFallback()).as("a date closing another paragraph").isTrue();
        assertThat(normalizer.normalize(raw("Talks (Vientiane, Smarch 25, 2024)")).publishedAtFallback()).isTrue();
        assertThat(normalizer.normalize(raw("Talks (Vientiane, February 30, 2024)")).publishedAtFallback()).isTrue();
    }

    /**
     * Which of two posts of one day is earlier decides which keeps a shared paragraph; in a dump it must be the one
     * the dump shows first (channel order), not the one whose content hash sorts first (issue 12).
     */
    @Test
    void postsOfOneDumpDatedByTheirDayKeepTheDumpsOrder() {
        String body = "📍 Port Elsin, March 3, 2025\nThe ferry line reopens.";
        NormalizedPost first = normalizer.normalize(inDump("wire:ffff", 0, body));
        NormalizedPost second = normalizer.normalize(inDump("wire:0000", 1, body));
        NormalizedPost later = normalizer.normalize(inDump("wire:aaaa", 41, body));

        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00.001Z"));
        assertThat(later.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00.041Z"));
        assertThat(List.of(first, second, later)).allMatch(NormalizedPost::publishedAtDerived);

        RawPost sourceDated = new RawPost("wire:9", "wire", "9", SourceType.TEXT, RECEIVED,
                Instant.parse("2025-03-03T09:00:00Z"), null, null, RawPost.TEXT_PLAIN, body,
                Map.of(RawPost.ATTR_DUMP_POSITION, "7"));
        assertThat(normalizer.normalize(sourceDated).publishedAt()).as("a time the source gave is kept as it is")
                .isEqualTo(Instant.parse("2025-03-03T09:00:00Z"));
    }

    /**
     * A trial imported two undated posts sharing a paragraph: both got the import's receipt time, and the one the
     * dump shows second kept the paragraph in 3 of 4 such dumps, the tie going to the content-hash postId.
     */
    @Test
    void undatedPostsOfOneDumpKeepTheDumpsOrderInMicroseconds() {
        NormalizedPost first = normalizer.normalize(inDump("wire:ffff", 0, "No date at all"));
        NormalizedPost second = normalizer.normalize(inDump("wire:0000", 1, "No date at all"));
        NormalizedPost later = normalizer.normalize(inDump("wire:8", 7, "No date at all"));

        assertThat(first.publishedAt()).isEqualTo(RECEIVED);
        assertThat(second.publishedAt()).isEqualTo(RECEIVED.plusNanos(1_000));
        assertThat(later.publishedAt()).isEqualTo(RECEIVED.plusNanos(7_000));
        assertThat(List.of(first, second, later)).allMatch(NormalizedPost::publishedAtFallback);
        assertThat(normalizer.normalize(raw("No date, not in a dump")).publishedAt()).isEqualTo(RECEIVED);
    }

    private static RawPost inDump(String postId, int position, String body) {
        return new RawPost(postId, "wire", postId.substring(5), SourceType.TEXT, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, body, Map.of(RawPost.ATTR_DUMP_POSITION, Integer.toString(position)));
    }

    /** Issue 12: the author signature, media type and edit time the readers found never reached the store. */
    @Test
    void authorMediaTypeEditTimeAndAnAssumedZoneReachThePost() {
        RawPost raw = new RawPost("tg:7", "tg", "7", SourceType.TELEGRAM, RECEIVED,
                Instant.parse("2025-03-03T09:00:00Z"), null, null, RawPost.TEXT_PLAIN, "Ferry timetable", Map.of(
                        RawPost.ATTR_AUTHOR, " Harbour\u0007 Desk ", RawPost.ATTR_MEDIA_TYPE, "photo",
                        RawPost.ATTR_EDITED_AT, "2025-03-03T15:00:00Z", RawPost.ATTR_ZONE_ASSUMED, "true"));

        NormalizedPost post = normalizer.normalize(raw);

        assertThat(post.author()).isEqualTo("Harbour Desk");
        assertThat(post.mediaType()).isEqualTo("photo");
        assertThat(post.editedAt()).isEqualTo(Instant.parse("2025-03-03T15:00:00Z"));
        assertThat(post.publishedAtZoneAssumed()).isTrue();

        NormalizedPost bare = normalizer.normalize(raw("Ferry timetable"));
        assertThat(bare.author()).isNull();
        assertThat(bare.mediaType()).isNull();
        assertThat(bare.editedAt()).isNull();
        assertThat(bare.publishedAtZoneAssumed()).isFalse();
    }

    @Test
    void aZoneAssumedForADateThatIsNotUsedIsNotFlaggedAndABadEditTimeIsNamed() {
        RawPost undated = new RawPost("tg:8", "tg", "8", SourceType.TELEGRAM, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, "Ferry timetable", Map.of(RawPost.ATTR_ZONE_ASSUMED, "true"));
        assertThat(normalizer.normalize(undated).publishedAtZoneAssumed()).isFalse();

        RawPost badEdit = new RawPost("tg:9", "tg", "9", SourceType.TELEGRAM, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, "Ferry timetable", Map.of(RawPost.ATTR_EDITED_AT, "yesterday"));
        assertThatThrownBy(() -> normalizer.normalize(badEdit)).isInstanceOf(InvalidPostException.class)
                .hasMessage("post tg:9: attribute editedAt is not an ISO-8601 instant: \"yesterday\"");
    }

    /**
     * A review (2026-12-06): an edit time of the year 10000 was normalized, judged by dedup, then refused by the store
     * (its dates lie in {@code InstantRange}): the post was stored nowhere, and a later post lost its paragraph to
     * it as published before. The normalizer refuses it, before dedup sees the post.
     */
    @Test
    void anEditTimeOutsideTheDatesThePipelineKeepsIsRefusedNamingIt() {
        // (a helper: 9999-12-31T23:59:59.999999999Z was taken, and read back from PostgreSQL as the year 10000)
        for (String time : List.of("+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z",
                "9999-12-31T23:59:59.999999500Z")) {
            RawPost raw = new RawPost("tg:10", "tg", "10", SourceType.TELEGRAM, RECEIVED, null, null, null,
                    RawPost.TEXT_PLAIN, "Ferry timetable", Map.of(RawPost.ATTR_EDITED_AT, time));
            assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(InvalidPostException.class)
                    .hasMessage("post tg:10: attribute editedAt " + time + " must lie from 0001-01-01T00:00:00Z to "
                            + "9999-12-31T23:59:59.999999Z");
            assertThat(PostNormalizer.attributeProblem(raw)).contains("post tg:10: attribute editedAt " + time
                    + " must lie from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
        RawPost edge = new RawPost("tg:11", "tg", "11", SourceType.TELEGRAM, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, "Ferry timetable", Map.of(RawPost.ATTR_EDITED_AT, "9999-12-31T23:59:59.999999Z"));
        assertThat(normalizer.normalize(edge).editedAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(PostNormalizer.attributeProblem(edge)).isEmpty();
    }

    /**
     * A review (2026-12-06): an author of 900,000 characters and a url of 950,000 were stored and listed whole. An
     * author or media type is cut as a title is; a url longer than {@code WebLinks.MAX_LENGTH} is no web link.
     */
    @Test
    void anAuthorIsCutAsATitleAndAnOverlongUrlIsDropped() {
        RawPost raw = new RawPost("tg:12", "tg", "12", SourceType.TELEGRAM, RECEIVED, null, null,
                "https://example.org/" + "a".repeat(WebLinks.MAX_LENGTH), RawPost.TEXT_PLAIN, "Ferry timetable",
                Map.of(RawPost.ATTR_AUTHOR, "Desk " + "b".repeat(900_000), RawPost.ATTR_MEDIA_TYPE,
                        "c".repeat(1_000)));

        NormalizedPost post = normalizer.normalize(raw);

        assertThat(post.author()).hasSize(Titles.MAX_CHARS).startsWith("Desk ").endsWith("…");
        // (a helper: an author of no-break spaces alone was kept)
        RawPost blank = new RawPost("tg:13", "tg", "13", SourceType.TELEGRAM, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, "Ferry timetable", Map.of(RawPost.ATTR_AUTHOR, "\u00a0\u00a0", RawPost.ATTR_MEDIA_TYPE,
                        "\u2800"));
        assertThat(normalizer.normalize(blank).author()).isNull();
        assertThat(normalizer.normalize(blank).mediaType()).isNull();
        assertThat(post.mediaType()).hasSize(Titles.MAX_CHARS).endsWith("…");
        assertThat(post.url()).isNull();
    }

    /**
     * A trial found a Russian post's {@code 📍 Куала-Лумпур, 28 июля 2024 года} stored as text, removed across posts
     * as published before, and the post dated on arrival; the channel writes the day first in English too.
     */
    @Test
    void aDatelineWithTheDayFirstInEnglishOrRussianIsADateline() {
        NormalizedPost russian = normalizer.normalize(raw("Переговоры министров\n📍 Куала-Лумпур, 28 июля 2024 года"));
        assertThat(russian.paragraphs().get(1).kind()).isEqualTo(ParagraphKind.DATELINE);
        assertThat(russian.dateline()).isEqualTo(new Dateline("Куала-Лумпур", LocalDate.of(2024, 7, 28)));
        assertThat(russian.publishedAt()).isEqualTo(Instant.parse("2024-07-28T00:00:00Z"));

        assertThat(normalizer.normalize(raw("Talks\n📍 Vientiane, 26 July 2024")).dateline())
                .isEqualTo(new Dateline("Vientiane", LocalDate.of(2024, 7, 26)));
        assertThat(normalizer.normalize(raw("Talks\n📍 Москва, 1 сентября 2025 г.")).dateline())
                .isEqualTo(new Dateline("Москва", LocalDate.of(2025, 9, 1)));
        assertThat(normalizer.normalize(raw("Talks\n📍 Москва, 3 Марта 2025")).dateline())
                .isEqualTo(new Dateline("Москва", LocalDate.of(2025, 3, 3)));
        assertThat(normalizer.normalize(raw("Talks\n📍 Port Elsin, march 3, 2025")).dateline())
                .isEqualTo(new Dateline("Port Elsin", LocalDate.of(2025, 3, 3)));

        NormalizedPost headline = normalizer.normalize(raw(
                "🎙 Выступление министра на переговорах (Вьентьян, 25 июля 2024 года)\nТекст"));
        assertThat(headline.publishedAt()).isEqualTo(Instant.parse("2024-07-25T00:00:00Z"));
        assertThat(headline.publishedAtDerived()).isTrue();

        assertThat(normalizer.normalize(raw("Talks\n📍 Москва, 30 февраля 2025 года")).dateline()).isNull();
        assertThat(normalizer.normalize(raw("Talks\n📍 Москва, 3 мартобря 2025")).dateline()).isNull();
        assertThat(normalizer.normalize(raw("Talks\n📍 Москва, 3 марта 2025 годы")).dateline()).isNull();
    }

    @Test
    void aNotQuiteDatelineStaysText() {
        assertThat(normalizer.normalize(raw("📍 Port Elsin, Smarch 3, 2025")).paragraphs().get(0).kind())
                .isEqualTo(ParagraphKind.TEXT);
        assertThat(normalizer.normalize(raw("📍 Port Elsin, February 30, 2025")).dateline()).isNull();
    }

    @Test
    void missingFieldsAndExceededLimitsAreNamed() {
        RawPost noBody = new RawPost("wire:3", "wire", "3", SourceType.HTTP, RECEIVED, null, null, null,
                RawPost.TEXT_PLAIN, null, Map.of());
        assertThatThrownBy(() -> normalizer.normalize(noBody))
                .isInstanceOf(InvalidPostException.class).hasMessage("post wire:3: body is required");

        PostNormalizer strict = new PostNormalizer(ParagraphRules.defaults(), new PostNormalizer.Limits(100, 2));
        assertThatThrownBy(() -> strict.normalize(raw("a\nb\nc")))
                .hasMessage("post wire:1: 3 paragraphs, more than the limit of 2");
        assertThatThrownBy(() -> strict.normalize(raw("x".repeat(101))))
                .hasMessage("post wire:1: body has 101 characters, more than the limit of 100");
    }

    /** Issue 10: the allowance is measured from the receipt, and a clamped post is flagged, not a fallback. */
    @Test
    void aPublicationTimeBeyondTheAllowanceIsClampedToTheReceiptAndFlagged() {
        RawPost far = dated(Instant.parse("9999-12-31T23:59:59Z"), "Headline");
        RawPost withinADay = dated(RECEIVED.plus(Duration.ofDays(1)), "Headline");
        RawPost justBeyond = dated(RECEIVED.plus(Duration.ofDays(1)).plusSeconds(1), "Headline");

        NormalizedPost clamped = normalizer.normalize(far);
        assertThat(clamped.publishedAt()).isEqualTo(RECEIVED);
        assertThat(clamped.publishedAtClamped()).isTrue();
        assertThat(clamped.publishedAtFallback()).isFalse();
        assertThat(normalizer.normalize(withinADay).publishedAt()).isEqualTo(RECEIVED.plus(Duration.ofDays(1)));
        assertThat(normalizer.normalize(withinADay).publishedAtClamped()).isFalse();
        assertThat(normalizer.normalize(justBeyond).publishedAt()).isEqualTo(RECEIVED);
        assertThat(normalizer.normalize(justBeyond).publishedAtClamped()).isTrue();
        assertThat(normalizer.normalize(raw("No date here")).publishedAtClamped()).isFalse();
    }

    /**
     * A date before year 1 (RFC 3339 writes years 0000–9999; PostgreSQL stored -5000 as {@code -infinity}, which
     * then broke the Atom feed and the listing's cursor) is clamped to the receipt time like a far-future one.
     */
    @Test
    void aPublicationTimeBeforeYearOneIsClampedToTheReceiptAndFlagged() {
        for (String ancient : List.of("-5000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                "0000-12-31T23:59:59.999Z")) {
            NormalizedPost clamped = normalizer.normalize(dated(Instant.parse(ancient), "Headline"));
            assertThat(clamped.publishedAt()).as(ancient).isEqualTo(RECEIVED);
            assertThat(clamped.publishedAtClamped()).as(ancient).isTrue();
            assertThat(clamped.publishedAtFallback()).as(ancient).isFalse();
        }
        NormalizedPost yearOne = normalizer.normalize(dated(Instant.parse("0001-01-01T00:00:00Z"), "Headline"));
        assertThat(yearOne.publishedAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(yearOne.publishedAtClamped()).isFalse();
    }

    @Test
    void aDatelineInTheFarFutureIsClampedLikeASourceDate() {
        NormalizedPost post = normalizer.normalize(raw("Headline\n📍 Port Elsin, March 3, 9999\nText"));

        assertThat(post.dateline()).isEqualTo(new Dateline("Port Elsin", LocalDate.of(9999, 3, 3)));
        assertThat(post.publishedAt()).isEqualTo(RECEIVED);
        assertThat(post.publishedAtClamped()).isTrue();
    }

    @Test
    void theAllowanceIsConfigurableAndAReceiptTimeInTheFutureIsCappedByTheClock() {
        Instant now = RECEIVED.plus(Duration.ofMinutes(5));
        PostNormalizer hourly = new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT,
                new PublicationTime(Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC)));

        assertThat(hourly.normalize(dated(RECEIVED.plus(Duration.ofMinutes(59)), "Soon")).publishedAtClamped())
                .isFalse();
        assertThat(hourly.normalize(dated(RECEIVED.plus(Duration.ofHours(2)), "Later")).publishedAt())
                .isEqualTo(RECEIVED);
        // a raw record that claims to come from the future is dated by the clock instead
        RawPost receivedInTheFuture = new RawPost("wire:5", "wire", "5", SourceType.HTTP,
                Instant.parse("9999-01-01T00:00:00Z"), Instant.parse("9999-01-01T00:00:00Z"), null, null,
                RawPost.TEXT_PLAIN, "Headline", Map.of());
        NormalizedPost capped = hourly.normalize(receivedInTheFuture);
        assertThat(capped.publishedAt()).isEqualTo(now);
        assertThat(capped.publishedAtClamped()).isTrue();
        // and so is its receipt (a review: dedup, which keeps a post at least the retention after its receipt, kept
        // one received "in year 9999" for good)
        assertThat(capped.receivedAt()).isEqualTo(now);
        assertThatThrownBy(() -> new PublicationTime(Duration.ofHours(-1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newsfeed.normalizer.future-allowance must not be negative, got PT-1H");
    }

    private static RawPost dated(Instant publishedAt, String body) {
        return new RawPost("wire:4", "wire", "4", SourceType.HTTP, RECEIVED, publishedAt, null, null,
                RawPost.TEXT_PLAIN, body, Map.of());
    }

    /**
     * The shapes that stalled or stopped the normalizer, all in one post of about 650,000 characters: a Forwarded
     * from line with 100,000 spaces in the name, a link text followed by 100,000 dots and em spaces, and a line of
     * 50,000 hashtags. It is normalized in well under the bound.
     */
    @Test
    void runsOfSpacesDotsAndTagsAreNormalizedQuickly() {
        StringBuilder tags = new StringBuilder("#t0");
        for (int i = 1; i < 50_000; i++) {
            tags.append(" #t").append(i);
        }
        String body = "Forwarded from Harbour" + " ".repeat(100_000) + "Desk\n"
                + "Talks resume on Monday\n"
                + "Read more" + ".\u2003".repeat(100_000) + " https://example.org/talks\n"
                + tags;

        NormalizedPost post = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> normalizer.normalize(raw(body)));

        assertThat(post.forwardedFrom()).isEqualTo("Harbour" + " ".repeat(100_000) + "Desk");
        assertThat(post.links()).containsExactly("https://example.org/talks");
        assertThat(post.paragraphs()).hasSize(2);
        assertThat(post.paragraphs().get(0)).isEqualTo(new Paragraph(0, "Talks resume on Monday", ParagraphKind.TEXT));
        assertThat(post.paragraphs().get(1).kind()).isEqualTo(ParagraphKind.HASHTAGS);
        assertThat(post.hashtags()).hasSize(50_000).startsWith("t0").endsWith("t49999");
    }

    /**
     * The title is the first paragraph or the source's title, capped: a one-paragraph post of 600,000 characters made
     * a normalized record holding its text twice. The paragraph keeps the whole text.
     */
    @Test
    void theTitleIsCappedAndTheParagraphKeepsTheWholeText() {
        String text = "The harbour board met again on Monday. ".repeat(15_000).strip();
        NormalizedPost post = normalizer.normalize(raw(text));
        assertThat(post.paragraphs()).containsExactly(new Paragraph(0, text, ParagraphKind.TEXT));
        assertThat(post.title()).isEqualTo(Titles.cap(text)).hasSizeLessThanOrEqualTo(Titles.MAX_CHARS)
                .startsWith("The harbour board met again on Monday.").endsWith("…");

        RawPost titled = new RawPost("wire:1", "wire", "1", SourceType.RSS, RECEIVED, null, "Long " + "title ".repeat(100),
                null, RawPost.TEXT_PLAIN, "Body", Map.of());
        assertThat(normalizer.normalize(titled).title()).hasSizeLessThanOrEqualTo(Titles.MAX_CHARS).startsWith("Long title")
                .endsWith("title…");
    }

    @Test
    void aForwardedHeaderPaddedByABrailleBlankNamesTheSameChannelWhateverFollowsIt() {
        // review 34b: VisibleText.strip removes U+2800 padding from a header that is a line or a block of its own, but
        // forwardedFrom strips with String.strip, so a header with the body in its block kept the padding
        for (String body : List.of("Forwarded from Harbour Desk\u2800\nBody line.\n\nSecond block.",
                "Forwarded from Harbour Desk\u2800\n\nBody line.\n\nSecond block.",
                "Forwarded from Harbour Desk\u2800\nBody line.\nSecond line.")) {
            assertThat(normalizer.normalize(raw(body)).forwardedFrom()).as(body).isEqualTo("Harbour Desk");
        }
    }

    @Test
    void aLinkTextLinePaddedByABrailleBlankIsDroppedInsideABlockToo() {
        // review 34b: "Read more\u2800" is link text as the last line of a block (the block's end is stripped) and as a
        // line of a post of lines, but not between two lines of a block: it stayed, and in the title
        NormalizedPost post = normalizer.normalize(raw("Body line.\nRead more\u2800\nTail line.\n\nNext block."));
        assertThat(post.paragraphs()).extracting(Paragraph::text).containsExactly("Body line.\nTail line.", "Next block.");
    }

    @Test
    void aZeroWidthSpaceLineAtAPostsEndLeavesAPostOfLinesInLines() {
        // review 34b: the U+2800 fix strips U+2800 off the text's ends, but a trailing line of a default-ignorable
        // character (U+200B, U+3164 HANGUL FILLER) is not stripped and counts as a blank line: one block
        for (String body : List.of("Headline\nFirst line.\nSecond line.\n\u200B",
                "Headline\nFirst line.\nSecond line.\n\n\u2800\u200B", "\u3164\nHeadline\nFirst line.\nSecond line.")) {
            NormalizedPost post = normalizer.normalize(raw(body));
            assertThat(post.paragraphs()).as(body).extracting(Paragraph::text)
                    .containsExactly("Headline", "First line.", "Second line.");
        }
    }
    /**
     * A review: a tag line written under the last sentence in the same block ({@code …shelters\n#news #Ukraine}, or in
     * HTML after a {@code <br>}) was part of the paragraph, and its tags words of the dedup key, so a repost of the
     * sentence alone was no copy; a dateline on the first line of a block was text, and the post had none. Each is a
     * paragraph of its kind now.
     */
    @Test
    void aDatelineFirstAndTagLinesLastInABlockAreParagraphsOfTheirOwn() {
        RawPost text = new RawPost("wire:1", "wire", "1", SourceType.HTTP, RECEIVED, null, null, null, null,
                "Alert in Kharkiv\n\n📍 Kyiv, July 25, 2024\nAir defence is working over the city, residents are "
                        + "asked to stay in shelters\n#news #Ukraine\n#Kharkiv", Map.of());
        NormalizedPost post = normalizer.normalize(text);
        assertThat(post.paragraphs()).extracting(Paragraph::text, Paragraph::kind).containsExactly(
                tuple("Alert in Kharkiv", ParagraphKind.TEXT),
                tuple("📍 Kyiv, July 25, 2024", ParagraphKind.DATELINE),
                tuple("Air defence is working over the city, residents are asked to stay in shelters",
                        ParagraphKind.TEXT),
                tuple("#news #Ukraine\n#Kharkiv", ParagraphKind.HASHTAGS));
        assertThat(post.dateline()).isNotNull();

        RawPost html = new RawPost("wire:2", "wire", "2", SourceType.HTTP, RECEIVED, null, null, null,
                RawPost.TEXT_HTML, "<p>Air defence shot down twelve drones</p><p>📍 Kyiv, July 25, 2024<br>Air "
                        + "defence shot down twelve drones overnight.<br>#Kyiv #news</p>", Map.of());
        assertThat(normalizer.normalize(html).paragraphs()).extracting(Paragraph::kind).containsExactly(
                ParagraphKind.TEXT, ParagraphKind.DATELINE, ParagraphKind.TEXT, ParagraphKind.HASHTAGS);
        // a third review: tags under a line that ends joined to them are its list ("regions:", "&"); not cut
        assertThat(ParagraphRules.withStandaloneLines("Air raid alert declared in the following regions:\n#Kharkiv"
                + " #Sumy")).containsExactly("Air raid alert declared in the following regions:\n#Kharkiv #Sumy");
        assertThat(ParagraphRules.withStandaloneLines("Alerts tonight in #Kharkiv &\n#Odesa")).hasSize(1);
        // a block of tags only stays one, and a block with no such line is not cut
        assertThat(ParagraphRules.withStandaloneLines("#a #b\n#c")).containsExactly("#a #b\n#c");
        assertThat(ParagraphRules.withStandaloneLines("One line\nand #another")).containsExactly("One line\nand #another");
    }
}
