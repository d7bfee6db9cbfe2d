package newsfeed.contracts.kafka;

import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code production.exception.handler} of the streams services: an output record that is too large for Kafka
 * ({@link RecordTooLargeException}, from a {@link RecordSizeLimit} serializer or the producer) is the fault of the
 * input record it was made from, which goes to the dead-letter topic with the reason, and the stage continues. Every
 * other failure to serialize or send an output record fails the stage's stream thread: a serializer that cannot write
 * what the stage made, an unreachable or refusing broker, are the stage's faults, not a record's. The thread is then
 * replaced, and its tasks start again from their last commit, up to {@value StreamsFailure#MAX_REPLACEMENTS} times
 * in ten minutes, before the stage stops ({@link StreamsFailure}). A retriable error is not answered {@code RETRY},
 * Kafka Streams' default: under exactly-once the failed send has made the transaction abortable only, and the
 * commit that {@code RETRY} leads to fails the thread all the same (Kafka Streams 4.1's
 * {@code TaskManager.handleCorruption} commits the other tasks first).
 *
 * <p>How the dead letter is written: Kafka Streams 4.1's handler API cannot return records to produce (that is
 * KIP-1034's {@code Response}, later than 4.1), and the stage's own producer is not at hand. The handler writes the
 * dead letter with a producer of its own (idempotent, {@code acks=all}, not transactional), waits for the broker's
 * acknowledgement and only then answers {@code CONTINUE}; if the write fails it answers {@code FAIL}, so a dead
 * letter is never lost. The producer is made for the dead letter and closed after it: dead letters are rare and a
 * handler has no close of its own. Not being in the stage's transaction, the dead letter is written at least once: if
 * the stage fails before its transaction commits, it reads the input again and writes the dead letter again.
 *
 * <p>The dead letter is the input record as the stage read it ({@code ErrorHandlerContext.sourceRawKey()} and
 * {@code sourceRawValue()}), with its headers and {@link DeadLetter} headers: reason (the exception's message), stage,
 * topic, partition and offset of the input. Kafka Streams keeps those bytes only until the first output record of the
 * input has been serialized; when the record at fault is a later output of the same input, the dead letter has a null
 * value and its reason says where the input is.
 *
 * <p>Under exactly-once, a record the producer refused in {@code send} has already made the stage's transaction
 * abortable only: the stage fails at its next commit whatever this handler answers, and reads the input again. So the
 * stages guard their sinks with {@link RecordSizeLimit}, which fails such a record at serialization instead; a
 * refusal in {@code send} under exactly-once means a sink went unguarded, and the handler fails the stage at once
 * with that message rather than write a dead letter on every replay. Under at-least-once it is dead-lettered too.
 *
 * <p>Settings, in the streams configuration ({@code kafka-streams.*} in application.properties): {@value #STAGE_CONFIG}
 * (required, the {@link DeadLetter#STAGE} header and the tag of {@link DeadLetter#METRIC}, counted in Micrometer's
 * global registry, which Quarkus' registry is part of), {@value #TOPIC_CONFIG} (default
 * {@link Topics#POSTS_DEAD_LETTER}); the producer takes the stage's connection settings ({@code bootstrap.servers},
 * security, and {@code producer.}-prefixed ones).
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

    /** The stage named in the dead-letter headers and metric, e.g. {@code normalizer}. */
    public static final String STAGE_CONFIG = "newsfeed.dead-letter.stage";

    /** The topic dead letters go to. */
    public static final String TOPIC_CONFIG = "newsfeed.dead-letter.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    /** How long the stage waits for a dead letter's acknowledgement before it fails. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Settings of the stage's producer that would make the dead-letter producer transactional or misconfigure it. */
    private static final Set<String> NOT_INHERITED = Set.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.CLIENT_ID_CONFIG);

    private String stage;
    private String topic;
    private boolean exactlyOnce;
    private Map<String, Object> producerConfig;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configuredStage = configs.get(STAGE_CONFIG);
        if (configuredStage == null || configuredStage.toString().isBlank()) {
            throw new ConfigException(STAGE_CONFIG + " is required by " + getClass().getName());
        }
        stage = configuredStage.toString();
        Object configuredTopic = configs.get(TOPIC_CONFIG);
        topic = configuredTopic == null ? Topics.POSTS_DEAD_LETTER : configuredTopic.toString();
        Object guarantee = configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        exactlyOnce = guarantee != null && guarantee.toString().startsWith("exactly_once");
        producerConfig = producerConfig(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        if (!(exception instanceof RecordTooLargeException)) {
            return ProductionExceptionHandlerResponse.FAIL;
        }
        return deadLetter(context, exception.getMessage());
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return ProductionExceptionHandlerResponse.FAIL;
        }
        if (exactlyOnce) {
            LOG.error("Stage {}: the producer refused a record for {} ({}); its transaction can only abort, so the "
                    + "stage stops: guard the sink's serializer with RecordSizeLimit", stage, record.topic(),
                    exception.getMessage());
            return ProductionExceptionHandlerResponse.FAIL;
        }
        return deadLetter(context, "record for topic " + record.topic() + " refused by the producer: "
                + exception.getMessage());
    }

    private ProductionExceptionHandlerResponse deadLetter(ErrorHandlerContext context, String reason) {
        byte[] value = context.sourceRawValue();
        String fullReason = value != null ? reason : reason + " (input record " + context.topic() + "-"
                + context.partition() + "@" + context.offset() + " no longer at hand: read it there)";
        RecordHeaders headers = context.headers() == null ? new RecordHeaders()
                : new RecordHeaders(context.headers().toArray());
        DeadLetter.annotate(headers, fullReason, stage, context.topic(), context.partition(), context.offset());
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(topic, null, context.timestamp(),
                context.sourceRawKey(), value, headers);
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
            producer.send(deadLetter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.error("Stage {}: could not write the dead letter of {}-{}@{} to {}; the stage stops", stage,
                    context.topic(), context.partition(), context.offset(), topic, e);
            return ProductionExceptionHandlerResponse.FAIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProductionExceptionHandlerResponse.FAIL;
        } finally {
            if (producer != null) {
                // acknowledged, or given up: nothing left worth waiting for
                producer.close(Duration.ZERO);
            }
        }
        Metrics.globalRegistry.counter(DeadLetter.METRIC, DeadLetter.METRIC_STAGE, stage).increment();
        LOG.warn("Stage {}: {}-{}@{} is a dead letter: {}", stage, context.topic(), context.partition(),
                context.offset(), fullReason);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    /**
     * The stage's producer settings, as Kafka Streams would give them to its own producer (plain producer settings,
     * then {@code producer.}-prefixed ones over them), made idempotent and non-transactional.
     */
    private static Map<String, Object> producerConfig(Map<String, ?> configs) {
        Map<String, Object> producer = new HashMap<>();
        Set<String> names = ProducerConfig.configNames();
        configs.forEach((key, value) -> {
            if (names.contains(key) && !NOT_INHERITED.contains(key)) {
                producer.put(key, value);
            }
        });
        configs.forEach((key, value) -> {
            if (key.startsWith(StreamsConfig.PRODUCER_PREFIX)) {
                String name = key.substring(StreamsConfig.PRODUCER_PREFIX.length());
                if (names.contains(name) && !NOT_INHERITED.contains(name)) {
                    producer.put(name, value);
                }
            }
        });
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return producer;
    }
}
