package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import newsfeed.contracts.health.DeadlineProbe;
import org.junit.jupiter.api.Test;

/**
 * The broker probe against a "broker" on loopback that accepts connections and never answers, as a frozen broker
 * does (found by a trial: with {@code kill -STOP} on Kafka, {@code /q/health/ready} of every service took 60 s).
 * Loopback only; the probe with a live broker is in the services' health tests.
 */
class BrokerProbeTest {

    @Test
    void aBrokerThatAcceptsAndNeverAnswersIsDownAtTheDeadline() throws Exception {
        try (SilentServer silent = new SilentServer();
                DeadlineProbe probe = BrokerProbe.readiness(
                        Map.of("bootstrap.servers", "127.0.0.1:" + silent.port()), Duration.ofMillis(800))) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                if (attempt == 2) {
                    // The admin client's own deadline ends the first probe just after the answer: the second
                    // attempt is a new probe, not a wait on a thread that stays stuck.
                    Thread.sleep(2_000);
                }
                long start = System.nanoTime();
                DeadlineProbe.Answer answer = probe.answer();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(answer).as("attempt %d", attempt).isEqualTo(new DeadlineProbe.Answer(false,
                        "Kafka at 127.0.0.1:" + silent.port() + " did not answer within 800 ms"));
                assertThat(took).as("attempt %d", attempt).isLessThan(Duration.ofSeconds(10));
            }
            assertThat(silent.accepted()).as("the probe reached the silent server").isPositive();
        }
    }

    /**
     * A review: a {@code bootstrap.servers} the admin client cannot use was reported as Kafka's "Failed to create new
     * KafkaAdminClient"; it names the setting's problem now, and the next answer tries again. (No host name is looked
     * up: the value has no port.)
     */
    @Test
    void aBootstrapTheClientCannotUseIsDownWithTheReason() {
        try (DeadlineProbe probe = BrokerProbe.readiness(Map.of("bootstrap.servers", "localhost"),
                Duration.ofSeconds(2))) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                DeadlineProbe.Answer answer = probe.answer();
                assertThat(answer.up()).isFalse();
                assertThat(answer.detail()).as("attempt %d", attempt)
                        .startsWith("Kafka at localhost: ")
                        .contains("bootstrap.servers")
                        .doesNotContain("Failed to create new KafkaAdminClient");
            }
        }
    }

    /** Accepts connections on 127.0.0.1 and holds them open without reading or writing a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent broker");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
