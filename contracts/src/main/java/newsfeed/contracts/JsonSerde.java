package newsfeed.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde of a contract record as UTF-8 JSON ({@link Json}). A null value (tombstone) stays null.
 *
 * <p>Deserialization failures throw {@link SerializationException} naming the topic, the record type and the
 * position of the fault, so a dead-letter reason says what is wrong and where.
 *
 * @param <T> the record type
 */
public class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this(type, Json.mapper());
    }

    /**
     * A serde of {@code type} through another mapper of the same mapping ({@link Json#configure}), such as one of
     * Jackson's binary data formats.
     */
    public JsonSerde(Class<T> type, ObjectMapper mapper) {
        this.type = type;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    /** Serde of {@link Topics#POSTS_RAW}; its no-argument constructor lets Kafka configs name it by class. */
    public static class RawPostSerde extends JsonSerde<RawPost> {
        public RawPostSerde() {
            super(RawPost.class);
        }
    }

    /** Serde of {@link Topics#POSTS_NORMALIZED}. */
    public static class NormalizedPostSerde extends JsonSerde<NormalizedPost> {
        public NormalizedPostSerde() {
            super(NormalizedPost.class);
        }
    }

    /** Serde of {@link Topics#POSTS_DEDUPLICATED}. */
    public static class DeduplicatedPostSerde extends JsonSerde<DeduplicatedPost> {
        public DeduplicatedPostSerde() {
            super(DeduplicatedPost.class);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.readValue(data);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            // a binary format has no lines: its parser gives the byte offset instead
            var where = location == null ? ""
                    : location.getLineNr() > 0 ? " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr() : " at byte " + location.getByteOffset();
            throw new SerializationException("invalid " + type.getSimpleName() + " on topic " + topic + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " on topic " + topic, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // configured by its type alone
    }

    @Override
    public void close() {
        // nothing to release: the mapper is shared
    }
}
