package newsfeed.ingest.deadletter;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Topics;
import newsfeed.ingest.kafka.KafkaUnavailableException;
import newsfeed.ingest.kafka.TopicReaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@link Topics#POSTS_DEAD_LETTER} for one request with a consumer of its own that belongs to no group: it
 * assigns partitions, seeks, reads up to the end offsets taken when the request started (records that arrive later
 * wait for the next request), and never commits, so no stage's progress is touched and any number of instances can
 * read. It reads committed records only: a dead letter of an aborted exactly-once transaction was never sent.
 * Every request is bounded by {@code newsfeed.dead-letters.read-timeout}.
 */
@ApplicationScoped
public class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DeadLettersSettings settings;

    /** Kafka did not answer within the read timeout; answered 503. */
    public static class UnavailableException extends KafkaUnavailableException {
        public UnavailableException(String message, Throwable cause) {
            super("dead letters not read", message, cause);
        }
    }

    /**
     * A dead letter looked up by {@link #find}: the record, or why there is none.
     *
     * @param record  the record as stored, key and value bytes unchanged; null when missing
     * @param missing why no record is there (no such partition, deleted by retention, beyond the end, not a record)
     */
    public record Lookup(ConsumerRecord<byte[], byte[]> record, String missing) {
    }

    /**
     * One page of dead letters, by partition then offset.
     *
     * @param after the last dead letter of the previous page ({@link DeadLetterPage#next()}), or null to start at the
     *              beginning
     * @param stage only dead letters whose {@code dead-letter-stage} header is this, or null for all
     * @param limit most items, 1 or more
     * @throws UnavailableException when Kafka answers nothing within the read timeout
     */
    public DeadLetterPage page(DeadLetterId after, String stage, int limit) {
        long deadline = System.nanoTime() + settings.readTimeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = open()) {
            List<TopicPartition> partitions = partitions(consumer, deadline);
            // read_committed end offsets are last stable offsets, which the consumer keeps for assigned partitions
            // only: unassigned, Kafka logs a warning per partition on every request
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            List<DeadLetterView> items = new ArrayList<>();
            DeadLetterId read = null;
            for (TopicPartition partition : partitions) {
                if (after != null && partition.partition() < after.partition()) {
                    continue;
                }
                long end = ends.get(partition);
                // below the log start (retention), auto.offset.reset=earliest moves the position up to it
                long from = after != null && partition.partition() == after.partition() ? after.offset() + 1 : 0;
                if (from >= end) {
                    continue;
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, from);
                while (consumer.position(partition, remaining(deadline)) < end) {
                    if (System.nanoTime() - deadline > 0) {
                        if (read == null) {
                            throw new UnavailableException("read nothing of " + Topics.POSTS_DEAD_LETTER
                                    + " within " + settings.readTimeout(), null);
                        }
                        return new DeadLetterPage(items, read.cursor());
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        if (record.offset() >= end) {
                            break;
                        }
                        if (stage == null || stage.equals(DeadLetter.header(record.headers(), DeadLetter.STAGE))) {
                            if (items.size() == limit) {
                                DeadLetterView last = items.get(limit - 1);
                                return new DeadLetterPage(items, new DeadLetterId(last.partition(), last.offset())
                                        .cursor());
                            }
                            items.add(DeadLetterView.of(record));
                        }
                        read = new DeadLetterId(record.partition(), record.offset());
                    }
                }
            }
            return new DeadLetterPage(items, null);
        } catch (KafkaException e) {
            throw new UnavailableException("cannot read " + Topics.POSTS_DEAD_LETTER + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dead letters at these positions, each with its bytes and headers as stored, or why it is missing.
     *
     * @return a lookup per distinct id
     * @throws UnavailableException when Kafka does not answer within the read timeout
     */
    public Map<DeadLetterId, Lookup> find(Collection<DeadLetterId> ids) {
        long deadline = System.nanoTime() + settings.readTimeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = open()) {
            List<TopicPartition> partitions = partitions(consumer, deadline);
            // read_committed end offsets are last stable offsets, which the consumer keeps for assigned partitions
            // only: unassigned, Kafka logs a warning per partition on every request
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            Map<DeadLetterId, Lookup> found = new LinkedHashMap<>();
            List<DeadLetterId> sorted = ids.stream().distinct().sorted(Comparator
                    .comparing(DeadLetterId::partition).thenComparing(DeadLetterId::offset)).toList();
            for (DeadLetterId id : sorted) {
                TopicPartition partition = new TopicPartition(Topics.POSTS_DEAD_LETTER, id.partition());
                if (!starts.containsKey(partition)) {
                    found.put(id, missing(Topics.POSTS_DEAD_LETTER + " has no partition " + id.partition() + " (it has "
                            + partitions.size() + ", from 0)"));
                } else if (id.offset() < starts.get(partition)) {
                    found.put(id, missing("offset " + id.offset() + " of partition " + id.partition() + " is no longer "
                            + "in " + Topics.POSTS_DEAD_LETTER + ": retention deleted it (the partition starts at "
                            + starts.get(partition) + ")"));
                } else if (id.offset() >= ends.get(partition)) {
                    found.put(id, missing("partition " + id.partition() + " of " + Topics.POSTS_DEAD_LETTER
                            + " ends before offset " + id.offset() + " (its next offset is " + ends.get(partition)
                            + ")"));
                } else {
                    found.put(id, read(consumer, partition, id.offset(), deadline));
                }
            }
            return found;
        } catch (KafkaException e) {
            throw new UnavailableException("cannot read " + Topics.POSTS_DEAD_LETTER + ": " + e.getMessage(), e);
        }
    }

    /** The record at {@code offset}, which is below the end offset: a record, or a transaction marker. */
    private Lookup read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long offset, long deadline) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        while (consumer.position(partition, remaining(deadline)) <= offset) {
            if (System.nanoTime() - deadline > 0) {
                throw new UnavailableException("could not read offset " + offset + " of partition "
                        + partition.partition() + " of " + Topics.POSTS_DEAD_LETTER + " within "
                        + settings.readTimeout(), null);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() == offset) {
                    return new Lookup(record, null);
                }
                if (record.offset() > offset) {
                    break;
                }
            }
        }
        // the position passed the offset without a record there (or retention deleted it meanwhile)
        return missing("offset " + offset + " of partition " + partition.partition() + " of "
                + Topics.POSTS_DEAD_LETTER + " holds no dead letter (a transaction marker or an aborted record)");
    }

    private static Lookup missing(String why) {
        return new Lookup(null, why);
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, long deadline) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.POSTS_DEAD_LETTER, remaining(deadline));
        return Objects.requireNonNullElse(infos, List.<PartitionInfo>of()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private KafkaConsumer<byte[], byte[]> open() {
        Map<String, Object> config = TopicReaders.readerConfig(kafkaConfig, "newsfeed-ingest-dead-letters");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a dead letter can be as large as a post (1 MB): a few per fetch keep a small heap small
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.readTimeout().toMillis());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
