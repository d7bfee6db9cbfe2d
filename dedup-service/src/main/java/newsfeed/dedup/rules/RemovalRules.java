package newsfeed.dedup.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostOrder;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.FactTokens;
import newsfeed.dedup.fingerprint.KeyWords;
import newsfeed.dedup.fingerprint.Shingles;
import newsfeed.dedup.message.Match;

/**
 * Why a paragraph is removed across posts (DESIGN §5 rules 2–4): the one place that says it. The judge
 * ({@code ClaimJudge}) and the fingerprint query ({@code GET /api/fingerprints}) call these methods and nothing
 * else; where they find candidates (claim keys, buckets) is only a way to meet, never a reason to remove.
 *
 * <ol>
 *   <li><b>Candidates</b> ({@link #isCandidate}): text paragraphs whose key has at least {@value #MIN_WORDS} words
 *       (or letters of a script written without spaces, {@link #unspacedLetters}) and {@value #MIN_CHARACTERS}
 *       characters. Datelines, hashtag lines, elision markers and short lines ("Photo: press
 *       service") are not content: removing them would damage the later post.</li>
 *   <li><b>Exact copy</b> ({@link #isExactCopy}): the keys are equal ({@code PUBLISHED_BEFORE}, similarity 1.0).</li>
 *   <li><b>Near copy</b> ({@link #nearCopy}): the keys differ, neither is a truncated preview, their fact tokens are
 *       the same ({@link FactTokens}: numbers, month and weekday names, negations), the Jaccard similarity of their
 *       3-word shingle sets is at least {@code minJaccard}, and the copy has at most {@value #MAX_ADDED_WORDS} words
 *       the original lacks ({@link #addedWords}; {@code NEAR_DUPLICATE}, similarity = Jaccard). A copy may drop words:
 *       the original, which readers reach by {@code duplicateOf}, has them. It may change or add one or two, as an
 *       edit of the same report does ("hundreds" for "dozens", an "urgent" put in). A sentence of more words added to
 *       a long paragraph ("A man has been detained.") keeps a Jaccard similarity of 0.90, but it is news the earlier
 *       post did not carry (a trial): the copy is kept. The count is against the original it is compared with, which
 *       may itself be a removed near copy: a chain of edits of two words each is removed link by link.</li>
 *   <li><b>Preview</b> ({@link #previewOf}): a truncated preview ({@code …} at the end) whose stem, at least
 *       {@value ParagraphKey#MIN_PREVIEW_STEM} key characters, begins a longer complete paragraph ({@code NEAR_DUPLICATE},
 *       similarity = share of the complete paragraph shown). The complete copy is kept whether it is earlier or
 *       later.</li>
 *   <li><b>Earlier</b> ({@link #compare}): earlier {@code publishedAt}, then smaller postId (by code point, which is
 *       the byte order of UTF-8), then smaller position. Arrival order never matters. Exact and near copies are
 *       removed only from the later paragraph, and never within one post.</li>
 *   <li><b>Which copy decides</b> ({@link #decisive}): for a preview, the earliest complete copy; else the earliest
 *       exact copy; else the earliest near copy.</li>
 * </ol>
 *
 * <p>The default threshold, {@value #DEFAULT_MIN_JACCARD}, was chosen on the labelled set
 * ({@code src/test/resources/labelled}): its one-word edits (substitution, insertion or deletion in paragraphs of
 * 19–28 words) score 0.70 to 0.84, while the kept paragraphs that share a long opening with an earlier one score at
 * most 0.35, and every threshold from 0.35 to 0.70 decides the whole set as labelled. A one-word substitution in a
 * paragraph of 18 words, the shortest the workload plants, scores 0.68. It was 0.55 until a trial on the seed's
 * channel found headlines of one template about talks with other ministers ("... and Foreign Minister of China Wang
 * Yi hold talks ..." against "... of Laos Saleumxay Kommasith ...") at 0.565: three words of 23 changed, another
 * fact. 0.60 keeps those apart and every one-word edit above. Look-alikes with other numbers or dates score up to
 * 0.87 and are told apart by their fact tokens only; a template that changes a single name is not told apart.
 */
public final class RemovalRules {

    /** Fewest words of a candidate's key. */
    public static final int MIN_WORDS = 5;
    /** Fewest characters of a candidate's key. */
    public static final int MIN_CHARACTERS = 30;
    /** Default smallest shingle Jaccard similarity of a near copy. */
    public static final double DEFAULT_MIN_JACCARD = 0.60;
    /**
     * Most words a near copy may have that its original lacks. The labelled set's near copies add at most one (a
     * substitution or an insertion); a trial's added sentences (a detention, an arrest, a toll) add four or more.
     */
    public static final int MAX_ADDED_WORDS = 2;

    private final double minJaccard;

    /** @param minJaccard smallest shingle Jaccard similarity of a near copy, in (0, 1] */
    public RemovalRules(double minJaccard) {
        if (!(minJaccard > 0 && minJaccard <= 1)) {
            throw new IllegalArgumentException("minimum Jaccard similarity must be in (0, 1], got " + minJaccard);
        }
        this.minJaccard = minJaccard;
    }

    public double minJaccard() {
        return minJaccard;
    }

    /** Rule 1: whether a paragraph takes part in cross-post dedup. @param key its {@link ParagraphKey} */
    public static boolean isCandidate(Paragraph paragraph, String key) {
        return paragraph.kind() == ParagraphKind.TEXT && key.length() >= MIN_CHARACTERS
                && (Shingles.hasWords(key, MIN_WORDS) || unspacedLetters(key, MIN_WORDS));
    }

    /**
     * Whether a key has at least {@code count} letters of scripts written without spaces between words (Han, Hiragana,
     * Katakana, Thai, Lao, Khmer, Myanmar), each of which counts as a word for {@link #isCandidate}: such text has no
     * spaces to count its words by, and a review found a verbatim repeat of a Chinese paragraph of 60 characters kept,
     * as one word. Its near copies are not found (its shingles are words, and it is one), its exact copies and previews
     * are.
     */
    static boolean unspacedLetters(String key, int count) {
        int letters = 0;
        for (int i = 0; i < key.length() && letters < count; ) {
            int cp = key.codePointAt(i);
            switch (Character.UnicodeScript.of(cp)) {
                case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> letters += Character.isLetter(cp) ? 1 : 0;
                default -> {
                }
            }
            i += Character.charCount(cp);
        }
        return letters >= count;
    }

    /** Rule 2: whether {@code copy} is an exact copy of {@code original} (their keys are equal). */
    public static boolean isExactCopy(String original, String copy) {
        return original.equals(copy);
    }

    /** Rule 3: the shingle Jaccard similarity when {@code copy} is a near copy of {@code original}, else empty. */
    public OptionalDouble nearCopy(String original, String copy) {
        return nearCopy(original, copy, FactTokens::of, Shingles::of);
    }

    /**
     * {@link #nearCopy(String, String)} with a key's fact tokens and shingles taken from the given functions, so
     * that a caller comparing one key with many computes each once.
     */
    public OptionalDouble nearCopy(String original, String copy, Function<String, List<String>> facts,
            Function<String, long[]> shingles) {
        if (original.equals(copy) || ParagraphKey.isTruncated(original) || ParagraphKey.isTruncated(copy)
                || !facts.apply(original).equals(facts.apply(copy))) {
            return OptionalDouble.empty();
        }
        double jaccard = Shingles.jaccard(shingles.apply(original), shingles.apply(copy));
        return jaccard >= minJaccard && addedWords(original, copy) <= MAX_ADDED_WORDS ? OptionalDouble.of(jaccard)
                : OptionalDouble.empty();
    }

    /**
     * How many words {@code copy} has that {@code original} lacks, counted with their repetitions (the size of the
     * multiset difference of their {@link KeyWords}): 1 for a word changed or put in, 0 for a word dropped.
     */
    public static int addedWords(String original, String copy) {
        Map<String, Integer> available = new HashMap<>();
        for (String word : KeyWords.of(original)) {
            available.merge(word, 1, Integer::sum);
        }
        int added = 0;
        for (String word : KeyWords.of(copy)) {
            Integer left = available.get(word);
            if (left == null || left == 0) {
                added++;
            } else {
                available.put(word, left - 1);
            }
        }
        return added;
    }

    /**
     * A necessary condition of {@link #nearCopy} that needs no text, for skipping candidates cheaply: equal fact
     * tokens (compared by hash), shingle counts whose ratio is at least {@code minJaccard} (Jaccard similarity is at
     * most the smaller set over the larger), and a copy of at most {@value #MAX_ADDED_WORDS} words more than its
     * original ({@link KeyWords#count}; a copy adds at least the difference). A candidate that fails it is not
     * compared, so it does not count against the judge's bound of candidates compared: a crowd of shortened copies
     * of an original must not hide the original from a copy of it that arrives after them.
     */
    public boolean mayBeNearCopy(int originalShingles, long originalFacts, int originalWords, int copyShingles,
            long copyFacts, int copyWords) {
        return originalFacts == copyFacts && copyWords <= originalWords + MAX_ADDED_WORDS
                && Math.min(originalShingles, copyShingles)
                        >= minJaccard * Math.max(originalShingles, copyShingles) - 1e-9;
    }

    /**
     * Rule 4: when {@code preview} is a truncated preview of {@code complete}, the share of {@code complete} it
     * shows; else empty.
     */
    public static OptionalDouble previewOf(String preview, String complete) {
        if (ParagraphKey.isTruncated(complete) || !ParagraphKey.isPreviewOf(preview, complete, ParagraphKey.MIN_PREVIEW_STEM)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) ParagraphKey.truncationStem(preview).length() / complete.length());
    }

    /** Whether a key is a preview that may stand for a complete paragraph: truncated, with a long enough stem. */
    public static boolean isPreview(String key) {
        return ParagraphKey.isTruncated(key) && ParagraphKey.truncationStem(key).length() >= ParagraphKey.MIN_PREVIEW_STEM;
    }

    /**
     * Rule 5: "earlier" order of two paragraphs (their posts in {@link PostOrder}, then their positions); negative when
     * the first is earlier.
     */
    public static int compare(Instant publishedA, String postA, int positionA, Instant publishedB, String postB,
            int positionB) {
        int c = PostOrder.compare(publishedA, postA, publishedB, postB);
        return c != 0 ? c : Integer.compare(positionA, positionB);
    }

    /** Strings in code point order: {@link PostOrder#compareCodePoints}. */
    public static int compareCodePoints(String a, String b) {
        return PostOrder.compareCodePoints(a, b);
    }

    /** The match of an exact copy of {@code original}. */
    public static Match exactMatch(Instant publishedAt, String postId, int position) {
        return new Match(postId, position, publishedAt, RemovalReason.PUBLISHED_BEFORE, 1.0);
    }

    /** The match of a near copy or a preview of {@code original}, with its similarity. */
    public static Match nearMatch(Instant publishedAt, String postId, int position, double similarity) {
        return new Match(postId, position, publishedAt, RemovalReason.NEAR_DUPLICATE, similarity);
    }

    /**
     * Rule 6: which of a paragraph's copies decides its removal: the preview's complete copy, else the exact copy,
     * else the near copy. Each argument is the earliest copy of its kind, or null.
     */
    public static Optional<Match> decisive(Match preview, Match exact, Match near) {
        return Optional.ofNullable(preview != null ? preview : exact != null ? exact : near);
    }

    /** The earlier of two matches (either may be null). */
    public static Match earlier(Match a, Match b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Match.ORDER.compare(a, b) <= 0 ? a : b;
    }
}
