package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The regular-expression implementation of {@link FactTokens#of} as first written: the oracle of its test. */
final class RegexFactTokens {

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");
    private static final Set<String> ENGLISH = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
            "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "yesterday", "tomorrow");
    private static final Pattern RUSSIAN = Pattern.compile(
            "(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|понедельник|вторник"
                    + "|сред[аеуы]|четверг|пятниц|суббот|воскресень|сегодня|вчера|завтра)\\p{L}*");

    private RegexFactTokens() {
    }

    /** @return the fact tokens of a key, in order (case-folded, edge punctuation removed) */
    static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        for (String word : Shingles.words(key)) {
            String token = EDGE_PUNCTUATION.matcher(word).replaceAll("");
            if (token.chars().anyMatch(Character::isDigit) || ENGLISH.contains(token)
                    || RUSSIAN.matcher(token).matches()) {
                facts.add(token);
            }
        }
        return facts;
    }
}
