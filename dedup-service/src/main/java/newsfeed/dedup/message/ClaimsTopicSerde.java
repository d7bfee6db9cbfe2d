package newsfeed.dedup.message;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the claims topic: an {@link EncodedClaimBatch} is written as the bytes the intake made and checked
 * against the record limit (so each batch is serialized once); records are read back through {@code messages}, as
 * {@link ClaimBatch}es.
 */
public final class ClaimsTopicSerde implements Serde<DedupMessage> {

    private final Serde<DedupMessage> messages;

    /** @param messages the serde that reads the records, {@link SmileSerde} of {@link DedupMessage} */
    public ClaimsTopicSerde(Serde<DedupMessage> messages) {
        this.messages = messages;
    }

    /** The serde of the messages without the limit, with which the intake encodes claim batches. */
    public static Serde<DedupMessage> encoding() {
        return new SmileSerde<>(DedupMessage.class);
    }

    /**
     * Writes an {@link EncodedClaimBatch}'s bytes as they are.
     *
     * @throws IllegalArgumentException for any other message: the intake encodes every batch, so another message
     *                                  here is a bug in the topology
     */
    @Override
    public Serializer<DedupMessage> serializer() {
        return (topic, message) -> {
            if (!(message instanceof EncodedClaimBatch encoded)) {
                throw new IllegalArgumentException(topic + " takes encoded claim batches, got " + message);
            }
            return encoded.bytes();
        };
    }

    @Override
    public Deserializer<DedupMessage> deserializer() {
        return messages.deserializer();
    }
}
