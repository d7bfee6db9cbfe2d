package newsfeed.contracts.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * What counts as blank text, one rule for every service: a line, a paragraph, a title or a body is blank when it shows
 * nothing, that is, when each of its code points is Unicode {@code White_Space} (UCD PropList.txt: the ASCII spaces,
 * U+00A0 NO-BREAK SPACE, U+2007, U+202F, U+3000, …) or {@code Default_Ignorable_Code_Point} (UCD
 * DerivedCoreProperties.txt: U+200B ZERO WIDTH SPACE, joiners, soft hyphen, direction marks, variation selectors,
 * …), as ICU's {@code UCharacter.hasBinaryProperty} reports them. Java's {@code String.isBlank} and {@code strip}
 * know neither the no-break spaces nor the invisible characters, and HTML's {@code &nbsp;} becomes U+00A0. Text that
 * also holds U+2800 BRAILLE PATTERN BLANK shows nothing too, but is not blank ({@link #showsNothing}).
 *
 * <p>Stripping removes only {@code White_Space} (and U+2800, {@link #showsNothing}) at the ends: a default-ignorable
 * character inside non-blank text, a right-to-left mark at the start of a paragraph for one, is part of how the text
 * shows.
 */
public final class VisibleText {

    /** U+2800 BRAILLE PATTERN BLANK (Unicode chart "Braille Patterns", U+2800–U+28FF). */
    private static final int BRAILLE_PATTERN_BLANK = 0x2800;

    private VisibleText() {
    }

    /**
     * @param text any text, or null
     * @return whether it is null or shows nothing (only White_Space and Default_Ignorable_Code_Point code points)
     */
    public static boolean isBlank(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            if (!isSpace(c) && !isIgnorable(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * Whether text shows nothing, typed or not: it is {@linkplain #isBlank blank}, or its code points are blank ones
     * and U+2800 BRAILLE PATTERN BLANK, the braille cell without dots that Telegram authors type for an empty line
     * (the app removes empty lines). U+2800 is a symbol (So), neither White_Space nor Default_Ignorable, so a blank
     * line it is not: the layout of a text, blank-line blocks or lines, is decided by its blank lines alone, and a
     * line of U+2800 in one post of a dump of lines leaves the dump in lines. Inside a line it is text, the space
     * between braille words.
     *
     * @param text any text, or null
     * @return whether it is null or shows nothing (only White_Space, Default_Ignorable_Code_Point and U+2800 code
     *         points)
     */
    public static boolean showsNothing(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            if (c != BRAILLE_PATTERN_BLANK && !isSpace(c) && !isIgnorable(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * @param text any text
     * @return empty when the text {@linkplain #showsNothing shows nothing}, else the text without White_Space and
     *         U+2800 BRAILLE PATTERN BLANK code points at either end (padding, as typed; a text of lines padded by
     *         U+2800 lines and a blank line keeps its layout) — the same instance when there are none
     */
    public static String strip(String text) {
        if (showsNothing(text)) {
            return "";
        }
        int start = 0;
        int end = text.length();
        while (start < end && isPadding(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isPadding(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    private static boolean isPadding(int c) {
        return c == BRAILLE_PATTERN_BLANK || isSpace(c);
    }

    /**
     * @param c a code point
     * @return whether it is Unicode {@code White_Space} (UCD PropList.txt): the space between words, as typed or as
     *         HTML's {@code &nbsp;} left it, and line ends; the one rule for callers that split text into words
     */
    public static boolean isSpace(int c) {
        // the ASCII letters, digits and punctuation that most text is made of answer at once
        return c > ' ' && c < 0x7F ? false : UCharacter.hasBinaryProperty(c, UProperty.WHITE_SPACE);
    }

    private static boolean isIgnorable(int c) {
        return c >= ' ' && c < 0x7F ? false : UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }
}
