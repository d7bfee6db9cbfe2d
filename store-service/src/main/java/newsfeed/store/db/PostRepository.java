package newsfeed.store.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.RemovedParagraph;

/**
 * Writes dedup decisions to PostgreSQL. A write is an idempotent upsert keyed by postId that never replaces a
 * revision by an equal or lower one, so re-delivered and out-of-order records leave the stored result unchanged.
 */
@ApplicationScoped
public class PostRepository {

    /** What an upsert did. */
    public enum Outcome {
        /** The post was new. */
        INSERTED,
        /** A higher revision replaced the stored one. */
        REVISED,
        /** The stored revision is the same or higher; nothing changed. */
        UNCHANGED
    }

    private static final String UPSERT_POST = """
            INSERT INTO post (post_id, source, title, url, published_at, received_at, dateline_place, dateline_date,
                              forwarded_from, hashtags, links, status, duplicate_of, revision, normalizer_version, body,
                              tags_folded, published_at_fallback, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('post_event_seq'))
            ON CONFLICT (post_id) DO UPDATE SET
                source = EXCLUDED.source, title = EXCLUDED.title, url = EXCLUDED.url,
                published_at = EXCLUDED.published_at, received_at = LEAST(post.received_at, EXCLUDED.received_at),
                revised_at = now(), dateline_place = EXCLUDED.dateline_place, dateline_date = EXCLUDED.dateline_date,
                forwarded_from = EXCLUDED.forwarded_from, hashtags = EXCLUDED.hashtags, links = EXCLUDED.links,
                status = EXCLUDED.status, duplicate_of = EXCLUDED.duplicate_of, revision = EXCLUDED.revision,
                normalizer_version = EXCLUDED.normalizer_version, body = EXCLUDED.body,
                tags_folded = EXCLUDED.tags_folded, published_at_fallback = EXCLUDED.published_at_fallback,
                event_id = EXCLUDED.event_id
            WHERE post.revision < EXCLUDED.revision
            RETURNING (xmax = 0) AS inserted
            """;

    private static final String INSERT_PARAGRAPH = """
            INSERT INTO paragraph (post_id, position, text, kind, kept, reason, duplicate_of, duplicate_of_position,
                                   similarity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    @Inject
    DataSource dataSource;

    /**
     * Stores a decision in one transaction.
     *
     * @throws IllegalArgumentException if {@code kept} and {@code removed} do not partition the post's positions
     * @throws StoreException           wrapping the SQL failure, with its SQLState
     */
    @Transactional
    public Outcome upsert(DeduplicatedPost decision) {
        NormalizedPost post = decision.post();
        Map<Integer, RemovedParagraph> removed = checkPartition(decision);
        try (Connection connection = dataSource.getConnection()) {
            Boolean inserted = upsertPost(connection, decision, post);
            if (inserted == null) {
                return Outcome.UNCHANGED;
            }
            if (!inserted) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM paragraph WHERE post_id = ?")) {
                    delete.setString(1, post.postId());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_PARAGRAPH)) {
                for (Paragraph p : post.paragraphs()) {
                    RemovedParagraph r = removed.get(p.position());
                    insert.setString(1, post.postId());
                    insert.setInt(2, p.position());
                    insert.setString(3, p.text());
                    insert.setString(4, p.kind().name().toLowerCase(Locale.ROOT));
                    insert.setBoolean(5, r == null);
                    insert.setString(6, r == null ? null : r.reason().name());
                    insert.setString(7, r == null ? null : r.duplicateOf());
                    if (r == null || r.duplicateOfPosition() == null) {
                        insert.setNull(8, Types.INTEGER);
                    } else {
                        insert.setInt(8, r.duplicateOfPosition());
                    }
                    if (r == null) {
                        insert.setNull(9, Types.REAL);
                    } else {
                        insert.setFloat(9, (float) r.similarity());
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return inserted ? Outcome.INSERTED : Outcome.REVISED;
        } catch (SQLException e) {
            throw new StoreException("cannot store post " + post.postId() + ": " + e.getMessage(), e);
        }
    }

    /** @return true if inserted, false if a stored lower revision was replaced, null if nothing changed */
    private static Boolean upsertPost(Connection connection, DeduplicatedPost decision, NormalizedPost post)
            throws SQLException {
        Set<Integer> kept = new HashSet<>(decision.kept());
        String body = post.paragraphs().stream()
                .filter(p -> kept.contains(p.position()))
                .map(Paragraph::text)
                .collect(Collectors.joining("\n\n"));
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_POST)) {
            upsert.setString(1, post.postId());
            upsert.setString(2, post.source());
            upsert.setString(3, post.title() == null ? "" : post.title());
            upsert.setString(4, post.url());
            upsert.setObject(5, post.publishedAt().atOffset(ZoneOffset.UTC));
            upsert.setObject(6, post.receivedAt().atOffset(ZoneOffset.UTC));
            upsert.setString(7, post.dateline() == null ? null : post.dateline().place());
            upsert.setObject(8, post.dateline() == null ? null : post.dateline().date(), Types.DATE);
            upsert.setString(9, post.forwardedFrom());
            upsert.setArray(10, textArray(connection, post.hashtags().toArray(String[]::new)));
            upsert.setArray(11, textArray(connection, post.links().toArray(String[]::new)));
            upsert.setString(12, decision.status().name());
            upsert.setString(13, decision.duplicateOf());
            upsert.setInt(14, decision.revision());
            upsert.setInt(15, post.normalizerVersion());
            upsert.setString(16, body);
            upsert.setArray(17, textArray(connection, post.hashtags().stream()
                    .map(tag -> tag.toLowerCase(Locale.ROOT)).toArray(String[]::new)));
            upsert.setBoolean(18, post.publishedAtFallback());
            try (ResultSet rs = upsert.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static Map<Integer, RemovedParagraph> checkPartition(DeduplicatedPost decision) {
        int size = decision.post().paragraphs().size();
        Map<Integer, RemovedParagraph> removed = new HashMap<>();
        decision.removed().forEach(r -> removed.put(r.position(), r));
        Set<Integer> all = new HashSet<>(decision.kept());
        all.addAll(removed.keySet());
        if (all.size() != size || decision.kept().size() + removed.size() != size
                || all.stream().anyMatch(p -> p < 0 || p >= size)) {
            throw new IllegalArgumentException("post " + decision.postId() + ": kept " + decision.kept()
                    + " and removed " + removed.keySet() + " do not partition its " + size + " paragraph positions");
        }
        return removed;
    }
}
