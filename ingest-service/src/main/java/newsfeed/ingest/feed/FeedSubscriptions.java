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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The feed subscriptions, kept in the compacted topic {@link Topics#FEEDS_SUBSCRIPTIONS} (key = subscription id,
 * value = {@link FeedSubscription} JSON, null value = deleted), so that ingest-service keeps no database.
 *
 * <p>At start-up every partition of the topic is read from its beginning to its end before the service is ready
 * (within {@code newsfeed.feeds.startup-timeout}); a follower thread then keeps reading it (no consumer group:
 * every instance reads everything), so every instance converges on the same set of subscriptions, whichever
 * instance took a change. A change is acknowledged by Kafka ({@code acks=all}) and then awaited until this
 * instance's follower has applied it, so a {@code GET} right after a {@code POST} or {@code DELETE} on the same
 * instance sees it. A record that cannot be read is logged with its partition and offset and skipped.
 */
@ApplicationScoped
public class FeedSubscriptions {

    private static final Logger LOG = Logger.getLogger(FeedSubscriptions.class);
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    FeedSettings settings;

    private final ConcurrentMap<String, FeedSubscription> subscriptions = new ConcurrentHashMap<>();
    /** Partition → next offset the follower will apply; guarded by {@code this}. */
    private final Map<Integer, Long> applied = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private Producer<String, FeedSubscription> producer;
    private KafkaConsumer<String, FeedSubscription> consumer;
    private Thread follower;
    private volatile boolean running;
    private volatile String followerError;

    /** Thrown when Kafka does not take or replay a subscription change in time; answered 503. */
    public static class UnavailableException extends KafkaUnavailableException {
        public UnavailableException(String message, Throwable cause) {
            super("subscription change not confirmed", message, cause);
        }
    }

    /** Runs after {@code TopicBootstrap} created the topic (observer priority APPLICATION + 500). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        producer = new KafkaProducer<>(AcknowledgedWrites.producerConfig(kafkaConfig, "newsfeed-ingest-feeds",
                settings.writeTimeout()), new StringSerializer(), new JsonSerde<>(FeedSubscription.class));
        consumer = new KafkaConsumer<>(TopicReaders.readerConfig(kafkaConfig, "newsfeed-ingest-feeds-follower"),
                new StringDeserializer(), new JsonSerde<>(FeedSubscription.class));
        List<TopicPartition> partitions = TopicReaders.partitions(consumer, Topics.FEEDS_SUBSCRIPTIONS,
                settings.startupTimeout());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, settings.startupTimeout());

        running = true;
        follower = new Thread(() -> follow(partitions, end), "feed-subscriptions-follower");
        follower.setDaemon(true);
        follower.start();
        try {
            if (!caughtUp.await(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not read " + Topics.FEEDS_SUBSCRIPTIONS + " to its end "
                        + end + " within " + settings.startupTimeout() + (followerError == null ? ""
                                : ": " + followerError));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + Topics.FEEDS_SUBSCRIPTIONS, e);
        }
        LOG.infof("%d feed subscription(s) read from %s", subscriptions.size(), Topics.FEEDS_SUBSCRIPTIONS);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (follower != null) {
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void follow(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, FeedSubscription> record : consumer.poll(POLL)) {
                        apply(record.key(), record.value());
                    }
                    followerError = null;
                } catch (RecordDeserializationException e) {
                    followerError = "unreadable record at " + e.topicPartition() + " offset " + e.offset() + ": "
                            + e.getMessage();
                    LOG.errorf("skipping %s", followerError);
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                boolean done = true;
                synchronized (this) {
                    for (TopicPartition partition : partitions) {
                        long position = consumer.position(partition);
                        applied.put(partition.partition(), position);
                        done &= position >= end.getOrDefault(partition, 0L);
                    }
                    notifyAll();
                }
                if (done) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                followerError = "woken up unexpectedly";
                LOG.error("the feed subscriptions follower was woken up unexpectedly and stopped", e);
            }
        } catch (RuntimeException e) {
            followerError = e.toString();
            LOG.error("the feed subscriptions follower stopped; subscription changes are no longer seen", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(String id, FeedSubscription subscription) {
        if (id == null) {
            LOG.warn("ignoring a feed subscription record without key");
        } else if (subscription == null) {
            subscriptions.remove(id);
        } else {
            if (!id.equals(subscription.id())) {
                LOG.warnf("subscription record key %s differs from its id %s; the key wins", id, subscription.id());
                subscription = subscription.withId(id);
            }
            subscriptions.put(id, subscription);
        }
    }

    /** All subscriptions, ordered by creation time then id. */
    public List<FeedSubscription> all() {
        return subscriptions.values().stream()
                .sorted(Comparator.comparing(FeedSubscription::createdAt,
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(FeedSubscription::id))
                .toList();
    }

    public Optional<FeedSubscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    /**
     * Creates or replaces a subscription; returns once Kafka acknowledged it and this instance applied it.
     *
     * @throws UnavailableException if that does not happen within {@code newsfeed.feeds.write-timeout}
     */
    public void put(FeedSubscription subscription) {
        write(subscription.id(), subscription);
    }

    /**
     * Creates or replaces several subscriptions, sent at once; returns once Kafka acknowledged all and this instance
     * applied them. Not atomic: when Kafka fails part-way, the changes acknowledged before stay (each is a whole
     * subscription, and writing them again is harmless).
     *
     * @throws UnavailableException if that does not happen within {@code newsfeed.feeds.write-timeout}
     */
    public void putAll(List<FeedSubscription> changes) {
        long deadline = System.nanoTime() + settings.writeTimeout().toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(changes.size());
        for (FeedSubscription subscription : changes) {
            sent.add(send(subscription.id(), subscription));
        }
        for (int i = 0; i < changes.size(); i++) {
            String id = changes.get(i).id();
            RecordMetadata ack = acknowledged(id, sent.get(i), deadline);
            awaitApplied(id, ack.partition(), ack.offset(), deadline);
        }
    }

    /** Deletes a subscription (a tombstone); returns once applied, like {@link #put}. */
    public void delete(String id) {
        write(id, null);
    }

    /** True once the topic was read to its end at start-up and while the follower runs. */
    public boolean healthy() {
        return caughtUp.getCount() == 0 && follower != null && follower.isAlive();
    }

    /** Why the follower is unhealthy, or null. */
    public String problem() {
        return followerError;
    }

    private void write(String id, FeedSubscription value) {
        long deadline = System.nanoTime() + settings.writeTimeout().toNanos();
        RecordMetadata ack = acknowledged(id, send(id, value), deadline);
        awaitApplied(id, ack.partition(), ack.offset(), deadline);
    }

    private Future<RecordMetadata> send(String id, FeedSubscription value) {
        try {
            return producer.send(new ProducerRecord<>(Topics.FEEDS_SUBSCRIPTIONS, id, value));
        } catch (RuntimeException e) {
            throw new UnavailableException("cannot send the subscription change of " + id + ": " + e.getMessage(), e);
        }
    }

    private RecordMetadata acknowledged(String id, Future<RecordMetadata> sent, long deadline) {
        try {
            return sent.get(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UnavailableException("Kafka did not take the subscription change of " + id + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("Kafka did not acknowledge the subscription change of " + id + " within "
                    + settings.writeTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while writing the subscription change of " + id, e);
        }
    }

    private synchronized void awaitApplied(String id, int partition, long offset, long deadline) {
        while (applied.getOrDefault(partition, 0L) <= offset) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0 || !follower.isAlive()) {
                throw new UnavailableException("the subscription change of " + id + " is in Kafka (partition "
                        + partition + ", offset " + offset + ") but was not read back within "
                        + settings.writeTimeout() + (followerError == null ? "" : ": " + followerError), null);
            }
            try {
                wait(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while waiting for the subscription change of " + id, e);
            }
        }
    }
}
