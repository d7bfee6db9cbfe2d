package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

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
}
