package newsfeed.ingest.normalize;

import java.text.Normalizer;
import newsfeed.contracts.text.Noncharacters;

/**
 * Makes decoded text faithful and uniform before it is split (DESIGN §4): line breaks become LF and U+2029 a blank
 * line; control characters other than LF and TAB, U+FEFF, unpaired surrogates and the {@link Noncharacters} (U+FFFE,
 * U+FFFF, …), which XML 1.0 output such as Atom cannot carry, are removed; the result is in Unicode NFC.
 *
 * <p>The line breaks are the mandatory breaks of Unicode's line breaking algorithm (UAX #14, classes BK, CR, LF and
 * NL): CRLF, CR, LF, NEL (U+0085), VT (U+000B), FF (U+000C), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
 * (U+2029). They are decided here, in {@link #isLineBreak}, for every kind of text, so that a control character
 * that ends a line is never deleted (a form feed between two lines of a Telegram message glued them into one).
 * PARAGRAPH SEPARATOR ends a paragraph (The Unicode Standard §5.8, "Newline Guidelines"), the others a line. In
 * HTML, {@link HtmlText} applies HTML's own white space first: a form feed is white space there (WHATWG HTML
 * "ASCII whitespace") and collapses as a browser shows it.
 *
 * <p>Deliberately not done: NFKC, quote folding, emoji-joiner stripping. Those belong to the dedup key only, never
 * to stored text.
 */
public final class TextCleaner {

    private TextCleaner() {
    }

    /**
     * @param text decoded text, any line-break convention
     * @return the cleaned text in NFC; never null
     */
    public static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\u2029') {
                out.append("\n\n");
            } else if (isLineBreak(c)) {
                out.append('\n');
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    char low = text.charAt(++i);
                    if (!Noncharacters.isNoncharacter(Character.toCodePoint(c, low))) {
                        out.append(c).append(low);
                    }
                }
            } else if (Character.isLowSurrogate(c) || c == '\uFEFF' || isDroppedControl(c)
                    || Noncharacters.isNoncharacter(c)) {
                continue;
            } else {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /**
     * Whether a character ends a line: LF, CR, NEL, VT, FF, U+2028 or U+2029 (UAX #14 classes BK, CR, LF, NL). CR
     * followed by LF is one break; U+2029 ends a paragraph.
     */
    public static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }

    private static boolean isDroppedControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t';
    }
}
