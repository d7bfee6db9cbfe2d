package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static newsfeed.store.TestDecisions.decision;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Inject
    MeterRegistry registry;

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
                assertThat(rs.getInt(1)).as("statements waiting for the post table")
                        .isZero();
            }
            lock.rollback();
        }
        given().queryParam("q", "P0").queryParam("source", "slow").get("/api/posts").then().statusCode(200)
                .body("items[0].postId", equalTo("slow:1"));
    }

    /**
     * A review: requests sent and dropped at once kept their places in the read queue, and each would have run its
     * listing to the timeout when its turn came, holding every post, listing and feed for minutes. Here 4 listings
     * hold the running places (the post table locked, they run to the 1 s timeout), 20 more are sent and their
     * connections closed while they wait; when their turn comes they are not run.
     */
    @Test
    void readsWhoseClientsLeftWhileWaitingAreNotRun() throws Exception {
        double before = registry.counter(BoundedReads.ABANDONED).count();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE post IN ACCESS EXCLUSIVE MODE");
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(clients.submit(() -> given().queryParam("source", "held").get("/api/posts")
                        .statusCode()));
            }
            Thread.sleep(300);
            for (int i = 0; i < 20; i++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
                    socket.getOutputStream().write(("GET /api/posts?source=gone" + i + " HTTP/1.1\r\nHost: localhost"
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
            for (Future<Integer> answer : running) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(503);
            }
            // run, each of the 20 would wait for the lock to the timeout: 5 s more on 4 places
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                    registry.counter(BoundedReads.ABANDONED).count() - before).isEqualTo(20.0));
            lock.rollback();
        } finally {
            clients.shutdownNow();
        }
        given().queryParam("source", "slow").get("/api/posts").then().statusCode(200);
    }
}
