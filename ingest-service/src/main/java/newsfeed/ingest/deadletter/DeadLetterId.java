package newsfeed.ingest.deadletter;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.InvalidRequestException;

/**
 * A dead letter's identity: its partition and offset in {@code posts.dead-letter}. In a replay request
 * {@code {"partition": 0, "offset": 12}}; as a listing cursor {@code 0:12} ({@link #cursor()}).
 *
 * @param partition partition of {@code posts.dead-letter}, 0 or more
 * @param offset    offset in that partition, 0 or more
 */
public record DeadLetterId(@NotNull @PositiveOrZero Integer partition, @NotNull @PositiveOrZero Long offset) {

    private static final Pattern CURSOR = Pattern.compile("(\\d{1,9}):(\\d{1,18})");

    /** {@code <partition>:<offset>}, what {@link #parseCursor} reads. */
    public String cursor() {
        return partition + ":" + offset;
    }

    /**
     * @param cursor {@code <partition>:<offset>}, e.g. {@code 2:1375}, or null or blank for none
     * @return the position, or null for none
     * @throws InvalidRequestException naming the parameter {@code after} when the cursor has another form
     */
    public static DeadLetterId parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        Matcher matcher = CURSOR.matcher(cursor.strip());
        if (!matcher.matches()) {
            throw new InvalidRequestException("invalid cursor", List.of("after must be <partition>:<offset> as in "
                    + "the next of a page, e.g. 0:42, got " + ApiError.quote(cursor)));
        }
        return new DeadLetterId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }
}
