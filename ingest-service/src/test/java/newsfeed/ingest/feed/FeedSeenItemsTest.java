package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import org.junit.jupiter.api.Test;

class FeedSeenItemsTest {

    private static RawPost post(String id, String body, Instant receivedAt) {
        return new RawPost("s:" + id, "s", id, SourceType.RSS, receivedAt, null, "t", null, RawPost.TEXT_HTML, body,
                Map.of());
    }

    @Test
    void onlyNewOrChangedItemsAreUnpublishedAndReceiptTimeIsNotAChange() {
        SeenItems seen = new SeenItems(10);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<RawPost> first = List.of(post("a", "A", t0), post("b", "B", t0));
        assertThat(seen.unpublished(first)).isEqualTo(first);
        seen.published(first);

        Instant t1 = t0.plusSeconds(60);
        List<RawPost> again = List.of(post("a", "A", t1), post("b", "B changed", t1), post("c", "C", t1));
        assertThat(seen.unpublished(again)).extracting(RawPost::externalId).containsExactly("b", "c");
        seen.published(seen.unpublished(again));
        assertThat(seen.distinctSeen()).isEqualTo(3);
    }

    @Test
    void unpublishedItemsAreOfferedAgainUntilPublished() {
        SeenItems seen = new SeenItems(10);
        List<RawPost> posts = List.of(post("a", "A", Instant.EPOCH));
        assertThat(seen.unpublished(posts)).hasSize(1);
        assertThat(seen.unpublished(posts)).hasSize(1);
        assertThat(seen.distinctSeen()).isZero();
    }

    @Test
    void theLeastRecentlySeenAreForgottenBeyondCapacity() {
        SeenItems seen = new SeenItems(2);
        seen.published(List.of(post("a", "A", Instant.EPOCH), post("b", "B", Instant.EPOCH)));
        seen.unpublished(List.of(post("a", "A", Instant.EPOCH)));
        seen.published(List.of(post("c", "C", Instant.EPOCH)));

        assertThat(seen.unpublished(List.of(post("a", "A", Instant.EPOCH), post("b", "B", Instant.EPOCH),
                post("c", "C", Instant.EPOCH)))).extracting(RawPost::externalId).containsExactly("b");
    }

    @Test
    void entriesRestoredInAnotherInstanceKnowTheSameItemsAndTheirOrder() {
        SeenItems before = new SeenItems(10);
        before.published(List.of(post("a", "A", Instant.EPOCH), post("b", "B", Instant.EPOCH),
                post("c", "C", Instant.EPOCH)));
        before.unpublished(List.of(post("a", "A", Instant.EPOCH)));
        List<String> entries = before.entries(10);
        assertThat(entries).hasSize(3).allMatch(e -> e.matches("[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{22}"));

        SeenItems after = new SeenItems(10);
        after.restore(entries);
        assertThat(after.entries(10)).isEqualTo(entries);
        assertThat(after.distinctSeen()).as("restored items were published by an earlier run").isZero();
        Instant later = Instant.parse("2026-12-03T00:00:00Z");
        assertThat(after.unpublished(List.of(post("a", "A", later), post("b", "B changed", later),
                post("c", "C", later), post("d", "D", later)))).extracting(RawPost::externalId)
                .containsExactly("b", "d");

        // "a" was seen last, so it is the most recent entry and outlives "b" and "c" in a smaller memory
        SeenItems smaller = new SeenItems(1);
        smaller.restore(before.entries(2));
        assertThat(smaller.unpublished(List.of(post("a", "A", later), post("c", "C", later))))
                .extracting(RawPost::externalId).containsExactly("c");
        assertThat(before.entries(1)).containsExactly(entries.get(2));
    }

    @Test
    void aMalformedEntryIsNamedByPositionAndNothingIsRestored() {
        SeenItems seen = new SeenItems(10);
        seen.published(List.of(post("a", "A", Instant.EPOCH)));
        String good = seen.entries(1).get(0);

        SeenItems target = new SeenItems(10);
        assertThatThrownBy(() -> target.restore(List.of(good, good.substring(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 1 is not <digest>:<digest> (22 characters each): " + good.substring(1));
        assertThat(target.entries(10)).isEmpty();
    }
}
