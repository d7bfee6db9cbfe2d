package newsfeed.dedup.claims;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.Verdict;
import newsfeed.dedup.topology.Watermark;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Second stage, on the partitions of the claims repartition topic: one claim key is judged in one place. Applies
 * each claim with {@link ClaimJudge} to the key's {@link Bucket} in {@value #STORE} and forwards the resulting
 * verdicts keyed by the judged paragraph's postId.
 */
public final class JudgeProcessor implements Processor<String, DedupMessage, String, DedupMessage> {

    public static final String STORE = "dedup-claims";

    private final ClaimJudge judge;
    private final Watermark watermark;
    private final Duration expiryInterval;
    private final DoubleConsumer evictions;
    private ProcessorContext<String, DedupMessage> context;
    private KeyValueStore<String, Bucket> store;

    /** @param evictions told how many claimants left a bucket to keep it within its bounds */
    public JudgeProcessor(ClaimJudge judge, Duration retention, Duration expiryInterval, DoubleConsumer evictions) {
        this.judge = judge;
        this.evictions = evictions;
        this.watermark = new Watermark(retention);
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, now -> expire());
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (!(record.value() instanceof Claim claim)) {
            throw new IllegalStateException("the claims topic holds only claims, got " + record.value());
        }
        watermark.observe(claim.claimant().publishedAt());
        ClaimJudge.Outcome outcome = judge.apply(store.get(claim.claimKey()), claim);
        if (outcome.bucket() == null) {
            store.delete(claim.claimKey());
        } else {
            store.put(claim.claimKey(), outcome.bucket());
        }
        if (outcome.evicted() > 0) {
            evictions.accept(outcome.evicted());
        }
        for (Verdict verdict : outcome.verdicts()) {
            context.forward(new Record<>(verdict.postId(), verdict, record.timestamp()));
        }
    }

    private void expire() {
        Instant cutoff = watermark.cutoff();
        List<KeyValue<String, Bucket>> changed = new ArrayList<>();
        try (KeyValueIterator<String, Bucket> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Bucket> entry = all.next();
                Bucket kept = ClaimJudge.expire(entry.value, cutoff);
                if (kept != entry.value) {
                    changed.add(KeyValue.pair(entry.key, kept));
                }
            }
        }
        for (KeyValue<String, Bucket> entry : changed) {
            if (entry.value == null) {
                store.delete(entry.key);
            } else {
                store.put(entry.key, entry.value);
            }
        }
    }
}
