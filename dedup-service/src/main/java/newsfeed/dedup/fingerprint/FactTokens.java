package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The facts of a paragraph that a near copy must not change (DESIGN §5: "digits are kept: July 25 and July 26 are
 * different facts"): every word that contains a digit (with a sign or currency symbol written against it: {@code -15}
 * and {@code 15}, {@code $5} and {@code €5} differ), a currency symbol standing alone ({@code 100 €}), every month and
 * weekday name (English, full and short, in full also in a possessive or hyphenated word: {@code tuesday's},
 * {@code mid-march}; Russian, any case ending), {@code a.m.} and {@code p.m.} (also {@code am} and {@code pm} after a
 * number, as the same facts), and every number written as a word ({@link #NUMBER_WORDS}; in Russian the cardinals from
 * two, the collective numerals {@code двое}–{@code десятеро} and the ordinals from second, in their case forms; a
 * hyphenated compound with a cardinal part, {@code twenty-five}, {@code five-year}, or a fraction of one,
 * {@code one-third}). A magnitude is one fact however it is written ({@link #MAGNITUDES}): {@code 5 mln},
 * {@code 5 million}, {@code 5 млн} and {@code 5 миллионов} state the same.
 * Two paragraphs of the same template with other numbers or dates differ here, so they are never near duplicates
 * however similar the rest is: a trial's "inflation had fallen to eighteen percent", corrected to "nineteen percent"
 * in a later post, was removed as a near copy, where "18" and "19" were kept apart. "One" and "first" are left out:
 * mostly they count nothing ("no one", "at first"), and a change to another number still shows in that number.
 *
 * <p>A negation is a fact too, as the token {@value #NEGATION} whatever its word ({@link #NEGATIONS}: {@code not},
 * {@code never}, {@code no}, a contraction in {@code n't}, a hyphenated {@code non-}, {@code не}, {@code нет}...):
 * "the government would not raise income tax", published after "would raise income tax", was removed as a near copy
 * (similarity 0.85), and the denial disappeared from the later post. Which word negates is no fact: "is not" and
 * "isn't", "has not" and "has never", "no one" and "no-one" still make near copies. Words that only accompany a
 * negation are not counted again: {@code nor} after {@code neither} or {@code not}, and the Russian {@code ни},
 * {@code никто}, {@code никогда}..., which go with a {@code не} ("никто не пострадал") or mean no negation at all
 * ("кто бы ни победил").
 *
 * <p>A {@code no} just before a number ({@code No. 10}, {@code № 5} and {@code №5}, as keys fold {@code №} to
 * {@code no}) is a fact of its own, {@value #NUMBER_SIGN}, neither a negation nor nothing: a key cannot tell "at No. 10"
 * from "said no. 15 members...", so that {@code no} must still count against a copy without it, but taken for a
 * negation it made "не подписал указ 15" the same facts as "подписал указ № 15". Only such a {@code no} is told apart,
 * so two paragraphs whose facts are the same are the same under the rules before it too.
 *
 * <p>A fact is one token however it is spelled where the spellings state the same, so that a copy that only
 * respells it is found: a cardinal in words is its digits ({@code five} and {@code 5}, {@code twenty-five} and
 * {@code 25}, {@code twenty-first} and {@code 21st}, {@code five-year} and {@code 5-year}); a number loses its thousands
 * separators ({@code 1,200} and {@code 1200}: commas before groups of three digits, as English writes them, so a
 * Russian decimal comma before three decimals is taken for one too); a month or weekday abbreviation is its full name
 * ({@code Sept.} and {@code September}), but for {@code mar}, {@code mon}, {@code wed}, {@code sat} and {@code sun},
 * which are words too.
 */
public final class FactTokens {

    /**
     * The version of these rules, kept beside every facts hash dedup-service stores or sends so that a hash made under
     * other rules is made again from its key: 1, digits and dates; 2, numbers written as words; 3, negations,
     * collective numerals, abbreviated magnitudes, signs and currencies of numbers, possessive and hyphenated dates;
     * 4, the number sign, cardinals as digits, numbers without thousands separators, abbreviated dates in full.
     * {@code FactTokensTest} pins the facts of a probe text to this version: a change of the rules that changes them
     * fails it until this number is raised.
     */
    public static final byte RULES = 4;

    /** The fact token of every negation word. */
    static final String NEGATION = "not";

    /** The fact token of a {@code no} just before a number, or glued to one ({@code №5}, {@code no.5}). */
    static final String NUMBER_SIGN = "№";

    /**
     * Negation words, case-folded, as keys spell them ({@code ParagraphKey} folds the apostrophes it knows to
     * {@code "}; U+02BC, the modifier letter apostrophe, it keeps); a word ending in {@code n"t} or {@code nʼt} (isn't,
     * won't, can't) is one too.
     */
    static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "none", "neither", "nobody", "nothing", "nowhere", "cannot", "n\"t", "n\u02BCt",
            "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "wouldnt",
            "couldnt", "shouldnt", "mustnt", "neednt", "aint", "cant", "wont", "shant", "не", "нет", "нельзя");

    /**
     * Magnitudes, by every form that states one (English, abbreviated, and Russian in the singular and in the genitive
     * plural that follows a number, "пять тысяч", "5 миллионов"), to the fact they state. The nominative plurals
     * "тысячи", "миллионы" are left out, like "thousands": mostly a rough magnitude ("тысячи грузовиков").
     */
    static final Map<String, String> MAGNITUDES = magnitudes();

    /**
     * English cardinals in words, without "one" (no fact alone, DESIGN §5's "one of them"), to their digits; "hundred"
     * and the magnitudes are left as words ({@link #MAGNITUDES}).
     */
    private static final Map<String, String> CARDINAL_DIGITS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"),
            Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"),
            Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"),
            Map.entry("thirteen", "13"), Map.entry("fourteen", "14"), Map.entry("fifteen", "15"),
            Map.entry("sixteen", "16"), Map.entry("seventeen", "17"), Map.entry("eighteen", "18"),
            Map.entry("nineteen", "19"), Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("forty", "40"),
            Map.entry("fifty", "50"), Map.entry("sixty", "60"), Map.entry("seventy", "70"), Map.entry("eighty", "80"),
            Map.entry("ninety", "90"));

    /** The units of a hyphenated tens compound: twenty-one is 21, ninety-nine 99. */
    private static final List<String> UNITS = List.of(
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    /** The ordinal units of a hyphenated tens compound, with the suffix of their digits: twenty-first is 21st. */
    private static final List<String> ORDINAL_UNITS = List.of(
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth");

    /** Month and weekday abbreviations that are no other word, to their full names. */
    private static final Map<String, String> DATE_ABBREVIATIONS = Map.ofEntries(
            Map.entry("jan", "january"), Map.entry("feb", "february"), Map.entry("apr", "april"),
            Map.entry("jun", "june"), Map.entry("jul", "july"), Map.entry("aug", "august"),
            Map.entry("sep", "september"), Map.entry("sept", "september"), Map.entry("oct", "october"),
            Map.entry("nov", "november"), Map.entry("dec", "december"), Map.entry("tue", "tuesday"),
            Map.entry("tues", "tuesday"), Map.entry("thu", "thursday"), Map.entry("thur", "thursday"),
            Map.entry("thurs", "thursday"), Map.entry("fri", "friday"));

    /** A number in English digit grouping: 1 to 3 digits, then groups of a comma and three digits. */
    private static final Pattern GROUPED_DIGITS = Pattern.compile("(?<![\\d,.])\\d{1,3}(?:,\\d{3})+(?![\\d,])");

    /** A hyphenated word with one of these parts negates: non-binding, not-guilty, no-one. */
    private static final Set<String> NEGATING_PARTS = Set.of("non", "not", "no", "не");

    private static final Set<String> ENGLISH = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
            "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "yesterday", "tomorrow", "a.m", "p.m");

    /** Month and weekday names in full: a hyphenated word with one of them is a fact (mid-march), unlike sun-dried. */
    private static final Set<String> FULL_DATE_NAMES = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

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
                    // cardinals 2 to 10, 40, 90 and 100 as they are declined ("семью" left out: also "family")
                    + "|два|две|двух|двум|двумя|три|тр[её]х|тр[её]м|тремя|четыре|четыр[её]х|четыр[её]м|четырьмя|пять"
                    + "|пяти|пятью|шесть|шести|шестью|семь|семи|восемь|восьми|восемью|девять|девяти|девятью|десять"
                    + "|десяти|десятью|сорок|сорока|девяносто|девяноста|сто|ста"
                    // collective numerals: двое, трое... десятеро, in their case forms
                    + "|(дво|тро)(е|их|им|ими)|(четвер|пятер|шестер|семер|восьмер|девятер|десятер)(о|ых|ым|ыми)"
                    // ordinals from second
                    + "|втор(ой|ая|ое|ого|ому|ым|ом|ую|ые|ых|ыми)"
                    + "|трет(ий|ья|ье|ьего|ьему|ьим|ьем|ью|ьи|ьих|ьими|ьей|ьею)"
                    + "|(четв[её]рт|пят|шест|седьм|восьм|девят|десят)(ый|ой|ая|ое|ого|ому|ым|ом|ую|ые|ых|ыми)");

    private FactTokens() {
    }

    private static Map<String, String> magnitudes() {
        Map<String, String> forms = new HashMap<>();
        for (String thousand : List.of("thousand", "тысяча", "тысячу", "тысячей", "тысячею", "тысяч", "тыс")) {
            forms.put(thousand, "thousand");
        }
        String[][] larger = {{"million", "mln", "миллион", "млн"}, {"billion", "bln", "миллиард", "млрд"},
            {"trillion", "trn", "триллион", "трлн"}};
        for (String[] names : larger) {
            forms.put(names[0], names[0]);
            forms.put(names[1], names[0]);
            forms.put(names[3], names[0]);
            for (String ending : List.of("", "а", "у", "ом", "е", "ов")) {
                forms.put(names[2] + ending, names[0]);
            }
        }
        forms.put("bn", "billion");
        return Map.copyOf(forms);
    }

    /**
     * @return the fact tokens of a key, in order (case-folded, edge punctuation removed but for a sign or currency
     *         symbol against a digit; every negation as {@value #NEGATION}, every magnitude by its English name,
     *         {@code am} and {@code pm} after a number as {@code a.m} and {@code p.m}, a possessive date name without
     *         its {@code 's})
     */
    public static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        boolean afterNumber = false;
        // where the negation of a bare "no" went: a number sign if a number follows
        int bareNo = -1;
        int from = 0;
        while (from <= key.length()) {
            int space = key.indexOf(' ', from);
            int to = space < 0 ? key.length() : space;
            String token = withoutEdgePunctuation(key, from, to);
            if (bareNo >= 0 && !token.isEmpty() && Character.isDigit(token.charAt(0))) {
                facts.set(bareNo, NUMBER_SIGN);
            }
            bareNo = -1;
            int glued = gluedNumberSign(token);
            if (glued > 0) {
                facts.add(NUMBER_SIGN);
                token = token.substring(glued);
            }
            String fact = afterNumber && (token.equals("am") || token.equals("pm"))
                    ? token.charAt(0) + ".m" : token.isEmpty() ? currencyAlone(key, from, to) : fact(token);
            if (fact != null) {
                facts.add(fact);
                if (token.equals("no")) {
                    bareNo = facts.size() - 1;
                }
            }
            afterNumber = !token.isEmpty() && Character.isDigit(token.charAt(token.length() - 1));
            if (space < 0) {
                break;
            }
            from = space + 1;
        }
        return facts;
    }

    /**
     * @param word a word of a key ({@link KeyWords})
     * @return the word as one spelling of what it states: its fact when it is one ({@code five} and {@code 5}, and
     *         {@code isn't} and {@code not}, are one word), else the word itself
     */
    public static String spelling(String word) {
        String fact = fact(word);
        return fact != null ? fact : word;
    }

    /** How long the number sign glued to a number at a token's start is ({@code no5}: 2, {@code no.5}: 3), else 0. */
    private static int gluedNumberSign(String token) {
        if (token.length() < 3 || !token.startsWith("no")) {
            return 0;
        }
        int digit = token.charAt(2) == '.' ? 3 : 2;
        return digit < token.length() && Character.isDigit(token.charAt(digit)) ? digit : 0;
    }

    /** The first currency symbol of {@code key[from, to)}, a word of punctuation and symbols only; else null. */
    private static String currencyAlone(String key, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.getType(key.charAt(i)) == Character.CURRENCY_SYMBOL) {
                return String.valueOf(key.charAt(i));
            }
        }
        return null;
    }

    /**
     * The fact a token (case-folded, edge punctuation removed) states, or null: {@value #NEGATION} for a negation, the
     * English name of a magnitude ({@link #MAGNITUDES}), the name for a possessive date name ({@code tuesday"s}), else
     * the token itself when it is a fact, respelled as one spelling of its fact: a cardinal in digits, a number
     * without thousands separators, a date abbreviation in full.
     */
    static String fact(String token) {
        if (isNegation(token)) {
            return NEGATION;
        }
        String magnitude = MAGNITUDES.get(token);
        if (magnitude != null) {
            return magnitude;
        }
        if (isFact(token)) {
            return respelled(token);
        }
        if (token.length() > 2 && (token.endsWith("\"s") || token.endsWith("\u02BCs"))) {
            String name = token.substring(0, token.length() - 2);
            if (FULL_DATE_NAMES.contains(name) || name.equals("today") || name.equals("yesterday")
                    || name.equals("tomorrow")) {
                return name;
            }
        }
        return null;
    }

    /** A fact token in the one spelling of its fact: cardinals in digits, no thousands separators, dates in full. */
    private static String respelled(String token) {
        String date = DATE_ABBREVIATIONS.get(token);
        if (date != null) {
            return date;
        }
        if (token.indexOf(',') > 0) {
            return GROUPED_DIGITS.matcher(token).replaceAll(grouped -> grouped.group().replace(",", ""));
        }
        String digits = CARDINAL_DIGITS.get(token);
        if (digits != null) {
            return digits;
        }
        if (token.indexOf('-') < 0) {
            return token;
        }
        String[] parts = token.split("-", -1);
        List<String> spelled = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = CARDINAL_DIGITS.getOrDefault(parts[i], parts[i]);
            boolean tens = part.length() == 2 && part.charAt(1) == '0' && part.charAt(0) >= '2';
            int unit = tens && i + 1 < parts.length ? UNITS.indexOf(parts[i + 1]) : -1;
            int ordinal = tens && i + 1 < parts.length ? ORDINAL_UNITS.indexOf(parts[i + 1]) : -1;
            if (unit >= 0) {
                // twenty-five: one number, 25
                part = part.charAt(0) + String.valueOf(unit + 1);
                i++;
            } else if (ordinal >= 0) {
                part = part.charAt(0) + String.valueOf(ordinal + 1)
                        + (ordinal == 0 ? "st" : ordinal == 1 ? "nd" : ordinal == 2 ? "rd" : "th");
                i++;
            }
            spelled.add(part);
        }
        return String.join("-", spelled);
    }

    /** Whether a token (case-folded, edge punctuation removed) negates: its fact is {@value #NEGATION}. */
    static boolean isNegation(String token) {
        if (NEGATIONS.contains(token)) {
            return true;
        }
        if (token.length() > 3 && (token.endsWith("n\"t") || token.endsWith("n\u02BCt"))) {
            return true;
        }
        if (token.indexOf('-') > 0) {
            for (String part : token.split("-")) {
                if (NEGATING_PARTS.contains(part)) {
                    return true;
                }
            }
        }
        return false;
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
        if (token.indexOf('-') > 0) {
            // twenty-five, five-year, mid-march, one-third: a cardinal, a date name in full, or a fraction of one;
            // not second-hand, third-party, half-hearted, double-check, sun-dried
            String[] parts = token.split("-");
            for (String part : parts) {
                if (CARDINALS.contains(part) || FULL_DATE_NAMES.contains(part)) {
                    return true;
                }
            }
            if (parts.length == 2 && parts[0].equals("one") && NUMBER_WORDS.contains(parts[1])) {
                return true;
            }
        }
        // the Russian names all begin with a lower-case Cyrillic letter: only then is the pattern worth trying
        return !token.isEmpty() && token.charAt(0) >= '\u0430' && token.charAt(0) <= '\u044F'
                && RUSSIAN.matcher(token).matches();
    }

    /**
     * {@code key[from, to)} without its leading and trailing punctuation and symbols (Unicode P and S), but for a sign
     * ({@code +}, {@code -}: keys fold the minus sign to it) or currency symbol just before a digit and a currency
     * symbol just after one: {@code -15}, {@code $5}, {@code 5€}.
     */
    private static String withoutEdgePunctuation(String key, int from, int to) {
        int start = KeyWords.start(key, from, to);
        int end = KeyWords.end(key, start, to);
        if (start < end && start > from && Character.isDigit(key.charAt(start))
                && isSignOrCurrency(key.charAt(start - 1))) {
            start--;
        }
        if (end > start && end < to && Character.isDigit(key.charAt(end - 1))
                && Character.getType(key.charAt(end)) == Character.CURRENCY_SYMBOL) {
            end++;
        }
        return key.substring(start, end);
    }

    private static boolean isSignOrCurrency(char c) {
        return c == '+' || c == '-' || Character.getType(c) == Character.CURRENCY_SYMBOL;
    }
}
