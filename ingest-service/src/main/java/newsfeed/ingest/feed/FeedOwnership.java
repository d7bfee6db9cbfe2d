package newsfeed.ingest.feed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import newsfeed.contracts.Topics;
import newsfeed.ingest.kafka.TopicReaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Which feeds this instance polls: those whose subscription id falls, by Kafka's default partitioning of the key
 * (murmur2, as the producer of {@link FeedSubscriptions} writes it), into a partition of
 * {@link Topics#FEEDS_SUBSCRIPTIONS} that the consumer group {@link #GROUP} assigned to this instance. Every live
 * instance is a member of the group, so each feed is polled by exactly one of them, and when one dies (no heartbeat
 * within {@link #SESSION_TIMEOUT}) or leaves, the group gives its partitions to the others.
 *
 * <p>The member only takes part in the group: its partitions are paused, so it reads no record (the subscriptions
 * themselves are read by {@link FeedSubscriptions}, without a group), and it commits nothing. Before partitions count
 * as owned, {@code taking} runs for them (the poller reads the memory of their feeds then, so that it is the newest
 * one the previous owner wrote; if that fails, it is logged and the feeds are taken without it); revoked or lost
 * partitions stop counting at once. A poll of a feed still running on the previous owner may
 * finish after the hand-over: its items may be published once more by the new owner, which the later stages treat as
 * the same posts.
 */
public final class FeedOwnership implements AutoCloseable {

    /** The consumer group of the feed pollers; one member per ingest-service instance. */
    public static final String GROUP = "newsfeed-ingest-feed-polling";

    /**
     * How long a member may be silent before the group gives its feeds to the others: 10 s, so that the feeds of a
     * killed instance move within a minute (the broker's bounds are 6 s to 5 min by default).
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(FeedOwnership.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<Predicate<String>> taking;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final Thread member;
    private volatile int partitionCount;
    private volatile boolean running = true;
    private volatile String problem;

    /**
     * Joins the group and starts taking part in it, on a thread of its own.
     *
     * @param kafkaConfig     the service's Kafka client configuration (bootstrap servers, security)
     * @param topic           the subscriptions topic ({@link Topics#FEEDS_SUBSCRIPTIONS})
     * @param group           the consumer group ({@link #GROUP})
     * @param clientId        this member's client id
     * @param startupTimeout  how long to wait for the topic's partitions
     * @param taking          called on the member's thread before partitions count as owned, with the test of
     *                        whether a subscription id falls into them
     * @throws IllegalStateException if the topic has no partitions within {@code startupTimeout}
     */
    public FeedOwnership(Map<String, Object> kafkaConfig, String topic, String group, String clientId,
            Duration startupTimeout, Consumer<Predicate<String>> taking) {
        this.topic = topic;
        this.taking = taking;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis() / 3);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitionCount = TopicReaders.partitions(consumer, topic, startupTimeout).size();
        consumer.subscribe(List.of(topic), new Listener());
        this.member = new Thread(this::takePart, "feed-ownership-" + clientId);
        member.setDaemon(true);
        member.start();
    }

    /** True if this instance polls the feed of {@code subscriptionId} now. */
    public boolean owns(String subscriptionId) {
        return owned.contains(partitionOf(subscriptionId, partitionCount));
    }

    /** The partitions of the subscriptions topic this instance owns now, in order. */
    public Set<Integer> owned() {
        return new TreeSet<>(owned);
    }

    /** Why this instance takes no part in the group any more, or null while it does. */
    public String problem() {
        return problem;
    }

    /** True while the member thread takes part in the group. */
    public boolean healthy() {
        return member.isAlive() && problem == null;
    }

    /**
     * The partition Kafka's default partitioner gives a record keyed {@code key} (UTF-8) among {@code partitions}:
     * {@code toPositive(murmur2(key)) % partitions}, as in the Kafka producer's {@code BuiltInPartitioner}.
     */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void takePart() {
        try {
            while (running) {
                // every partition is paused once assigned: poll only keeps the member in the group
                consumer.poll(POLL);
            }
        } catch (WakeupException e) {
            if (running) {
                problem = "woken up unexpectedly";
            }
        } catch (RuntimeException e) {
            problem = e.toString();
            LOG.error("the feed ownership member stopped; this instance polls no feed any more", e);
        } finally {
            owned.clear();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Leaves the group, so that the others take this instance's feeds at once. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            member.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, "lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<Integer> taken = new TreeSet<>();
            partitions.forEach(p -> taken.add(p.partition()));
            if (taken.isEmpty()) {
                return;
            }
            consumer.pause(partitions);
            int count = consumer.partitionsFor(topic).size();
            if (count != partitionCount) {
                LOG.warnf("%s has %d partitions now (%d before): feeds are owned by the new count", topic, count,
                        partitionCount);
                partitionCount = count;
            }
            try {
                taking.accept(id -> taken.contains(partitionOf(id, count)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "feed polling: taking partitions %s of %s failed; their feeds are polled without it",
                        taken, topic);
            }
            owned.addAll(taken);
            LOG.infof("feed polling: partitions %s of %s taken, %s owned", taken, topic, owned());
        }

        private void release(Collection<TopicPartition> partitions, String how) {
            Set<Integer> released = new TreeSet<>();
            partitions.forEach(p -> released.add(p.partition()));
            owned.removeAll(released);
            if (!released.isEmpty()) {
                LOG.infof("feed polling: partitions %s of %s %s, %s owned", released, topic, how, owned());
            }
        }
    }
}
