package newsfeed.ingest.normalize;

import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import newsfeed.contracts.kafka.StreamsFailure;
import newsfeed.ingest.text.TextDumpImporter;
import newsfeed.ingest.text.TextDumpSplitter;

/** Builds the normalization rules once from configuration; they are plain classes so tests construct them too. */
@ApplicationScoped
public class NormalizerBeans {

    @Produces
    @ApplicationScoped
    ParagraphRules paragraphRules(NormalizerConfig config) {
        return new ParagraphRules(config.linkTexts());
    }

    @Produces
    @ApplicationScoped
    PostNormalizer postNormalizer(ParagraphRules rules, NormalizerConfig config, Clock clock) {
        return new PostNormalizer(rules, new PostNormalizer.Limits(config.maxBodyChars(), config.maxParagraphs()),
                new PublicationTime(config.futureAllowance(), clock));
    }

    /**
     * Replaces a failed stream thread, up to 3 times in 10 minutes, and then ends the process when the normalizer's
     * Kafka Streams client stops in ERROR, so that its supervisor starts it again ({@link StreamsFailure}); Quarkus'
     * Kafka Streams extension hands it to the client.
     */
    @Produces
    @Singleton
    StreamsFailure streamsFailure() {
        return new StreamsFailure(NormalizerTopology.STAGE, Quarkus::asyncExit);
    }

    @Produces
    @ApplicationScoped
    TextDumpImporter textDumpImporter(ParagraphRules rules) {
        return new TextDumpImporter(new TextDumpSplitter(rules));
    }
}
