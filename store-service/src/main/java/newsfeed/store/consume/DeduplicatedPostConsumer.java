package newsfeed.store.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.store.db.PostRepository;
import newsfeed.store.db.StoreException;
import newsfeed.store.kafka.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores each record of {@code posts.deduplicated}. The record is acknowledged (and its offset later committed)
 * only after the database transaction commits. A record that cannot be decoded or that the database refuses goes to
 * the dead-letter topic; while the database is unreachable the record is retried with back-off, never dropped.
 */
@ApplicationScoped
public class DeduplicatedPostConsumer {

    private static final Logger LOG = Logger.getLogger(DeduplicatedPostConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();

    @Inject
    PostRepository repository;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    MeterRegistry registry;

    @Incoming(Channels.DEDUPLICATED_POSTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        DeduplicatedPost post;
        try {
            post = serde.deserialize(record.topic(), record.value());
            if (post == null || post.post() == null || post.postId() == null) {
                throw new IllegalArgumentException("record holds no DeduplicatedPost with a postId");
            }
        } catch (RuntimeException e) {
            deadLetters.send(record, e.getMessage());
            return;
        }
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                PostRepository.Outcome outcome = repository.upsert(post);
                registry.counter("newsfeed.store.posts", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
                if (outcome != PostRepository.Outcome.UNCHANGED) {
                    Timer.builder("newsfeed.pipeline.latency")
                            .description("from receipt by ingest-service to storage")
                            .publishPercentiles(0.5, 0.95, 0.99)
                            .register(registry)
                            .record(Duration.between(post.post().receivedAt(), Instant.now()));
                }
                return;
            } catch (StoreException e) {
                if (!e.isTransient()) {
                    deadLetters.send(record, e.getMessage());
                    return;
                }
                LOG.warnf("database unavailable storing %s (attempt %d), retrying in %d ms: %s", post.postId(),
                        attempt, backoff.toMillis(), e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (IllegalArgumentException e) {
                deadLetters.send(record, e.getMessage());
                return;
            }
        }
    }
}
