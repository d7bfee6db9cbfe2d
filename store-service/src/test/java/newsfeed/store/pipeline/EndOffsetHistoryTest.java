package newsfeed.store.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndOffsetHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void theRecordAtTheCommittedOffsetWaitsSinceTheFirstSampleThatShowedIt() {
        EndOffsetHistory history = new EndOffsetHistory(16);
        history.record(at(0), 100);
        history.record(at(10), 100);   // unchanged: the time 100 was first seen stays
        history.record(at(20), 130);
        history.record(at(30), 160);
        history.record(at(40), 160);

        assertThat(history.waitingSince(100)).contains(at(20));
        assertThat(history.waitingSince(129)).contains(at(20));
        assertThat(history.waitingSince(130)).contains(at(30));
        assertThat(history.waitingSince(159)).contains(at(30));
        assertThat(history.waitingSince(160)).isEmpty();
        assertThat(history.waitingSince(500)).isEmpty();
    }

    @Test
    void aCommittedOffsetOlderThanTheHistoryWaitsAtLeastSinceTheOldestSample() {
        EndOffsetHistory history = new EndOffsetHistory(3);
        history.record(at(0), 10);
        history.record(at(10), 20);
        history.record(at(20), 30);
        history.record(at(30), 40);   // drops the sample at 0

        assertThat(history.waitingSince(5)).contains(at(10));
        assertThat(history.waitingSince(15)).contains(at(10));
        assertThat(history.waitingSince(25)).contains(at(20));
    }

    @Test
    void aClockSetBackKeepsTheHistoryInOrder() {
        EndOffsetHistory history = new EndOffsetHistory(8);
        history.record(at(100), 10);
        history.record(at(50), 20);

        assertThat(history.waitingSince(10)).contains(at(100));
        assertThat(history.waitingSince(0)).contains(at(100));
    }

    @Test
    void anEmptyHistoryShowsNothingWaiting() {
        assertThat(new EndOffsetHistory(2).waitingSince(0)).isEmpty();
    }
}
