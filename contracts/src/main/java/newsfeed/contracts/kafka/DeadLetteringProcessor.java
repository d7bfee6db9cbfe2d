package newsfeed.contracts.kafka;

import newsfeed.contracts.DeadLetter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first processor of a Kafka Streams stage: reads records as bytes, turns each into a value of type {@code T},
 * and hands it to {@link #process(Record, Object)}. A record that cannot be turned into a value is handed, key and
 * value bytes unchanged, to {@link #deadLetter(Record)} with {@link DeadLetter} headers naming the reason, stage,
 * topic, partition and offset; the stream goes on.
 *
 * <p>What is the record's fault and what is the stage's:
 * <ul>
 *   <li>What the {@link Decoder} throws is the record's fault, {@link Error}s included, as {@link RecordFault} says
 *       (out of memory and linkage errors aside, which propagate and fail the stream thread, {@link StreamsFailure}):
 *       the decoder is pure and everything it does depends on the record alone, so one record that throws (not JSON,
 *       a field missing, a limit exceeded, a rule that overflows the stack on it, an assertion it breaks) would throw
 *       again on every replay and stop the stage for good. A stage therefore puts all of its per-record work that
 *       can be done without state into its decoder; the normalizer normalizes there.</li>
 *   <li>Failures inside {@link #process(Record, Object)} are not caught: it reads and writes the stage's state and
 *       forwards records, so a failure there is the stage's own fault (or would leave half a record's effects behind
 *       if it were swallowed) and must fail the stream thread rather than be hidden in the dead-letter topic; under
 *       exactly-once the transaction is aborted and the record is read again by the thread that replaces it, or
 *       after the fix ({@link StreamsFailure}).</li>
 * </ul>
 *
 * @param <T>    the decoded value
 * @param <KOut> key type of the records it forwards
 * @param <VOut> value type of the records it forwards
 */
public abstract class DeadLetteringProcessor<T, KOut, VOut> implements Processor<byte[], byte[], KOut, VOut> {

    /**
     * Turns a raw record into a value, or throws an exception whose message says what is wrong; what it throws makes
     * the record a dead letter as {@link RecordFault} says.
     */
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
        } catch (Throwable e) {
            reject(record, RecordFault.reason(e));
            return;
        }
        process(record, value);
    }

    /**
     * Makes the record a dead letter from {@link #process(Record, Object)}, for a fault of the record that only shows
     * after decoding (an output it makes is above Kafka's record limit). Call it before the record changed any state:
     * nothing of it may be stored.
     *
     * @param fault why; its message becomes the {@link DeadLetter#REASON}
     */
    protected final void reject(Record<byte[], byte[]> record, Exception fault) {
        reject(record, RecordFault.reason(fault));
    }

    private void reject(Record<byte[], byte[]> record, String reason) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        String topic = metadata == null ? "unknown" : metadata.topic();
        int partition = metadata == null ? -1 : metadata.partition();
        long offset = metadata == null ? -1 : metadata.offset();
        onDeadLetter.run();
        deadLetter(record.withHeaders(DeadLetter.annotate(record.headers(), reason, stage, topic, partition, offset)));
    }

    /** Handles a decoded record; forwards through {@link #context()}. */
    protected abstract void process(Record<byte[], byte[]> record, T value);

    /**
     * Forwards a rejected record, its original key and value bytes with the dead-letter headers added, towards the
     * dead-letter topic.
     */
    protected abstract void deadLetter(Record<byte[], byte[]> rejected);
}
