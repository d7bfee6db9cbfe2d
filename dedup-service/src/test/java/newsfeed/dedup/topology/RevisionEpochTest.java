package newsfeed.dedup.topology;

import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.PostVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: revisions survive the expiry of a post's dedup state. The assembler's revision counter expires with the
 * post (state stays bounded), so an edit decided afterwards is revision 1 again; it comes in a later revision epoch,
 * the receipt time of the edit, and so still orders after every earlier decision of the post.
 */
class RevisionEpochTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant PUBLISHED = NOW.minus(Duration.ofDays(40));
    private static final String SHARED = "The Compact agreed to keep the Outer Shelf cod quota unchanged for the "
            + "coming season, giving fishing towns the certainty they asked for.";
    private static final String OTHER = "Delegates also discussed a joint rescue centre on the island of Harrowmere, "
            + "first proposed by the Skerry Isles two years ago.";
    private static final String EDITED = "Delegates also discussed a joint rescue centre on the island of Harrowmere, "
            + "which the Skerry Isles first proposed three years ago.";

    private final DedupDriver driver = new DedupDriver(
            DedupSettings.Values.DEFAULT.withStateStore(DedupSettings.StoreKind.MEMORY), NOW);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anEditDecidedAfterThePostExpiredIsRevisionOneOfALaterEpochAndOrdersAfterEveryEarlierDecision() {
        Instant firstReceipt = PUBLISHED.plusSeconds(30);
        Instant editReceipt = NOW.plus(Duration.ofMinutes(3));
        driver.submit(received(post("wire:1", PUBLISHED, "Quota talks", SHARED, OTHER), firstReceipt));
        // a late, older post takes SHARED over: wire:1 is decided again, revision 2
        driver.submit(post("wire:0", PUBLISHED.minusSeconds(3600), "Earlier quota talks", SHARED));
        DeduplicatedPost second = driver.latest("wire:1");
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.revisionEpoch()).isEqualTo(firstReceipt);
        assertThat(second.status()).isEqualTo(PostStatus.PARTIAL);

        // a post of today puts wire:1 (40 days old) past the 30-day retention; the expiry forgets it everywhere
        driver.submit(post("wire:9", NOW, "Today's headline", "Something else entirely happened today in the "
                + "harbour town, and the council met to discuss it at length."));
        driver.advanceWallClock(Duration.ofMinutes(2));
        driver.submit(received(post("wire:1", PUBLISHED, "Quota talks", SHARED, EDITED), editReceipt));

        DeduplicatedPost edit = driver.latest("wire:1");
        assertThat(edit.post().paragraphs().get(2).text()).isEqualTo(EDITED);
        assertThat(edit.removed()).as("wire:0 was forgotten too").isEmpty();
        assertThat(edit.revision()).isEqualTo(1);
        assertThat(edit.revisionEpoch()).isEqualTo(editReceipt);
        assertThat(edit.version()).isEqualTo(new PostVersion(editReceipt, 1));
        assertThat(edit.version().isNewerThan(second.version())).isTrue();
        assertThat(driver.all().stream().filter(d -> d.postId().equals("wire:1")).map(DeduplicatedPost::version))
                .containsExactly(new PostVersion(firstReceipt, 1), new PostVersion(firstReceipt, 2),
                        new PostVersion(editReceipt, 1))
                .isSorted();
    }

    @Test
    void aReDeliveryKeepsItsEpochAndRevision() {
        Instant firstReceipt = NOW.minusSeconds(600);
        NormalizedPost first = received(post("wire:1", NOW.minusSeconds(900), "Quota talks", SHARED), firstReceipt);
        driver.submit(first);
        driver.submit(received(first, NOW));

        assertThat(driver.all()).extracting(DeduplicatedPost::version).containsExactly(
                new PostVersion(firstReceipt, 1), new PostVersion(firstReceipt, 1));
        assertThat(driver.latest("wire:1").post().receivedAt()).isEqualTo(firstReceipt);
    }

    private static NormalizedPost received(NormalizedPost post, Instant receivedAt) {
        return post.withTimes(post.publishedAt(), receivedAt);
    }
}
