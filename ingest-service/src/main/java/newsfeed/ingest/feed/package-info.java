/**
 * RSS/Atom feeds polled continuously (DESIGN §7, issue 4).
 *
 * <p>Subscriptions ({@link newsfeed.ingest.feed.FeedsResource}, {@code /api/feeds}) live in the compacted topic
 * {@code feeds.subscriptions} ({@link newsfeed.ingest.feed.FeedSubscriptions}). {@link newsfeed.ingest.feed.FeedPoller}
 * ticks every second and runs a {@link newsfeed.ingest.feed.FeedPoll} for each feed that is due:
 * <pre>
 *  conditional GET (FeedFetcher over net.GuardedHttpClient: public addresses only, every redirect checked)
 *        │ 304 ─► nothing new
 *        │ 200
 *        ▼
 *  bytes ─► FeedDecoder (BOM, Content-Type, XML declaration, UTF-8; windows-1252 repair)
 *        ─► FeedXmlHealer (HTML entities, DOCTYPE, bare &amp;) ─► FeedParser (JDOM + Rome)
 *        ─► FeedItemMapper (ItemIdentity, FeedDates) ─► SeenItems (new or changed only) ─► posts.raw
 *        ─► FeedMemory (what was published, in feeds.seen-items, read back at start-up)
 *  any failure ─► the feed's status (lastStatus, lastError without internal detail) and back-off (PollSchedule)
 * </pre>
 */
package newsfeed.ingest.feed;
