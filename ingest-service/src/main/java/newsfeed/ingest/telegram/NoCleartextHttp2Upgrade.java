package newsfeed.ingest.telegram;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns off HTTP/2 over clear text (h2c) on the plain HTTP port of ingest-service, so that a large request body is
 * always streamed.
 *
 * <p>A client that asks for {@code Upgrade: h2c} on a request with a body (Java's {@code HttpClient} does so by
 * default for {@code http://} URLs) makes the server read the whole body into memory before switching protocols: a
 * 200 MB Telegram export then takes about 220 MB of heap, which is fatal with {@code -Xmx256m}. Measured with the
 * 200 MB export of {@code TelegramHeapIT}: 248 MB live heap after GC with the upgrade, 30 MB without. Without h2c the
 * same client simply speaks HTTP/1.1 and the body streams. HTTP/2 over TLS (ALPN) is not affected, since it never
 * buffers a body this way.
 */
@ApplicationScoped
public class NoCleartextHttp2Upgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
