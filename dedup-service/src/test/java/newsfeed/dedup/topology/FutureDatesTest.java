package newsfeed.dedup.topology;

import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a post dated in the far future that reaches posts.normalized without passing ingest's clamp (written
 * straight to the topic) must not make the expiry forget what was published: expiry never runs ahead of the wall
 * clock, and a future date counts for no more than the wall clock when the post arrived.
 */
class FutureDatesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z");
    private static final String SHARED = "The Compact agreed to keep the Outer Shelf cod quota unchanged for the "
            + "coming season, giving fishing towns the certainty they asked for.";
    private static final String OTHER = "Delegates also discussed a joint rescue centre on the island of Harrowmere, "
            + "first proposed by the Skerry Isles two years ago.";

    private final DedupDriver driver = new DedupDriver(
            DedupSettings.Values.DEFAULT.withStateStore(DedupSettings.StoreKind.MEMORY), NOW);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void expiryAfterAYear9999PostKeepsWhatWasPublishedWithinTheRetentionOfTheWallClock() {
        driver.submit(post("wire:1", NOW.minus(Duration.ofDays(1)), "Earlier headline", SHARED));
        driver.submit(post("wire:far", YEAR_9999, "A headline from the far future", OTHER));
        driver.advanceWallClock(Duration.ofMinutes(2));

        driver.submit(post("wire:2", NOW, "Later headline", SHARED));

        assertThat(driver.latest("wire:2").removed()).containsExactly(
                new RemovedParagraph(1, RemovalReason.PUBLISHED_BEFORE, "wire:1", 1, 1.0));
    }

    /**
     * Without the far-future post, a stream that pauses keeps its state: the watermark is the newest publication
     * time seen. The year-9999 post must not turn that into the wall clock for the rest of the task's life, so that
     * expiry follows the clock through the pause and forgets the earlier post.
     */
    @Test
    void aYear9999PostMovesTheWatermarkNoFurtherThanTheWallClockWhenItArrived() {
        driver.submit(post("wire:1", NOW.minus(Duration.ofDays(20)), "Earlier headline", SHARED));
        driver.submit(post("wire:far", YEAR_9999, "A headline from the far future", OTHER));
        driver.advanceWallClock(Duration.ofDays(15));

        driver.submit(post("wire:2", NOW.plus(Duration.ofDays(15)), "Later headline", SHARED));

        assertThat(driver.latest("wire:2").removed()).as("wire:1 is still remembered").containsExactly(
                new RemovedParagraph(1, RemovalReason.PUBLISHED_BEFORE, "wire:1", 1, 1.0));
    }

    /**
     * A post ingest clamped is dated by its receipt, like an undated one: imported again, with a later receipt and so a
     * later clamped date, it keeps its first date and decision.
     */
    @Test
    void aClampedPostImportedAgainKeepsItsFirstDateAndDecision() {
        NormalizedPost earlier = post("wire:1", NOW.minus(Duration.ofHours(2)), "Earlier headline", SHARED);
        NormalizedPost clamped = clamped(post("wire:2", NOW, "Dated far ahead", SHARED, OTHER));
        driver.submit(earlier, clamped);
        DeduplicatedPost before = driver.latest("wire:2");

        driver.submit(clamped.withTimes(NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(3))));

        assertThat(driver.latest("wire:2")).isEqualTo(before);
        assertThat(driver.latest("wire:2").post().publishedAt()).isEqualTo(NOW);
        assertThat(driver.latest("wire:2").removed()).extracting(RemovedParagraph::duplicateOf)
                .containsExactly("wire:1");
    }

    private static NormalizedPost clamped(NormalizedPost p) {
        return new NormalizedPost(p.postId(), p.source(), p.publishedAt(), p.receivedAt(), p.title(), p.url(),
                p.paragraphs(), p.hashtags(), p.links(), p.dateline(), p.forwardedFrom(), p.normalizerVersion(), false,
                true);
    }
}
