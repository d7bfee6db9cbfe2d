package newsfeed.store.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Runs the reads that carry posts' text (a listing or search, a post, the two feeds) a few at a time, the rest
 * waiting their turn: SmallRye Fault Tolerance's bulkhead, asynchronous so that it has a waiting queue (a synchronous
 * bulkhead only refuses). One bulkhead for all four routes, so that their pages together hold at most
 * {@code newsfeed.store.api.max-concurrent-reads} (4) pages of text (each up to {@code PostQueries.PAGE_TEXT_BYTES}, or
 * one post of up to 4 MB, about three times over while read and written) in store-service's heap; at most
 * {@code newsfeed.store.api.max-waiting-reads} (100) wait, and one more is refused ({@code BulkheadException}, answered
 * 503 with {@code Retry-After}). Why: a trial's four listings of 800,000-character posts at once filled the 112 MB heap
 * ({@code OutOfMemoryError}, and storing stopped); a bulkhead that only refused broke the dashboard, which reads its 20
 * posts at once.
 *
 * <p>A read whose client has closed its connection by the time its turn comes is not run
 * ({@code newsfeed_store_reads_abandoned_total}): a review showed that 100 requests sent and dropped at once, each a
 * search that could run for the query timeout, held the queue, and so every post, listing and feed, for minutes.
 *
 * <p>A read is not begun while the answers that clients have not yet taken hold
 * {@code newsfeed.store.api.max-unsent-answers} ({@link UnsentAnswers}): the bulkhead bounds the answers being made,
 * that budget the answers made and waiting for their clients.
 *
 * <p>A read runs on another thread: it must not touch the request's {@code @Context} objects; its caller reads what it
 * needs from them first.
 */
@ApplicationScoped
public class BoundedReads {

    /** Reads not run because their client had left: counted as {@code newsfeed.store.reads.abandoned}. */
    public static final String ABANDONED = "newsfeed.store.reads.abandoned";

    /** The client of a read closed its connection before the read's turn came; nobody hears the answer. */
    public static final class ClientLeftException extends RuntimeException {
        ClientLeftException() {
            super("the client closed its connection before its read's turn came", null, false, false);
        }
    }

    private final Counter abandoned;
    private final UnsentAnswers unsent;

    @Inject
    BoundedReads(MeterRegistry registry, UnsentAnswers unsent) {
        this.abandoned = registry.counter(ABANDONED);
        this.unsent = unsent;
    }

    /**
     * @param client the answer's connection (Vert.x), asked whether it is still open when the read's turn comes
     * @param read   the work, database reads and the answer's making; what it throws completes the stage
     *               exceptionally and is answered by the exception mappers as if thrown by the route
     * @return the read's result, once its turn came and it ran; {@link ClientLeftException} when the client had left;
     *         {@link UnsentAnswers.StoreBusyException} when the answers that clients have not read hold too much
     */
    @Asynchronous
    @Bulkhead // value and waiting-task-queue: newsfeed.store.api.max-concurrent-reads and -max-waiting-reads
    public <T> CompletionStage<T> run(HttpServerResponse client, Supplier<T> read) {
        if (client.closed()) {
            abandoned.increment();
            throw new ClientLeftException();
        }
        unsent.admit();
        return CompletableFuture.completedFuture(read.get());
    }
}
