package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsFailureTest {

    private final List<Integer> exits = new ArrayList<>();
    private final StreamsFailure failure = new StreamsFailure("normalizer", exits::add);

    @Test
    void aClientInErrorEndsTheProcessOnce() {
        StreamsException thrown = new StreamsException("failed to join the group",
                new InvalidSessionTimeoutException("The session timeout is not within the range allowed by the broker"));
        assertThat(failure.handle(thrown)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        failure.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(exits).isEmpty();
        failure.onChange(State.ERROR, State.PENDING_ERROR);
        failure.onChange(State.ERROR, State.PENDING_ERROR);
        assertThat(exits).containsExactly(StreamsFailure.EXIT_CODE);
    }

    @Test
    void otherTransitionsDoNothing() {
        for (State state : State.values()) {
            if (state != State.ERROR) {
                failure.onChange(state, State.RUNNING);
            }
        }
        assertThat(exits).isEmpty();
    }

    @Test
    void theLogLineNamesEveryCause() {
        assertThat(StreamsFailure.describe(new StreamsException("failed to initialize processor intake",
                new IllegalArgumentException("The minimum supported scheduling interval is 1 millisecond."))))
                .isEqualTo("org.apache.kafka.streams.errors.StreamsException: failed to initialize processor intake; "
                        + "caused by java.lang.IllegalArgumentException: The minimum supported scheduling interval "
                        + "is 1 millisecond.");
        assertThat(StreamsFailure.describe(null)).isEqualTo("no exception reached the handler");
    }
}
