package newsfeed.contracts.text;

import com.ibm.icu.text.Normalizer2;
import java.util.regex.Pattern;

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
 *   <li>A trailing run of hashtags is dropped when text precedes it: channels tag the same paragraph
 *       differently. A line of hashtags only keeps them, so different tag lines stay different.</li>
 * </ol>
 * Digits are kept as they are: {@code July 25} and {@code July 26} are different facts.
 */
public final class ParagraphKey {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Pattern QUOTES = Pattern.compile("[\"'`´‘’‚‛‹›“”„‟«»′″‵‶〝〞〟]");
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\u2E3A\\u2E3B]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u0085]+");
    private static final Pattern LEADING_SYMBOLS = Pattern.compile("^[\\p{So}\\p{Sk}\\p{Me}\\p{Mn}\\p{Cn} ]+");
    private static final Pattern TRAILING_HASHTAGS = Pattern.compile("(?: #[\\p{L}\\p{N}_]+)+$");
    private static final String ELLIPSIS = "...";

    private ParagraphKey() {
    }

    /**
     * @param text a paragraph as stored (any normalization form)
     * @return its key; empty when the paragraph holds only symbols and whitespace
     */
    public static String of(String text) {
        String key = NFKC_CASEFOLD.normalize(text);
        key = QUOTES.matcher(key).replaceAll("\"");
        key = DASHES.matcher(key).replaceAll("-");
        key = WHITESPACE.matcher(key).replaceAll(" ").strip();
        key = LEADING_SYMBOLS.matcher(key).replaceFirst("");
        String untagged = TRAILING_HASHTAGS.matcher(key).replaceFirst("");
        if (!untagged.isBlank() && !untagged.startsWith("#")) {
            key = untagged;
        }
        return key.strip();
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
