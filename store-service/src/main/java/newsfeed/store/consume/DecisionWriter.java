package newsfeed.store.consume;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.store.db.PostRepository;
import newsfeed.store.db.StoreException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Writes decisions to PostgreSQL for the consumer, retrying every failure that is not the records' fault
 * ({@link StoreException#isRecordsFault()}): with exponential back-off from 200 ms to 10 s, for as long as it takes,
 * each attempt its own transaction. Meanwhile {@link StoreWritesCheck} reports the store not ready, and the batch
 * waits: a database that cannot take writes (down, read-only, a revoked permission, a changed password) never turns
 * good records into dead letters and never stops the consumer for good.
 */
@ApplicationScoped
public class DecisionWriter {

    private static final Logger LOG = Logger.getLogger(DecisionWriter.class);

    @Inject
    PostRepository repository;

    @Inject
    @Readiness
    StoreWritesCheck health;

    /** The database refused the decisions for what they hold: writing them again cannot succeed. */
    public static final class RecordsRefused extends RuntimeException {
        RecordsRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Stores the decisions in one transaction.
     *
     * @return what happened to each decision, in the order given
     * @throws RecordsRefused when the database refuses them for what they hold (SQLSTATE 22, 23, 54) or a decision
     *                        is inconsistent; nothing is stored then
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100, abortOn = RecordsRefused.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public List<PostRepository.Outcome> write(List<DeduplicatedPost> decisions) {
        try {
            List<PostRepository.Outcome> outcomes = repository.upsertAll(decisions);
            health.writing();
            return outcomes;
        } catch (StoreException e) {
            if (e.isRecordsFault()) {
                throw new RecordsRefused(e.getMessage(), e);
            }
            failing(decisions, e);
            throw e;
        } catch (IllegalArgumentException e) {
            throw new RecordsRefused(e.getMessage(), e);
        } catch (RuntimeException e) {
            failing(decisions, e);
            throw e;
        }
    }

    private void failing(List<DeduplicatedPost> decisions, RuntimeException e) {
        health.failing(e);
        LOG.warnf("cannot store %d posts from %s, retrying with back-off: %s", decisions.size(),
                decisions.get(0).postId(), e.getMessage());
    }
}
