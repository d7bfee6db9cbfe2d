package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    private static long at(Instant instant) {
        return instant.toEpochMilli();
    }

    @Test
    void nothingExpiresBeforeAPostIsSeen() {
        assertThat(new Watermark(RETENTION).cutoff(at(NOW))).isEqualTo(Instant.MIN);
    }

    @Test
    void theCutoffIsTheRetentionBehindTheNewestPost() {
        Watermark watermark = new Watermark(RETENTION);
        watermark.observe(NOW.minus(Duration.ofDays(10)), at(NOW));
        watermark.observe(NOW.minus(Duration.ofDays(20)), at(NOW));
        watermark.observe(null, at(NOW));

        assertThat(watermark.cutoff(at(NOW.plus(Duration.ofDays(5))))).isEqualTo(NOW.minus(Duration.ofDays(40)));
    }

    @Test
    void aPostFromTheFutureCountsAsPublishedWhenItArrived() {
        Watermark watermark = new Watermark(RETENTION);
        watermark.observe(Instant.parse("9999-12-31T23:59:59Z"), at(NOW));

        assertThat(watermark.cutoff(at(NOW))).isEqualTo(NOW.minus(RETENTION));
        assertThat(watermark.cutoff(at(NOW.plus(Duration.ofDays(15))))).as("not the wall clock from then on")
                .isEqualTo(NOW.minus(RETENTION));
    }

    @Test
    void theCutoffIsNeverAheadOfTheWallClockEvenWhenTheClockWentBack() {
        Watermark watermark = new Watermark(RETENTION);
        watermark.observe(NOW, at(NOW));

        assertThat(watermark.cutoff(at(NOW.minus(Duration.ofDays(1))))).isEqualTo(NOW.minus(Duration.ofDays(31)));
    }
}
