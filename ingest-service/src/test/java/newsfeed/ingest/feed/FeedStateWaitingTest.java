package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Why a due poll does not fetch, and for how long ({@link FeedState#overdue}, {@link FeedStatus#waitingFor()}): what
 * the feed's status and the gauge {@code newsfeed_feeds_poll_overdue_seconds} show of a host or a poller that cannot
 * keep up, which before showed only a {@code nextPollAt} in the past.
 */
class FeedStateWaitingTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    private static final String URL = "http://127.0.0.1:1/tides.xml";
    private static final FeedState.Pacing PACING = new FeedState.Pacing(Duration.ofHours(6), Duration.ofHours(24), 0);

    private final FeedState state = new FeedState(new FeedSubscription(FeedSubscription.idOf(URL), URL, 60, "bay",
            T0), 10, T0);

    @Test
    void aDuePollWaitsForItsHostSlotThenForAThreadThenFetchesAndIsNotOverdueAfterwards() {
        assertThat(state.overdue(T0.minusSeconds(1))).as("not due yet").isEqualTo(Duration.ZERO);
        assertThat(state.overdue(T0.plusSeconds(5))).as("due 5 s, not offered a slot yet")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(state.status().waitingFor()).as("due since the last tick: no reason known yet").isNull();

        state.waitingForHostSlot();
        assertThat(state.status().waitingFor()).isEqualTo("host-slot");
        assertThat(state.overdue(T0.plusSeconds(8))).isEqualTo(Duration.ofSeconds(8));

        assertThat(state.tryStart(T0.plusSeconds(9))).isTrue();
        assertThat(state.status().waitingFor()).as("started, queued for a polling thread").isEqualTo("poll-thread");
        assertThat(state.overdue(T0.plusSeconds(10))).as("a queued poll is still late")
                .isEqualTo(Duration.ofSeconds(10));
        state.waitingForHostSlot();
        assertThat(state.status().waitingFor()).as("a started poll holds its slot already").isEqualTo("poll-thread");

        state.fetching();
        assertThat(state.status().waitingFor()).isNull();
        assertThat(state.overdue(T0.plusSeconds(12))).as("fetching").isEqualTo(Duration.ZERO);

        state.failed(T0.plusSeconds(10), T0.plusSeconds(40), "timeout", "feed URL: timed out", null, PACING);
        assertThat(state.status().waitingFor()).isNull();
        assertThat(state.overdue(T0.plusSeconds(41))).as("the back-off's next poll is ahead")
                .isEqualTo(Duration.ZERO);
        assertThat(state.overdue(state.nextPollAt().plusSeconds(3))).as("due again, waiting 3 s")
                .isEqualTo(Duration.ofSeconds(3));
    }
}
