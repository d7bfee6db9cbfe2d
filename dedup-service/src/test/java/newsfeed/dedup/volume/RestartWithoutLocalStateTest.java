package newsfeed.dedup.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.dedup.topology.BrokerDedupRun;
import newsfeed.dedup.topology.DedupTopology;
import newsfeed.testsupport.TestKafka;
import newsfeed.workload.NewsCorpus;
import org.junit.jupiter.api.Test;

/**
 * The judge's claim-key entries and every time index have no changelog: they are rebuilt from the restored stores
 * when a task starts. On a real broker, the first half of a stream is deduplicated, the application is stopped and
 * its local state deleted (as on a new machine), and the second half, whose planted repeats copy posts of the first,
 * is deduplicated by a new instance: every planted repeat is still found.
 */
class RestartWithoutLocalStateTest {

    @Test
    void repeatsOfPostsSeenBeforeTheRestartAreFoundAfterIt() throws Exception {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(400, 17,
                Instant.parse("2026-11-30T12:00:00Z")));
        List<NormalizedPost> posts = CorpusPosts.normalized(corpus, "restart");
        String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        DedupTopology.StageTopics topics = new DedupTopology.StageTopics(run + ".normalized", run + ".deduplicated",
                run + ".dead-letter", 3);
        TestKafka.createTopics(3, topics.input(), topics.output(), topics.deadLetter());

        Map<String, DeduplicatedPost> decisions = new HashMap<>();
        runOnce(run, topics, posts.subList(0, 202), decisions, 202);
        runOnce(run, topics, posts.subList(202, 400), decisions, 400);

        List<String> wrong = CorpusPosts.mismatches(corpus, "restart", decisions);
        assertThat(wrong).as("%d wrong of %d planted", wrong.size(), corpus.planted().size()).isEmpty();
        assertThat(corpus.planted()).anyMatch(p -> p.post() >= 202 && p.originalPost() < 202);
    }

    /** Starts the topology on fresh local state, feeds posts, reads decisions until all expected are in, stops. */
    private static void runOnce(String run, DedupTopology.StageTopics topics, List<NormalizedPost> posts,
            Map<String, DeduplicatedPost> decisions, int expected) throws Exception {
        try (BrokerDedupRun dedup = BrokerDedupRun.start(run, topics)) {
            dedup.send(posts);
            dedup.collect(decisions, expected, Duration.ofSeconds(3));
        }
    }
}
