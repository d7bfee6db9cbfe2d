package newsfeed.ingest.normalize;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
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

    @Produces
    @ApplicationScoped
    TextDumpImporter textDumpImporter(ParagraphRules rules) {
        return new TextDumpImporter(new TextDumpSplitter(rules));
    }
}
