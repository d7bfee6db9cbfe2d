package newsfeed.dedup.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShinglesTest {

    @Test
    void hasWordsAgreesWithCountingTheSplitWords() {
        List<String> keys = List.of("", "a", "one two", "the port reopened on monday", "a b c d", "a b c d e f",
                "ночью в порту задержали суда", "x".repeat(40));
        for (String key : keys) {
            for (int count = 0; count <= 7; count++) {
                assertThat(Shingles.hasWords(key, count)).as("%s, %d words", key, count)
                        .isEqualTo(Shingles.words(key).length >= count);
            }
        }
        assertThat(Shingles.hasWords("the port reopened on monday", 5)).isTrue();
        assertThat(Shingles.hasWords("the port reopened on", 5)).isFalse();
    }

    @Test
    void shinglesAreTheDistinctHashesOfThreeWordRuns() {
        // "a b c", "b c a", "c a b", then "a b c" again: three distinct shingles
        long[] repeated = Shingles.of("a b c a b c");

        assertThat(repeated).hasSize(4 - 1).isSorted();
        assertThat(Shingles.of("a b")).hasSize(1);
        assertThat(Shingles.of("")).isEmpty();
        assertThat(Shingles.jaccard(Shingles.of("the port reopened on monday"),
                Shingles.of("the port reopened on tuesday"))).isEqualTo(2.0 / 4);
    }
}
