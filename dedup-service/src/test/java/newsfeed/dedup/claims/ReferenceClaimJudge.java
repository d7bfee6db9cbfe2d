package newsfeed.dedup.claims;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.ClaimKeys;
import newsfeed.dedup.fingerprint.NearDuplicateRule;
import newsfeed.dedup.fingerprint.SimHash;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.Claimant;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.Verdict;

/**
 * The judge as it was first written: after every claim it re-judges every claimant of the bucket against all the
 * others (O(n²) comparisons per claim) and has no bounds. Kept as the test oracle of {@link ClaimJudge}, whose
 * incremental judgement must give the same buckets and verdicts, and as the baseline of its benchmark.
 */
public final class ReferenceClaimJudge {

    private final NearDuplicateRule nearRule;

    public ReferenceClaimJudge(NearDuplicateRule nearRule) {
        this.nearRule = nearRule;
    }

    /**
     * @param bucket the key's state (null or empty if none)
     * @param verdicts the verdicts to send; the arriving claimant's always, the others' when they changed
     */
    public record Outcome(Bucket bucket, List<Verdict> verdicts) {
    }

    /** Applies a claim (or its withdrawal) to the state of its key. */
    public Outcome apply(Bucket bucket, Claim claim) {
        List<Bucket.Entry> entries = new ArrayList<>();
        boolean present = false;
        if (bucket != null) {
            for (Bucket.Entry entry : bucket.entries()) {
                if (entry.claimant().sameParagraphAs(claim.claimant())) {
                    present = true;
                } else {
                    entries.add(entry);
                }
            }
        }
        if (claim.withdrawn() && !present) {
            return new Outcome(bucket, List.of());
        }
        if (!claim.withdrawn()) {
            entries.add(new Bucket.Entry(claim.claimant(), null));
            entries.sort((a, b) -> Claimant.ORDER.compare(a.claimant(), b.claimant()));
        }
        ClaimKeys kind = ClaimKeys.of(claim.claimKey());
        Comparisons comparisons = new Comparisons();
        List<Bucket.Entry> judged = new ArrayList<>(entries.size());
        List<Verdict> verdicts = new ArrayList<>();
        for (Bucket.Entry entry : entries) {
            Claimant claimant = entry.claimant();
            Match match = judge(kind, claimant, entries, comparisons);
            boolean arriving = !claim.withdrawn() && claimant.sameParagraphAs(claim.claimant());
            if (arriving || !Objects.equals(match, entry.verdict())) {
                verdicts.add(new Verdict(claimant.postId(), claimant.position(), claimant.publishedAt(),
                        claim.claimKey(), match));
            }
            judged.add(new Bucket.Entry(claimant, match));
        }
        return new Outcome(judged.isEmpty() ? null : new Bucket(judged), verdicts);
    }

    private Match judge(ClaimKeys kind, Claimant x, List<Bucket.Entry> entries, Comparisons comparisons) {
        switch (kind) {
            case EXACT -> {
                for (Bucket.Entry entry : entries) {
                    Claimant e = entry.claimant();
                    if (!e.isEarlierThan(x)) {
                        return null;
                    }
                    if (!e.postId().equals(x.postId()) && e.key().equals(x.key())) {
                        return Match.of(e, RemovalReason.PUBLISHED_BEFORE, 1.0);
                    }
                }
                return null;
            }
            case SIMHASH, MINHASH -> {
                for (Bucket.Entry entry : entries) {
                    Claimant e = entry.claimant();
                    if (!e.isEarlierThan(x)) {
                        return null;
                    }
                    if (e.postId().equals(x.postId())
                            || (kind == ClaimKeys.SIMHASH && SimHash.distance(e.simHash(), x.simHash())
                                    > SimHash.MAX_DISTANCE)) {
                        continue;
                    }
                    OptionalDouble similarity = comparisons.near(e.key(), x.key());
                    if (similarity.isPresent()) {
                        return Match.of(e, RemovalReason.NEAR_DUPLICATE, similarity.getAsDouble());
                    }
                }
                return null;
            }
            case HEAD -> {
                if (!ParagraphKey.isTruncated(x.key())) {
                    return null;
                }
                String stem = ParagraphKey.truncationStem(x.key());
                for (Bucket.Entry entry : entries) {
                    Claimant e = entry.claimant();
                    if (!e.postId().equals(x.postId()) && !ParagraphKey.isTruncated(e.key())
                            && e.key().length() > stem.length() && e.key().startsWith(stem)) {
                        return Match.of(e, RemovalReason.NEAR_DUPLICATE, (double) stem.length() / e.key().length());
                    }
                }
                return null;
            }
            default -> throw new IllegalStateException("unknown claim kind " + kind);
        }
    }

    /** Near-duplicate checks of one judgement, remembered so that each pair of keys is compared once. */
    private final class Comparisons {
        private final Map<String, OptionalDouble> results = new HashMap<>();

        OptionalDouble near(String earlier, String later) {
            return results.computeIfAbsent(earlier + "\u0000" + later, k -> nearRule.similarity(earlier, later));
        }
    }
}
