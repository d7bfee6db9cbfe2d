package newsfeed.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain kafka-clients helpers for tests against {@link TestKafka}: String keys, byte[] or UTF-8 String values.
 * Each call opens and closes its own client.
 */
public final class KafkaTestClient {

    /** How long a produce call waits for all acknowledgements. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private KafkaTestClient() {
    }

    /**
     * Producer settings for this JVM's broker: String keys, byte[] values, {@code acks=all}, idempotent, one request
     * in flight.
     */
    public static Properties producerConfig() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Tests write to topics created a moment before, whose first batches can fail with NOT_LEADER_OR_FOLLOWER;
        // with several batches in flight the retried one then fails for ever with OutOfOrderSequenceException.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return props;
    }

    /**
     * Consumer settings for this JVM's broker with a fresh group: String keys, byte[] values, from the earliest
     * offset, {@code read_committed} (aborted transactional records are not seen), no auto-commit.
     */
    public static Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "newsfeed-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /** Sends one record with a byte[] value (null for a tombstone) and waits for its acknowledgement. */
    public static RecordMetadata produce(String topic, String key, byte[] value) {
        return produce(List.of(new ProducerRecord<>(topic, key, value))).get(0);
    }

    /** Sends one record with a UTF-8 String value (null for a tombstone) and waits for its acknowledgement. */
    public static RecordMetadata produce(String topic, String key, String value) {
        return produce(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the records in order and waits up to {@link #SEND_TIMEOUT} for all acknowledgements.
     *
     * @return the metadata of each record, in input order
     * @throws IllegalStateException if a send fails or is not acknowledged in time
     */
    public static List<RecordMetadata> produce(List<ProducerRecord<String, byte[]>> records) {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> metadata = new ArrayList<>();
            for (int i = 0; i < acks.size(); i++) {
                metadata.add(await(acks.get(i), deadline, records.get(i)));
            }
            return metadata;
        }
    }

    private static RecordMetadata await(Future<RecordMetadata> ack, long deadline, ProducerRecord<?, ?> record) {
        try {
            return ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending record with key " + record.key() + " to " + record.topic()
                    + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("record with key " + record.key() + " to " + record.topic()
                    + " not acknowledged within " + SEND_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a fresh consumer group ({@link #consumerConfig()}) until
     * {@code count} records arrived or {@code timeout} passed, whichever is first.
     *
     * @return the records read, in arrival order; fewer than {@code count} on timeout (assert on the size), possibly
     *     more than {@code count} if a poll returned more
     */
    public static List<ConsumerRecord<String, byte[]>> consume(String topic, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of(topic));
            while (records.size() < count && System.nanoTime() < deadline) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                consumer.poll(Duration.ofMillis(Math.min(left, 200))).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads {@code topic} from the beginning with a fresh consumer group until a record matching {@code marker}
     * arrives: the way to show that records sent before a marker never arrived.
     *
     * @return every record read, up to and including the first match
     * @throws AssertionError if no record matches within {@code timeout}
     */
    public static List<ConsumerRecord<String, byte[]>> consumeUntil(String topic,
            Predicate<ConsumerRecord<String, byte[]>> marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (marker.test(record)) {
                        return records;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout.toSeconds() + " s; read "
                + records.size());
    }

    /** {@link #readToEnd(Properties, String, Duration)} on this JVM's broker ({@link #consumerConfig()}). */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic, Duration timeout) {
        return readToEnd(consumerConfig(), topic, timeout);
    }

    /**
     * Every record readable on {@code topic} now: each partition read from its beginning to the end offset it had
     * when called, assigned (no group membership, nothing committed). With {@code read_committed}, aborted records and
     * transaction markers are skipped.
     *
     * @param config consumer settings (bootstrap servers, isolation level); String keys and byte[] values are set here
     * @return the records in offset order per partition, partitions one after another in no set order
     * @throws AssertionError if the end is not reached within {@code timeout}: a partial read is never returned
     */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(Properties config, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within "
                            + timeout.toSeconds() + " s; read " + records.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** {@link #consume} with values decoded as UTF-8 (null stays null). */
    public static List<ConsumerRecord<String, String>> consumeStrings(String topic, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> strings = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consume(topic, count, timeout)) {
            String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
            strings.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                    r.serializedKeySize(), r.serializedValueSize(), r.key(), value, r.headers(), r.leaderEpoch()));
        }
        return strings;
    }
}
