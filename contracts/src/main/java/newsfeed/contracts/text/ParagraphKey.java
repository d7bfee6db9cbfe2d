package newsfeed.contracts.text;

import com.ibm.icu.text.Normalizer2;

/**
 * The dedup key of a paragraph (DESIGN §5): the form in which two paragraphs that a reader would call "the same"
 * are equal. Ingest uses it to see where a dump's posts repeat, dedup to decide what to remove. The key is never
 * stored or shown.
 *
 * <p>Rules, in order, and why:
 * <ol>
 *   <li>Unicode NFKC_Casefold (UAX #44, via ICU's {@code Normalizer2.getNFKCCasefoldInstance()}): compatibility
 *       forms (full-width letters, NBSP, narrow NBSP, {@code …} → {@code ...}), composed vs decomposed accents
 *       (NFD input), and case all compare equal; it also removes default-ignorable code points, i.e. zero-width
 *       spaces and joiners, soft hyphens, U+FEFF and emoji variation selectors, which copy-paste adds and
 *       removes at will.</li>
 *   <li>Quotation marks of every style fold to {@code "}, dashes and minus signs to {@code -}: typographers and
 *       editors swap them without changing the text.</li>
 *   <li>Every run of whitespace (spaces, tabs, newlines, any Unicode space) becomes one space, ends trimmed:
 *       re-wrapping is not an edit.</li>
 *   <li>Leading emoji and symbols are dropped: channels decorate the same paragraph differently.</li>
 *   <li>A trailing run of hashtags is dropped when it stands apart from the text before it, after a punctuation
 *       mark that ends a sentence's part or a symbol ({@code … today. #news #war}, {@code … today 🔥 #news}): channels
 *       tag the same paragraph differently. Tags right after a word, a comma or a colon are words of the sentence
 *       and stay ({@code heard in #Kharkiv}, {@code in #Kharkiv, #Odesa}, a review: dropped,
 *       {@code … heard in #Odesa} had the same key, and the later post's news was removed as a copy). A
 *       line of hashtags only keeps them, so different tag lines stay different. A tag is {@code #} and a name of
 *       {@link #isTagChar} characters with at least one letter ({@link #tagNameEnd}): {@code #1} is no tag, and
 *       {@code at #1} and {@code at #7} differ.</li>
 * </ol>
 * Digits are kept as they are: {@code July 25} and {@code July 26} are different facts.
 *
 * <p>After the normalization, the rules are applied in one pass over the characters and two short scans at the ends,
 * in linear time: every paragraph of every post goes through here, in ingest and in dedup.
 */
public final class ParagraphKey {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    /** Quotation marks that fold to {@code "}. */
    private static final String QUOTES = "\"'`\u00B4\u2018\u2019\u201A\u201B\u2039\u203A\u201C\u201D\u201E\u201F\u00AB\u00BB"
            + "\u2032\u2033\u2035\u2036\u301D\u301E\u301F";
    private static final String ELLIPSIS = "...";

    /**
     * Shortest truncated-preview stem, in key characters, that may stand for a complete paragraph (DESIGN §5): shorter
     * stems ("The minister said…") begin too many paragraphs to tell which one they preview.
     */
    public static final int MIN_PREVIEW_STEM = 30;

    /**
     * The characters of a hashtag's name as a regular expression's character class, brackets included (alone, or
     * inside another class), for the expressions that find tags in text: the same set as {@link #isTagChar}.
     */
    public static final String TAG_CHARS = "[\\p{L}\\p{Mn}\\p{Mc}\\p{N}_"
            + "&&[^\\u034F\\u17B4\\u17B5\\u180B-\\u180F\\uFE00-\\uFE0F\\x{E0100}-\\x{E01EF}]]";

    /** A character of a tag's name, or a zero-width joiner or non-joiner between two ({@link #tagNameEnd}). */
    private static final String NAME_CHAR = "(?:" + TAG_CHARS + "|(?<=" + TAG_CHARS + ")[\\u200C\\u200D](?="
            + TAG_CHARS + "))";

    /**
     * A tag's name, after its {@code #}, as a regular expression: the same rule as {@link #tagNameEnd}, for tests that
     * check a scan against it. Not for text of any length: {@code java.util.regex} recurses once per character of a
     * repeated group with alternatives, and a name of 800 characters overflowed a 512 KiB thread stack (a review).
     */
    public static final String TAG_NAME = NAME_CHAR + "*\\p{L}" + NAME_CHAR + "*";

    private ParagraphKey() {
    }

    /**
     * @param text a paragraph as stored (any normalization form)
     * @return its key; empty when the paragraph holds only symbols and whitespace
     */
    public static String of(String text) {
        String normalized = NFKC_CASEFOLD.normalize(text);
        StringBuilder folded = new StringBuilder(normalized.length());
        boolean inSpace = false;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (isSpace(c)) {
                if (!inSpace) {
                    folded.append(' ');
                    inSpace = true;
                }
                continue;
            }
            inSpace = false;
            folded.append(fold(c));
        }
        String key = folded.toString().strip();
        key = key.substring(leadingSymbols(key));
        int tags = appendedHashtags(key);
        if (tags < key.length()) {
            String untagged = key.substring(0, tags);
            if (!untagged.isBlank() && !untagged.startsWith("#")) {
                key = untagged;
            }
        }
        return key.strip();
    }

    /** Rule 2 for one character: quotation marks to {@code "}, dashes and minus signs to {@code -}. */
    private static char fold(char c) {
        if (c < 0x80) {
            // most characters: spare them the scan of QUOTES, whose ASCII members are these three
            return c == '\'' || c == '`' ? '"' : c;
        }
        return QUOTES.indexOf(c) >= 0 ? '"' : isDash(c) ? '-' : c;
    }

        /** White space as the rule means it: {@code \\s} (ASCII), Unicode separators (Zs, Zl, Zp) and NEL. */
    private static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        if (c == '\u0085') {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Dashes and minus signs that fold to {@code -}: U+2010–U+2015, U+2212, U+FE58, U+FE63, U+2E3A, U+2E3B. */
    private static boolean isDash(char c) {
        return (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\uFE58' || c == '\uFE63' || c == '\u2E3A'
                || c == '\u2E3B';
    }

    /** Where the leading run of symbols, marks, unassigned code points and spaces ends. */
    private static int leadingSymbols(String key) {
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            int type = Character.getType(cp);
            if (cp != ' ' && type != Character.OTHER_SYMBOL && type != Character.MODIFIER_SYMBOL
                    && type != Character.ENCLOSING_MARK && type != Character.NON_SPACING_MARK
                    && type != Character.UNASSIGNED) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * Where the trailing run of tags that stands apart from the text begins (rule 5): the first of the key's last
     * {@code " #name"} tokens that follows a character that ends a sentence's part (a full stop, a bracket, a quote, a
     * symbol; not a word's character, nor one that joins a list or a sentence, {@link #joinsAList}: {@code in
     * #Kharkiv, #Odesa}, {@code in #Kharkiv & #Odesa}), every token after it being one too and one of them at least
     * a tag (a name with a letter, so {@code #news #2024} goes, {@code one. #1} stays); the key's length when there is
     * none. Keys hold no zero-width
     * joiner (NFKC_Casefold removes them), so a name here is {@link #isTagChar} characters.
     */
    private static int appendedHashtags(String key) {
        int apart = key.length();
        int end = key.length();
        boolean tagAfter = false;
        while (true) {
            int i = end;
            while (i > 0 && isTagChar(key.codePointBefore(i))) {
                int cp = key.codePointBefore(i);
                tagAfter |= Character.isLetter(cp);
                i -= Character.charCount(cp);
            }
            if (i == end || i < 3 || key.charAt(i - 1) != '#' || key.charAt(i - 2) != ' ') {
                return apart;
            }
            end = i - 2;
            if (tagAfter && setsTagsApart(key.codePointBefore(end))) {
                apart = end;
            }
        }
    }

    /** Whether tags after this character stand apart from the text: it is no word's and joins no list. */
    private static boolean setsTagsApart(int cp) {
        return !isTagChar(cp) && !joinsAList(cp);
    }

    /**
     * Whether a character joins what follows it to what precedes it, as in a list or a sentence that goes on: a comma,
     * colon or semicolon (also {@code 、 ، ؛}), {@code &}, {@code /}, {@code +}, a dash or minus sign. Tags after one
     * are part of the text ({@code in #Kharkiv & #Odesa}, {@code regions:} and tags on the next line): the key keeps
     * them, and the normalizer does not cut a tag line from a line that ends with one.
     */
    public static boolean joinsAList(int cp) {
        return cp == ',' || cp == ':' || cp == ';' || cp == '&' || cp == '/' || cp == '+' || cp == '-'
                || cp == '\u3001' || cp == '\u060C' || cp == '\u061B' || cp < 0x10000 && isDash((char) cp);
    }

    /**
     * Where the name of a tag ends (UAX #31's identifier characters, as {@link #isTagChar} takes them, and a zero-width
     * non-joiner or joiner between two of them: Persian writes {@code #آتش‌سوزی} with one), if it has a letter.
     *
     * @param text where the tag is
     * @param from the index just after its {@code #}
     * @return the index after the name's last character; -1 when no name begins at {@code from} or it has no letter
     *     ({@code #1}, {@code #2024} are numbers, not tags)
     */
    public static int tagNameEnd(CharSequence text, int from) {
        int i = from;
        boolean letter = false;
        while (i < text.length()) {
            int cp = Character.codePointAt(text, i);
            if (isTagChar(cp)) {
                letter |= Character.isLetter(cp);
                i += Character.charCount(cp);
            } else if ((cp == '\u200C' || cp == '\u200D') && i > from && i + 1 < text.length()
                    && isTagChar(Character.codePointAt(text, i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return letter ? i : -1;
    }

    /**
     * Whether a code point may be part of a hashtag's name: letters, combining marks (Mn, Mc), numbers and {@code _},
     * {@link #TAG_CHARS} of a regular expression. The marks are those that UAX #31 (Unicode Identifiers) lets continue
     * an identifier: Devanagari, Thai and other scripts write vowels and viramas with them, and a tag cut at its first
     * mark ({@code #नमस्ते} read as {@code नमस}) is another word. Not the marks that are default-ignorable (Unicode's
     * DerivedCoreProperties): the variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, which belong to the emoji
     * before them ({@code ⚡️#срочно} is a tag), the combining grapheme joiner U+034F, U+17B4–U+17B5 and
     * U+180B–U+180F. Nor enclosing marks (Me): {@code #} with U+20E3 is the keycap emoji. The one definition for the
     * key's trailing tags and the normalizer's tags and tag lines.
     */
    public static boolean isTagChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || type == Character.COMBINING_SPACING_MARK
                || type == Character.NON_SPACING_MARK && !isDefaultIgnorableMark(cp);
    }

    /** The default-ignorable code points of category Mn, as {@link #TAG_CHARS} excludes them. */
    private static boolean isDefaultIgnorableMark(int cp) {
        return cp == 0x034F || cp == 0x17B4 || cp == 0x17B5 || cp >= 0x180B && cp <= 0x180F
                || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    /**
     * Whether a key is a truncated preview: it ends with an ellipsis that is not an inline elision marker such as
     * {@code <...>} or {@code [...]}.
     */
    public static boolean isTruncated(String key) {
        if (!key.endsWith(ELLIPSIS) || key.length() == ELLIPSIS.length()) {
            return false;
        }
        char before = key.charAt(key.length() - ELLIPSIS.length() - 1);
        return before != '<' && before != '[' && before != '(';
    }

    /** The key of a truncated preview without its ellipsis (and the space before it); other keys unchanged. */
    public static String truncationStem(String key) {
        return isTruncated(key) ? key.substring(0, key.length() - ELLIPSIS.length()).strip() : key;
    }

    /**
     * Whether {@code preview} is a truncated copy of {@code complete}: {@code preview} is truncated, its stem has at
     * least {@code minStemLength} characters, and {@code complete} starts with that stem and is longer.
     */
    public static boolean isPreviewOf(String preview, String complete, int minStemLength) {
        if (!isTruncated(preview)) {
            return false;
        }
        String stem = truncationStem(preview);
        return stem.length() >= minStemLength && complete.length() > stem.length() && complete.startsWith(stem)
                && !complete.equals(preview);
    }
}
