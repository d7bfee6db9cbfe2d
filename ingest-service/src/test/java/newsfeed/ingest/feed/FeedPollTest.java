package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.zip.GZIPOutputStream;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.net.AddressPolicy;
import newsfeed.testsupport.LogCapture;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One feed polled again and again against a real HTTP server on 127.0.0.1: conditional GET, what is published
 * when, and how each kind of failure is recorded and backed off. The publisher collects the posts (Kafka is
 * covered by FeedsResourceTest and the e2e tests). The fetcher allows private addresses, as the server is on
 * loopback, except in the tests of the address guard, which allow 127.0.0.1 alone.
 */
class FeedPollTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What the test server answers; changed by the tests between polls. */
    private volatile int status = 200;
    private volatile byte[] body = new byte[0];
    private volatile String contentType = "application/rss+xml; charset=utf-8";
    private volatile String etag = "\"v1\"";
    private volatile String lastModified = "Thu, 25 Jul 2024 10:00:00 GMT";
    private volatile boolean honourValidators = true;
    private volatile boolean gzip;
    private volatile long delayMillis;
    private volatile String retryAfter;
    private volatile String cacheControl;
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private final List<String> ifModifiedSince = new CopyOnWriteArrayList<>();

    private HttpServer server;
    private String url;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<List<RawPost>> published = new ArrayList<>();
    private volatile RuntimeException publishFailure;
    /** What the memory was given, as {@link SeenItems#entries} at the time of each write. */
    private final List<List<String>> remembered = new ArrayList<>();
    private volatile RuntimeException memoryFailure;
    private FeedFetcher fetcher;
    private FeedPoll poll;
    private FeedState state;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.xml", this::serve);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
        fetcher = new FeedFetcher(new AddressPolicy(true, List.of()), Duration.ofSeconds(2), Duration.ofSeconds(2), 5,
                4, 64 * 1024, "test");
        poll = poll(fetcher, 1000);
        state = new FeedState(new FeedSubscription(FeedSubscription.idOf(url), url, (int) INTERVAL.toSeconds(),
                "bay", clock.instant()), 1000, clock.instant());
        body = feed(item("bay-1", "Tugboat festival on Sunday", "https://bay.example/tug?utm_source=rss"),
                item("bay-2", "Pier lights replaced", "https://bay.example/pier"));
    }

    private FeedPoll poll(FeedFetcher with, int maxItems) {
        return new FeedPoll(with, posts -> {
            if (publishFailure != null) {
                throw publishFailure;
            }
            // as RawPostPublisher refuses a post above Kafka's record limit: the whole request, before sending
            List<String> tooLarge = posts.stream().filter(p -> p.title() != null && p.title().contains("huge"))
                    .map(RawPost::postId).toList();
            if (!tooLarge.isEmpty()) {
                throw new InvalidRequestException("post too large", tooLarge);
            }
            published.add(posts);
        }, (subscription, seen) -> {
            if (memoryFailure != null) {
                throw memoryFailure;
            }
            assertThat(subscription.url()).isEqualTo(url);
            remembered.add(seen.entries(FeedMemory.MAX_ENTRIES));
        }, clock, MAX_BACKOFF, maxItems);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        ifNoneMatch.add(String.valueOf(inm));
        ifModifiedSince.add(String.valueOf(ims));
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        if (cacheControl != null) {
            exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        }
        if (status == 200 && honourValidators && etag != null && etag.equals(inm)) {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        byte[] payload = status == 200 ? body : "<html>server error</html>".getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(payload);
            }
            payload = out.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().add("Content-Type", contentType);
        if (status == 200 && etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Last-Modified", lastModified);
        }
        exchange.sendResponseHeaders(status, payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        } catch (IOException e) {
            // the client gave up (timeout and size tests)
        }
    }

    private static String item(String guid, String title, String link) {
        return "<item><title>" + title + "</title><guid isPermaLink=\"false\">" + guid + "</guid><link>"
                + link.replace("&", "&amp;") + "</link><pubDate>Thu, 25 Jul 2024 10:15:00 GMT</pubDate>"
                + "<description>&lt;p&gt;" + title + ", the details.&lt;/p&gt;</description></item>";
    }

    private static byte[] feed(String... items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Bay</title>"
                + String.join("", items) + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    private FeedStatus pollNow() {
        assertThat(state.tryStart(clock.instant())).as("the feed is due").isTrue();
        poll.run(state);
        return state.status();
    }

    private List<String> titles(int batch) {
        return published.get(batch).stream().map(RawPost::title).toList();
    }

    /**
     * A trial unsubscribed a feed while its server took 20 s to answer: DELETE answered 204, and 17 s later the poll
     * published the feed's item. A subscription ended during its poll publishes nothing.
     */
    @Test
    void aFeedUnsubscribedDuringItsPollPublishesNothing() throws Exception {
        delayMillis = 1500;
        assertThat(state.tryStart(clock.instant())).isTrue();
        java.util.concurrent.CompletableFuture<FeedPoll.Outcome> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> poll.run(state));
        Thread.sleep(300);

        state.unsubscribe();

        assertThat(running.get(10, java.util.concurrent.TimeUnit.SECONDS).published()).isZero();
        assertThat(published).isEmpty();
        assertThat(remembered).isEmpty();
    }

    @Test
    void theFirstPollPublishesEveryItemAndTheSecondIsAnswered304() {
        FeedStatus first = pollNow();

        assertThat(published).hasSize(1);
        assertThat(titles(0)).containsExactly("Tugboat festival on Sunday", "Pier lights replaced");
        assertThat(published.get(0).get(0).url()).isEqualTo("https://bay.example/tug");
        assertThat(first.lastStatus()).isEqualTo("200");
        assertThat(first.lastError()).isNull();
        assertThat(first.itemsSeen()).isEqualTo(2);
        assertThat(first.itemsPublished()).isEqualTo(2);
        assertThat(first.lastItemCount()).isEqualTo(2);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.lastFetchAt()).isEqualTo(clock.instant());
        assertThat(first.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL));
        assertThat(ifNoneMatch).containsExactly("null");

        clock.advance(INTERVAL);
        FeedStatus second = pollNow();

        assertThat(ifNoneMatch).containsExactly("null", "\"v1\"");
        assertThat(ifModifiedSince).containsExactly("null", "Thu, 25 Jul 2024 10:00:00 GMT");
        assertThat(second.lastStatus()).isEqualTo("304");
        assertThat(second.itemsPublished()).isEqualTo(2);
        assertThat(published).hasSize(1);
        assertThat(second.etag()).isEqualTo("\"v1\"");
        assertThat(second.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL));
    }

    @Test
    void withoutValidatorsRePollingAddsOnlyNewChangedAndNothingTrackedAgain() {
        honourValidators = false;
        pollNow();

        clock.advance(INTERVAL);
        pollNow();
        assertThat(published).as("same document again").hasSize(1);

        body = feed(item("bay-3", "Harbour choir sings tonight", "https://bay.example/choir"),
                item("bay-1", "Tugboat festival moved to Monday", "https://bay.example/tug"),
                item("bay-2", "Pier lights replaced", "https://bay.example/pier?utm_campaign=x&fbclid=1#xtor=RSS-3"));
        clock.advance(INTERVAL);
        FeedStatus status = pollNow();

        assertThat(titles(1)).containsExactly("Harbour choir sings tonight", "Tugboat festival moved to Monday");
        assertThat(published.get(1).get(1).postId()).isEqualTo("bay:bay-1");
        assertThat(status.itemsSeen()).isEqualTo(3);
        assertThat(status.itemsPublished()).isEqualTo(4);
    }

    @Test
    void itemsOfOneDocumentSharingAGuidAreAllPublishedAndEachEditIsARevisionOfItsOwnPost() {
        // Issue 12: two items of one document with one guid but other titles and bodies: only the first was
        // published, the second lost.
        honourValidators = false;
        body = feed(sharedGuid("Ferry timetable", "Boats every hour."), sharedGuid("Market hours", "Open 8 to 14."),
                sharedGuid("Ferry timetable", "Boats every hour."));
        pollNow();

        assertThat(titles(0)).containsExactly("Ferry timetable", "Market hours");
        String ferry = published.get(0).get(0).postId();
        String market = published.get(0).get(1).postId();
        assertThat(ferry).isEqualTo("bay:bay-live");
        assertThat(market).isEqualTo("bay:bay-live#" + ItemIdentity.HASH_PREFIX
                + ItemIdentity.sha256("Market hours\n<p>Open 8 to 14.</p>").substring(0, 16));

        // the first item's body edited, the second unchanged: one revision, of the first post
        body = feed(sharedGuid("Ferry timetable", "Boats every half hour."), sharedGuid("Market hours",
                "Open 8 to 14."));
        clock.advance(INTERVAL);
        pollNow();

        assertThat(published).hasSize(2);
        assertThat(published.get(1)).extracting(RawPost::postId).containsExactly(ferry);
        assertThat(published.get(1).get(0).body()).isEqualTo("<p>Boats every half hour.</p>");

        // the guid alone in its document again, edited: still the first post
        body = feed(sharedGuid("Ferry timetable (winter)", "Boats every two hours."));
        clock.advance(INTERVAL);
        pollNow();

        assertThat(published.get(2)).extracting(RawPost::postId).containsExactly(ferry);
    }

    private static String sharedGuid(String title, String text) {
        return "<item><title>" + title + "</title><guid isPermaLink=\"false\">bay-live</guid>"
                + "<description>&lt;p&gt;" + text + "&lt;/p&gt;</description></item>";
    }

    @Test
    void anUnparseableDateIsAWarningWithTheRawTextAndAZonelessOneSaysUtcWasAssumedOncePerPublishedItem() {
        // Issue 12: an unparseable date left no warning with its raw text; a date without zone was taken as UTC
        // silently
        honourValidators = false;
        body = feed("<item><title>Bad date</title><guid>bay-8</guid><pubDate>sometime last Tuesday</pubDate>"
                + "<description>x</description></item>", "<item><title>No zone</title><guid>bay-9</guid>"
                + "<pubDate>Thu, 25 Jul 2024 10:15:00</pubDate><description>y</description></item>",
                "<item><title>Fine</title><guid>bay-10</guid><pubDate>Thu, 25 Jul 2024 10:15:00 GMT</pubDate>"
                + "<description>z</description></item>");
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of(FeedPoll.class.getName())) {
            pollNow();
            clock.advance(INTERVAL);
            pollNow();
            records = log.records();
        }

        String feed = "feed " + state.subscription().id() + " " + url;
        assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue()
                && formatted(r).contains("date")).extracting(r -> r.getLevel().getName() + " " + formatted(r))
                .containsExactly(
                        "WARN " + feed + ": item bay-8: unparseable date \"sometime last Tuesday\": publishedAt left "
                                + "to the normalizer, the text kept in attribute publishedAt.unparsed",
                        "INFO " + feed + ": item bay-9: date \"Thu, 25 Jul 2024 10:15:00\" has no zone: read as UTC");
    }

    /** Issue 12: an item's author, its enclosure's media type and an assumed zone never reached the store. */
    @Test
    void anItemsAuthorEnclosureTypeAndAssumedZoneAreAttributesOfItsPost() {
        body = feed("<item><title>Tug</title><guid>bay-11</guid><author>desk@bay.example (Ada Quill)</author>"
                + "<enclosure url=\"https://bay.example/tug.mp3\" length=\"1\" type=\"audio/mpeg\"/>"
                + "<pubDate>Thu, 25 Jul 2024 10:15:00</pubDate><description>x</description></item>",
                "<item><title>Plain</title><guid>bay-12</guid><pubDate>Thu, 25 Jul 2024 10:15:00 GMT</pubDate>"
                + "<description>y</description></item>");

        pollNow();

        assertThat(published).hasSize(1);
        RawPost described = published.get(0).get(0);
        assertThat(described.attributes()).containsEntry(RawPost.ATTR_AUTHOR, "desk@bay.example (Ada Quill)")
                .containsEntry(RawPost.ATTR_MEDIA_TYPE, "audio/mpeg").containsEntry(RawPost.ATTR_ZONE_ASSUMED, "true");
        assertThat(published.get(0).get(1).attributes()).doesNotContainKeys(RawPost.ATTR_AUTHOR,
                RawPost.ATTR_MEDIA_TYPE, RawPost.ATTR_ZONE_ASSUMED);
    }

    private static String formatted(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    @Test
    void aLinkRepublishedWithTrackingParametersIsTheSamePost() {
        honourValidators = false;
        body = feed("<item><title>Ferry strike called off</title><link>https://bay.example/ferry?id=4</link>"
                + "<description>Crews return.</description></item>");
        pollNow();

        body = feed("<item><title>Ferry strike called off</title>"
                + "<link>https://bay.example/ferry?utm_source=tw&amp;id=4&amp;gclid=77#at_medium=social</link>"
                + "<description>Crews return.</description></item>");
        clock.advance(INTERVAL);
        pollNow();

        assertThat(published).hasSize(1);
        assertThat(published.get(0).get(0).postId()).isEqualTo("bay:https://bay.example/ferry?id=4");
    }

    @Test
    void aRedirectWithoutLocationSaysSo() {
        // a helper's trial: lastError "HTTP 302" did not say what was wrong with a redirect
        status = 302;

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo("302");
        assertThat(failed.lastError()).isEqualTo("feed " + url + ": HTTP 302 (a redirect without a Location header)");

        // a 300 is no redirect the client follows, with a Location or without (a review)
        status = 300;
        clock.advance(INTERVAL.multipliedBy(2));
        assertThat(pollNow().lastError()).isEqualTo("feed " + url + ": HTTP 300");
    }

    @Test
    void serverErrorsBackOffExponentiallyAndASuccessResets() {
        pollNow();
        status = 500;

        clock.advance(INTERVAL);
        FeedStatus once = pollNow();
        assertThat(once.lastStatus()).isEqualTo("500");
        assertThat(once.lastError()).isEqualTo("feed " + url + ": HTTP 500");
        assertThat(once.consecutiveFailures()).isEqualTo(1);
        assertThat(once.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(2)));
        assertThat(state.tryStart(clock.instant().plus(INTERVAL))).as("not due before the back-off").isFalse();

        clock.advance(INTERVAL.multipliedBy(2));
        FeedStatus twice = pollNow();
        assertThat(twice.consecutiveFailures()).isEqualTo(2);
        assertThat(twice.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(4)));
        assertThat(twice.lastSuccessAt()).isEqualTo(once.lastFetchAt().minus(INTERVAL));

        status = 200;
        clock.advance(INTERVAL.multipliedBy(4));
        FeedStatus recovered = pollNow();
        assertThat(recovered.lastStatus()).isEqualTo("304");
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL));
    }

    @Test
    void whatAPollPublishedIsRememberedOnceAndAStateStartedFromItPublishesNothingOfTheSameDocument() {
        pollNow();
        assertThat(remembered).hasSize(1);
        assertThat(remembered.get(0)).hasSize(2).allMatch(e -> e.matches("[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{22}"));

        clock.advance(INTERVAL);
        pollNow();
        assertThat(remembered).as("a 304 publishes nothing, so there is nothing new to remember").hasSize(1);

        // a restart: the validators are gone (unconditional GET, 200), what was published is not
        SeenItems restored = new SeenItems(1000);
        restored.restore(remembered.get(0));
        state = new FeedState(state.subscription(), restored, clock.instant());
        FeedStatus afterRestart = pollNow();
        assertThat(afterRestart.lastStatus()).isEqualTo("200");
        assertThat(afterRestart.itemsPublished()).isZero();
        assertThat(published).hasSize(1);

        // a changed item after the restart is published, and only it
        etag = "\"v2\"";
        body = feed(item("bay-1", "Tugboat festival moved to Monday", "https://bay.example/tug"),
                item("bay-2", "Pier lights replaced", "https://bay.example/pier"));
        clock.advance(INTERVAL);
        pollNow();
        assertThat(titles(1)).containsExactly("Tugboat festival moved to Monday");
        assertThat(remembered).hasSize(2);
        assertThat(remembered.get(1)).hasSize(2).contains(remembered.get(0).get(1))
                .doesNotContain(remembered.get(0).get(0));
    }

    @Test
    void aMemoryKafkaDidNotTakeFailsThePollWithoutRepublishingAndIsWrittenAtTheNextPoll() {
        memoryFailure = new IllegalStateException("broker 10.0.0.7:9092 unreachable");

        FeedStatus failed = pollNow();

        assertThat(published).hasSize(1);
        assertThat(failed.lastStatus()).isEqualTo(FeedException.MEMORY_ERROR);
        assertThat(failed.lastError()).isEqualTo("feed " + url + ": items published, but Kafka did not take the "
                + "record of them; written again at the next poll (until then a restart would publish them once more)");
        assertThat(failed.lastError()).doesNotContain("10.0.0.7");
        assertThat(failed.consecutiveFailures()).isEqualTo(1);
        assertThat(remembered).isEmpty();

        memoryFailure = null;
        clock.advance(INTERVAL.multipliedBy(2));
        FeedStatus next = pollNow();

        assertThat(next.lastStatus()).as("the document did not change").isEqualTo("200");
        assertThat(published).as("nothing published twice").hasSize(1);
        assertThat(remembered).hasSize(1);
        assertThat(remembered.get(0)).hasSize(2);
        assertThat(next.consecutiveFailures()).isZero();
    }

    @Test
    void retryAfterOf503IsHonoured() {
        status = 503;
        retryAfter = "120";

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo("503");
        assertThat(failed.lastError()).isEqualTo("feed " + url + ": HTTP 503 (Retry-After 120 s)");
        assertThat(failed.nextPollAt()).isEqualTo(clock.instant().plusSeconds(120));
    }

    /** Issue 12, acceptance 3: a 429 with Retry-After 120 is not polled again before 120 s. */
    @Test
    void retryAfterOf429IsHonouredAndTheFeedIsNotDueBefore() {
        status = 429;
        retryAfter = "120";

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo("429");
        assertThat(failed.nextPollAt()).isEqualTo(clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertThat(state.tryStart(clock.instant())).as("119 s later").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(state.tryStart(clock.instant())).as("120 s later").isTrue();
    }

    /** Issue 12: a document its server declares fresh for longer than the interval is not fetched again meanwhile. */
    @Test
    void aFreshnessLifetimeLongerThanTheIntervalIsAFloorOnTheNextPoll() {
        cacheControl = "public, max-age=300";

        FeedStatus fresh = pollNow();

        assertThat(fresh.freshForSeconds()).isEqualTo(300);
        assertThat(fresh.nextPollAt()).isEqualTo(clock.instant().plusSeconds(300));

        cacheControl = "max-age=5";
        clock.advance(Duration.ofSeconds(300));
        FeedStatus shorter = pollNow();
        assertThat(shorter.nextPollAt()).as("never sooner than the interval").isEqualTo(clock.instant().plus(INTERVAL));

        cacheControl = "no-cache, max-age=900";
        clock.advance(INTERVAL);
        FeedStatus none = pollNow();
        assertThat(none.freshForSeconds()).isNull();
        assertThat(none.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL));
    }

    /**
     * A helper's trial: an item with a guid, an empty title and an empty description was stored as a post of nothing
     * (no title, no paragraphs), which {@code POST /api/posts} refuses. It is left out and counted as ignored, as is
     * one whose HTML shows no text; an item with a title alone is a headline, and one of a link or an enclosure alone
     * names something: they are published.
     */
    @Test
    void anItemOfNeitherTitleNorTextIsLeftOutAndCounted() {
        body = feed(item("bay-1", "Tugboat festival on Sunday", "https://bay.example/tug"),
                "<item><guid isPermaLink=\"false\">bay-2</guid><title></title><description></description></item>",
                "<item><guid isPermaLink=\"false\">bay-3</guid><title> </title>"
                        + "<description>&lt;p&gt;&lt;br&gt;&lt;/p&gt;</description></item>",
                "<item><guid isPermaLink=\"false\">bay-4</guid><title>Pier lights replaced</title></item>",
                // a podcast's episode of an enclosure alone, and an item of a link alone, name something: kept
                "<item><guid isPermaLink=\"false\">bay-5</guid><enclosure url=\"https://bay.example/ep5.mp3\" "
                        + "type=\"audio/mpeg\" length=\"1\"/></item>",
                "<item><guid isPermaLink=\"false\">bay-6</guid><link>https://bay.example/six</link></item>");

        FeedStatus status = pollNow();

        assertThat(status.lastStatus()).isEqualTo("200");
        assertThat(status.lastItemCount()).isEqualTo(6);
        assertThat(status.lastItemsIgnored()).isEqualTo(2);
        assertThat(published.stream().flatMap(List::stream).map(RawPost::externalId))
                .containsExactly("bay-1", "bay-4", "bay-5", "bay-6");
    }

    /**
     * Helper trial: one item above Kafka's record limit made every poll fail as "Kafka did not take them", and the
     * feed's other items, new ones too, were never published. The item too large is left out (counted as ignored,
     * logged with its id), the others are published, and the poll is a success.
     */
    @Test
    void anItemTooLargeForKafkaIsLeftOutAndTheOthersArePublished() {
        body = feed(item("bay-1", "Tugboat festival on Sunday", "https://bay.example/tug"),
                item("bay-2", "A huge item", "https://bay.example/huge"),
                item("bay-3", "Pier lights replaced", "https://bay.example/pier"));

        FeedStatus first = pollNow();

        assertThat(first.lastStatus()).isEqualTo("200");
        assertThat(first.lastError()).isNull();
        assertThat(first.lastItemsIgnored()).isEqualTo(1);
        assertThat(published.stream().flatMap(List::stream).map(RawPost::title))
                .containsExactly("Tugboat festival on Sunday", "Pier lights replaced");

        // the next poll of the same document publishes nothing again, and does not fail on the huge item
        clock.advance(INTERVAL.multipliedBy(2));
        int batches = published.size();
        honourValidators = false;
        FeedStatus second = pollNow();
        assertThat(second.lastStatus()).isEqualTo("200");
        assertThat(published).hasSize(batches);
    }

    @Test
    void aFailedPublishKeepsNeitherTheItemsNorTheValidators() {
        publishFailure = new IllegalStateException("Kafka did not acknowledge");

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo(FeedException.PUBLISH_ERROR);
        assertThat(failed.lastError()).as("the cause is logged, not shown")
                .isEqualTo("feed " + url + ": 2 item(s) not published: Kafka did not take them; retried at the next poll");
        assertThat(failed.etag()).isNull();
        assertThat(failed.consecutiveFailures()).isEqualTo(1);

        publishFailure = null;
        clock.advance(INTERVAL.multipliedBy(2));
        FeedStatus retried = pollNow();

        assertThat(ifNoneMatch).containsExactly("null", "null");
        assertThat(retried.lastStatus()).isEqualTo("200");
        assertThat(titles(0)).hasSize(2);
    }

    @Test
    void undecodableBytesAreRecordedAsTheFeedsError() {
        body = FeedFixtures.bytes("rss2-undecodable-byte.xml");
        contentType = "application/rss+xml";

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo(FeedException.DECODE_ERROR);
        assertThat(failed.lastError()).isEqualTo("feed " + url + ": byte 0x81 at offset 494 is neither valid UTF-8 "
                + "nor a windows-1252 character (charset from the XML declaration)");
        assertThat(published).isEmpty();
    }

    @Test
    void aDocumentThatIsNotAFeedIsAParseError() {
        body = "<html><body>Moved</body></html>".getBytes(StandardCharsets.UTF_8);

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo(FeedException.PARSE_ERROR);
        assertThat(failed.lastError()).startsWith("feed " + url + ": not an RSS or Atom document (root <html>)");
    }

    @Test
    void aSlowServerTimesOut() {
        delayMillis = 3_000;

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo(FeedException.TIMEOUT);
        assertThat(failed.lastError()).startsWith("feed " + url + ": no ");
    }

    @Test
    void aDocumentAboveTheLimitIsRejected() {
        body = feed(item("big", "x".repeat(70 * 1024), "https://bay.example/big"));

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo(FeedException.TOO_LARGE);
        assertThat(failed.lastError()).isEqualTo("feed " + url + ": the document is larger than 65536 bytes");
    }

    @Test
    void gzipBodiesAreDecompressed() {
        gzip = true;

        FeedStatus status = pollNow();

        assertThat(status.lastStatus()).isEqualTo("200");
        assertThat(titles(0)).containsExactly("Tugboat festival on Sunday", "Pier lights replaced");
    }

    @Test
    void anUnreachableServerIsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String deadUrl = "http://127.0.0.1:" + closedPort + "/feed.xml";
        state = new FeedState(new FeedSubscription(FeedSubscription.idOf(deadUrl), deadUrl, 10, "bay",
                clock.instant()), 10, clock.instant());

        FeedStatus failed = pollNow();

        assertThat(failed.lastStatus()).isEqualTo(FeedException.CONNECTION_ERROR);
        assertThat(failed.lastError()).as("no exception, no address resolved or connected from")
                .isEqualTo("feed " + deadUrl + ": cannot connect: connection refused");
        assertThat(failed.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(2)));
    }

    @Test
    void onlyTheFirstItemsOfALongDocumentAreTakenAndTheRestCounted() {
        poll = poll(fetcher, 2);
        body = feed(item("bay-1", "First", "https://bay.example/1"), item("bay-2", "Second", "https://bay.example/2"),
                item("bay-3", "Third", "https://bay.example/3"), item("bay-4", "Fourth", "https://bay.example/4"),
                item("bay-5", "Fifth", "https://bay.example/5"));

        FeedStatus status = pollNow();

        assertThat(titles(0)).containsExactly("First", "Second");
        assertThat(status.lastStatus()).isEqualTo("200");
        assertThat(status.lastItemCount()).isEqualTo(5);
        assertThat(status.lastItemsIgnored()).isEqualTo(3);
        assertThat(status.itemsPublished()).isEqualTo(2);

        body = feed(item("bay-1", "First", "https://bay.example/1"));
        clock.advance(INTERVAL);
        etag = "\"v2\"";
        FeedStatus shorter = pollNow();
        assertThat(shorter.lastItemCount()).isEqualTo(1);
        assertThat(shorter.lastItemsIgnored()).isZero();
    }

    @Test
    void aRedirectToANonPublicAddressIsRecordedAsRefusedAndBackedOff() throws IOException {
        // the guard as in production, with only this test's server (127.0.0.1) allowed
        FeedFetcher guarded = new FeedFetcher(new AddressPolicy(false, List.of("127.0.0.1/32")),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 5, 4, 64 * 1024, "test");
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        List<String> otherRequests = new CopyOnWriteArrayList<>();
        other.createContext("/", exchange -> {
            otherRequests.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        other.start();
        String target = "http://127.0.0.2:" + other.getAddress().getPort() + "/feed.xml";
        server.createContext("/moved.xml", exchange -> {
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        String moved = "http://127.0.0.1:" + server.getAddress().getPort() + "/moved.xml";
        state = new FeedState(new FeedSubscription(FeedSubscription.idOf(moved), moved, 10, "bay", clock.instant()),
                10, clock.instant());
        try {
            poll = poll(guarded, 1000);
            FeedStatus refused = pollNow();

            assertThat(refused.lastStatus()).isEqualTo(FeedException.ADDRESS_NOT_ALLOWED);
            assertThat(refused.lastError()).isEqualTo("feed " + moved + ": address not allowed: 127.0.0.2 is in "
                    + "127.0.0.0/8, loopback (RFC 1122 §3.2.1.3) (after 1 redirect)");
            assertThat(refused.consecutiveFailures()).isEqualTo(1);
            assertThat(refused.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(2)));
            assertThat(published).isEmpty();
            assertThat(otherRequests).as("nothing reached 127.0.0.2").isEmpty();
        } finally {
            guarded.close();
            other.stop(0);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
