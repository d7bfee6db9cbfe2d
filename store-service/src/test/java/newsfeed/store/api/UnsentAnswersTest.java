package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link UnsentAnswers} on Netty's {@link EmbeddedChannel}: bytes written and not flushed are what a client that reads
 * nothing leaves in a connection's write queue.
 */
class UnsentAnswersTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UnsentAnswers unsent = new UnsentAnswers(registry, new MemorySize(BigInteger.valueOf(1 << 20)),
            Duration.ofSeconds(60));

    @Test
    void readsAreRefusedWhileTheConnectionsHoldTheLimitAndAdmittedOnceTheyLeave() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        unsent.watch(first);
        unsent.watch(second);
        unsent.watch(first);

        first.write(Unpooled.wrappedBuffer(new byte[600_000]));
        unsent.admit();
        second.write(Unpooled.wrappedBuffer(new byte[500_000]));

        assertThat(unsent.held()).as("the bytes and Netty's overhead for each").isBetween(1_100_000L, 1_101_000L);
        assertThatThrownBy(unsent::admit).isInstanceOf(UnsentAnswers.StoreBusyException.class)
                .hasMessageContaining(" bytes, at least ").hasMessageContaining("max-unsent-answers (1048576)");
        assertThat(registry.counter(UnsentAnswers.REFUSED).count()).isEqualTo(1);

        second.flush();
        assertThat(unsent.held()).isBetween(600_000L, 601_000L);
        unsent.admit();
        first.close();
        assertThat(unsent.held()).isZero();
    }

    /**
     * A handler that closes its channel only once nothing written waits, as Vert.x's does (it closes once what was
     * written has been flushed, and to a client that reads nothing that never happens).
     */
    private static final class CloseWhenSent extends ChannelOutboundHandlerAdapter {
        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes() == 0) {
                ctx.close(promise);
            }
        }
    }

    /** A connection whose client takes {@link #allowance} bytes at the next flush, and nothing more, as a socket. */
    private static final class Client extends EmbeddedChannel {
        long allowance;

        Client(ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected void doWrite(ChannelOutboundBuffer queue) {
            long taken = Math.min(allowance, queue.totalPendingWriteBytes());
            queue.removeBytes(taken);
            allowance -= taken;
        }

        /** Writes and flushes an answer of {@code bytes}, which waits for the client. */
        void answer(int bytes) {
            writeAndFlush(Unpooled.wrappedBuffer(new byte[bytes]));
        }

        /** The client reads {@code bytes} of what waits. */
        void reads(int bytes) {
            allowance = bytes;
            flush();
        }
    }

    private void check(long now, EmbeddedChannel... channels) {
        unsent.closeStalled(now);
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
        }
    }

    @Test
    void aConnectionWhoseAnswerDoesNotMoveForTheSendTimeoutIsClosedAndOneThatIsReadSlowlyIsNot() {
        Client stalled = new Client(new CloseWhenSent());
        Client slow = new Client();
        Client idle = new Client();
        for (Client client : List.of(stalled, slow, idle)) {
            unsent.watch(client);
        }
        stalled.answer(200_000);
        // one answer of 4 MB, read 10,000 bytes a second: Netty counts all of it queued until its last byte is written
        slow.answer(4_000_000);
        assertThat(stalled.isWritable()).as("above the high-water mark").isFalse();

        long start = 1_000 * SECOND;
        for (int second = 0; second <= 120; second += 5) {
            check(start + second * SECOND, stalled, slow, idle);
            assertThat(stalled.isOpen()).as("stalled after %d s", second).isEqualTo(second < 60);
            slow.reads(50_000);
        }

        assertThat(slow.isOpen()).isTrue();
        assertThat(idle.isOpen()).isTrue();
        assertThat(registry.counter(UnsentAnswers.CLOSED).count()).isEqualTo(1);
        assertThat(unsent.held()).as("the slow client's answer, counted whole until its last byte is written")
                .isBetween(4_000_000L, 4_001_000L);
    }
}
