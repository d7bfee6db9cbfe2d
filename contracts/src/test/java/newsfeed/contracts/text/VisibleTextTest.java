package newsfeed.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @Test
    void textOfSpacesOfAnyKindAndInvisibleCharactersIsBlank() {
        // helper trial: "<p>&nbsp;</p>" and a zero-width space were kept as paragraphs and made a post's title
        assertThat(VisibleText.isBlank("")).isTrue();
        assertThat(VisibleText.isBlank(" \t\n")).isTrue();
        assertThat(VisibleText.isBlank("\u00A0")).isTrue();             // NO-BREAK SPACE
        assertThat(VisibleText.isBlank("\u2007\u202F\u3000")).isTrue(); // figure, narrow no-break, ideographic
        assertThat(VisibleText.isBlank("\u200B")).isTrue();             // ZERO WIDTH SPACE (format, not a space)
        assertThat(VisibleText.isBlank("\u200D\u2060\u00AD\u200E")).isTrue(); // joiner, word joiner, soft hyphen, LRM
        assertThat(VisibleText.isBlank("\uFE0F")).isTrue();             // a variation selector alone
    }

    @Test
    void anyVisibleCharacterMakesTextNotBlank() {
        assertThat(VisibleText.isBlank("\u00A0a")).isFalse();
        assertThat(VisibleText.isBlank(".")).isFalse();
        assertThat(VisibleText.isBlank("\u200B🌊")).isFalse();
        assertThat(VisibleText.isBlank("\u0644")).isFalse();
        assertThat(VisibleText.isBlank("\uD83D\uDC4B")).isFalse();      // a supplementary code point
    }

    @Test
    void stripRemovesSpacesOfAnyKindAtTheEndsAndKeepsWhatIsInside() {
        assertThat(VisibleText.strip("\u00A0 Headline\u202F\u00A0")).isEqualTo("Headline");
        assertThat(VisibleText.strip("a\u00A0b")).isEqualTo("a\u00A0b");
        assertThat(VisibleText.strip("\u00A0\u200B\u00A0")).isEmpty();
        // a mark that carries direction at the start of a paragraph is text, not padding
        assertThat(VisibleText.strip("\u200Fabc ")).isEqualTo("\u200Fabc");
        assertThat(VisibleText.strip("plain")).isSameAs("plain");
    }

    @Test
    void brailleBlanksShowNothingButAreNoBlankLine() {
        assertThat(VisibleText.showsNothing("\u2800")).isTrue();
        assertThat(VisibleText.showsNothing(" \u2800\u00A0\u2800\u200B")).isTrue();
        assertThat(VisibleText.showsNothing(null)).isTrue();
        assertThat(VisibleText.showsNothing("\u00A0")).isTrue();
        assertThat(VisibleText.isBlank("\u2800")).isFalse();
        // a braille letter, and a braille blank between words, show something
        assertThat(VisibleText.showsNothing("\u2801")).isFalse();
        assertThat(VisibleText.showsNothing("a\u2800b")).isFalse();
        assertThat(VisibleText.showsNothing("\u2800.")).isFalse();
        // as padding at either end it is stripped (a review: "\u2800\u2800Headline" was a title and a key of its own)
        assertThat(VisibleText.strip("\u2800\u2800Headline\u2800 ")).isEqualTo("Headline");
        assertThat(VisibleText.strip("\u2800\n\nHeadline\nBody\n\n\u2800")).isEqualTo("Headline\nBody");
        assertThat(VisibleText.strip("a\u2800b")).isEqualTo("a\u2800b");
        assertThat(VisibleText.strip("\u2800 \u2800")).isEmpty();
    }
}
