package newsfeed.contracts.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The largest record a stream stage may write, and serializers that hold the records of a sink to it.
 *
 * <p>Why at serialization: under exactly-once, a record the producer refuses ({@code RecordTooLargeException} from
 * {@code send}) leaves the producer's transaction abortable only, so the stage fails at its next commit whatever the
 * {@code ProductionExceptionHandler} answers, and after a restart reads the same input, makes the same record and
 * fails again. A serializer that throws instead keeps the record from the producer: Kafka Streams hands the failure,
 * with the input record's bytes, to the handler ({@link DeadLetterProductionHandler}), which dead-letters the input and
 * lets the stage go on, its transaction intact.
 *
 * <p>The check is on the value and headers, which the serializer sees: they must fit in the producer's
 * {@code max.request.size} less {@value #RESERVE_BYTES} bytes kept for the key (a postId: at most 64 + 1 + 1024
 * UTF-16 code units, 3,267 UTF-8 bytes) and Kafka's framing of the record and its batch (under 100 bytes). Kafka
 * checks the uncompressed size, so compression does not help.
 */
public final class RecordSizeLimit {

    /** Kafka's default {@code max.request.size}, in bytes. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    /**
     * The Quarkus property both streams services set their stage producer's {@code max.request.size} with; the
     * topologies read the limit from the same property, so the two cannot differ.
     */
    public static final String PROPERTY = "kafka-streams.producer.max.request.size";

    /** Bytes of {@code max.request.size} kept for the key and Kafka's framing. */
    public static final int RESERVE_BYTES = 4096;

    /** The limit of a producer with Kafka's default {@code max.request.size}. */
    public static final RecordSizeLimit DEFAULT = new RecordSizeLimit(DEFAULT_MAX_REQUEST_SIZE);

    private final int maxRequestSize;

    /**
     * @param maxRequestSize the stage producer's {@code max.request.size}, in bytes
     * @throws IllegalArgumentException if it leaves no room beyond {@value #RESERVE_BYTES} bytes
     */
    public RecordSizeLimit(int maxRequestSize) {
        if (maxRequestSize <= RESERVE_BYTES) {
            throw new IllegalArgumentException("max.request.size " + maxRequestSize + " leaves no room for a record "
                    + "beyond the " + RESERVE_BYTES + " bytes kept for key and framing");
        }
        this.maxRequestSize = maxRequestSize;
    }

    /** The producer's {@code max.request.size}, in bytes. */
    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** The most bytes of value and headers (names and values) a record may have. */
    public int maxValueAndHeaderBytes() {
        return maxRequestSize - RESERVE_BYTES;
    }

    /**
     * A serializer that serializes as {@code serializer} does, then throws a {@link RecordTooLargeException} naming
     * the topic and the sizes if the value and headers are above {@link #maxValueAndHeaderBytes()}. Use it for the
     * values of every sink whose records are derived from the input and may be larger than it.
     */
    public <T> Serializer<T> guard(Serializer<T> serializer) {
        return new Guarded<>(serializer);
    }

    /** {@code serde} with its serializer {@linkplain #guard(Serializer) guarded}. */
    public <T> Serde<T> guardSerde(Serde<T> serde) {
        return Serdes.serdeFrom(guard(serde.serializer()), serde.deserializer());
    }

    @Override
    public String toString() {
        return "max.request.size " + maxRequestSize + " less " + RESERVE_BYTES + " bytes for key and framing";
    }

    private final class Guarded<T> implements Serializer<T> {

        private final Serializer<T> serializer;

        Guarded(Serializer<T> serializer) {
            this.serializer = serializer;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            serializer.configure(configs, isKey);
        }

        @Override
        public byte[] serialize(String topic, T data) {
            return serialize(topic, null, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, T data) {
            byte[] value = serializer.serialize(topic, headers, data);
            long bytes = (value == null ? 0 : value.length) + headerBytes(headers);
            if (bytes > maxValueAndHeaderBytes()) {
                throw new RecordTooLargeException("record for topic " + topic + " is too large: " + bytes
                        + " bytes of value and headers, more than " + RecordSizeLimit.this);
            }
            return value;
        }

        @Override
        public void close() {
            serializer.close();
        }
    }

    private static long headerBytes(Headers headers) {
        long bytes = 0;
        if (headers != null) {
            for (Header header : headers) {
                bytes += header.key().getBytes(StandardCharsets.UTF_8).length
                        + (header.value() == null ? 0 : header.value().length);
            }
        }
        return bytes;
    }
}
