package newsfeed.dedup.assembly;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.message.Verdict;
import newsfeed.dedup.topology.Watermark;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Last stage, on the partitions of the decisions repartition topic (keyed by postId): regroups submissions and
 * verdicts per post in {@value #STORE} with {@link PostAssembler} and forwards each decision to
 * {@code posts.deduplicated}. Counts removed paragraphs by reason in {@code newsfeed.dedup.paragraphs.removed}.
 */
public final class AssemblerProcessor implements Processor<String, DedupMessage, String, DeduplicatedPost> {

    public static final String STORE = "dedup-posts";

    private final PostAssembler assembler = new PostAssembler();
    private final MeterRegistry registry;
    private final Watermark watermark;
    private final Duration expiryInterval;
    private ProcessorContext<String, DeduplicatedPost> context;
    private KeyValueStore<String, PostState> store;

    public AssemblerProcessor(MeterRegistry registry, Duration retention, Duration expiryInterval) {
        this.registry = registry;
        this.watermark = new Watermark(retention);
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, DeduplicatedPost> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, now -> watermark.expireWhere(store, PostState::expiredAt));
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        PostState state = store.get(record.key());
        PostAssembler.Outcome outcome;
        if (record.value() instanceof Submission submission) {
            watermark.observe(submission.post().publishedAt());
            outcome = assembler.onSubmission(state, submission);
        } else if (record.value() instanceof Verdict verdict) {
            outcome = assembler.onVerdict(state, verdict);
        } else {
            throw new IllegalStateException("the decisions topic holds submissions and verdicts, got "
                    + record.value());
        }
        store.put(record.key(), outcome.state());
        Optional<DeduplicatedPost> emit = outcome.emit();
        if (emit.isPresent()) {
            count(emit.get(), state == null ? null : state.emitted());
            context.forward(new Record<>(record.key(), emit.get(), record.timestamp(), record.headers()));
        }
    }

    /** Counts the removals a decision adds over the previous one, per reason. */
    private void count(DeduplicatedPost decision, DeduplicatedPost previous) {
        for (RemovalReason reason : RemovalReason.values()) {
            long added = removed(decision, reason) - (previous == null ? 0 : removed(previous, reason));
            if (added > 0) {
                registry.counter("newsfeed.dedup.paragraphs.removed", "reason", reason.name()).increment(added);
            }
        }
    }

    private static long removed(DeduplicatedPost post, RemovalReason reason) {
        return post.removed().stream().map(RemovedParagraph::reason).filter(reason::equals).count();
    }
}
