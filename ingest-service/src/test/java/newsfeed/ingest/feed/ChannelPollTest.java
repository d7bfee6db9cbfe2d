package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.net.AddressPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Telegram channel followed through its web preview (issue 12, acceptance 1), against a local server that serves
 * the preview's pages the way t.me/s does: the newest 3 posts at the channel's URL, older ones at
 * {@code ?before=<id>}. The first poll backfills, later polls publish new and edited posts only.
 */
class ChannelPollTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final int PAGE = 3;

    /** The channel's posts by message id: text. */
    private final Map<Long, String> channel = new TreeMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<List<RawPost>> published = new ArrayList<>();
    private final FeedPollTest.MutableClock clock = new FeedPollTest.MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private HttpServer server;
    private String url;
    private FeedFetcher fetcher;
    private FeedPoll poll;

    @BeforeEach
    void start() throws IOException {
        for (long id = 1; id <= 8; id++) {
            channel.put(id, "Harbour note " + id + ": the ferry timetable for day " + id + ".");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/s/harbour_desk", this::serve);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/s/harbour_desk";
        fetcher = new FeedFetcher(new AddressPolicy(true, List.of()), Duration.ofSeconds(2), Duration.ofSeconds(2), 5,
                4, 1024 * 1024, "test");
        poll = new FeedPoll(fetcher, published::add, (subscription, seen) -> { }, clock, Duration.ofMinutes(5), 100);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        requests.add(query == null ? "" : query);
        long before = query != null && query.startsWith("before=") ? Long.parseLong(query.substring(7))
                : Long.MAX_VALUE;
        List<Long> ids = channel.keySet().stream().filter(id -> id < before).toList();
        List<Long> page = ids.subList(Math.max(0, ids.size() - PAGE), ids.size());
        StringBuilder html = new StringBuilder("<html><body><section class=\"tgme_channel_history\">");
        for (long id : page) {
            html.append("<div class=\"tgme_widget_message_wrap\"><div class=\"tgme_widget_message\" data-post=\"")
                    .append("harbour_desk/").append(id).append("\"><div class=\"tgme_widget_message_text\">")
                    .append(channel.get(id)).append("</div><a class=\"tgme_widget_message_date\" href=\"")
                    .append("https://t.me/harbour_desk/").append(id).append("\"><time datetime=\"2026-12-0")
                    .append(1 + id % 2).append("T0").append(id).append(":00:00+00:00\"></time></a></div></div>");
        }
        byte[] payload = html.append("</section></body></html>").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        }
    }

    private FeedState follow(int backfill) {
        return new FeedState(new FeedSubscription(FeedSubscription.idOf(url), url, (int) INTERVAL.toSeconds(),
                "harbour_desk", clock.instant(), null, null, FeedSubscription.KIND_TELEGRAM, backfill), 1000,
                clock.instant());
    }

    private FeedStatus pollNow(FeedState state) {
        assertThat(state.tryStart(clock.instant())).as("the channel is due").isTrue();
        poll.run(state);
        clock.advance(INTERVAL);
        return state.status();
    }

    private List<String> publishedIds(int batch) {
        return published.get(batch).stream().map(RawPost::postId).toList();
    }

    @Test
    void theFirstPollBackfillsThroughOlderPagesThenNewAndEditedPostsArePublishedAtTheNextPoll() {
        FeedState state = follow(5);

        FeedStatus first = pollNow(state);

        assertThat(first.lastError()).isNull();
        assertThat(requests).containsExactly("", "before=6");
        assertThat(publishedIds(0)).containsExactly("harbour_desk:4", "harbour_desk:5", "harbour_desk:6",
                "harbour_desk:7", "harbour_desk:8");
        assertThat(published.get(0).get(4).body()).isEqualTo("Harbour note 8: the ferry timetable for day 8.");
        assertThat(published.get(0).get(4).publishedAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));

        pollNow(state);
        assertThat(published).as("nothing new, nothing published").hasSize(1);

        channel.put(8L, "Harbour note 8: the ferry timetable for day 8 changes: the last boat leaves at 22:00.");
        channel.put(9L, "Harbour note 9: the pier lights are replaced.");
        FeedStatus third = pollNow(state);

        assertThat(publishedIds(1)).containsExactly("harbour_desk:8", "harbour_desk:9");
        assertThat(published.get(1).get(0).body()).endsWith("the last boat leaves at 22:00.");
        assertThat(requests).as("later polls read the newest page only").containsExactly("", "before=6", "", "");
        assertThat(third.itemsPublished()).isEqualTo(7);
        assertThat(third.kind()).isEqualTo(FeedSubscription.KIND_TELEGRAM);
    }

    /**
     * A channel followed under a source another subscription has ({@link FeedSubscription#scopedAmong}): its message
     * ids are qualified by its subscription's id, and the backfill still pages by message id.
     */
    @Test
    void aQualifiedChannelPublishesItsPostsUnderItsIdAndBackfillsByMessageId() {
        FeedSubscription other = new FeedSubscription("0123456789abcdef", "https://t.me/s/ferry_desk", 60,
                "harbour_desk", clock.instant(), null, null, FeedSubscription.KIND_TELEGRAM, 20)
                .scopedAmong(null, List.of());
        FeedSubscription qualified = new FeedSubscription(FeedSubscription.idOf(url), url, (int) INTERVAL.toSeconds(),
                "harbour_desk", clock.instant(), null, null, FeedSubscription.KIND_TELEGRAM, 5)
                .scopedAmong(null, List.of(other));
        FeedState state = new FeedState(qualified, 1000, clock.instant());

        pollNow(state);

        String prefix = "harbour_desk:" + FeedSubscription.idOf(url) + "/";
        assertThat(requests).containsExactly("", "before=6");
        assertThat(publishedIds(0)).containsExactly(prefix + 4, prefix + 5, prefix + 6, prefix + 7, prefix + 8);
        assertThat(published.get(0).get(0).externalId()).isEqualTo(FeedSubscription.idOf(url) + "/4");
        assertThat(published.get(0).get(0).source()).isEqualTo("harbour_desk");

        channel.put(9L, "Harbour note 9: the pier lights are replaced.");
        pollNow(state);
        assertThat(publishedIds(1)).containsExactly(prefix + 9);
    }

    @Test
    void aBackfillOfZeroPublishesOnlyPostsThatAppearAfterTheSubscription() {
        FeedState state = follow(0);

        pollNow(state);
        assertThat(published).isEmpty();
        assertThat(requests).containsExactly("");

        channel.put(9L, "Harbour note 9: the pier lights are replaced.");
        pollNow(state);
        assertThat(publishedIds(0)).containsExactly("harbour_desk:9");
    }

    @Test
    void aBackfillBeyondTheChannelsFirstPostStopsThere() {
        FeedState state = follow(50);

        pollNow(state);

        assertThat(publishedIds(0)).hasSize(8).first().isEqualTo("harbour_desk:1");
        assertThat(requests).containsExactly("", "before=6", "before=3", "before=1");
    }

    @Test
    void aPageWithoutMessagesIsAParseErrorNamingTheChannel() {
        channel.clear();
        FeedState state = follow(5);

        FeedStatus status = pollNow(state);

        assertThat(status.lastStatus()).isEqualTo(FeedException.PARSE_ERROR);
        assertThat(status.lastError()).isEqualTo("channel " + url
                + ": the page shows no message (no such public channel, or its preview is off)");
        assertThat(published).isEmpty();
    }
}
