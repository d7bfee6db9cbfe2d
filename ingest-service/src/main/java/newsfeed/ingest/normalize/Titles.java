package newsfeed.ingest.normalize;

import com.ibm.icu.text.BreakIterator;

/**
 * The title of a normalized post, capped: the one place its length is decided. A title is the source's own or the
 * first paragraph (DESIGN §4), and a post can be one paragraph of 600 KB: uncapped, the normalized record held that
 * text twice and went over the producer's record limit. A headline is read at a glance, so {@value #MAX_CHARS}
 * characters are plenty; the full text stays in the paragraphs.
 */
public final class Titles {

    /** Longest title, in UTF-16 code units (the unit of {@code max-body-chars}), the ellipsis included. */
    public static final int MAX_CHARS = 300;

    /** What a cut title ends with. */
    static final String ELLIPSIS = "…";

    /**
     * A cut at white space is preferred when it keeps at least this share of {@link #MAX_CHARS}; a longer last word
     * (a URL, a run of tags, a language written without spaces) is cut between two grapheme clusters instead.
     */
    private static final int MIN_WORD_CUT = MAX_CHARS / 2;

    private Titles() {
    }

    /**
     * @param text a title candidate, cleaned and stripped
     * @return {@code text} if it has at most {@link #MAX_CHARS} characters; else its longest prefix that ends at
     *         white space (when that keeps at least half of the limit) or else between two grapheme clusters (never
     *         inside a surrogate pair, a combining sequence or an emoji sequence), stripped, followed by {@code …},
     *         {@link #MAX_CHARS} characters at most in all
     */
    public static String cap(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int limit = MAX_CHARS - ELLIPSIS.length();
        for (int cut = limit; cut >= MIN_WORD_CUT; cut--) {
            if (Character.isWhitespace(text.charAt(cut))) {
                String prefix = text.substring(0, cut).strip();
                if (prefix.length() >= MIN_WORD_CUT) {
                    return prefix + ELLIPSIS;
                }
            }
        }
        return text.substring(0, graphemeBoundary(text, limit)).strip() + ELLIPSIS;
    }

    /**
     * The last grapheme-cluster boundary at or before {@code limit}; if the first cluster is longer than that (a
     * letter with hundreds of combining marks), the last code-point boundary. Only the characters up to
     * {@code limit} and the one after it decide, so the cost does not grow with the text.
     */
    private static int graphemeBoundary(String text, int limit) {
        int end = Math.min(text.length(), limit + 2);
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text.substring(0, end));
        int boundary = clusters.isBoundary(limit) ? limit : clusters.preceding(limit);
        if (boundary > 0) {
            return boundary;
        }
        return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
    }
}
