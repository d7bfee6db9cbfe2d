package newsfeed.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.text.Normalizer;
import java.time.Duration;
import java.util.Random;
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
        assertThat(ParagraphKey.of("🇷🇺🇨🇳 Talks held today. #RussiaChina #ASEAN")).isEqualTo("talks held today.");
        assertThat(ParagraphKey.of("❗️ Talks held today")).isEqualTo("talks held today");
        assertThat(ParagraphKey.of("📍 Vientiane, July 25, 2024"))
                .isNotEqualTo(ParagraphKey.of("📍 Vientiane, July 26, 2024"));
    }

    /**
     * A review: "explosions were heard in #Kharkiv" and, in a later post, "… in #Odesa" had one key, as had "debuted
     * on the chart at #1" and "… at #7", and the later post's news was removed as a copy of the earlier. Tags right
     * after a word are words of the sentence; only a run set apart by punctuation or a symbol is dropped, and a name
     * without a letter is no tag.
     */
    @Test
    void aTagThatContinuesASentenceIsAWordOfIt() {
        assertThat(ParagraphKey.of("Powerful explosions were heard in #Kharkiv"))
                .isEqualTo("powerful explosions were heard in #kharkiv")
                .isNotEqualTo(ParagraphKey.of("Powerful explosions were heard in #Odesa"));
        assertThat(ParagraphKey.of("Talks held today #RussiaChina #ASEAN"))
                .isEqualTo("talks held today #russiachina #asean");
        assertThat(ParagraphKey.of("The single debuted on the national chart at #1"))
                .isNotEqualTo(ParagraphKey.of("The single debuted on the national chart at #7"));
        assertThat(ParagraphKey.of("The single debuted at number one. #1"))
                .isEqualTo("the single debuted at number one. #1");
        // set apart by punctuation or a symbol, a run is dropped from its first tag so set apart
        assertThat(ParagraphKey.of("Explosions were heard in #Kharkiv. #news #war"))
                .isEqualTo("explosions were heard in #kharkiv.");
        assertThat(ParagraphKey.of("Explosions were heard in #Kharkiv 🔥 #news"))
                .isEqualTo("explosions were heard in #kharkiv 🔥");
        assertThat(ParagraphKey.of("Talks held today: #RussiaChina, #ASEAN"))
                .isEqualTo("talks held today: #russiachina, #asean");
        // a review: after a comma or a colon, tags are a list of the sentence's, places among them
        assertThat(ParagraphKey.of("Powerful explosions were heard in #Kharkiv, #Odesa"))
                .isNotEqualTo(ParagraphKey.of("Powerful explosions were heard in #Kharkiv, #Dnipro"));
        assertThat(ParagraphKey.of("Air raid alert declared in the following regions: #Kharkiv"))
                .isNotEqualTo(ParagraphKey.of("Air raid alert declared in the following regions: #Odesa"));
        // a third review: '&', '/', a dash or '+' join a list as a comma does
        for (String joiner : new String[] {"&", "/", "—", "+"}) {
            assertThat(ParagraphKey.of("Air raid alert declared tonight in #Kharkiv " + joiner + " #Odesa"))
                    .as(joiner).isNotEqualTo(ParagraphKey.of("Air raid alert declared tonight in #Kharkiv " + joiner
                            + " #Dnipro"));
        }
        // a review: a name of digits in a run set apart goes with the run; alone, it is no tag and stays
        assertThat(ParagraphKey.of("Talks held today. #news #2024")).isEqualTo("talks held today.");
        assertThat(ParagraphKey.of("Talks held today (Vientiane) #ASEAN")).isEqualTo("talks held today (vientiane)");
    }

    /**
     * {@link ParagraphKey#TAG_NAME}, the expressions' tag name, and {@link ParagraphKey#tagNameEnd}, the scans', read
     * the same name in random text: letters, digits, marks, joiners, emoji and punctuation around a {@code #}.
     */
    @Test
    void theTagNameExpressionAndTheScanAgree() {
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(ParagraphKey.TAG_NAME);
        String[] pieces = {"a", "ж", "ش", "1", "_", "\u0947", "\u200C", "\u200D", "\uFE0F", "🔥", "-", " ", ".", "#"};
        java.util.Random random = new java.util.Random(5);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(7); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            java.util.regex.Matcher m = name.matcher(text);
            assertThat(ParagraphKey.tagNameEnd(text, 0)).as("[%s]", text).isEqualTo(m.lookingAt() ? m.end() : -1);
        }
        assertThat(ParagraphKey.tagNameEnd("آتش\u200Cسوزی #تهران", 0)).isEqualTo(8);
        assertThat(ParagraphKey.tagNameEnd("خبر\u200C🔥", 0)).as("a joiner before an emoji").isEqualTo(3);
        assertThat(ParagraphKey.tagNameEnd("2024", 0)).isEqualTo(-1);
    }

    @Test
    void aHashtagOnlyLineKeepsItsTags() {
        assertThat(ParagraphKey.of("#RussiaChina")).isEqualTo("#russiachina");
        assertThat(ParagraphKey.of("#RussiaIndia #DruzhbaDosti")).isNotEqualTo(ParagraphKey.of("#RussiaChina"));
    }

    /**
     * A trailing tag in a script that writes vowels and viramas as combining marks was not a tag: the scan stopped at
     * its first mark, and the key kept {@code #नमस्ते}, so two channels tagging the same Hindi paragraph differently
     * gave two keys. The tag's marks are part of its name (UAX #31's identifier characters).
     */
    @Test
    void aTrailingTagWithCombiningMarksIsDroppedAsAWhole() {
        assertThat(ParagraphKey.of("संसद का सत्र आज शुरू हुआ। #नमस्ते")).isEqualTo("संसद का सत्र आज शुरू हुआ।");
        assertThat(ParagraphKey.of("संसद का सत्र आज शुरू हुआ। #नमस्ते #भारत"))
                .isEqualTo(ParagraphKey.of("संसद का सत्र आज शुरू हुआ। #समाचार"));
        assertThat(ParagraphKey.of("การประชุมเริ่มวันนี้ 🔥 #ข่าวด่วน")).isEqualTo("การประชุมเริ่มวันนี้ 🔥");
        // a line of tags only keeps them, whole
        assertThat(ParagraphKey.of("#नमस्ते #भारत")).isEqualTo("#नमस्ते #भारत");
        // a keycap (#, U+FE0F, the enclosing mark U+20E3) is an emoji, not a tag
        assertThat(ParagraphKey.of("Talks held today #\uFE0F\u20E3")).isEqualTo("talks held today #\u20E3");
    }

    /** {@link ParagraphKey#TAG_CHARS}, the expressions' class, holds exactly the code points {@code isTagChar} takes. */
    @Test
    void theTagCharacterClassAndTheScanAgreeOnEveryCodePoint() {
        java.util.regex.Pattern tagChar = java.util.regex.Pattern.compile(ParagraphKey.TAG_CHARS);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            assertThat(tagChar.matcher(Character.toString(cp)).matches()).as("U+%04X", cp)
                    .isEqualTo(ParagraphKey.isTagChar(cp));
        }
        assertThat(ParagraphKey.isTagChar('\u0947')).as("Devanagari vowel sign e (Mn)").isTrue();
        assertThat(ParagraphKey.isTagChar('\u093E')).as("Devanagari vowel sign aa (Mc)").isTrue();
        assertThat(ParagraphKey.isTagChar('\u20E3')).as("combining enclosing keycap (Me)").isFalse();
        // default-ignorable marks: variation selectors (an emoji's), the combining grapheme joiner, Mongolian and
        // Khmer ones
        for (int cp : new int[] {0xFE0F, 0xFE0E, 0xFE00, 0x034F, 0x180B, 0x180F, 0x17B4, 0x17B5, 0xE0100, 0xE01EF}) {
            assertThat(ParagraphKey.isTagChar(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(ParagraphKey.isTagChar('-')).isFalse();
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

    /**
     * The single-pass implementation gives the key the regular expressions of the rule give ({@link
     * RegexParagraphKey}), on random strings of the characters each rule is about: every kind of space, quote and dash,
     * hashtags, emoji (surrogate pairs) with joiners and variation selectors, combining and unassigned code points.
     */
    @Test
    void theSinglePassGivesTheKeyOfTheRegularExpressions() {
        String[] pool = {"a", "B", "é", "e\u0301", "ß", "Ж", "й", "7", "٣", "Ⅻ", "²", "_", "#", "# ", " #", " ", "  ",
            "\t", "\n", "\r\n", "\u000B", "\f", "\u001C", "\u00A0", "\u202F", "\u2009", "\u3000", "\u2028", "\u2029",
            "\u0085", "\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\uFE0F", "\"", "'", "`", "´", "‘", "’", "‚",
            "‛", "‹", "›", "“", "”", "„", "‟", "«", "»", "′", "″", "‵", "‶", "〝", "〞", "〟", "-", "\u2010", "\u2011",
            "\u2013", "\u2014", "\u2015", "\u2212", "\uFE58", "\uFE63", "\u2E3A", "\u2E3B", "…", "...", ".", ",", ":",
            "🇷🇺", "🔴", "❗", "👍🏽", "👨\u200D👩", "\u0378", "\u20DD", "\u0301", "^", "©", "→", "<…>", "Ａ", "ﬁ",
            "\uD83D", "\uDE00", "word", "Tag", "тег", "x1", "न", "\u0947", "\u093E", "\u094D"};
        Random random = new Random(8);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(14);
            for (int i = 0; i < parts; i++) {
                text.append(pool[random.nextInt(pool.length)]);
            }
            String input = text.toString();
            assertThat(ParagraphKey.of(input)).as("key of %s", input.codePoints()
                    .mapToObj(cp -> String.format("U+%04X", cp)).toList()).isEqualTo(RegexParagraphKey.of(input));
        }
    }

    /**
     * Runs that made the expressions of the rule quadratic or recursive (their {@code (?: #tag)+$} overflows the stack
     * on a few thousand tags, as {@link RegexParagraphKey} still does) take the single pass milliseconds: every
     * paragraph of every post goes through here, in ingest and in dedup.
     */
    @Test
    void longRunsOfTagsDotsColonsAndSpacesTakeLinearTime() {
        StringBuilder tags = new StringBuilder("Talks resume.");
        for (int i = 0; i < 50_000; i++) {
            tags.append(" #t").append(i);
        }
        String dots = "Talks resume" + ".".repeat(100_000);
        String colons = "🔴" + ":".repeat(100_000) + " Talks";
        String spaces = "Talks" + " \u00A0\u2003\t".repeat(25_000) + "resume 🔴" + " #tag".repeat(20_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(ParagraphKey.of(tags.toString())).isEqualTo("talks resume.");
            // after a word, they are words of the sentence; a line of tags only keeps them
            assertThat(ParagraphKey.of(tags.toString().replace(".", ""))).hasSize(tags.length() - 1);
            String onlyTags = "#Only" + tags.substring("Talks resume.".length());
            assertThat(ParagraphKey.of(onlyTags)).isEqualTo("#only" + tags.substring("Talks resume.".length()));
            assertThat(ParagraphKey.of(dots)).isEqualTo("talks resume" + ".".repeat(100_000));
            assertThat(ParagraphKey.of(colons)).isEqualTo(":".repeat(100_000) + " talks");
            assertThat(ParagraphKey.of(spaces)).isEqualTo("talks resume 🔴");
        });
    }
}
