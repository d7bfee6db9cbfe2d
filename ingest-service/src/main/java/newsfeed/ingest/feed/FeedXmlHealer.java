package newsfeed.ingest.feed;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.ingest.normalize.TextCleaner;
import newsfeed.ingest.normalize.TextBytes;
import org.jsoup.nodes.Entities;

/**
 * Repairs the faults of real feeds that make a conforming XML parser give up, before the document is parsed. Each
 * change keeps the meaning the producer evidently intended; text inside {@code <![CDATA[…]]>}, comments and
 * processing instructions is left as it is (except for characters XML forbids everywhere).
 *
 * <ul>
 *   <li>Anything before the first {@code <} (whitespace, a second BOM) is dropped: XML 1.0 §2.8 allows nothing
 *       before the XML declaration.</li>
 *   <li>The document type declaration is removed. Feeds use it only to name the RSS 0.91 DTD, which is never
 *       fetched (no network access while parsing, no entity expansion: no XXE).</li>
 *   <li>HTML named entities, which XML does not define without a DTD ({@code &nbsp;}, {@code &mdash;},
 *       {@code &eacute;}, the full HTML5 list), become numeric character references, so they are decoded exactly
 *       once, by the parser. {@code &amp; &lt; &gt; &quot; &apos;} are kept.</li>
 *   <li>An {@code &} that starts no reference ({@code AT&T}, {@code &unknown;}) is escaped to {@code &amp;}: it is
 *       text.</li>
 *   <li>Numeric references to C1 controls ({@code &#146;}) become the windows-1252 characters they stand for
 *       ({@code ’}), as in HTML; references to characters XML 1.0 §2.2 forbids ({@code &#0;}, {@code &#x1B;}) are
 *       removed, as are such characters themselves (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF), except
 *       the forbidden ones that end a line ({@link TextCleaner#isLineBreak}: vertical tab and form feed), which become
 *       a line feed, so that the lines they separate stay apart.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class FeedXmlHealer {

    private static final String DOCTYPE = "<!DOCTYPE";
    private static final Pattern REFERENCE = Pattern.compile("&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,40}));");

    private FeedXmlHealer() {
    }

    /** @return the document, parseable by a non-validating XML parser unless its markup itself is broken */
    public static String heal(String xml) {
        int start = xml.indexOf('<');
        String text = start > 0 ? xml.substring(start) : xml;
        text = withoutDoctype(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int end = verbatimEnd(text, i);
                if (end > i) {
                    appendAllowed(out, text, i, end);
                    i = end;
                    continue;
                }
                out.append(c);
                i++;
            } else if (c == '&') {
                i = reference(text, i, out);
            } else {
                appendAllowed(out, c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The text without its first document type declaration: {@code <!DOCTYPE} in any case, then characters other than
     * {@code [} and {@code >} and bracketed internal subsets {@code [...]} (which may hold {@code >}), then {@code >};
     * a {@code <!DOCTYPE} that no such declaration follows stays, and the next one is tried. The expression
     * {@code <!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>} said so, but java.util.regex matched it with a recursion per character
     * and overflowed the stack on a few thousand; this scan removes the same declaration in linear time. A candidate
     * that reaches a position, inside or outside brackets, that a failed candidate reached goes on as that one did and
     * fails too, so no position is scanned twice in the same state.
     */
    static String withoutDoctype(String text) {
        BitSet failedOutside = new BitSet();
        BitSet failedInside = new BitSet();
        for (int start = text.indexOf('<'); start >= 0; start = text.indexOf('<', start + 1)) {
            if (!text.regionMatches(true, start, DOCTYPE, 0, DOCTYPE.length())) {
                continue;
            }
            boolean inside = false;
            for (int i = start + DOCTYPE.length(); i < text.length(); i++) {
                BitSet failed = inside ? failedInside : failedOutside;
                if (failed.get(i)) {
                    break;
                }
                failed.set(i);
                char c = text.charAt(i);
                if (inside) {
                    inside = c != ']';
                } else if (c == '>') {
                    return text.substring(0, start) + text.substring(i + 1);
                } else {
                    inside = c == '[';
                }
            }
        }
        return text;
    }

    /** The end of a CDATA section, comment or processing instruction starting at {@code i}, or {@code i}. */
    private static int verbatimEnd(String text, int i) {
        String[][] sections = {{"<![CDATA[", "]]>"}, {"<!--", "-->"}, {"<?", "?>"}};
        for (String[] section : sections) {
            if (text.startsWith(section[0], i)) {
                int close = text.indexOf(section[1], i + section[0].length());
                return close < 0 ? text.length() : close + section[1].length();
            }
        }
        return i;
    }

    private static int reference(String text, int i, StringBuilder out) {
        Matcher m = REFERENCE.matcher(text).region(i, Math.min(text.length(), i + 64));
        if (!m.lookingAt()) {
            out.append("&amp;");
            return i + 1;
        }
        if (m.group(3) != null) {
            String name = m.group(3);
            if (name.equals("amp") || name.equals("lt") || name.equals("gt") || name.equals("quot")
                    || name.equals("apos")) {
                out.append(m.group());
            } else if (Entities.isNamedEntity(name)) {
                int[] codepoints = new int[2];
                int count = Entities.codepointsForName(name, codepoints);
                for (int k = 0; k < count; k++) {
                    out.append("&#").append(codepoints[k]).append(';');
                }
            } else {
                out.append("&amp;").append(name).append(';');
            }
            return m.end();
        }
        long codepoint;
        try {
            codepoint = m.group(1) != null ? Long.parseLong(m.group(1)) : Long.parseLong(m.group(2), 16);
        } catch (NumberFormatException e) {
            codepoint = -1;
        }
        if (codepoint >= 0x80 && codepoint <= 0x9F) {
            char mapped = TextBytes.windows1252((byte) codepoint);
            if (mapped != 0) {
                out.append("&#").append((int) mapped).append(';');
            }
        } else if (isAllowedCodepoint(codepoint)) {
            out.append(m.group());
        } else if (codepoint <= Character.MAX_VALUE && TextCleaner.isLineBreak((char) codepoint)) {
            out.append("&#10;");
        }
        return m.end();
    }

    private static void appendAllowed(StringBuilder out, String text, int from, int to) {
        for (int k = from; k < to; k++) {
            appendAllowed(out, text.charAt(k));
        }
    }

    /** The character if XML allows it, else a line feed for a line break, else nothing. */
    private static void appendAllowed(StringBuilder out, char c) {
        if (isAllowed(c)) {
            out.append(c);
        } else if (TextCleaner.isLineBreak(c)) {
            out.append('\n');
        }
    }

    /** XML 1.0 §2.2 Char, for one UTF-16 unit (surrogates pass: strict decoding leaves only paired ones). */
    private static boolean isAllowed(char c) {
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isAllowedCodepoint(long c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
