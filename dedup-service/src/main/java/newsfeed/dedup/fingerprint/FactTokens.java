package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import newsfeed.contracts.text.ParagraphKey;

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
 * <p>A {@code no} or {@code no.} just before a number in digits ({@code No. 10}, {@code № 5}, as keys fold {@code №}
 * to {@code no}) is a fact of its own, {@value #NUMBER_SIGN}, neither a negation nor nothing: a key cannot tell "at
 * No. 10" from "said no. 15 members...", so that {@code no} must still count against a copy without it, but taken for a
 * negation it made "не подписал указ 15" the same facts as "подписал указ № 15". Read back as a negation, facts equal
 * under this rule are equal without it, so it never makes a copy of what was not one. Before a number in words it
 * stays a negation ("no two ministers agreed"), as it does with a comma ({@code No, 15 died}); {@code No.5} and
 * {@code №5} stay one word each, as {@code NO2} is.
 *
 * <p>A fact is kept as written: a respelling is another fact ({@code five} and {@code 5}, {@code 1,200} and
 * {@code 1200}, {@code Sept.} and {@code September}), and a copy that only respells one is kept, a duplicate shown,
 * nothing lost. Five reviews tried respelling rules on real text, and each found other news removed: "Terminal 5" and
 * "five terminals", "by a tenth" and "by the 10th", "No. Ten" and "not 10", {@code 1,250} (1.25 in German or Russian)
 * and {@code 1250}, "cells 12,102", the river Thur and Thursday, the ticker NOV and November, French "sept" (seven) and
 * September, an AUG rifle and August.
 *
 * <p>{@code one} and {@code first} just after a tens word are facts ({@code twenty one} differs from {@code twenty}).
 * They are not its digits: a key cannot tell "twenty one" from "killed twenty" at a line's end and "one person..." on
 * the next.
 *
 * <p>Hyphenated words with an ordinal or a date abbreviation ({@code third-quarter}, {@code fifth-largest},
 * {@code oct-dec}, {@code mid-oct}; not {@code second-hand} or {@code third-party}) and plural fractions
 * ({@code thirds}, {@code fifths}) are facts too.
 *
 * <p>A hyphenated negation with a fact in its other parts states both: {@code non-G20} is {@value #NEGATION} and
 * {@code g20}.
 *
 * <p>A hashtag in the text is a fact, {@code #} and its name as written ({@code ParagraphKey.tagNameEnd}): a tag
 * names what the news is about, a place or a subject. A review: "explosions were heard in #Kharkiv", and then "in
 * #Odesa" in a later post, was removed as a copy. The tags a key drops (a trailing run set apart from the text,
 * {@code ParagraphKey} rule 5) are no facts: channels tag the same paragraph differently.
 */
public final class FactTokens {

    /**
     * The version of these rules, kept beside every facts hash dedup-service stores or sends so that a hash made under
     * other rules is made again from its key: 1, digits and dates; 2, numbers written as words; 3, negations,
     * collective numerals, abbreviated magnitudes, signs and currencies of numbers, possessive and hyphenated dates;
     * 4, the number sign, hyphenated ordinals and date abbreviations, plural fractions, one and first after a
     * tens word, the other parts of a hyphenated negation; 5, hashtags.
     * {@code FactTokensTest} pins the facts of a probe text to this version: a change of the rules that changes them
     * fails it until this number is raised.
     */
    public static final byte RULES = 5;

    /** The fact token of every negation word. */
    static final String NEGATION = "not";

    /** The fact token of a {@code no} or {@code no.} just before a number in digits. */
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

    /** The tens in words: a {@code one} or {@code first} after them is a fact, where alone it is none. */
    static final Set<String> TENS = Set.of(
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety");

    /** A hyphenated word with one of these parts negates: non-binding, not-guilty, no-one. */
    private static final Set<String> NEGATING_PARTS = Set.of("non", "not", "no", "не");

    /** Month and weekday names in full: a hyphenated word with one of them is a fact (mid-march), unlike sun-dried. */
    private static final Set<String> FULL_DATE_NAMES = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    /** Month and weekday abbreviations that make a hyphenated word a date: oct-dec, mid-oct, mon-fri. */
    private static final Set<String> DATE_PARTS = Set.of(
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tue", "tues", "thu",
            "thur", "thurs", "fri");

    /** Month and weekday names, full and short, and the relative days and hours: each a fact. */
    private static final Set<String> ENGLISH = Stream.of(FULL_DATE_NAMES, DATE_PARTS, Set.of(
            "mon", "wed", "sat", "sun", "today", "yesterday", "tomorrow", "a.m", "p.m"))
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    /** English cardinals written as words, without "one": a hyphenated compound with one of them is a fact too. */
    private static final Set<String> CARDINALS = Set.of(
            "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
            "trillion", "dozen");

    /** English ordinals from second: in a hyphenated word they are a fact (third-quarter, fifth-largest). */
    private static final Set<String> ORDINALS = Set.of(
            "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
            "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
            "ninetieth", "hundredth", "thousandth", "millionth");

    /**
     * English numbers written as words: the cardinals, ordinals and multipliers, without "one" and "first", and
     * without the plurals of rough magnitude ("dozens", "hundreds of lorries"), which the labelled set takes as a
     * one-word edit of the same report.
     */
    static final Set<String> NUMBER_WORDS = Stream.of(CARDINALS, ORDINALS, Set.of(
            "half", "quarter", "twice", "thrice", "double", "triple", "quadruple"))
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    /** Hyphenated words with an ordinal that count nothing. */
    private static final Set<String> ORDINAL_IDIOMS = Set.of(
            "second-hand", "second-rate", "second-class", "second-guess", "second-guessed", "second-guessing",
            "third-party", "third-rate", "third-world");

    /** Plural fractions: "two thirds" and "two fifths" differ. */
    private static final Set<String> FRACTIONS = Set.of(
            "halves", "thirds", "quarters", "fourths", "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths",
            "hundredths", "thousandths");

    /**
     * Every word of letters {@code a}–{@code z} alone that {@link #fact} may take for a fact, or that makes the word
     * after it one ({@link #TENS}): the words of their lists. Each other rule needs a digit, a hyphen, a quote or a
     * Cyrillic letter, so such a word outside this set states none and is no tens word, and the scan skips the rules
     * for it. Most words of a paragraph are such words: the rules asked of each took 14 % of dedup-service's stream
     * thread in a profile of 150,000 posts (JFR, {@code DedupReplayBenchmark}), a set lookup for each list.
     */
    static final Set<String> LISTED_LATIN_WORDS = Stream.of(NEGATIONS, MAGNITUDES.keySet(), ENGLISH, NUMBER_WORDS,
            FRACTIONS, TENS).flatMap(Set::stream).filter(FactTokens::isLatinWord)
            .collect(Collectors.toUnmodifiableSet());

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
     * @param key a paragraph key ({@code ParagraphKey}: case-folded, single spaces)
     * @return the fact tokens of a key, in order (edge punctuation removed but for a sign or currency symbol against a
     *         digit; every negation as {@value #NEGATION}, a {@code no} before digits as {@value #NUMBER_SIGN}, every
     *         magnitude by its English name, {@code one} and {@code first} after a tens word, {@code am} and
     *         {@code pm} after a number as {@code a.m} and {@code p.m}, a possessive date name without its {@code 's})
     */
    public static List<String> of(String key) {
        List<String> facts = new ArrayList<>();
        boolean afterNumber = false;
        // where the negation of a bare "no" went: a number sign if a number follows
        int bareNo = -1;
        // whether the word before was a tens word: "one" and "first" after it are facts
        boolean afterTens = false;
        int from = 0;
        while (from <= key.length()) {
            int space = key.indexOf(' ', from);
            int to = space < 0 ? key.length() : space;
            String token = withoutEdgePunctuation(key, from, to);
            int start = KeyWords.start(key, from, to);
            boolean tag = start > from && key.charAt(start - 1) == '#' && ParagraphKey.tagNameEnd(key, start) > 0;
            int first = facts.size();
            boolean unlisted = false;
            if (tag) {
                facts.add("#" + token);
            } else if (afterNumber && (token.equals("am") || token.equals("pm"))) {
                facts.add(token.charAt(0) + ".m");
            } else if (afterTens && (token.equals("one") || token.equals("first"))) {
                // twenty one, twenty first: not twenty (a key cannot tell them from "twenty\none person")
                facts.add(token);
            } else if (token.isEmpty()) {
                String currency = currencyAlone(key, from, to);
                if (currency != null) {
                    facts.add(currency);
                }
            } else if (!isLatinWord(token) || LISTED_LATIN_WORDS.contains(token)) {
                addFacts(token, facts);
            } else {
                // a word of no list: no fact, no tens word
                unlisted = true;
            }
            boolean added = facts.size() > first;
            if (bareNo >= 0 && startsWithDigit(token)) {
                facts.set(bareNo, NUMBER_SIGN);
            }
            bareNo = added && !tag && isBareNo(key, from, to, token) ? first : -1;
            afterTens = !unlisted && TENS.contains(token);
            afterNumber = endsWithDigit(token);
            if (space < 0) {
                break;
            }
            from = space + 1;
        }
        return facts;
    }

    /**
     * Adds the facts a word states, in order: none, one, or two (a hyphenated negation with a fact in its other parts,
     * {@code non-g20}).
     *
     * @param token   a word of a key, case-folded, edge punctuation removed but for a sign or currency against a digit
     * @param facts   where they go
     */
    static void addFacts(String token, List<String> facts) {
        String fact = fact(token);
        if (fact == null) {
            return;
        }
        facts.add(fact);
        if (fact.equals(NEGATION) && token.indexOf('-') > 0) {
            StringBuilder rest = new StringBuilder();
            for (String part : token.split("-")) {
                if (!NEGATING_PARTS.contains(part)) {
                    rest.append(rest.isEmpty() ? "" : "-").append(part);
                }
            }
            String more = rest.isEmpty() ? null : fact(rest.toString());
            if (more != null && !more.equals(NEGATION)) {
                facts.add(more);
            }
        }
    }

    /** Whether {@code key[from, to)} is the word {@code no} with no punctuation after it but a full stop. */
    private static boolean isBareNo(String key, int from, int to, String token) {
        if (!token.equals("no")) {
            return false;
        }
        int end = KeyWords.end(key, KeyWords.start(key, from, to), to);
        return end == to || end == to - 1 && key.charAt(end) == '.';
    }

    /** Whether a token is a word of the letters {@code a}–{@code z} alone. */
    private static boolean isLatinWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return !token.isEmpty();
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.codePointAt(0));
    }

    private static boolean endsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.codePointBefore(s.length()));
    }

    /** The first currency symbol of {@code key[from, to)}, a word of punctuation and symbols only; else null. */
    private static String currencyAlone(String key, int from, int to) {
        for (int i = from; i < to; ) {
            int cp = key.codePointAt(i);
            if (Character.getType(cp) == Character.CURRENCY_SYMBOL) {
                return Character.toString(cp);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /**
     * The fact a token (case-folded, edge punctuation removed) states, or null: {@value #NEGATION} for a negation, the
     * English name of a magnitude ({@link #MAGNITUDES}), the name for a possessive date name ({@code tuesday"s}), else
     * the token itself when it is a fact.
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
            return token;
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
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            if (Character.isDigit(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        if (ENGLISH.contains(token) || NUMBER_WORDS.contains(token) || FRACTIONS.contains(token)) {
            return true;
        }
        if (token.indexOf('-') > 0) {
            // twenty-five, five-year, mid-march, oct-dec, third-quarter, one-third: a cardinal, a date name, an
            // ordinal, or a fraction of one; not second-hand, third-party, half-hearted, double-check, sun-dried
            String[] parts = token.split("-");
            for (String part : parts) {
                if (CARDINALS.contains(part) || FULL_DATE_NAMES.contains(part) || DATE_PARTS.contains(part)
                        || ORDINALS.contains(part) && !ORDINAL_IDIOMS.contains(token)) {
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
        if (start < end && start > from && Character.isDigit(key.codePointAt(start))
                && isSignOrCurrency(key.charAt(start - 1))) {
            start--;
        }
        if (end > start && end < to && Character.isDigit(key.codePointBefore(end))
                && Character.getType(key.charAt(end)) == Character.CURRENCY_SYMBOL) {
            end++;
        }
        return key.substring(start, end);
    }

    private static boolean isSignOrCurrency(char c) {
        return c == '+' || c == '-' || Character.getType(c) == Character.CURRENCY_SYMBOL;
    }
}
