package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The facts of a paragraph that a near copy must not change (DESIGN §5: "digits are kept: July 25 and July 26 are
 * different facts"): every word that contains a digit, and every month and weekday name (English, full and short;
 * Russian, any case ending). Two paragraphs of the same template with other numbers or dates differ here, so they
 * are never near duplicates however similar the rest is.
 */
public final class FactTokens {

    private static final Set<String> ENGLISH = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
            "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "yesterday", "tomorrow");
    private static final Pattern RUSSIAN = Pattern.compile(
            "(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|понедельник|вторник"
                    + "|сред[аеуы]|четверг|пятниц|суббот|воскресень|сегодня|вчера|завтра)\\p{L}*");

    private FactTokens() {
    }

    /** @return the fact tokens of a key, in order (case-folded, edge punctuation removed) */
    public static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        int from = 0;
        while (from <= key.length()) {
            int space = key.indexOf(' ', from);
            int to = space < 0 ? key.length() : space;
            String token = withoutEdgePunctuation(key, from, to);
            if (isFact(token)) {
                facts.add(token);
            }
            if (space < 0) {
                break;
            }
            from = space + 1;
        }
        return facts;
    }

    private static boolean isFact(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        if (ENGLISH.contains(token)) {
            return true;
        }
        // the Russian names all begin with a lower-case Cyrillic letter: only then is the pattern worth trying
        return !token.isEmpty() && token.charAt(0) >= '\u0430' && token.charAt(0) <= '\u044F'
                && RUSSIAN.matcher(token).matches();
    }

    /** {@code key[from, to)} without its leading and trailing punctuation and symbols (Unicode P and S). */
    private static String withoutEdgePunctuation(String key, int from, int to) {
        int start = from;
        while (start < to && isPunctuationOrSymbol(key.codePointAt(start))) {
            start += Character.charCount(key.codePointAt(start));
        }
        int end = to;
        while (end > start && isPunctuationOrSymbol(key.codePointBefore(end))) {
            end -= Character.charCount(key.codePointBefore(end));
        }
        return key.substring(start, end);
    }

    private static boolean isPunctuationOrSymbol(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
