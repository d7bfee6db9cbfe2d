package newsfeed.contracts.text;

import com.ibm.icu.text.Normalizer2;

/**
 * When two hashtags are one: equal after Unicode NFKC_Casefold (UAX #44, ICU's
 * {@code Normalizer2.getNFKCCasefoldInstance()}), which folds case beyond lower-casing ({@code #Straße},
 * {@code #STRASSE} and {@code #strasse} are one; {@code #ΟΔΟΣ} and {@code #οδος}; not Turkish:
 * {@code #İstanbul} keeps its dot), compatibility forms ({@code #ＮＬＣ}, full-width, is {@code #nlc}) and removes default-ignorable
 * code points. The one rule of ingest, which keeps a post's first spelling of each tag, and of the store, which finds
 * posts by tag in any of its spellings. Thread-safe.
 */
public final class Hashtags {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private Hashtags() {
    }

    /**
     * @param tag a hashtag without its {@code #}
     * @return the tag's folded form, the same for every spelling of one tag
     */
    public static String fold(String tag) {
        return NFKC_CASEFOLD.normalize(tag);
    }
}
