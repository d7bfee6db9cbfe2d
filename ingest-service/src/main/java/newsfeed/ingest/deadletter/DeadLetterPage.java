package newsfeed.ingest.deadletter;

import java.util.List;

/**
 * The body of {@code GET /api/dead-letters}.
 *
 * @param items the dead letters, by partition then offset
 * @param next  the cursor to pass as {@code after} for the following page, null when the listing reached the end
 *              offsets taken at the request's start. A page can hold fewer than {@code limit} items and still have a
 *              {@code next}: when the read time ran out first ({@code newsfeed.dead-letters.read-timeout}), it is
 *              the last record read.
 */
public record DeadLetterPage(List<DeadLetterView> items, String next) {
}
