package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.contracts.text.ParagraphKey;

/**
 * The regular-expression implementation of {@link FactTokens#of}'s scan (words split at spaces, edge punctuation
 * removed but for a sign or currency symbol against a digit; "am" and "pm" after a number; a currency symbol
 * alone; "no" or "no." before a number in digits a number sign; "one" and "first" after a tens word facts; a
 * hashtag a fact), which
 * facts a word states asked of {@link FactTokens#addFacts}: the oracle of its test. The word rules are checked by
 * hand-written cases.
 */
final class RegexFactTokens {

    private static final Pattern EDGES = Pattern.compile("^([\\p{P}\\p{S}]*)(.*?)([\\p{P}\\p{S}]*)$", Pattern.DOTALL);
    private static final Pattern SIGN_OR_CURRENCY = Pattern.compile("[+\\-\\p{Sc}]");
    private static final Pattern CURRENCY = Pattern.compile("\\p{Sc}");
    private static final Pattern NUMBER_END = Pattern.compile("\\p{Nd}$");
    private static final Pattern NUMBER_START = Pattern.compile("^\\p{Nd}");
    private static final Pattern AM_PM = Pattern.compile("[ap]m");
    private static final Pattern TAG_NAME = Pattern.compile(ParagraphKey.TAG_NAME);
    private static final Pattern BARE_NO = Pattern.compile("^[\\p{P}\\p{S}]*no\\.?$");

    private RegexFactTokens() {
    }

    /** @return the fact tokens of a key, in order */
    static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        boolean afterNumber = false;
        boolean afterTens = false;
        int bareNo = -1;
        for (String word : Shingles.words(key)) {
            String token = bare(word);
            int first = facts.size();
            boolean tag = isTag(word);
            if (tag) {
                facts.add("#" + token);
            } else if (afterNumber && AM_PM.matcher(token).matches()) {
                facts.add(token.charAt(0) + ".m");
            } else if (afterTens && token.matches("one|first")) {
                facts.add(token);
            } else if (token.isEmpty()) {
                Matcher currency = CURRENCY.matcher(word);
                if (currency.find()) {
                    facts.add(currency.group());
                }
            } else {
                FactTokens.addFacts(token, facts);
            }
            List<String> added = facts.subList(first, facts.size());
            if (bareNo >= 0 && NUMBER_START.matcher(token).find()) {
                facts.set(bareNo, FactTokens.NUMBER_SIGN);
            }
            bareNo = !added.isEmpty() && !tag && token.equals("no") && BARE_NO.matcher(word).matches() ? first : -1;
            afterTens = FactTokens.TENS.contains(token);
            afterNumber = NUMBER_END.matcher(token).find();
        }
        return facts;
    }

    /** Whether the word's leading punctuation ends with {@code #} and a tag's name follows it: a hashtag. */
    private static boolean isTag(String word) {
        Matcher m = EDGES.matcher(word);
        return m.matches() && m.group(1).endsWith("#") && TAG_NAME.matcher(m.group(2)).lookingAt();
    }

    private static String bare(String word) {
        Matcher m = EDGES.matcher(word);
        if (!m.matches()) {
            throw new AssertionError(word);
        }
        String lead = m.group(1);
        String token = m.group(2);
        String trail = m.group(3);
        if (NUMBER_START.matcher(token).find() && !lead.isEmpty()
                && SIGN_OR_CURRENCY.matcher(lead.substring(lead.length() - 1)).matches()) {
            token = lead.substring(lead.length() - 1) + token;
        }
        if (NUMBER_END.matcher(token).find() && !trail.isEmpty()
                && CURRENCY.matcher(trail.substring(0, 1)).matches()) {
            token = token + trail.charAt(0);
        }
        return token;
    }
}
