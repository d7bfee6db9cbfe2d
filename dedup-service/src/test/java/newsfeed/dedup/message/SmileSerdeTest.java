package newsfeed.dedup.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import newsfeed.contracts.Json;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.RemovalReason;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SmileSerdeTest {

    private static final String TOPIC = "newsfeed-dedup-v3-claims-repartition";

    private final SmileSerde<DedupMessage> serde = new SmileSerde<>(DedupMessage.class);

    private static ClaimBatch claims() {
        return new ClaimBatch("wire:42", 0, Instant.parse("2026-11-25T13:03:54.163696925Z"), List.of(
                new ParagraphClaim(1, -6589314881609011999L,
                        "the harbour board met on tuesday to agree the dredging schedule", false, 9,
                        -7286425919675154353L, List.of(new ClaimKey(ClaimKind.EXACT, 1194365658257589408L,
                                -2074620711531212506L), new ClaimKey(ClaimKind.HEAD, 842094907443823168L, 0))),
                new ParagraphClaim(3, 3574225194159903734L, "ночью в порту «северный» задержали 2019 судов…", true,
                        18, 0, List.of(new ClaimKey(ClaimKind.TAIL, -1658018312762040197L, 0)))));
    }

    @Test
    void aClaimBatchComesBackEqualAndSmallerThanItsJson() {
        byte[] smile = serde.serialize(TOPIC, claims());
        byte[] json = new JsonSerde<>(DedupMessage.class).serialize(TOPIC, claims());

        assertThat(serde.deserialize(TOPIC, smile)).isEqualTo(claims());
        // the Smile header, not a JSON object
        assertThat(Arrays.copyOf(smile, 3)).isEqualTo(":)\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(smile.length).isLessThan(json.length * 3 / 4);
    }

    @Test
    void aVerdictBatchWithNullMatchesComesBackEqual() {
        VerdictBatch verdicts = new VerdictBatch("wire:43", 2, Instant.parse("2026-11-25T14:00:00Z"), List.of(
                new ParagraphVerdict(0, 17L, null, null, null),
                new ParagraphVerdict(4, -3L, new Match("wire:42", 1, Instant.parse("2026-11-25T13:03:54Z"),
                        RemovalReason.PUBLISHED_BEFORE, 1.0), null, null)));

        assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, verdicts))).isEqualTo(verdicts);
    }

    @Test
    void theJsonThatEarlierVersionsWroteIsStillRead() {
        // a record in flight or a store value from before the change: the state survives the upgrade
        byte[] json = new JsonSerde<>(DedupMessage.class).serialize(TOPIC, claims());

        assertThat(json[0]).isEqualTo((byte) '{');
        assertThat(serde.deserialize(TOPIC, json)).isEqualTo(claims());
    }

    @Test
    void anIntakeStateWrittenBeforeItsDatingWasKeptIsReadWithoutIt() {
        // the intake's store value of earlier versions: publishedAt, receivedAt and partitions only
        byte[] old = new JsonSerde<>(java.util.Map.class).serialize(TOPIC, java.util.Map.of(
                "publishedAt", "2026-11-25T13:03:54Z", "receivedAt", "2026-11-25T13:04:00Z", "partitions", List.of(0)));
        newsfeed.dedup.intake.IntakeState state = new SmileSerde<>(newsfeed.dedup.intake.IntakeState.class)
                .deserialize(TOPIC, old);

        assertThat(state.publishedAt()).isEqualTo(Instant.parse("2026-11-25T13:03:54Z"));
        assertThat(state.partitions()).containsExactly(0);
        assertThat(state.dating()).isNull();
    }

    /**
     * Batches in flight and assembler state written before posts were remembered by their receipt too
     * ({@code Watermark.memoryTime}) have no {@code keptFrom}: they are remembered by their publication time, as then.
     */
    @Test
    void recordsWrittenBeforeKeptFromAreRememberedByTheirPublicationTime() throws Exception {
        Instant published = Instant.parse("2026-11-25T13:03:54.163696925Z");
        Instant received = Instant.parse("2026-12-06T04:00:00Z");
        ClaimBatch now = new ClaimBatch("wire:42", 0, published, claims().claims(), received);
        assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, now))).isEqualTo(now);

        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                SmileSerde.MAPPER.readTree(serde.serialize(TOPIC, now));
        assertThat(tree.remove("factsRules")).isNotNull();
        ClaimBatch beforeRules = (ClaimBatch) serde.deserialize(TOPIC, SmileSerde.MAPPER.writeValueAsBytes(tree));
        assertThat(beforeRules.memoryTime()).isEqualTo(received);
        assertThat(beforeRules.factsMadeUnderOtherRules()).isTrue();
        assertThat(tree.remove("keptFrom")).isNotNull();
        ClaimBatch before = (ClaimBatch) serde.deserialize(TOPIC, SmileSerde.MAPPER.writeValueAsBytes(tree));
        assertThat(before.memoryTime()).isEqualTo(published);
        assertThat(before.factsMadeUnderOtherRules()).isTrue();
        assertThat(now.factsMadeUnderOtherRules()).isFalse();

        VerdictBatch verdicts = new VerdictBatch("wire:43", 2, published, List.of(), received);
        tree = (com.fasterxml.jackson.databind.node.ObjectNode) SmileSerde.MAPPER.readTree(
                serde.serialize(TOPIC, verdicts));
        assertThat(tree.remove("keptFrom")).isNotNull();
        assertThat(((VerdictBatch) serde.deserialize(TOPIC, SmileSerde.MAPPER.writeValueAsBytes(tree))).keptFrom())
                .isEqualTo(published);

        SmileSerde<newsfeed.dedup.assembly.AssemblyProgress> progress =
                new SmileSerde<>(newsfeed.dedup.assembly.AssemblyProgress.class);
        byte[] old = new JsonSerde<>(java.util.Map.class).serialize(TOPIC, java.util.Map.of(
                "publishedAt", "2026-11-25T13:03:54Z", "expected", List.of()));
        assertThat(progress.deserialize(TOPIC, old).keptFrom()).isEqualTo(Instant.parse("2026-11-25T13:03:54Z"));
    }

    @Test
    void instantsAreWrittenAsNumbersToTheNanosecond() throws Exception {
        JsonNode tree = SmileSerde.MAPPER.readTree(serde.serialize(TOPIC, claims()));

        assertThat(tree.get("publishedAt").isNumber()).isTrue();
        assertThat(tree.get("publishedAt").decimalValue()).isEqualByComparingTo("1795611834.163696925");
    }

    @Test
    void theSmileWithIsoInstantsThatEarlierVersionsWroteIsStillRead() {
        // bf960cb wrote Smile with instants as ISO-8601 text
        SmileSerde<DedupMessage> earlier = new SmileSerde<>(DedupMessage.class);
        byte[] isoSmile = new JsonSerde<>(DedupMessage.class, Json.configure(SmileMapper.builder()).build())
                .serialize(TOPIC, claims());

        assertThat(isoSmile[0]).isEqualTo((byte) ':');
        assertThat(earlier.deserialize(TOPIC, isoSmile)).isEqualTo(claims());
    }

    @Test
    void aDamagedRecordFailsNamingTheTypeTheTopicAndTheByte() {
        byte[] smile = serde.serialize(TOPIC, claims());
        byte[] damaged = Arrays.copyOf(smile, smile.length / 2);

        assertThatThrownBy(() -> serde.deserialize(TOPIC, damaged))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("DedupMessage")
                .hasMessageContaining(TOPIC)
                .hasMessageMatching("(?s).* at byte \\d+.*");
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }
}
