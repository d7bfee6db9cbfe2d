package newsfeed.dedup.topology;

import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A trial on the real seed: a channel dump of July 2024 posts, imported while the stream's newest post is of today,
 * was forgotten at the next expiry (a minute later), as its dates were more than the retention behind. A later export
 * of the channel, which delivers the same posts again, then undid the removals already stored (post Y's paragraph,
 * removed as a copy of post X, came back), and an older post of the dump arriving after that expiry did not revise
 * the newer one. A post is now remembered for the retention in publication time, and at least the retention after
 * it was received ({@link Watermark#memoryTime}).
 */
class ArchiveMemoryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final Instant JULY_25 = Instant.parse("2024-07-25T09:00:00Z");
    private static final Instant JULY_26 = Instant.parse("2024-07-26T09:00:00Z");
    private static final String SHARED = "I have invited my colleague to visit the capital in the autumn to continue "
            + "the talks on the river ports and the railway that links them.";
    private static final String OTHER = "The harbour authority said the new ferry timetable will be published on "
            + "Monday after the council approves the winter schedule.";
    private static final String THIRD = "Road works on the coastal highway are expected to last until the end of the "
            + "month, the ministry of transport announced on Friday.";

    private final DedupDriver driver = new DedupDriver(
            DedupSettings.Values.DEFAULT.withStateStore(DedupSettings.StoreKind.MEMORY), NOW);

    @AfterEach
    void close() {
        driver.close();
    }

    /** A post of the dump, published in July 2024 and received at {@code receivedAt}. */
    private static NormalizedPost archived(String postId, Instant publishedAt, Instant receivedAt, String... texts) {
        return post(postId, publishedAt, texts).withTimes(publishedAt, receivedAt);
    }

    private static final List<RemovedParagraph> Y_COPIES_X =
            List.of(new RemovedParagraph(1, RemovalReason.PUBLISHED_BEFORE, "seed:x", 1, 1.0));

    @Test
    void aLaterExportOfAnArchiveKeepsTheRemovalsStored() {
        driver.submit(post("live:1", NOW, "Today's headline", OTHER));
        driver.submit(archived("seed:x", JULY_25, NOW, "Headline X", SHARED),
                archived("seed:y", JULY_26, NOW, "Headline Y", SHARED));
        assertThat(driver.latest("seed:y").removed()).isEqualTo(Y_COPIES_X);
        driver.advanceWallClock(Duration.ofMinutes(2));

        driver.submit(archived("seed:y", JULY_26, NOW.plus(Duration.ofMinutes(2)), "Headline Y", SHARED));

        assertThat(driver.latest("seed:y").removed()).isEqualTo(Y_COPIES_X);
    }

    @Test
    void anOlderPostOfAnArchiveArrivingAfterAnExpiryStillRevisesTheNewer() {
        driver.submit(post("live:1", NOW, "Today's headline", OTHER));
        driver.submit(archived("seed:y", JULY_26, NOW, "Headline Y", SHARED));
        assertThat(driver.latest("seed:y").removed()).isEmpty();
        driver.advanceWallClock(Duration.ofMinutes(2));

        driver.submit(archived("seed:x", JULY_25, NOW.plus(Duration.ofMinutes(2)), "Headline X", SHARED));

        assertThat(driver.latest("seed:y").removed()).isEqualTo(Y_COPIES_X);
        assertThat(driver.latest("seed:y").revision()).isEqualTo(2);
        assertThat(driver.latest("seed:x").removed()).isEmpty();
    }

    /** The state stays bounded: an archive is forgotten once the stream has moved a retention past its receipt. */
    @Test
    void anArchiveIsForgottenARetentionAfterItsReceipt() {
        driver.submit(post("live:1", NOW, "Today's headline", OTHER));
        driver.submit(archived("seed:x", JULY_25, NOW, "Headline X", SHARED));
        Instant later = NOW.plus(Duration.ofDays(31));
        driver.advanceWallClock(Duration.ofDays(31));
        driver.submit(post("live:2", later, "A later headline", THIRD));
        driver.advanceWallClock(Duration.ofMinutes(2));

        driver.submit(archived("seed:y", JULY_26, later.plus(Duration.ofMinutes(2)), "Headline Y", SHARED));

        assertThat(driver.latest("seed:y").removed()).as("seed:x is forgotten").isEmpty();
    }
}
