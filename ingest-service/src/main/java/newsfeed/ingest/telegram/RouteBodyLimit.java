package newsfeed.ingest.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import newsfeed.contracts.Json;
import newsfeed.contracts.api.ApiError;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the ordinary body limit on every route but {@code /api/imports/telegram}.
 *
 * <p>Quarkus has one server-wide body limit ({@code quarkus.http.limits.max-body-size}), which is raised to the
 * Telegram import's ({@code newsfeed.telegram.max-body-size}, 1G by default) so that large exports can stream in. This
 * Vert.x route handler, run right after Quarkus' own limit check (route order -2), gives every other route
 * {@code newsfeed.http.max-body-size} (environment {@code NEWSFEED_MAX_BODY_SIZE}, 16M by default) again: a request
 * whose {@code Content-Length} is above it is answered {@code 413 {"error", "details"}} at once, and a chunked body is
 * cut off with 413 once it passes it (Quarkus' {@code io.quarkus.max-request-size} routing-context limit, which
 * Quarkus REST's request stream enforces).
 */
@ApplicationScoped
public class RouteBodyLimit {

    /** The only route allowed the larger limit. */
    static final String TELEGRAM_PATH = "/api/imports/telegram";

    /** The routing-context key through which Quarkus REST's request stream limits a chunked body. */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";

    /** Route order: after Quarkus' upload limit (-2), before everything else. */
    static final int ORDER = -1;

    @ConfigProperty(name = "newsfeed.http.max-body-size", defaultValue = "16M")
    MemorySize maxBodySize;

    @Inject
    TelegramImportConfig telegram;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        long telegramLimit = telegram.maxBodySize().asLongValue();
        router.route().order(ORDER).handler(context -> handle(context, limit, telegramLimit));
    }

    private static void handle(RoutingContext context, long limit, long telegramLimit) {
        HttpServerRequest request = context.request();
        String path = request.path();
        // Quarkus REST serves the resource with a trailing slash too
        if (path != null && (path.equals(TELEGRAM_PATH) || path.equals(TELEGRAM_PATH + "/"))) {
            context.next();
            return;
        }
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                tooLarge(context, declared, limit, telegramLimit);
                return;
            }
        } else {
            Object current = context.get(MAX_REQUEST_SIZE_KEY);
            if (!(current instanceof Long max) || max > limit) {
                context.put(MAX_REQUEST_SIZE_KEY, limit);
            }
        }
        context.next();
    }

    private static void tooLarge(RoutingContext context, long declared, long limit, long telegramLimit) {
        ApiError error = new ApiError("request body too large", List.of("Content-Length " + declared
                + " is above the limit of " + limit + " bytes of " + context.request().path()
                + "; only " + TELEGRAM_PATH + " takes larger bodies (up to " + telegramLimit + " bytes)"));
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an ApiError", e);
        }
        // Like Quarkus' own 413: the client may still be sending, so the connection is closed after the answer.
        context.response().endHandler(ended -> context.request().connection().close());
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(Buffer.buffer(body));
    }
}
