package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The regular-expression implementation of {@link FactTokens#of}'s scan as first written (words split at spaces,
 * edge punctuation removed), which words are facts asked of {@link FactTokens#isNegation} and
 * {@link FactTokens#isFact}: the oracle of its test.
 */
final class RegexFactTokens {

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");
    private RegexFactTokens() {
    }

    /** @return the fact tokens of a key, in order (case-folded, edge punctuation removed) */
    static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        for (String word : Shingles.words(key)) {
            String token = EDGE_PUNCTUATION.matcher(word).replaceAll("");
            if (FactTokens.isNegation(token)) {
                facts.add(FactTokens.NEGATION);
            } else if (FactTokens.isFact(token)) {
                facts.add(token);
            }
        }
        return facts;
    }
}
