package newsfeed.store.api;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tests only: the server's socket send buffer, {@code newsfeed.test.http.send-buffer-size} bytes when a test profile
 * sets it. Linux grows a socket's send buffer up to {@code net.ipv4.tcp_wmem}'s largest (4 MiB here) and holds
 * there what a client has not read, so without this an answer of a few MB can leave Netty at once, and a test of
 * what store-service does while its answer waits would pass on nothing.
 */
@ApplicationScoped
public class TestSendBuffer implements HttpServerOptionsCustomizer {

    @ConfigProperty(name = "newsfeed.test.http.send-buffer-size")
    OptionalInt size;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        size.ifPresent(options::setSendBufferSize);
    }
}
