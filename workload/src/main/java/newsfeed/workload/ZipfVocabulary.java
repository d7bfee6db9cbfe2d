package newsfeed.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Pseudo-words with Zipf-distributed frequencies: the word of rank r (from 1) is drawn with probability proportional
 * to 1 / r^s (Zipf's law; s ≈ 1 for English and Russian text, Piantadosi, "Zipf's word frequency law in natural
 * language", Psychon Bull Rev 2014). Frequent words are short, as in natural language: rank 1–40 words have one or
 * two syllables, the tail up to five.
 *
 * <p>Words are lower-case consonant-vowel syllables, so none is an English month or weekday name or its
 * abbreviation (all of which end in a consonant), and none contains a digit; the English number words and negations
 * of that shape ({@code zero}, {@code five}, {@code nine}, {@code no}, {@code none}) are left out: no word is a fact
 * token (dedup-service's {@code FactTokens}), so a planted one-word edit never changes a fact.
 */
public final class ZipfVocabulary {

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final Set<String> FACT_WORDS = Set.of("zero", "five", "nine", "no", "none");

    private final List<String> words;
    private final double[] cumulative;

    /**
     * @param size     distinct words, at least 10
     * @param exponent the Zipf exponent s, positive
     * @param seed     the same seed gives the same words
     */
    public ZipfVocabulary(int size, double exponent, long seed) {
        if (size < 10 || !(exponent > 0)) {
            throw new IllegalArgumentException("vocabulary of " + size + " words with exponent " + exponent);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        words = new ArrayList<>(size);
        while (words.size() < size) {
            int rank = words.size() + 1;
            int syllables = rank <= 40 ? 1 + random.nextInt(2) : rank <= 2_000 ? 2 + random.nextInt(2)
                    : 2 + random.nextInt(4);
            StringBuilder word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                        .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
            }
            if (!FACT_WORDS.contains(word.toString()) && seen.add(word.toString())) {
                words.add(word.toString());
            }
        }
        cumulative = new double[size];
        double sum = 0;
        for (int r = 0; r < size; r++) {
            sum += 1.0 / Math.pow(r + 1, exponent);
            cumulative[r] = sum;
        }
        for (int r = 0; r < size; r++) {
            cumulative[r] /= sum;
        }
    }

    /** A word drawn by its Zipf frequency. */
    public String sample(SplittableRandom random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return words.get(Math.min(words.size() - 1, at >= 0 ? at : -at - 1));
    }

    /** The word of rank {@code rank}, from 1. */
    public String word(int rank) {
        return words.get(rank - 1);
    }

    public int size() {
        return words.size();
    }
}
