package newsfeed.store.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the memory that answers waiting for their clients hold in store-service. An answer (a page of posts, a post,
 * a feed) is made whole and handed to the connection, where it waits in direct memory (Netty copies it there to write
 * it; as large as the heap) until the client reads it. With nothing bounding it, 60 clients of large feeds, listings
 * and posts that read nothing held 38 MB there (e2e {@code StreamHeapIT}), and more connections or larger answers
 * would have run it out; a helper's review did, with 32 MiB of answers beside 52 stalled event streams. Two
 * rules, both over the bytes Netty holds for each connection ({@link ChannelOutboundBuffer#totalPendingWriteBytes}):
 * <ul>
 * <li>A read that carries posts' text ({@link BoundedReads}) is not begun while the connections together hold
 * {@code newsfeed.store.api.max-unsent-answers} (default 16 MiB) or more: {@link StoreBusyException}, answered 503
 * with {@code Retry-After}. Past that mark only the answers of the reads already running are added to them, at most
 * {@code newsfeed.store.api.max-concurrent-reads}. The event streams' connections count too.</li>
 * <li>A connection whose answer has not moved for {@code newsfeed.store.api.send-timeout} (default 60 s, as nginx's
 * {@code send_timeout}, the time between two successive writes) is closed: its write queue stood above Netty's
 * high-water mark (64 KiB) and no byte of it was written between checks, every {@link #SWEEP_INTERVAL}, for that
 * long. A client that reads slowly is not closed; an idle keep-alive connection or a quiet event stream holds
 * nothing and is not touched.</li>
 * </ul>
 */
@ApplicationScoped
public class UnsentAnswers {

    /** Reads refused because the answers waiting for their clients held too much: a counter. */
    public static final String REFUSED = "newsfeed.store.reads.refused.unsent";
    /** Connections closed because their answer did not move for the send timeout: a counter. */
    public static final String CLOSED = "newsfeed.store.connections.stalled.closed";
    /** The bytes the connections hold, written and not yet taken by their clients: a gauge. */
    public static final String HELD = "newsfeed.store.answers.unsent.bytes";
    /** How often the connections are checked for a stalled answer. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);
    /** Route order: before every other handler, {@link PipelinedRequests} included, so that each connection is seen. */
    static final int ORDER = PipelinedRequests.ORDER - 1;

    /** The store is busy sending answers that clients have not read: the read is not begun. */
    public static final class StoreBusyException extends RuntimeException {
        StoreBusyException(long held, long max) {
            super("the answers waiting for clients that have not read them hold " + held + " bytes, at least "
                    + "newsfeed.store.api.max-unsent-answers (" + max + ")", null, false, false);
        }
    }

    /**
     * A connection's answer as the last check saw it. Touched on the channel's event loop only (where Netty moves the
     * bytes), but for its creation.
     */
    static final class Progress {
        /** Since when the queue has stood above the mark without moving (nanoTime); {@link #MOVING} if it moved. */
        long since = MOVING;
        long pending;
        int message;
        /** The bytes written of the message being written ({@link ChannelOutboundBuffer#currentProgress}). */
        long written;
        static final long MOVING = Long.MIN_VALUE;

        /**
         * Takes what the queue holds now, and tells whether the answer moved since the last call: less is queued, or
         * the message being written changed, or more or less of it has been written (as Netty's own
         * {@code IdleStateHandler} judges output). Netty counts a message as queued until the whole of it is written,
         * so a slow reader's one message of several MB stays queued for minutes while it moves. A new message may be
         * a recycled buffer of the same identity: its progress starts again, and differs.
         */
        boolean moved(ChannelOutboundBuffer queue) {
            long nowPending = queue.totalPendingWriteBytes();
            int nowMessage = System.identityHashCode(queue.current());
            long nowWritten = queue.currentProgress();
            boolean moved = nowPending < pending || nowMessage != message || nowWritten != written;
            pending = nowPending;
            message = nowMessage;
            written = nowWritten;
            return moved;
        }
    }

    /** Each open connection and what the last check saw of its answer. */
    private final Map<Channel, Progress> connections = new ConcurrentHashMap<>();
    private final long maxUnsent;
    private final long sendTimeoutNanos;
    private final Counter refused;
    private final Counter closed;
    private Vertx vertx;
    private long sweeper;

    @Inject
    UnsentAnswers(MeterRegistry registry,
            @ConfigProperty(name = "newsfeed.store.api.max-unsent-answers") MemorySize maxUnsent,
            @ConfigProperty(name = "newsfeed.store.api.send-timeout") Duration sendTimeout) {
        this.maxUnsent = maxUnsent.asLongValue();
        this.sendTimeoutNanos = sendTimeout.toNanos();
        this.refused = registry.counter(REFUSED);
        this.closed = registry.counter(CLOSED);
        Gauge.builder(HELD, this, UnsentAnswers::held).baseUnit("bytes").register(registry);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::track);
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        sweeper = vertx.setPeriodic(SWEEP_INTERVAL.toMillis(), id -> closeStalled(System.nanoTime()));
        this.vertx = vertx;
    }

    /** Vert.x outlives the application in dev mode's live reload: the old sweeper would run on. */
    void stop(@Observes ShutdownEvent stopping) {
        if (vertx != null) {
            vertx.cancelTimer(sweeper);
        }
    }

    private void track(RoutingContext context) {
        Channel channel = channel(context.request().connection());
        if (channel != null) {
            watch(channel);
        }
        context.next();
    }

    /** Counts the channel's bytes from now on, until it closes; once for each channel, whatever its requests. */
    void watch(Channel channel) {
        if (connections.putIfAbsent(channel, new Progress()) == null) {
            channel.closeFuture().addListener(gone -> connections.remove(channel));
        }
    }

    /**
     * Throws {@link StoreBusyException} when the connections hold {@code max-unsent-answers} or more; called before a
     * read that carries posts' text begins.
     */
    void admit() {
        long held = held();
        if (held >= maxUnsent) {
            refused.increment();
            throw new StoreBusyException(held, maxUnsent);
        }
    }

    /** The bytes the open connections hold, written and not yet taken by their clients' sockets. */
    long held() {
        long held = 0;
        for (Channel channel : connections.keySet()) {
            ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
            if (pending != null) {
                held += pending.totalPendingWriteBytes();
            }
        }
        return held;
    }

    /** Has each connection checked on its own event loop, where Netty moves its bytes. */
    void closeStalled(long now) {
        connections.forEach((channel, progress) -> channel.eventLoop().execute(() -> check(channel, progress, now)));
    }

    /**
     * Closes the connection if its write queue has stood above the high-water mark for the send timeout without
     * moving ({@link Progress#moved}: a helper's review had a client reading 15 KB/s cut off 65 s into a 4.7 MB feed
     * when only the queue's size was watched). Below the mark, an answer that does not move is left to the idle
     * timeout ({@link IdleConnections}).
     */
    void check(Channel channel, Progress progress, long now) {
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        if (queue == null || channel.isWritable()) {
            progress.since = Progress.MOVING;
            return;
        }
        if (progress.moved(queue) || progress.since == Progress.MOVING) {
            progress.since = now;
        } else if (now - progress.since >= sendTimeoutNanos && channel.isOpen()) {
            closed.increment();
            abort(channel);
        }
    }

    /**
     * Closes the channel now, its queued answer dropped. Not {@link Channel#close()}: Vert.x's handler closes a
     * connection only once what was written has been flushed, which a client that reads nothing never lets happen
     * (the first version of this class closed nothing). The close starts below every handler of the pipeline, at
     * Netty's head, which closes the socket and fails the queued writes.
     */
    private static void abort(Channel channel) {
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first == null) {
            channel.close();
        } else {
            first.close();
        }
    }

    /** The Netty channel of an HTTP/1.x connection (HTTP/2 is off: {@code quarkus.http.http2=false}). */
    private static Channel channel(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? base.channel() : null;
    }
}
