package newsfeed.store.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves a connection's next request only once the responses before it have left for the client: a request that
 * finds the connection's write queue full ({@link HttpServerResponse#writeQueueFull}, Netty's high-water mark, 64 KiB)
 * waits until it drains. Why: HTTP/1.1 lets a client send many requests on one connection before it reads any answer
 * (pipelining), and Vert.x starts each as soon as the one before has been handed to Netty, not once it was sent. A
 * helper's trial sent 150 requests for posts of 800,000 characters on one connection and read nothing: every answer
 * waited in direct memory, which ran out ({@code OutOfMemoryError: Cannot reserve … bytes of direct buffer memory},
 * other clients' large reads failing with 500), past the bound {@code quarkus.http.limits.max-connections} gives
 * (e2e {@code StreamHeapIT}). Now a connection holds at most one answer and the write queue's mark.
 */
@ApplicationScoped
public class PipelinedRequests {

    /** Route order: before Quarkus REST, which reads and answers the request. */
    static final int ORDER = -1;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(PipelinedRequests::whenWritable);
    }

    /** Runs on the connection's event loop, where Vert.x also reports the queue drained: no drain is missed. */
    static void whenWritable(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!response.writeQueueFull()) {
            context.next();
            return;
        }
        context.request().pause();
        response.drainHandler(drained -> {
            response.drainHandler(null);
            context.request().resume();
            context.next();
        });
    }
}
