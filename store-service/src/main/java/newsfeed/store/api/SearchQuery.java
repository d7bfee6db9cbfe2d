package newsfeed.store.api;

import java.nio.charset.StandardCharsets;
import newsfeed.contracts.api.ApiError;
import newsfeed.store.db.PostQueries;

/**
 * What a search ({@code q} of {@code GET /api/posts}) may be: the one rule of the read API's search, judged on the
 * query as PostgreSQL reads it ({@code websearch_to_tsquery} with the {@code russian} configuration,
 * {@link PostQueries#parse}), not on its text, since PostgreSQL splits words at punctuation ({@code -w0,-w1} is two
 * exclusions) and drops stop words. Every match is ranked ({@code ts_rank_cd}), at a cost that grows with the query's
 * size times each matching post's.
 * <ul>
 *   <li>No word longer than {@value #MAX_WORD_BYTES} bytes, which PostgreSQL leaves out of the index and the search:
 *       a query of one such word was told it held only stop words, and a longer query ignored it (a trial).</li>
 *   <li>At least one word the index keeps: a query of stop words ({@code the}, {@code и}) or punctuation only is
 *       empty, and matched nothing, answered as an empty page (a trial).</li>
 *   <li>At most {@value #MAX_NODES} words and operators, as PostgreSQL counts them ({@code numnode}: a hyphenated
 *       word is its whole and its parts joined by two operators, {@code северо-запад} 5; an exclusion is 2 with the
 *       operator that joins it), room for about 32 words of any kind: a trial's query of 500 negated words ran 11.8 s
 *       over 63 posts, about 170 ms a post, and kept running after the client left.</li>
 *   <li>A part that an index can look up ({@code querytree} is not {@code T}): a query of exclusions only
 *       ({@code -harbour}), or one that joins an exclusion with {@code or} ({@code ferry or -harbour}), matches nearly
 *       every post and ranks them all.</li>
 * </ul>
 * A query that passes and still runs past {@code newsfeed.store.api.query-timeout} is stopped by PostgreSQL
 * ({@link PostQueries.QueryTooSlowException}).
 */
final class SearchQuery {

    /** Most words and operators (PostgreSQL's {@code numnode}) a search may have: about 32 words of any kind. */
    static final int MAX_NODES = 160;

    /**
     * Longest word PostgreSQL's full-text search indexes, in bytes: a lexeme must be less than 2 kilobytes
     * (PostgreSQL manual §12.11, Limitations); its parser skips a longer token (a word, a host name, a path, a URL:
     * {@link PostQueries.ParsedQuery#longest}), in stored text and in a query alike.
     */
    static final int MAX_WORD_BYTES = 2047;

    private SearchQuery() {
    }

    /**
     * @param q      the search as given (NFC)
     * @param parsed how PostgreSQL reads it
     * @throws BadParameterException naming {@code q}, for each rule above
     */
    static void check(String q, PostQueries.ParsedQuery parsed) {
        if (parsed.longest() != null) {
            int bytes = parsed.longest().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_WORD_BYTES) {
                throw new BadParameterException("q", "holds a word of " + bytes + " bytes, "
                        + ApiError.quote(parsed.longest()) + ", longer than the " + MAX_WORD_BYTES + " bytes of a word"
                        + " PostgreSQL's full-text search indexes: it is left out of every post's index and of the "
                        + "search, so no post is found by it");
            }
        }
        if (parsed.nodes() == 0) {
            throw new BadParameterException("q", "holds no word the search index keeps, got " + ApiError.quote(q)
                    + ": words as common as \"the\" or \"и\" (stop words) and punctuation are left out of the index;"
                    + " name a less common word");
        }
        if (parsed.nodes() > MAX_NODES) {
            throw new BadParameterException("q", "is read as " + parsed.nodes() + " words and operators, more than "
                    + MAX_NODES + " (a hyphenated word counts its parts, an exclusion its operators): a search is "
                    + "ranked term by term over every post it matches; narrow it to its telling words");
        }
        if (!parsed.indexable()) {
            throw new BadParameterException("q", "would match nearly every post, got " + ApiError.quote(q) + ": it "
                    + "only excludes words (-word), or joins an exclusion with or, once stop words (the, и) are left "
                    + "out; name a word every result holds");
        }
    }
}
