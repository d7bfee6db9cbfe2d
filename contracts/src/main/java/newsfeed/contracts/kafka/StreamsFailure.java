package newsfeed.contracts.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage does when a stream thread of its Kafka Streams client fails: it replaces the thread, and if threads
 * keep failing it stops the client, logs why and ends the process with {@value #EXIT_CODE}, so that what supervises
 * it (run.sh, compose's {@code restart}, Kubernetes) starts it again.
 *
 * <p>A thread that throws (a fatal Kafka error, a setting the broker refuses, a processor that cannot start) is
 * replaced ({@link StreamThreadExceptionResponse#REPLACE_THREAD}) up to {@value #MAX_REPLACEMENTS} times within
 * {@link #WINDOW}: the new thread rejoins the group and its tasks start again from their last commit, so nothing is
 * lost or written twice (exactly-once), and the process, its HTTP routes included, stays up. Why: an error Kafka
 * Streams counts fatal can be a passing one. A broker restart ended ingest's normalizer (CI on 7f625c5: exit status
 * 70 after ChaosRunIT's kill -9 of the broker; its log was not kept), and Kafka has mended such errors before
 * (KAFKA-9231, KAFKA-19690: a transaction the broker aborted while the thread stalled). A failure beyond that is not
 * passing: the thread's client is shut down ({@link StreamThreadExceptionResponse#SHUTDOWN_CLIENT},
 * Kafka's own default) and ends in {@link KafkaStreams.State#ERROR}, which it never leaves. The process used to stay
 * up then: ingest went on answering 202 to posts its normalizer never read, readiness stayed UP, and nothing
 * restarted it. A stage restarted from its committed offsets loses nothing; one that fails again at once shows its
 * cause in every start's log.
 *
 * <p>Each replacement is logged at ERROR with its cause and counted in {@value #METRIC} (tag {@value #METRIC_STAGE}),
 * in Micrometer's global registry, which Quarkus' registry is part of. Kafka Streams also asks on an error it
 * recovers from without replacing the thread (a source topic missing, {@code skipThreadReplacement} in Kafka Streams
 * 4.1's {@code KafkaStreams}); the handler cannot tell, and counts it too.
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

    /** How many failed stream threads are replaced within {@link #WINDOW} before the client is shut down. */
    public static final int MAX_REPLACEMENTS = 3;

    /**
     * The span over which replacements are counted: long enough that a thread which fails again at each start
     * reaches {@value #MAX_REPLACEMENTS} within it, short enough that the odd broker restart never does.
     */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    /** The counter of replaced stream threads, {@code newsfeed_stream_threads_replaced_total} in Prometheus. */
    public static final String METRIC = "newsfeed.stream.threads.replaced";

    /** The tag of {@link #METRIC} naming the stage. */
    public static final String METRIC_STAGE = "stage";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsFailure.class);

    private final String stage;
    private final IntConsumer exit;
    private final LongSupplier nanoTime;
    private final Counter replaced;
    private final AtomicReference<Throwable> cause = new AtomicReference<>();
    private final AtomicBoolean exited = new AtomicBoolean();
    /** When each replacement within the last {@link #WINDOW} was made, in {@link #nanoTime} units, oldest first. */
    private final Deque<Long> replacements = new ArrayDeque<>();

    /**
     * @param stage what to name in the log and the metric ({@code normalizer}, {@code dedup})
     * @param exit  ends the process with the status given ({@code Quarkus::asyncExit} in a service)
     */
    public StreamsFailure(String stage, IntConsumer exit) {
        this(stage, exit, System::nanoTime);
    }

    /** As {@link #StreamsFailure(String, IntConsumer)}, with the clock of {@link #WINDOW} given (nanoseconds). */
    StreamsFailure(String stage, IntConsumer exit, LongSupplier nanoTime) {
        this.stage = Objects.requireNonNull(stage);
        this.exit = Objects.requireNonNull(exit);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        // at 0 from the start, so that a dashboard or an alert sees the series before the first replacement
        this.replaced = Metrics.globalRegistry.counter(METRIC, METRIC_STAGE, stage);
    }

    /**
     * Replaces the failed thread, unless {@value #MAX_REPLACEMENTS} were replaced within the last {@link #WINDOW}:
     * then shuts the client down as Kafka would. Remembers the latest exception either way, for the exit's log line.
     */
    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        cause.set(exception);
        long now = nanoTime.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() >= WINDOW.toNanos()) {
            replacements.removeFirst();
        }
        if (replacements.size() < MAX_REPLACEMENTS) {
            replacements.addLast(now);
            replaced.increment();
            LOG.error("the {} stage's stream thread failed; replacing it (replacement {} of at most {} in {} "
                    + "minutes): {}", stage, replacements.size(), MAX_REPLACEMENTS, WINDOW.toMinutes(),
                    describe(exception), exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("the {} stage's stream thread failed, the {}th time in {} minutes; its Kafka Streams client shuts "
                + "down", stage, MAX_REPLACEMENTS + 1, WINDOW.toMinutes(), exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR && exited.compareAndSet(false, true)) {
            LOG.error(exitLine());
            exit.accept(EXIT_CODE);
        }
    }

    /**
     * The log line of an exit, on one line: run.sh's {@code exit_reason} quotes what stands between
     * {@code "stopped in state ERROR ("} and {@code "); exiting with status"}.
     */
    String exitLine() {
        return "the " + stage + " stage's Kafka Streams client stopped in state ERROR (" + describe(cause.get())
                + "); exiting with status " + EXIT_CODE + " so that it is started again";
    }

    /**
     * The exception and its causes in one line, each {@code Class: message}, line breaks of the messages made spaces
     * (Kafka's send errors have them), about 2,000 characters at most.
     */
    static String describe(Throwable e) {
        if (e == null) {
            return "no exception reached the handler";
        }
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null && line.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            line.append(line.isEmpty() ? "" : "; caused by ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        return line.toString();
    }
}
