package newsfeed.contracts.health;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness probe of something outside the service (the Kafka broker, PostgreSQL) that answers within a deadline
 * whatever the other side does. A broker or database that accepts connections and never answers (a frozen process, a
 * network that drops replies) makes a client call wait for the client's own timeouts: 60 s for Kafka's admin client
 * ({@code default.api.timeout.ms}), without end for a JDBC query (a statement's cancel needs the frozen server too).
 * Meanwhile a Kubernetes or compose probe gives up after seconds and learns nothing, and each probe held one more
 * thread.
 *
 * <p>The probe runs on a thread of its own; {@link #answer()} waits for it at most the deadline. Callers that come
 * while a probe is in flight share it instead of starting another, so a probe that never returns holds one thread,
 * and every later answer says since when it has been waiting.
 *
 * <p>Thread-safe.
 */
public final class DeadlineProbe implements AutoCloseable {

    /** How long a readiness check waits for the broker or the database; the same in every service. */
    public static final String DEADLINE_PROPERTY = "newsfeed.health.deadline";

    /**
     * Default of {@link #DEADLINE_PROPERTY}: 2 s. SmallRye Health runs a service's checks one after another, and two
     * of them may wait for something silent (the broker and Kafka Streams' topics check, or the broker and
     * PostgreSQL), so {@code /q/health/ready} answers within twice the deadline: 4 s, under the 5 s timeout of our
     * Kubernetes probes and compose health checks, which then read the reason rather than a timeout of their own.
     */
    public static final String DEFAULT_DEADLINE = "2s";

    /** How many deadlines one answer of {@code /q/health/ready} may take at most (see {@link #DEFAULT_DEADLINE}). */
    public static final int DEADLINES_PER_ANSWER = 2;

    /** Shortest and longest deadline accepted: below 100 ms a loaded broker on loopback reads as down. */
    static final Duration MIN_DEADLINE = Duration.ofMillis(100);
    static final Duration MAX_DEADLINE = Duration.ofSeconds(60);

    /**
     * A probe's answer.
     *
     * @param up     whether the other side answered within the deadline
     * @param detail when up, what the probe returned (the broker's nodes, the server's version); when down, why, in
     *               words naming the other side
     */
    public record Answer(boolean up, String detail) {
    }

    private final String checkName;
    private final String subject;
    private final String upKey;
    private final Duration deadline;
    private final Callable<String> probe;
    private final LongSupplier nanoTime;
    private final ExecutorService thread;
    private Future<String> inFlight;
    private long inFlightSince;

    /**
     * @param checkName name of the readiness check ({@code /q/health/ready}'s {@code checks[].name})
     * @param subject   the other side in words, e.g. {@code Kafka at localhost:9092}; opens every reason it is down
     * @param upKey     data key of the probe's result when up, e.g. {@code nodes}
     * @param deadline  longest wait of {@link #answer()}, 100 ms to 60 s ({@value #DEADLINE_PROPERTY})
     * @param probe     returns a short description of the other side when it answers, throws why not otherwise; if
     *                  it is {@link AutoCloseable}, {@link #close()} closes it
     * @throws IllegalArgumentException naming {@value #DEADLINE_PROPERTY} when the deadline is out of range
     */
    public DeadlineProbe(String checkName, String subject, String upKey, Duration deadline, Callable<String> probe) {
        this(checkName, subject, upKey, deadline, probe, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds: the wall clock may be stepped while a probe is in flight */
    DeadlineProbe(String checkName, String subject, String upKey, Duration deadline, Callable<String> probe,
            LongSupplier nanoTime) {
        if (deadline.compareTo(MIN_DEADLINE) < 0 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException(DEADLINE_PROPERTY + " must be between " + words(MIN_DEADLINE)
                    + " and " + words(MAX_DEADLINE) + ", was " + words(deadline));
        }
        this.checkName = checkName;
        this.subject = subject;
        this.upKey = upKey;
        this.deadline = deadline;
        this.probe = probe;
        this.nanoTime = nanoTime;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "readiness " + checkName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Probes the other side, or joins the probe in flight, and waits at most the deadline.
     *
     * @return up with the probe's result, or down with why: no answer within the deadline, no answer to a probe
     *         started earlier (and since when), or the error the probe met
     */
    public Answer answer() {
        Future<String> probing;
        long since;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = thread.submit(probe);
                inFlightSince = nanoTime.getAsLong();
            }
            probing = inFlight;
            since = inFlightSince;
        }
        Duration waited = Duration.ofNanos(nanoTime.getAsLong() - since);
        Duration left = deadline.minus(waited);
        if (left.compareTo(deadline) > 0) {
            left = deadline; // a clock that went back never makes a caller wait longer than the deadline
        }
        if (left.isNegative() || left.isZero()) {
            return new Answer(false, subject + " has not answered a probe sent " + words(waited) + " ago");
        }
        try {
            return new Answer(true, probing.get(left.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return new Answer(false, subject + " did not answer within " + words(deadline));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                return new Answer(false, subject + " did not answer within " + words(deadline));
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Answer(false, subject + ": " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "interrupted while waiting for " + subject);
        }
    }

    /** {@link #answer()} as a readiness check's response: data {@code upKey} when up, {@code problem} when down. */
    public HealthCheckResponse response() {
        Answer answer = answer();
        return HealthCheckResponse.named(checkName).status(answer.up())
                .withData(answer.up() ? upKey : "problem", answer.detail()).build();
    }

    /** Stops the probe's thread (interrupting a probe in flight) and closes the probe if it holds a client. */
    @Override
    public void close() {
        thread.shutdownNow();
        if (probe instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the readiness probe of " + subject, e);
            }
        }
    }

    /** "3 s", "1.5 s", "250 ms". */
    static String words(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0)) + " s";
    }
}
