package newsfeed.dedup.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostStatus;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.ParagraphVerdict;
import newsfeed.dedup.message.SmileSerde;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.message.Submitted;
import newsfeed.dedup.message.VerdictBatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The assembler's expiry against an archive imported while newer posts flow: a post far older than the retention
 * behind the newest one is dropped from state only once it has been decided, never between its submission and its
 * verdicts (it would then never be stored); once decided, all its state goes.
 */
class AssemblerExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant ARCHIVE = Instant.parse("2024-03-01T09:00:00Z");

    private final MockProcessorContext<String, DeduplicatedPost> context = new MockProcessorContext<>();
    private final KeyValueStore<String, byte[]> posts = store(AssemblerProcessor.POSTS, Serdes.String(),
            Serdes.ByteArray());
    private final KeyValueStore<String, AssemblyProgress> progress = store(AssemblerProcessor.PROGRESS,
            Serdes.String(), new SmileSerde<>(AssemblyProgress.class));

    @Test
    void anOldPostWaitingForItsVerdictsSurvivesTheExpiryAndIsDecided() {
        store(AssemblerProcessor.VERDICTS, Serdes.Bytes(), Serdes.ByteArray());
        store(AssemblerProcessor.TIMES, Serdes.Bytes(), Serdes.ByteArray());
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        AssemblerProcessor processor = new AssemblerProcessor(new SimpleMeterRegistry(), Duration.ofDays(30),
                Duration.ofMinutes(1));
        processor.init(context);

        processor.process(record(submission("live:1", NOW, List.of())));
        processor.process(record(submission("archive:7", ARCHIVE, List.of(new Submission.Expected(0, 2, 42L)))));
        punctuate();

        assertThat(posts.get("archive:7")).as("undecided: kept").isNotNull();
        processor.process(new Record<>("archive:7", new VerdictBatch("archive:7", 2, ARCHIVE,
                List.of(new ParagraphVerdict(0, 42L, null, null, null))), 0L));

        assertThat(context.forwarded().stream().map(f -> (String) f.record().key()).toList())
                .containsExactly("live:1", "archive:7");
        assertThat(context.forwarded().get(1).record().value().status()).isEqualTo(PostStatus.UNIQUE);

        punctuate();

        assertThat(posts.get("archive:7")).as("decided and past the retention: expired").isNull();
        assertThat(progress.get("archive:7")).isNull();
        assertThat(posts.get("live:1")).as("within the retention: kept").isNotNull();
    }

    /**
     * The intake may still remember a post (and give it its first receipt time) when the assembler has forgotten it:
     * each stage expires on its own. The new epoch is then the receipt of this delivery, which is later than the
     * epoch of every decision sent before the assembler forgot the post.
     */
    @Test
    void aSubmissionThatFindsNoProgressStartsAnEpochAtItsOwnDelivery() {
        store(AssemblerProcessor.VERDICTS, Serdes.Bytes(), Serdes.ByteArray());
        store(AssemblerProcessor.TIMES, Serdes.Bytes(), Serdes.ByteArray());
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        AssemblerProcessor processor = new AssemblerProcessor(new SimpleMeterRegistry(), Duration.ofDays(30),
                Duration.ofMinutes(1));
        processor.init(context);
        Submission remembered = submission("archive:8", ARCHIVE, List.of());
        Instant delivered = NOW.minusSeconds(5);

        processor.process(record(new Submission(remembered.post(), remembered.keptInPost(),
                remembered.removedInPost(), remembered.expected(), delivered)));

        DeduplicatedPost decision = context.forwarded().get(0).record().value();
        assertThat(decision.post().receivedAt()).isEqualTo(ARCHIVE);
        assertThat(decision.revision()).isEqualTo(1);
        assertThat(decision.revisionEpoch()).isEqualTo(delivered);
        assertThat(progress.get("archive:8").revisionEpoch()).isEqualTo(delivered);
    }

    private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private void punctuate() {
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(NOW.toEpochMilli()));
    }

    private static Record<String, DedupMessage> record(Submission submission) {
        return new Record<>(submission.post().postId(), new Submitted(submission,
                AssemblerProcessor.SUBMISSION_SERDE.serialize(AssemblerProcessor.POSTS, submission)), 0L);
    }

    private static Submission submission(String postId, Instant publishedAt, List<Submission.Expected> expected) {
        String text = "The harbour board met on " + publishedAt + " to agree the dredging schedule.";
        NormalizedPost post = new NormalizedPost(postId, postId.substring(0, postId.indexOf(':')), publishedAt,
                publishedAt, text, null, List.of(new Paragraph(0, text, ParagraphKind.TEXT)), List.of(), List.of(),
                null, null, 1, false);
        return new Submission(post, List.of(0), List.of(), expected);
    }
}
