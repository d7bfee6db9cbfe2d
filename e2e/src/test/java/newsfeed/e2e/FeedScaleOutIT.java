package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * Feed polling owned by one instance (issue 11, acceptance 2), with a second ingest-service next to the shared
 * pipeline's: once both take part in the feed pollers' group, every feed is polled by exactly one of them, once per
 * interval (counted at the feed server); killed outright, the second instance's feeds and partitions move to the
 * first within a minute, and the first, fetching them unconditionally, publishes nothing of them again (it starts
 * from the memory the second wrote). Takes about a minute and a half.
 */
class FeedScaleOutIT {

    private static final int INTERVAL = 10;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The partitions of {@code feeds.subscriptions} in the shared pipeline. */
    private static final int PARTITIONS = 3;

    private static byte[] feed(String name) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + name
                + "</title><item><title>The " + name + " ferry keeps its summer timetable</title><guid>" + name
                + "-1</guid><description>The " + name + " ferry keeps its summer timetable until the first autumn "
                + "gale.</description></item></channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    /** The partitions of feeds.subscriptions an instance owns, from its readiness check {@code feed-polling}. */
    private static Set<Integer> partitions(String managementUrl) throws Exception {
        for (JsonNode check : Api.get(managementUrl + "/q/health/ready").json().get("checks")) {
            if ("feed-polling".equals(check.get("name").asText()) && "UP".equals(check.get("status").asText())) {
                Set<Integer> owned = new TreeSet<>();
                String list = check.get("data").get("partitions").asText().replaceAll("[\\[\\] ]", "");
                for (String partition : list.isEmpty() ? new String[0] : list.split(",")) {
                    owned.add(Integer.parseInt(partition));
                }
                return owned;
            }
        }
        return Set.of();
    }

    /**
     * The partition of {@code feeds.subscriptions} a subscription id falls into: the Kafka producer's own partitioning
     * of a String key (its UTF-8 bytes), as the service writes it.
     */
    private static int partition(String subscriptionId) {
        return BuiltInPartitioner.partitionForKey(subscriptionId.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }

    private static boolean polledHere(String ingestUrl, String id) throws Exception {
        return FeedTestServer.feedStatus(ingestUrl, id).get("polledHere").asBoolean();
    }

    @Test
    void eachFeedIsPolledByOneInstanceAndAKilledInstancesFeedsMoveWithinAMinute() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> ids = new HashMap<>(); // path -> subscription id
        try (FeedTestServer server = new FeedTestServer()) {
            ServiceProcess other = pipeline.startAnother(Pipeline.INGEST);
            try {
                // at least 9 feeds, and 2 in every partition: whichever partitions the second instance gets, some
                // of its feeds move (the ids, and so the partitions, are the service's random choice)
                int[] perPartition = new int[PARTITIONS];
                for (int i = 0; i < 9 || Arrays.stream(perPartition).min().getAsInt() < 2; i++) {
                    assertThat(i).as("feeds subscribed before every partition held two").isLessThan(60);
                    String path = "/scale-" + run + "-" + i + ".xml";
                    server.serve(path, feed("scale" + run + "x" + i), "application/rss+xml");
                    Api.Response answer = FeedTestServer.subscribe(pipeline.ingestUrl, server.url(path), INTERVAL,
                            "scale" + run + "x" + i);
                    assertThat(answer.status()).as("%s", answer.json()).isEqualTo(201);
                    String id = answer.json().get("id").asText();
                    ids.put(path, id);
                    perPartition[partition(id)]++;
                }
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    Set<Integer> mine = partitions(pipeline.ingestManagementUrl);
                    Set<Integer> theirs = partitions(other.managementUrl());
                    Set<Integer> all = new TreeSet<>(mine);
                    all.addAll(theirs);
                    return !mine.isEmpty() && !theirs.isEmpty() && mine.size() + theirs.size() == 3
                            && all.equals(Set.of(0, 1, 2));
                });
                List<String> movedPaths = new ArrayList<>();
                for (Map.Entry<String, String> feed : ids.entrySet()) {
                    boolean first = polledHere(pipeline.ingestUrl, feed.getValue());
                    boolean second = polledHere(other.url(), feed.getValue());
                    assertThat(first ^ second).as("feed %s polled by exactly one instance", feed.getKey()).isTrue();
                    if (second) {
                        movedPaths.add(feed.getKey());
                    }
                }
                Set<Integer> theirs = partitions(other.managementUrl());
                List<String> theirFeeds = ids.entrySet().stream().filter(f -> theirs.contains(partition(f.getValue())))
                        .map(Map.Entry::getKey).toList();
                assertThat(movedPaths).as("the feeds of the second's partitions %s", theirs)
                        .containsExactlyInAnyOrderElementsOf(theirFeeds).hasSizeGreaterThanOrEqualTo(2);

                // one fetch per interval for every feed, whichever instance owns it
                int settled = server.requests.size();
                Thread.sleep((2 * INTERVAL + 5) * 1000L);
                List<FeedTestServer.Request> window = List.copyOf(server.requests.subList(settled,
                        server.requests.size()));
                for (String path : ids.keySet()) {
                    long fetches = window.stream().filter(r -> r.path().equals(path)).count();
                    assertThat(fetches).as("fetches of %s in %d s (interval %d s)", path, 2 * INTERVAL + 5, INTERVAL)
                            .isBetween(2L, 3L);
                }

                // the second instance dies: its feeds move to the first, which knows what they published
                other.kill();
                int killed = server.requests.size();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> partitions(pipeline.ingestManagementUrl).equals(Set.of(0, 1, 2)));
                for (String path : movedPaths) {
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        JsonNode status = FeedTestServer.feedStatus(pipeline.ingestUrl, ids.get(path));
                        assertThat(status.get("polledHere").asBoolean() && "200".equals(status.path("lastStatus")
                                .asText())).as("%s polled by the first with 200: %s", path, status).isTrue();
                    });
                    assertThat(server.requests.subList(killed, server.requests.size()))
                            .anyMatch(r -> r.path().equals(path) && r.ifNoneMatch() == null && r.status() == 200);
                    assertThat(FeedTestServer.feedStatus(pipeline.ingestUrl, ids.get(path)).get("itemsPublished")
                            .asInt()).as("%s published again by the new owner", path).isZero();
                }
            } finally {
                other.close();
                for (String id : ids.values()) {
                    FeedTestServer.unsubscribe(pipeline.ingestUrl, id);
                }
            }
        }
    }
}
