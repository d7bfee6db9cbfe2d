package newsfeed.contracts.kafka;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage does when its Kafka Streams client stops for good: it logs why and ends the process with
 * {@value #EXIT_CODE}, so that what supervises it (run.sh, compose's {@code restart}, Kubernetes) starts it again.
 *
 * <p>Why: a stream thread that throws (a fatal Kafka error, a setting the broker refuses, a processor that cannot
 * start) shuts the client down ({@link StreamThreadExceptionResponse#SHUTDOWN_CLIENT}, Kafka's own default) and the
 * client ends in {@link KafkaStreams.State#ERROR}, from which it never leaves. The process used to stay up: ingest
 * went on answering 202 to posts its normalizer never read, readiness stayed UP, and nothing restarted it. A stage
 * restarted from its committed offsets loses nothing (exactly-once); one that fails again at once shows its cause in
 * every start's log.
 *
 * <p>One object is both listeners of the client ({@link KafkaStreams#setUncaughtExceptionHandler},
 * {@link KafkaStreams#setStateListener}); each service registers it as a CDI bean, which Quarkus' Kafka Streams
 * extension passes to the client before starting it. Thread-safe; exits at most once.
 */
public class StreamsFailure implements KafkaStreams.StateListener, StreamsUncaughtExceptionHandler {

    /**
     * The exit status of a stage whose Kafka Streams client stopped in ERROR: {@code EX_SOFTWARE} of BSD's
     * {@code sysexits.h} (an internal software error). Not 3, which is what the JVM exits with on
     * {@code -XX:+ExitOnOutOfMemoryError}, so that a supervisor's log tells the two apart.
     */
    public static final int EXIT_CODE = 70;

    private static final Logger LOG = LoggerFactory.getLogger(StreamsFailure.class);

    private final String stage;
    private final IntConsumer exit;
    private final AtomicReference<Throwable> cause = new AtomicReference<>();
    private final AtomicBoolean exited = new AtomicBoolean();

    /**
     * @param stage what to name in the log ({@code normalizer}, {@code dedup})
     * @param exit  ends the process with the status given ({@code Quarkus::asyncExit} in a service)
     */
    public StreamsFailure(String stage, IntConsumer exit) {
        this.stage = Objects.requireNonNull(stage);
        this.exit = Objects.requireNonNull(exit);
    }

    /** Remembers the first exception, for the log line, and shuts the client down as Kafka would. */
    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        cause.compareAndSet(null, exception);
        LOG.error("the {} stage's stream thread failed; its Kafka Streams client shuts down", stage, exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR && exited.compareAndSet(false, true)) {
            LOG.error("the {} stage's Kafka Streams client stopped in state ERROR ({}); exiting with status {} so "
                    + "that it is started again", stage, describe(cause.get()), EXIT_CODE);
            exit.accept(EXIT_CODE);
        }
    }

    /** The exception and its causes in one line, each {@code Class: message}. */
    static String describe(Throwable e) {
        if (e == null) {
            return "no exception reached the handler";
        }
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null && line.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            line.append(line.isEmpty() ? "" : "; caused by ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage());
            }
        }
        return line.toString();
    }
}
