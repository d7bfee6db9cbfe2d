package newsfeed.dedup.assembly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.hash.Hashing;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.Json;
import newsfeed.dedup.message.SmileSerde;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.ParagraphVerdict;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.message.Submitted;
import newsfeed.dedup.message.VerdictBatch;
import newsfeed.dedup.state.KeyBytes;
import newsfeed.dedup.state.TimeIndex;
import newsfeed.dedup.topology.Watermark;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Last stage, in the intake's task (on the partitions of {@code posts.normalized} and of the verdicts topic, both
 * keyed by postId): regroups each post's submission, handed over by the intake, and its verdicts, and forwards each
 * decision ({@link PostAssembler}) to {@code posts.deduplicated}: once every verdict the post waits for has arrived,
 * and again, revision + 1, whenever a later verdict or an edit changes it. A new submission of the post (a
 * re-delivery or a re-import) sends the current decision again under its current revision, which the store treats as
 * a no-op. Revisions count within a revision epoch, which begins when a submission finds
 * no progress (the first one, or one after the post expired); the decisions carry it, so that an edit decided after
 * the expiry, revision 1 again, still comes after every earlier decision ({@code PostVersion}).
 *
 * <p>State, so that a verdict costs a small read and write, not the whole post: the submission ({@value #POSTS},
 * written once per submission), the progress ({@value #PROGRESS}: what is expected and what was sent), the verdicts
 * per post and judge partition ({@value #VERDICTS}), and the time index ({@value #TIMES}) through which expiry drops
 * decided posts past the retention. Counts removed paragraphs by reason in {@code newsfeed.dedup.paragraphs.removed}.
 */
public final class AssemblerProcessor implements Processor<String, DedupMessage, String, DeduplicatedPost> {

    public static final String POSTS = "dedup-posts";
    public static final String PROGRESS = "dedup-progress";
    public static final String VERDICTS = "dedup-verdicts";
    public static final String TIMES = "dedup-posts-by-time";
    static final int EXPIRY_BATCH = 10_000;

    private static final SmileSerde<PartitionVerdicts> VERDICT_SERDE = new SmileSerde<>(PartitionVerdicts.class);

    /** How {@value #POSTS} holds a submission: Smile, made by the intake ({@link Submitted}). */
    public static final SmileSerde<Submission> SUBMISSION_SERDE = new SmileSerde<>(Submission.class);

    /**
     * One judge partition's latest verdicts on a post's paragraphs, by position.
     *
     * @param publishedAt the post's publication time
     * @param keptFrom    the time the post is remembered by ({@link Watermark#memoryTime}), for the expiry of
     *                    verdicts whose submission never came; null in verdicts stored before it was kept, read as
     *                    {@code publishedAt}
     */
    public record PartitionVerdicts(Instant publishedAt, Map<Integer, ParagraphVerdict> verdicts, Instant keptFrom) {
        public PartitionVerdicts {
            verdicts = Map.copyOf(verdicts);
            if (keptFrom == null) {
                keptFrom = publishedAt;
            }
        }
    }

    private final MeterRegistry registry;
    private final Watermark watermark;
    private final Duration expiryInterval;
    private ProcessorContext<String, DeduplicatedPost> context;
    private KeyValueStore<String, byte[]> posts;
    private KeyValueStore<String, AssemblyProgress> progress;
    private KeyValueStore<Bytes, byte[]> verdicts;
    private TimeIndex times;

    /** Paragraphs removed across posts, by reason: {@code newsfeed_dedup_paragraphs_removed_total{reason}}. */
    public static final String REMOVED_METRIC = "newsfeed.dedup.paragraphs.removed";

    public AssemblerProcessor(MeterRegistry registry, Duration retention, Duration expiryInterval) {
        this.registry = registry;
        // every reason's series exists from the start, at 0, so that Prometheus' rate() sees the first removals
        for (RemovalReason reason : RemovalReason.values()) {
            registry.counter(REMOVED_METRIC, "reason", reason.name());
        }
        this.watermark = new Watermark(retention);
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, DeduplicatedPost> context) {
        this.context = context;
        this.posts = context.getStateStore(POSTS);
        this.progress = context.getStateStore(PROGRESS);
        this.verdicts = context.getStateStore(VERDICTS);
        KeyValueStore<Bytes, byte[]> timeStore = context.getStateStore(TIMES);
        this.times = new TimeIndex(timeStore);
        rebuildTimes();
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /** The time index has no changelog: rebuilt from the progress, and from verdicts whose submission is not in. */
    private void rebuildTimes() {
        times.clear();
        try (KeyValueIterator<String, AssemblyProgress> all = progress.all()) {
            all.forEachRemaining(kv -> times.put(kv.value.keptFrom(), kv.key));
        }
        try (KeyValueIterator<Bytes, byte[]> all = verdicts.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                String postId = KeyBytes.readPostId(kv.key.get(), 0, new int[1]);
                if (progress.get(postId) == null) {
                    times.put(VERDICT_SERDE.deserialize(VERDICTS, kv.value).keptFrom(), postId);
                }
            }
        }
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (record.value() instanceof Submitted submitted) {
            onSubmission(record, submitted);
        } else if (record.value() instanceof VerdictBatch batch) {
            onVerdicts(record, batch);
        } else {
            throw new IllegalStateException("the assembler takes submissions and verdicts, got " + record.value());
        }
    }

    private void onSubmission(Record<String, DedupMessage> record, Submitted submitted) {
        Submission submission = submitted.submission();
        String postId = submission.post().postId();
        Instant keptFrom = Watermark.memoryTime(submission.post().publishedAt(), submission.post().receivedAt());
        watermark.observe(keptFrom, context.currentSystemTimeMs());
        AssemblyProgress previous = progress.get(postId);
        // The digest tells an edit from a re-delivery, so only a post submitted again needs one: the first
        // submission leaves it null, and the first post's digest is made from the stored post when a second comes.
        String postDigest = null;
        if (previous != null) {
            previous = withFirstDigest(postId, previous);
            postDigest = digest(submission);
        }
        posts.put(postId, submitted.bytes());
        if (previous != null && !previous.keptFrom().equals(keptFrom)) {
            times.delete(previous.keptFrom(), postId);
        }
        times.put(keptFrom, postId);
        // The revision counter lives in the progress, which expires with the post: a post decided again after that
        // counts from 1 in a later epoch, its delivery's receipt, so that consumers still order its decisions.
        Instant epoch = previous != null ? previous.revisionEpoch()
                : submission.deliveredAt() != null ? submission.deliveredAt() : submission.post().receivedAt();
        AssemblyProgress next = new AssemblyProgress(submission.post().publishedAt(), submission.expected(),
                postDigest, previous == null ? null : previous.emitted(), epoch, keptFrom);
        decide(record, postId, next, submission, true);
    }

    private void onVerdicts(Record<String, DedupMessage> record, VerdictBatch batch) {
        String postId = batch.postId();
        AssemblyProgress current = progress.get(postId);
        if (current == null && batch.keptFrom().isBefore(watermark.cutoff(context.currentSystemTimeMs()))) {
            return; // a correction for a post whose state has expired
        }
        Bytes key = verdictKey(postId, batch.partition());
        byte[] stored = verdicts.get(key);
        Map<Integer, ParagraphVerdict> merged = new HashMap<>(stored == null ? Map.of()
                : VERDICT_SERDE.deserialize(VERDICTS, stored).verdicts());
        batch.verdicts().forEach(v -> merged.put(v.position(), v));
        verdicts.put(key, VERDICT_SERDE.serialize(VERDICTS, new PartitionVerdicts(batch.publishedAt(), merged,
                batch.keptFrom())));
        if (current == null) {
            // verdicts ahead of their submission: remembered, and expired like any post if it never comes
            times.put(batch.keptFrom(), postId);
            return;
        }
        if (current.expected().stream().anyMatch(e -> e.partition() == batch.partition())) {
            decide(record, postId, current, null, false);
        }
    }

    /**
     * Sends the post's decision when every expected verdict is in and the decision (or the post) changed, or when the
     * post was submitted again; stores the progress in any case.
     *
     * @param submission the post's submission when it just arrived, else null (read from the store if needed)
     */
    private void decide(Record<String, DedupMessage> record, String postId, AssemblyProgress state,
            Submission submission, boolean resubmitted) {
        Map<PostAssembler.VerdictKey, ParagraphVerdict> received = new HashMap<>();
        for (int partition : new TreeSet<>(state.expected().stream().map(Submission.Expected::partition).toList())) {
            byte[] stored = verdicts.get(verdictKey(postId, partition));
            if (stored == null) {
                progress.put(postId, state);
                return;
            }
            VERDICT_SERDE.deserialize(VERDICTS, stored).verdicts().forEach((position, verdict) ->
                    received.put(new PostAssembler.VerdictKey(position, partition), verdict));
        }
        Submission post = submission != null ? submission : storedSubmission(postId);
        var decision = PostAssembler.decide(post, received);
        if (decision.isEmpty()) {
            progress.put(postId, state);
            return;
        }
        AssemblyProgress.Emitted previous = state.emitted();
        boolean same = previous != null && sameDecision(decision.get(), previous)
                && Objects.equals(state.postDigest(), previous.postDigest());
        if (same && !resubmitted) {
            progress.put(postId, state);
            return;
        }
        int revision = previous == null ? 1 : same ? previous.revision() : previous.revision() + 1;
        AssemblyProgress.Emitted emitted = new AssemblyProgress.Emitted(decision.get().kept(),
                decision.get().removed(), decision.get().status(), decision.get().duplicateOf(), revision,
                state.postDigest());
        progress.put(postId, new AssemblyProgress(state.publishedAt(), state.expected(), state.postDigest(),
                emitted, state.revisionEpoch(), state.keptFrom()));
        DeduplicatedPost out = new DeduplicatedPost(post.post(), emitted.kept(), emitted.removed(), emitted.status(),
                emitted.duplicateOf(), revision, state.revisionEpoch());
        count(emitted, previous);
        context.forward(new Record<>(postId, out, record.timestamp(), record.headers()));
    }

    private static boolean sameDecision(PostAssembler.Decision decision, AssemblyProgress.Emitted emitted) {
        return decision.kept().equals(emitted.kept()) && decision.removed().equals(emitted.removed())
                && decision.status() == emitted.status() && Objects.equals(decision.duplicateOf(),
                emitted.duplicateOf());
    }

    private void expire(long now) {
        for (TimeIndex.Entry old : times.before(watermark.cutoff(now), EXPIRY_BATCH)) {
            AssemblyProgress state = progress.get(old.postId());
            if (state != null && state.emitted() == null) {
                // never decided yet: an archive older than the retention, imported while newer posts flow, is still
                // waiting for its verdicts; dropping it now would mean it is never stored
                continue;
            }
            if (state != null && !state.keptFrom().equals(old.time())) {
                times.delete(old.time(), old.postId());
                continue;
            }
            posts.delete(old.postId());
            progress.delete(old.postId());
            Bytes prefix = verdictPrefix(old.postId());
            List<Bytes> keys = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = verdicts.range(prefix, Bytes.increment(prefix))) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            keys.forEach(verdicts::delete);
            times.delete(old.time(), old.postId());
        }
    }

    /** Counts the removals a decision adds over the previous one, per reason. */
    private void count(AssemblyProgress.Emitted decision, AssemblyProgress.Emitted previous) {
        for (RemovalReason reason : RemovalReason.values()) {
            long added = removed(decision.removed(), reason) - (previous == null ? 0
                    : removed(previous.removed(), reason));
            if (added > 0) {
                registry.counter(REMOVED_METRIC, "reason", reason.name()).increment(added);
            }
        }
    }

    private static long removed(List<RemovedParagraph> removed, RemovalReason reason) {
        return removed.stream().map(RemovedParagraph::reason).filter(reason::equals).count();
    }

    private static Bytes verdictPrefix(String postId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(postId.length() + 3);
        KeyBytes.writePostId(out, postId);
        return Bytes.wrap(out.toByteArray());
    }

    private static Bytes verdictKey(String postId, int partition) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(postId.length() + 3);
        KeyBytes.writePostId(out, postId);
        out.write(partition >>> 8);
        out.write(partition);
        return Bytes.wrap(out.toByteArray());
    }

    /**
     * The progress with the first submitted post's digest in place of null: in the progress and in the decision sent,
     * which can only have been sent with that post. Progress stored with digests is returned as it is.
     */
    private AssemblyProgress withFirstDigest(String postId, AssemblyProgress previous) {
        AssemblyProgress.Emitted emitted = previous.emitted();
        if (previous.postDigest() != null || emitted == null || emitted.postDigest() != null) {
            return previous; // nothing sent with an unknown digest: only the new submission's digest is compared
        }
        // the progress and the submission are stored and expired together; without it, the decision is sent again
        // as a new revision, which costs the store an update and loses nothing
        Submission first = storedSubmission(postId);
        String digest = first == null ? null : digest(first);
        return new AssemblyProgress(previous.publishedAt(), previous.expected(), digest,
                new AssemblyProgress.Emitted(emitted.kept(), emitted.removed(), emitted.status(),
                        emitted.duplicateOf(), emitted.revision(), digest), previous.revisionEpoch(),
                previous.keptFrom());
    }

    private Submission storedSubmission(String postId) {
        byte[] stored = posts.get(postId);
        return stored == null ? null : SUBMISSION_SERDE.deserialize(POSTS, stored);
    }

    /** A digest of the submitted post, to tell an edit from a re-delivery. */
    private static String digest(Submission submission) {
        try {
            return Hashing.murmur3_128().hashBytes(Json.mapper().writeValueAsBytes(submission.post())).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize post " + submission.post().postId(), e);
        }
    }
}
