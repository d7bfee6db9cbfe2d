package newsfeed.ingest.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import newsfeed.contracts.text.VisibleText;
import newsfeed.contracts.text.WebLinks;
import newsfeed.ingest.net.UriReferences;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML → plain text with jsoup (DESIGN §4): entities are decoded once, by the parser; block elements become paragraph
 * breaks (a blank line), but for a table's cells: a row is one paragraph, the texts of its cells separated by
 * {@code " | "} (a cell that shows no text leaves no mark); a {@code <br>} is a line break, so that the text's own rule
 * applies ({@code Paragraphs.split}: paragraphs at blank lines when there is one, else at lines) and
 * {@code <br><br>} is a blank line, as a saved {@code t.me/s} page reads them (a review: the same message as an HTML
 * body and as such a page became two paragraphs and one, and was not found a repost); runs of whitespace inside text
 * collapse as a browser shows them, but for a {@code <pre>}'s line breaks and spaces, which stay as written (a
 * review: a preformatted list ran into one line; a helper's trial: its indentation and aligned columns were lost).
 * A {@code <sup>} of digits and signs is written in Unicode's superscript forms
 * ({@code 10<sup>6</sup>} is {@code 10⁶}, a footnote mark {@code word¹}, {@code word¹,³}): as plain text,
 * {@code 10<sup>6</sup> tonnes} read {@code 106 tonnes} (a review). Any other text in it ({@code 5<sup>th</sup>}),
 * and a {@code <sub>}'s, is written as it is: {@code CO<sub>2</sub>} is {@code CO2}, as PostgreSQL's search parser
 * drops subscript digits, so that a search for {@code CO2} found nothing (a helper's review); it drops superscripts
 * too, so {@code 10⁶} is found as {@code 10}. Scripts and styles are dropped. The targets of its links
 * ({@code <a href>}) are read too: in text they would be lost, a "Read in full" anchor's URL with them.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /**
     * HTML read as text and links.
     *
     * @param text  the text, paragraphs separated by a blank line, trimmed
     * @param links the {@code href} of each {@code <a>} in document order, each once: resolved against the base
     *              given ({@link #read(String, ParagraphRules, String)}), else as written (relative ones too); an
     *              absolute one that is a URI only as browsers read it, encoded ({@link UriReferences#parseAsBrowsers})
     */
    public record Read(String text, List<String> links) {
    }

    /** @return the text of {@link #read} */
    public static String toText(String html) {
        return read(html).text();
    }

    /** @param html an HTML fragment or document */
    public static Read read(String html) {
        return read(html, null);
    }

    /**
     * Like {@link #read(String)}, and an anchor that the text's own rule would cut as link text closing its line, were
     * its URL written after it, is written so: {@code … four. <a href="https://…">Read more</a>} reads
     * {@code … four. Read more https://…}, which the normalizer cuts to {@code … four.} as it cuts the plain-text form
     * {@code … four. Read more: https://…} (a helper's trial found the HTML form kept "Read more"). The anchor's text
     * is link text ({@link ParagraphRules#isLinkText}), its {@code href} an absolute http(s) URL, it is in no table
     * cell, and {@link ParagraphRules#linkTextStart} finds link text on its line with the URL: else (inside a sentence,
     * {@code the <a>full text</a> of the law}) it is written as its text alone, and its URL goes to the links only (a
     * helper's review: the URL written whenever nothing followed the anchor stayed in the text after {@code to read
     * more}).
     *
     * @param rules the normalizer's link texts; null for none
     */
    public static Read read(String html, ParagraphRules rules) {
        return read(html, rules, null);
    }

    /**
     * Like {@link #read(String, ParagraphRules)}, with each {@code href} resolved against {@code base} by RFC 3986
     * §5.2 ({@link UriReferences}), so that a relative link of a feed's HTML is kept, and a link-text anchor's
     * relative URL written after it as an absolute one is; an {@code href} is read as browsers read it
     * ({@link UriReferences#parseAsBrowsers}), and one that is no URI reference even so is taken as written.
     *
     * @param base an absolute URL ({@link newsfeed.contracts.RawPost#ATTR_CONTENT_BASE}), or null: every relative
     *             {@code href} as written; one that is no absolute web address is taken as none
     */
    public static Read read(String html, ParagraphRules rules, String base) {
        URI against = baseOrNull(base);
        Element body = Jsoup.parseBodyFragment(html).body();
        // the text as decoded: a character reference (&#xE000;) is the character too (a helper's review)
        String decoded = body.wholeText();
        boolean keepPreSpaces = decoded.indexOf(PRE_SPACE) < 0 && decoded.indexOf(PRE_TAB) < 0;
        // where a link-text anchor's text ends in the output, and its URL, in document order
        List<Integer> anchorEnds = new ArrayList<>();
        List<String> anchorUrls = new ArrayList<>();
        Set<String> links = new LinkedHashSet<>();
        for (Element anchor : body.select("a[href]")) {
            String href = resolved(anchor.attr("href").strip(), against);
            if (!href.isEmpty()) {
                links.add(href);
            }
        }
        body.select("script, style, noscript, template").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            /** Whether the row has shown text, and whether the cell begun since owes it a separator before its own. */
            private boolean rowShown;
            private boolean separatorOwed;
            /**
             * The outermost {@code <sup>} being read, and whether its text is written in superscript forms: decided
             * once for it, as its text taken again for each of its text nodes took quadratic time (a helper's review:
             * 45 s for a footnote of 40,000 bold digits, 108 s for an unclosed {@code <sup>} before 700,000
             * characters).
             */
            private Element superscript;
            private boolean superscriptForms;
            /** How many {@code <pre>} elements the node is in: counted, not looked up for each text node. */
            private int preformatted;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element element && element.nameIs("pre")) {
                    preformatted++;
                } else if (node instanceof Element element && element.nameIs("sup") && superscript == null) {
                    superscript = element;
                    superscriptForms = isSuperscript(element.text());
                }
                if (node instanceof TextNode text) {
                    String shown = text.getWholeText();
                    if (separatorOwed && !shown.isBlank()) {
                        // between the texts of two cells; none for a cell that shows nothing (a third review: an
                        // empty row became a paragraph "|", an icon's cell a "| " before the text)
                        int end = out.length();
                        if (end > 0 && out.charAt(end - 1) != '\n') {
                            out.append(out.charAt(end - 1) == ' ' ? "| " : " | ");
                        }
                        separatorOwed = false;
                    }
                    rowShown |= !shown.isBlank();
                    if (superscript != null && superscriptForms) {
                        shown = toSuperscript(shown);
                    }
                    appendCollapsed(out, shown, preformatted > 0, keepPreSpaces);
                } else if (node instanceof Element element && element.nameIs("tr")) {
                    rowShown = false;
                    separatorOwed = false;
                    out.append("\n\n");
                } else if (node instanceof Element element && isCell(element)) {
                    separatorOwed = rowShown;
                } else if (node instanceof Element element && element.nameIs("br")) {
                    out.append('\n');
                } else if (node instanceof Element element && element.isBlock()) {
                    out.append("\n\n");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (rules != null && node instanceof Element element && element.nameIs("a")) {
                    String href = resolved(element.attr("href").strip(), against);
                    if ((href.startsWith("http://") || href.startsWith("https://")) && rules.isLinkText(element.text())
                            && element.closest("td, th") == null) {
                        anchorEnds.add(out.length());
                        anchorUrls.add(href);
                    }
                }
                if (node instanceof Element element && element.isBlock() && !isCell(element)) {
                    out.append("\n\n");
                }
                if (node instanceof Element element && element.nameIs("pre")) {
                    preformatted--;
                } else if (node == superscript) {
                    superscript = null;
                }
            }
        }, body);
        // one pass, not an insert for each anchor: a body of many lines each closed by such an anchor would take
        // quadratic time (the README: every rule is linear in the text)
        StringBuilder withUrls = anchorEnds.isEmpty() ? out : new StringBuilder(out.length() + 64);
        int copied = 0;
        for (int i = 0; i < anchorEnds.size(); i++) {
            int end = anchorEnds.get(i);
            String written = " " + anchorUrls.get(i);
            if (endsItsLine(out, end) && rules.linkTextStart(lineWith(out, end, written)) >= 0) {
                withUrls.append(out, copied, end).append(written);
                copied = end;
            }
        }
        if (withUrls != out) {
            withUrls.append(out, copied, out.length());
        }
        String text = withUrls.toString().replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("\\n{3,}", "\n\n");
        if (keepPreSpaces) {
            text = text.replace(PRE_SPACE, ' ').replace(PRE_TAB, '\t');
        }
        return new Read(text.strip(), List.copyOf(links));
    }

    /**
     * A {@code <pre>}'s space and tab while the text is built: private-use characters, used only when the text holds
     * none of them, as written or as character references (else a {@code <pre>}'s spaces collapse as other text's
     * do).
     */
    private static final char PRE_SPACE = '\uE000';
    private static final char PRE_TAB = '\uE001';

    /** The line of {@code text} holding {@code at}, with {@code inserted} at {@code at}, its spaces collapsed, stripped. */
    private static String lineWith(CharSequence text, int at, String inserted) {
        int start = at;
        while (start > 0 && text.charAt(start - 1) != '\n') {
            start--;
        }
        int end = at;
        while (end < text.length() && text.charAt(end) != '\n') {
            end++;
        }
        String line = text.subSequence(start, at) + inserted + text.subSequence(at, end);
        return VisibleText.strip(line.replace(PRE_SPACE, ' ').replace(PRE_TAB, ' '));
    }

    /** Whether no letter or digit follows {@code from} on its line. */
    private static boolean endsItsLine(CharSequence text, int from) {
        for (int i = from; i < text.length() && text.charAt(i) != '\n'; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A table's cell: the row is the paragraph, so that a row's values stay together, and a cell is no block. */
    private static boolean isCell(Element element) {
        return element.nameIs("td") || element.nameIs("th");
    }

    /** What a {@code <sup>} may hold to be written in superscript forms: these, and {@link #KEPT_IN_SUPERSCRIPT}. */
    private static final String SUPERSCRIPT_CHARACTERS = "0123456789+-−=()";
    /** The superscript forms of {@link #SUPERSCRIPT_CHARACTERS} (Unicode's Superscripts and Subscripts, Latin-1). */
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾";
    /** What such a {@code <sup>} may hold as it is, having no superscript form: {@code word<sup>1, 3–5</sup>}. */
    private static final String KEPT_IN_SUPERSCRIPT = " ,.–";

    /** Whether a {@code <sup>}'s text can be written in superscript forms: digits and signs, a list of them. */
    private static boolean isSuperscript(String text) {
        return text.chars().anyMatch(c -> SUPERSCRIPT_CHARACTERS.indexOf(c) >= 0) && text.chars().allMatch(c ->
                SUPERSCRIPT_CHARACTERS.indexOf(c) >= 0 || KEPT_IN_SUPERSCRIPT.indexOf(c) >= 0);
    }

    private static String toSuperscript(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            int at = SUPERSCRIPT_CHARACTERS.indexOf(text.charAt(i));
            out.append(at >= 0 ? SUPERSCRIPTS.charAt(at) : text.charAt(i));
        }
        return out.toString();
    }

    /**
     * Appends text with its runs of white space collapsed to one space; in a {@code <pre>}, a line break stays, and so
     * do its spaces and tabs when {@code keepSpaces} (written as {@link #PRE_SPACE} and {@link #PRE_TAB}, which the
     * final clean-up of spaces around line breaks leaves alone).
     */
    private static void appendCollapsed(StringBuilder out, String text, boolean preformatted, boolean keepSpaces) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
            if (preformatted && (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                // a line ends at LF, CR LF or a lone CR
                out.append('\n');
            } else if (preformatted && keepSpaces && (c == ' ' || c == '\t')) {
                out.append(c == ' ' ? PRE_SPACE : PRE_TAB);
            } else if (!space) {
                out.append(c);
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                out.append(' ');
            }
        }
    }

    /** An attribute named href, in any case (jsoup reads {@code HREF} as {@code href}). */
    private static final Pattern HREF = Pattern.compile("href", Pattern.CASE_INSENSITIVE);

    /**
     * Whether an {@code href} of the HTML needs a base to be a link: {@link #read(String, ParagraphRules, String)}
     * resolves it then. Only then does a feed item carry one ({@link newsfeed.contracts.RawPost#ATTR_CONTENT_BASE}),
     * as the base is part of what a feed remembers of the item, and the address of a document fetched through a
     * changing redirect, or pushed under its subscription's address, would otherwise make every item look changed
     * (a helper's review).
     *
     * @param html an HTML fragment or document
     */
    public static boolean hasRelativeLinks(String html) {
        if (!HREF.matcher(html).find()) {
            return false;
        }
        for (Element anchor : Jsoup.parseBodyFragment(html).body().select("a[href]")) {
            if (relativeOrNull(anchor.attr("href").strip()) != null) {
                return true;
            }
        }
        return false;
    }

    private static URI baseOrNull(String base) {
        if (base == null || !WebLinks.isWeb(base)) {
            return null;
        }
        try {
            return new URI(base.strip());
        } catch (URISyntaxException e) {
            return null; // WebLinks is the broader check (an IDN host with a space in its path): hrefs as written
        }
    }

    private static String resolved(String href, URI base) {
        URI target = base == null ? null : UriReferences.resolveOrNull(base, relativeOrNull(href));
        if (target != null) {
            return target.toString();
        }
        // an absolute link that is a URI only as browsers read it is taken so, as a relative one is (a helper's
        // trial: https://…/council meeting.html was dropped, and its "Read more" stayed in the text)
        URI asBrowsers = UriReferences.parseAsBrowsers(href);
        return asBrowsers != null && asBrowsers.isAbsolute() ? asBrowsers.toString() : href;
    }

    /**
     * A reference that names another resource relative to the page: not empty, not a fragment alone ({@code #fn1}, a
     * footnote of the same text: resolved against the feed's address it named the feed file, a helper's review), not
     * absolute, and a URI; else null.
     */
    private static URI relativeOrNull(String href) {
        if (href.isEmpty() || href.startsWith("#")) {
            return null;
        }
        URI uri = UriReferences.parseAsBrowsers(href);
        return uri == null || uri.isAbsolute() ? null : uri;
    }
}
