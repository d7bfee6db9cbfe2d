package newsfeed.dedup.fingerprint;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import newsfeed.contracts.text.ParagraphKey;

/**
 * When a paragraph is a near copy of an earlier one (DESIGN §5 rule 3): their keys differ, neither is a truncated
 * preview (previews are matched by their head, and a preview never stands for a complete paragraph), their fact
 * tokens are the same ({@link FactTokens}), and the Jaccard similarity of their 3-word shingle sets is at least
 * {@code minJaccard}.
 *
 * <p>The default threshold, {@value #DEFAULT_MIN_JACCARD}, was chosen on the labelled set
 * ({@code src/test/resources/labelled}): its one-word edits (substitution, insertion or deletion in paragraphs of
 * 19–28 words) score 0.70 to 0.84, while the kept paragraphs that share a long opening with an earlier one score at
 * most 0.35, and every threshold from 0.35 to 0.70 decides the whole set as labelled; 0.55 sits between the two
 * groups. Look-alikes with other numbers or dates score up to 0.87 and are told apart by their fact tokens only.
 */
public final class NearDuplicateRule {

    public static final double DEFAULT_MIN_JACCARD = 0.55;

    private final double minJaccard;

    public NearDuplicateRule(double minJaccard) {
        if (!(minJaccard > 0 && minJaccard <= 1)) {
            throw new IllegalArgumentException("minimum Jaccard similarity must be in (0, 1], got " + minJaccard);
        }
        this.minJaccard = minJaccard;
    }

    public double minJaccard() {
        return minJaccard;
    }

    /**
     * @return the shingle Jaccard similarity when {@code later} is a near copy of {@code earlier}, else empty
     */
    public OptionalDouble similarity(String earlier, String later) {
        return similarity(earlier, later, FactTokens::of);
    }

    /**
     * {@link #similarity(String, String)} with the fact tokens of a key taken from {@code facts}, so that a caller
     * comparing one key with many can compute each key's facts once.
     *
     * @param facts {@link FactTokens#of} or a memo of it
     */
    public OptionalDouble similarity(String earlier, String later, Function<String, List<String>> facts) {
        if (earlier.equals(later) || ParagraphKey.isTruncated(earlier) || ParagraphKey.isTruncated(later)
                || !facts.apply(earlier).equals(facts.apply(later))) {
            return OptionalDouble.empty();
        }
        double jaccard = Shingles.jaccard(Shingles.of(earlier), Shingles.of(later));
        return jaccard >= minJaccard ? OptionalDouble.of(jaccard) : OptionalDouble.empty();
    }
}
