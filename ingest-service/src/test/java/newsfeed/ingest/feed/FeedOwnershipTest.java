package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two members of one feed pollers' group against a real broker (a topic and a group of this test's own, 3
 * partitions): every feed is owned by exactly one of them, each is told what it takes before it counts, and when one
 * leaves the other owns everything. The partition of a feed is the one Kafka's producer writes its subscription to.
 */
class FeedOwnershipTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    private final String topic = "feed-ownership-test-" + UUID.randomUUID();
    private final String group = "feed-ownership-test-" + UUID.randomUUID();
    private final List<String> ids = IntStream.range(0, 40)
            .mapToObj(i -> FeedSubscription.idOf("https://feeds" + i + ".example/rss.xml")).toList();

    private static Map<String, Object> kafka() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    }

    private FeedOwnership member(String name, List<Predicate<String>> taken) {
        return new FeedOwnership(kafka(), topic, group, name, WAIT, taken::add);
    }

    /** The feeds a member was told it takes, by any of the predicates it was given. */
    private List<String> told(List<Predicate<String>> taken) {
        return ids.stream().filter(id -> taken.stream().anyMatch(p -> p.test(id))).toList();
    }

    @Test
    void everyFeedHasOneOwnerAndTheFeedsOfAMemberThatLeavesMoveToTheOther() {
        TestKafka.createTopics(PARTITIONS, topic);
        List<Predicate<String>> takenByA = new CopyOnWriteArrayList<>();
        List<Predicate<String>> takenByB = new CopyOnWriteArrayList<>();
        try (FeedOwnership a = member("a", takenByA)) {
            await().atMost(WAIT).until(() -> a.owned().size() == PARTITIONS);
            assertThat(ids).allMatch(a::owns);
            assertThat(told(takenByA)).isEqualTo(ids);
            assertThat(a.healthy()).isTrue();

            FeedOwnership b = member("b", takenByB);
            try {
                await().atMost(WAIT).until(() -> !b.owned().isEmpty()
                        && a.owned().size() + b.owned().size() == PARTITIONS);
                Set<Integer> all = new HashSet<>(a.owned());
                all.addAll(b.owned());
                assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
                assertThat(ids).allMatch(id -> a.owns(id) ^ b.owns(id));
                List<String> ownedByB = ids.stream().filter(b::owns).toList();
                assertThat(ownedByB).isNotEmpty();
                assertThat(told(takenByB)).isEqualTo(ownedByB);
            } finally {
                b.close();
            }
            await().atMost(WAIT).until(() -> a.owned().size() == PARTITIONS);
            assertThat(ids).allMatch(a::owns);
            assertThat(b.owned()).isEmpty();
        }
    }

    @Test
    void aFeedsPartitionIsTheOneTheProducerWritesItsSubscriptionTo() throws Exception {
        TestKafka.createTopics(PARTITIONS, topic);
        List<Integer> written = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClient.producerConfig())) {
            for (String id : ids) {
                written.add(producer.send(new ProducerRecord<>(topic, id, new byte[0])).get().partition());
            }
        }
        assertThat(ids.stream().map(id -> FeedOwnership.partitionOf(id, PARTITIONS)).toList()).isEqualTo(written);
        assertThat(new HashSet<>(written)).as("the ids spread over every partition").hasSize(PARTITIONS);
    }
}
