package newsfeed.dedup.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.DeadLetterProductionHandler;
import newsfeed.contracts.kafka.RecordSizeLimit;
import newsfeed.contracts.kafka.StreamsFailure;
import newsfeed.dedup.assembly.AssemblerProcessor;
import newsfeed.dedup.assembly.AssemblyProgress;
import newsfeed.dedup.claims.ClaimIndexReader;
import newsfeed.dedup.claims.ClaimJudge;
import newsfeed.dedup.claims.ClaimPartitioner;
import newsfeed.dedup.claims.JudgeProcessor;
import newsfeed.dedup.intake.IntakeProcessor;
import newsfeed.dedup.intake.IntakeState;
import newsfeed.dedup.kafka.TopicBootstrap;
import newsfeed.dedup.message.ClaimsTopicSerde;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.EncodedClaimBatch;
import newsfeed.dedup.message.Rejected;
import newsfeed.dedup.message.SmileSerde;
import newsfeed.dedup.rules.RemovalRules;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The dedup topology (DESIGN §5), {@code posts.normalized} → {@code posts.deduplicated}:
 *
 * <pre>
 * posts.normalized ─► intake ─┬─ one claim batch per post and judge partition ─► [claims topic] ─► judge ─┐
 *   (by postId)      (stores  │                                                                 verdicts │
 *                  dedup-intake)                                                   [verdicts topic, by postId]
 *                             ├─ submission, in memory ─► assembler ◄───────────────────────────────────────┘
 *                             │                              └─► posts.deduplicated
 *                             └─ rejected ─► posts.dead-letter
 * </pre>
 *
 * The claims topic has {@code claimPartitions} partitions; a batch goes to the partition that owns its claim keys
 * ({@link ClaimPartitioner}), so one partition decides for one claim key whatever the number of input partitions, and
 * a post costs a handful of records, not one per claim. The assembler runs in the intake's task: the verdicts topic
 * has as many partitions as {@code posts.normalized} and the same partitioner (by postId), so a post's verdicts reach
 * the task that took its submission, which never passes through a topic. Every store is changelog-backed; run it
 * with {@code processing.guarantee=exactly_once_v2}.
 */
@ApplicationScoped
public class DedupTopology {

    private static final Logger LOG = Logger.getLogger(DedupTopology.class);

    public static final String SOURCE = "normalized-posts";
    public static final String INTAKE = "intake";
    public static final String JUDGE = "judge";
    public static final String ASSEMBLER = "assembler";
    /** Names of the repartition topics: {@code <application.id>-claims-repartition} and {@code -verdicts-}. */
    public static final String CLAIMS_REPARTITION = "claims";
    public static final String VERDICTS_REPARTITION = "verdicts";

    /**
     * The topics the topology reads and writes; tests run it on topics of their own.
     *
     * @param input           normalized posts
     * @param output          dedup decisions
     * @param deadLetter      undecodable records
     * @param inputPartitions the partition count of {@code input}, which the verdicts topic takes so that a post's
     *                        verdicts reach the task that holds its submission; at least 1
     * @throws IllegalArgumentException if {@code inputPartitions} is below 1
     */
    public record StageTopics(String input, String output, String deadLetter, int inputPartitions) {

        public StageTopics {
            if (inputPartitions < 1) {
                throw new IllegalArgumentException("input topic " + input + " needs at least one partition, got "
                        + inputPartitions);
            }
        }

        /** The pipeline's topics, {@code posts.normalized} having {@code inputPartitions} partitions. */
        public static StageTopics pipeline(int inputPartitions) {
            return new StageTopics(Topics.POSTS_NORMALIZED, Topics.POSTS_DEDUPLICATED, Topics.POSTS_DEAD_LETTER,
                    inputPartitions);
        }
    }

    /**
     * {@link #build(DedupSettings.Values, MeterRegistry, StageTopics, RecordSizeLimit)} on the pipeline's topics with
     * one input partition, for Kafka's default record limit: for {@code TopologyTestDriver}, which runs one task per
     * sub-topology whatever the partition counts.
     */
    public static Topology build(DedupSettings.Values settings, MeterRegistry registry) {
        return build(settings, registry, StageTopics.pipeline(1));
    }

    /** {@link #build(DedupSettings.Values, MeterRegistry)} on other topics. */
    public static Topology build(DedupSettings.Values settings, MeterRegistry registry, StageTopics topics) {
        return build(settings, registry, topics, RecordSizeLimit.DEFAULT);
    }

    /**
     * @param settings retention, expiry interval, near-duplicate threshold, claim partitions
     * @param registry where dead letters, removals and bounded scans are counted
     * @param topics   the topics it reads and writes
     * @param limit    the stage producer's record limit: a post whose submission or claim batch is above it is a
     *                 dead letter at the intake, before it changes any state; a verdict batch or decision above it
     *                 fails at serialization, and the production exception handler
     *                 ({@link DeadLetterProductionHandler}) dead-letters the input record it was made from; the stage
     *                 goes on
     */
    public static Topology build(DedupSettings.Values settings, MeterRegistry registry, StageTopics topics,
            RecordSizeLimit limit) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<DedupMessage> messages = limit.guardSerde(new SmileSerde<>(DedupMessage.class));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(IntakeProcessor.STORE, settings), Serdes.String(),
                new SmileSerde<>(IntakeState.class)));
        builder.addStateStore(timeIndex(IntakeProcessor.TIMES, settings));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(ClaimIndexReader.PARAGRAPHS, settings),
                Serdes.Bytes(), Serdes.ByteArray()));
        // derived from the paragraphs and rebuilt at start (JudgeState.rebuild): no changelog
        builder.addStateStore(Stores.keyValueStoreBuilder(store(ClaimIndexReader.CLAIMS, settings), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled());
        builder.addStateStore(timeIndex(ClaimIndexReader.CLAIMS_BY_TIME, settings));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(AssemblerProcessor.POSTS, settings), Serdes.String(),
                Serdes.ByteArray()));
        // Not cached (withCachingEnabled): Kafka Streams 4.1's record cache keeps, with every entry, the raw input
        // record it was written under (ProcessorRecordContext.sourceRawValue, KIP-1034), which its byte bound does not
        // count. Cached, these two stores kept thousands of whole input posts on the heap: a review's posts of
        // 450,000 characters ran dedup-service out of memory after 150, and the replay benchmark spent a quarter
        // more time collecting garbage, for a throughput within its noise.
        builder.addStateStore(Stores.keyValueStoreBuilder(store(AssemblerProcessor.PROGRESS, settings),
                Serdes.String(), new SmileSerde<>(AssemblyProgress.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(AssemblerProcessor.VERDICTS, settings),
                Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(timeIndex(AssemblerProcessor.TIMES, settings));

        KStream<String, DedupMessage> intake = builder
                .stream(topics.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(SOURCE))
                .process(() -> new IntakeProcessor(settings.claimPartitions(), settings.retention(),
                        settings.expiryInterval(), limit, registry.counter(DeadLetter.METRIC, DeadLetter.METRIC_STAGE, IntakeProcessor.STAGE)::increment),
                        Named.as(INTAKE), IntakeProcessor.STORE, IntakeProcessor.TIMES);
        Map<String, KStream<String, DedupMessage>> routes = intake.split(Named.as("intake-"))
                .branch((key, message) -> message instanceof EncodedClaimBatch, Branched.as("claims"))
                .branch((key, message) -> message instanceof Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("submissions"));

        routes.get("intake-rejected")
                .map((key, message) -> KeyValue.pair(((Rejected) message).key(), ((Rejected) message).value()),
                        Named.as("rejected-bytes"))
                .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters"));

        RemovalRules rules = new RemovalRules(settings.minJaccard());
        KStream<String, DedupMessage> verdicts = routes.get("intake-claims")
                .repartition(Repartitioned.with(Serdes.String(), new ClaimsTopicSerde(messages))
                        .withName(CLAIMS_REPARTITION)
                        .withNumberOfPartitions(settings.claimPartitions())
                        .withStreamPartitioner(new ClaimPartitioner()))
                .process(() -> new JudgeProcessor(new ClaimJudge(rules, settings.nearCandidates()),
                        settings.retention(), settings.expiryInterval(),
                        registry.counter("newsfeed.dedup.bounded.scans")::increment),
                        Named.as(JUDGE), ClaimIndexReader.PARAGRAPHS, ClaimIndexReader.CLAIMS,
                        ClaimIndexReader.CLAIMS_BY_TIME);

        // The assembler runs in the intake's task: a submission passes to it in memory, and only the verdicts come
        // back through a topic, partitioned like the input so that a post's verdicts reach the task of its submission.
        KStream<String, DedupMessage> verdictsByPost = verdicts.repartition(Repartitioned
                .with(Serdes.String(), messages).withName(VERDICTS_REPARTITION)
                .withNumberOfPartitions(topics.inputPartitions()));
        routes.get("intake-submissions")
                .merge(verdictsByPost, Named.as("submissions-and-verdicts"))
                .process(() -> new AssemblerProcessor(registry, settings.retention(), settings.expiryInterval()),
                        Named.as(ASSEMBLER), AssemblerProcessor.POSTS, AssemblerProcessor.PROGRESS,
                        AssemblerProcessor.VERDICTS, AssemblerProcessor.TIMES)
                .to(topics.output(), Produced.with(Serdes.String(),
                        limit.guardSerde(new JsonSerde.DeduplicatedPostSerde())).withName("deduplicated-posts"));
        return builder.build();
    }

    /**
     * A time index: one entry per post for the whole retention, so on disk like the rest (in memory it would hold the
     * heap for a month of posts), without a changelog; each processor rebuilds its own from the store it indexes when
     * its task starts.
     */
    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> timeIndex(String name, DedupSettings.Values settings) {
        return Stores.keyValueStoreBuilder(store(name, settings), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    /** A changelog-backed key-value store of the configured kind. */
    private static KeyValueBytesStoreSupplier store(String name, DedupSettings.Values settings) {
        return settings.stateStore() == DedupSettings.StoreKind.MEMORY ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }

    /**
     * Replaces a failed stream thread, up to 3 times in 10 minutes, and then ends the process when the stage's Kafka
     * Streams client stops in ERROR, so that its supervisor starts it again ({@link StreamsFailure}); Quarkus' Kafka
     * Streams extension hands it to the client.
     */
    @Produces
    @Singleton
    StreamsFailure streamsFailure() {
        return new StreamsFailure(IntakeProcessor.STAGE, Quarkus::asyncExit);
    }

    /**
     * @param maxRequestSize the stage producer's {@code max.request.size}, from the property that sets it
     * @param kafka          the broker connection, to read how many partitions {@code posts.normalized} has (created
     *                       first if missing, as {@link TopicBootstrap} does)
     */
    @Produces
    Topology topology(DedupSettings settings, MeterRegistry registry,
            @ConfigProperty(name = RecordSizeLimit.PROPERTY) int maxRequestSize,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, Config config) {
        DedupSettings.Values values = DedupSettings.Values.of(settings);
        // a bare number is seconds to the configuration ("30" is PT30S): the log says what was understood
        LOG.infof("dedup settings: retention %s, expiry every %s, min-jaccard %s, %d claim partitions, %d near "
                + "candidates, %s state", values.retention(), values.expiryInterval(), values.minJaccard(),
                values.claimPartitions(), values.nearCandidates(), values.stateStore().name().toLowerCase(Locale.ROOT));
        int inputPartitions = TopicBootstrap.inputPartitions(kafka, config);
        return build(values, registry, StageTopics.pipeline(inputPartitions), new RecordSizeLimit(maxRequestSize));
    }
}
