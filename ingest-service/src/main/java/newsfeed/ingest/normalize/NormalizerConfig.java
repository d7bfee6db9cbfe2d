package newsfeed.ingest.normalize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the normalizer stage ({@code newsfeed.normalizer.*}); see the module README for the table. */
@ConfigMapping(prefix = "newsfeed.normalizer")
public interface NormalizerConfig {

    /** Link texts dropped as boilerplate, compared case-insensitively without surrounding emoji and arrows. */
    @WithDefault(ParagraphRules.DEFAULT_LINK_TEXTS)
    List<String> linkTexts();

    /** Longest post body accepted, in characters; a longer post goes to the dead-letter topic. */
    @WithDefault(PostNormalizer.Limits.DEFAULT_MAX_BODY_CHARS)
    int maxBodyChars();

    /** Most paragraphs accepted in one post; a post with more goes to the dead-letter topic. */
    @WithDefault(PostNormalizer.Limits.DEFAULT_MAX_PARAGRAPHS)
    int maxParagraphs();

    /**
     * How far past its receipt a post may be dated; a later {@code publishedAt} (the source's, or its dateline's) is
     * replaced by the receipt time and flagged {@code publishedAtClamped}.
     */
    @WithDefault(PublicationTime.DEFAULT_FUTURE_ALLOWANCE)
    Duration futureAllowance();
}
