package newsfeed.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Consumer groups of the pipeline's stages, as an operator sees them: how far they got, and rewinding them. */
final class KafkaGroups {

    static final String NORMALIZER = "newsfeed-normalizer";
    static final String DEDUP = "newsfeed-dedup-v3";
    static final String STORE = "newsfeed-store";

    private KafkaGroups() {
    }

    /**
     * Waits until {@code group} has committed past every record now readable on {@code topic} (read_committed, so
     * transaction markers at the end do not count as work left).
     */
    static void awaitProcessed(String group, String topic, Duration timeout) throws Exception {
        Map<TopicPartition, Long> needed = lastRecordOffsets(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean done = needed.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() > e.getValue());
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(group + " committed " + committed + " but must pass " + needed);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Which partitions of {@code topic} each member of {@code group} holds, by member id, while the group is stable;
     * an empty map while it rebalances (or has no member).
     */
    static Map<String, Set<Integer>> assignments(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(30, TimeUnit.SECONDS).get(group);
            if (description.groupState() != GroupState.STABLE) {
                return Map.of();
            }
            Map<String, Set<Integer>> held = new HashMap<>();
            for (MemberDescription member : description.members()) {
                held.put(member.consumerId(), member.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition)
                        .collect(Collectors.toCollection(java.util.TreeSet::new)));
            }
            return held;
        }
    }

    /** Rewinds a stopped stage's group to the beginning of {@code topic}: every record will be delivered again. */
    static void rewind(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            // A Kafka Streams member does not leave its group on close; remove it so the offsets can be changed.
            boolean hasMembers = !admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS)
                    .get(group).members().isEmpty();
            if (hasMembers) {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                        .all().get(30, TimeUnit.SECONDS);
            }
            Map<TopicPartition, OffsetSpec> earliest = partitions(admin, topic).stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Per partition, the offset of the last record a read_committed consumer sees now. */
    private static Map<TopicPartition, Long> lastRecordOffsets(String topic) {
        Map<TopicPartition, Long> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : KafkaTestClient.readToEnd(topic, Duration.ofSeconds(60))) {
            last.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
        }
        return last;
    }

    private static Set<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }
}
