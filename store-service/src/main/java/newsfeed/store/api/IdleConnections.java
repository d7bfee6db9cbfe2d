package newsfeed.store.api;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Decides which connections the idle timeout closes. Vert.x closes a connection on which nothing was read and no write
 * completed for {@code quarkus.http.idle-timeout} (store-service: 60 s, {@code NEWSFEED_STORE_IDLE_TIMEOUT}; Quarkus's
 * default is 30 minutes, which let 64 connections that clients opened and left, or never sent a request on, refuse
 * every other client that long). That rule alone also closes two connections that are not idle:
 * <ul>
 * <li>an event stream ({@code GET /api/posts/stream}) while no post is stored: its answer is open, with nothing to
 * write;</li>
 * <li>a slow reader of a large answer: Vert.x hands a feed of several MB to Netty as one message, whose write
 * completes only at its last byte, so a client reading it at 15 KB/s shows no completed write for minutes (a helper's
 * review, stop 49: a 4.7 MB Atom feed cut at the idle timeout).</li>
 * </ul>
 * So the idle timeout is held back on a connection while it has an answer in progress: bytes of an answer wait in
 * Netty's write queue ({@link ChannelOutboundBuffer#totalPendingWriteBytes}) and moved since the last idle event
 * ({@link UnsentAnswers.Progress#moved}), or nothing waits and the last request's response is open. A connection is
 * closed an idle timeout after its last answer was written; one whose client stopped reading an answer, about two
 * idle timeouts after it stopped (above Netty's 64 KiB mark, {@link UnsentAnswers}' send timeout may come first); a
 * stream whose client falls behind is {@link PostEventBroadcast}'s to end. Not covered: a client that sends
 * its request a byte at a time, each read counting as activity (a reverse proxy's header timeout, as nginx's
 * {@code client_header_timeout}), and event streams, which stay open while quiet ({@code max-streams} bounds them).
 */
@ApplicationScoped
public class IdleConnections {

    /** The handler's name in each connection's Netty pipeline, just before Vert.x's own ({@value #VERTX_HANDLER}). */
    static final String NAME = "newsfeed-idle-answers";
    /** Vert.x's handler, which closes the connection on an idle event ({@code ConnectionBase.handleIdle}). */
    static final String VERTX_HANDLER = "handler";
    /** Route order: before every other handler, so that each request is seen. */
    static final int ORDER = UnsentAnswers.ORDER - 1;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(IdleConnections::answering);
    }

    /** Runs on the connection's event loop, as its pipeline's handlers do. */
    static void answering(RoutingContext context) {
        if (context.request().connection() instanceof ConnectionBase connection) {
            watch(connection.channel()).answer = context.response();
        }
        context.next();
    }

    /**
     * The channel's watch, added to its pipeline at its first request. One of another class loader (a connection kept
     * open across dev mode's live reload) is replaced: adding a second of the same name would fail every request.
     */
    static AnswerWatch watch(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandler present = pipeline.get(NAME);
        if (present instanceof AnswerWatch watch) {
            return watch;
        }
        AnswerWatch watch = new AnswerWatch();
        if (present != null) {
            pipeline.replace(NAME, NAME, watch);
        } else if (pipeline.get(VERTX_HANDLER) != null) {
            pipeline.addBefore(VERTX_HANDLER, NAME, watch);
        }
        return watch;
    }

    /** Passes an idle event on to Vert.x, which closes the connection, only when the connection has no answer in progress. */
    static final class AnswerWatch extends ChannelInboundHandlerAdapter {
        /** The last request's response; touched on the channel's event loop only, as the fields below. */
        HttpServerResponse answer;
        /** The write queue as the last idle event found it. */
        private final UnsentAnswers.Progress output = new UnsentAnswers.Progress();

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof IdleStateEvent && answering(context.channel())) {
                return;
            }
            super.userEventTriggered(context, event);
        }

        /**
         * Bytes wait in the write queue: in progress if they moved since the last idle event (the first finds them
         * moved), so that a client that reads nothing of an answer below Netty's mark, which the send timeout does
         * not watch, is closed at the second (a helper's review held 7 such connections open). Nothing waits: in
         * progress while the last response is open, as a quiet event stream's is.
         */
        boolean answering(Channel channel) {
            ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
            if (queue != null && queue.totalPendingWriteBytes() > 0) {
                return output.moved(queue);
            }
            return answer != null && !answer.ended() && !answer.closed();
        }
    }
}
