package newsfeed.dedup.assembly;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.ParagraphVerdict;
import newsfeed.dedup.message.Submission;
import newsfeed.dedup.rules.ElisionMarkers;
import newsfeed.dedup.rules.RemovalRules;

/**
 * Decides a post from its submission and its paragraphs' verdicts (DESIGN §5 step 4): a candidate paragraph is
 * removed when any judge partition found a copy of it, the decisive one chosen by {@link RemovalRules#decisive}
 * among the earliest of each kind across partitions; the elision markers of a removed paragraph
 * ({@link ElisionMarkers}) go with it, pointing where it points. Pure.
 *
 * <p>Status: {@code REPOST} when the post has candidate paragraphs and every one was removed across posts, with
 * {@code duplicateOf} the post most of them copy (ties: the earliest); {@code PARTIAL} when some were; else
 * {@code UNIQUE}. Repeats within the post do not count.
 */
public final class PostAssembler {

    private PostAssembler() {
    }

    /** A post's decision, without the post. */
    public record Decision(List<Integer> kept, List<RemovedParagraph> removed, PostStatus status,
            String duplicateOf) {
    }

    /** The key of a verdict: which partition spoke on which paragraph. */
    public record VerdictKey(int position, int partition) {
    }

    /**
     * @param verdicts the latest verdict of each (position, partition) received
     * @return the decision, or empty while an expected verdict (of the expected version) is missing
     */
    public static Optional<Decision> decide(Submission submission, Map<VerdictKey, ParagraphVerdict> verdicts) {
        Map<Integer, Match[]> best = new TreeMap<>();
        for (Submission.Expected e : submission.expected()) {
            ParagraphVerdict v = verdicts.get(new VerdictKey(e.position(), e.partition()));
            if (v == null || v.claimId() != e.claimId()) {
                return Optional.empty();
            }
            Match[] kinds = best.computeIfAbsent(e.position(), p -> new Match[3]);
            kinds[0] = RemovalRules.earlier(kinds[0], v.preview());
            kinds[1] = RemovalRules.earlier(kinds[1], v.exact());
            kinds[2] = RemovalRules.earlier(kinds[2], v.near());
        }
        Map<Integer, RemovedParagraph> removed = new HashMap<>();
        submission.removedInPost().forEach(r -> removed.put(r.position(), r));
        List<Match> crossPost = new ArrayList<>();
        best.forEach((position, kinds) -> RemovalRules.decisive(kinds[0], kinds[1], kinds[2]).ifPresent(match -> {
            crossPost.add(match);
            removed.put(position, new RemovedParagraph(position, match.reason(), match.postId(), match.position(),
                    match.similarity()));
            for (int marker : ElisionMarkers.after(submission.post().paragraphs(), position)) {
                removed.put(marker, new RemovedParagraph(marker, match.reason(), match.postId(), match.position(),
                        match.similarity()));
            }
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
                : crossPost.size() == best.size() ? PostStatus.REPOST : PostStatus.PARTIAL;
        String duplicateOf = status == PostStatus.REPOST ? mostCopied(crossPost) : null;
        return Optional.of(new Decision(kept, removedInOrder, status, duplicateOf));
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
}
