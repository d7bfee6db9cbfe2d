package newsfeed.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class ParagraphKeyTest {

    @Test
    void foldsCaseCompatibilityFormsAndDecomposedAccents() {
        String composed = "Café in Vientiane";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(ParagraphKey.of(decomposed)).isEqualTo(ParagraphKey.of(composed)).isEqualTo("café in vientiane");
        assertThat(ParagraphKey.of("ＡＳＥＡＮ")).isEqualTo("asean");
        assertThat(ParagraphKey.of("STRASSE")).isEqualTo(ParagraphKey.of("Straße"));
    }

    @Test
    void removesZeroWidthCharactersAndSoftHyphensAndCollapsesEveryWhitespace() {
        assertThat(ParagraphKey.of("co\u00ADoper\u200Bation\u2060 in\u00A0Asia\u202Fand\n\t the  Pacific\uFEFF"))
                .isEqualTo("cooperation in asia and the pacific");
    }

    @Test
    void foldsQuotesDashesAndEllipsis() {
        assertThat(ParagraphKey.of("the “anti-Russia” stance — Russia’s view…"))
                .isEqualTo(ParagraphKey.of("the \"anti-Russia\" stance - Russia's view..."))
                .isEqualTo("the \"anti-russia\" stance - russia\"s view...");
    }

    @Test
    void dropsLeadingEmojiAndTrailingHashtagsButKeepsDigits() {
        assertThat(ParagraphKey.of("🇷🇺🇨🇳 Talks held today #RussiaChina #ASEAN")).isEqualTo("talks held today");
        assertThat(ParagraphKey.of("❗️ Talks held today")).isEqualTo("talks held today");
        assertThat(ParagraphKey.of("📍 Vientiane, July 25, 2024"))
                .isNotEqualTo(ParagraphKey.of("📍 Vientiane, July 26, 2024"));
    }

    @Test
    void aHashtagOnlyLineKeepsItsTags() {
        assertThat(ParagraphKey.of("#RussiaChina")).isEqualTo("#russiachina");
        assertThat(ParagraphKey.of("#RussiaIndia #DruzhbaDosti")).isNotEqualTo(ParagraphKey.of("#RussiaChina"));
    }

    @Test
    void recognisesTruncatedPreviewsButNotInlineElisions() {
        String complete = ParagraphKey.of("The ministers discussed trade, energy and education in detail.");
        String preview = ParagraphKey.of("The ministers discussed trade, energy and…");
        assertThat(ParagraphKey.isTruncated(preview)).isTrue();
        assertThat(ParagraphKey.isPreviewOf(preview, complete, 30)).isTrue();
        assertThat(ParagraphKey.isPreviewOf(preview, complete, 60)).isFalse();
        assertThat(ParagraphKey.isTruncated(ParagraphKey.of("welcome the representative of Naypyidaw. <...>")))
                .isFalse();
        assertThat(ParagraphKey.isPreviewOf(complete, preview, 30)).isFalse();
    }
}
