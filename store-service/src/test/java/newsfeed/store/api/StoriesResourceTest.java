package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static newsfeed.store.TestDecisions.copying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.store.db.PostRepository;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * Stories in the read API (issue 12) over a real PostgreSQL: {@code GET /api/stories}, {@code storyId} on posts and
 * {@code ?story=}, as posts arrive late, are revised and cross the boilerplate line ({@code max-copies} is 3 in tests).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class StoriesResourceTest {

    @Inject
    PostRepository repository;

    private static String storyOf(String postId) {
        return given().get("/api/posts/" + postId).then().statusCode(200).extract().path("storyId");
    }

    private static List<String> postsOfStory(String storyId) {
        return given().queryParam("story", storyId).get("/api/posts").then().statusCode(200).extract().jsonPath()
                .getList("items.postId");
    }

    /** The stories listed whose id starts with {@code prefix}, storyId → the story as JSON. */
    private static List<Map<String, Object>> listedStories(String prefix) {
        List<Map<String, Object>> found = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = given().queryParam("limit", 50).queryParam("after", after == null ? "" : after)
                    .get("/api/stories").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.stream().filter(s -> ((String) s.get("storyId")).startsWith(prefix)).forEach(found::add);
            after = page.getString("next");
        } while (after != null);
        return found;
    }

    /** A helper's trial paged stories with a cursor of /api/posts, and the reverse, both answered 200. */
    @Test
    void aCursorOfOneListingIsRefusedByTheOther() {
        Instant t = Instant.parse("2025-04-01T08:00:00Z");
        String posts = PageCursor.encode(new newsfeed.store.db.PostQueries.Cursor(null, t, "x:1"));
        String stories = PageCursor.encodeStories(new newsfeed.store.db.PostQueries.Cursor(null, t, "x:1"));
        String ranked = PageCursor.encode(new newsfeed.store.db.PostQueries.Cursor(0.5f, t, "x:1"));

        given().queryParam("after", stories).get("/api/stories").then().statusCode(200);
        given().queryParam("after", posts).get("/api/posts").then().statusCode(200);
        given().queryParam("after", posts).get("/api/stories").then().statusCode(400)
                .body("error", equalTo("invalid parameter after"));
        given().queryParam("after", ranked).get("/api/stories").then().statusCode(400);
        given().queryParam("after", stories).get("/api/posts").then().statusCode(400)
                .body("error", equalTo("invalid parameter after"));
        given().queryParam("after", stories).queryParam("q", "harbour").get("/api/posts").then().statusCode(400);
    }

    @Test
    void aLateEarlierPostRenamesTheStoryAndARevisionThatDropsALinkSplitsIt() {
        String s = "st" + UUID.randomUUID().toString().substring(0, 8);
        String a = s + "a:1";
        String b = s + "b:2";
        String c = s + "c:3";
        Instant t = Instant.parse("2025-04-01T08:00:00Z");
        // c copies b, b copies a; a arrives last
        repository.upsert(copying(c, t.plusSeconds(7200), 1, b + "#0"));
        assertThat(storyOf(c)).as("a post linked to nothing stored is its own story").isEqualTo(c);
        repository.upsert(copying(b, t.plusSeconds(3600), 1, a + "#1"));
        assertThat(storyOf(c)).isEqualTo(b);
        assertThat(storyOf(b)).isEqualTo(b);

        repository.upsert(copying(a, t, 1));
        assertThat(List.of(storyOf(a), storyOf(b), storyOf(c))).containsOnly(a);
        assertThat(postsOfStory(a)).containsExactly(c, b, a);
        assertThat(postsOfStory(b)).as("the old storyId names no story any more").isEmpty();
        given().queryParam("source", s + "c").get("/api/posts").then().statusCode(200)
                .body("items[0].storyId", org.hamcrest.Matchers.equalTo(a));
        List<Map<String, Object>> stories = listedStories(s);
        assertThat(stories).hasSize(1);
        assertThat(stories.get(0)).containsEntry("storyId", a).containsEntry("postCount", 3)
                .containsEntry("firstPublishedAt", "2025-04-01T08:00:00Z")
                .containsEntry("lastPublishedAt", "2025-04-01T10:00:00Z")
                .containsEntry("sources", List.of(s + "a", s + "b", s + "c"));
        assertThat(((List<Map<String, Object>>) stories.get(0).get("posts")).stream().map(p -> p.get("postId")))
                .containsExactly(c, b, a);

        // b's revision keeps the paragraph it had copied from a: a is alone, b and c a story named by b
        repository.upsert(copying(b, t.plusSeconds(3600), 2));
        assertThat(storyOf(a)).isEqualTo(a);
        assertThat(List.of(storyOf(b), storyOf(c))).containsOnly(b);
        assertThat(postsOfStory(b)).containsExactly(c, b);
        assertThat(postsOfStory(a)).containsExactly(a);
        stories = listedStories(s);
        assertThat(stories).extracting(story -> story.get("storyId")).containsExactly(b);
        assertThat(stories.get(0)).containsEntry("postCount", 2);
    }

    @Test
    void aPostWhoseStoryChangesTakesANewEventIdAndAPostWhoseStoryStaysKeepsItsOwn() {
        String s = "se" + UUID.randomUUID().toString().substring(0, 8);
        String a = s + "a:1";
        String b = s + "b:2";
        String c = s + "c:3";
        Instant t = Instant.parse("2025-04-02T08:00:00Z");
        repository.upsert(copying(b, t.plusSeconds(3600), 1, a + "#0"));
        repository.upsert(copying(c, t.plusSeconds(7200), 1));
        long bBefore = eventIdOf(b);
        long cBefore = eventIdOf(c);

        repository.upsert(copying(a, t, 1));

        assertThat(storyOf(b)).isEqualTo(a);
        assertThat(eventIdOf(b)).as("b moved into a's story: an event again, after a's own")
                .isGreaterThan(eventIdOf(a)).isGreaterThan(bBefore);
        assertThat(eventIdOf(c)).as("c's story did not change").isEqualTo(cBefore);
        // and the live stream, which reads events in id order, sends b again with its new story
        given().queryParam("source", s + "b").get("/api/posts").then().statusCode(200)
                .body("items[0].eventId", org.hamcrest.Matchers.equalTo((int) eventIdOf(b)))
                .body("items[0].storyId", org.hamcrest.Matchers.equalTo(a));
    }

    private static long eventIdOf(String postId) {
        return given().get("/api/posts/" + postId).then().statusCode(200).extract().jsonPath().getLong("eventId");
    }

    @Test
    void aKeptParagraphCopiedMoreThanMaxCopiesTimesLinksNoStoryUntilItIsCopiedLessAgain() {
        String s = "bp" + UUID.randomUUID().toString().substring(0, 8);
        String footer = s + ":0";
        Instant t = Instant.parse("2025-04-02T08:00:00Z");
        repository.upsert(copying(footer, t, 1));
        for (int i = 1; i <= 3; i++) {
            repository.upsert(copying(s + ":" + i, t.plusSeconds(60L * i), 1, footer + "#1"));
        }
        assertThat(postsOfStory(footer)).as("three copies: a story").hasSize(4);

        // a fourth copy, in the same batch as an unrelated post: the paragraph is boilerplate now
        repository.upsertAll(List.of(copying(s + ":4", t.plusSeconds(240), 1, footer + "#1"),
                copying(s + ":5", t.plusSeconds(300), 1, s + ":4#0")));
        assertThat(postsOfStory(footer)).containsExactly(footer);
        for (int i = 1; i <= 3; i++) {
            assertThat(storyOf(s + ":" + i)).isEqualTo(s + ":" + i);
        }
        assertThat(storyOf(s + ":5")).as("a real link still counts").isEqualTo(s + ":4");
        assertThat(listedStories(s)).extracting(story -> story.get("storyId")).containsExactly(s + ":4");

        // one copy revised away: three copies again, and the story is back, joined through :4
        repository.upsert(copying(s + ":2", t.plusSeconds(120), 2));
        assertThat(postsOfStory(footer)).containsExactly(s + ":5", s + ":4", s + ":3", s + ":1", footer);
        assertThat(storyOf(s + ":2")).isEqualTo(s + ":2");
    }

    /**
     * A link counts from both its ends even when the post holding the copy no longer keeps that paragraph: a post
     * joining through the holder reaches the posts linked to it.
     */
    @Test
    void anEarlierPostJoiningThroughAPostThatNoLongerKeepsTheCopiedParagraphRenamesTheWholeStory() {
        String s = "ho" + UUID.randomUUID().toString().substring(0, 8);
        String x = s + ":x";
        String y = s + ":y";
        String w = s + ":w";
        Instant t = Instant.parse("2025-04-03T08:00:00Z");
        repository.upsert(copying(x, t.plusSeconds(3600), 1));
        repository.upsert(copying(y, t.plusSeconds(7200), 1, x + "#0"));
        DeduplicatedPost first = copying(x, t.plusSeconds(3600), 1);
        repository.upsert(new DeduplicatedPost(first.post(), List.of(1), List.of(new RemovedParagraph(0,
                RemovalReason.REPEATED_IN_POST, x, 1, 1.0)), PostStatus.UNIQUE, null, 2));
        assertThat(List.of(storyOf(x), storyOf(y))).containsOnly(x);

        repository.upsert(copying(w, t, 1, x + "#1"));
        assertThat(List.of(storyOf(w), storyOf(x), storyOf(y))).containsOnly(w);
        assertThat(postsOfStory(w)).containsExactly(y, x, w);
    }

    /**
     * A helper's trial: a post whose externalId begins or ends with a space is its own story, and {@code ?story=} with
     * its storyId found nothing, because the parameter was stripped; an id is matched as given.
     */
    @Test
    void theStoryOfAPostWhoseIdHasEdgeSpacesIsFoundByItsExactId() {
        String s = "sp" + UUID.randomUUID().toString().substring(0, 8);
        String padded = s + ": padded ";
        repository.upsert(copying(padded, Instant.parse("2025-04-02T08:00:00Z"), 1));

        assertThat(given().get("/api/posts/{id}", padded).then().statusCode(200).extract().<String>path("storyId"))
                .isEqualTo(padded);
        assertThat(postsOfStory(padded)).containsExactly(padded);
        assertThat(postsOfStory(s + ":padded")).as("the stripped id is another post's").isEmpty();
    }
}
