package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What {@link ClientGoneLogFilter} keeps out of the log, and what it lets through. */
class ClientGoneLogFilterTest {

    private final ClientGoneLogFilter filter = new ClientGoneLogFilter();

    @Test
    void aStreamClientGoneMidWriteIsNotLogged() {
        assertThat(filter.isLoggable(record(ClientGoneLogFilter.PUBLISHER_HANDLER, new IOException("Broken pipe"))))
                .isFalse();
        assertThat(filter.isLoggable(record(ClientGoneLogFilter.PUBLISHER_HANDLER,
                new IllegalStateException("write failed", new IOException("Connection reset by peer"))))).isFalse();
        assertThat(filter.isLoggable(record(ClientGoneLogFilter.PUBLISHER_HANDLER,
                new ClosedChannelException()))).isFalse();
    }

    @Test
    void otherFailuresOfTheHandlerAndOtherLoggersAreLogged() {
        assertThat(filter.isLoggable(record(ClientGoneLogFilter.PUBLISHER_HANDLER,
                new IllegalArgumentException("cannot serialize the event")))).isTrue();
        assertThat(filter.isLoggable(record(ClientGoneLogFilter.PUBLISHER_HANDLER, null))).isTrue();
        assertThat(filter.isLoggable(record("newsfeed.store.consume.DeduplicatedPostConsumer",
                new IOException("Broken pipe")))).isTrue();
    }

    @Test
    void aCyclicCauseChainEndsTheSearchAndIsLogged() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner", outer);
        outer.initCause(inner);
        assertThat(filter.isLoggable(record(ClientGoneLogFilter.PUBLISHER_HANDLER, outer))).isTrue();
    }

    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Exception in SSE server handling, impossible to send it to "
                + "client");
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }
}
