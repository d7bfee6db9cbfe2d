package newsfeed.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.Json;

/**
 * The posts DashboardIT ingests, all of one source made for the run: a post repeating a paragraph of an earlier-dated
 * post that is sent after it (so the repeating post is stored first and then revised, that paragraph removed as
 * PUBLISHED_BEFORE), a post with markup in its text, and fillers that keep the pipeline busy for several seconds.
 * Every text names the source, so no other test has it.
 */
final class DashboardPosts {

    /** Script in post text, and an event handler attribute, which would run if the page parsed text as HTML. */
    static final String SCRIPT = "<script>window.__xss = 1</script>";
    static final String IMAGE = "<img src=\"x\" onerror=\"window.__xss = 2\">";

    private static final int FILLERS = 14;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String source;
    /** The paragraph that {@link #repeating} takes from {@link #first}. */
    final String sharedParagraph;
    final Post first;
    final Post repeating;
    final Post markup;
    /**
     * Every post, in the order they are sent: {@link #repeating} first, {@link #first} half-way, {@link #markup}
     * last.
     */
    final List<Post> all = new ArrayList<>();

    /** A post as sent: its postId, title (the first line) and JSON. */
    record Post(String postId, String title, ObjectNode json) {
    }

    DashboardPosts(String source, Instant now) {
        this.source = source;
        sharedParagraph = "The harbour office of " + source + " confirmed four extra ferry crossings every weekday "
                + "from the first of December.";
        first = post("first", now.minus(Duration.ofMinutes(40)),
                "Harbour office of " + source + " announces the winter ferry timetable",
                "📍 Port Calder, March 3, 2025",
                sharedParagraph,
                "Tickets for the new crossings go on sale on Monday at the " + source + " quay kiosks.",
                "#Ferries #Harbour");
        repeating = post("repeat", now.minus(Duration.ofMinutes(5)),
                "Forwarded from Harbour Desk " + source,
                "Ferry operators of " + source + " welcome the extra winter crossings",
                "Operators said crews for the added " + source + " sailings are already being trained.",
                sharedParagraph);
        all.add(repeating);
        for (int i = 1; i <= FILLERS; i++) {
            if (i == FILLERS / 2) {
                all.add(first);
            }
            all.add(post("filler-" + i, now.minus(Duration.ofMinutes(38 - i)),
                    "Tide bulletin " + i + " from " + source,
                    "Gauge " + i + " of " + source + " reads " + (110 + i * 7) + " centimetres above chart datum, "
                            + (i % 2 == 0 ? "rising" : "falling") + " slowly with the evening tide."));
        }
        markup = post("markup", now.minus(Duration.ofMinutes(2)),
                "Notice " + SCRIPT + " from " + source,
                "The " + source + " notice board literally reads " + SCRIPT + " and " + IMAGE + " today.");
        all.add(markup);
    }

    /** A post of this source; its lines become the body's paragraphs. */
    Post post(String externalId, Instant publishedAt, String... lines) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("source", source);
        json.put("externalId", externalId);
        json.put("publishedAt", publishedAt.toString());
        json.put("body", String.join("\n\n", lines));
        String title = lines[0].startsWith("Forwarded from ") ? lines[1] : lines[0];
        return new Post(source + ":" + externalId, title, json);
    }

    /**
     * POSTs every post to ingest-service, one request each, {@code pause} apart; after the first ({@link #repeating}),
     * waits until store-service has it, so that it is stored before {@link #first} and then revised.
     */
    void send(String ingestUrl, String storeUrl, Duration pause) throws IOException, InterruptedException {
        for (Post post : all) {
            send(ingestUrl, post);
            if (post == repeating) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (Api.post(storeUrl, repeating.postId()) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(repeating.postId() + " not stored within 120 s");
                    }
                    Thread.sleep(100);
                }
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /** POSTs one post to ingest-service. */
    static void send(String ingestUrl, Post post) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(Api.withToken(URI.create(ingestUrl + "/api/posts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(post.json().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + " for " + post.postId() + ": "
                    + response.body());
        }
    }
}
