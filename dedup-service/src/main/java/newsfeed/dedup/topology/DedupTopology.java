package newsfeed.dedup.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.DeadLetteringProcessor;
import newsfeed.dedup.post.WithinPostDeduplicator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
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
    static final class WithinPostProcessor extends DeadLetteringProcessor<NormalizedPost> {

        private static final JsonSerde<NormalizedPost> SERDE = new JsonSerde.NormalizedPostSerde();

        private final WithinPostDeduplicator deduplicator;
        private final Counter repeatedInPost;

        WithinPostProcessor(WithinPostDeduplicator deduplicator, MeterRegistry registry) {
            super(STAGE, DEAD_LETTER_SINK, WithinPostProcessor::decode,
                    registry.counter("newsfeed.dedup.dead.letters")::increment);
            this.deduplicator = deduplicator;
            this.repeatedInPost = registry.counter("newsfeed.dedup.paragraphs.removed",
                    "reason", RemovalReason.REPEATED_IN_POST.name());
        }

        private static NormalizedPost decode(Record<byte[], byte[]> record) {
            NormalizedPost post = SERDE.deserialize(Topics.POSTS_NORMALIZED, record.value());
            if (post == null || post.postId() == null) {
                throw new IllegalArgumentException("record has no NormalizedPost with a postId");
            }
            return post;
        }

        @Override
        protected void process(Record<byte[], byte[]> record, NormalizedPost post) {
            WithinPostDeduplicator.Decision decision = deduplicator.decide(post);
            repeatedInPost.increment(decision.removed().size());
            DeduplicatedPost result = new DeduplicatedPost(post, decision.kept(), decision.removed(),
                    PostStatus.UNIQUE, null, 1);
            context().forward(new Record<>(post.postId(), result, record.timestamp(), record.headers()),
                    DEDUPLICATED_SINK);
        }
    }
}
