package newsfeed.store.api;

import io.quarkus.logging.LoggingFilter;
import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps out of the log what RESTEasy Reactive reports as an ERROR, with its stack trace, each time an event-stream
 * client is gone while an event is being written to it ({@code Exception in SSE server handling, impossible to send it
 * to client: java.io.IOException: Broken pipe}, or a closed channel): a client closing its tab mid-event, or a
 * client that read nothing going away. Any client can cause it as often as it likes, and it says nothing about the
 * store. Other failures of the same handler (an event that cannot be serialized) are still logged. Named
 * {@value #NAME} for {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = ClientGoneLogFilter.NAME)
public final class ClientGoneLogFilter implements Filter {

    static final String NAME = "client-gone";
    /** The logger of RESTEasy Reactive's handler of streamed responses (SSE). */
    static final String PUBLISHER_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";

    /** How far down a cause chain the filter looks for the I/O failure. */
    private static final int MAX_CAUSE_DEPTH = 16;

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!PUBLISHER_HANDLER.equals(record.getLoggerName())) {
            return true;
        }
        // a lost connection is an I/O failure (Netty's closed channel is one too); anything else is logged. The depth
        // bound keeps a cyclic cause chain (a cause set to an ancestor) from looping
        Throwable cause = record.getThrown();
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return false;
            }
        }
        return true;
    }
}
