package newsfeed.contracts.kafka;

import newsfeed.contracts.DeadLetter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first processor of a Kafka Streams stage: reads records as bytes, turns each into a value of type {@code T},
 * and hands it to {@link #process(Record, Object)}. A record that cannot be turned into a value (not JSON, a field
 * missing, a limit exceeded) is forwarded, key and value bytes unchanged, to the dead-letter sink with
 * {@link DeadLetter} headers naming the reason, stage, topic, partition and offset; the stream goes on.
 *
 * <p>Failures inside {@link #process(Record, Object)} are not caught: they are the stage's own faults, not the
 * record's, and must stop the stream rather than be hidden in the dead-letter topic.
 *
 * @param <T> the decoded value
 */
public abstract class DeadLetteringProcessor<T> implements Processor<byte[], byte[], Object, Object> {

    /** Turns a raw record into a value, or throws a {@link RuntimeException} whose message says what is wrong. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(Record<byte[], byte[]> record);
    }

    private final String stage;
    private final String deadLetterSink;
    private final Decoder<T> decoder;
    private final Runnable onDeadLetter;
    private ProcessorContext<Object, Object> context;

    /**
     * @param stage          the stage name written to {@link DeadLetter#STAGE}
     * @param deadLetterSink the name of the sink node that writes the dead-letter topic
     * @param decoder        turns a record into a value
     * @param onDeadLetter   called once per dead letter (a metric)
     */
    protected DeadLetteringProcessor(String stage, String deadLetterSink, Decoder<T> decoder, Runnable onDeadLetter) {
        this.stage = stage;
        this.deadLetterSink = deadLetterSink;
        this.decoder = decoder;
        this.onDeadLetter = onDeadLetter;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    protected ProcessorContext<Object, Object> context() {
        return context;
    }

    @Override
    public final void process(Record<byte[], byte[]> record) {
        T value;
        try {
            value = decoder.decode(record);
        } catch (RuntimeException e) {
            RecordMetadata metadata = context.recordMetadata().orElse(null);
            String topic = metadata == null ? "unknown" : metadata.topic();
            int partition = metadata == null ? -1 : metadata.partition();
            long offset = metadata == null ? -1 : metadata.offset();
            onDeadLetter.run();
            context.forward(record.withHeaders(DeadLetter.annotate(record.headers(), e.getMessage(), stage, topic,
                    partition, offset)), deadLetterSink);
            return;
        }
        process(record, value);
    }

    /** Handles a decoded record; forwards through {@link #context()}. */
    protected abstract void process(Record<byte[], byte[]> record, T value);
}
