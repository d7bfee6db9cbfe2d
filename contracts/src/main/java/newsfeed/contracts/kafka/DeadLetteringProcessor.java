package newsfeed.contracts.kafka;

import newsfeed.contracts.DeadLetter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first processor of a Kafka Streams stage: reads records as bytes, turns each into a value of type {@code T},
 * and hands it to {@link #process(Record, Object)}. A record that cannot be turned into a value (not JSON, a field
 * missing, a limit exceeded) is handed, key and value bytes unchanged, to {@link #deadLetter(Record)} with
 * {@link DeadLetter} headers naming the reason, stage, topic, partition and offset; the stream goes on.
 *
 * <p>Failures inside {@link #process(Record, Object)} are not caught: they are the stage's own faults, not the
 * record's, and must stop the stream rather than be hidden in the dead-letter topic.
 *
 * @param <T>    the decoded value
 * @param <KOut> key type of the records it forwards
 * @param <VOut> value type of the records it forwards
 */
public abstract class DeadLetteringProcessor<T, KOut, VOut> implements Processor<byte[], byte[], KOut, VOut> {

    /** Turns a raw record into a value, or throws a {@link RuntimeException} whose message says what is wrong. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(Record<byte[], byte[]> record);
    }

    private final String stage;
    private final Decoder<T> decoder;
    private final Runnable onDeadLetter;
    private ProcessorContext<KOut, VOut> context;

    /**
     * @param stage        the stage name written to {@link DeadLetter#STAGE}
     * @param decoder      turns a record into a value
     * @param onDeadLetter called once per dead letter (a metric)
     */
    protected DeadLetteringProcessor(String stage, Decoder<T> decoder, Runnable onDeadLetter) {
        this.stage = stage;
        this.decoder = decoder;
        this.onDeadLetter = onDeadLetter;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    protected ProcessorContext<KOut, VOut> context() {
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
            deadLetter(record.withHeaders(DeadLetter.annotate(record.headers(), e.getMessage(), stage, topic,
                    partition, offset)));
            return;
        }
        process(record, value);
    }

    /** Handles a decoded record; forwards through {@link #context()}. */
    protected abstract void process(Record<byte[], byte[]> record, T value);

    /**
     * Forwards a rejected record, its original key and value bytes with the dead-letter headers added, towards the
     * dead-letter topic.
     */
    protected abstract void deadLetter(Record<byte[], byte[]> rejected);
}
