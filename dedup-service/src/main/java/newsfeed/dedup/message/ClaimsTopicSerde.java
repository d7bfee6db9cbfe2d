package newsfeed.dedup.message;

import newsfeed.contracts.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the claims topic: an {@link EncodedClaimBatch} is written as the JSON the intake made and checked
 * against the record limit; any other message through {@code messages}; records are read back through
 * {@code messages}, as {@link ClaimBatch}es.
 */
public final class ClaimsTopicSerde implements Serde<DedupMessage> {

    private final Serde<DedupMessage> messages;

    /** @param messages the JSON serde of {@link DedupMessage}, guarded by the stage's record limit */
    public ClaimsTopicSerde(Serde<DedupMessage> messages) {
        this.messages = messages;
    }

    /** The plain JSON serde of the messages, with which the intake encodes claim batches. */
    public static Serde<DedupMessage> json() {
        return new JsonSerde<>(DedupMessage.class);
    }

    @Override
    public Serializer<DedupMessage> serializer() {
        Serializer<DedupMessage> json = messages.serializer();
        return (topic, message) -> message instanceof EncodedClaimBatch encoded ? encoded.json()
                : json.serialize(topic, message);
    }

    @Override
    public Deserializer<DedupMessage> deserializer() {
        return messages.deserializer();
    }
}
