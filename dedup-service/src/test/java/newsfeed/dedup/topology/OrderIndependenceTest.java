package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.labelled.LabelledSet;
import newsfeed.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * Order independence (issue 3, acceptance 2): the labelled posts fed in five shuffled orders, on topics of one and
 * of three partitions, through the production topology on a real Kafka broker with exactly-once processing, end in
 * the same decisions every time (kept and removed paragraphs, reasons, duplicateOf, status).
 */
class OrderIndependenceTest {

    private static final int SHUFFLES = 5;
    private static final Duration QUIET = Duration.ofSeconds(4);

    /** What the store keeps of a decision, revision aside. */
    record Outcome(List<Integer> kept, List<RemovedParagraph> removed, PostStatus status, String duplicateOf) {
        static Outcome of(DeduplicatedPost post) {
            return new Outcome(post.kept(), post.removed(), post.status(), post.duplicateOf());
        }
    }

    @Test
    void theDecisionsAreTheSameWhateverTheOrderAndThePartitionCount() throws Exception {
        List<NormalizedPost> posts = LabelledSet.load().stream().map(LabelledSet.LabelledPost::post).toList();
        Map<String, Outcome> reference = null;
        for (int partitions : new int[] {1, 3}) {
            for (int seed = 1; seed <= SHUFFLES; seed++) {
                List<NormalizedPost> order = new ArrayList<>(posts);
                Collections.shuffle(order, new Random(seed));
                Map<String, Outcome> outcome = run(order, partitions);
                assertThat(outcome).as("decided posts").hasSize(posts.size());
                if (reference == null) {
                    reference = outcome;
                } else {
                    assertThat(outcome).as("%d partitions, shuffle %d", partitions, seed).isEqualTo(reference);
                }
            }
        }
    }

    private static Map<String, Outcome> run(List<NormalizedPost> posts, int partitions) throws Exception {
        String run = "order-" + partitions + "-" + UUID.randomUUID().toString().substring(0, 8);
        DedupTopology.StageTopics topics = new DedupTopology.StageTopics(run + ".normalized", run + ".deduplicated",
                run + ".dead-letter");
        TestKafka.createTopics(partitions, topics.input(), topics.output(), topics.deadLetter());
        Map<String, DeduplicatedPost> latest = new HashMap<>();
        try (BrokerDedupRun dedup = BrokerDedupRun.start(run, topics)) {
            dedup.send(posts);
            dedup.collect(latest, posts.size(), QUIET);
        }
        Map<String, Outcome> outcome = new TreeMap<>();
        latest.forEach((postId, post) -> outcome.put(postId, Outcome.of(post)));
        return outcome;
    }
}
