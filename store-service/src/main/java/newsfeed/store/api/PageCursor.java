package newsfeed.store.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import newsfeed.contracts.InstantRange;
import newsfeed.store.db.PostQueries;

/**
 * The opaque {@code next}/{@code after} cursor: base64url of {@code <rank or ->|<publishedAt ISO-8601>|<postId>}.
 * The rank is the search rank of the last row of a ranked listing ({@code q} given), {@code -} otherwise.
 */
final class PageCursor {

    private PageCursor() {
    }

    static String encode(PostQueries.Cursor cursor) {
        String plain = (cursor.rank() == null ? "-" : Float.toString(cursor.rank())) + "|" + cursor.publishedAt() + "|"
                + cursor.postId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param ranked whether the listing is ranked (then the cursor must carry a rank)
     * @throws BadParameterException naming {@code after} if the cursor was not made by {@link #encode} for such a
     *                               listing
     */
    static PostQueries.Cursor decode(String cursor, boolean ranked) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
                    .split("\\|", 3);
            if (parts.length == 3 && ranked != "-".equals(parts[0])) {
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
