package newsfeed.ingest.telegram;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.SourceSlugs;
import newsfeed.ingest.api.Utf8Json;
import newsfeed.ingest.kafka.RawPostPublisher;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /api/imports/telegram[?source=SLUG]}: a Telegram Desktop export ({@code result.json}, "Machine-readable
 * JSON"), one chat or the whole account, {@code Content-Type: application/json} (UTF-8), up to
 * {@code newsfeed.telegram.max-body-size} (1G by default). Every ordinary message of the chat (of every channel, for a
 * full-account export) becomes a post {@code <source>:<message id>} on {@code posts.raw}; see {@link TelegramImporter}
 * for what is imported, {@link TelegramSources} for the sources, {@link TelegramPostMapper} for the posts.
 *
 * <p>The body is not buffered in memory: Quarkus REST hands a blocking method's {@link InputStream} parameter the
 * request as it arrives (after its first 10 KiB), and it is copied to a spool file ({@link ExportSpool}), checked in a
 * first streaming pass, and published in a second in bounded batches, each acknowledged by Kafka ({@code acks=all})
 * before the next is read.
 *
 * <p>Answers:
 * <ul>
 *   <li>{@code 202} {@link TelegramImportAnswer}: {@code {"accepted", "postIds", "skipped", "chats"}}, once every post
 *       is in Kafka;</li>
 *   <li>{@code 400 {"error", "details"}} with nothing sent: invalid JSON (line, column, byte offset), not an export,
 *       invalid messages (each named by JSON path, message id, line, column, byte offset), an invalid {@code source},
 *       a chat whose source cannot be derived;</li>
 *   <li>{@code 413} above the size limit; {@code 415} unless the body is {@code application/json} in UTF-8;</li>
 *   <li>{@code 429} with {@code Retry-After} when {@code newsfeed.telegram.max-concurrent-imports} imports (2) are
 *       already running: each holds a spool file and a worker thread for as long as its client takes to send;</li>
 *   <li>{@code 503} when Kafka does not acknowledge (some posts may be in Kafka: importing again is safe, postIds are
 *       the same), or the export cannot be spooled to disk, or the imports in progress already hold
 *       {@code newsfeed.telegram.max-spool-size} (2G) of spool.</li>
 * </ul>
 */
@Path("/api/imports/telegram")
public class TelegramImportResource {

    private static final Logger LOG = Logger.getLogger(TelegramImportResource.class);

    @Inject
    TelegramImporter importer;

    @Inject
    RawPostPublisher publisher;

    @Inject
    TelegramImportConfig config;

    @Inject
    Clock clock;

    @Inject
    SpoolQuota spoolQuota;

    /** Seconds a client refused for too many imports at once is asked to wait. */
    static final int RETRY_AFTER_SECONDS = 10;

    /**
     * @param source      the source of a one-chat export (default: derived from the chat), or the prefix of every
     *                    channel's source in a full-account export
     * @param contentType must be {@code application/json}, charset UTF-8 if one is named
     * @param body        the export, streamed
     */
    @POST
    @Bulkhead // its value: newsfeed.telegram.max-concurrent-imports, through application.properties
    public Response importExport(@QueryParam("source") String source,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Response unsupported = unsupportedContentType(contentType);
        if (unsupported != null) {
            return unsupported;
        }
        SourceSlugs.checkParameter(source);
        Instant receivedAt = clock.instant();
        long started = System.nanoTime();
        try (ExportSpool spool = ExportSpool.write(body, spoolDirectory(), spoolQuota)) {
            long spooled = System.nanoTime();
            TelegramImporter.Plan plan = importer.check(spool.file(), source);
            long checked = System.nanoTime();
            TelegramImportResult result = importer.publish(spool.file(), plan, receivedAt, publisher::publish);
            LOG.infof("imported a Telegram export of %d bytes: %d posts from %d chat(s), skipped %s; received in %d ms,"
                    + " checked in %d ms, published in %d ms", spool.bytes(), result.accepted(), result.chats().size(),
                    result.skipped(), millis(started, spooled), millis(spooled, checked),
                    millis(checked, System.nanoTime()));
            return Response.accepted(new TelegramImportAnswer(result)).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** {@code newsfeed.telegram.spool-dir}, else {@code $TMPDIR/newsfeed/telegram-spool}. */
    private java.nio.file.Path spoolDirectory() {
        return config.spoolDir().map(java.nio.file.Path::of)
                .orElseGet(() -> java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "newsfeed",
                        "telegram-spool"));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** A 415 answer unless the Content-Type is JSON in UTF-8; null when it is. */
    private static Response unsupportedContentType(String contentType) {
        String problem = null;
        if (contentType == null) {
            problem = "got no Content-Type";
        } else {
            try {
                MediaType type = MediaType.valueOf(contentType);
                String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
                if (!type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardType()
                        || type.isWildcardSubtype()) {
                    problem = "got " + contentType;
                } else if (!Utf8Json.Check.isUtf8(type)) {
                    problem = "got charset " + charset + "; Telegram Desktop exports are UTF-8";
                }
            } catch (IllegalArgumentException e) {
                problem = "got an invalid Content-Type " + contentType;
            }
        }
        if (problem == null) {
            return null;
        }
        return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("unsupported content type",
                        List.of(problem + "; /api/imports/telegram takes application/json (UTF-8)")))
                .build();
    }

    @ServerExceptionMapper
    public Response tooManyImports(BulkheadException e) {
        LOG.warnf("refused a Telegram import: %d already running (newsfeed.telegram.max-concurrent-imports)",
                config.maxConcurrentImports());
        return Response.status(Response.Status.TOO_MANY_REQUESTS).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .entity(new ApiError("too many imports at once; retry later", List.of("at most "
                        + config.maxConcurrentImports() + " Telegram imports run at once on this server")))
                .build();
    }

    @ServerExceptionMapper
    public Response spoolFailed(ExportSpool.SpoolException e) {
        if (e.getCause() == null) {
            LOG.warn("refused a Telegram export: " + e.getMessage());
        } else {
            LOG.error("cannot spool a Telegram export", e);
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("export not accepted: the server cannot store it temporarily; retry later",
                        List.of(e.getMessage())))
                .build();
    }
}
