package newsfeed.store.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.InstantRange;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.PostId;
import newsfeed.contracts.PostVersion;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.contracts.story.StoryClusters;
import newsfeed.contracts.text.Hashtags;
import newsfeed.contracts.text.WebLinks;

/**
 * Writes dedup decisions to PostgreSQL, many in one transaction. A write is an idempotent upsert keyed by postId
 * that replaces the stored decision only by a newer version ({@link PostVersion}: revision epoch, then revision), so
 * re-delivered and out-of-order records leave the stored result unchanged, and an edit decided after dedup-service
 * forgot the post (revision 1 of a later epoch) replaces a higher revision of an earlier epoch. A newer version whose
 * content is the stored one ({@link #contentDigest}) changes nothing either: no revision, no event.
 */
@ApplicationScoped
public class PostRepository {

    /** What an upsert did. */
    public enum Outcome {
        /** The post was new. */
        INSERTED,
        /** A newer version replaced the stored one. */
        REVISED,
        /** The stored version is the same or newer, or holds the same content; nothing changed. */
        UNCHANGED
    }

    private static final String UPSERT_POST = """
            INSERT INTO post (post_id, source, title, url, published_at, received_at, dateline_place, dateline_date,
                              forwarded_from, hashtags, links, status, duplicate_of, revision, normalizer_version, body,
                              tags_folded, published_at_fallback, published_at_clamped, revision_epoch,
                              published_at_derived, published_at_zone_assumed, author, media_type, edited_at,
                              story_id, decision_sha256, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    nextval('post_event_seq'))
            ON CONFLICT (post_id) DO UPDATE SET
                source = EXCLUDED.source, title = EXCLUDED.title, url = EXCLUDED.url,
                published_at = EXCLUDED.published_at, received_at = LEAST(post.received_at, EXCLUDED.received_at),
                revised_at = now(), dateline_place = EXCLUDED.dateline_place, dateline_date = EXCLUDED.dateline_date,
                forwarded_from = EXCLUDED.forwarded_from, hashtags = EXCLUDED.hashtags, links = EXCLUDED.links,
                status = EXCLUDED.status, duplicate_of = EXCLUDED.duplicate_of, revision = EXCLUDED.revision,
                normalizer_version = EXCLUDED.normalizer_version, body = EXCLUDED.body,
                tags_folded = EXCLUDED.tags_folded, published_at_fallback = EXCLUDED.published_at_fallback,
                published_at_clamped = EXCLUDED.published_at_clamped, revision_epoch = EXCLUDED.revision_epoch,
                published_at_derived = EXCLUDED.published_at_derived,
                published_at_zone_assumed = EXCLUDED.published_at_zone_assumed, author = EXCLUDED.author,
                media_type = EXCLUDED.media_type, edited_at = EXCLUDED.edited_at,
                decision_sha256 = EXCLUDED.decision_sha256, event_id = EXCLUDED.event_id
            WHERE (COALESCE(post.revision_epoch, '-infinity'), post.revision)
                < (COALESCE(EXCLUDED.revision_epoch, '-infinity'), EXCLUDED.revision)
            """;

    private static final String INSERT_PARAGRAPH = """
            INSERT INTO paragraph (post_id, position, text, kind, kept, reason, duplicate_of, duplicate_of_position,
                                   similarity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /**
     * The key of the transaction-level advisory lock that orders store writes ({@code pg_advisory_xact_lock}): the
     * ASCII bytes of "newsfeed". Every write takes it before its first {@code nextval('post_event_seq')} and holds it
     * until commit, so transactions take event ids in the order they commit. The live stream
     * ({@code PostEventBroadcast}) reads event ids in order and moves past what it read; without this lock, two store
     * instances writing at once could commit a smaller event id after a larger one, behind the position of every open
     * stream, and those streams would never send it. Writes of several instances are serialized by it; one
     * instance's consumer writes one batch at a time anyway.
     */
    static final long EVENT_ORDER_LOCK = 0x6e65777366656564L;

    private static final JsonSerde<DeduplicatedPost> CONTENT = new JsonSerde.DeduplicatedPostSerde();

    @Inject
    DataSource dataSource;

    @Inject
    StoryIndex stories;

    /**
     * Stores a decision in one transaction.
     *
     * @throws IllegalArgumentException if {@code kept} and {@code removed} do not partition the post's positions
     * @throws StoreException           wrapping the SQL failure, with its SQLState
     */
    @Transactional
    public Outcome upsert(DeduplicatedPost decision) {
        return upsertAll(List.of(decision)).get(0);
    }

    /**
     * Stores decisions in one transaction, with one round trip per kind of statement (JDBC batches): the stored
     * versions are read, posts whose decision is new, or of a newer {@link PostVersion} and other content
     * ({@link #contentDigest}), are upserted, their old paragraphs deleted and their paragraphs inserted, and the
     * stories they were and are in recomputed
     * ({@link StoryIndex}). When one post comes more than once, its newest version counts.
     *
     * @return what happened to each decision, in the order given
     * @throws IllegalArgumentException naming the post, if a decision's {@code kept} and {@code removed} do not
     *                                  partition its positions; nothing is stored then
     * @throws StoreException           wrapping the SQL failure, with its SQLState; nothing is stored then
     */
    @Transactional
    public List<Outcome> upsertAll(List<DeduplicatedPost> decisions) {
        List<Map<Integer, RemovedParagraph>> removals = new ArrayList<>(decisions.size());
        for (DeduplicatedPost decision : decisions) {
            removals.add(checkDecision(decision));
        }
        // the decision that counts per post: the newest version, the first one given on a tie
        Map<String, Integer> winner = new HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            int candidate = i;
            winner.merge(decisions.get(i).postId(), i, (a, b) -> storedVersion(decisions.get(b))
                    .isNewerThan(storedVersion(decisions.get(a))) ? candidate : a);
        }
        Outcome[] outcomes = new Outcome[decisions.size()];
        Arrays.fill(outcomes, Outcome.UNCHANGED);
        try (Connection connection = dataSource.getConnection()) {
            // before the stored versions are read: a concurrent writer of the same post then reads this one's result
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, EVENT_ORDER_LOCK);
                lock.execute();
            }
            QueryPlans.custom(connection);
            Map<String, Stored> stored = storedVersions(connection, winner.keySet());
            QueryPlans.cached(connection);
            List<Integer> changed = new ArrayList<>();
            List<String> revised = new ArrayList<>();
            Map<Integer, byte[]> digests = new HashMap<>();
            for (int i : winner.values()) {
                Stored row = stored.get(decisions.get(i).postId());
                if (row != null && !storedVersion(decisions.get(i)).isNewerThan(row.version())) {
                    continue;
                }
                byte[] digest = contentDigest(decisions.get(i));
                if (row != null && Arrays.equals(digest, row.digest())) {
                    continue;
                }
                digests.put(i, digest);
                changed.add(i);
                outcomes[i] = row == null ? Outcome.INSERTED : Outcome.REVISED;
                if (row != null) {
                    revised.add(decisions.get(i).postId());
                }
            }
            changed.sort(Integer::compare);
            if (changed.isEmpty()) {
                return List.of(outcomes);
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_POST)) {
                for (int i : changed) {
                    bindPost(connection, upsert, decisions.get(i), digests.get(i));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            List<StoryClusters.Kept> linkChanges = new ArrayList<>();
            if (!revised.isEmpty()) {
                QueryPlans.custom(connection);
                linkChanges.addAll(storedLinks(connection, revised));
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM paragraph WHERE post_id = ANY (?)")) {
                    delete.setArray(1, textArray(connection, revised.toArray(String[]::new)));
                    delete.executeUpdate();
                }
                QueryPlans.cached(connection);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_PARAGRAPH)) {
                for (int i : changed) {
                    bindParagraphs(insert, decisions.get(i).post(), removals.get(i));
                }
                insert.executeBatch();
            }
            List<String> written = new ArrayList<>();
            for (int i : changed) {
                written.add(decisions.get(i).postId());
                StoryClusters.links(decisions.get(i)).forEach(link -> linkChanges.add(link.kept()));
            }
            stories.update(connection, written, revised, linkChanges);
            return List.of(outcomes);
        } catch (SQLException e) {
            String posts = decisions.size() == 1 ? "post " + decisions.get(0).postId()
                    : decisions.size() + " posts (" + decisions.get(0).postId() + ", ...)";
            SQLException next = e.getNextException();
            // a batch's own message quotes its statement with every value bound (a whole body): the server's error,
            // its next exception, says why in a line
            String why = e instanceof BatchUpdateException && next != null ? next.getMessage()
                    : e.getMessage() + (next == null ? "" : " (" + next.getMessage() + ")");
            throw new StoreException("cannot store " + posts + ": " + why, next != null && e.getSQLState() == null
                    ? next : e);
        }
    }

    /** The kept paragraphs the stored links of these posts point to ({@link StoryIndex#LINK}). */
    private static List<StoryClusters.Kept> storedLinks(Connection connection, List<String> postIds)
            throws SQLException {
        List<StoryClusters.Kept> kept = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT g.duplicate_of, g.duplicate_of_position FROM paragraph g "
                        + "WHERE g.post_id = ANY (?) AND " + StoryIndex.LINK)) {
            select.setArray(1, textArray(connection, postIds.toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    kept.add(new StoryClusters.Kept(rs.getString(1), (Integer) rs.getObject(2)));
                }
            }
        }
        return kept;
    }

    /** A stored post's version and content digest (null for rows written before digests existed). */
    private record Stored(PostVersion version, byte[] digest) {
    }

    private static Map<String, Stored> storedVersions(Connection connection, Collection<String> postIds)
            throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT post_id, revision_epoch, revision, decision_sha256 FROM post WHERE post_id = ANY (?)")) {
            select.setArray(1, textArray(connection, postIds.toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime epoch = rs.getObject(2, OffsetDateTime.class);
                    stored.put(rs.getString(1), new Stored(new PostVersion(epoch == null ? null : epoch.toInstant(),
                            rs.getInt(3)), rs.getBytes(4)));
                }
            }
        }
        return stored;
    }

    /**
     * The SHA-256 (FIPS 180-4) of a decision's content: its JSON as on {@code posts.deduplicated}, without the
     * receipt time (the store keeps the first one) and without its version (revision and epoch), so that the same
     * decision made again after dedup-service forgot the post digests the same.
     *
     * @return 32 bytes
     */
    static byte[] contentDigest(DeduplicatedPost decision) {
        NormalizedPost post = decision.post();
        DeduplicatedPost content = new DeduplicatedPost(post.withTimes(post.publishedAt(), Instant.EPOCH),
                decision.kept(), decision.removed(), decision.status(), decision.duplicateOf(), 0, null);
        try {
            return MessageDigest.getInstance("SHA-256").digest(CONTENT.serialize(null, content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest)", e);
        }
    }

    /**
     * A decision's version as the database keeps it: PostgreSQL stores microseconds, and a redelivered decision whose
     * epoch has nanoseconds must compare equal to its stored self.
     */
    private static PostVersion storedVersion(DeduplicatedPost decision) {
        Instant epoch = decision.revisionEpoch();
        return new PostVersion(epoch == null ? null : epoch.truncatedTo(ChronoUnit.MICROS), decision.revision());
    }

    private static void bindParagraphs(PreparedStatement insert, NormalizedPost post,
            Map<Integer, RemovedParagraph> removed) throws SQLException {
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
    }

    private static void bindPost(Connection connection, PreparedStatement upsert, DeduplicatedPost decision,
            byte[] digest) throws SQLException {
        NormalizedPost post = decision.post();
        Set<Integer> kept = new HashSet<>(decision.kept());
        String body = post.paragraphs().stream()
                .filter(p -> kept.contains(p.position()))
                .map(Paragraph::text)
                .collect(Collectors.joining("\n\n"));
        upsert.setString(1, post.postId());
        upsert.setString(2, post.source());
        upsert.setString(3, post.title() == null ? "" : post.title());
        // records may reach the topic without ingest: the link rule again, before anything is stored
        upsert.setString(4, WebLinks.webOrNull(post.url()));
        upsert.setObject(5, post.publishedAt().atOffset(ZoneOffset.UTC));
        upsert.setObject(6, post.receivedAt().atOffset(ZoneOffset.UTC));
        upsert.setString(7, post.dateline() == null ? null : post.dateline().place());
        upsert.setObject(8, post.dateline() == null ? null : post.dateline().date(), Types.DATE);
        upsert.setString(9, post.forwardedFrom());
        upsert.setArray(10, textArray(connection, post.hashtags().toArray(String[]::new)));
        upsert.setArray(11, textArray(connection, WebLinks.webOnly(post.links()).toArray(String[]::new)));
        upsert.setString(12, decision.status().name());
        upsert.setString(13, decision.duplicateOf());
        upsert.setInt(14, decision.revision());
        upsert.setInt(15, post.normalizerVersion());
        upsert.setString(16, body);
        upsert.setArray(17, textArray(connection, post.hashtags().stream()
                .map(Hashtags::fold).toArray(String[]::new)));
        upsert.setBoolean(18, post.publishedAtFallback());
        upsert.setBoolean(19, post.publishedAtClamped());
        Instant epoch = storedVersion(decision).epoch();
        upsert.setObject(20, epoch == null ? null : epoch.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setBoolean(21, post.publishedAtDerived());
        upsert.setBoolean(22, post.publishedAtZoneAssumed());
        upsert.setString(23, post.author());
        upsert.setString(24, post.mediaType());
        upsert.setObject(25, post.editedAt() == null ? null : post.editedAt().atOffset(ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
        // a new post starts as a story of one; StoryIndex links it in the same transaction
        upsert.setString(26, post.postId());
        upsert.setBytes(27, digest);
    }

    private static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    /**
     * The fields every decision has, and each paragraph and removal its parts: a record written to the topic another
     * way may lack one, and what is missing would otherwise fail deep in the write as a NullPointerException, which is
     * no fault of the database and was retried for ever (a helper's trial: {@code "status": null} stopped the store,
     * and again after each restart). Also the ids the API would refuse ({@link PostId#problem}), which no index of
     * the store may be unable to hold.
     */
    private static void checkShape(DeduplicatedPost decision) {
        NormalizedPost post = decision.post();
        String missing = post == null ? "post" : post.postId() == null ? "postId" : post.source() == null ? "source"
                : post.publishedAt() == null ? "publishedAt" : post.receivedAt() == null ? "receivedAt"
                : post.title() == null ? "title" : decision.status() == null ? "status" : null;
        if (missing != null) {
            throw new IllegalArgumentException("decision " + (post == null ? "" : "of post " + post.postId() + " ")
                    + "has no " + missing);
        }
        String ids = PostId.problem(post.postId(), post.source());
        if (ids != null) {
            throw new IllegalArgumentException("post " + post.postId() + ": " + ids);
        }
        // as the times (InstantRange): PostgreSQL stores a date of year 999999999 as infinity (a helper's trial)
        if (post.dateline() != null && post.dateline().date() != null
                && (post.dateline().date().getYear() < 1 || post.dateline().date().getYear() > 9999)) {
            throw new IllegalArgumentException("post " + post.postId() + ": dateline date " + post.dateline().date()
                    + " must lie in the years 1 to 9999");
        }
        List<Paragraph> paragraphs = post.paragraphs();
        for (int i = 0; i < paragraphs.size(); i++) {
            String fault = Paragraph.problem(paragraphs.get(i), i);
            if (fault != null) {
                throw new IllegalArgumentException("post " + post.postId() + ": " + fault);
            }
        }
        for (RemovedParagraph removal : decision.removed()) {
            String fault = removal.reason() == null ? "has no reason"
                    : removal.duplicateOfPosition() != null && removal.duplicateOfPosition() < 0
                            ? "has duplicateOfPosition " + removal.duplicateOfPosition()
                    : !(removal.similarity() >= 0 && removal.similarity() <= 1)
                            ? "has similarity " + removal.similarity() + ", outside 0..1"
                    : null;
            if (fault != null) {
                throw new IllegalArgumentException("post " + post.postId() + ": the removal of paragraph "
                        + removal.position() + " " + fault);
            }
        }
    }

    private static void checkTime(DeduplicatedPost decision, String field, Instant time) {
        if (time != null && !InstantRange.contains(time)) {
            throw new IllegalArgumentException("post " + decision.postId() + ": " + field + " " + time + " must lie "
                    + InstantRange.describe());
        }
    }

    /**
     * The removed paragraphs of a decision by position, once checked.
     *
     * @throws IllegalArgumentException naming the post, if a field it needs is missing or its ids are no postId
     *                                  ({@code checkShape}), if {@code kept} and {@code removed} do not partition
     *                                  its paragraph positions, or a time of it lies outside {@link InstantRange}
     */
    public static Map<Integer, RemovedParagraph> checkDecision(DeduplicatedPost decision) {
        checkShape(decision);
        NormalizedPost post = decision.post();
        // ingest keeps times in this range; a record written to the topic another way may not, and PostgreSQL would
        // store the year -999999999 as -infinity, which no feed can write
        checkTime(decision, "publishedAt", post.publishedAt());
        checkTime(decision, "receivedAt", post.receivedAt());
        checkTime(decision, "editedAt", post.editedAt());
        checkTime(decision, "revisionEpoch", decision.revisionEpoch());
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
