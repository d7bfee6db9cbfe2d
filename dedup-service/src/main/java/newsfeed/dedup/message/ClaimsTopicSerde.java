package newsfeed.dedup.message;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the claims topic: an {@link EncodedClaimBatch} is written as the bytes the intake made and checked
 * against the record limit; any other message through {@code messages}; records are read back through
 * {@code messages}, as {@link ClaimBatch}es.
 */
public final class ClaimsTopicSerde implements Serde<DedupMessage> {

    private final Serde<DedupMessage> messages;

    /** @param messages the serde of {@link DedupMessage} ({@link SmileSerde}), guarded by the stage's record limit */
    public ClaimsTopicSerde(Serde<DedupMessage> messages) {
        this.messages = messages;
    }

    /** The serde of the messages without the limit, with which the intake encodes claim batches. */
    public static Serde<DedupMessage> encoding() {
        return new SmileSerde<>(DedupMessage.class);
    }

    @Override
    public Serializer<DedupMessage> serializer() {
        Serializer<DedupMessage> serializer = messages.serializer();
        return (topic, message) -> message instanceof EncodedClaimBatch encoded ? encoded.bytes()
                : serializer.serialize(topic, message);
    }

    @Override
    public Deserializer<DedupMessage> deserializer() {
        return messages.deserializer();
    }
}
