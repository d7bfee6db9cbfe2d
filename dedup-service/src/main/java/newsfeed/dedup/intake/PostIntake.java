package newsfeed.dedup.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.fingerprint.ParagraphSignature;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.ParagraphClaim;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.post.WithinPostDeduplicator;
import newsfeed.dedup.rules.RemovalRules;
import newsfeed.dedup.topology.Watermark;

/**
 * The stateless half of DESIGN §5 step 1 and the claims of step 2, per post: within-post dedup, then for every
 * remaining candidate paragraph ({@link RemovalRules#isCandidate}) its signature, and the post's claims grouped by
 * the judge partition that owns each claim key: one {@link ClaimBatch} per partition, each paragraph's key text
 * once in it. Given the post's previous {@link IntakeState}, it keeps the first receipt time and a {@code publishedAt}
 * that was a receipt time (a fallback or a clamp), and sends an empty batch to a partition the post no longer claims
 * at; the submission still carries this delivery's own receipt time. Pure and thread-safe.
 */
public final class PostIntake {

    private final WithinPostDeduplicator withinPost = new WithinPostDeduplicator();
    private final ParagraphFingerprinter fingerprinter = new ParagraphFingerprinter();
    private final int partitions;

    /** @param partitions how many judge partitions there are ({@code newsfeed.dedup.claim-partitions}) */
    public PostIntake(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("claim partitions must be positive, got " + partitions);
        }
        this.partitions = partitions;
    }

    /**
     * @param submission what goes to the assembler
     * @param claims     one batch per judge partition that holds or held the post's claims
     * @param state      what to remember of the post
     */
    public record Result(Submission submission, List<ClaimBatch> claims, IntakeState state) {
    }

    /** @param previous the post's state from an earlier delivery, or null */
    public Result take(NormalizedPost post, IntakeState previous) {
        Instant deliveredAt = post.receivedAt();
        if (previous != null) {
            // A re-delivery or re-import is the same post: it keeps the first receipt time, and a post dated by its
            // receipt (no date of its own, or one too far in the future) keeps its place in time, with the flags that
            // say where that date came from (a state written before they were kept leaves the delivery's own)
            Instant receivedAt = previous.receivedAt().isBefore(post.receivedAt()) ? previous.receivedAt()
                    : post.receivedAt();
            if (post.publishedAtFromReceipt() && previous.dating() != null) {
                IntakeState.Dating dating = previous.dating();
                post = post.withPublication(previous.publishedAt(), dating.fallback(), dating.clamped(),
                        dating.derived(), dating.zoneAssumed());
            }
            post = post.withTimes(post.publishedAtFromReceipt() ? previous.publishedAt() : post.publishedAt(),
                    receivedAt);
        }
        WithinPostDeduplicator.Decision inPost = withinPost.decide(post);
        Set<Integer> removedInPost = new HashSet<>();
        for (RemovedParagraph removed : inPost.removed()) {
            removedInPost.add(removed.position());
        }
        Map<Integer, List<ParagraphClaim>> byPartition = new TreeMap<>();
        List<Submission.Expected> expected = new ArrayList<>();
        for (Paragraph paragraph : post.paragraphs()) {
            if (removedInPost.contains(paragraph.position())) {
                continue;
            }
            String key = inPost.keys().get(paragraph.position());
            if (key == null || !RemovalRules.isCandidate(paragraph, key)) {
                continue;
            }
            ParagraphSignature signature = fingerprinter.fingerprint(key);
            long claimId = claimId(signature, post.publishedAt());
            Map<Integer, List<ClaimKey>> keys = new TreeMap<>();
            for (ClaimKey claimKey : signature.claimKeys()) {
                keys.computeIfAbsent(claimKey.partition(partitions), p -> new ArrayList<>()).add(claimKey);
            }
            for (Map.Entry<Integer, List<ClaimKey>> at : keys.entrySet()) {
                byPartition.computeIfAbsent(at.getKey(), p -> new ArrayList<>()).add(new ParagraphClaim(
                        paragraph.position(), claimId, key, signature.truncated(), signature.shingles(),
                        signature.facts(), at.getValue()));
                expected.add(new Submission.Expected(paragraph.position(), at.getKey(), claimId));
            }
        }
        Set<Integer> targets = new TreeSet<>(byPartition.keySet());
        if (previous != null) {
            targets.addAll(previous.partitions());
        }
        List<ClaimBatch> batches = new ArrayList<>();
        for (int partition : targets) {
            batches.add(new ClaimBatch(post.postId(), partition, post.publishedAt(),
                    byPartition.getOrDefault(partition, List.of()), Watermark.memoryTime(post.publishedAt(),
                    post.receivedAt())));
        }
        Submission submission = new Submission(post, inPost.kept(), inPost.removed(), expected, deliveredAt);
        return new Result(submission, batches, new IntakeState(post.publishedAt(), post.receivedAt(),
                byPartition.keySet(), IntakeState.Dating.of(post)));
    }

    /** Identifies a version of a paragraph: its exact fingerprint and its post's publication time. */
    static long claimId(ParagraphSignature signature, Instant publishedAt) {
        long h = signature.exact().high() * 31 + signature.exact().low();
        h = h * 31 + publishedAt.getEpochSecond();
        h = h * 31 + publishedAt.getNano();
        // MurmurHash3's fmix64: every input bit affects every output bit
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
