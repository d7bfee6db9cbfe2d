package newsfeed.store.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import newsfeed.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the pipeline's topics and consumer groups through the Kafka Admin client (DESIGN §6, §9): every
 * {@code newsfeed.pipeline.sample-interval} it samples the end offsets of each topic, from which records/s over the
 * last 10 s and 1 min are the offset deltas (transaction markers of exactly-once writers count as offsets, so rates
 * read slightly high during writes); and on request it reports each consumer group's lag per partition.
 */
@ApplicationScoped
public class PipelineMonitor {

    /** The topics watched, in pipeline order. */
    public static final List<String> TOPICS = Topics.PIPELINE;

    /** The pipeline's consumer groups (Kafka Streams application ids and the store's group). */
    public static final List<String> GROUPS = List.of("newsfeed-normalizer", "newsfeed-dedup-v3", "newsfeed-store");

    private static final Logger LOG = Logger.getLogger(PipelineMonitor.class);
    private static final Duration KEEP = Duration.ofSeconds(70);
    private static final long TIMEOUT_SECONDS = 10;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    /**
     * Sum of a topic's partition end offsets at the last sample, as gauge {@code newsfeed_topic_end_offset{topic}}:
     * its {@code rate()} is the topic's records/s in Prometheus (transaction markers included).
     */
    public static final String END_OFFSET_METRIC = "newsfeed.topic.end.offset";

    /** How often offsets are sampled; also how long one report is answered to every caller. */
    @ConfigProperty(name = "newsfeed.pipeline.sample-interval", defaultValue = "2s")
    Duration sampleInterval;

    private final Clock clock = Clock.systemUTC();
    private Report recent;
    /** When the last report was computed or failed; its failure, if it failed. */
    private Instant recentAt;
    private IllegalStateException recentFailure;
    private final Map<String, AtomicLong> lastEnds = new ConcurrentHashMap<>();

    private final Map<String, Deque<Sample>> samples = new HashMap<>();
    private Admin admin;

    /** End offsets of one topic, summed over its partitions, at one instant. */
    record Sample(Instant at, long endOffsets) {
    }

    /** Throughput of a topic. */
    public record TopicRate(String topic, int partitions, long endOffset, double recordsPerSecond10s,
            double recordsPerSecond1m) {
    }

    /**
     * Lag of a group on one partition: records written and not yet processed.
     *
     * @param waitingFrom the offset of the oldest record not yet processed: the first record a {@code read_committed}
     *                    consumer finds from {@code committed} on (a transaction marker at {@code committed} is no
     *                    record); {@code committed} when the lag was not counted record by record, or is 0
     */
    public record PartitionLag(String topic, int partition, long committed, long end, long lag, long waitingFrom) {
    }

    /** Lag of a consumer group, in total and per partition. */
    public record GroupLag(String group, long lag, List<PartitionLag> partitions) {
    }

    /** What {@code GET /api/pipeline} answers. */
    public record Report(Instant sampledAt, List<TopicRate> topics, List<GroupLag> consumerGroups) {
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(new HashMap<>(kafkaConfig));
        }
        return admin;
    }

    @PostConstruct
    void registerGauges() {
        for (String topic : TOPICS) {
            AtomicLong end = new AtomicLong();
            lastEnds.put(topic, end);
            Gauge.builder(END_OFFSET_METRIC, end, AtomicLong::get).tag("topic", topic)
                    .description("sum of the topic's partition end offsets").register(registry);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Takes one sample of every topic's end offsets; a failure is logged and the sample skipped. */
    @Scheduled(every = "${newsfeed.pipeline.sample-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            Map<String, Long> ends = endOffsets(TOPICS).entrySet().stream()
                    .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(Map.Entry::getValue)));
            Instant now = clock.instant();
            ends.forEach((topic, end) -> lastEnds.computeIfAbsent(topic, t -> new AtomicLong()).set(end));
            synchronized (samples) {
                ends.forEach((topic, end) -> {
                    Deque<Sample> history = samples.computeIfAbsent(topic, t -> new ArrayDeque<>());
                    history.addLast(new Sample(now, end));
                    while (history.size() > 2 && history.peekFirst().at().isBefore(now.minus(KEEP))) {
                        history.removeFirst();
                    }
                });
            }
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warnf("cannot sample topic offsets: %s", e instanceof RuntimeException ? e.getMessage()
                    : unanswered(e).getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link #report()}, computed at most once per {@link #sampleInterval}: a report opens a Kafka consumer per group,
     * so callers share one instead of each opening their own (concurrent callers wait for the one computation). A
     * failure is shared the same way: while Kafka does not answer, callers that waited for the attempt, and those of
     * the interval after it, get its failure, instead of each trying again for 10 s in turn (a helper's trial with the
     * broker stopped: four callers answered after 10, 20, 30 and 40 s, and the dashboard asks every 2.5 s).
     *
     * @throws IllegalStateException when Kafka does not answer within 10 s
     */
    public synchronized Report recentReport() {
        if (recentAt == null || !recentAt.plus(sampleInterval).isAfter(clock.instant())) {
            try {
                recent = report();
                recentFailure = null;
            } catch (IllegalStateException e) {
                recent = null;
                recentFailure = e;
            }
            recentAt = clock.instant();
        }
        if (recentFailure != null) {
            throw new IllegalStateException(recentFailure.getMessage(), recentFailure);
        }
        return recent;
    }

    /** Why Kafka gave no answer, for an API error: a timeout's own message is null. */
    static IllegalStateException unanswered(Exception e) {
        if (e instanceof TimeoutException) {
            return new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Kafka did not answer: " + (cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName()), e);
    }

    /**
     * @throws IllegalStateException when Kafka does not answer within 10 s
     */
    public Report report() {
        try {
            Map<TopicPartition, Long> ends = endOffsets(TOPICS);
            List<TopicRate> topics = new ArrayList<>();
            for (String topic : TOPICS) {
                List<Long> partitionEnds = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                        .map(Map.Entry::getValue).toList();
                topics.add(new TopicRate(topic, partitionEnds.size(), partitionEnds.stream().mapToLong(Long::longValue)
                        .sum(), rate(topic, Duration.ofSeconds(10)), rate(topic, Duration.ofMinutes(1))));
            }
            List<GroupLag> groups = new ArrayList<>();
            for (String group : GROUPS) {
                groups.add(lag(group));
            }
            return new Report(clock.instant(), topics, groups);
        } catch (ExecutionException | TimeoutException e) {
            throw unanswered(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Records per second over roughly the last {@code window}, from the samples; 0 without two samples. */
    private double rate(String topic, Duration window) {
        synchronized (samples) {
            Deque<Sample> history = samples.get(topic);
            if (history == null || history.size() < 2) {
                return 0.0;
            }
            Sample newest = history.peekLast();
            Sample oldest = history.peekFirst();
            for (Sample sample : history) {
                if (!sample.at().isBefore(newest.at().minus(window))) {
                    oldest = sample;
                    break;
                }
            }
            double seconds = Duration.between(oldest.at(), newest.at()).toMillis() / 1000.0;
            return seconds <= 0 ? 0.0 : (newest.endOffsets() - oldest.endOffsets()) / seconds;
        }
    }

    /**
     * The lag of one consumer group now, in records (exact below {@value #PROBE_LIMIT} offsets behind a partition's
     * end, offsets above).
     *
     * @throws IllegalStateException when Kafka does not answer within 10 s
     */
    GroupLag groupLag(String group) {
        try {
            return lag(group);
        } catch (ExecutionException | TimeoutException e) {
            throw unanswered(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private GroupLag lag(String group) throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        committed.values().removeIf(Objects::isNull);
        Map<TopicPartition, Long> ends = latest(committed.keySet());
        List<PartitionLag> partitions = new ArrayList<>();
        Map<TopicPartition, Long> probe = new HashMap<>();
        for (var entry : committed.entrySet()) {
            long end = ends.getOrDefault(entry.getKey(), entry.getValue().offset());
            long behind = Math.max(0, end - entry.getValue().offset());
            if (behind > 0 && behind <= PROBE_LIMIT) {
                probe.put(entry.getKey(), entry.getValue().offset());
            }
        }
        Map<TopicPartition, Waiting> records = countRecords(probe, ends);
        for (var entry : committed.entrySet()) {
            TopicPartition tp = entry.getKey();
            long offset = entry.getValue().offset();
            long end = ends.getOrDefault(tp, offset);
            Waiting waiting = records.get(tp);
            long lag = waiting != null ? waiting.records() : Math.max(0, end - offset);
            partitions.add(new PartitionLag(tp.topic(), tp.partition(), offset, end, lag,
                    waiting != null && waiting.first() >= 0 ? waiting.first() : offset));
        }
        partitions.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
        return new GroupLag(group, partitions.stream().mapToLong(PartitionLag::lag).sum(), partitions);
    }

    /** Below this many offsets behind, lag is counted in records, so that transaction markers do not count. */
    private static final long PROBE_LIMIT = 50;

    /** The records found behind a committed offset, and the offset of the first of them (-1 when none). */
    private record Waiting(long records, long first) {
    }

    /**
     * Counts the records a read_committed consumer finds between each committed offset and the end: a group that
     * committed everything but a transaction marker has lag 0, not 1, and its oldest waiting record is the first one
     * found, not the marker.
     */
    private Map<TopicPartition, Waiting> countRecords(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Waiting> counts = new HashMap<>();
        if (from.isEmpty()) {
            return counts;
        }
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            from.keySet().forEach(tp -> counts.put(tp, new Waiting(0, -1)));
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline
                    && from.keySet().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(tp)) {
                        Waiting so = counts.get(tp);
                        counts.put(tp, new Waiting(so.records() + 1, so.first() < 0 ? record.offset() : so.first()));
                    }
                });
            }
        }
        return counts;
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, TopicDescription> descriptions = admin().describeTopics(topics).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
        return latest(partitions);
    }

    private Map<TopicPartition, Long> latest(Set<TopicPartition> partitions)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin().listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
