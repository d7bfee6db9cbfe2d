package newsfeed.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.ibm.icu.text.Normalizer2;

/**
 * Fuzzes {@link ParagraphKey#of} with paragraphs as stored (issue 10; README "Fuzzing"). Besides throwing nothing and returning within the
 * fuzz profile's per-input timeout, every key must keep the rules its documentation states: white space folded to
 * single spaces and trimmed, line breaks and ASCII case making no difference, a trailing run of hashtags dropped when
 * punctuation sets it apart from the text before it, and a key empty only for a paragraph without a letter or digit.
 */
class ParagraphKeyFuzzTest {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    @FuzzTest
    @DictionaryEntries({" #", "#tag", "...", "…", "«", "»", "—", "\u00A0", "\u200B", "\uFEFF", "\uFE0F", "🔥", "\u0301"})
    void keyKeepsItsRules(FuzzedDataProvider data) {
        // a paragraph as stored: the normalizer removed control characters but LF and TAB (String.strip() would
        // take U+001C-U+001F at the ends for white space, which the key's rule 3 does not)
        String text = data.consumeRemainingAsString().codePoints()
                .filter(cp -> !Character.isISOControl(cp) || cp == '\n' || cp == '\t')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        String key = ParagraphKey.of(text);

        assertThat(key).isEqualTo(key.strip());
        assertThat(key).doesNotContain("  ");
        key.codePoints().forEach(cp -> assertThat(cp == ' ' || !isSpace(cp))
                .as("U+%04X in the key of %s", cp, text).isTrue());
        if (NFKC_CASEFOLD.normalize(text).codePoints().anyMatch(Character::isLetterOrDigit)) {
            assertThat(key).as("key of a paragraph with a letter or digit").isNotEmpty();
        }
        // re-wrapping is not an edit; case is not an edit
        assertThat(ParagraphKey.of(text.replace('\n', ' ').replace('\t', ' '))).isEqualTo(key);
        assertThat(ParagraphKey.of(asciiUpperCase(text))).isEqualTo(key);
        // tags added after text, set apart by punctuation, are no edit
        String ended = ParagraphKey.of(text + ".");
        if (!ended.startsWith("#")) {
            assertThat(ParagraphKey.of(text + ". #breaking #Tag_2")).isEqualTo(ended);
        }
    }

    /** White space as the key's rule 3 means it: {@code \s}, Unicode separators (Zs, Zl, Zp) and NEL. */
    private static boolean isSpace(int cp) {
        int type = Character.getType(cp);
        return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == '\u0085' || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String asciiUpperCase(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            upper.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        }
        return upper.toString();
    }
}
