package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The facts of a paragraph that a near copy must not change (DESIGN §5: "digits are kept: July 25 and July 26 are
 * different facts"): every word that contains a digit, every month and weekday name (English, full and short;
 * Russian, any case ending), and every number written as a word ({@link #NUMBER_WORDS}; in Russian the cardinals from
 * two and the ordinals from second, in their case forms; a hyphenated compound with a cardinal part, {@code
 * twenty-five}, {@code five-year}).
 * Two paragraphs of the same template with other numbers or dates differ here, so they are never near duplicates
 * however similar the rest is: a trial's "inflation had fallen to eighteen percent", corrected to "nineteen percent"
 * in a later post, was removed as a near copy, where "18" and "19" were kept apart. "One" and "first" are left out:
 * mostly they count nothing ("no one", "at first"), and a change to another number still shows in that number.
 *
 * <p>A negation is a fact too, as the token {@value #NEGATION} whatever its word ({@link #NEGATIONS}: {@code not},
 * {@code never}, {@code no}, a contraction in {@code n't}, {@code не}, {@code нет}...): "the government would not raise
 * income tax", published after "would raise income tax", was removed as a near copy (similarity 0.85), and the denial
 * disappeared from the later post. Which word negates is no fact: "is not" and "isn't", "has not" and "has never"
 * still make near copies.
 */
public final class FactTokens {

    /**
     * The version of these rules, kept beside every facts hash dedup-service stores or sends so that a hash made under
     * other rules is made again from its key: 1, digits and dates; 2, numbers written as words; 3, negations.
     */
    public static final byte RULES = 3;

    /** The fact token of every negation word. */
    static final String NEGATION = "not";

    /**
     * Negation words, case-folded, as keys spell them ({@code ParagraphKey} folds every apostrophe to {@code "}); a
     * word ending in {@code n"t} (isn't, won't, can't) is one too.
     */
    static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "none", "nor", "neither", "nobody", "nothing", "nowhere", "cannot",
            "не", "нет", "ни", "никогда", "нельзя", "нигде", "никуда", "никто", "никого", "никому", "никем",
            "ничто", "ничего", "ничему", "ничем");

    private static final Set<String> ENGLISH = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
            "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "yesterday", "tomorrow");

    /** English cardinals written as words, without "one": a hyphenated compound with one of them is a fact too. */
    private static final Set<String> CARDINALS = Set.of(
            "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
            "trillion", "dozen");

    /**
     * English numbers written as words: the cardinals, ordinals and multipliers, without "one" and "first", and
     * without the plurals of rough magnitude ("dozens", "hundreds of lorries"), which the labelled set takes as a
     * one-word edit of the same report.
     */
    static final Set<String> NUMBER_WORDS = Stream.concat(CARDINALS.stream(), Stream.of(
            "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
            "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
            "ninetieth", "hundredth", "thousandth", "millionth", "half", "quarter", "twice", "thrice", "double",
            "triple", "quadruple")).collect(Collectors.toUnmodifiableSet());

    private static final Pattern RUSSIAN = Pattern.compile(
            "(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|понедельник|вторник"
                    + "|сред[аеуы]|четверг|пятниц|суббот|воскресень|сегодня|вчера|завтра"
                    // cardinals from 11 and their case forms, by stems no other word begins with
                    + "|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат"
                    + "|девятнадцат|двадцат|тридцат|пят[иь]десят|шест[иь]десят|сем[иь]десят|восьмидесят|восемьдесят"
                    + "|двухсот|двест|тр[её]хсот|трист|четыр[её]хсот|четырест|пят[иь]сот|шест[иь]сот|сем[иь]сот"
                    + "|восьмисот|восемьсот|девят[иь]сот)\\p{L}*"
                    // a thousand, a million...: the singular only, as "тысячи грузовиков" (thousands of lorries) is a
                    // rough magnitude, like "hundreds" (in "пять тысяч" the cardinal is the fact)
                    + "|тысяча|тысячу|тысячей|миллион|миллиона|миллиард|миллиарда|триллион|триллиона"
                    // cardinals 2 to 10, 40, 90 and 100 as they are declined ("семью" left out: also "family")
                    + "|два|две|двух|двум|двумя|три|тр[её]х|тр[её]м|тремя|четыре|четыр[её]х|четыр[её]м|четырьмя|пять"
                    + "|пяти|пятью|шесть|шести|шестью|семь|семи|восемь|восьми|восемью|девять|девяти|девятью|десять"
                    + "|десяти|десятью|сорок|сорока|девяносто|девяноста|сто|ста"
                    // ordinals from second
                    + "|втор(ой|ая|ое|ого|ому|ым|ом|ую|ые|ых|ыми)"
                    + "|трет(ий|ья|ье|ьего|ьему|ьим|ьем|ью|ьи|ьих|ьими|ьей|ьею)"
                    + "|(четв[её]рт|пят|шест|седьм|восьм|девят|десят)(ый|ой|ая|ое|ого|ому|ым|ом|ую|ые|ых|ыми)");

    private FactTokens() {
    }

    /**
     * @return the fact tokens of a key, in order (case-folded, edge punctuation removed; every negation as
     *         {@value #NEGATION})
     */
    public static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        int from = 0;
        while (from <= key.length()) {
            int space = key.indexOf(' ', from);
            int to = space < 0 ? key.length() : space;
            String token = withoutEdgePunctuation(key, from, to);
            if (isNegation(token)) {
                facts.add(NEGATION);
            } else if (isFact(token)) {
                facts.add(token);
            }
            if (space < 0) {
                break;
            }
            from = space + 1;
        }
        return facts;
    }

    /** Whether a token (case-folded, edge punctuation removed) negates: its fact is {@value #NEGATION}. */
    static boolean isNegation(String token) {
        return NEGATIONS.contains(token) || (token.length() > 3 && token.endsWith("n\"t"));
    }

    /** Whether a token (case-folded, edge punctuation removed) is a fact other than a negation. */
    static boolean isFact(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        if (ENGLISH.contains(token) || NUMBER_WORDS.contains(token)) {
            return true;
        }
        int hyphen = token.indexOf('-');
        if (hyphen > 0) {
            // twenty-five, five-year: a cardinal part; not second-hand, third-party, half-hearted, double-check
            for (String part : token.split("-")) {
                if (CARDINALS.contains(part)) {
                    return true;
                }
            }
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
