package newsfeed.ingest.feed;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.Topics;
import newsfeed.ingest.kafka.AcknowledgedWrites;
import newsfeed.ingest.kafka.KafkaUnavailableException;
import newsfeed.ingest.kafka.TopicReaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * What every feed has already published, kept across restarts in the compacted topic {@link Topics#FEEDS_SEEN_ITEMS}
 * (key = subscription id, value = {@link RememberedFeed} JSON, null = forgotten), so that a restarted instance
 * publishes only the items that are new or changed since (issue 11).
 *
 * <p>When this instance takes feeds over ({@link FeedOwnership}: at start-up, or from an instance that died or left),
 * the topic is read from its beginning to its end ({@link #load}), and the memory of each of those feeds is handed
 * once to the poller's first state of that subscription ({@link #seenItems}) and dropped from here. A record of a
 * subscription that no longer exists is forgotten (a tombstone). A record that cannot be read is logged with
 * partition and offset and ignored: its feed publishes its items once more, which downstream stages treat
 * idempotently, and the poll after that writes it anew.
 *
 * <p>After a poll published items, the feed's whole memory (its {@link #MAX_ENTRIES} most recent entries at most, about
 * 48 bytes each) is written again, acknowledged by Kafka ({@code acks=all}), by the one instance that polls the feed.
 * A feed whose URL or source changed starts afresh, as its state in {@link FeedPoller} does.
 */
@ApplicationScoped
public class FeedMemory {

    /**
     * Most entries written per feed: at about 48 bytes each, 10,000 entries stay within Kafka's default record limit of
     * 1 MB ({@code max.message.bytes}, {@code max.request.size}) whatever {@code remembered-items-per-feed} says.
     */
    public static final int MAX_ENTRIES = 10_000;

    private static final Logger LOG = Logger.getLogger(FeedMemory.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * One feed's memory: the subscription's URL and source when it was written (a record for another URL or source
     * is not taken), and {@link SeenItems#entries(int)}, least recently seen first.
     */
    public record RememberedFeed(String url, String source, List<String> items) {
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    FeedSettings settings;

    @Inject
    FeedSubscriptions subscriptions;

    /** The memories read for feeds taken over and not handed to a poll state yet. */
    private final Map<String, RememberedFeed> loaded = new ConcurrentHashMap<>();
    private final JsonSerde<RememberedFeed> serde = new JsonSerde<>(RememberedFeed.class);
    private Producer<String, RememberedFeed> producer;

    /** Thrown when Kafka does not take a feed's memory in time; the poll records it and writes it again next time. */
    public static class UnavailableException extends KafkaUnavailableException {
        public UnavailableException(String message, Throwable cause) {
            super("feed memory not written", message, cause);
        }
    }

    /** Runs after {@link FeedSubscriptions} read its topic (observer priority APPLICATION + 600). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 650) StartupEvent event) {
        producer = new KafkaProducer<>(AcknowledgedWrites.producerConfig(kafkaConfig, "newsfeed-ingest-feed-memory",
                settings.writeTimeout()), new StringSerializer(), serde);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Reads the topic from its beginning to its end and keeps, for {@link #seenItems}, the memory of every feed
     * {@code wanted} says (replacing what was kept of them); forgets the memory of every feed that is no longer
     * subscribed. Called when this instance takes feeds over ({@link FeedOwnership}).
     *
     * @throws IllegalStateException if the topic is not read to its end within {@code newsfeed.feeds.startup-timeout}
     */
    void load(Predicate<String> wanted) {
        Map<String, RememberedFeed> read = new HashMap<>();
        Set<String> stored = new HashSet<>();
        Duration timeout = settings.startupTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TopicReaders.readerConfig(kafkaConfig, "newsfeed-ingest-feed-memory-reader"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicReaders.partitions(consumer, Topics.FEEDS_SEEN_ITEMS,
                    timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.FEEDS_SEEN_ITEMS + " to its end " + end
                            + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record, read, stored);
                }
            }
        }
        keep(read, stored, wanted, id -> subscriptions.find(id).isPresent()).forEach(this::forget);
    }

    /**
     * Keeps the memories {@code read} of the subscribed feeds {@code wanted} says, replacing what was kept of them.
     *
     * @return the {@code stored} keys that are not {@code subscribed}: memories to forget
     */
    List<String> keep(Map<String, RememberedFeed> read, Set<String> stored, Predicate<String> wanted,
            Predicate<String> subscribed) {
        loaded.keySet().removeIf(wanted);
        List<String> orphans = new ArrayList<>();
        for (String id : stored) {
            if (!subscribed.test(id)) {
                orphans.add(id);
            } else if (wanted.test(id) && read.containsKey(id)) {
                loaded.put(id, read.get(id));
            }
        }
        LOG.infof("%d feed(s) remembered from %s for the feeds taken over, %d forgotten", loaded.size(),
                Topics.FEEDS_SEEN_ITEMS, orphans.size());
        return orphans;
    }

    /**
     * Takes one record of the topic into {@code read} (readable memories by key) and {@code stored} (every key whose
     * last record is not a tombstone): the last record of a key wins.
     */
    void apply(ConsumerRecord<String, byte[]> record, Map<String, RememberedFeed> read, Set<String> stored) {
        if (record.key() == null) {
            LOG.warnf("ignoring a record without key in %s partition %d at offset %d", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        read.remove(record.key());
        if (record.value() == null) {
            stored.remove(record.key());
            return;
        }
        stored.add(record.key());
        try {
            RememberedFeed feed = serde.deserialize(record.topic(), record.value());
            new SeenItems(1).restore(feed.items() == null ? List.of() : feed.items());
            read.put(record.key(), feed);
        } catch (RuntimeException e) {
            LOG.errorf("feed %s: its memory in %s partition %d at offset %d cannot be read, so its items are published "
                    + "once more: %s", record.key(), record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /**
     * The published items remembered for {@code subscription}, taken at most once: a {@link SeenItems} of
     * {@code capacity} with what the last run wrote for the same URL and source, else an empty one.
     */
    SeenItems seenItems(FeedSubscription subscription, int capacity) {
        SeenItems seen = new SeenItems(capacity);
        RememberedFeed feed = loaded.remove(subscription.id());
        if (feed != null && subscription.url().equals(feed.url()) && subscription.source().equals(feed.source())) {
            seen.restore(feed.items() == null ? List.of() : feed.items());
        }
        return seen;
    }

    /**
     * Writes what {@code subscription}'s feed has published; returns once Kafka acknowledged it.
     *
     * @throws UnavailableException if Kafka does not take it within {@code newsfeed.feeds.write-timeout}
     */
    void remember(FeedSubscription subscription, SeenItems seen) {
        RememberedFeed feed = new RememberedFeed(subscription.url(), subscription.source(), seen.entries(MAX_ENTRIES));
        try {
            producer.send(new ProducerRecord<>(Topics.FEEDS_SEEN_ITEMS, subscription.id(), feed))
                    .get(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UnavailableException("Kafka did not take the memory of feed " + subscription.id() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("Kafka did not acknowledge the memory of feed " + subscription.id()
                    + " within " + settings.writeTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while writing the memory of feed " + subscription.id(), e);
        } catch (RuntimeException e) {
            throw new UnavailableException("cannot send the memory of feed " + subscription.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Forgets a feed that is no longer subscribed (a tombstone, not awaited). If Kafka does not take it, the failure
     * is logged and the record is forgotten at the next start-up of any instance.
     */
    void forget(String subscriptionId) {
        producer.send(new ProducerRecord<>(Topics.FEEDS_SEEN_ITEMS, subscriptionId, null), (metadata, e) -> {
            if (e != null) {
                LOG.warnf("feed %s: its memory in %s was not forgotten (%s); the next start-up forgets it",
                        subscriptionId, Topics.FEEDS_SEEN_ITEMS, e.toString());
            }
        });
    }
}
