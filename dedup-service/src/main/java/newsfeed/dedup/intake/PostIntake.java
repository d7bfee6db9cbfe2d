package newsfeed.dedup.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.CandidateRule;
import newsfeed.dedup.fingerprint.Fingerprints;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.Claimant;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.post.WithinPostDeduplicator;

/**
 * The stateless half of DESIGN §5 step 1 and the claims of step 2, per post: within-post dedup, then for every
 * remaining candidate paragraph ({@link CandidateRule}) its fingerprints and one claim per claim key. Given the
 * post's previous {@link IntakeState}, it keeps the first receipt time and a fallback {@code publishedAt}, and
 * withdraws the claims the post no longer makes. Pure and thread-safe.
 */
public final class PostIntake {

    private final WithinPostDeduplicator withinPost = new WithinPostDeduplicator();
    private final ParagraphFingerprinter fingerprinter = new ParagraphFingerprinter();

    /**
     * @param submission what goes to the assembler
     * @param claims     claims to make and withdraw, in that order
     * @param state      what to remember of the post
     */
    public record Result(Submission submission, List<Claim> claims, IntakeState state) {
    }

    /** @param previous the post's state from an earlier delivery, or null */
    public Result take(NormalizedPost post, IntakeState previous) {
        if (previous != null) {
            // A re-delivery or re-import is the same post: it keeps the first receipt time, and a post without a date
            // of its own, which is dated by its receipt, keeps its place in time.
            Instant receivedAt = previous.receivedAt().isBefore(post.receivedAt()) ? previous.receivedAt()
                    : post.receivedAt();
            post = post.withTimes(post.publishedAtFallback() ? previous.publishedAt() : post.publishedAt(), receivedAt);
        }
        WithinPostDeduplicator.Decision inPost = withinPost.decide(post);
        Set<Integer> removedInPost = new HashSet<>();
        for (RemovedParagraph removed : inPost.removed()) {
            removedInPost.add(removed.position());
        }
        List<Submission.ExpectedClaim> expected = new ArrayList<>();
        List<IntakeState.ClaimedParagraph> claimed = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        Set<String> now = new HashSet<>();
        for (Paragraph paragraph : post.paragraphs()) {
            if (removedInPost.contains(paragraph.position())) {
                continue;
            }
            String key = ParagraphKey.of(paragraph.text());
            if (!CandidateRule.isCandidate(paragraph, key)) {
                continue;
            }
            Fingerprints fingerprints = fingerprinter.fingerprint(key);
            Claimant claimant = new Claimant(post.postId(), paragraph.position(), post.publishedAt(), key,
                    fingerprints.simHash());
            for (String claimKey : fingerprints.claimKeys()) {
                expected.add(new Submission.ExpectedClaim(paragraph.position(), claimKey));
                claims.add(new Claim(claimKey, claimant, false));
                now.add(paragraph.position() + " " + claimKey);
            }
            claimed.add(new IntakeState.ClaimedParagraph(claimant, fingerprints.claimKeys()));
        }
        if (previous != null) {
            for (IntakeState.ClaimedParagraph old : previous.paragraphs()) {
                for (String claimKey : old.claimKeys()) {
                    if (!now.contains(old.claimant().position() + " " + claimKey)) {
                        claims.add(new Claim(claimKey, old.claimant(), true));
                    }
                }
            }
        }
        Submission submission = new Submission(post, inPost.kept(), inPost.removed(), expected);
        return new Result(submission, claims, new IntakeState(post.publishedAt(), post.receivedAt(), claimed));
    }
}
