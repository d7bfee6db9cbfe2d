package newsfeed.ingest.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import newsfeed.ingest.kafka.RawPostPublisher;
import newsfeed.ingest.normalize.NormalizerConfig;

/**
 * Builds the Telegram importer once from configuration: messages are capped at the normalizer's
 * {@code newsfeed.normalizer.max-body-chars} (a longer one would only become a dead letter) and at the publisher's
 * record size (a larger one would be refused by Kafka halfway through the import), batches at
 * {@code newsfeed.telegram.batch-size} posts and {@code batch-chars} characters; and the spool quota.
 */
@ApplicationScoped
public class TelegramBeans {

    @Produces
    @Singleton
    TelegramImporter telegramImporter(TelegramImportConfig config, NormalizerConfig normalizer,
            RawPostPublisher publisher) {
        return new TelegramImporter(new TelegramExportReader(normalizer.maxBodyChars(), publisher.maxRecordBytes()),
                config.batchSize(), config.batchChars());
    }

    /** The one spool quota of all imports ({@code newsfeed.telegram.max-spool-size}). */
    @Produces
    @Singleton
    SpoolQuota spoolQuota(TelegramImportConfig config) {
        return new SpoolQuota(config.maxSpoolSize().asLongValue());
    }
}
