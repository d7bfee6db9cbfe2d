package newsfeed.ingest.deadletter;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import newsfeed.ingest.kafka.AcknowledgedWrites;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Sends dead letters back to the topic they were read from (their {@code dead-letter-topic} header): the original
 * key and value bytes unchanged, keyed as before so the default partitioner puts them with the post's other records,
 * the record's other headers kept, the dead-letter headers removed and {@code dead-letter-replayed-from} =
 * {@code posts.dead-letter/<partition>/<offset>} added. Only the pipeline's topics are targets
 * ({@link #REPLAY_TOPICS}): a header naming any other topic could otherwise make the API write to
 * {@code feeds.subscriptions} or a topic of another system on the same brokers. Sent with {@code acks=all} by an
 * idempotent producer; answered once Kafka acknowledged every record.
 */
@ApplicationScoped
public class DeadLetterReplayer {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplayer.class);

    /** The topics a dead letter may be sent back to: the stages' inputs, and never the dead-letter topic itself. */
    public static final Set<String> REPLAY_TOPICS = Set.of(Topics.POSTS_RAW, Topics.POSTS_NORMALIZED,
            Topics.POSTS_DEDUPLICATED);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DeadLettersSettings settings;

    @Inject
    DeadLetterReader reader;

    private Producer<byte[], byte[]> producer;

    @PostConstruct
    void open() {
        Map<String, Object> config = AcknowledgedWrites.producerConfig(kafkaConfig,
                "newsfeed-ingest-dead-letter-replay", settings.sendTimeout());
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * Replays the dead letters, each once.
     *
     * @param ids    distinct dead letters, in the order to answer them
     * @param caller who asked, for the log
     * @return an outcome per id, in order
     * @throws DeadLetterReader.UnavailableException when {@code posts.dead-letter} cannot be read in time
     */
    public ReplayAnswer replay(List<DeadLetterId> ids, String caller) {
        Map<DeadLetterId, DeadLetterReader.Lookup> found = reader.find(ids);
        Map<DeadLetterId, ReplayOutcome> outcomes = new LinkedHashMap<>();
        Map<DeadLetterId, Sent> sent = new LinkedHashMap<>();
        for (DeadLetterId id : ids) {
            DeadLetterReader.Lookup lookup = found.get(id);
            if (lookup.record() == null) {
                outcomes.put(id, ReplayOutcome.refused(id, null, lookup.missing()));
                continue;
            }
            String topic = DeadLetter.header(lookup.record().headers(), DeadLetter.TOPIC);
            if (topic == null) {
                outcomes.put(id, ReplayOutcome.refused(id, null, "the dead letter has no " + DeadLetter.TOPIC
                        + " header: the topic it came from is unknown"));
            } else if (!REPLAY_TOPICS.contains(topic)) {
                outcomes.put(id, ReplayOutcome.refused(id, topic, "the dead letter came from " + topic
                        + ", which is not a topic of the post pipeline; only " + String.join(", ", REPLAY_TOPICS
                                .stream().sorted().toList()) + " are replayed to"));
            } else if (lookup.record().value() == null) {
                // a null value sent back would be an empty record, a dead letter again; its reason says which of
                // the two it was (a helper's trial: a tombstone was refused as too large)
                outcomes.put(id, ReplayOutcome.refused(id, topic, "the dead letter holds no value: its record had "
                        + "none (a tombstone), or was too large to be copied beside its reason; the record is at "
                        + topic + "-" + DeadLetter.header(lookup.record().headers(), DeadLetter.PARTITION) + "@"
                        + DeadLetter.header(lookup.record().headers(), DeadLetter.OFFSET)));
            } else {
                outcomes.put(id, null); // keeps the request's order
                sent.put(id, new Sent(topic, send(id, topic, lookup.record())));
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        sent.forEach((id, one) -> outcomes.put(id, acknowledged(id, one, deadline)));
        List<ReplayOutcome> answer = new ArrayList<>(outcomes.values());
        for (ReplayOutcome outcome : answer) {
            LOG.infof("dead letter %s/%d/%d %s for %s%s", Topics.POSTS_DEAD_LETTER, outcome.partition(),
                    outcome.offset(), outcome.status(), caller, outcome.reason() == null
                            ? " to " + outcome.topic() + "/" + outcome.replayedPartition() + "/"
                                    + outcome.replayedOffset()
                            : ": " + outcome.reason());
        }
        return ReplayAnswer.of(answer);
    }

    private Future<RecordMetadata> send(DeadLetterId id, String topic, ConsumerRecord<byte[], byte[]> letter) {
        RecordHeaders headers = new RecordHeaders(letter.headers().toArray());
        DeadLetter.HEADERS.forEach(headers::remove);
        // a letter of a record replayed before names its earlier letter: it now comes from this one
        headers.remove(DeadLetter.REPLAYED_FROM);
        headers.add(DeadLetter.REPLAYED_FROM, (Topics.POSTS_DEAD_LETTER + "/" + id.partition() + "/" + id.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            // no partition and no timestamp: the key decides the partition, as for the post's other records, and
            // the record is timestamped now, when it enters the topic again
            return producer.send(new ProducerRecord<>(topic, null, null, letter.key(), letter.value(), headers));
        } catch (RuntimeException e) {
            // the producer refuses some records at once (too large, no metadata in max.block.ms)
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A record sent, not yet acknowledged. */
    private record Sent(String topic, Future<RecordMetadata> ack) {
    }

    private static ReplayOutcome acknowledged(DeadLetterId id, Sent sent, long deadline) {
        try {
            RecordMetadata metadata = sent.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return ReplayOutcome.replayed(id, metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            return ReplayOutcome.failed(id, sent.topic(), "Kafka did not take it: " + e.getCause().getMessage()
                    + "; replaying it again is safe");
        } catch (TimeoutException e) {
            return ReplayOutcome.failed(id, sent.topic(),
                    "Kafka did not acknowledge it in time; replaying it again is safe");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReplayOutcome.failed(id, sent.topic(),
                    "interrupted while waiting for Kafka; replaying it again is safe");
        }
    }
}
