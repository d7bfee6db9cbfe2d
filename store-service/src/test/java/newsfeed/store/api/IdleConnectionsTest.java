package newsfeed.store.api;

import static newsfeed.store.TestDecisions.withTexts;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsfeed.store.db.PostRepository;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * Connections that do nothing are closed after {@code quarkus.http.idle-timeout}, so that clients that open
 * connections and leave them cannot hold store-service's {@code max-connections} for long; an event stream with no
 * new posts sends heartbeat comments and stays open. Here with an idle timeout of 3 s and a heartbeat every second.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(IdleConnectionsTest.ShortIdleTimeout.class)
class IdleConnectionsTest {

    /** Its own application, with a 3-second idle timeout and a heartbeat every second. */
    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "3S", "newsfeed.store.api.stream-heartbeat", "1s");
        }
    }

    @Inject
    PostRepository repository;

    @TestHTTPResource("/api/posts/stream")
    URL stream;

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket idle = new Socket()) {
            idle.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
            idle.setSoTimeout(15_000);
            long start = System.nanoTime();
            assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until closed").isBetween(2_000L, 10_000L);
        }
    }

    @Test
    void aQuietEventStreamSendsHeartbeatsAndOutlivesTheIdleTimeout() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", stream.getPort()));
            client.setSoTimeout(5_000);
            client.getOutputStream().write(("GET " + stream.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + stream.getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> read = new ArrayList<>();
            long quietUntil = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < quietUntil) {
                String line = lines.readLine();
                assertThat(line).as("the stream is open after %s", read).isNotNull();
                read.add(line);
            }
            assertThat(read).filteredOn(line -> line.startsWith(":")).as("heartbeats in 8 s")
                    .hasSizeGreaterThanOrEqualTo(4).allMatch(line -> line.equals(":" + PostsResource.HEARTBEAT));
            assertThat(read).noneMatch(line -> line.startsWith("data:"));

            // still a stream: a post stored now is sent on it
            String postId = "idle" + UUID.randomUUID().toString().substring(0, 8) + ":1";
            repository.upsert(withTexts(postId, Instant.parse("2025-03-01T08:00:00Z"), List.of(), "Quiet harbour",
                    "The ferry left on time."));
            String data = null;
            try {
                for (String line = lines.readLine(); line != null && data == null; line = lines.readLine()) {
                    data = line.startsWith("data:") ? line : null;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no event for the post stored", e);
            }
            assertThat(data).contains("\"postId\":\"" + postId + "\"");
        }
    }
}
