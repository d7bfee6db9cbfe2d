package newsfeed.contracts.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.PostOrder;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;

/**
 * The story rule (issue 12): which posts tell the same story, and the story's id. One rule for every caller: the
 * store applies it to the posts a write touches, tests apply it to whole sets of decisions.
 *
 * <p>A <b>link</b> is a paragraph dedup removed from one post in favour of another ({@code duplicateOf}, reason
 * {@link RemovalReason#PUBLISHED_BEFORE} or {@link RemovalReason#NEAR_DUPLICATE}); a {@code REPEATED_IN_POST} removal
 * links a post to itself and is no link, and neither is the removal of an elision marker, which goes with its paragraph
 * and points where that paragraph's removal does (counted twice, it would bring a kept paragraph nearer the
 * boilerplate limit below). A story is a connected component of the undirected graph of the posts
 * whose edges are the links between them; a post linked to nothing is a story of one. Links to a post that is not
 * among the posts (not stored yet, or never) are ignored until it is.
 *
 * <p><b>Boilerplate.</b> A kept paragraph that every post of a channel repeats (a footer, a subscription line that
 * is long enough not to be exempt) would glue all those posts into one story. So a link counts only if its kept
 * paragraph ({@code duplicateOf}, {@code duplicateOfPosition}) has at most {@code maxCopies} copies: links that point
 * to it, across all posts. The count is taken over the final set of decisions, never over what arrived so far.
 *
 * <p><b>storyId</b> is the postId of the story's earliest post in the pipeline's "earlier" order ({@link PostOrder}:
 * publishedAt, then postId in code point order). It depends only on the set of decisions, never on arrival order,
 * and changes only when an earlier post joins the story, or the story splits or merges.
 */
public final class StoryClusters {

    /** Default of {@code newsfeed.store.stories.max-copies}: a kept paragraph copied more often is boilerplate. */
    public static final int DEFAULT_MAX_COPIES = 30;

    private StoryClusters() {
    }

    /** A post of the graph: its id and publication time, which order it among its story's posts. */
    public record Post(String postId, Instant publishedAt) {
    }

    /** A kept paragraph: the post holding it and its position there (null when dedup did not say). */
    public record Kept(String postId, Integer position) {
    }

    /** A link: post {@code postId} had a paragraph removed in favour of {@code kept}. */
    public record Link(String postId, Kept kept) {
    }

    /** Whether a removal of a paragraph of {@code postId} is a story link. */
    public static boolean isLink(String postId, RemovalReason reason, String duplicateOf, ParagraphKind kind) {
        return reason != RemovalReason.REPEATED_IN_POST && duplicateOf != null && !duplicateOf.equals(postId)
                && kind != ParagraphKind.ELISION;
    }

    /** The story links of one decision, one per removed cross-post paragraph, by position. */
    public static List<Link> links(DeduplicatedPost decision) {
        List<Link> links = new ArrayList<>();
        for (RemovedParagraph r : decision.removed()) {
            if (isLink(decision.postId(), r.reason(), r.duplicateOf(),
                    decision.post().paragraphs().get(r.position()).kind())) {
                links.add(new Link(decision.postId(), new Kept(r.duplicateOf(), r.duplicateOfPosition())));
            }
        }
        return links;
    }

    /**
     * The stories of a whole set of decisions, the newest decision of each post being given once.
     *
     * @param maxCopies a kept paragraph with more copies than this links nothing (boilerplate)
     * @return postId → storyId, for every post given
     */
    public static Map<String, String> storyIds(Collection<DeduplicatedPost> decisions, int maxCopies) {
        List<Post> posts = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (DeduplicatedPost d : decisions) {
            posts.add(new Post(d.postId(), d.post().publishedAt()));
            links.addAll(links(d));
        }
        Map<Kept, Integer> copies = new HashMap<>();
        links.forEach(link -> copies.merge(link.kept(), 1, Integer::sum));
        return storyIds(posts, links, kept -> copies.getOrDefault(kept, 0), maxCopies);
    }

    /**
     * The stories of a part of the graph closed under links (every post linked to one given is given too, unless
     * the link is boilerplate).
     *
     * @param posts     the posts, each once
     * @param links     links among them (others are ignored)
     * @param copies    how many links point to a kept paragraph, over all decisions (not only these)
     * @param maxCopies a kept paragraph with more copies than this links nothing
     * @return postId → storyId, for every post given
     */
    public static Map<String, String> storyIds(Collection<Post> posts, Collection<Link> links,
            ToIntFunction<Kept> copies, int maxCopies) {
        Map<String, Post> byId = new HashMap<>();
        posts.forEach(p -> byId.put(p.postId(), p));
        Map<String, String> parent = new HashMap<>();
        byId.keySet().forEach(id -> parent.put(id, id));
        for (Link link : links) {
            String to = link.kept().postId();
            if (byId.containsKey(link.postId()) && byId.containsKey(to)
                    && copies.applyAsInt(link.kept()) <= maxCopies) {
                String a = root(parent, link.postId());
                String b = root(parent, to);
                if (!a.equals(b)) {
                    // the root stays the earliest post, so a component's root is its storyId
                    if (earlier(byId.get(a), byId.get(b))) {
                        parent.put(b, a);
                    } else {
                        parent.put(a, b);
                    }
                }
            }
        }
        Map<String, String> storyIds = new HashMap<>();
        byId.keySet().forEach(id -> storyIds.put(id, root(parent, id)));
        return storyIds;
    }

    private static boolean earlier(Post a, Post b) {
        return PostOrder.compare(a.publishedAt(), a.postId(), b.publishedAt(), b.postId()) < 0;
    }

    private static String root(Map<String, String> parent, String id) {
        String root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // path compression keeps later look-ups short
        for (String at = id; !at.equals(root); ) {
            String next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }
}
