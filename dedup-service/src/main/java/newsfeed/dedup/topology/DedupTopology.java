package newsfeed.dedup.topology;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.Topics;
import newsfeed.dedup.assembly.AssemblerProcessor;
import newsfeed.dedup.assembly.PostState;
import newsfeed.dedup.claims.Bucket;
import newsfeed.dedup.claims.ClaimJudge;
import newsfeed.dedup.claims.JudgeProcessor;
import newsfeed.dedup.fingerprint.NearDuplicateRule;
import newsfeed.dedup.intake.IntakeProcessor;
import newsfeed.dedup.intake.IntakeState;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.Rejected;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The dedup topology (DESIGN §5), {@code posts.normalized} → {@code posts.deduplicated}:
 *
 * <pre>
 * posts.normalized ─► intake ─┬─ claims, by claim key ─► [claims repartition] ─► judge ─ verdicts ─┐
 *   (by postId)      (store   ├─ submissions, by postId ───────────────────────────────────────────┤
 *                  dedup-intake)                                                                    ▼
 *                             └─ rejected ─► posts.dead-letter     [decisions repartition, by postId] ─► assembler
 *                                                                        (store dedup-posts) ─► posts.deduplicated
 * </pre>
 *
 * One partition decides for one claim key, whatever the number of partitions; decisions are regrouped by postId.
 * Every store is changelog-backed; run it with {@code processing.guarantee=exactly_once_v2}.
 */
@ApplicationScoped
public class DedupTopology {

    public static final String SOURCE = "normalized-posts";
    public static final String INTAKE = "intake";
    public static final String JUDGE = "judge";
    public static final String ASSEMBLER = "assembler";
    /** Names of the repartition topics: {@code <application.id>-claims-repartition} and {@code -decisions-}. */
    public static final String CLAIMS_REPARTITION = "claims";
    public static final String DECISIONS_REPARTITION = "decisions";

    /**
     * The topics the topology reads and writes; tests run it on topics of their own.
     *
     * @param input      normalized posts
     * @param output     dedup decisions
     * @param deadLetter undecodable records
     */
    public record StageTopics(String input, String output, String deadLetter) {
        public static final StageTopics DEFAULT = new StageTopics(Topics.POSTS_NORMALIZED, Topics.POSTS_DEDUPLICATED,
                Topics.POSTS_DEAD_LETTER);
    }

    /**
     * @param settings retention, expiry interval and near-duplicate threshold
     * @param registry where dead letters and removals are counted
     */
    public static Topology build(DedupSettings.Values settings, MeterRegistry registry) {
        return build(settings, registry, StageTopics.DEFAULT);
    }

    /** {@link #build(DedupSettings.Values, MeterRegistry)} on other topics. */
    public static Topology build(DedupSettings.Values settings, MeterRegistry registry, StageTopics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<DedupMessage> messages = new JsonSerde<>(DedupMessage.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(store(IntakeProcessor.STORE, settings), Serdes.String(),
                new JsonSerde<>(IntakeState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(JudgeProcessor.STORE, settings), Serdes.String(),
                new JsonSerde<>(Bucket.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(AssemblerProcessor.STORE, settings), Serdes.String(),
                new JsonSerde<>(PostState.class)));
        ClaimJudge judge = new ClaimJudge(new NearDuplicateRule(settings.minJaccard()), settings.bucketMaxClaimants(),
                settings.bucketMaxKeyChars());

        KStream<String, DedupMessage> intake = builder
                .stream(topics.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(SOURCE))
                .process(() -> new IntakeProcessor(settings.retention(), settings.expiryInterval(),
                        registry.counter("newsfeed.dedup.dead.letters")::increment), Named.as(INTAKE),
                        IntakeProcessor.STORE);
        Map<String, KStream<String, DedupMessage>> routes = intake.split(Named.as("intake-"))
                .branch((key, message) -> message instanceof Claim, Branched.as("claims"))
                .branch((key, message) -> message instanceof Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("submissions"));

        routes.get("intake-rejected")
                .map((key, message) -> KeyValue.pair(((Rejected) message).key(), ((Rejected) message).value()),
                        Named.as("rejected-bytes"))
                .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters"));

        KStream<String, DedupMessage> verdicts = routes.get("intake-claims")
                .repartition(Repartitioned.with(Serdes.String(), messages).withName(CLAIMS_REPARTITION))
                .process(() -> new JudgeProcessor(judge, settings.retention(), settings.expiryInterval(),
                        registry.counter("newsfeed.dedup.bucket.evictions")::increment),
                        Named.as(JUDGE), JudgeProcessor.STORE);

        routes.get("intake-submissions")
                .merge(verdicts, Named.as("submissions-and-verdicts"))
                .repartition(Repartitioned.with(Serdes.String(), messages).withName(DECISIONS_REPARTITION))
                .process(() -> new AssemblerProcessor(registry, settings.retention(), settings.expiryInterval()),
                        Named.as(ASSEMBLER), AssemblerProcessor.STORE)
                .to(topics.output(), Produced.with(Serdes.String(), new JsonSerde.DeduplicatedPostSerde())
                        .withName("deduplicated-posts"));
        return builder.build();
    }

    /** A changelog-backed key-value store of the configured kind. */
    private static KeyValueBytesStoreSupplier store(String name, DedupSettings.Values settings) {
        return settings.stateStore() == DedupSettings.StoreKind.MEMORY ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }

    @Produces
    Topology topology(DedupSettings settings, MeterRegistry registry) {
        return build(DedupSettings.Values.of(settings), registry);
    }
}
