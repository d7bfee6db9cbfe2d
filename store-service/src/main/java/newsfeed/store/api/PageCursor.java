package newsfeed.store.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import newsfeed.contracts.InstantRange;
import newsfeed.store.db.PostQueries;

/**
 * The opaque {@code next}/{@code after} cursor: base64url of {@code <kind>|<publishedAt ISO-8601>|<id>}. The kind is
 * the search rank of the last row of a ranked listing of posts ({@code q} given), {@code -} for a listing of posts
 * without search, {@code s} for a listing of stories (the time of its newest post and its storyId): a cursor of one
 * listing is refused by the others, whose keys it does not hold (a helper's trial paged stories with a posts cursor).
 */
final class PageCursor {

    private PageCursor() {
    }

    /** The kind of a listing of posts without search. */
    private static final String POSTS = "-";
    /** The kind of a listing of stories. */
    private static final String STORIES = "s";

    /** A cursor of a listing of posts: ranked when the cursor has a rank. */
    static String encode(PostQueries.Cursor cursor) {
        return encode(cursor.rank() == null ? POSTS : Float.toString(cursor.rank()), cursor);
    }

    /** A cursor of a listing of stories: {@code cursor.postId()} is the storyId, and it has no rank. */
    static String encodeStories(PostQueries.Cursor cursor) {
        return encode(STORIES, cursor);
    }

    private static String encode(String kind, PostQueries.Cursor cursor) {
        String plain = kind + "|" + cursor.publishedAt() + "|" + cursor.postId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param ranked whether the listing of posts is ranked (then the cursor must carry a rank)
     * @throws BadParameterException naming {@code after} if the cursor was not made by {@link #encode} for such a
     *                               listing
     */
    static PostQueries.Cursor decode(String cursor, boolean ranked) {
        return decode(cursor, ranked ? null : POSTS);
    }

    /** @throws BadParameterException naming {@code after} unless {@link #encodeStories} made the cursor */
    static PostQueries.Cursor decodeStories(String cursor) {
        return decode(cursor, STORIES);
    }

    /** @param kind the listing's kind; null for a ranked listing, whose cursors carry a rank */
    private static PostQueries.Cursor decode(String cursor, String kind) {
        boolean ranked = kind == null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
                    .split("\\|", 3);
            boolean ofKind = ranked ? !POSTS.equals(parts[0]) && !STORIES.equals(parts[0]) : kind.equals(parts[0]);
            if (parts.length == 3 && ofKind) {
                Float rank = ranked ? Float.valueOf(parts[0]) : null;
                Instant publishedAt = Instant.parse(parts[1]);
                // Only encode() makes cursors, but a client can forge one: what it holds goes to PostgreSQL.
                if ((rank == null || Float.isFinite(rank)) && InstantRange.contains(publishedAt)
                        && ParameterChecks.problem(parts[2]) == null) {
                    return new PostQueries.Cursor(rank, publishedAt, parts[2]);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw new BadParameterException("after", "is not a cursor from a previous page's \"next\" of this listing");
    }
}
