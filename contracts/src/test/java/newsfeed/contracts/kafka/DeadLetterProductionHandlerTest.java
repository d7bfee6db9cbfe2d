package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.junit.jupiter.api.Test;

/**
 * The handler's decisions that need no broker: which failures are the stage's (FAIL, nothing written). That it
 * writes a dead letter and continues on a record too large is shown against a broker, through the normalizer
 * ({@code OversizePostsTest} in ingest-service) and the dedup topology ({@code OversizeDedupRecordsTest}).
 */
class DeadLetterProductionHandlerTest {

    private static final DefaultErrorHandlerContext CONTEXT = new DefaultErrorHandlerContext(null, "posts.raw", 0, 7,
            new RecordHeaders(), "normalize", null, 0L, new byte[] {'k'}, new byte[] {'v'});
    private static final ProducerRecord<byte[], byte[]> RECORD = new ProducerRecord<>("posts.normalized",
            new byte[0], new byte[0]);

    private static DeadLetterProductionHandler handler(String guarantee) {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(Map.of(DeadLetterProductionHandler.STAGE_CONFIG, "normalizer",
                "bootstrap.servers", "127.0.0.1:9", "application.id", "test", "processing.guarantee", guarantee));
        return handler;
    }

    @Test
    void failuresOtherThanASizeAreTheStagesAndStopIt() {
        DeadLetterProductionHandler handler = handler("at_least_once");

        assertThat(handler.handleSerializationException(CONTEXT, RECORD, new SerializationException("bad serde"),
                SerializationExceptionOrigin.VALUE)).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        assertThat(handler.handle(CONTEXT, RECORD, new TimeoutException("broker away")))
                .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    /** Under exactly-once the producer's refusal has doomed the transaction: a dead letter would repeat at each replay. */
    @Test
    void aRecordTheProducerRefusedUnderExactlyOnceStopsTheStage() {
        assertThat(handler("exactly_once_v2").handle(CONTEXT, RECORD, new RecordTooLargeException("1.3 MB")))
                .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    /** A dead letter that cannot be written is not lost: the stage stops (here no broker listens on port 9). */
    @Test
    void aDeadLetterThatCannotBeWrittenStopsTheStage() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(Map.of(DeadLetterProductionHandler.STAGE_CONFIG, "normalizer", "bootstrap.servers",
                "127.0.0.1:9", "application.id", "test", "producer.max.block.ms", "500"));

        assertThat(handler.handleSerializationException(CONTEXT, RECORD, new RecordTooLargeException("1.3 MB"),
                SerializationExceptionOrigin.VALUE)).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    @Test
    void theStageIsRequired() {
        assertThatThrownBy(() -> new DeadLetterProductionHandler().configure(Map.of("bootstrap.servers", "x:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(DeadLetterProductionHandler.STAGE_CONFIG);
    }
}
