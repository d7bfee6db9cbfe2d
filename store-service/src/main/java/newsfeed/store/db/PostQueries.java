package newsfeed.store.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import newsfeed.contracts.Dateline;
import newsfeed.contracts.text.Hashtags;
import newsfeed.store.api.PostViews;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads stored posts for the API. */
@ApplicationScoped
public class PostQueries {

    /** SQLSTATE of a statement cancelled, by its timeout among others (PostgreSQL manual, Appendix A). */
    private static final String QUERY_CANCELED = "57014";

    private static final String SUMMARY_COLUMNS = """
            p.post_id, p.source, p.title, p.url, p.published_at, p.published_at_fallback, p.published_at_clamped,
            p.published_at_derived, p.published_at_zone_assumed, p.author, p.media_type, p.edited_at,
            p.received_at, p.stored_at, p.revised_at, p.status,
            p.duplicate_of, p.revision, p.hashtags, p.dateline_place, p.dateline_date, p.forwarded_from, p.event_id,
            p.body, p.story_id,
            (SELECT count(*) FROM paragraph g WHERE g.post_id = p.post_id AND g.kept) AS kept_count,
            (SELECT count(*) FROM paragraph g WHERE g.post_id = p.post_id AND NOT g.kept) AS removed_count
            """;

    @Inject
    DataSource dataSource;

    /**
     * How long PostgreSQL may run a listing or search before it stops it ({@code newsfeed.store.api.query-timeout},
     * whole seconds, at least 1): a search is ranked over every post it matches, so one can take seconds to minutes,
     * and a client that leaves does not stop it.
     */
    @ConfigProperty(name = "newsfeed.store.api.query-timeout", defaultValue = "5s")
    Duration queryTimeout;

    /** A listing PostgreSQL stopped at {@code newsfeed.store.api.query-timeout} (SQLSTATE 57014). */
    public static final class QueryTooSlowException extends RuntimeException {
        private final Duration timeout;

        QueryTooSlowException(Duration timeout, SQLException cause) {
            super("the listing ran past newsfeed.store.api.query-timeout (" + timeout.toSeconds() + " s)", cause);
            this.timeout = timeout;
        }

        /** The timeout it ran past. */
        public Duration timeout() {
            return timeout;
        }
    }

    /**
     * A search as PostgreSQL reads it ({@code websearch_to_tsquery('russian', q)}).
     *
     * @param nodes     words and operators in it ({@code numnode}): 0 when it holds no word the index keeps (stop
     *                  words and punctuation only)
     * @param indexable whether a part of it can be looked up in an index ({@code querytree} is not {@code T}): not
     *                  when it only excludes words, or joins an exclusion with {@code or}
     * @param longest   its longest token as PostgreSQL's parser splits it ({@code ts_parse} of the {@code default}
     *                  parser, which the {@code russian} configuration uses; spaces aside), or null when it has none:
     *                  a word, a host name, a path or a URL, each one token
     */
    public record ParsedQuery(int nodes, boolean indexable, String longest) {
    }

    /** The {@code default} parser's token type of spaces and other symbols ({@code ts_token_type('default')}). */
    private static final int BLANK_TOKEN = 12;

    /**
     * How PostgreSQL reads a search (PostgreSQL manual §12.4.2, §12.4.2.1: {@code numnode}, {@code querytree}).
     *
     * @param query a web-search query, as {@link Filter#query()}
     */
    public ParsedQuery parse(String query) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT numnode(t), querytree(t), (SELECT token FROM ts_parse('default', ?) WHERE tokid <> "
                                + BLANK_TOKEN + " ORDER BY octet_length(token) DESC LIMIT 1)"
                                + " FROM websearch_to_tsquery('russian', ?) AS t")) {
            statement.setString(1, query);
            statement.setString(2, query);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new ParsedQuery(rs.getInt(1), !"T".equals(rs.getString(2)), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a search: " + e.getMessage(), e);
        }
    }

    /**
     * Keyset position in a listing: after the row with this rank (when the listing is ranked by a search), publication
     * time and postId.
     */
    public record Cursor(Float rank, Instant publishedAt, String postId) {
    }

    /**
     * What to list; every part optional.
     *
     * @param source only posts of this source
     * @param tag    only posts with this hashtag (without {@code #}, any case)
     * @param query  only posts matching this web-search query ({@code websearch_to_tsquery}: words, "phrases",
     *               {@code or}, {@code -word}), English and Russian stemmed; then ranked by relevance
     * @param since  only posts published at or after this instant
     * @param until  only posts published before this instant
     * @param story  only posts of this story (its storyId)
     */
    public record Filter(Optional<String> source, Optional<String> tag, Optional<String> query,
            Optional<Instant> since, Optional<Instant> until, Optional<String> story) {

        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());

        /** A filter of no story. */
        public Filter(Optional<String> source, Optional<String> tag, Optional<String> query, Optional<Instant> since,
                Optional<Instant> until) {
            this(source, tag, query, since, until, Optional.empty());
        }
    }

    /** A listed post and its keyset position. */
    public record Row(PostViews.Summary summary, Cursor cursor) {
    }

    /**
     * Bytes of text (UTF-8, as PostgreSQL stores it) one read may hold in memory: a listing's bodies, or the
     * paragraphs of a page of events. A page stops before the post that would take it past this, so a page may hold
     * fewer posts than asked for, and its {@code next} goes on from there; a first post larger than this (a body may
     * have {@code newsfeed.normalizer.max-body-chars}, 1,000,000 characters, up to 4 MB) is a page of its own. Why: a
     * trial stored 45 posts of 800,000 characters, and a listing of 200 of them (36 MB of JSON) or a {@code feed.atom}
     * of 50 filled store-service's 112 MB heap: {@code OutOfMemoryError}, and the store stopped storing.
     */
    public static final long PAGE_TEXT_BYTES = 1L << 20;

    /** What Atom writes around a hashtag, {@code <category term=""/>} (19 bytes), and room for an escape. */
    public static final int HASHTAG_OVERHEAD_BYTES = 24;

    /**
     * The bytes of a post's text other than its paragraphs and body, as SQL over the post's columns under alias
     * {@code %1$s}: every text a listing or an event carries counts against {@link #PAGE_TEXT_BYTES}. A review found
     * the budget counting bodies alone: 30 posts of one word and a url of 950,000 characters made one
     * {@code feed.atom} of 28 MB, and a GET without a token ran the store out of memory. Each hashtag counts
     * {@link #HASHTAG_OVERHEAD_BYTES} more than its text: Atom writes one as {@code <category term="…"/>}, and a
     * helper's review crashed the store with one {@code GET /feed.atom} of 4 posts of 240,000 one-character hashtags
     * (23 MB of XML on a page counted 1 MB).
     */
    private static final String FIELD_BYTES = """
            (octet_length(%1$s.post_id) + octet_length(%1$s.source) + octet_length(%1$s.title)
            + coalesce(octet_length(%1$s.url), 0) + coalesce(octet_length(%1$s.author), 0)
            + coalesce(octet_length(%1$s.media_type), 0) + coalesce(octet_length(%1$s.duplicate_of), 0)
            + coalesce(octet_length(%1$s.dateline_place), 0) + coalesce(octet_length(%1$s.forwarded_from), 0)
            + coalesce(octet_length(%1$s.story_id), 0)
            + coalesce(octet_length(array_to_string(%1$s.hashtags, '')), 0)
            + %2$d * coalesce(cardinality(%1$s.hashtags), 0))""";

    /**
     * A page of a listing.
     *
     * @param rows the posts, at most the limit asked for, within {@link #PAGE_TEXT_BYTES} but for a first post above it
     * @param more whether posts follow the last one: the limit or the byte budget ended the page
     */
    public record Listed(List<Row> rows, boolean more) {
    }

    /**
     * @param filter what to list
     * @param after  start after this position (exclusive), if given
     * @param limit  at most this many
     * @return posts newest first (publishedAt, then postId, both descending); with a query, most relevant first
     *         ({@code ts_rank_cd}), then newest; their texts (bodies and every other field) within
     *         {@link #PAGE_TEXT_BYTES}
     */
    public Listed list(Filter filter, Optional<Cursor> after, int limit) {
        boolean ranked = filter.query().isPresent();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY_COLUMNS);
        if (ranked) {
            sql.append(", ts_rank_cd(p.search, websearch_to_tsquery('russian', ?)) AS rank");
            params.add(filter.query().get());
        }
        sql.append(" FROM post p WHERE true");
        filter.source().ifPresent(source -> {
            sql.append(" AND p.source = ?");
            params.add(source);
        });
        filter.tag().ifPresent(tag -> {
            sql.append(" AND p.tags_folded @> ARRAY[?]::text[]");
            params.add(Hashtags.fold(tag));
        });
        filter.story().ifPresent(story -> {
            sql.append(" AND p.story_id = ?");
            params.add(story);
        });
        filter.query().ifPresent(query -> {
            sql.append(" AND p.search @@ websearch_to_tsquery('russian', ?)");
            params.add(query);
        });
        filter.since().ifPresent(since -> {
            sql.append(" AND p.published_at >= ?");
            params.add(since.atOffset(ZoneOffset.UTC));
        });
        filter.until().ifPresent(until -> {
            sql.append(" AND p.published_at < ?");
            params.add(until.atOffset(ZoneOffset.UTC));
        });
        after.ifPresent(cursor -> {
            if (ranked) {
                sql.append(" AND (ts_rank_cd(p.search, websearch_to_tsquery('russian', ?)), p.published_at, "
                        + "p.post_id) < (?, ?, ?)");
                params.add(filter.query().get());
                params.add(cursor.rank() == null ? Float.MAX_VALUE : cursor.rank());
            } else {
                sql.append(" AND (p.published_at, p.post_id) < (?, ?)");
            }
            params.add(cursor.publishedAt().atOffset(ZoneOffset.UTC));
            params.add(cursor.postId());
        });
        sql.append(ranked ? " ORDER BY rank DESC, p.published_at DESC, p.post_id DESC"
                : " ORDER BY p.published_at DESC, p.post_id DESC");
        sql.append(" LIMIT ?");
        params.add(limit + 1);
        // The byte budget is applied by PostgreSQL, so that the texts past it never reach this heap; one row past the
        // limit tells whether more follow. The window's order is the listing's, whole (post_id is unique).
        String order = ranked ? "rank DESC, published_at DESC, post_id DESC" : "published_at DESC, post_id DESC";
        String budgeted = "SELECT * FROM (SELECT l.*, count(*) OVER () AS listed_count, row_number() OVER w AS n, "
                + "sum(octet_length(l.body) + " + FIELD_BYTES.formatted("l", HASHTAG_OVERHEAD_BYTES) + ") OVER w AS through_bytes FROM ("
                + sql + ") l WINDOW w AS (ORDER BY "
                + order + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) b WHERE b.n = 1 OR b.through_bytes <= ?"
                + " ORDER BY " + order;
        params.add(PAGE_TEXT_BYTES);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(budgeted)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            // pgjdbc cancels the statement on the server when it runs past this (SQLSTATE 57014)
            statement.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
            List<Row> rows = new ArrayList<>();
            long listed = 0;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    PostViews.Summary summary = summary(rs);
                    rows.add(new Row(summary, new Cursor(ranked ? rs.getFloat("rank") : null, summary.publishedAt(),
                            summary.postId())));
                    listed = rs.getLong("listed_count");
                }
            }
            if (rows.size() > limit) {
                return new Listed(List.copyOf(rows.subList(0, limit)), true);
            }
            return new Listed(rows, rows.size() < listed);
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw new QueryTooSlowException(queryTimeout, e);
            }
            throw new IllegalStateException("cannot list posts: " + e.getMessage(), e);
        }
    }

    /**
     * Posts stored or revised after event {@code afterEventId}, in event order: what a Server-Sent Events client has
     * not seen yet. At most {@code limit}, and their paragraphs (kept and removed) within {@link #PAGE_TEXT_BYTES} but
     * for a first post above it: a page shorter than {@code limit} does not mean that none follow; an empty one does.
     */
    public List<PostViews.Detail> changedSince(long afterEventId, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return inSnapshot(connection, () -> {
                List<String> postIds = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("""
                        SELECT post_id FROM (
                            SELECT e.post_id, e.event_id, row_number() OVER w AS n, sum(e.bytes) OVER w AS through_bytes
                            FROM (SELECT p.post_id, p.event_id, (SELECT coalesce(sum(octet_length(g.text)), 0)
                                      FROM paragraph g WHERE g.post_id = p.post_id) + %s
                                      + coalesce(octet_length(array_to_string(p.links, '')), 0) AS bytes
                                  FROM post p WHERE p.event_id > ? ORDER BY p.event_id LIMIT ?) e
                            WINDOW w AS (ORDER BY e.event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) b
                        WHERE b.n = 1 OR b.through_bytes <= ? ORDER BY b.event_id""".formatted(
                        FIELD_BYTES.formatted("p", HASHTAG_OVERHEAD_BYTES)))) {
                    statement.setLong(1, afterEventId);
                    statement.setInt(2, limit);
                    statement.setLong(3, PAGE_TEXT_BYTES);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            postIds.add(rs.getString(1));
                        }
                    }
                }
                List<PostViews.Detail> posts = new ArrayList<>();
                for (String postId : postIds) {
                    find(connection, postId).ifPresent(posts::add);
                }
                return posts;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read post events: " + e.getMessage(), e);
        }
    }

    /** Work of several statements that must see one state of the database. */
    private interface SnapshotRead<T> {
        T read() throws SQLException;
    }

    /**
     * Runs the reads in one read-only {@code REPEATABLE READ} transaction, so that every statement sees the snapshot
     * the first one took (PostgreSQL §13.2.2): a write committed between two of them, a revision that gives a post a
     * new event id and other paragraphs, is in none of them. The connection's own settings are restored after.
     */
    private static <T> T inSnapshot(Connection connection, SnapshotRead<T> reads) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            return reads.read();
        } finally {
            try {
                connection.rollback();
            } finally {
                connection.setReadOnly(false);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The newest event id, 0 when nothing is stored. */
    public long lastEventId() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(event_id), 0) FROM post");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read post events: " + e.getMessage(), e);
        }
    }

    /** @return the post with all its paragraphs, or empty if no such post is stored */
    public Optional<PostViews.Detail> find(String postId) {
        try (Connection connection = dataSource.getConnection()) {
            return inSnapshot(connection, () -> find(connection, postId));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read post " + postId + ": " + e.getMessage(), e);
        }
    }

    /** The post and its paragraphs, read on {@code connection}: in one snapshot when it is in one. */
    private static Optional<PostViews.Detail> find(Connection connection, String postId) throws SQLException {
        PostViews.Summary summary;
        String[] links;
        int normalizerVersion;
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + SUMMARY_COLUMNS
                + ", p.links, p.normalizer_version FROM post p WHERE p.post_id = ?")) {
            statement.setString(1, postId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                summary = summary(rs);
                links = (String[]) rs.getArray("links").getArray();
                normalizerVersion = rs.getInt("normalizer_version");
            }
        }
        List<PostViews.KeptParagraph> kept = new ArrayList<>();
        List<PostViews.RemovedParagraph> removed = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT position, text, kind, kept, reason, duplicate_of, duplicate_of_position, similarity
                FROM paragraph WHERE post_id = ? ORDER BY position""")) {
            statement.setString(1, postId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean("kept")) {
                        kept.add(new PostViews.KeptParagraph(rs.getInt("position"), rs.getString("text"),
                                rs.getString("kind")));
                    } else {
                        removed.add(new PostViews.RemovedParagraph(rs.getInt("position"), rs.getString("text"),
                                rs.getString("kind"), rs.getString("reason"), rs.getString("duplicate_of"),
                                (Integer) rs.getObject("duplicate_of_position"),
                                similarity(rs)));
                    }
                }
            }
        }
        PostViews.Summary s = summary;
        return Optional.of(new PostViews.Detail(s.postId(), s.source(), s.title(), s.url(), s.publishedAt(),
                s.publishedAtFallback(), s.publishedAtClamped(), s.publishedAtDerived(),
                s.publishedAtZoneAssumed(), s.author(), s.mediaType(), s.editedAt(), s.receivedAt(),
                s.storedAt(), s.revisedAt(),
                s.status(), s.duplicateOf(), s.revision(),
                s.hashtags(), Arrays.asList(links), s.dateline(), s.forwardedFrom(), normalizerVersion, s.eventId(),
                s.storyId(), kept, removed));
    }

    /**
     * A removed paragraph's similarity as stored: a {@code real} (float4) written back as its shortest decimal, not
     * widened to a double whose extra digits the store never had (11/17 reads 0.64705884, not 0.6470588445663452).
     */
    private static Double similarity(ResultSet rs) throws SQLException {
        float similarity = rs.getFloat("similarity");
        return rs.wasNull() ? null : Double.valueOf(Float.toString(similarity));
    }

    /**
     * Stories of two posts or more, newest first (their newest post's publishedAt, then storyId, both descending).
     *
     * @param after        start after this position (exclusive; its {@code postId} is a storyId), if given
     * @param limit        at most this many stories
     * @param postsPerStory at most this many posts listed per story, its newest
     */
    public List<PostViews.Story> stories(Optional<Cursor> after, int limit, int postsPerStory) {
        try (Connection connection = dataSource.getConnection()) {
            List<PostViews.Story> heads = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT story_id, post_count, "
                    + "first_published_at, last_published_at FROM story WHERE post_count > 1"
                    + (after.isPresent() ? " AND (last_published_at, story_id) < (?, ?)" : "")
                    + " ORDER BY last_published_at DESC, story_id DESC LIMIT ?")) {
                int i = 1;
                if (after.isPresent()) {
                    statement.setObject(i++, after.get().publishedAt().atOffset(ZoneOffset.UTC));
                    statement.setString(i++, after.get().postId());
                }
                statement.setInt(i, limit);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        heads.add(new PostViews.Story(rs.getString(1), rs.getInt(2), instant(rs, "first_published_at"),
                                instant(rs, "last_published_at"), new ArrayList<>(), new ArrayList<>()));
                    }
                }
            }
            if (heads.isEmpty()) {
                return heads;
            }
            Array ids = connection.createArrayOf("text", heads.stream().map(PostViews.Story::storyId)
                    .toArray(String[]::new));
            Map<String, PostViews.Story> byId = new HashMap<>();
            heads.forEach(story -> byId.put(story.storyId(), story));
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT s.id, p.post_id, p.source, p.title, p.published_at, p.status FROM unnest(?::text[]) AS s (id)
                    CROSS JOIN LATERAL (SELECT post_id, source, title, published_at, status FROM post
                        WHERE story_id = s.id ORDER BY published_at DESC, post_id DESC LIMIT ?) p""")) {
                statement.setArray(1, ids);
                statement.setInt(2, postsPerStory);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        byId.get(rs.getString(1)).posts().add(new PostViews.StoryPost(rs.getString(2),
                                rs.getString(3), rs.getString(4), instant(rs, "published_at"), rs.getString(6)));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT story_id, array_agg(DISTINCT source COLLATE "C" ORDER BY source COLLATE "C") FROM post
                    WHERE story_id = ANY (?) GROUP BY story_id""")) {
                statement.setArray(1, ids);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        byId.get(rs.getString(1)).sources().addAll(Arrays.asList((String[]) rs.getArray(2).getArray()));
                    }
                }
            }
            return heads.stream().map(s -> new PostViews.Story(s.storyId(), s.postCount(), s.firstPublishedAt(),
                    s.lastPublishedAt(), List.copyOf(s.sources()), List.copyOf(s.posts()))).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list stories: " + e.getMessage(), e);
        }
    }

    private static PostViews.Summary summary(ResultSet rs) throws SQLException {
        String place = rs.getString("dateline_place");
        LocalDate date = rs.getObject("dateline_date", LocalDate.class);
        return new PostViews.Summary(rs.getString("post_id"), rs.getString("source"), rs.getString("title"),
                rs.getString("url"), instant(rs, "published_at"), rs.getBoolean("published_at_fallback"),
                rs.getBoolean("published_at_clamped"), rs.getBoolean("published_at_derived"),
                rs.getBoolean("published_at_zone_assumed"), rs.getString("author"), rs.getString("media_type"),
                instant(rs, "edited_at"),
                instant(rs, "received_at"),
                instant(rs, "stored_at"), instant(rs, "revised_at"), rs.getString("status"),
                rs.getString("duplicate_of"), rs.getInt("revision"),
                Arrays.asList((String[]) rs.getArray("hashtags").getArray()),
                place == null ? null : new Dateline(place, date), rs.getString("forwarded_from"),
                rs.getInt("kept_count"), rs.getInt("removed_count"), rs.getString("body"), rs.getLong("event_id"),
                rs.getString("story_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
