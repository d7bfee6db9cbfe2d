package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    private static List<String> paragraphs(String html) {
        return List.of(HtmlText.toText(html).split("\n\n"));
    }

    /**
     * A review: an HTML body and a saved {@code t.me/s} page of the same message gave other paragraphs, the body's
     * {@code <br>} a paragraph break and the page's a line break, so the later was not found a repost. A {@code <br>}
     * is a line break; the text's rule then cuts paragraphs at blank lines ({@code <br><br>}, blocks) when there is
     * one, else at lines.
     */
    @Test
    void aLineBreakIsALineBreak() {
        String message = "<b>Power outages extended in Kyiv region</b><br/><br/>Grid operator Ukrenergo said scheduled "
                + "outages will last until Sunday.<br/>Hospitals remain connected to backup generators.<br/><br/>"
                + "Residents are asked to limit the use of heaters.";
        assertThat(Paragraphs.split(HtmlText.toText(message))).containsExactly(
                "Power outages extended in Kyiv region",
                "Grid operator Ukrenergo said scheduled outages will last until Sunday.\n"
                        + "Hospitals remain connected to backup generators.",
                "Residents are asked to limit the use of heaters.");
        assertThat(Paragraphs.split(HtmlText.toText("One<br>Two<br/>Three"))).containsExactly("One", "Two", "Three");
        assertThat(Paragraphs.split(HtmlText.toText("<p>One</p><br><p>Two</p>"))).containsExactly("One", "Two");
    }

    /**
     * A review: every cell of a table was a paragraph of its own, so a row was cut into words ("Brill", "85", "Yes"),
     * and a cell that repeated an earlier one ("85", "Yes") was removed as a repeat within the post: the post showed
     * Brill without its values. A row is one paragraph, its cells separated by {@code |}.
     */
    @Test
    void aTableRowIsOneParagraph() {
        assertThat(paragraphs("<p>Rainfall by town overnight:</p><table><tr><th>Town</th><th>Rain (mm)</th>"
                + "<th>Power cut</th></tr><tr><td>Kirkby</td><td>85</td><td>Yes</td></tr><tr><td> Ashford </td>"
                + "<td></td><td>No</td></tr><tr><td>Brill</td><td>85</td><td>Yes</td></tr></table><p>Polling:</p>"))
                .containsExactly("Rainfall by town overnight:", "Town | Rain (mm) | Power cut", "Kirkby | 85 | Yes",
                        "Ashford | No", "Brill | 85 | Yes", "Polling:");
        // a cell's own blocks still break it, as the cell's text would otherwise run into them
        assertThat(paragraphs("<table><tr><td><p>One</p><p>Two</p></td><td>Three</td></tr></table>"))
                .containsExactly("One", "Two", "Three");
        // a third review: a row of empty cells made a paragraph "|", and an icon's cell a "| " before the text
        assertThat(paragraphs("<table><tr><td></td><td> </td></tr><tr><td><img src=\"icon.png\"></td><td>Polling "
                + "stations closed.</td></tr><tr><td></td><td>85</td><td>Yes</td></tr></table><p>After.</p>"))
                .containsExactly("Polling stations closed.", "85 | Yes", "After.");
    }

    /**
     * A review: {@code 10<sup>6</sup> tonnes} read {@code 106 tonnes}, another number. Digits and signs in a
     * {@code <sup>} are written in Unicode's superscript forms; other text as it is. A {@code <sub>} is written as it
     * is: PostgreSQL's search drops subscript digits, so {@code CO₂} was not found as {@code CO2} (a helper's review).
     */
    @Test
    void superscriptDigitsKeepTheirPlace() {
        assertThat(HtmlText.toText("<p>Output rose to 10<sup>6</sup> tonnes, or 2.5 × 10<sup>−3</sup> of the total."
                + "</p>")).isEqualTo("Output rose to 10⁶ tonnes, or 2.5 × 10⁻³ of the total.");
        assertThat(HtmlText.toText("<p>Water (H<sub>2</sub>O) and CO<sub>2</sub> levels</p>"))
                .isEqualTo("Water (H2O) and CO2 levels");
        // a footnote mark, often a link to the note, and a list of them
        assertThat(HtmlText.toText("<p>The council said so<sup><a href=\"#fn1\">1</a></sup>.</p>"))
                .isEqualTo("The council said so¹.");
        assertThat(HtmlText.toText("<p>as reported<sup>2, 4–6</sup> and denied<sup>1,3</sup></p>"))
                .isEqualTo("as reported², ⁴–⁶ and denied¹,³");
        // letters are no digits: an ordinal reads as written, and so does a sup inside it
        assertThat(HtmlText.toText("<p>the 5<sup>th</sup> round and note<sup>[a]</sup> and x<sup>n<sup>2</sup></sup>"
                + "</p>")).isEqualTo("the 5th round and note[a] and xn2");
    }

    /**
     * A fragment alone is a place in the same text (a footnote), no link: resolved against a feed's address it named
     * the feed file (a helper's review), and the normalizer drops it as it is.
     */
    @Test
    void hrefsResolveAgainstTheBaseGivenAndStayAsWrittenWithout() {
        String html = "<p>Map <a href=\"../maps/quay.png\">here</a>, <a href=\"https://other.example/a\">there</a>"
                + ", <a href=\"a b\">broken</a>, <a href=\"#top\">top</a>. <a href=\"?p=9\">Read more</a></p>";

        HtmlText.Read resolved = HtmlText.read(html, ParagraphRules.defaults(), "https://news.example/2024/q.html");
        assertThat(resolved.links()).containsExactly("https://news.example/maps/quay.png", "https://other.example/a",
                "https://news.example/2024/a%20b", "#top", "https://news.example/2024/q.html?p=9");
        assertThat(resolved.text()).isEqualTo("Map here, there, broken, top. Read more "
                + "https://news.example/2024/q.html?p=9");

        HtmlText.Read asWritten = HtmlText.read(html, ParagraphRules.defaults(), null);
        assertThat(asWritten.links()).containsExactly("../maps/quay.png", "https://other.example/a", "a b", "#top",
                "?p=9");
        assertThat(asWritten.text()).isEqualTo("Map here, there, broken, top. Read more");
        // a base that is no web address is none
        assertThat(HtmlText.read(html, null, "javascript:alert(1)//").links()).isEqualTo(asWritten.links());

        assertThat(HtmlText.hasRelativeLinks(html)).isTrue();
        // a helper's review: the attribute's name in capitals was missed, and the link dropped
        assertThat(HtmlText.hasRelativeLinks("<P>See <A HREF=\"/2024/q.html\">this</A></P>")).isTrue();
        assertThat(HtmlText.hasRelativeLinks("<p><a href=\"#fn1\">1</a> <a href=\" https://x.example/\">x</a> "
                + "<a href=\"a\\b\">y</a> <a href=\"\">z</a> <a name=\"top\">t</a> href</p>")).isFalse();
    }

    /**
     * An {@code href} with a character {@link java.net.URI} refuses and browsers take (a space, {@code |}, braces, a
     * lone {@code %}) was no link: dropped from the post's links, and the item carried no base for it. It is taken
     * percent-encoded, as browsers take it (UriReferences.parseAsBrowsers).
     */
    @Test
    void aRelativeHrefWithCharactersBrowsersTakeIsALink() {
        String html = "<p><a href=\"/search?q=port strike\">Search</a>, <a href=\"/tags/a|b\">tags</a>, "
                + "<a href=\"/{id}/50%\">odd</a>, <a href=\"/x#a#b\">twice</a></p>";

        assertThat(HtmlText.hasRelativeLinks(html)).isTrue();
        assertThat(HtmlText.read(html, ParagraphRules.defaults(), "https://news.example/2024/q.html").links())
                .containsExactly("https://news.example/search?q=port%20strike", "https://news.example/tags/a%7Cb",
                        "https://news.example/%7Bid%7D/50%25", "https://news.example/x#a%23b");
        // a link wrapped over lines is one link, as in a browser; a network path whose host is no host is none (a
        // helper's review: https://exa%20mple.com/)
        String odd = "<p><a href=\"/2024/\nlong story.html\">wrapped</a> <a href=\"//exa mple.com/\">x</a></p>";
        assertThat(HtmlText.read(odd, ParagraphRules.defaults(), "https://news.example/2024/q.html").links())
                .containsExactly("https://news.example/2024/long%20story.html", "//exa mple.com/");
        // an absolute one too, with or without a base (a helper's trial: dropped, and its "Read more" left in the text)
        String absolute = "<p>The council met. <a href=\"https://news.example/council meeting.html\">Read more</a>"
                + "</p><p><a href=\"https://news.example/x?q={a}|b\">b</a></p>";
        for (String base : java.util.Arrays.asList("https://news.example/", null)) {
            HtmlText.Read read = HtmlText.read(absolute, ParagraphRules.defaults(), base);
            assertThat(read.links()).as(base).containsExactly("https://news.example/council%20meeting.html",
                    "https://news.example/x?q=%7Ba%7D%7Cb");
            assertThat(read.text()).as(base).isEqualTo("The council met. Read more "
                    + "https://news.example/council%20meeting.html\n\nb");
        }
    }

    /**
     * A helper's review: whether a {@code <sup>}'s text takes superscript forms was decided again for each of its text
     * nodes, from its whole text: 45 s for a footnote of 40,000 bold digits, 108 s for a {@code <sup>} left open
     * before 700,000 characters of a Telegram-style body. Decided once, each takes well under a second.
     */
    @Test
    void aLargeSuperscriptIsReadInLinearTime() {
        String footnote = "<p>Note<sup>" + "<b>1</b>".repeat(40_000) + "</sup></p>";
        String read = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> HtmlText.toText(footnote));
        assertThat(read).isEqualTo("Note" + "¹".repeat(40_000));
        String unclosed = "Breaking<sup>1 " + "word <b>bold</b> <a href=\"https://example.org/a\">link</a><br>"
                .repeat(13_333);
        String body = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> HtmlText.toText(unclosed));
        assertThat(body).startsWith("Breaking1 word bold link\nword bold link").endsWith("word bold link");
    }

    /** Many lines each closed by a link-text anchor: its URL written after each in one pass, not an insert for each. */
    @Test
    void manyLinesClosedByLinkTextAnchorsTakeLinearTime() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            html.append("Item ").append(i).append(". <a href=\"https://x.example/").append(i).append("\">Read more</a><br>");
        }
        HtmlText.Read read = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> HtmlText.read(html.toString(), ParagraphRules.defaults()));
        assertThat(read.text().lines().limit(2)).containsExactly("Item 0. Read more https://x.example/0",
                "Item 1. Read more https://x.example/1");
        assertThat(read.text().lines()).hasSize(30_000);
    }

    /**
     * A review: a {@code <pre>} list ran into one line. Its line breaks stay, and (a helper's trial: indentation and
     * aligned columns were collapsed) its spaces and tabs as written.
     */
    @Test
    void aPreformattedBlockKeepsItsLinesAndSpaces() {
        assertThat(HtmlText.toText("<p>Departures:</p><pre>08:15  Kirkby\r\n09:40  Ashford\n\n11:05  Brill</pre>"
                + "<p>After.</p>")).isEqualTo("Departures:\n\n08:15  Kirkby\n09:40  Ashford\n\n11:05  Brill\n\nAfter.");
        assertThat(HtmlText.toText("<pre>code   line 1\n  indented line 2\n\tand a tab</pre>"))
                .isEqualTo("code   line 1\n  indented line 2\n\tand a tab");
        // HTML that holds the private-use characters marking them while the text is built, as written or as
        // character references (a helper's review: they became spaces and tabs): kept, and the <pre> collapsed
        assertThat(HtmlText.toText("<pre>a  b\uE000</pre>")).isEqualTo("a b\uE000");
        assertThat(HtmlText.toText("<p>Icon &#xE000; here</p><p>A&#57344;B&#xE001;C</p><pre>x  y</pre>"))
                .isEqualTo("Icon \uE000 here\n\nA\uE000B\uE001C\n\nx y");
        // a lone CR ends a line too (a feed's text reaches this without TextCleaner's CR LF rule)
        assertThat(HtmlText.toText("<pre>a\rb\r\nc</pre>")).isEqualTo("a\nb\nc");
        // outside a <pre>, a line break in the source is a space, as a browser shows it
        assertThat(HtmlText.toText("<p>One\ntwo</p>")).isEqualTo("One two");
    }
}
