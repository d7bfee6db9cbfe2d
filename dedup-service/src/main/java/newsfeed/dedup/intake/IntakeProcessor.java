package newsfeed.dedup.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostId;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.DeadLetteringProcessor;
import newsfeed.contracts.kafka.RecordSizeLimit;
import newsfeed.contracts.text.WellFormedText;
import newsfeed.dedup.assembly.AssemblerProcessor;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.ClaimsTopicSerde;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.EncodedClaimBatch;
import newsfeed.dedup.message.Rejected;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.message.Submitted;
import newsfeed.dedup.state.TimeIndex;
import newsfeed.dedup.topology.DedupTopology;
import newsfeed.dedup.topology.Watermark;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * First stage of the dedup topology, on the partitions of {@code posts.normalized}: decodes and checks each post
 * (records it cannot take become {@link Rejected} dead letters), runs {@link PostIntake}, and forwards the submission
 * keyed by postId to the assembler in its task ({@link Submitted}, with the bytes the assembler stores) and one claim
 * batch per judge partition ({@link EncodedClaimBatch}, with the bytes the claims topic takes); a post whose
 * submission or claim batch is above the record limit is a dead letter before it changes any state. Remembers each
 * post's {@link IntakeState} in {@value #STORE}, and forgets it past the retention ({@link Watermark#memoryTime})
 * through the time index {@value #TIMES}, which is rebuilt from it at start.
 */
public final class IntakeProcessor extends DeadLetteringProcessor<NormalizedPost, String, DedupMessage> {

    public static final String STORE = "dedup-intake";
    public static final String TIMES = "dedup-intake-by-time";
    public static final String STAGE = DeadLetter.STAGE_DEDUP;
    static final int EXPIRY_BATCH = 10_000;

    private static final JsonSerde<NormalizedPost> SERDE = new JsonSerde.NormalizedPostSerde();

    private final PostIntake intake;
    private final Watermark watermark;
    private final Duration expiryInterval;
    private final Serializer<Submission> submissions;
    private final Serializer<DedupMessage> claimBatches;
    private String postsChangelog;
    private String claimsTopic;
    private KeyValueStore<String, IntakeState> store;
    private TimeIndex times;

    /**
     * @param limit        the record limit of the stage's producer: a post whose submission (for the assembler's
     *                     changelog) or one of whose claim batches (for the claims topic) is above it, serialized, is a
     *                     dead letter
     * @param onDeadLetter called once per dead letter (a metric)
     */
    public IntakeProcessor(int claimPartitions, Duration retention, Duration expiryInterval, RecordSizeLimit limit,
            Runnable onDeadLetter) {
        super(STAGE, IntakeProcessor::decode, onDeadLetter);
        this.submissions = limit.guard(AssemblerProcessor.SUBMISSION_SERDE.serializer());
        this.claimBatches = limit.guard(ClaimsTopicSerde.encoding().serializer());
        this.intake = new PostIntake(claimPartitions);
        this.watermark = new Watermark(retention);
        this.expiryInterval = expiryInterval;
    }

    /**
     * The post, checked for everything {@link PostIntake} relies on, so that a record it could not take fails here,
     * as the record's fault and a dead letter, rather than in {@link #process}, where a failure stops the stream:
     * postId, publishedAt and receivedAt present, paragraphs at positions 0, 1, 2, ... in order, each with text and
     * kind, and all its text valid Unicode.
     */
    private static NormalizedPost decode(Record<byte[], byte[]> record) {
        NormalizedPost post = SERDE.deserialize(Topics.POSTS_NORMALIZED, record.value());
        if (post == null || post.postId() == null || post.publishedAt() == null || post.receivedAt() == null) {
            throw new IllegalArgumentException("record has no NormalizedPost with postId, publishedAt and receivedAt");
        }
        // a post keyed otherwise is submitted in one task and its verdicts, partitioned by postId, reach another: it
        // was lost without a word (a helper's trial); an id the store cannot index would be refused there only after
        // its paragraphs were taken as published
        String idProblem = PostId.problem(post.postId(), post.source());
        if (idProblem == null) {
            idProblem = PostId.keyProblem(record.key(), post.postId());
        }
        if (idProblem != null) {
            throw new IllegalArgumentException(idProblem);
        }
        List<Paragraph> paragraphs = post.paragraphs();
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph paragraph = paragraphs.get(i);
            String fault = Paragraph.problem(paragraph, i);
            if (fault != null) {
                throw new IllegalArgumentException("post " + post.postId() + ": " + fault);
            }
            wellFormed(post, "paragraph " + i, paragraph.text());
        }
        wellFormed(post, "postId", post.postId());
        wellFormed(post, "source", post.source());
        wellFormed(post, "title", post.title());
        wellFormed(post, "url", post.url());
        for (int i = 0; i < post.links().size(); i++) {
            wellFormed(post, "links[" + i + "]", post.links().get(i));
        }
        for (int i = 0; i < post.hashtags().size(); i++) {
            wellFormed(post, "hashtags[" + i + "]", post.hashtags().get(i));
        }
        wellFormed(post, "dateline", post.dateline() == null ? null : post.dateline().place());
        wellFormed(post, "forwardedFrom", post.forwardedFrom());
        wellFormed(post, "author", post.author());
        wellFormed(post, "mediaType", post.mediaType());
        return post;
    }

    /** Text the post's submission must write, in valid Unicode: an unpaired surrogate fails that write. */
    private static void wellFormed(NormalizedPost post, String field, String text) {
        int at = WellFormedText.unpairedSurrogate(text);
        if (at >= 0) {
            throw new IllegalArgumentException("post " + post.postId() + ": " + field
                    + " is not valid Unicode (an unpaired surrogate at index " + at + ")");
        }
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        super.init(context);
        store = context.getStateStore(STORE);
        // Kafka Streams names a store's changelog <application.id>-<store name>-changelog
        postsChangelog = context.applicationId() + "-" + AssemblerProcessor.POSTS + "-changelog";
        // and a repartition topic <application.id>-<name>-repartition
        claimsTopic = context.applicationId() + "-" + DedupTopology.CLAIMS_REPARTITION + "-repartition";
        KeyValueStore<Bytes, byte[]> timeStore = context.getStateStore(TIMES);
        times = new TimeIndex(timeStore);
        times.clear();
        try (KeyValueIterator<String, IntakeState> all = store.all()) {
            all.forEachRemaining(kv -> times.put(kv.value.keptFrom(), kv.key));
        }
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    protected void process(Record<byte[], byte[]> record, NormalizedPost post) {
        IntakeState previous = store.get(post.postId());
        PostIntake.Result result = intake.take(post, previous);
        byte[] submission;
        List<EncodedClaimBatch> claims = new ArrayList<>(result.claims().size());
        try {
            submission = submissions.serialize(postsChangelog, result.submission());
            for (ClaimBatch batch : result.claims()) {
                claims.add(new EncodedClaimBatch(batch, claimBatches.serialize(claimsTopic, batch)));
            }
        } catch (RecordTooLargeException e) {
            // the assembler could not log it, or the judge could not be sent it: the post's fault, and nothing of it
            // is stored yet
            reject(record, e);
            return;
        }
        watermark.observe(result.state().keptFrom(), context().currentSystemTimeMs());
        store.put(post.postId(), result.state());
        if (previous != null && !previous.keptFrom().equals(result.state().keptFrom())) {
            times.delete(previous.keptFrom(), post.postId());
        }
        times.put(result.state().keptFrom(), post.postId());
        context().forward(new Record<>(post.postId(), new Submitted(result.submission(), submission), record.timestamp(),
                record.headers()));
        for (EncodedClaimBatch batch : claims) {
            context().forward(new Record<>(post.postId(), batch, record.timestamp()));
        }
    }

    private void expire(long now) {
        for (TimeIndex.Entry old : times.before(watermark.cutoff(now), EXPIRY_BATCH)) {
            store.delete(old.postId());
            times.delete(old.time(), old.postId());
        }
    }

    @Override
    protected void deadLetter(Record<byte[], byte[]> rejected) {
        context().forward(new Record<>(null, new Rejected(rejected.key(), rejected.value()), rejected.timestamp(),
                rejected.headers()));
    }
}
