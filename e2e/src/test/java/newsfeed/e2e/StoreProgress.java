package newsfeed.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Tells when store-service has processed given posts even when processing changes nothing stored: the posts'
 * records on {@code posts.deduplicated} are found, then the store's consumer group must have committed past them.
 */
final class StoreProgress {

    static final String STORE_GROUP = "newsfeed-store";

    private StoreProgress() {
    }

    /** End offsets of {@code posts.deduplicated}, to pass to {@link #awaitStored}. */
    static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.POSTS_DEDUPLICATED))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.POSTS_DEDUPLICATED).partitions().stream()
                    .map(p -> new TopicPartition(Topics.POSTS_DEDUPLICATED, p.partition()))
                    .collect(Collectors.toSet());
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /**
     * Waits until every post in {@code postIds} has a record on {@code posts.deduplicated} after {@code from}, and
     * store-service's consumer group has committed offsets past all of them.
     */
    static void awaitStored(Map<TopicPartition, Long> from, Set<String> postIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> needed = new HashMap<>();
        Properties config = KafkaTestClient.consumerConfig();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Set<String> missing = new java.util.HashSet<>(postIds);
            while (!missing.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no record on posts.deduplicated for " + missing);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (missing.remove(record.key())) {
                        needed.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1,
                                Math::max);
                    }
                }
            }
        }
        try (Admin admin = admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(STORE_GROUP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean done = needed.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("store-service committed " + committed + ", needs " + needed);
                }
                Thread.sleep(200);
            }
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }
}
