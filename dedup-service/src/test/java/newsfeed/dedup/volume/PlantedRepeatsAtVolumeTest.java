package newsfeed.dedup.volume;

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
import newsfeed.dedup.topology.DedupDriver;
import newsfeed.workload.NewsCorpus;
import org.junit.jupiter.api.Test;

/**
 * Recall and precision at volume (issue 8): thousands of posts of natural-language-like text whose paragraphs share
 * openings and frequent words, so that locality-sensitive buckets fill, with planted verbatim and near repeats. Every
 * planted repeat is removed with the right original, and nothing else is removed across posts, whatever the arrival
 * order.
 */
class PlantedRepeatsAtVolumeTest {

    private static final Instant LAST = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void everyPlantedRepeatIsFoundInAStreamOfThousandsOfPosts() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(3_000, 8, LAST));

        List<String> wrong = run(corpus, CorpusPosts.normalized(corpus, "vol"));

        assertThat(wrong).as("%d of %d planted repeats", wrong.size(), corpus.planted().size()).isEmpty();
    }

    @Test
    void everyPlantedRepeatIsFoundWhenPostsArriveOutOfOrder() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(3_000, 9, LAST));
        List<NormalizedPost> posts = new ArrayList<>(CorpusPosts.normalized(corpus, "shuffled"));
        Collections.shuffle(posts, new Random(9));

        List<String> wrong = run(corpus, posts);

        assertThat(wrong).as("%d of %d planted repeats", wrong.size(), corpus.planted().size()).isEmpty();
    }

    /** A 40-word vocabulary: every bucket of every kind is hot; verbatim repeats must all still be found. */
    @Test
    void everyPlantedRepeatIsFoundWhenEveryBucketIsHot() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(2_000, 10, LAST).withVocabulary(40));

        List<String> wrong = run(corpus, CorpusPosts.normalized(corpus, "small"));

        assertThat(wrong).as("%d of %d planted repeats", wrong.size(), corpus.planted().size()).isEmpty();
    }

    private static final String FOOTER = "Subscribe to the Brindle Cove Courier channel for verified news every day.";

    /**
     * A footer line in every post: its claim key's bucket holds every post. The first post keeps it, and every other
     * post's copy names that first post, in any arrival order; no bound on the bucket may drop the original.
     */
    @Test
    void aFooterInEveryPostNamesTheFirstPostWhateverTheOrder() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(1_500, 11, LAST));
        List<NormalizedPost> posts = new ArrayList<>(CorpusPosts.normalized(corpus, "footer", FOOTER));
        Collections.shuffle(posts, new Random(11));

        List<String> wrong = run(corpus, posts, true);

        assertThat(wrong).as("%d wrong", wrong.size()).isEmpty();
    }

    /**
     * A negation is a fact: every tenth post ends with a paragraph of the post four before it with "not" or "never"
     * put in, a one-word edit that made a near copy before negations were facts. Each is kept, or removed only as a
     * copy of another such paragraph, never for a paragraph without the negation; every planted repeat is still found.
     */
    @Test
    void aNegatedCopyIsKeptAmongThousandsOfPosts() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(2_000, 12, LAST));
        List<NormalizedPost> posts = new ArrayList<>(CorpusPosts.normalized(corpus, "negated"));
        Map<String, Integer> negatedAt = new java.util.HashMap<>();
        for (int i = 4; i < posts.size(); i += 10) {
            NormalizedPost post = posts.get(i);
            String[] words = posts.get(i - 4).paragraphs().get(1).text().split(" ");
            List<String> negated = new ArrayList<>(List.of(words));
            negated.add(Math.min(3, negated.size()), i % 20 == 4 ? "not" : "never");
            posts.set(i, appended(post, String.join(" ", negated)));
            negatedAt.put(post.postId(), post.paragraphs().size());
        }
        Collections.shuffle(posts, new Random(12));

        Map<String, DeduplicatedPost> decisions;
        try (DedupDriver driver = new DedupDriver()) {
            posts.forEach(driver::submit);
            decisions = Map.copyOf(driver.latest());
        }

        assertThat(CorpusPosts.mismatches(corpus, "negated", decisions)).isEmpty();
        assertThat(negatedAt).hasSize(200);
        List<String> wrong = new ArrayList<>();
        negatedAt.forEach((postId, position) -> decisions.get(postId).removed().stream()
                .filter(r -> r.position() == position)
                .filter(r -> !Integer.valueOf(r.duplicateOfPosition()).equals(negatedAt.get(r.duplicateOf())))
                .forEach(r -> wrong.add(postId + "#" + position + " removed as " + r)));
        assertThat(wrong).as("negated copies removed for a paragraph without the negation").isEmpty();
    }

    /**
     * The facts of FactTokens.RULES 4 among thousands of posts: every tenth post gets a paragraph of the post four
     * before it with a fact put in, and that post gets the same paragraph with the fact changed: "third-quarter" and
     * "fourth-quarter", "twenty one" and "twenty", "No. 15" and "not 15" (a number sign is no denial), each pair kept,
     * and "No. 15" and "№ 15", a near copy the later post loses. Arrival order is shuffled.
     */
    @Test
    void newFactsAndTheNumberSignAmongThousandsOfPosts() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(2_000, 13, LAST));
        List<NormalizedPost> posts = new ArrayList<>(CorpusPosts.normalized(corpus, "facts4"));
        String[][] changes = {{"third-quarter", "fourth-quarter"}, {"twenty one", "twenty"}, {"No. 15", "№ 15"},
            {"No. 15", "not 15"}};
        Map<String, String> plantedIn = new java.util.HashMap<>();
        Map<String, Integer> kindOf = new java.util.HashMap<>();
        for (int i = 4; i < posts.size(); i += 10) {
            int kind = (i / 10) % changes.length;
            List<String> words = List.of(posts.get(i - 4).paragraphs().get(1).text().split(" "));
            for (int side = 0; side < 2; side++) {
                int at = side == 0 ? i - 4 : i;
                List<String> changed = new ArrayList<>(words);
                changed.add(Math.min(3, changed.size()), changes[kind][side]);
                posts.set(at, appended(posts.get(at), String.join(" ", changed)));
                kindOf.put(posts.get(at).postId(), kind);
            }
            plantedIn.put(posts.get(i).postId(), posts.get(i - 4).postId());
        }
        Map<String, NormalizedPost> byId = new java.util.HashMap<>();
        posts.forEach(post -> byId.put(post.postId(), post));
        Collections.shuffle(posts, new Random(13));

        Map<String, DeduplicatedPost> decisions;
        try (DedupDriver driver = new DedupDriver()) {
            posts.forEach(driver::submit);
            decisions = Map.copyOf(driver.latest());
        }

        assertThat(CorpusPosts.mismatches(corpus, "facts4", decisions)).isEmpty();
        assertThat(plantedIn).hasSize(200);
        List<String> wrong = new ArrayList<>();
        plantedIn.forEach((laterId, earlierId) -> {
            NormalizedPost earlier = byId.get(earlierId);
            NormalizedPost later = byId.get(laterId);
            assertThat(earlier.publishedAt()).isBefore(later.publishedAt());
            int earlierAt = earlier.paragraphs().size() - 1;
            int laterAt = later.paragraphs().size() - 1;
            boolean sameFacts = kindOf.get(laterId) == 2;
            Object earlierRemoved = decisions.get(earlierId).removed().stream()
                    .filter(r -> r.position() == earlierAt).findFirst().orElse(null);
            Object laterRemoved = decisions.get(laterId).removed().stream().filter(r -> r.position() == laterAt)
                    .map(r -> r.reason() + " of " + r.duplicateOf() + "#" + r.duplicateOfPosition())
                    .findFirst().orElse(null);
            Object want = sameFacts ? "NEAR_DUPLICATE of " + earlierId + "#" + earlierAt : null;
            if (earlierRemoved != null || !java.util.Objects.equals(laterRemoved, want)) {
                wrong.add(laterId + "#" + laterAt + " (" + changes[kindOf.get(laterId)][1] + "): expected " + want
                        + ", decided " + laterRemoved + "; " + earlierId + "#" + earlierAt + " removed as "
                        + earlierRemoved);
            }
        });
        assertThat(wrong).as("%d of 200 planted pairs", wrong.size()).isEmpty();
    }

    /** The post with a text paragraph put at its end. */
    private static NormalizedPost appended(NormalizedPost post, String text) {
        List<Paragraph> paragraphs = new ArrayList<>(post.paragraphs());
        paragraphs.add(new Paragraph(paragraphs.size(), text, ParagraphKind.TEXT));
        return new NormalizedPost(post.postId(), post.source(), post.publishedAt(), post.receivedAt(), post.title(),
                null, paragraphs, List.of(), List.of(), null, null, 1, false);
    }

    private static List<String> run(NewsCorpus corpus, List<NormalizedPost> posts) {
        return run(corpus, posts, false);
    }

    private static List<String> run(NewsCorpus corpus, List<NormalizedPost> posts, boolean footer) {
        String source = posts.get(0).source();
        Map<String, DeduplicatedPost> decisions;
        long start = System.nanoTime();
        try (DedupDriver driver = new DedupDriver()) {
            posts.forEach(driver::submit);
            decisions = Map.copyOf(driver.latest());
        }
        List<String> wrong = CorpusPosts.mismatches(corpus, source, decisions, footer);
        System.out.printf("%s: %d posts, %d planted, %d wrong, %.1f s%n", source, posts.size(),
                corpus.planted().size(), wrong.size(), (System.nanoTime() - start) / 1e9);
        wrong.stream().limit(20).forEach(w -> System.out.println("  " + w));
        return wrong;
    }
}
