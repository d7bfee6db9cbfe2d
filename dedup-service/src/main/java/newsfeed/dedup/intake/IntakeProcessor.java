package newsfeed.dedup.intake;

import java.time.Duration;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.DeadLetteringProcessor;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.Rejected;
import newsfeed.dedup.topology.Watermark;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * First stage of the dedup topology, on the partitions of {@code posts.normalized}: decodes each post (undecodable
 * records become {@link Rejected} dead letters), runs {@link PostIntake}, and forwards the submission keyed by
 * postId and each claim keyed by its claim key. Remembers each post's {@link IntakeState} in {@value #STORE}.
 */
public final class IntakeProcessor extends DeadLetteringProcessor<NormalizedPost, String, DedupMessage> {

    public static final String STORE = "dedup-intake";
    public static final String STAGE = "dedup";

    private static final JsonSerde<NormalizedPost> SERDE = new JsonSerde.NormalizedPostSerde();

    private final PostIntake intake = new PostIntake();
    private final Watermark watermark;
    private final Duration expiryInterval;
    private KeyValueStore<String, IntakeState> store;

    public IntakeProcessor(Duration retention, Duration expiryInterval, Runnable onDeadLetter) {
        super(STAGE, IntakeProcessor::decode, onDeadLetter);
        this.watermark = new Watermark(retention);
        this.expiryInterval = expiryInterval;
    }

    private static NormalizedPost decode(Record<byte[], byte[]> record) {
        NormalizedPost post = SERDE.deserialize(Topics.POSTS_NORMALIZED, record.value());
        if (post == null || post.postId() == null || post.publishedAt() == null) {
            throw new IllegalArgumentException("record has no NormalizedPost with postId and publishedAt");
        }
        return post;
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        super.init(context);
        store = context.getStateStore(STORE);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, now -> watermark.expire(store, IntakeState::publishedAt));
    }

    @Override
    protected void process(Record<byte[], byte[]> record, NormalizedPost post) {
        watermark.observe(post.publishedAt());
        PostIntake.Result result = intake.take(post, store.get(post.postId()));
        store.put(post.postId(), result.state());
        context().forward(new Record<>(post.postId(), result.submission(), record.timestamp(), record.headers()));
        for (Claim claim : result.claims()) {
            context().forward(new Record<>(claim.claimKey(), claim, record.timestamp()));
        }
    }

    @Override
    protected void deadLetter(Record<byte[], byte[]> rejected) {
        context().forward(new Record<>(null, new Rejected(rejected.key(), rejected.value()), rejected.timestamp(),
                rejected.headers()));
    }
}
