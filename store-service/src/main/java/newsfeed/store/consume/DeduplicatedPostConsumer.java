package newsfeed.store.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.kafka.RecordFault;
import newsfeed.store.db.PostRepository;
import newsfeed.store.kafka.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores the records of {@code posts.deduplicated}, a poll's worth at a time ({@code batch=true}: up to
 * {@code max.poll.records}) in one database transaction. The batch is acknowledged (and its offsets later committed)
 * only after the transaction commits. A record that cannot be decoded, or whose decision is inconsistent, goes to the
 * dead-letter topic before the others are stored; when the database refuses the batch for what it holds (SQLSTATE
 * 22, 23, 54), it is stored again record by record so that only the record at fault is dead-lettered; any other
 * failure (the database down, read-only, a permission or a table missing) is retried with back-off until it passes
 * ({@link DecisionWriter}), never dead-lettered or dropped.
 */
@Startup
@ApplicationScoped
public class DeduplicatedPostConsumer {

    /** Decisions stored, by outcome (inserted, revised, unchanged): {@code newsfeed_store_posts_total{outcome}}. */
    public static final String POSTS_METRIC = "newsfeed.store.posts";

    /** The longest time a timer takes: its nanoseconds are a long (about 292 years). */
    private static final Duration LONGEST_TIMED = Duration.ofNanos(Long.MAX_VALUE);

    private final JsonSerde<DeduplicatedPost> serde = new JsonSerde.DeduplicatedPostSerde();

    @Inject
    DecisionWriter writer;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    MeterRegistry registry;

    private Timer latency;

    @PostConstruct
    void meters() {
        latency = Timer.builder("newsfeed.pipeline.latency")
                .description("from receipt by ingest-service to storage of a post's first version")
                .publishPercentiles(0.5, 0.95, 0.99)
                // buckets too, so that Prometheus can aggregate instances (histogram_quantile) for the dashboard
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofDays(1))
                .register(registry);
        // every outcome's series exists from the start, at 0: Prometheus' rate() and increase() cannot see the first
        // increments of a series that appears with them
        for (PostRepository.Outcome outcome : PostRepository.Outcome.values()) {
            registry.counter(POSTS_METRIC, "outcome", outcome.name().toLowerCase(Locale.ROOT));
        }
    }

    @Incoming(Channels.DEDUPLICATED_POSTS)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> accepted = new ArrayList<>(records.count());
        List<DeduplicatedPost> decisions = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                DeduplicatedPost post = serde.deserialize(record.topic(), record.value());
                if (post == null || post.post() == null || post.postId() == null) {
                    throw new IllegalArgumentException("record holds no DeduplicatedPost with a postId");
                }
                PostRepository.checkDecision(post);
                accepted.add(record);
                decisions.add(post);
            } catch (Throwable e) {
                // a stack overflow too; out of memory is thrown on (RecordFault)
                deadLetters.send(record, RecordFault.reason(e));
            }
        }
        if (decisions.isEmpty()) {
            return;
        }
        Stored stored = store(decisions);
        if (stored.refusal() == null) {
            record(decisions, stored.outcomes());
            return;
        }
        // the database refused the batch: store each record alone, so that only the one at fault is dead-lettered
        for (int i = 0; i < decisions.size(); i++) {
            Stored one = store(List.of(decisions.get(i)));
            if (one.refusal() != null) {
                deadLetters.send(accepted.get(i), one.refusal());
            } else {
                record(List.of(decisions.get(i)), one.outcomes());
            }
        }
    }

    /** What a write did: the outcome per decision, or why the database refused them all. */
    private record Stored(List<PostRepository.Outcome> outcomes, String refusal) {
    }

    /** Stores the decisions; whatever is not their fault is retried until it passes ({@link DecisionWriter}). */
    private Stored store(List<DeduplicatedPost> decisions) {
        try {
            return new Stored(writer.write(decisions), null);
        } catch (DecisionWriter.RecordsRefused e) {
            return new Stored(List.of(), e.getMessage());
        }
    }

    private void record(List<DeduplicatedPost> decisions, List<PostRepository.Outcome> outcomes) {
        Instant now = Instant.now();
        for (int i = 0; i < decisions.size(); i++) {
            PostRepository.Outcome outcome = outcomes.get(i);
            registry.counter(POSTS_METRIC, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
            // a revision carries its post's first receipt time (dedup keeps it): timed from it, an edit a day later
            // would read as a day of latency
            Duration sinceReceipt = Duration.between(decisions.get(i).post().receivedAt(), now);
            // a timer holds nanoseconds: a receipt time over 292 years ago (a record written to the topic another
            // way) overflowed it, after the write, and stopped the consumer (a helper's trial)
            if (outcome == PostRepository.Outcome.INSERTED && sinceReceipt.compareTo(LONGEST_TIMED) <= 0) {
                latency.record(sinceReceipt);
            }
        }
    }
}
