package newsfeed.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger publishes while it is open, for a test that asserts what is logged (a warning's text, or that
 * nothing is). Works in a Quarkus test's JVM, whose JBoss LogManager is the {@code java.util.logging} one.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(FeedPoll.class.getName())) {
 *     ...
 *     assertThat(log.messages()).isEmpty();
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        logger.addHandler(handler);
    }

    /** Starts capturing what the logger of that name (and its children) publishes, at every level it logs. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** The records published so far, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Their messages as logged, unformatted (a format string's parameters not filled in). */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
