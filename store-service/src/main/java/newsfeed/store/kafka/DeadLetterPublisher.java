package newsfeed.store.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * Sends a record that store-service cannot store to {@link Topics#POSTS_DEAD_LETTER}, value bytes unchanged, with
 * {@link DeadLetter} headers, and waits for the broker's acknowledgement so that the input offset is committed only
 * once the dead letter is safe.
 */
@Startup
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String STAGE = DeadLetter.STAGE_STORE;

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    private Producer<byte[], byte[]> producer;
    private Counter deadLetters;

    @PostConstruct
    void open() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "newsfeed-store-dead-letters");
        // the key's bytes as read: a key that is not UTF-8, decoded and encoded again, would change, and a replay
        // would go to another partition (a helper's trial)
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = registry.counter(DeadLetter.METRIC, DeadLetter.METRIC_STAGE, STAGE);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * Sends the dead letter and waits for its acknowledgement (30 s); while the broker does not take it, tries again
     * with back-off from 1 s to 30 s for as long as it takes: the input is acknowledged only after, so nothing is lost,
     * and the consumer is never stopped for good.
     *
     * @param record the record that failed, as read
     * @param reason why, naming the field or constraint at fault
     * @throws IllegalStateException only if interrupted (the application stops)
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 1_000, jitter = 200, abortOn = InterruptedWhileSending.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void send(ConsumerRecord<byte[], byte[]> record, String reason) {
        var headers = DeadLetter.annotate(new RecordHeaders(record.headers().toArray()), reason, STAGE,
                record.topic(), record.partition(), record.offset());
        try {
            try {
                producer.send(new ProducerRecord<>(Topics.POSTS_DEAD_LETTER, null, record.key(), record.value(),
                        headers)).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw e;
                }
                // the record with its reason is above the limit, which no retry changes; the record stays in its
                // topic, and the letter says where (its headers), with no value of its own
                DeadLetter.annotate(headers, reason + "; the record's " + record.value().length + " bytes are too "
                        + "large for a dead letter: read them at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset(), STAGE, record.topic(), record.partition(), record.offset());
                producer.send(new ProducerRecord<>(Topics.POSTS_DEAD_LETTER, null, record.key(), null, headers))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("cannot write the dead letter of %s-%d@%d, retrying with back-off: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            throw new IllegalStateException("cannot write dead letter for " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedWhileSending(e);
        }
        deadLetters.increment();
    }

    /** The application stops while a dead letter waits for its acknowledgement. */
    static final class InterruptedWhileSending extends IllegalStateException {
        InterruptedWhileSending(InterruptedException cause) {
            super("interrupted while writing a dead letter", cause);
        }
    }
}
