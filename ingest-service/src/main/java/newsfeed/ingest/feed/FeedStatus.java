package newsfeed.ingest.feed;

import java.time.Instant;

/**
 * A subscription with its polling state, as {@code GET /api/feeds} shows it. The state is this instance's: each
 * instance of ingest-service polls on its own and keeps it in memory.
 *
 * @param id                  subscription id
 * @param url                 feed URL
 * @param intervalSeconds     seconds between polls when the feed answers
 * @param source              source slug of the feed's posts
 * @param createdAt           when the subscription was created
 * @param title               the feed's name for people, or null ({@link FeedSubscription#title()})
 * @param category            the folder path, names joined by {@code /} ({@code News/World}), or null
 *                            ({@link FeedSubscription#category()})
 * @param lastFetchAt         when the last poll started; null before the first
 * @param lastStatus          outcome of the last poll: the HTTP status ({@code "200"}, {@code "304"}, {@code "500"})
 *                            or a {@link FeedException} kind ({@code "address-not-allowed"},
 *                            {@code "redirect-error"}, {@code "timeout"}, {@code "connection-error"},
 *                            {@code "too-large"}, {@code "decode-error"}, {@code "parse-error"},
 *                            {@code "publish-error"}, {@code "memory-error"}, {@code "internal-error"}); null
 *                            before the first
 * @param lastError           what went wrong in the last poll, naming the feed and where, without internal detail
 *                            ({@code feed URL: cannot connect: connection refused}); null after a success
 * @param lastSuccessAt       when the last successful poll (200 or 304) started; null if none yet
 * @param consecutiveFailures failed polls since the last success; drives the back-off ({@link PollSchedule})
 * @param nextPollAt          when the feed is polled next; null if another instance polls it
 * @param itemsSeen           distinct items published from this feed since this instance started
 * @param itemsPublished      records published to {@code posts.raw} (new items and changed ones) since start
 * @param lastItemCount       items in the last document parsed; null before the first
 * @param lastItemsIgnored    items of that document beyond {@code newsfeed.feeds.max-items-per-document}, too
 *                            large for a record, or of neither title, text nor link, ignored;
 *                            null before the first
 * @param etag                the ETag sent as {@code If-None-Match} next time, or null
 * @param lastModified        the Last-Modified sent as {@code If-Modified-Since} next time, or null
 * @param polledHere          true if this instance polls the feed ({@link FeedOwnership}); false while another
 *                            instance does, and then every poll field above is empty (null or 0), as this instance
 *                            does not know them
 * @param kind                {@code feed} or {@code telegram} ({@link FeedSubscription#kind()})
 * @param backfill            for a channel, the posts its first poll publishes; 0 for a feed
 * @param freshForSeconds     the freshness lifetime the last answer declared ({@code Cache-Control: max-age},
 *                            {@code Expires}), which the next poll waits for when longer than the interval; null
 *                            when it declared none
 * @param webSub              the feed's WebSub subscription ({@link WebSubStatus}); null when another instance polls
 *                            the feed
 * @param waitingFor          why a poll that is due has not begun fetching: {@code "host-slot"} (every slot of the
 *                            feed's host, {@code newsfeed.feeds.max-concurrent-per-host}, is taken by polls of its
 *                            other feeds) or {@code "poll-thread"} (started, queued for one of the
 *                            {@code newsfeed.feeds.max-concurrent-polls} threads, all busy); null while it fetches,
 *                            is not due, or is due since the last tick (1 s); {@code nextPollAt} then says since when
 *                            it waits
 * @param itemIdScope         {@code feed} when the feed's local item ids (guids that are not URIs) are qualified by its
 *                            id in postIds, {@code <source>:<id>/<guid>}; {@code source} (or null, in subscriptions
 *                            older than scopes) when they name posts alone ({@link FeedSubscription#itemIdScope()})
 */
public record FeedStatus(String id, String url, int intervalSeconds, String source, Instant createdAt,
        String title, String category, Instant lastFetchAt, String lastStatus, String lastError,
        Instant lastSuccessAt, int consecutiveFailures, Instant nextPollAt, long itemsSeen, long itemsPublished,
        Integer lastItemCount, Integer lastItemsIgnored, String etag, String lastModified, boolean polledHere,
        String kind, int backfill, Long freshForSeconds, WebSubStatus webSub, String waitingFor,
        String itemIdScope) {
}
