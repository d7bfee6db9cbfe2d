package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static newsfeed.store.TestDecisions.withTexts;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.store.db.PostRepository;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * A search PostgreSQL runs past {@code newsfeed.store.api.query-timeout} is stopped there and answered 503 (a trial:
 * one search ran 11.8 s, and went on after its client left). Here the timeout is 1 s, and a search of 32 terms (the
 * most a search may have), 18 of them phrases, is ranked over 100 posts of 130,000 characters of a small vocabulary:
 * about 5 s of ranking on this machine (47 ms a post, measured on run.sh).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(SlowSearchTest.OneSecond.class)
class SlowSearchTest {

    /** Its own application and database, with a one-second query timeout. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.store.api.query-timeout", "1s");
        }
    }

    private static final String[] WORDS = ("harbour ferry council tide pier lock keeper notice timetable winter storm "
            + "chart buoy light skipper").split(" ");

    @Inject
    PostRepository repository;

    @Test
    void aSearchRunningPastTheTimeoutIsStoppedAndNamed() {
        Random random = new Random(7);
        List<DeduplicatedPost> posts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StringBuilder text = new StringBuilder(131_000);
            while (text.length() < 130_000) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            posts.add(withTexts("slow:" + i, Instant.parse("2025-06-01T00:00:00Z").plusSeconds(i), List.of(),
                    "Slow " + i, text.toString().strip()));
            if (posts.size() == 20) {
                repository.upsertAll(posts);
                posts.clear();
            }
        }
        String q = String.join(" or ", IntStream.range(0, 32).mapToObj(i -> i < WORDS.length ? WORDS[i]
                : "\"" + WORDS[i % WORDS.length] + " " + WORDS[(i * 7) % WORDS.length] + " " + i + "\"").toList());

        given().queryParam("q", q).queryParam("source", "slow").get("/api/posts").then().statusCode(503)
                .body("error", equalTo("listing took too long"))
                .body("details[0]", startsWith("the listing ran past newsfeed.store.api.query-timeout (1 s) and was "
                        + "stopped; narrow it"));
        // a search of one word over the same posts is answered
        given().queryParam("q", "harbour").queryParam("source", "slow").queryParam("limit", 3).get("/api/posts")
                .then().statusCode(200);
    }
}
