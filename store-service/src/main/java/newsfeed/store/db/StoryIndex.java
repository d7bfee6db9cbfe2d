package newsfeed.store.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.story.StoryClusters;
import newsfeed.contracts.story.StoryClusters.Kept;
import newsfeed.contracts.story.StoryClusters.Link;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps each stored post's {@code story_id} and the {@code story} table (V7) equal to {@link StoryClusters} applied to
 * every stored decision, inside the write transaction of {@link PostRepository#upsertAll}, which holds
 * {@link PostRepository#EVENT_ORDER_LOCK}: one writer at a time, so two writes never recompute the same story at once.
 *
 * <p>A write can add links (a new post, a revision), remove them (a revision), and move a kept paragraph across the
 * boilerplate line of {@code newsfeed.store.stories.max-copies} copies. So it recomputes, from the stored links, the
 * whole current components of: the posts written, every post of their stories as stored before (a removed link can
 * split one), and the posts copying a kept paragraph the batch adds or removes copies of, when that paragraph has at
 * most {@code max-copies} + (the batch's copies of it) copies, that is, when its side of the line can have changed.
 *
 * <p>Cost per batch, all indexed (paragraph primary key, {@code paragraph_story_link_idx}, {@code post_story_idx}): one
 * breadth-first round of four queries (posts, links to them, links from them, copies of what they link to) per link
 * step of the largest story touched, reading every paragraph of the touched stories' posts and at most
 * {@code max-copies} + 1 copies of each of their paragraphs (so a footer's thousands of copies are never read, only
 * counted to its limit); then one update per post whose story changed and the touched stories' rows rewritten. Memory
 * is that of the touched stories. A story's size is not bounded (bounding it would make it depend on arrival order);
 * the boilerplate rule keeps stories news-sized.
 *
 * <p>A post whose {@code story_id} changes is a store event like a new version: it takes the next {@code eventId}
 * (under the same lock, so in commit order), and the live stream sends it again, so that a client grouping by story
 * (the dashboard) sees a post move into the story a later write put it in.
 */
@ApplicationScoped
public class StoryIndex {

    /** The paragraph rows that are links, as {@link StoryClusters#isLink} says, in SQL. */
    static final String LINK =
            "g.reason IN ('PUBLISHED_BEFORE', 'NEAR_DUPLICATE') AND g.post_id <> g.duplicate_of AND g.kind <> 'elision'";

    /** Position of a link whose kept paragraph's position is unknown (null), as in the index. */
    private static final int UNKNOWN_POSITION = -1;

    @ConfigProperty(name = "newsfeed.store.stories.max-copies", defaultValue = "" + StoryClusters.DEFAULT_MAX_COPIES)
    int maxCopies;

    /** For tests: the configured boilerplate limit. */
    public int maxCopies() {
        return maxCopies;
    }

    /**
     * Recomputes the stories a write touched. Call after the posts and paragraphs of the write are stored.
     *
     * @param written     the posts inserted or revised by the write
     * @param revised     those of them that were stored before the write
     * @param linkChanges the kept paragraphs the write's links point to, before and after it
     */
    void update(Connection connection, Collection<String> written, Collection<String> revised,
            Collection<Kept> linkChanges) throws SQLException {
        // reads whose best plan changes as the tables grow: planned for each batch (QueryPlans)
        QueryPlans.custom(connection);
        Set<String> seeds = new HashSet<>(written);
        Map<Kept, Integer> batchCopies = new HashMap<>();
        linkChanges.forEach(k -> batchCopies.merge(normal(k), 1, Integer::sum));
        Map<Kept, Integer> limits = new HashMap<>();
        batchCopies.forEach((k, n) -> limits.put(k, maxCopies + n + 1));
        copiers(connection, limits).forEach((kept, posts) -> {
            if (posts.size() < limits.get(kept)) {
                seeds.addAll(posts);
            }
        });
        Set<String> frontier = new HashSet<>(seeds);
        // a post this write inserted is a story of one (its own postId, which no other post's story can carry: a
        // story is named by a stored post): only the others can have members to look up, most writes have none
        Set<String> earlier = new HashSet<>(seeds);
        earlier.removeAll(written);
        earlier.addAll(revised);
        if (!earlier.isEmpty()) {
            frontier.addAll(stored(connection, "SELECT m.post_id FROM post s JOIN post m ON m.story_id = s.story_id "
                    + "WHERE s.post_id = ANY (?)", earlier));
        }
        Map<String, Stored> posts = new HashMap<>();
        Set<String> looked = new HashSet<>(frontier);
        Set<Link> links = new HashSet<>();
        Map<Kept, Integer> copies = new HashMap<>();
        while (!frontier.isEmpty()) {
            Map<String, Stored> found = posts(connection, frontier);
            posts.putAll(found);
            Set<String> next = new HashSet<>();
            for (Link link : links(connection, found.keySet(), copies)) {
                if (copies.get(link.kept()) <= maxCopies) {
                    links.add(link);
                    for (String end : List.of(link.postId(), link.kept().postId())) {
                        if (looked.add(end)) {
                            next.add(end);
                        }
                    }
                }
            }
            frontier = next;
        }
        List<StoryClusters.Post> nodes = posts.values().stream()
                .map(p -> new StoryClusters.Post(p.postId, p.publishedAt)).toList();
        Map<String, String> storyIds = StoryClusters.storyIds(nodes, links, copies::get, maxCopies);
        write(connection, posts, storyIds);
    }

    private record Stored(String postId, Instant publishedAt, String storyId) {
    }

    private static Kept normal(Kept kept) {
        return kept.position() == null ? new Kept(kept.postId(), UNKNOWN_POSITION) : kept;
    }

    /** Up to {@code limits.get(k)} posts copying each kept paragraph k (one entry per copy). */
    private static Map<Kept, List<String>> copiers(Connection connection, Map<Kept, Integer> limits)
            throws SQLException {
        Map<Kept, List<String>> copiers = new HashMap<>();
        if (limits.isEmpty()) {
            return copiers;
        }
        List<Kept> keys = new ArrayList<>(limits.keySet());
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT k.t, k.p, c.post_id FROM unnest(?::text[], ?::int[], ?::int[]) AS k (t, p, lim)
                CROSS JOIN LATERAL (SELECT g.post_id FROM paragraph g
                    WHERE g.duplicate_of = k.t AND coalesce(g.duplicate_of_position, -1) = k.p
                    AND\s""" + LINK + " LIMIT k.lim) c")) {
            select.setArray(1, connection.createArrayOf("text", keys.stream().map(Kept::postId).toArray()));
            select.setArray(2, connection.createArrayOf("integer", keys.stream().map(Kept::position).toArray()));
            select.setArray(3, connection.createArrayOf("integer", keys.stream().map(limits::get).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    copiers.computeIfAbsent(new Kept(rs.getString(1), rs.getInt(2)), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        return copiers;
    }

    /**
     * The links from and to these posts, each kept paragraph's copies counted into {@code copies} (up to
     * max-copies + 1, which is enough to tell boilerplate).
     */
    private List<Link> links(Connection connection, Set<String> postIds, Map<Kept, Integer> copies)
            throws SQLException {
        List<Link> links = new ArrayList<>();
        // a paragraph's copies may be counted already, by a link from a post of an earlier round: counted anew, not
        // added to
        Map<Kept, Integer> counted = new HashMap<>();
        // links to these posts' paragraphs, at most max-copies + 1 per paragraph; removed paragraphs too, so that
        // a link is found from both its ends even while the post holding its copy no longer keeps it (a revision)
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT k.post_id, k.position, c.post_id FROM (
                    SELECT post_id, position FROM paragraph WHERE post_id = ANY (?)
                    UNION ALL SELECT unnest(?::text[]), -1) AS k
                CROSS JOIN LATERAL (SELECT g.post_id FROM paragraph g
                    WHERE g.duplicate_of = k.post_id AND coalesce(g.duplicate_of_position, -1) = k.position
                    AND\s""" + LINK + " LIMIT ?) c")) {
            String[] ids = postIds.toArray(String[]::new);
            select.setArray(1, connection.createArrayOf("text", ids));
            select.setArray(2, connection.createArrayOf("text", ids));
            select.setInt(3, maxCopies + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Kept kept = new Kept(rs.getString(1), rs.getInt(2));
                    counted.merge(kept, 1, Integer::sum);
                    links.add(new Link(rs.getString(3), kept));
                }
            }
        }
        copies.putAll(counted);
        // links from these posts, to paragraphs whose copies are not counted yet
        Map<Kept, Integer> uncounted = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT g.post_id, g.duplicate_of, coalesce(g.duplicate_of_position, -1) FROM paragraph g "
                        + "WHERE g.post_id = ANY (?) AND " + LINK)) {
            select.setArray(1, connection.createArrayOf("text", postIds.toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Kept kept = new Kept(rs.getString(2), rs.getInt(3));
                    links.add(new Link(rs.getString(1), kept));
                    if (!copies.containsKey(kept)) {
                        uncounted.put(kept, maxCopies + 1);
                    }
                }
            }
        }
        copiers(connection, uncounted).forEach((kept, posts) -> copies.put(kept, posts.size()));
        return links;
    }

    /** The stored posts among these, with their publication time and story as stored. */
    private static Map<String, Stored> posts(Connection connection, Set<String> postIds) throws SQLException {
        Map<String, Stored> posts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT post_id, published_at, story_id FROM post WHERE post_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", postIds.toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    posts.put(rs.getString(1), new Stored(rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
                }
            }
        }
        return posts;
    }

    private static List<String> stored(Connection connection, String sql, Set<String> postIds) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("text", postIds.toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * Stores the new story, and a new event id, of each post whose story changed, and rewrites the rows of every story
     * before and after.
     */
    private static void write(Connection connection, Map<String, Stored> posts, Map<String, String> storyIds)
            throws SQLException {
        Set<String> stories = new HashSet<>(storyIds.values());
        posts.values().forEach(p -> stories.add(p.storyId));
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE post SET story_id = ?, event_id = nextval('post_event_seq') WHERE post_id = ?")) {
            // in postId order: the event ids of one write follow one order, whatever the map's
            for (Stored p : posts.values().stream().sorted(Comparator.comparing(Stored::postId)).toList()) {
                String storyId = storyIds.get(p.postId);
                if (!storyId.equals(p.storyId)) {
                    update.setString(1, storyId);
                    update.setString(2, p.postId);
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
        String[] ids = stories.toArray(String[]::new);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM story WHERE story_id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("text", ids));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO story (story_id, post_count, first_published_at, last_published_at)
                SELECT story_id, count(*), min(published_at), max(published_at) FROM post
                WHERE story_id = ANY (?) GROUP BY story_id""")) {
            insert.setArray(1, connection.createArrayOf("text", ids));
            insert.executeUpdate();
        }
    }
}
