package newsfeed.contracts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that Vert.x Web refuses before any route runs, each answered {@code 400} with an {@link ApiError}
 * ({@code {"error": "malformed request", "details": ["For HTTP/1.x requests, the 'Host' header is required"]}}), the
 * connection closed (a stream of an HTTP/2 connection is answered alone), and logged at DEBUG only. These are the
 * ones whose {@code RoutingContext} fails with a {@link VertxException} and status 400: an HTTP/1.1 request without
 * {@code Host} or with one that names no host (RFC 9112 §3.2: "a server MUST respond with a 400"), a request line of
 * version {@code HTTP/2.0} on an HTTP/1 connection (an h2c prior-knowledge preface, {@code PRI * HTTP/2.0}, to a
 * service whose HTTP/2 is off), an HTTP/2 stream without {@code :authority}, an empty path; on the application's
 * port and on the management port.
 *
 * <p>Why: Quarkus's error handler answered them with its own body, and logged each at ERROR with an error id (Quarkus
 * issue 43936), so anyone who could reach a service could write ERROR lines into its log, one per request, and page
 * whoever watches them. Every service installs this on its router ({@link #install}).
 */
public final class MalformedRequests {

    /** Before every other failure handler: Quarkus's own is the router's last. */
    public static final int ORDER = Integer.MIN_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MalformedRequests() {
    }

    /**
     * Adds the failure handler to a router; call it from observers of the service's {@link Router} and of its
     * management interface's ({@code ManagementInterface.router()}), which has an error handler of its own.
     */
    public static void install(Router router) {
        router.route().order(ORDER).failureHandler(MalformedRequests::answer);
    }

    static void answer(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.statusCode() != 400 || failure == null || failure.getClass() != VertxException.class
                || context.response().headWritten()) {
            context.next();
            return;
        }
        LOG.debug("malformed request refused: {}", failure.getMessage());
        String body;
        try {
            body = JSON.writeValueAsString(new ApiError("malformed request", List.of(String.valueOf(
                    failure.getMessage()))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError of text is always JSON", e);
        }
        context.response().setStatusCode(400).putHeader("Content-Type", "application/json");
        if (context.request().version() == HttpVersion.HTTP_2) {
            // a stream of an HTTP/2 connection (h2c where HTTP/2 is on): answered alone; a Connection header would
            // make the answer malformed (RFC 9113 §8.2.2), and closing would end the connection's other streams
            context.response().end(body);
            return;
        }
        // closed now, not once the answer is written, so that nothing pipelined behind it is read (RFC 9112 §9.6;
        // after a prior-knowledge preface come HTTP/2 frames); the answer leaves first, ahead of the close in the
        // channel's queue
        context.response().putHeader("Connection", "close").end(body);
        context.request().connection().close();
    }
}
