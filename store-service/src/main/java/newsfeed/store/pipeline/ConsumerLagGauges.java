package newsfeed.store.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The consumer lag of the pipeline's groups ({@link PipelineMonitor#GROUPS}) as Prometheus gauges, sampled every
 * {@code newsfeed.pipeline.lag-interval} (10 s):
 * <ul>
 *   <li>{@code newsfeed_consumer_lag_records{group}}: records written to the group's input topics (internal ones
 *       included) and not yet committed by it, transaction markers not counted below 50 offsets behind;</li>
 *   <li>{@code newsfeed_consumer_lag_seconds{group}}: how long the oldest of those records has been waiting, from the
 *       history of each partition's end offset ({@link EndOffsetHistory}); late by at most one interval, and 0 when
 *       the group is caught up. The oldest record is the first a {@code read_committed} consumer finds, not a
 *       transaction marker at the group's committed offset, whose age is how long the topic had been idle.</li>
 * </ul>
 * Both are NaN while Kafka cannot be asked, so that a stale figure is never read as a current one. The alert rules
 * in {@code deploy/monitoring} read them.
 */
@ApplicationScoped
public class ConsumerLagGauges {

    public static final String RECORDS_METRIC = "newsfeed.consumer.lag.records";
    public static final String SECONDS_METRIC = "newsfeed.consumer.lag.seconds";

    /** Most end-offset changes kept per partition: at one change per 10 s sample, about 11 hours. */
    static final int HISTORY = 4096;

    private static final Logger LOG = Logger.getLogger(ConsumerLagGauges.class);

    @Inject
    PipelineMonitor monitor;

    @Inject
    MeterRegistry registry;

    private final Clock clock = Clock.systemUTC();

    /** The gauges' values of one group, written by the sampler and read by scrapes; NaN until sampled. */
    private static final class Lag {
        volatile double records = Double.NaN;
        volatile double seconds = Double.NaN;
    }

    private final Map<String, Lag> values = new ConcurrentHashMap<>();
    private final Map<TopicPartition, EndOffsetHistory> histories = new HashMap<>();

    @PostConstruct
    void register() {
        for (String group : PipelineMonitor.GROUPS) {
            Lag value = new Lag();
            values.put(group, value);
            Gauge.builder(RECORDS_METRIC, value, v -> v.records).tag("group", group)
                    .description("records not yet processed by the consumer group").register(registry);
            Gauge.builder(SECONDS_METRIC, value, v -> v.seconds).tag("group", group).baseUnit("seconds")
                    .description("how long the oldest record not yet processed by the group has waited")
                    .register(registry);
        }
    }

    @Scheduled(every = "${newsfeed.pipeline.lag-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        sampleAt(clock.instant());
    }

    /**
     * Samples every group once, as of {@code now}; when Kafka does not answer for a group, every group reads NaN until
     * the next sample.
     */
    synchronized void sampleAt(Instant now) {
        for (String group : PipelineMonitor.GROUPS) {
            Lag value = values.get(group);
            try {
                PipelineMonitor.GroupLag lag = monitor.groupLag(group);
                Duration waited = Duration.ZERO;
                for (PipelineMonitor.PartitionLag partition : lag.partitions()) {
                    EndOffsetHistory history = histories.computeIfAbsent(
                            new TopicPartition(partition.topic(), partition.partition()),
                            tp -> new EndOffsetHistory(HISTORY));
                    history.record(now, partition.end());
                    if (partition.lag() > 0) {
                        Duration since = history.waitingSince(partition.waitingFrom())
                                .map(at -> Duration.between(at, now)).orElse(Duration.ZERO);
                        waited = since.compareTo(waited) > 0 ? since : waited;
                    }
                }
                value.records = lag.lag();
                value.seconds = waited.toMillis() / 1000.0;
            } catch (IllegalStateException e) {
                // Kafka did not answer one group: it would not answer the next ones either, each after its own
                // timeout, while their gauges went on showing the last figure
                LOG.warnf("cannot sample the lag of consumer group %s: %s", group, e.getMessage());
                for (Lag unknown : values.values()) {
                    unknown.records = Double.NaN;
                    unknown.seconds = Double.NaN;
                }
                return;
            }
        }
    }
}
