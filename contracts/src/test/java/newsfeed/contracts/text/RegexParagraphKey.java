package newsfeed.contracts.text;

import com.ibm.icu.text.Normalizer2;
import java.util.regex.Pattern;

/**
 * The regular-expression implementation of {@link ParagraphKey#of} as it was first written, with the trailing tags of
 * its rule 5 as amended (a run set apart by punctuation or a symbol, names with a letter): the oracle the single-pass
 * implementation is tested against ({@code ParagraphKeyTest}).
 */
final class RegexParagraphKey {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Pattern QUOTES = Pattern.compile("[\"'`´‘’‚‛‹›“”„‟«»′″‵‶〝〞〟]");
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\u2E3A\\u2E3B]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u0085]+");
    private static final Pattern LEADING_SYMBOLS = Pattern.compile("^[\\p{So}\\p{Sk}\\p{Me}\\p{Mn}\\p{Cn} ]+");
    private static final String TAG_CHAR = "[\\p{L}\\p{Mn}\\p{Mc}\\p{N}_]";
    /**
     * Names at the end, one a tag (with a letter), after a character of no word that joins no list: a run set apart
     * from the text.
     */
    private static final Pattern TRAILING_HASHTAGS = Pattern.compile("(?<=[^\\p{L}\\p{Mn}\\p{Mc}\\p{N}_ ,:;、،؛&/+"
            + "\\-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\u2E3A\\u2E3B])(?: #" + TAG_CHAR + "+)*(?: #" + TAG_CHAR
            + "*\\p{L}" + TAG_CHAR + "*)(?: #" + TAG_CHAR + "+)*$");

    private RegexParagraphKey() {
    }

    /**
     * @param text a paragraph as stored (any normalization form)
     * @return its key; empty when the paragraph holds only symbols and whitespace
     */
    static String of(String text) {
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
}
