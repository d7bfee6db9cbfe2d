package newsfeed.ingest.telegram;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of {@code POST /api/imports/telegram} ({@code newsfeed.telegram.*}). */
@ConfigMapping(prefix = "newsfeed.telegram")
public interface TelegramImportConfig {

    /**
     * Largest export accepted (environment {@code NEWSFEED_TELEGRAM_MAX_BODY_SIZE}); the server-wide
     * {@code quarkus.http.limits.max-body-size} is set to it, and {@link RouteBodyLimit} keeps every other route at
     * {@code newsfeed.http.max-body-size}. Above it: 413.
     */
    @WithDefault("1G")
    MemorySize maxBodySize();

    /**
     * Directory where a request body is spooled while it is checked and published (environment
     * {@code NEWSFEED_TELEGRAM_SPOOL_DIR}); needs free space for {@link #maxSpoolSize()}.
     * Default: {@code $TMPDIR/newsfeed/telegram-spool}. Each file is deleted when its request ends.
     */
    Optional<String> spoolDir();

    /**
     * Imports that may run at once (environment {@code NEWSFEED_TELEGRAM_MAX_CONCURRENT_IMPORTS}); one more is
     * answered 429. Enforced by a MicroProfile Fault Tolerance bulkhead on the import route, configured from this
     * value in {@code application.properties}.
     */
    @WithDefault("2")
    int maxConcurrentImports();

    /**
     * Bytes that the spool files of all imports in progress may hold together (environment
     * {@code NEWSFEED_TELEGRAM_MAX_SPOOL_SIZE}); an export that would go above is answered 503 and its file deleted.
     */
    @WithDefault("2G")
    MemorySize maxSpoolSize();

    /** Most posts handed to Kafka in one batch (each batch is acknowledged before the next is read). */
    @WithDefault("2000")
    int batchSize();

    /** Most characters of post bodies in one batch: bounds the memory of a batch of long posts. */
    @WithDefault("2000000")
    int batchChars();
}
