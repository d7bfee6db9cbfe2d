package newsfeed.store.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import newsfeed.store.db.PostQueries;

/** The opaque {@code next}/{@code after} cursor: base64url of {@code <publishedAt ISO-8601>|<postId>}. */
final class PageCursor {

    private PageCursor() {
    }

    static String encode(PostQueries.Cursor cursor) {
        String plain = cursor.publishedAt() + "|" + cursor.postId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadParameterException naming {@code after} if the cursor was not made by {@link #encode} */
    static PostQueries.Cursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar > 0) {
                return new PostQueries.Cursor(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw new BadParameterException("after", "is not a cursor from a previous page's \"next\"");
    }
}
