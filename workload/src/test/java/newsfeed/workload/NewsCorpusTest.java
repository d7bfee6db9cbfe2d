package newsfeed.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewsCorpusTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void plantsExactlyTheScheduledRepeatsOfOriginalParagraphs() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(5_000, 7, NOW));

        assertThat(corpus.posts()).hasSize(5_000);
        assertThat(corpus.count(NewsCorpus.RepeatKind.VERBATIM)).isEqualTo(500);
        assertThat(corpus.count(NewsCorpus.RepeatKind.NEAR)).isEqualTo(250);
        assertThat(corpus.posts().get(4_999).publishedAt()).isEqualTo(NOW);

        Map<String, Integer> firstPost = new HashMap<>();
        Set<String> planted = new HashSet<>();
        for (NewsCorpus.Planted p : corpus.planted()) {
            String copy = corpus.posts().get(p.post()).paragraphs().get(p.paragraph());
            String original = corpus.posts().get(p.originalPost()).paragraphs().get(p.originalParagraph());
            assertThat(p.post() - p.originalPost()).isEqualTo(p.kind() == NewsCorpus.RepeatKind.VERBATIM ? 5 : 3);
            if (p.kind() == NewsCorpus.RepeatKind.VERBATIM) {
                assertThat(copy).isEqualTo(original);
            } else {
                assertThat(copy).isNotEqualTo(original);
                assertThat(jaccard(copy, original)).as(copy).isGreaterThanOrEqualTo(0.65);
                assertThat(numbers(copy)).isEqualTo(numbers(original));
            }
            planted.add(p.post() + "/" + p.paragraph());
        }
        // every paragraph that is not planted is new: the planted ones are the only repeats across posts
        for (NewsCorpus.Post post : corpus.posts()) {
            for (int i = 0; i < post.paragraphs().size(); i++) {
                String text = post.paragraphs().get(i);
                Integer earlier = firstPost.putIfAbsent(text, post.index());
                if (!planted.contains(post.index() + "/" + i)) {
                    assertThat(earlier).as("post %d paragraph %d repeats post %s", post.index(), i, earlier).isNull();
                }
            }
        }
    }

    @Test
    void theSameSettingsGiveTheSameCorpusAndTheBodyHasTheSeedShape() {
        NewsCorpus a = NewsCorpus.generate(NewsCorpus.Settings.standard(300, 11, NOW));
        NewsCorpus b = NewsCorpus.generate(NewsCorpus.Settings.standard(300, 11, NOW));
        NewsCorpus other = NewsCorpus.generate(NewsCorpus.Settings.standard(300, 12, NOW));

        assertThat(a.posts()).isEqualTo(b.posts());
        assertThat(a.planted()).isEqualTo(b.planted());
        assertThat(other.posts().get(0)).isNotEqualTo(a.posts().get(0));

        NewsCorpus.Post post = a.posts().get(42);
        String[] blocks = post.body().split("\n\n");
        assertThat(blocks).hasSize(1 + 6 + 1 + 4);
        assertThat(blocks[7]).isEqualTo(NewsCorpus.READ_IN_FULL);
        assertThat(List.of(blocks).subList(8, 12)).isEqualTo(post.paragraphs().subList(0, 4));
        assertThat(post.normalizedParagraphs()).hasSize(11);
        for (String paragraph : post.paragraphs()) {
            assertThat(paragraph.split(" ").length).isBetween(18, 40);
        }
    }

    @Test
    void sharedOpeningsAndFrequentWordsAreThere() {
        NewsCorpus corpus = NewsCorpus.generate(NewsCorpus.Settings.standard(2_000, 3, NOW));
        Map<String, Integer> openings = new HashMap<>();
        Map<String, Integer> words = new HashMap<>();
        int paragraphs = 0;
        for (NewsCorpus.Post post : corpus.posts()) {
            for (String paragraph : post.paragraphs()) {
                paragraphs++;
                String[] tokens = paragraph.toLowerCase(Locale.ROOT).replaceAll("[.,]", "").split(" ");
                openings.merge(String.join(" ", List.of(tokens).subList(0, 8)), 1, Integer::sum);
                for (String token : tokens) {
                    words.merge(token, 1, Integer::sum);
                }
            }
        }
        long templated = openings.values().stream().filter(n -> n > 50).mapToLong(Integer::longValue).sum();
        assertThat((double) templated / paragraphs).isBetween(0.15, 0.25);
        assertThat(words.size()).isGreaterThan(10_000);
        int top = words.values().stream().max(Integer::compare).orElseThrow();
        assertThat((double) top / words.values().stream().mapToInt(Integer::intValue).sum()).isBetween(0.05, 0.15);
    }

    private static double jaccard(String a, String b) {
        Set<String> x = shingles(a);
        Set<String> y = shingles(b);
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return (double) both.size() / (x.size() + y.size() - both.size());
    }

    private static Set<String> shingles(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split(" ");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 3 <= words.length; i++) {
            out.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
        }
        return out;
    }

    private static List<String> numbers(String text) {
        return List.of(text.split(" ")).stream().filter(w -> w.chars().anyMatch(Character::isDigit)).toList();
    }

    /**
     * dedup's fact tokens include numbers written as words and negations: a pseudo-word "five" or "no" replaced by a
     * planted edit would be a changed fact, and the near copy would rightly be kept, failing the benchmark's recall.
     */
    @Test
    void noWordOfTheVocabularyIsANumberWordOrANegation() {
        for (long seed : new long[] {1, 42, 1234}) {
            ZipfVocabulary vocabulary = new ZipfVocabulary(30_000, 1.0, seed);
            for (int rank = 1; rank <= vocabulary.size(); rank++) {
                assertThat(vocabulary.word(rank)).isNotIn("zero", "five", "nine", "no", "none");
            }
        }
    }
}
