package newsfeed.ingest.normalize;

import java.text.Normalizer;
import newsfeed.contracts.text.Noncharacters;

/**
 * Makes decoded text faithful and uniform before it is split (DESIGN §4): line breaks (CRLF, CR, U+2028) become LF and
 * U+2029 a blank line; control characters other than LF and TAB, U+FEFF, unpaired surrogates and the
 * {@link Noncharacters} (U+FFFE, U+FFFF, …), which XML 1.0 output such as Atom cannot carry, are removed; the result
 * is in Unicode NFC.
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
            } else if (c == '\u2028') {
                out.append('\n');
            } else if (c == '\u2029') {
                out.append("\n\n");
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

    private static boolean isDroppedControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t';
    }
}
