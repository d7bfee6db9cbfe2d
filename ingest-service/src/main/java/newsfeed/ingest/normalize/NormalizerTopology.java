package newsfeed.ingest.normalize;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.DeadLetterProductionHandler;
import newsfeed.contracts.kafka.DeadLetteringProcessor;
import newsfeed.contracts.kafka.RecordSizeLimit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Record;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The normalizer stage: {@link Topics#POSTS_RAW} → {@link Topics#POSTS_NORMALIZED}, with every record it cannot
 * normalize sent, bytes unchanged, to {@link Topics#POSTS_DEAD_LETTER} with {@link DeadLetter} headers. Records are
 * read as bytes so that a record that is not even JSON is a dead letter rather than a stopped stream; normalizing is
 * the processor's decoder, so whatever normalization throws on a record makes it a dead letter
 * ({@link DeadLetteringProcessor}). A normalized post too large for the producer fails at serialization
 * ({@link RecordSizeLimit}) and its raw post becomes a dead letter through the production exception handler.
 */
@ApplicationScoped
public class NormalizerTopology {

    public static final String STAGE = DeadLetter.STAGE_NORMALIZER;
    static final String SOURCE = "raw-posts";
    static final String PROCESSOR = "normalize";
    static final String NORMALIZED_SINK = "normalized-posts";
    static final String DEAD_LETTER_SINK = "dead-letters";

    /** {@link #build(PostNormalizer, MeterRegistry, RecordSizeLimit)} for Kafka's default record limit. */
    public static Topology build(PostNormalizer normalizer, MeterRegistry registry) {
        return build(normalizer, registry, RecordSizeLimit.DEFAULT);
    }

    /**
     * @param normalizer the normalization rules
     * @param registry   where {@code newsfeed.normalizer.records{outcome=normalized}} and the dead letters
     *                   ({@link DeadLetter#METRIC}, stage {@value #STAGE}) are counted
     * @param limit      the stage producer's record limit: a normalized post above it fails at serialization and the
     *                   production exception handler ({@link DeadLetterProductionHandler}) dead-letters its raw post
     */
    public static Topology build(PostNormalizer normalizer, MeterRegistry registry, RecordSizeLimit limit) {
        Counter normalized = registry.counter("newsfeed.normalizer.records", "outcome", "normalized");
        Counter deadLetters = registry.counter(DeadLetter.METRIC, DeadLetter.METRIC_STAGE, STAGE);
        Serializer<NormalizedPost> normalizedSerializer = limit.guard(new JsonSerde.NormalizedPostSerde());
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.POSTS_RAW);
        topology.addProcessor(PROCESSOR,
                () -> new NormalizeProcessor(normalizer, new JsonSerde.RawPostSerde(), normalized, deadLetters),
                SOURCE);
        topology.addSink(NORMALIZED_SINK, Topics.POSTS_NORMALIZED, new StringSerializer(), normalizedSerializer,
                PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, Topics.POSTS_DEAD_LETTER, new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }

    /** @param maxRequestSize the stage producer's {@code max.request.size}, from the property that sets it */
    @Produces
    Topology topology(PostNormalizer normalizer, MeterRegistry registry,
            @ConfigProperty(name = RecordSizeLimit.PROPERTY) int maxRequestSize) {
        return build(normalizer, registry, new RecordSizeLimit(maxRequestSize));
    }

    /** Normalizes one record; one that cannot be normalized becomes a dead letter. */
    static final class NormalizeProcessor extends DeadLetteringProcessor<NormalizedPost, Object, Object> {

        private final Counter normalized;

        NormalizeProcessor(PostNormalizer normalizer, JsonSerde<RawPost> rawSerde, Counter normalized,
                Counter deadLetters) {
            super(STAGE, record -> normalize(record, normalizer, rawSerde), deadLetters::increment);
            this.normalized = normalized;
        }

        private static NormalizedPost normalize(Record<byte[], byte[]> record, PostNormalizer normalizer,
                JsonSerde<RawPost> rawSerde) {
            if (record.value() == null) {
                throw new InvalidPostException("record has no value (tombstone)");
            }
            RawPost raw = rawSerde.deserialize(Topics.POSTS_RAW, record.value());
            if (raw == null) {
                throw new InvalidPostException("record holds no RawPost (JSON null)");
            }
            NormalizedPost post = normalizer.normalize(raw);
            // the API's rule for ids, again for a record written to posts.raw directly (a helper's trial: an id the
            // store cannot index went through, and dedup-service took its paragraphs as published)
            String problem = PostId.problem(post.postId(), post.source());
            if (problem == null) {
                problem = PostId.keyProblem(record.key(), post.postId());
            }
            if (problem != null) {
                throw new InvalidPostException(problem);
            }
            return post;
        }

        @Override
        protected void process(Record<byte[], byte[]> record, NormalizedPost post) {
            normalized.increment();
            context().forward(new Record<>(post.postId(), post, record.timestamp(), record.headers()),
                    NORMALIZED_SINK);
        }

        @Override
        protected void deadLetter(Record<byte[], byte[]> rejected) {
            context().forward(new Record<>(rejected.key(), rejected.value(), rejected.timestamp(), rejected.headers()),
                    DEAD_LETTER_SINK);
        }
    }
}
