package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import newsfeed.contracts.Topics;
import org.junit.jupiter.api.Test;

/**
 * Partitions move when an instance dies (issue 11, acceptance 2; feed polling's move is FeedScaleOutIT's): a second
 * instance of every service joins the shared pipeline, each stage's consumer group (the normalizer's and dedup's
 * Kafka Streams, the store's consumer) spreads its input topic's 3 partitions over both, then all three second
 * instances are killed outright (SIGKILL, no leaving the group) and, within a minute, each group holds all 3 partitions
 * in the surviving instance; posts imported afterwards are all stored. Prints how long each move took. Takes about
 * a minute and a half.
 */
class StageFailoverIT {

    private static final Duration MOVE_LIMIT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Set<Integer> ALL = Set.of(0, 1, 2);

    /** Each stage's consumer group and the topic it reads, in pipeline order. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put(KafkaGroups.NORMALIZER, Topics.POSTS_RAW);
        GROUPS.put(KafkaGroups.DEDUP, Topics.POSTS_NORMALIZED);
        GROUPS.put(KafkaGroups.STORE, Topics.POSTS_DEDUPLICATED);
    }

    @Test
    void aKilledInstancesPartitionsMoveToTheOtherWithinAMinuteAndPostsKeepFlowing() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (String module : List.of(Pipeline.INGEST, Pipeline.DEDUP, Pipeline.STORE)) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.startAnother(module);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start another " + module, e);
                }
            }));
        }
        List<ServiceProcess> others = new ArrayList<>();
        try {
            for (CompletableFuture<ServiceProcess> start : starting) {
                others.add(start.join());
            }
            for (Map.Entry<String, String> group : GROUPS.entrySet()) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    Map<String, Set<Integer>> held = KafkaGroups.assignments(group.getKey(), group.getValue());
                    return held.size() == 2 && held.values().stream().noneMatch(Set::isEmpty);
                });
            }

            long killedAt = System.nanoTime();
            for (ServiceProcess other : others) {
                other.kill();
            }
            Map<String, Duration> moved = new LinkedHashMap<>();
            while (moved.size() < GROUPS.size()) {
                Duration since = Duration.ofNanos(System.nanoTime() - killedAt);
                for (Map.Entry<String, String> group : GROUPS.entrySet()) {
                    if (!moved.containsKey(group.getKey())) {
                        Map<String, Set<Integer>> held = KafkaGroups.assignments(group.getKey(), group.getValue());
                        if (held.size() == 1 && held.values().iterator().next().equals(ALL)) {
                            moved.put(group.getKey(), since);
                        }
                    }
                }
                assertThat(since).as("time for every group to give the killed instances' partitions to the "
                        + "survivors; moved so far: %s", moved).isLessThanOrEqualTo(MOVE_LIMIT);
                Thread.sleep(250);
            }
            System.out.println("StageFailoverIT: all 3 partitions held by the surviving instance after " + moved);

            String source = "failover" + UUID.randomUUID().toString().substring(0, 8);
            Api.Response imported = Api.importText(pipeline.ingestUrl, source, dump(source));
            assertThat(imported.status()).isEqualTo(202);
            int posts = imported.json().get("accepted").asInt();
            assertThat(posts).isEqualTo(6);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> Api.listAll(pipeline.storeUrl, source).size() == posts);
        } finally {
            others.forEach(ServiceProcess::close);
            for (CompletableFuture<ServiceProcess> start : starting) {
                if (!start.isCompletedExceptionally() && start.isDone() && !others.contains(start.join())) {
                    start.join().close();
                }
            }
        }
    }

    /** Six posts of a dump whose text no other test uses, spread over the partitions by their ids. */
    private static Path dump(String source) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            if (i > 1) {
                lines.add("---");
            }
            lines.add("🚢 Ferry " + i + " of " + source + " returns to the northern route");
            lines.add("The ferry operator of " + source + " said that crossing " + i + " resumes on Monday after "
                    + "repairs to the ramp at the island pier took longer than planned.");
        }
        Path file = Files.createTempFile(Path.of("target"), "failover-", ".txt");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }
}
