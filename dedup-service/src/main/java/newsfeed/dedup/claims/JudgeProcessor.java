package newsfeed.dedup.claims;

import java.time.Duration;
import java.util.function.DoubleConsumer;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.VerdictBatch;
import newsfeed.dedup.topology.Watermark;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Second stage, on the partitions of the claims topic: each post's claims at a partition arrive as one
 * {@link ClaimBatch}, are applied by {@link ClaimJudge} to the partition's state, and the resulting verdicts go on,
 * one {@link VerdictBatch} per judged post, keyed by postId. Expiry removes posts older than the retention through
 * the time index, a bounded number per run, never by scanning the stores.
 */
public final class JudgeProcessor implements Processor<String, DedupMessage, String, DedupMessage> {

    private static final Logger LOG = Logger.getLogger(JudgeProcessor.class);

    /** Most posts one expiry run removes; the next run goes on where it stopped. */
    static final int EXPIRY_BATCH = 10_000;

    private final ClaimJudge judge;
    private final Watermark watermark;
    private final Duration expiryInterval;
    private final DoubleConsumer boundedScans;
    private ProcessorContext<String, DedupMessage> context;
    private JudgeState state;

    /** @param boundedScans told how many candidate scans stopped at their bound */
    public JudgeProcessor(ClaimJudge judge, Duration retention, Duration expiryInterval, DoubleConsumer boundedScans) {
        this.judge = judge;
        this.boundedScans = boundedScans;
        this.watermark = new Watermark(retention);
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> paragraphs = context.getStateStore(ClaimIndexReader.PARAGRAPHS);
        KeyValueStore<Bytes, byte[]> claims = context.getStateStore(ClaimIndexReader.CLAIMS);
        KeyValueStore<Bytes, byte[]> times = context.getStateStore(ClaimIndexReader.CLAIMS_BY_TIME);
        this.state = new JudgeState(paragraphs, claims, times);
        int indexed = state.rebuild();
        if (indexed > 0) {
            LOG.infof("judge task %s: claim keys of %d paragraphs indexed", context.taskId(), indexed);
        }
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME,
                now -> judge.expire(state, watermark.cutoff(now), EXPIRY_BATCH));
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (!(record.value() instanceof ClaimBatch batch)) {
            throw new IllegalStateException("the claims topic holds only claim batches, got " + record.value());
        }
        watermark.observe(batch.memoryTime(), context.currentSystemTimeMs());
        ClaimJudge.Outcome outcome = judge.apply(state, batch);
        if (outcome.boundedScans() > 0) {
            boundedScans.accept(outcome.boundedScans());
        }
        for (VerdictBatch verdicts : outcome.verdicts()) {
            context.forward(new Record<>(verdicts.postId(), verdicts, record.timestamp()));
        }
    }
}
