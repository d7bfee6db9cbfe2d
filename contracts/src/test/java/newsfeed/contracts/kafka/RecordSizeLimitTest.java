package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class RecordSizeLimitTest {

    private final RecordSizeLimit limit = new RecordSizeLimit(10_000);
    private final Serializer<byte[]> guarded = limit.guard(new ByteArraySerializer());

    @Test
    void aValueWithItsHeadersUpToTheLimitPassesUnchanged() {
        assertThat(limit.maxValueAndHeaderBytes()).isEqualTo(10_000 - RecordSizeLimit.RESERVE_BYTES);
        byte[] value = new byte[limit.maxValueAndHeaderBytes() - 10];
        RecordHeaders headers = new RecordHeaders();
        headers.add("stage", "abcde".getBytes(StandardCharsets.UTF_8));

        assertThat(guarded.serialize("t", headers, value)).isSameAs(value);
        assertThat(guarded.serialize("t", new byte[limit.maxValueAndHeaderBytes()])).hasSize(5904);
        assertThat(guarded.serialize("t", null)).isNull();
    }

    @Test
    void aLargerOneFailsAtSerializationNamingTopicAndSizes() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("stage", "abcdef".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> guarded.serialize("posts.normalized", headers,
                new byte[limit.maxValueAndHeaderBytes() - 10]))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessage("record for topic posts.normalized is too large: 5905 bytes of value and headers, more than "
                        + "max.request.size 10000 less 4096 bytes for key and framing");
    }

    @Test
    void theSerdeKeepsItsDeserializer() {
        var serde = limit.guardSerde(new Serdes.ByteArraySerde());
        assertThatThrownBy(() -> serde.serializer().serialize("t", new byte[6_000]))
                .isInstanceOf(RecordTooLargeException.class);
        assertThat(serde.deserializer().deserialize("t", new byte[6_000])).hasSize(6_000);
    }

    @Test
    void aLimitWithoutRoomBeyondTheReserveIsRefused() {
        assertThatThrownBy(() -> new RecordSizeLimit(RecordSizeLimit.RESERVE_BYTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordSizeLimit.DEFAULT.maxRequestSize()).isEqualTo(1_048_576);
    }
}
