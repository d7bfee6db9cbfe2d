package newsfeed.dedup.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.Topics;
import newsfeed.dedup.post.WithinPostDeduplicator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The dedup topology: {@link Topics#POSTS_NORMALIZED} → {@link Topics#POSTS_DEDUPLICATED}.
 *
 * <p>Today it applies DESIGN §5 rule 1 (repeats within a post) in one stateless processor. Cross-post dedup adds
 * claim repartitioning and state stores between the {@link #WITHIN_POST} processor and the sink; the node names below
 * stay. A record that is not a valid NormalizedPost goes, bytes unchanged, to {@link Topics#POSTS_DEAD_LETTER}.
 */
@ApplicationScoped
public class DedupTopology {

    public static final String STAGE = "dedup";
    static final String SOURCE = "normalized-posts";
    static final String WITHIN_POST = "within-post";
    static final String DEDUPLICATED_SINK = "deduplicated-posts";
    static final String DEAD_LETTER_SINK = "dead-letters";

    /** @param registry where {@code newsfeed.dedup.paragraphs.removed} (tag {@code reason}) is counted */
    public static Topology build(WithinPostDeduplicator deduplicator, MeterRegistry registry) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.POSTS_NORMALIZED);
        topology.addProcessor(WITHIN_POST, () -> new WithinPostProcessor(deduplicator, registry), SOURCE);
        topology.addSink(DEDUPLICATED_SINK, Topics.POSTS_DEDUPLICATED, new StringSerializer(),
                new JsonSerde.DeduplicatedPostSerde(), WITHIN_POST);
        topology.addSink(DEAD_LETTER_SINK, Topics.POSTS_DEAD_LETTER, new ByteArraySerializer(),
                new ByteArraySerializer(), WITHIN_POST);
        return topology;
    }

    @Produces
    Topology topology(MeterRegistry registry) {
        return build(new WithinPostDeduplicator(), registry);
    }

    /** Decodes a post, applies within-post dedup and emits the decision; undecodable records become dead letters. */
    static final class WithinPostProcessor implements Processor<byte[], byte[], Object, Object> {

        private final WithinPostDeduplicator deduplicator;
        private final JsonSerde<NormalizedPost> serde = new JsonSerde.NormalizedPostSerde();
        private final Counter repeatedInPost;
        private final Counter deadLetters;
        private ProcessorContext<Object, Object> context;

        WithinPostProcessor(WithinPostDeduplicator deduplicator, MeterRegistry registry) {
            this.deduplicator = deduplicator;
            this.repeatedInPost = registry.counter("newsfeed.dedup.paragraphs.removed",
                    "reason", RemovalReason.REPEATED_IN_POST.name());
            this.deadLetters = registry.counter("newsfeed.dedup.dead.letters");
        }

        @Override
        public void init(ProcessorContext<Object, Object> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            NormalizedPost post;
            try {
                post = serde.deserialize(Topics.POSTS_NORMALIZED, record.value());
                if (post == null || post.postId() == null) {
                    throw new IllegalArgumentException("record has no NormalizedPost with a postId");
                }
            } catch (RuntimeException e) {
                deadLetters.increment();
                var metadata = context.recordMetadata();
                context.forward(record.withHeaders(DeadLetter.annotate(record.headers(), e.getMessage(), STAGE,
                        Topics.POSTS_NORMALIZED, metadata.map(m -> m.partition()).orElse(-1),
                        metadata.map(m -> m.offset()).orElse(-1L))), DEAD_LETTER_SINK);
                return;
            }
            WithinPostDeduplicator.Decision decision = deduplicator.decide(post);
            repeatedInPost.increment(decision.removed().size());
            DeduplicatedPost result = new DeduplicatedPost(post, decision.kept(), decision.removed(),
                    PostStatus.UNIQUE, null, 1);
            context.forward(new Record<>(post.postId(), result, record.timestamp(), record.headers()),
                    DEDUPLICATED_SINK);
        }
    }
}
