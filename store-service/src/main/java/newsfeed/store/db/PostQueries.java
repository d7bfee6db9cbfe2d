package newsfeed.store.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import newsfeed.contracts.Dateline;
import newsfeed.store.api.PostViews;

/** Reads stored posts for the API. */
@ApplicationScoped
public class PostQueries {

    private static final String SUMMARY_COLUMNS = """
            p.post_id, p.source, p.title, p.url, p.published_at, p.received_at, p.stored_at, p.revised_at, p.status,
            p.duplicate_of, p.revision, p.hashtags, p.dateline_place, p.dateline_date, p.forwarded_from,
            (SELECT count(*) FROM paragraph g WHERE g.post_id = p.post_id AND g.kept) AS kept_count,
            (SELECT count(*) FROM paragraph g WHERE g.post_id = p.post_id AND NOT g.kept) AS removed_count
            """;

    @Inject
    DataSource dataSource;

    /** Keyset position in the newest-first order. */
    public record Cursor(Instant publishedAt, String postId) {
    }

    /**
     * @param source only this source, if given
     * @param after  start after this position (exclusive), if given
     * @param limit  at most this many
     * @return posts newest first (publishedAt, then postId, both descending)
     */
    public List<PostViews.Summary> list(Optional<String> source, Optional<Cursor> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY_COLUMNS).append(" FROM post p WHERE true");
        source.ifPresent(s -> sql.append(" AND p.source = ?"));
        after.ifPresent(c -> sql.append(" AND (p.published_at, p.post_id) < (?, ?)"));
        sql.append(" ORDER BY p.published_at DESC, p.post_id DESC LIMIT ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 1;
            if (source.isPresent()) {
                statement.setString(i++, source.get());
            }
            if (after.isPresent()) {
                statement.setObject(i++, after.get().publishedAt().atOffset(ZoneOffset.UTC));
                statement.setString(i++, after.get().postId());
            }
            statement.setInt(i, limit);
            List<PostViews.Summary> items = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(summary(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list posts: " + e.getMessage(), e);
        }
    }

    /** @return the post with all its paragraphs, or empty if no such post is stored */
    public Optional<PostViews.Detail> find(String postId) {
        try (Connection connection = dataSource.getConnection()) {
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
                                    rs.getObject("similarity") == null ? null : (double) rs.getFloat("similarity")));
                        }
                    }
                }
            }
            PostViews.Summary s = summary;
            return Optional.of(new PostViews.Detail(s.postId(), s.source(), s.title(), s.url(), s.publishedAt(),
                    s.receivedAt(), s.storedAt(), s.revisedAt(), s.status(), s.duplicateOf(), s.revision(),
                    s.hashtags(), Arrays.asList(links), s.dateline(), s.forwardedFrom(), normalizerVersion, kept,
                    removed));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read post " + postId + ": " + e.getMessage(), e);
        }
    }

    private static PostViews.Summary summary(ResultSet rs) throws SQLException {
        String place = rs.getString("dateline_place");
        LocalDate date = rs.getObject("dateline_date", LocalDate.class);
        return new PostViews.Summary(rs.getString("post_id"), rs.getString("source"), rs.getString("title"),
                rs.getString("url"), instant(rs, "published_at"), instant(rs, "received_at"),
                instant(rs, "stored_at"), instant(rs, "revised_at"), rs.getString("status"),
                rs.getString("duplicate_of"), rs.getInt("revision"),
                Arrays.asList((String[]) rs.getArray("hashtags").getArray()),
                place == null ? null : new Dateline(place, date), rs.getString("forwarded_from"),
                rs.getInt("kept_count"), rs.getInt("removed_count"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
