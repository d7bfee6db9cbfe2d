package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FeedPollScheduleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration CAP = Duration.ofHours(6);

    @Test
    void aSuccessWaitsOneInterval() {
        assertThat(PollSchedule.delay(MINUTE, 0, CAP, null)).isEqualTo(MINUTE);
    }

    @Test
    void failuresDoubleTheDelayUpToTheCap() {
        assertThat(PollSchedule.delay(MINUTE, 1, CAP, null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(PollSchedule.delay(MINUTE, 2, CAP, null)).isEqualTo(Duration.ofMinutes(4));
        assertThat(PollSchedule.delay(MINUTE, 3, CAP, null)).isEqualTo(Duration.ofMinutes(8));
        assertThat(PollSchedule.delay(MINUTE, 8, CAP, null)).isEqualTo(Duration.ofMinutes(256));
        assertThat(PollSchedule.delay(MINUTE, 9, CAP, null)).isEqualTo(CAP);
        assertThat(PollSchedule.delay(MINUTE, 10_000, CAP, null)).isEqualTo(CAP);
    }

    @Test
    void anIntervalLongerThanTheCapIsNeverShortened() {
        Duration day = Duration.ofDays(1);
        assertThat(PollSchedule.delay(day, 1, CAP, null)).isEqualTo(day);
        assertThat(PollSchedule.delay(day, 5, CAP, null)).isEqualTo(day);
    }

    @Test
    void retryAfterLengthensTheDelayWithinTheCap() {
        assertThat(PollSchedule.delay(MINUTE, 1, CAP, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        assertThat(PollSchedule.delay(MINUTE, 3, CAP, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(8));
        assertThat(PollSchedule.delay(MINUTE, 1, CAP, Duration.ofDays(2))).isEqualTo(CAP);
    }

    @Test
    void nextIsCountedFromTheGivenInstant() {
        Instant end = Instant.parse("2024-07-25T10:00:00Z");
        assertThat(PollSchedule.next(end, Duration.ofSeconds(10), 2, CAP, null))
                .isEqualTo(Instant.parse("2024-07-25T10:00:40Z"));
    }

    @Test
    void aFreshnessLifetimeLengthensTheIntervalUpToTheMaximumInterval() {
        Duration interval = Duration.ofMinutes(5);
        Duration day = Duration.ofDays(1);
        assertThat(PollSchedule.afterSuccess(interval, null, day)).isEqualTo(interval);
        assertThat(PollSchedule.afterSuccess(interval, Duration.ofMinutes(1), day)).isEqualTo(interval);
        assertThat(PollSchedule.afterSuccess(interval, Duration.ofHours(2), day)).isEqualTo(Duration.ofHours(2));
        assertThat(PollSchedule.afterSuccess(interval, Duration.ofDays(3650), day)).as("a hostile max-age")
                .isEqualTo(day);
        assertThat(PollSchedule.afterSuccess(Duration.ofDays(2), Duration.ofDays(3), day)).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aFeedsJitterIsFixedWithinItsShareAndSpreadsFeedsOfOneInterval() {
        Duration interval = Duration.ofMinutes(10);
        assertThat(PollSchedule.jitter("a1b2c3d4e5f60718", interval, 0.1))
                .isEqualTo(PollSchedule.jitter("a1b2c3d4e5f60718", interval, 0.1));
        assertThat(PollSchedule.jitter("a1b2c3d4e5f60718", interval, 0)).isZero();
        Set<Long> seconds = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            Duration jitter = PollSchedule.jitter(FeedSubscription.idOf("https://feeds.example/" + i), interval, 0.1);
            assertThat(jitter).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            seconds.add(jitter.toSeconds());
        }
        assertThat(seconds).as("200 feeds over the 60 s of jitter").hasSizeGreaterThan(40);
    }
}
