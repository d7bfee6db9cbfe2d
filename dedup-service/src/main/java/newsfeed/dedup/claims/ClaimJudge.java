package newsfeed.dedup.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.ClaimKeys;
import newsfeed.dedup.fingerprint.FactTokens;
import newsfeed.dedup.fingerprint.NearDuplicateRule;
import newsfeed.dedup.fingerprint.SimHash;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.Claimant;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.Verdict;

/**
 * Decides, for every paragraph that claims one key, which earlier paragraph it copies (DESIGN §5 step 3). A
 * paragraph's verdict depends only on the set of claimants of the key, never on the order they arrived in: a
 * late-arriving older post corrects the verdicts of the newer ones. Pure and thread-safe.
 *
 * <ul>
 *   <li>Exact ({@code x:}): the earliest claimant with the same key (compared in full, so a fingerprint collision
 *       never removes anything) from another post.</li>
 *   <li>SimHash band ({@code s}): the earliest earlier claimant from another post within Hamming distance
 *       {@value SimHash#MAX_DISTANCE} that passes the {@link NearDuplicateRule}.</li>
 *   <li>MinHash band ({@code m}): the earliest earlier claimant from another post that passes the rule.</li>
 *   <li>Head ({@code h:}): for a truncated preview, the earliest complete paragraph of another post that starts with
 *       the preview's stem, earlier or later: the complete copy is the one kept.</li>
 * </ul>
 *
 * <p>Every verdict is "the first claimant, in {@link Claimant#ORDER}, that matches", so a claim is applied
 * incrementally: an arriving claimant is judged against the bucket (O(n) comparisons) and changes another claimant's
 * verdict only when it matches it and comes before that claimant's current match; a withdrawal re-judges only the
 * claimants whose match it was. A bucket of n claimants thus costs O(n) comparisons per claim, not O(n²).
 *
 * <p>A bucket holds at most {@code maxClaimants} claimants and {@code maxKeyChars} characters of keys: a key that
 * every post claims (a channel's footer, a templated bulletin line) would otherwise grow until its state-store value
 * no longer fits a Kafka record. Past either bound the earliest claimants leave the bucket first, like an early
 * expiry: their verdicts stand, and so do the verdicts that name them (until they are withdrawn), but they no longer
 * match later arrivals.
 */
public final class ClaimJudge {

    /** Default most claimants per bucket. */
    public static final int DEFAULT_MAX_CLAIMANTS = 100;

    /**
     * Default most key characters per bucket: with up to 3 UTF-8 bytes per character and the JSON around each
     * claimant, a bucket stays well under Kafka's default 1 MB record limit (its changelog topic).
     */
    public static final int DEFAULT_MAX_KEY_CHARS = 100_000;

    private final NearDuplicateRule nearRule;
    private final int maxClaimants;
    private final int maxKeyChars;

    /** A judge with the default bucket bounds. */
    public ClaimJudge(NearDuplicateRule nearRule) {
        this(nearRule, DEFAULT_MAX_CLAIMANTS, DEFAULT_MAX_KEY_CHARS);
    }

    /**
     * @param maxClaimants most claimants a bucket keeps, at least 1
     * @param maxKeyChars  most characters of keys a bucket keeps (the latest-published claimant is always kept)
     */
    public ClaimJudge(NearDuplicateRule nearRule, int maxClaimants, int maxKeyChars) {
        if (maxClaimants < 1 || maxKeyChars < 1) {
            throw new IllegalArgumentException("bucket bounds must be positive, got " + maxClaimants
                    + " claimants and " + maxKeyChars + " key characters");
        }
        this.nearRule = nearRule;
        this.maxClaimants = maxClaimants;
        this.maxKeyChars = maxKeyChars;
    }

    /**
     * @param bucket   the key's state (null if none)
     * @param verdicts the verdicts to send; the arriving claimant's always, the others' when they changed
     * @param evicted  how many of the earliest claimants left the bucket to keep it within its bounds
     */
    public record Outcome(Bucket bucket, List<Verdict> verdicts, int evicted) {
    }

    /** Applies a claim (or its withdrawal) to the state of its key. */
    public Outcome apply(Bucket bucket, Claim claim) {
        List<Claimant> claimants = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        int present = -1;
        if (bucket != null) {
            for (Bucket.Entry entry : bucket.entries()) {
                if (entry.claimant().sameParagraphAs(claim.claimant())) {
                    present = claimants.size();
                }
                claimants.add(entry.claimant());
                matches.add(entry.verdict());
            }
        }
        Claimant leaving = present >= 0 ? claimants.get(present) : claim.withdrawn() ? claim.claimant() : null;
        if (leaving != null && present < 0 && matches.stream().noneMatch(match -> names(match, leaving))) {
            return new Outcome(bucket, List.of(), 0);
        }
        ClaimKeys kind = ClaimKeys.of(claim.claimKey());
        Comparisons comparisons = new Comparisons();
        if (leaving != null) {
            // also when it was evicted: the verdicts that still name it must not outlive it
            if (present >= 0) {
                claimants.remove(present);
                matches.remove(present);
            }
            for (int i = 0; i < claimants.size(); i++) {
                if (names(matches.get(i), leaving)) {
                    matches.set(i, judge(kind, claimants.get(i), claimants, comparisons));
                }
            }
        }
        if (!claim.withdrawn()) {
            Claimant arriving = claim.claimant();
            int at = insertionPoint(claimants, arriving);
            claimants.add(at, arriving);
            matches.add(at, null);
            matches.set(at, judge(kind, arriving, claimants, comparisons));
            for (int i = 0; i < claimants.size(); i++) {
                Match current = matches.get(i);
                if (i == at || (current != null && !comesBefore(arriving, current))) {
                    continue;
                }
                Match match = match(kind, arriving, claimants.get(i), comparisons);
                if (match != null) {
                    matches.set(i, match);
                }
            }
        }
        int evicted = evictionCount(claimants);
        Map<Claimant, Match> before = new HashMap<>();
        if (bucket != null) {
            bucket.entries().forEach(entry -> before.put(entry.claimant(), entry.verdict()));
        }
        List<Bucket.Entry> kept = new ArrayList<>(claimants.size() - evicted);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < claimants.size(); i++) {
            Claimant claimant = claimants.get(i);
            Match match = matches.get(i);
            boolean arriving = !claim.withdrawn() && claimant.sameParagraphAs(claim.claimant());
            if (arriving || !Objects.equals(match, before.get(claimant))) {
                verdicts.add(new Verdict(claimant.postId(), claimant.position(), claimant.publishedAt(),
                        claim.claimKey(), match));
            }
            if (i >= evicted) {
                kept.add(new Bucket.Entry(claimant, match));
            }
        }
        return new Outcome(kept.isEmpty() ? null : new Bucket(kept), verdicts, evicted);
    }

    /** Removes claimants published before {@code cutoff}; no verdict changes are sent for an expiry. */
    public static Bucket expire(Bucket bucket, Instant cutoff) {
        List<Bucket.Entry> kept = bucket.entries().stream()
                .filter(e -> !e.claimant().publishedAt().isBefore(cutoff))
                .toList();
        return kept.isEmpty() ? null : kept.size() == bucket.entries().size() ? bucket : new Bucket(kept);
    }

    /** How many of the earliest claimants must leave so that the rest fit the bounds; the last one always stays. */
    private int evictionCount(List<Claimant> claimants) {
        long chars = 0;
        for (Claimant claimant : claimants) {
            chars += claimant.key().length();
        }
        int evicted = 0;
        while (claimants.size() - evicted > 1
                && (claimants.size() - evicted > maxClaimants || chars > maxKeyChars)) {
            chars -= claimants.get(evicted).key().length();
            evicted++;
        }
        return evicted;
    }

    /** Whether {@code match} names {@code claimant}'s paragraph. */
    private static boolean names(Match match, Claimant claimant) {
        return match != null && match.postId().equals(claimant.postId()) && match.position() == claimant.position();
    }

    private static int insertionPoint(List<Claimant> claimants, Claimant claimant) {
        int at = Collections.binarySearch(claimants, claimant, Claimant.ORDER);
        return at >= 0 ? at : -at - 1;
    }

    /** Whether {@code claimant} comes before the paragraph {@code match} names, in {@link Claimant#ORDER}. */
    private static boolean comesBefore(Claimant claimant, Match match) {
        int c = claimant.publishedAt().compareTo(match.publishedAt());
        if (c == 0) {
            c = claimant.postId().compareTo(match.postId());
        }
        if (c == 0) {
            c = Integer.compare(claimant.position(), match.position());
        }
        return c < 0;
    }

    /** The verdict of {@code x}: its first match among {@code claimants} (sorted by {@link Claimant#ORDER}). */
    private Match judge(ClaimKeys kind, Claimant x, List<Claimant> claimants, Comparisons comparisons) {
        for (Claimant e : claimants) {
            if (kind != ClaimKeys.HEAD && !e.isEarlierThan(x)) {
                return null;
            }
            Match match = match(kind, e, x, comparisons);
            if (match != null) {
                return match;
            }
        }
        return null;
    }

    /** Whether {@code x} copies {@code e} under this kind of key, as a match naming {@code e}; null if not. */
    private Match match(ClaimKeys kind, Claimant e, Claimant x, Comparisons comparisons) {
        if (e.postId().equals(x.postId())) {
            return null;
        }
        switch (kind) {
            case EXACT -> {
                return e.isEarlierThan(x) && e.key().equals(x.key())
                        ? Match.of(e, RemovalReason.PUBLISHED_BEFORE, 1.0) : null;
            }
            case SIMHASH, MINHASH -> {
                if (!e.isEarlierThan(x)
                        || (kind == ClaimKeys.SIMHASH && SimHash.distance(e.simHash(), x.simHash())
                                > SimHash.MAX_DISTANCE)) {
                    return null;
                }
                OptionalDouble similarity = comparisons.near(e.key(), x.key());
                return similarity.isPresent()
                        ? Match.of(e, RemovalReason.NEAR_DUPLICATE, similarity.getAsDouble()) : null;
            }
            case HEAD -> {
                if (!ParagraphKey.isTruncated(x.key()) || ParagraphKey.isTruncated(e.key())) {
                    return null;
                }
                String stem = ParagraphKey.truncationStem(x.key());
                return e.key().length() > stem.length() && e.key().startsWith(stem)
                        ? Match.of(e, RemovalReason.NEAR_DUPLICATE, (double) stem.length() / e.key().length())
                        : null;
            }
            default -> throw new IllegalStateException("unknown claim kind " + kind);
        }
    }

    /**
     * Near-duplicate checks of one claim, remembered so that each pair of keys is compared once and each key's fact
     * tokens are computed once.
     */
    private final class Comparisons {
        private final Map<String, OptionalDouble> results = new HashMap<>();
        private final Map<String, List<String>> facts = new HashMap<>();

        OptionalDouble near(String earlier, String later) {
            return results.computeIfAbsent(earlier + "\u0000" + later,
                    k -> nearRule.similarity(earlier, later, this::facts));
        }

        private List<String> facts(String key) {
            return facts.computeIfAbsent(key, FactTokens::of);
        }
    }
}
