package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * How {@link FeedMemory} takes the records of {@code feeds.seen-items} it reads when feeds are taken over. Writing and
 * reading them through a real broker, across a restart of ingest-service, is {@code FeedRestartIT} (e2e).
 */
class FeedMemoryTest {

    private static final String URL = "https://bay.example/rss.xml";
    private static final FeedSubscription BAY = new FeedSubscription(FeedSubscription.idOf(URL), URL, 60, "bay",
            Instant.EPOCH);
    private static final List<RawPost> ITEMS = List.of(post("1", "Tugboat festival"), post("2", "Pier lights"));

    private final FeedMemory memory = new FeedMemory();
    private final Map<String, FeedMemory.RememberedFeed> read = new HashMap<>();
    private final Set<String> stored = new HashSet<>();
    private long offset;

    private static RawPost post(String id, String body) {
        return new RawPost("bay:" + id, "bay", id, SourceType.RSS, Instant.EPOCH, null, body, null,
                RawPost.TEXT_HTML, body, Map.of());
    }

    private static List<String> publishedEntries() {
        SeenItems seen = new SeenItems(10);
        seen.published(ITEMS);
        return seen.entries(FeedMemory.MAX_ENTRIES);
    }

    private void read(String key, byte[] value) {
        memory.apply(new ConsumerRecord<>(Topics.FEEDS_SEEN_ITEMS, 0, offset++, key, value), read, stored);
    }

    /** Keeps what was read for every feed, all of them subscribed but {@code unsubscribed}. */
    private List<String> keepAll(String... unsubscribed) {
        return memory.keep(read, stored, id -> true, id -> !List.of(unsubscribed).contains(id));
    }

    private void read(String key, FeedMemory.RememberedFeed feed) {
        read(key, new JsonSerde<>(FeedMemory.RememberedFeed.class).serialize(Topics.FEEDS_SEEN_ITEMS, feed));
    }

    @Test
    void aFeedRememberedForTheSameUrlAndSourceStartsWithItsItemsOnce() {
        read(BAY.id(), new FeedMemory.RememberedFeed(URL, "bay", publishedEntries()));
        assertThat(keepAll()).isEmpty();

        SeenItems first = memory.seenItems(BAY, 100);
        assertThat(first.unpublished(ITEMS)).isEmpty();
        assertThat(first.unpublished(List.of(post("2", "Pier lights"), post("3", "Choir"))))
                .extracting(RawPost::externalId).containsExactly("3");
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).as("handed out once, then dropped").hasSize(2);
    }

    @Test
    void aRecordOfAnotherUrlOrSourceIsNotTaken() {
        read(BAY.id(), new FeedMemory.RememberedFeed("https://bay.example/old.xml", "bay", publishedEntries()));
        keepAll();
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).hasSize(2);

        read(BAY.id(), new FeedMemory.RememberedFeed(URL, "harbour", publishedEntries()));
        keepAll();
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).hasSize(2);
    }

    @Test
    void theLastRecordOfAKeyWinsATombstoneForgetsAndAnUnreadableOneIsIgnored() {
        read(BAY.id(), new FeedMemory.RememberedFeed(URL, "bay", publishedEntries()));
        read(BAY.id(), (byte[]) null);
        assertThat(keepAll(BAY.id())).as("a tombstone leaves nothing to forget").isEmpty();
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).hasSize(2);

        read(BAY.id(), new FeedMemory.RememberedFeed(URL, "bay", publishedEntries()));
        read(BAY.id(), "{not json".getBytes(StandardCharsets.UTF_8));
        keepAll();
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).as("the unreadable record replaced the good one")
                .hasSize(2);

        read(BAY.id(), new FeedMemory.RememberedFeed(URL, "bay", List.of("too short:x")));
        keepAll();
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).as("malformed entries: nothing taken").hasSize(2);

        read(null, new FeedMemory.RememberedFeed(URL, "bay", publishedEntries()));
        keepAll();
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).hasSize(2);
    }

    @Test
    void onlyTheFeedsTakenOverAreKeptAndTheMemoryOfAnUnsubscribedFeedIsToBeForgotten() {
        String gone = FeedSubscription.idOf("https://gone.example/rss");
        read(BAY.id(), new FeedMemory.RememberedFeed(URL, "bay", publishedEntries()));
        read(gone, "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(memory.keep(read, stored, id -> false, id -> !id.equals(gone))).containsExactly(gone);
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).as("not taken over").hasSize(2);

        assertThat(memory.keep(read, stored, BAY.id()::equals, id -> !id.equals(gone))).containsExactly(gone);
        assertThat(memory.seenItems(BAY, 100).unpublished(ITEMS)).isEmpty();
    }
}
