package newsfeed.dedup.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a paragraph key without the punctuation and symbols at their edges (Unicode categories P and S):
 * {@code "said,"} and {@code said.} are the word {@code said}. Keys have single spaces between words
 * ({@code ParagraphKey}).
 */
public final class KeyWords {

    private KeyWords() {
    }

    /** @return the key's words, edge punctuation removed, in order; words of punctuation alone left out */
    public static List<String> of(String key) {
        List<String> words = new ArrayList<>();
        int from = 0;
        while (from <= key.length()) {
            int space = key.indexOf(' ', from);
            int to = space < 0 ? key.length() : space;
            int start = start(key, from, to);
            int end = end(key, start, to);
            if (start < end) {
                words.add(key.substring(start, end));
            }
            if (space < 0) {
                break;
            }
            from = space + 1;
        }
        return words;
    }

    /** @return how many words {@link #of} gives, without making them */
    public static int count(String key) {
        int count = 0;
        int from = 0;
        while (from <= key.length()) {
            int space = key.indexOf(' ', from);
            int to = space < 0 ? key.length() : space;
            if (start(key, from, to) < to) {
                count++;
            }
            if (space < 0) {
                break;
            }
            from = space + 1;
        }
        return count;
    }

    /** Where the word {@code key[from, to)} begins once the punctuation and symbols before it are skipped. */
    static int start(String key, int from, int to) {
        int start = from;
        while (start < to && isPunctuationOrSymbol(key.codePointAt(start))) {
            start += Character.charCount(key.codePointAt(start));
        }
        return start;
    }

    /** Where the word {@code key[start, to)} ends once the punctuation and symbols after it are dropped. */
    static int end(String key, int start, int to) {
        int end = to;
        while (end > start && isPunctuationOrSymbol(key.codePointBefore(end))) {
            end -= Character.charCount(key.codePointBefore(end));
        }
        return end;
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
