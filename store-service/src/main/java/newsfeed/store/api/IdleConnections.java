package newsfeed.store.api;

import io.netty.channel.Channel;
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
 * So the idle timeout is held back on a connection while it has an answer in progress: its request was dispatched and
 * its response has not ended, or bytes of an answer wait in Netty's write queue
 * ({@link ChannelOutboundBuffer#totalPendingWriteBytes}). An answer whose client takes nothing is {@link UnsentAnswers}'
 * to close (its send timeout, measured by progress); a stream whose client falls behind or stalls is
 * {@link PostEventBroadcast}'s to end. Vert.x fires the idle event once per idle period, so a connection whose answer
 * ended is closed between one and two idle timeouts later. Not covered: a client that sends its request a byte at a
 * time, each read counting as activity (a reverse proxy's header timeout, as nginx's {@code client_header_timeout}).
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

    /** The channel's watch, added to its pipeline at its first request. */
    static AnswerWatch watch(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) instanceof AnswerWatch watch) {
            return watch;
        }
        AnswerWatch watch = new AnswerWatch();
        if (pipeline.get(VERTX_HANDLER) != null) {
            pipeline.addBefore(VERTX_HANDLER, NAME, watch);
        }
        return watch;
    }

    /** Passes an idle event on to Vert.x, which closes the connection, only when the connection has no answer in progress. */
    static final class AnswerWatch extends ChannelInboundHandlerAdapter {
        /** The last request's response; touched on the channel's event loop only. */
        HttpServerResponse answer;

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof IdleStateEvent && answering(context.channel())) {
                return;
            }
            super.userEventTriggered(context, event);
        }

        boolean answering(Channel channel) {
            if (answer != null && !answer.ended() && !answer.closed()) {
                return true;
            }
            ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
            return queue != null && queue.totalPendingWriteBytes() > 0;
        }
    }
}
