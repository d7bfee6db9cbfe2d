package newsfeed.store.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import newsfeed.contracts.api.ApiError;

/**
 * What a search ({@code q} of {@code GET /api/posts}) may be, checked before PostgreSQL runs it: the one rule of the
 * read API's search. PostgreSQL reads {@code q} with {@code websearch_to_tsquery} (words, {@code "phrases"},
 * {@code or}, {@code -word}) and ranks every match with {@code ts_rank_cd}, whose cost grows with the number of terms
 * times the size of each matching post.
 * <ul>
 *   <li>At most {@value #MAX_TERMS} terms (words and quoted phrases, {@code or} not counted): a trial's query of 500
 *       negated words ran 11.8 s over 63 posts, about 170 ms a post, and kept running after the client left.</li>
 *   <li>At least one term that is not excluded ({@code -word}): a query of exclusions only matches nearly every post
 *       and ranks them all, and ranks them as equals.</li>
 * </ul>
 * A query that passes and still runs past {@code newsfeed.store.api.query-timeout} is stopped by PostgreSQL
 * ({@code PostQueries.QueryTooSlowException}). A query of stop words only is refused after PostgreSQL has read it
 * ({@code PostQueries.searchable}), since which words the index drops is the text-search configuration's.
 */
final class SearchQuery {

    /** A term as {@code websearch_to_tsquery} reads one: a quoted phrase (excluded or not), or a word. */
    private static final Pattern TERM = Pattern.compile("-?\"[^\"]*\"?|[^\\s\"]+");

    /** Most terms a search may have. */
    static final int MAX_TERMS = 32;

    private SearchQuery() {
    }

    /**
     * @param q the search as given (NFC)
     * @throws BadParameterException naming {@code q}, when it has more than {@value #MAX_TERMS} terms or only
     *                               exclusions
     */
    static void check(String q) {
        String[] terms = TERM.matcher(q).results().map(MatchResult::group)
                .filter(term -> !term.toLowerCase(Locale.ROOT).equals("or"))
                .toArray(String[]::new);
        if (terms.length > MAX_TERMS) {
            throw new BadParameterException("q", "has " + terms.length + " terms, more than " + MAX_TERMS
                    + ": a search is ranked term by term over every post it matches; narrow it to its telling words");
        }
        if (terms.length > 0 && Arrays.stream(terms).allMatch(term -> term.startsWith("-"))) {
            throw new BadParameterException("q", "only excludes words (-word), got " + ApiError.quote(q)
                    + ": name a word to find too");
        }
    }
}
