package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
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

    @Test
    void aConnectionWhoseAnswerDoesNotMoveForTheSendTimeoutIsClosedAndOneThatDrainsIsNot() {
        EmbeddedChannel stalled = new EmbeddedChannel(new CloseWhenSent());
        EmbeddedChannel slow = new EmbeddedChannel();
        EmbeddedChannel idle = new EmbeddedChannel();
        unsent.watch(stalled);
        unsent.watch(slow);
        unsent.watch(idle);
        stalled.write(Unpooled.wrappedBuffer(new byte[200_000]));
        slow.write(Unpooled.wrappedBuffer(new byte[200_000]));
        assertThat(stalled.isWritable()).as("above the high-water mark").isFalse();

        long start = 1_000 * SECOND;
        unsent.closeStalled(start);
        unsent.closeStalled(start + 30 * SECOND);
        // the slow client took what was queued between two checks: its waiting starts again
        slow.flush();
        unsent.closeStalled(start + 45 * SECOND);
        slow.write(Unpooled.wrappedBuffer(new byte[200_000]));
        unsent.closeStalled(start + 55 * SECOND);
        assertThat(stalled.isOpen()).as("59 s of 60").isTrue();
        unsent.closeStalled(start + 60 * SECOND);

        assertThat(stalled.isOpen()).isFalse();
        assertThat(slow.isOpen()).isTrue();
        assertThat(idle.isOpen()).isTrue();
        assertThat(registry.counter(UnsentAnswers.CLOSED).count()).isEqualTo(1);
        assertThat(unsent.held()).isBetween(200_000L, 201_000L);
    }
}
