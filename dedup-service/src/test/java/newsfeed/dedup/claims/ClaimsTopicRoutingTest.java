package newsfeed.dedup.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.ClaimsTopicSerde;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.EncodedClaimBatch;
import newsfeed.dedup.message.SmileSerde;
import org.junit.jupiter.api.Test;

/** The claims topic takes only the batches the intake encoded: their own bytes, to the partition they were made for. */
class ClaimsTopicRoutingTest {

    private static final String TOPIC = "claims";
    private final ClaimsTopicSerde serde = new ClaimsTopicSerde(new SmileSerde<>(DedupMessage.class));
    private final ClaimBatch batch = new ClaimBatch("post-7", 5, Instant.parse("2026-12-04T06:00:00Z"), List.of());

    @Test
    void anEncodedBatchIsWrittenAsItsBytesAndReadBackAsTheBatch() {
        byte[] bytes = ClaimsTopicSerde.encoding().serializer().serialize(TOPIC, batch);
        EncodedClaimBatch encoded = new EncodedClaimBatch(batch, bytes);

        byte[] written = serde.serializer().serialize(TOPIC, encoded);

        assertThat(written).isSameAs(bytes);
        assertThat(serde.deserializer().deserialize(TOPIC, written)).isEqualTo(batch);
    }

    @Test
    void aBatchGoesToItsPartitionModuloTheTopicsCount() {
        EncodedClaimBatch encoded = new EncodedClaimBatch(batch, new byte[] {1});

        assertThat(new ClaimPartitioner().partitions(TOPIC, "post-7", encoded, 8)).isEqualTo(Optional.of(Set.of(5)));
        assertThat(new ClaimPartitioner().partitions(TOPIC, "post-7", encoded, 3)).isEqualTo(Optional.of(Set.of(2)));
    }

    @Test
    void aBatchThatWasNotEncodedIsABugNamedAsSuch() {
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claims takes encoded claim batches")
                .hasMessageContaining("post-7");
        assertThatThrownBy(() -> new ClaimPartitioner().partitions(TOPIC, "post-7", batch, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoded claim batches");
    }
}
