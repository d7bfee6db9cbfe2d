package newsfeed.store.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
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
 * a feed) is made whole and handed to the connection, where it waits, in the heap, until the client reads it: a
 * helper's trial with posts of 800,000 characters full of {@code &} (Atom writes {@code &amp;}) crashed the store
 * ({@code OutOfMemoryError}) with 16 clients of {@code /feed.atom} that read nothing (e2e {@code StreamHeapIT}). Two
 * rules, both over the bytes Netty holds for each connection ({@link ChannelOutboundBuffer#totalPendingWriteBytes}):
 * <ul>
 * <li>A read that carries posts' text ({@link BoundedReads}) is not begun while the connections together hold
 * {@code newsfeed.store.api.max-unsent-answers} (default 32 MiB) or more: {@link StoreBusyException}, answered 503
 * with {@code Retry-After}. Past that mark only the answers of the reads already running are added to them, at most
 * {@code newsfeed.store.api.max-concurrent-reads}. The event streams' connections count too.</li>
 * <li>A connection whose answer has not moved for {@code newsfeed.store.api.send-timeout} (default 60 s, nginx's
 * {@code send_timeout}) is closed: its write queue stayed above Netty's high-water mark (64 KiB) at every check,
 * every {@link #SWEEP_INTERVAL}. A client that reads slowly is not closed as long as its queue drains below the
 * mark between checks; an idle keep-alive connection or a quiet event stream holds nothing and is not touched.</li>
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

    /** A connection whose write queue was below the high-water mark at the last check. */
    private static final long NOT_WAITING = Long.MIN_VALUE;

    /** Each open connection, and since when its answer has waited above the high-water mark ({@link #NOT_WAITING}). */
    private final Map<Channel, Long> connections = new ConcurrentHashMap<>();
    private final long maxUnsent;
    private final long sendTimeoutNanos;
    private final Counter refused;
    private final Counter closed;

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
        vertx.setPeriodic(SWEEP_INTERVAL.toMillis(), id -> closeStalled(System.nanoTime()));
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
        if (connections.putIfAbsent(channel, NOT_WAITING) == null) {
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

    /** Closes the connections whose write queue stayed above the high-water mark for the send timeout. */
    void closeStalled(long now) {
        connections.replaceAll((channel, since) -> {
            if (channel.isWritable()) {
                return NOT_WAITING;
            }
            if (since == NOT_WAITING) {
                return now;
            }
            if (now - since >= sendTimeoutNanos && channel.isOpen()) {
                closed.increment();
                abort(channel);
            }
            return since;
        });
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
