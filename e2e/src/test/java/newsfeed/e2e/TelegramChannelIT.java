package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Telegram channel followed live (issue 12, acceptance 1), served locally as t.me/s pages: following it with a
 * backfill of 2 stores its 2 newest posts; a new post and an edit of a stored one are stored within one interval (the
 * edit as revision 2 of its post); unfollowing stops the polls (counted at the server).
 */
class TelegramChannelIT {

    private static final int INTERVAL = 10;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String page(String channel, String... texts) {
        StringBuilder html = new StringBuilder("<html><body><section class=\"tgme_channel_history\">");
        for (int i = 0; i < texts.length; i++) {
            int id = 301 + i;
            html.append("<div class=\"tgme_widget_message_wrap\"><div class=\"tgme_widget_message\" data-post=\"")
                    .append(channel).append('/').append(id).append("\"><div class=\"tgme_widget_message_text\">")
                    .append(texts[i]).append("</div><a class=\"tgme_widget_message_date\" href=\"https://t.me/")
                    .append(channel).append('/').append(id).append("\"><time datetime=\"2026-12-02T1").append(i)
                    .append(":00:00+00:00\"></time></a></div></div>");
        }
        return html.append("</section></body></html>").toString();
    }

    @Test
    void aFollowedChannelBackfillsThenNewAndEditedPostsArriveWithinAnIntervalAndUnfollowingStopsThePolls()
            throws Exception {
        Pipeline pipeline = Pipeline.shared();
        String channel = "lantern_" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/s/" + channel;
        try (FeedTestServer server = new FeedTestServer(pipeline.telegramPreviewPort)) {
            server.serve(path, page(channel, "The lantern festival of " + channel + " opens on Friday at dusk.",
                    "Stalls along the quay of " + channel + " sell lanterns from noon.",
                    "The ferry of " + channel + " runs every half hour during the festival.")
                    .getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

            Api.Response followed = Api.send(Api.withToken(URI.create(pipeline.ingestUrl + "/api/telegram/channels"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"" + channel + "\",\"intervalSeconds\":"
                            + INTERVAL + ",\"backfill\":2}")).build());
            assertThat(followed.status()).as("%s", followed.json()).isEqualTo(201);
            String id = followed.json().get("id").asText();

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> Api.listAll(pipeline.storeUrl, channel).size() == 2);
            assertThat(Api.post(pipeline.storeUrl, channel + ":301")).as("beyond the backfill").isNull();
            assertThat(Api.post(pipeline.storeUrl, channel + ":303").get("publishedAt").asText())
                    .isEqualTo("2026-12-02T12:00:00Z");

            server.serve(path, page(channel, "The lantern festival of " + channel + " opens on Friday at dusk.",
                    "Stalls along the quay of " + channel + " sell lanterns from noon.",
                    "The ferry of " + channel + " runs every twenty minutes during the festival.",
                    "Fireworks over the harbour of " + channel + " close the festival on Sunday.")
                    .getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
            long changed = System.nanoTime();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode edited = Api.post(pipeline.storeUrl, channel + ":303");
                return Api.post(pipeline.storeUrl, channel + ":304") != null && edited.get("revision").asInt() == 2;
            });
            Duration took = Duration.ofNanos(System.nanoTime() - changed);
            assertThat(took).as("the new and the edited post stored within one interval and the pipeline's time")
                    .isLessThan(Duration.ofSeconds(INTERVAL + 10));
            assertThat(Api.texts(Api.post(pipeline.storeUrl, channel + ":303").get("paragraphs")))
                    .containsExactly("The ferry of " + channel + " runs every twenty minutes during the festival.");

            Api.Response unfollowed = Api.send(Api.withToken(URI.create(pipeline.ingestUrl
                    + "/api/telegram/channels/" + id)).DELETE().build());
            assertThat(unfollowed.status()).isEqualTo(204);
            Thread.sleep(1000); // a poll under way may still finish
            int polls = server.requests(path).size();
            Thread.sleep((2 * INTERVAL + 5) * 1000L);
            assertThat(server.requests(path)).as("polls after unfollowing").hasSize(polls);
        }
    }
}
