package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.contracts.story.StoryClusters;
import newsfeed.dedup.labelled.LabelledSet;
import newsfeed.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * Order independence (issue 3, acceptance 2): the labelled posts fed in five shuffled orders, on topics of one and
 * of three partitions, through the production topology on a real Kafka broker with exactly-once processing, end in
 * the same decisions every time (kept and removed paragraphs, reasons, duplicateOf, status). Issue 12: the stories
 * of those decisions ({@link StoryClusters}, as the store computes them) are the same every time too, and they are
 * the groups the labels link. With one input partition and three judge partitions, it also holds the topology to
 * its co-partitioning: a verdicts topic of three partitions would send two thirds of the verdicts to assembler tasks
 * that never saw their posts, which would then never be decided.
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
        List<LabelledSet.LabelledPost> labelled = LabelledSet.load();
        List<NormalizedPost> posts = labelled.stream().map(LabelledSet.LabelledPost::post).toList();
        Map<String, String> expectedStories = labelledStories(labelled);
        // the labels join all 57 posts into 8 stories (the set's topics), none of one post
        Map<String, Integer> storySizes = new TreeMap<>();
        expectedStories.values().forEach(storyId -> storySizes.merge(storyId, 1, Integer::sum));
        assertThat(storySizes.values()).as("labelled story sizes").containsExactlyInAnyOrder(2, 2, 3, 3, 10, 10, 12,
                15);
        Map<String, Outcome> reference = null;
        for (int partitions : new int[] {1, 3}) {
            for (int seed = 1; seed <= SHUFFLES; seed++) {
                List<NormalizedPost> order = new ArrayList<>(posts);
                Collections.shuffle(order, new Random(seed));
                Map<String, DeduplicatedPost> decisions = run(order, partitions);
                Map<String, Outcome> outcome = new TreeMap<>();
                decisions.forEach((postId, post) -> outcome.put(postId, Outcome.of(post)));
                assertThat(outcome).as("decided posts").hasSize(posts.size());
                if (reference == null) {
                    reference = outcome;
                } else {
                    assertThat(outcome).as("%d partitions, shuffle %d", partitions, seed).isEqualTo(reference);
                }
                assertThat(new TreeMap<>(StoryClusters.storyIds(decisions.values(),
                        StoryClusters.DEFAULT_MAX_COPIES)))
                        .as("stories, %d partitions, shuffle %d", partitions, seed).isEqualTo(expectedStories);
            }
        }
    }

    /**
     * The stories the labels make, worked out here from the labels alone: posts joined by labelled cross-post removals
     * (breadth-first), each named by its earliest post (publishedAt, then postId; the set's ids are ASCII, so
     * String order is code point order). No kept paragraph of the set has more copies than the default maximum.
     */
    private static Map<String, String> labelledStories(List<LabelledSet.LabelledPost> labelled) {
        Map<String, Set<String>> neighbours = new HashMap<>();
        Map<String, Instant> published = new HashMap<>();
        for (LabelledSet.LabelledPost post : labelled) {
            String id = post.post().postId();
            published.put(id, post.post().publishedAt());
            neighbours.computeIfAbsent(id, k -> new HashSet<>());
            for (LabelledSet.LabelledParagraph p : post.paragraphs()) {
                if (p.crossPost()) {
                    neighbours.get(id).add(p.duplicateOf());
                    neighbours.computeIfAbsent(p.duplicateOf(), k -> new HashSet<>()).add(id);
                }
            }
        }
        Comparator<String> earlier = Comparator.comparing((String id) -> published.get(id))
                .thenComparing(Comparator.naturalOrder());
        Map<String, String> stories = new TreeMap<>();
        for (String start : neighbours.keySet()) {
            if (stories.containsKey(start)) {
                continue;
            }
            Set<String> component = new HashSet<>(Set.of(start));
            Deque<String> queue = new ArrayDeque<>(component);
            while (!queue.isEmpty()) {
                for (String next : neighbours.get(queue.poll())) {
                    if (component.add(next)) {
                        queue.add(next);
                    }
                }
            }
            String storyId = component.stream().min(earlier).orElseThrow();
            component.forEach(id -> stories.put(id, storyId));
        }
        return stories;
    }

    private static Map<String, DeduplicatedPost> run(List<NormalizedPost> posts, int partitions) throws Exception {
        String run = "order-" + partitions + "-" + UUID.randomUUID().toString().substring(0, 8);
        DedupTopology.StageTopics topics = new DedupTopology.StageTopics(run + ".normalized", run + ".deduplicated",
                run + ".dead-letter", partitions);
        TestKafka.createTopics(partitions, topics.input(), topics.output(), topics.deadLetter());
        Map<String, DeduplicatedPost> latest = new HashMap<>();
        try (BrokerDedupRun dedup = BrokerDedupRun.start(run, topics)) {
            dedup.send(posts);
            dedup.collect(latest, posts.size(), QUIET);
        }
        return latest;
    }
}
