package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupTimeoutsTest {

    private static final String SESSION = "session.timeout.ms";
    private static final String HEARTBEAT = "heartbeat.interval.ms";

    private static void check(String session, String heartbeat) {
        Map<String, String> config = Map.of(SESSION, session, HEARTBEAT, heartbeat);
        GroupTimeouts.check(key -> Optional.ofNullable(config.get(key)), SESSION, HEARTBEAT);
    }

    @Test
    void aTimeoutTheBrokerRefusesStopsTheStart() {
        // a helper's trial: 5000 started store-service, which then never joined its group and stayed UP
        assertThatThrownBy(() -> check("5000", "3000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session.timeout.ms (NEWSFEED_KAFKA_SESSION_TIMEOUT_MS) is 5000 ms; Kafka brokers accept "
                        + "6000 to 1800000 ms by default (group.min.session.timeout.ms, group.max.session.timeout.ms), "
                        + "and a consumer outside them never joins its group");
        assertThatThrownBy(() -> check("1800001", "3000")).hasMessageContaining("is 1800001 ms;");
        assertThatThrownBy(() -> check("6000", "6000"))
                .hasMessage("session.timeout.ms (NEWSFEED_KAFKA_SESSION_TIMEOUT_MS) is 6000 ms; it must be above the "
                        + "heartbeat interval, heartbeat.interval.ms = 6000 ms");
        assertThatThrownBy(() -> check("10s", "3000"))
                .hasMessage("session.timeout.ms must be a whole number of milliseconds, got \"10s\"");
    }

    @Test
    void theDefaultAndTheBoundsPass() {
        assertThatCode(() -> check("10000", "3000")).doesNotThrowAnyException();
        assertThatCode(() -> check("6000", "3000")).doesNotThrowAnyException();
        assertThatCode(() -> check("1800000", "3000")).doesNotThrowAnyException();
    }
}
