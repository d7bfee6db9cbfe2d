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
 *
 *  WebSub (W3C; WebSubSubscriber, when newsfeed.feeds.websub.callback-base is set): the hub a polled document names
 *  (WebSubDiscovery) is subscribed; a push to /api/websub/{id} (WebSubCallbackResource) with a valid X-Hub-Signature
 *  (WebSubSignature) goes through the same FeedPoll.process as a polled document, from FeedDecoder on
 * </pre>
 */
package newsfeed.ingest.feed;
