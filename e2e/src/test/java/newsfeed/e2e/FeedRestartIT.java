package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import newsfeed.contracts.Topics;
import newsfeed.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Durable feed memory (issue 11, acceptance 3): after ingest-service restarts, a subscribed feed whose items did not
 * change publishes nothing, although the restarted instance fetches it unconditionally (its validators are gone); an
 * item changed after the restart is published, alone. The memory of a feed that is no longer subscribed is
 * forgotten at start-up. Counted on {@code posts.raw}, where every publication lands.
 */
class FeedRestartIT {

    private static final String PATH = "/selkie.xml";
    private static final int INTERVAL = 10;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String item(String guid, String title, String text) {
        return "<item><title>" + title + "</title><guid isPermaLink=\"false\">" + guid + "</guid>"
                + "<link>https://selkie.example/" + guid + "</link><pubDate>Mon, 02 Dec 2024 08:00:00 GMT</pubDate>"
                + "<description>&lt;p&gt;" + text + "&lt;/p&gt;</description></item>";
    }

    private static byte[] feed(String... items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Selkie Sound"
                + "</title><link>https://selkie.example/</link><description>Fictional</description>"
                + String.join("", items) + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    private static final String FIRST = item("selkie-1", "Seal pups counted on the skerries",
            "Wardens counted forty seal pups on the outer skerries, nine more than at the same tide last winter.");
    private static final String SECOND = item("selkie-2", "Harbour crane back in service",
            "The harbour crane lifted its first container in a month after a new gearbox arrived from the mainland.");
    private static final String SECOND_CHANGED = item("selkie-2", "Harbour crane back in service",
            "The harbour crane lifted its first container in a month after a new gearbox arrived by the night ferry.");

    @Test
    void aRestartedIngestPublishesOnlyWhatChangedSince() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String source = "selkie" + UUID.randomUUID().toString().substring(0, 8);
        String orphan = "orphan" + UUID.randomUUID().toString().substring(0, 8);
        try (FeedTestServer server = new FeedTestServer()) {
            server.serve(PATH, feed(FIRST, SECOND), "application/rss+xml; charset=utf-8");
            Api.Response answer = FeedTestServer.subscribe(pipeline.ingestUrl, server.url(PATH), INTERVAL, source);
            assertThat(answer.status()).as("%s", answer.json()).isEqualTo(201);
            String id = answer.json().get("id").asText();
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> published(source).size() == 2);
                // the memory of a feed nobody subscribes to, as an unsubscription during a restart would leave it
                KafkaTestClient.produce(Topics.FEEDS_SEEN_ITEMS, orphan,
                        "{\"url\":\"https://gone.example/rss\",\"source\":\"gone\",\"items\":[]}");

                Instant restarted = Instant.now();
                pipeline.restart(Pipeline.INGEST, () -> { });

                await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode status = FeedTestServer.feedStatus(pipeline.ingestUrl, id);
                    return status.hasNonNull("lastFetchAt")
                            && Instant.parse(status.get("lastFetchAt").asText()).isAfter(restarted)
                            && "200".equals(status.get("lastStatus").asText());
                });
                List<FeedTestServer.Request> requests = server.requests(PATH);
                assertThat(requests.get(requests.size() - 1).ifNoneMatch())
                        .as("the restarted instance has no validators: an unconditional GET").isNull();
                JsonNode afterRestart = FeedTestServer.feedStatus(pipeline.ingestUrl, id);
                assertThat(afterRestart.get("itemsPublished").asInt()).isZero();
                assertThat(afterRestart.get("lastItemCount").asInt()).isEqualTo(2);
                assertThat(published(source)).as("nothing published again on posts.raw")
                        .containsExactlyInAnyOrder(source + ":selkie-1", source + ":selkie-2");

                server.serve(PATH, feed(FIRST, SECOND_CHANGED), "application/rss+xml; charset=utf-8");
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> published(source).size() == 3);
                assertThat(published(source)).containsExactlyInAnyOrder(source + ":selkie-1", source + ":selkie-2",
                        source + ":selkie-2");
                assertThat(FeedTestServer.feedStatus(pipeline.ingestUrl, id).get("itemsPublished").asInt())
                        .isEqualTo(1);

                List<ConsumerRecord<String, byte[]>> memory = KafkaTestClient.consumeUntil(Topics.FEEDS_SEEN_ITEMS,
                        r -> orphan.equals(r.key()) && r.value() == null, WAIT);
                assertThat(memory).filteredOn(r -> orphan.equals(r.key())).hasSize(2);
            } finally {
                assertThat(FeedTestServer.unsubscribe(pipeline.ingestUrl, id)).isEqualTo(204);
            }
        }
    }

    /** The keys of {@code source}'s records on posts.raw, read to its end (in offset order per partition only). */
    private static List<String> published(String source) {
        return KafkaTestClient.readToEnd(Topics.POSTS_RAW, Duration.ofSeconds(30)).stream().map(ConsumerRecord::key)
                .filter(key -> key != null && key.startsWith(source + ":")).toList();
    }
}
