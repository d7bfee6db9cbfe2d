package newsfeed.dedup.volume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.workload.NewsCorpus;

/**
 * A {@link NewsCorpus} as the normalized posts dedup-service reads, and the check of dedup's decisions against the
 * corpus's planted repeats.
 */
public final class CorpusPosts {

    private CorpusPosts() {
    }

    static String postId(String source, int index) {
        return source + ":" + index;
    }

    public static List<NormalizedPost> normalized(NewsCorpus corpus, String source) {
        return normalized(corpus, source, null);
    }

    /** @param footer a last paragraph every post repeats (a channel's signature line), or null */
    static List<NormalizedPost> normalized(NewsCorpus corpus, String source, String footer) {
        List<NormalizedPost> posts = new ArrayList<>();
        for (NewsCorpus.Post post : corpus.posts()) {
            List<Paragraph> paragraphs = new ArrayList<>();
            for (String text : post.normalizedParagraphs()) {
                paragraphs.add(new Paragraph(paragraphs.size(), text, ParagraphKind.TEXT));
            }
            if (footer != null) {
                paragraphs.add(new Paragraph(paragraphs.size(), footer, ParagraphKind.TEXT));
            }
            posts.add(new NormalizedPost(postId(source, post.index()), source, post.publishedAt(),
                    post.publishedAt(), post.headline(), null, paragraphs, List.of(), List.of(), null, null, 1,
                    false));
        }
        return posts;
    }

    /**
     * Every paragraph whose decision differs from the answer: a planted repeat not removed across posts, or removed
     * with another reason or original; any other paragraph removed across posts. Empty when all is right.
     */
    public static List<String> mismatches(NewsCorpus corpus, String source,
            Map<String, DeduplicatedPost> decisions) {
        return mismatches(corpus, source, decisions, false);
    }

    /**
     * @param footer whether every post ends with the same footer, which only the first post keeps: every other
     *               post's is an exact copy of post 0's
     */
    static List<String> mismatches(NewsCorpus corpus, String source, Map<String, DeduplicatedPost> decisions,
            boolean footer) {
        Map<String, NewsCorpus.Planted> planted = new HashMap<>();
        corpus.planted().forEach(p -> planted.put(p.post() + "/" + NewsCorpus.Post.normalizedPosition(p.paragraph()),
                p));
        List<String> wrong = new ArrayList<>();
        for (NewsCorpus.Post post : corpus.posts()) {
            String postId = postId(source, post.index());
            DeduplicatedPost decision = decisions.get(postId);
            if (decision == null) {
                wrong.add(postId + ": no decision");
                continue;
            }
            Map<Integer, RemovedParagraph> crossPost = new TreeMap<>();
            for (RemovedParagraph r : decision.removed()) {
                if (r.reason() != RemovalReason.REPEATED_IN_POST) {
                    crossPost.put(r.position(), r);
                }
            }
            int footerAt = post.normalizedParagraphs().size();
            if (footer) {
                RemovedParagraph actual = crossPost.get(footerAt);
                RemovedParagraph want = post.index() == 0 ? null : new RemovedParagraph(footerAt,
                        RemovalReason.PUBLISHED_BEFORE, postId(source, 0), footerAt, 1.0);
                if (!java.util.Objects.equals(actual, want)) {
                    wrong.add(postId + "#" + footerAt + " footer: expected " + want + ", decided " + actual);
                }
            }
            for (int position = 0; position < post.normalizedParagraphs().size(); position++) {
                NewsCorpus.Planted expected = planted.get(post.index() + "/" + position);
                RemovedParagraph actual = crossPost.get(position);
                if (expected == null) {
                    if (actual != null) {
                        wrong.add(postId + "#" + position + " removed as " + actual + " but is original");
                    }
                    continue;
                }
                RemovedParagraph want = new RemovedParagraph(position,
                        expected.kind() == NewsCorpus.RepeatKind.VERBATIM ? RemovalReason.PUBLISHED_BEFORE
                                : RemovalReason.NEAR_DUPLICATE,
                        postId(source, expected.originalPost()),
                        NewsCorpus.Post.normalizedPosition(expected.originalParagraph()),
                        actual == null ? 0 : actual.similarity());
                if (actual == null || !actual.equals(want)
                        || (expected.kind() == NewsCorpus.RepeatKind.VERBATIM && actual.similarity() != 1.0)) {
                    wrong.add(postId + "#" + position + " planted " + expected.kind() + " of "
                            + want.duplicateOf() + "#" + want.duplicateOfPosition() + ", decided "
                            + (actual == null ? "kept" : actual.reason() + " of " + actual.duplicateOf() + "#"
                                    + actual.duplicateOfPosition()));
                }
            }
        }
        return wrong;
    }
}
