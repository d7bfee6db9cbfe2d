package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitlesTest {

    @Test
    void aTitleWithinTheLimitIsKeptAsItIs() {
        String headline = "🎙 Minister’s remarks after the #Harbour talks";
        assertThat(Titles.cap(headline)).isSameAs(headline);
        String exactly = "x".repeat(Titles.MAX_CHARS);
        assertThat(Titles.cap(exactly)).isSameAs(exactly);
    }

    @Test
    void aLongTitleIsCutAtTheLastWhiteSpaceThatFitsAndEndsWithAnEllipsis() {
        String sentence = "The harbour board met again on Monday to discuss the dredging of the outer channel. ";
        String text = sentence.repeat(10).strip();

        String title = Titles.cap(text);

        assertThat(title).hasSizeLessThanOrEqualTo(Titles.MAX_CHARS).endsWith("…");
        String kept = title.substring(0, title.length() - 1);
        assertThat(text).startsWith(kept);
        assertThat(Character.isWhitespace(text.charAt(kept.length()))).isTrue();
        // the longest such prefix: the next word would not fit
        int nextSpace = text.indexOf(' ', kept.length() + 1);
        assertThat(nextSpace + 1).isGreaterThan(Titles.MAX_CHARS);
        assertThat(kept).hasSize(292).endsWith("met again on Monday to");
    }

    @Test
    void aLongRunWithoutWhiteSpaceIsCutBetweenGraphemeClusters() {
        String family = "👨\u200D👩\u200D👧";
        String accented = "e\u0301";
        // 297 characters, then a family emoji (8 code units) across the cut
        String emoji = "a".repeat(297) + family + "b".repeat(100);
        assertThat(Titles.cap(emoji)).isEqualTo("a".repeat(297) + "…");
        // a combining accent right after the cut stays with its letter
        String combining = "a".repeat(298) + accented + "c".repeat(100);
        assertThat(Titles.cap(combining)).isEqualTo("a".repeat(298) + "…");
        // a surrogate pair across the cut is not split
        String astral = "a".repeat(298) + "𝔸".repeat(50);
        assertThat(Titles.cap(astral)).isEqualTo("a".repeat(298) + "…");
        // white space too early (before half the limit) is not used
        String early = "word " + "x".repeat(400);
        assertThat(Titles.cap(early)).isEqualTo("word " + "x".repeat(294) + "…");
    }

    @Test
    void aFirstClusterLongerThanTheLimitIsCutBetweenCodePoints() {
        String zalgo = "a" + "\u0301".repeat(1000);
        String title = Titles.cap(zalgo);
        assertThat(title).hasSize(Titles.MAX_CHARS).isEqualTo("a" + "\u0301".repeat(298) + "…");
        // U+1D165, a combining mark outside the BMP, extends the cluster too: the cut is not inside its pair
        String astralMarks = "a" + "\u0301".repeat(297) + "\uD834\uDD65".repeat(5);
        assertThat(Titles.cap(astralMarks)).isEqualTo("a" + "\u0301".repeat(297) + "…");
    }
}
