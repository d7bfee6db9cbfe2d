package newsfeed.dedup.claims;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.ParagraphVerdict;
import newsfeed.dedup.rules.RemovalRules;

/**
 * The judge's definition, written as plainly as possible for tests: every paragraph of a partition judged against
 * every other from scratch, no bound, no index. For paragraph x: its exact copy is the earliest earlier paragraph of
 * another post with the same exact key and the same key text; its near copy the earliest earlier complete paragraph
 * of another post sharing a head, middle or tail key that {@link RemovalRules#nearCopy} accepts; for a preview, its
 * complete copy the earliest complete paragraph of another post whose head key has the hash of its preview key and
 * that {@link RemovalRules#previewOf} accepts.
 */
final class ReferenceClaimJudge {

    private final RemovalRules rules;

    ReferenceClaimJudge(RemovalRules rules) {
        this.rules = rules;
    }

    /** @return the verdict of every paragraph, by {@code postId#position} */
    Map<String, ParagraphVerdict> judge(List<JudgedParagraph> all) {
        Map<String, ParagraphVerdict> out = new HashMap<>();
        for (JudgedParagraph x : all) {
            Match exact = null;
            Match near = null;
            Match preview = null;
            for (JudgedParagraph y : all) {
                if (y.postId().equals(x.postId())) {
                    continue;
                }
                Set<ClaimKind> shared = shared(x, y);
                boolean earlier = y.isEarlierThan(x);
                if (earlier && shared.contains(ClaimKind.EXACT) && RemovalRules.isExactCopy(y.key(), x.key())) {
                    exact = RemovalRules.earlier(exact, RemovalRules.exactMatch(y.publishedAt(), y.postId(),
                            y.position()));
                }
                boolean nearKey = shared.contains(ClaimKind.HEAD) || shared.contains(ClaimKind.MIDDLE)
                        || shared.contains(ClaimKind.TAIL);
                OptionalDouble similarity = earlier && nearKey ? rules.nearCopy(y.key(), x.key())
                        : OptionalDouble.empty();
                if (similarity.isPresent()) {
                    near = RemovalRules.earlier(near, RemovalRules.nearMatch(y.publishedAt(), y.postId(),
                            y.position(), similarity.getAsDouble()));
                }
                OptionalDouble share = previews(x, y) ? RemovalRules.previewOf(x.key(), y.key())
                        : OptionalDouble.empty();
                if (share.isPresent()) {
                    preview = RemovalRules.earlier(preview, RemovalRules.nearMatch(y.publishedAt(), y.postId(),
                            y.position(), share.getAsDouble()));
                }
            }
            out.put(x.postId() + "#" + x.position(), new ParagraphVerdict(x.position(), x.claimId(), exact, near,
                    preview));
        }
        return out;
    }

    /** Whether x's preview key has the hash of y's head key: where a preview meets what it may preview. */
    private static boolean previews(JudgedParagraph x, JudgedParagraph y) {
        return x.claimKeys().stream().filter(k -> k.kind() == ClaimKind.PREVIEW)
                .anyMatch(k -> y.claimKeys().contains(k.as(ClaimKind.HEAD)));
    }

    private static Set<ClaimKind> shared(JudgedParagraph x, JudgedParagraph y) {
        Set<ClaimKind> out = new HashSet<>();
        for (ClaimKey a : x.claimKeys()) {
            if (y.claimKeys().contains(a)) {
                out.add(a.kind());
            }
        }
        return out;
    }
}
