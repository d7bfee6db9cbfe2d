package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static newsfeed.store.TestDecisions.decision;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import newsfeed.store.db.PostRepository;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * A listing or search PostgreSQL runs past {@code newsfeed.store.api.query-timeout} is cancelled there and answered
 * 503 (a trial: one search ran 11.8 s, and went on after its client left). Here the timeout is 1 s and the listing
 * cannot finish in time, as the test holds the post table locked: the wait is the statement's, as a long ranking is.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(ListingTimeoutTest.OneSecond.class)
class ListingTimeoutTest {

    /** Its own application and database, with a one-second query timeout. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.store.api.query-timeout", "1s");
        }
    }

    @Inject
    PostRepository repository;

    @Inject
    DataSource dataSource;

    @Test
    void aListingRunningPastTheTimeoutIsCancelledAndNamed() throws Exception {
        repository.upsert(decision("slow:1", Instant.parse("2025-06-01T00:00:00Z"), 2, 0, 1));
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE post IN ACCESS EXCLUSIVE MODE");
            given().queryParam("q", "P0").queryParam("source", "slow").get("/api/posts").then().statusCode(503)
                    .body("error", equalTo("listing took too long"))
                    .body("details[0]", startsWith("the listing ran past newsfeed.store.api.query-timeout (1 s) and "
                            + "was stopped; narrow it"));
            // cancelled on the server, not only given up by the service: nothing of it waits on the lock any more
            statement.execute("SELECT 1");
            try (Statement waiting = lock.createStatement();
                    var rs = waiting.executeQuery("SELECT count(*) FROM pg_locks WHERE relation = 'post'::regclass "
                            + "AND NOT granted")) {
                rs.next();
                org.assertj.core.api.Assertions.assertThat(rs.getInt(1)).as("statements waiting for the post table")
                        .isZero();
            }
            lock.rollback();
        }
        given().queryParam("q", "P0").queryParam("source", "slow").get("/api/posts").then().statusCode(200)
                .body("items[0].postId", equalTo("slow:1"));
    }
}
