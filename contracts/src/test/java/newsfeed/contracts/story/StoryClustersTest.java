package newsfeed.contracts.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import org.junit.jupiter.api.Test;

class StoryClustersTest {

    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");

    /** A decision of a post with one kept paragraph at 0 and one removed paragraph per removal, from position 1. */
    private static DeduplicatedPost post(String postId, long hour, RemovedParagraph... removed) {
        List<Paragraph> paragraphs = new ArrayList<>();
        paragraphs.add(new Paragraph(0, "kept of " + postId, ParagraphKind.TEXT));
        List<RemovedParagraph> list = new ArrayList<>();
        for (RemovedParagraph r : removed) {
            int position = paragraphs.size();
            paragraphs.add(new Paragraph(position, "copy " + position, ParagraphKind.TEXT));
            list.add(new RemovedParagraph(position, r.reason(), r.duplicateOf(), r.duplicateOfPosition(), 1.0));
        }
        Instant at = T.plusSeconds(3600 * hour);
        NormalizedPost p = new NormalizedPost(postId, postId.substring(0, postId.indexOf(':')), at, at, "t", null,
                paragraphs, List.of(), List.of(), null, null, 1, false);
        return new DeduplicatedPost(p, List.of(0), list, removed.length == 0 ? PostStatus.UNIQUE : PostStatus.PARTIAL,
                null, 1);
    }

    private static RemovedParagraph copyOf(String postId, int position) {
        return new RemovedParagraph(0, RemovalReason.PUBLISHED_BEFORE, postId, position, 1.0);
    }

    private static RemovedParagraph nearOf(String postId, int position) {
        return new RemovedParagraph(0, RemovalReason.NEAR_DUPLICATE, postId, position, 0.8);
    }

    @Test
    void linkedPostsShareTheIdOfTheirEarliestPostAndALonePostIsItsOwnStory() {
        // b copies a, c near-copies b (a chain), d repeats itself only, e copies a post that is not there
        List<DeduplicatedPost> decisions = List.of(
                post("w:a", 1), post("w:b", 2, copyOf("w:a", 0)), post("w:c", 3, nearOf("w:b", 0)),
                post("w:d", 4, new RemovedParagraph(0, RemovalReason.REPEATED_IN_POST, "w:d", 0, 1.0)),
                post("w:e", 5, copyOf("w:missing", 0)));

        assertThat(StoryClusters.storyIds(decisions, 30)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "w:a", "w:a", "w:b", "w:a", "w:c", "w:a", "w:d", "w:d", "w:e", "w:e"));
    }

    @Test
    void theStoryIsNamedByTheEarliestPostWhateverDirectionTheLinksTakeAndTiesGoByCodePoints() {
        // equal times: "metro:605" < "metro:99" in code point order; a later post may hold the kept copy (previews)
        List<DeduplicatedPost> decisions = List.of(post("metro:99", 1), post("metro:605", 1, copyOf("metro:99", 0)),
                post("a:1", 2, copyOf("metro:605", 0)));

        assertThat(StoryClusters.storyIds(decisions, 30)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "metro:99", "metro:605", "metro:605", "metro:605", "a:1", "metro:605"));
    }

    @Test
    void aKeptParagraphCopiedMoreThanMaxCopiesTimesLinksNothing() {
        // a footer at w:a position 0 copied by four posts; c and d also share a real paragraph of c
        List<DeduplicatedPost> decisions = List.of(post("w:a", 1), post("w:b", 2, copyOf("w:a", 0)),
                post("w:c", 3, copyOf("w:a", 0)), post("w:d", 4, copyOf("w:a", 0), copyOf("w:c", 0)),
                post("w:e", 5, copyOf("w:a", 0)));

        assertThat(StoryClusters.storyIds(decisions, 3)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "w:a", "w:a", "w:b", "w:b", "w:c", "w:c", "w:d", "w:c", "w:e", "w:e"));
        // at exactly maxCopies copies it is still a link
        assertThat(StoryClusters.storyIds(decisions, 4).values()).containsOnly("w:a");
    }

    /** The marker after a removed paragraph goes with it, pointing where it points: no second copy of the same. */
    @Test
    void aRemovedElisionMarkerIsNoLinkAndNoCopy() {
        DeduplicatedPost b = post("w:b", 2, copyOf("w:a", 0), copyOf("w:a", 0));
        List<Paragraph> paragraphs = new ArrayList<>(b.post().paragraphs());
        paragraphs.set(2, new Paragraph(2, "<…>", ParagraphKind.ELISION));
        NormalizedPost withMarker = new NormalizedPost(b.postId(), "w", b.post().publishedAt(),
                b.post().receivedAt(), "t", null, paragraphs, List.of(), List.of(), null, null, 1, false);
        DeduplicatedPost marked = new DeduplicatedPost(withMarker, b.kept(), b.removed(), b.status(), null, 1);

        assertThat(StoryClusters.links(marked)).containsExactly(
                new StoryClusters.Link("w:b", new StoryClusters.Kept("w:a", 0)));
        // w:a's paragraph has two copies (w:b and w:c), not three: still a link at maxCopies 2
        assertThat(StoryClusters.storyIds(List.of(post("w:a", 1), marked, post("w:c", 3, copyOf("w:a", 0))), 2)
                .values()).containsOnly("w:a");
    }

    @Test
    void theStoriesDoNotDependOnTheOrderTheDecisionsAreGiven() {
        List<DeduplicatedPost> decisions = new ArrayList<>(List.of(post("w:a", 1), post("w:b", 2, copyOf("w:a", 0)),
                post("w:c", 3, copyOf("w:b", 0)), post("x:a", 1), post("x:b", 5, nearOf("x:a", 0)),
                post("x:c", 0, copyOf("x:b", 0))));
        Map<String, String> reference = StoryClusters.storyIds(decisions, 30);
        assertThat(reference).containsEntry("w:c", "w:a").containsEntry("x:a", "x:c").containsEntry("x:b", "x:c");
        for (int seed = 1; seed <= 20; seed++) {
            Collections.shuffle(decisions, new Random(seed));
            assertThat(StoryClusters.storyIds(decisions, 30)).as("shuffle %d", seed).isEqualTo(reference);
        }
    }
}
