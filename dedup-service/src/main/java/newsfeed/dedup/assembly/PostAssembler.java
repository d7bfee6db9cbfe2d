package newsfeed.dedup.assembly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.fingerprint.ClaimKeys;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.message.Verdict;

/**
 * Regroups the verdicts of a post's paragraphs with the post itself (DESIGN §5 step 4) and decides the post: a
 * candidate paragraph is removed when any of its claim keys found an earlier copy, an exact copy before a near one,
 * the earliest copy of each kind first. The post is sent when every verdict it waits for has arrived, and sent again,
 * revision + 1, whenever a later verdict changes the decision. A new submission of the post (a re-delivery or a
 * re-import) sends the current decision again under its current revision, which the store treats as a no-op. Pure.
 *
 * <p>Status: {@code REPOST} when the post has candidate paragraphs and every one was removed across posts, with
 * {@code duplicateOf} the post most of them copy (ties: the earliest); {@code PARTIAL} when some were; else
 * {@code UNIQUE}. Repeats within the post do not count.
 */
public final class PostAssembler {

    /**
     * @param state the new state of the post
     * @param emit  the decision to send, if any
     */
    public record Outcome(PostState state, Optional<DeduplicatedPost> emit) {
    }

    public Outcome onSubmission(PostState state, Submission submission) {
        Map<String, Match> verdicts = new HashMap<>();
        Set<String> expected = new HashSet<>();
        submission.expected().forEach(e -> expected.add(e.id()));
        if (state != null) {
            state.verdicts().forEach((id, match) -> {
                if (expected.contains(id)) {
                    verdicts.put(id, match);
                }
            });
        }
        DeduplicatedPost emitted = state == null ? null : state.emitted();
        PostState next = new PostState(submission, verdicts, emitted, submission.post().publishedAt());
        Optional<DeduplicatedPost> decision = decide(next);
        if (decision.isEmpty()) {
            return new Outcome(next, Optional.empty());
        }
        DeduplicatedPost post = withRevision(decision.get(), emitted);
        return new Outcome(new PostState(submission, verdicts, post, next.publishedAt()), Optional.of(post));
    }

    public Outcome onVerdict(PostState state, Verdict verdict) {
        Submission submission = state == null ? null : state.submission();
        if (submission != null && submission.expected().stream().noneMatch(e -> e.id().equals(verdict.id()))) {
            return new Outcome(state, Optional.empty());
        }
        Map<String, Match> verdicts = new HashMap<>(state == null ? Map.of() : state.verdicts());
        verdicts.put(verdict.id(), verdict.match() == null ? PostState.NO_MATCH : verdict.match());
        DeduplicatedPost emitted = state == null ? null : state.emitted();
        Instant publishedAt = submission == null ? verdict.publishedAt() : submission.post().publishedAt();
        PostState next = new PostState(submission, verdicts, emitted, publishedAt);
        Optional<DeduplicatedPost> decision = decide(next);
        if (decision.isEmpty() || (emitted != null && sameDecision(decision.get(), emitted))) {
            return new Outcome(next, Optional.empty());
        }
        DeduplicatedPost post = withRevision(decision.get(), emitted);
        return new Outcome(new PostState(submission, verdicts, post, publishedAt), Optional.of(post));
    }

    /** The decision, once the submission and all its verdicts are in. */
    static Optional<DeduplicatedPost> decide(PostState state) {
        Submission submission = state.submission();
        if (submission == null) {
            return Optional.empty();
        }
        Map<Integer, List<Found>> matches = new HashMap<>();
        for (Submission.ExpectedClaim claim : submission.expected()) {
            Match match = state.verdicts().get(claim.id());
            if (match == null) {
                return Optional.empty();
            }
            List<Found> list = matches.computeIfAbsent(claim.position(), p -> new ArrayList<>());
            if (!match.equals(PostState.NO_MATCH)) {
                list.add(new Found(ClaimKeys.of(claim.claimKey()), match));
            }
        }
        Map<Integer, RemovedParagraph> removed = new HashMap<>();
        submission.removedInPost().forEach(r -> removed.put(r.position(), r));
        List<Match> crossPost = new ArrayList<>();
        matches.forEach((position, found) -> chosen(found).ifPresent(match -> {
            crossPost.add(match);
            removed.put(position, new RemovedParagraph(position, match.reason(), match.postId(), match.position(),
                    match.similarity()));
        }));
        List<Integer> kept = new ArrayList<>();
        List<RemovedParagraph> removedInOrder = new ArrayList<>();
        for (int position = 0; position < submission.post().paragraphs().size(); position++) {
            if (removed.containsKey(position)) {
                removedInOrder.add(removed.get(position));
            } else {
                kept.add(position);
            }
        }
        PostStatus status = crossPost.isEmpty() ? PostStatus.UNIQUE
                : crossPost.size() == matches.size() ? PostStatus.REPOST : PostStatus.PARTIAL;
        String duplicateOf = status == PostStatus.REPOST ? mostCopied(crossPost) : null;
        return Optional.of(new DeduplicatedPost(submission.post(), kept, removedInOrder, status, duplicateOf, 0));
    }

    /** A match and the kind of claim key that found it. */
    private record Found(ClaimKeys kind, Match match) {
    }

    /**
     * The match that decides a paragraph: for a truncated preview, the complete copy (its head match), so that the
     * reader is sent to the full text; else the earliest exact copy; else the earliest near copy.
     */
    private static Optional<Match> chosen(List<Found> found) {
        return found.stream()
                .min(Comparator.comparing((Found f) -> f.kind() == ClaimKeys.HEAD ? 0
                        : f.match().reason() == RemovalReason.PUBLISHED_BEFORE ? 1 : 2)
                        .thenComparing(Found::match, Match.ORDER))
                .map(Found::match);
    }

    /** The post most removed paragraphs copy; ties go to the earliest post. */
    private static String mostCopied(List<Match> matches) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Match> earliest = new HashMap<>();
        for (Match match : matches) {
            counts.merge(match.postId(), 1, Integer::sum);
            earliest.merge(match.postId(), match, (a, b) -> Match.ORDER.compare(a, b) <= 0 ? a : b);
        }
        return counts.keySet().stream()
                .min(Comparator.comparing((String postId) -> -counts.get(postId))
                        .thenComparing(postId -> earliest.get(postId), Match.ORDER))
                .orElseThrow();
    }

    private static DeduplicatedPost withRevision(DeduplicatedPost decision, DeduplicatedPost emitted) {
        int revision = emitted == null ? 1 : sameDecision(decision, emitted) ? emitted.revision() : emitted.revision() + 1;
        return new DeduplicatedPost(decision.post(), decision.kept(), decision.removed(), decision.status(),
                decision.duplicateOf(), revision);
    }

    private static boolean sameDecision(DeduplicatedPost a, DeduplicatedPost b) {
        return a.post().equals(b.post()) && a.kept().equals(b.kept()) && a.removed().equals(b.removed())
                && a.status() == b.status() && Objects.equals(a.duplicateOf(), b.duplicateOf());
    }
}
