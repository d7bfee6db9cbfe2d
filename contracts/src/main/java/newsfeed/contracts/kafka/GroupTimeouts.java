package newsfeed.contracts.kafka;

import java.util.Optional;
import java.util.function.Function;

/**
 * The start-up check of a service's consumer-group session timeout ({@value #VARIABLE}), the same in every service:
 * a timeout the broker refuses made a consumer fail to join its group for ever, while the service started and
 * reported itself healthy (store-service consumed nothing and stayed UP).
 *
 * <p>Bounds: Kafka brokers accept session timeouts from {@value #BROKER_MIN_MS} to {@value #BROKER_MAX_MS} ms by
 * default ({@code group.min.session.timeout.ms}, {@code group.max.session.timeout.ms}); the consumer itself requires
 * its heartbeat interval to be below the session timeout ({@code ConsumerConfig}).
 */
public final class GroupTimeouts {

    /** The environment variable that sets every service's session timeout. */
    public static final String VARIABLE = "NEWSFEED_KAFKA_SESSION_TIMEOUT_MS";
    static final int BROKER_MIN_MS = 6_000;
    static final int BROKER_MAX_MS = 1_800_000;

    private GroupTimeouts() {
    }

    /**
     * @param config       a configuration lookup ({@code Config::getOptionalValue} with String)
     * @param sessionKey   the property holding the session timeout, in ms
     * @param heartbeatKey the property holding the heartbeat interval, in ms
     * @throws IllegalArgumentException naming the property, {@value #VARIABLE} and the bounds, for a missing,
     *                                  non-numeric or out-of-range timeout, or one not above the heartbeat interval
     */
    public static void check(Function<String, Optional<String>> config, String sessionKey, String heartbeatKey) {
        int session = millis(config, sessionKey);
        int heartbeat = millis(config, heartbeatKey);
        String name = sessionKey + " (" + VARIABLE + ") is " + session + " ms";
        if (session < BROKER_MIN_MS || session > BROKER_MAX_MS) {
            throw new IllegalArgumentException(name + "; Kafka brokers accept " + BROKER_MIN_MS + " to "
                    + BROKER_MAX_MS + " ms by default (group.min.session.timeout.ms, group.max.session.timeout.ms), "
                    + "and a consumer outside them never joins its group");
        }
        if (heartbeat >= session) {
            throw new IllegalArgumentException(name + "; it must be above the heartbeat interval, " + heartbeatKey
                    + " = " + heartbeat + " ms");
        }
    }

    private static int millis(Function<String, Optional<String>> config, String key) {
        String value = config.apply(key).orElseThrow(() -> new IllegalArgumentException(key + " is not set"));
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds, got \"" + value + "\"");
        }
    }
}
