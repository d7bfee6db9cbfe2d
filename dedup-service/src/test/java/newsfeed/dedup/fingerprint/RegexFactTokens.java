package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular-expression implementation of {@link FactTokens#of}'s scan (words split at spaces, edge punctuation
 * removed but for a sign or currency symbol against a digit; "am" and "pm" after a number; a currency symbol alone;
 * "no" before a number, or glued to one, a number sign), which words are facts asked of {@link FactTokens#fact}: the
 * oracle of its test.
 */
final class RegexFactTokens {

    private static final Pattern EDGES = Pattern.compile("^([\\p{P}\\p{S}]*)(.*?)([\\p{P}\\p{S}]*)$", Pattern.DOTALL);
    private static final Pattern SIGN_OR_CURRENCY = Pattern.compile("[+\\-\\p{Sc}]");
    private static final Pattern CURRENCY = Pattern.compile("\\p{Sc}");
    private static final Pattern NUMBER_END = Pattern.compile("\\p{Nd}$");
    private static final Pattern AM_PM = Pattern.compile("[ap]m");
    private static final Pattern NUMBER_START = Pattern.compile("^\\p{Nd}");
    private static final Pattern GLUED_NUMBER_SIGN = Pattern.compile("no\\.?(\\p{Nd}.*)", Pattern.DOTALL);

    private RegexFactTokens() {
    }

    /** @return the fact tokens of a key, in order */
    static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        String previous = "";
        int previousFacts = 0;
        for (String word : Shingles.words(key)) {
            String token = bare(word);
            if (previous.equals("no") && facts.size() > previousFacts && NUMBER_START.matcher(token).find()) {
                facts.set(facts.size() - 1, FactTokens.NUMBER_SIGN);
            }
            previousFacts = facts.size();
            Matcher glued = GLUED_NUMBER_SIGN.matcher(token);
            if (glued.matches()) {
                facts.add(FactTokens.NUMBER_SIGN);
                token = glued.group(1);
                previousFacts = facts.size();
            }
            String fact;
            if (NUMBER_END.matcher(previous).find() && AM_PM.matcher(token).matches()) {
                fact = token.charAt(0) + ".m";
            } else if (token.isEmpty()) {
                Matcher currency = CURRENCY.matcher(word);
                fact = currency.find() ? currency.group() : null;
            } else {
                fact = FactTokens.fact(token);
            }
            if (fact != null) {
                facts.add(fact);
            }
            previous = token;
        }
        return facts;
    }

    private static String bare(String word) {
        Matcher m = EDGES.matcher(word);
        if (!m.matches()) {
            throw new AssertionError(word);
        }
        String lead = m.group(1);
        String token = m.group(2);
        String trail = m.group(3);
        if (!token.isEmpty() && Character.isDigit(token.charAt(0)) && !lead.isEmpty()
                && SIGN_OR_CURRENCY.matcher(lead.substring(lead.length() - 1)).matches()) {
            token = lead.substring(lead.length() - 1) + token;
        }
        if (!token.isEmpty() && Character.isDigit(token.charAt(token.length() - 1)) && !trail.isEmpty()
                && CURRENCY.matcher(trail.substring(0, 1)).matches()) {
            token = token + trail.charAt(0);
        }
        return token;
    }
}
