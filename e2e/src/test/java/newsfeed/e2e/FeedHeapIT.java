package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feed documents cannot stop ingest-service (stop 36's trial): with the heap and JVM options {@code run.sh} gives it,
 * ingest-service polls at once a 2.6 MB RSS document of 74,483 items, two 4 MB documents of 397 items of 10 KB each
 * and a 9.9 MB document, all served on 127.0.0.1. Before {@code ItemCap}, the first document was read whole (a JDOM
 * tree and Rome entries) and filled the 96 MB heap: {@code OutOfMemoryError} at every restart, and every other feed
 * and the HTTP API stopped with it. Now the service stays up with no {@code OutOfMemoryError} in its log; the many-item
 * document gives its first {@code max-items-per-document} (1,000) items and counts the rest as ignored, the large
 * documents give all their items, and the 9.9 MB one is {@code too-large}.
 *
 * <p>Runs only in the failsafe execution {@code telegram-heap} ({@code e2e/pom.xml}), beside {@link TelegramHeapIT}:
 * its own JVM and Kafka broker, with only ingest-service started.
 */
class FeedHeapIT {

    private static final Logger LOG = LoggerFactory.getLogger(FeedHeapIT.class);

    private static final int MANY_ITEMS = 74_483;
    private static final int MAX_ITEMS_PER_DOCUMENT = 1000;
    private static final int LARGE_ITEMS = 397;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void feedDocumentsOfManyOrLargeItemsLeaveIngestRunningWithRunShsHeap() throws Exception {
        Assumptions.assumeTrue("telegram-heap".equals(System.getProperty("newsfeed.e2e.fork")),
                "runs in the failsafe execution telegram-heap only");
        OwnExecution.assumeSelected(FeedHeapIT.class);
        Path root = Paths.root();
        Path work = Files.createDirectories(root.resolve("e2e/target/feed-heap"));
        String heap = RunShJvm.heap(root, "ingest");

        Map<String, byte[]> documents = new LinkedHashMap<>();
        documents.put("/many-items.xml", manyItems(MANY_ITEMS));
        documents.put("/large-1.xml", largeItems(LARGE_ITEMS, 1));
        documents.put("/large-2.xml", largeItems(LARGE_ITEMS, 2));
        documents.put("/too-large.xml", largeItems(1000, 3));
        assertThat(documents.get("/many-items.xml").length).as("within max-feed-bytes (4 MiB)")
                .isLessThan(4 << 20);
        assertThat(documents.get("/large-1.xml").length).isBetween(3_900_000, (4 << 20) - 1);
        assertThat(documents.get("/too-large.xml").length).isGreaterThan(9_800_000);

        List<String> jvm = RunShJvm.options(root, "ingest");
        try (FeedTestServer server = new FeedTestServer();
                TelegramHeapIT.HeapLimitedIngest ingest = TelegramHeapIT.HeapLimitedIngest.start(root, work, jvm,
                        Map.of("NEWSFEED_FEEDS_ALLOW_PRIVATE", "true"))) {
            Map<String, String> ids = new LinkedHashMap<>();
            for (var document : documents.entrySet()) {
                server.serve(document.getKey(), document.getValue(), "application/rss+xml");
            }
            for (String path : documents.keySet()) {
                Api.Response answer = FeedTestServer.subscribe(ingest.url(), server.url(path), 3600,
                        "feed-heap-" + path.substring(1, path.indexOf('.')));
                assertThat(answer.status()).as("subscribing %s: %s", path, answer.json()).isEqualTo(201);
                ids.put(path, answer.json().get("id").asText());
            }

            Map<String, JsonNode> statuses = new LinkedHashMap<>();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(ingest.isAlive()).as("ingest-service is running; see %s", ingest.log()).isTrue();
                for (var id : ids.entrySet()) {
                    statuses.put(id.getKey(), FeedTestServer.feedStatus(ingest.url(), id.getValue()));
                }
                return statuses.values().stream().allMatch(s -> s.hasNonNull("lastStatus"));
            });

            assertThat(ingest.isAlive()).as("ingest-service is running; see %s", ingest.log()).isTrue();
            assertThat(Files.readString(ingest.log())).doesNotContain("OutOfMemoryError");
            JsonNode many = statuses.get("/many-items.xml");
            assertThat(many.get("lastStatus").asText()).as("%s", many).isEqualTo("200");
            assertThat(many.get("lastItemCount").asInt()).as("%s", many).isEqualTo(MANY_ITEMS);
            assertThat(many.get("lastItemsIgnored").asInt()).as("%s", many)
                    .isEqualTo(MANY_ITEMS - MAX_ITEMS_PER_DOCUMENT);
            assertThat(many.get("itemsPublished").asInt()).as("%s", many).isEqualTo(MAX_ITEMS_PER_DOCUMENT);
            for (String large : List.of("/large-1.xml", "/large-2.xml")) {
                JsonNode status = statuses.get(large);
                assertThat(status.get("lastStatus").asText()).as("%s", status).isEqualTo("200");
                assertThat(status.get("itemsPublished").asInt()).as("%s", status).isEqualTo(LARGE_ITEMS);
            }
            JsonNode tooLarge = statuses.get("/too-large.xml");
            assertThat(tooLarge.get("lastStatus").asText()).as("%s", tooLarge).isEqualTo("too-large");
            assertThat(tooLarge.get("lastError").asText()).contains(server.url("/too-large.xml"));
            // the HTTP API still serves
            assertThat(Api.get(ingest.url() + "/api/feeds").status()).isEqualTo(200);

            TelegramHeapIT.Heap gc = ingest.heap();
            LOG.info("Feed heap test: ingest-service with -Xmx{} polled {} documents ({} bytes); {} GCs, peak heap "
                    + "before GC {} MiB, largest after GC {} MiB, capacity {} MiB", heap, documents.size(),
                    documents.values().stream().mapToLong(d -> d.length).sum(), gc.collections(),
                    gc.peakBeforeGc(), gc.largestAfterGc(), gc.capacity());
        }
    }

    /** An RSS 2.0 document of {@code items} short items, each with its own guid and title. */
    static byte[] manyItems(int items) {
        StringBuilder xml = new StringBuilder(items * 40).append(header("Many Items Wire"));
        for (int i = 1; i <= items; i++) {
            xml.append("<item><guid>m").append(i).append("</guid><title>N").append(i).append("</title></item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An RSS 2.0 document of {@code items} items of about 10 KB of prose each. */
    static byte[] largeItems(int items, int seed) {
        String[] words = ("harbour ferry council tide pier lock keeper notice timetable winter storm chart buoy light "
                + "skipper mooring waterfront market schooner crew board report channel repair engine passenger "
                + "ticket morning evening season bridge quay warehouse cargo").split(" ");
        Random random = new Random(seed);
        StringBuilder xml = new StringBuilder(items * 10_100).append(header("Large Items Wire " + seed));
        for (int i = 1; i <= items; i++) {
            xml.append("<item><guid>l").append(seed).append('-').append(i).append("</guid><title>Report ")
                    .append(i).append("</title><description>");
            List<String> paragraphs = new ArrayList<>();
            int length = 0;
            while (length < 9_900) {
                StringBuilder paragraph = new StringBuilder("Item ").append(i);
                for (int w = 0; w < 60; w++) {
                    paragraph.append(' ').append(words[random.nextInt(words.length)]);
                }
                paragraphs.add(paragraph.append('.').toString());
                length += paragraph.length() + 2;
            }
            xml.append(String.join("\n\n", paragraphs)).append("</description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>" + title
                + "</title><link>https://wire.example/</link><description>heap test</description>\n";
    }
}
