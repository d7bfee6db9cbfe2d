package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Normalizer2;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParagraphRulesTest {

    /** The decoration rule as first written, with a regular expression: the oracle of the scan. */
    private static final Pattern DECORATION = Pattern.compile(
            "^[\\p{So}\\p{Sk}\\p{Sm}\\p{Pd}\\p{Cf}\\p{M}\\s→»>•:]+|[\\s:.…→»>]+$");
    private static final Normalizer2 CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private static String regexBare(String text) {
        String previous;
        String current = text.strip();
        do {
            previous = current;
            current = DECORATION.matcher(current).replaceAll("").strip();
        } while (!current.equals(previous));
        return CASEFOLD.normalize(current);
    }

    @Test
    void linkTextsAreRecognisedWhateverTheirDecoration() {
        ParagraphRules rules = ParagraphRules.defaults();
        assertThat(rules.isLinkText("📄 Read in full")).isTrue();
        assertThat(rules.isLinkText("→ Read more: https://example.org/a")).isTrue();
        assertThat(rules.isLinkText("Читать полностью…")).isTrue();
        assertThat(rules.isLinkText("Read in full the minister's speech at the summit")).isFalse();
    }

    /** The scan recognises exactly the link texts the regular expression recognised, on random decorated lines. */
    @Test
    void theScanAgreesWithTheRegularExpression() {
        List<String> texts = List.of(ParagraphRules.DEFAULT_LINK_TEXTS.split(","));
        Set<String> bareTexts = texts.stream().map(ParagraphRulesTest::regexBare).collect(Collectors.toSet());
        ParagraphRules rules = ParagraphRules.defaults();
        String[] decoration = {"", " ", "📄", "👉", "→", "»", ">", "•", ":", ".", "…", "—", "-", "\u200D", "\uFE0F",
            "\u0301", "\t", "\n", "+", "©", "\u00A0", "x", "!", "\u0085"};
        Random random = new Random(5);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(4); i > 0; i--) {
                line.append(decoration[random.nextInt(decoration.length)]);
            }
            String text = texts.get(random.nextInt(texts.size()));
            line.append(random.nextBoolean() ? text : text.toUpperCase());
            for (int i = random.nextInt(4); i > 0; i--) {
                line.append(decoration[random.nextInt(decoration.length)]);
            }
            String input = line.toString();
            assertThat(rules.isLinkText(input)).as("[%s]", input).isEqualTo(bareTexts.contains(regexBare(input)));
            if (input.indexOf('\u0085') < 0) {
                // NEL ends a line for the expression's "$", so that it saw decoration before a final NEL; NEL is a
                // control character the cleaner removes before any rule runs
                assertThat(ParagraphRules.bare(input)).as("[%s]", input).isEqualTo(regexBare(input));
            }
        }
    }
}
