package newsfeed.dedup.labelled;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.dedup.topology.DedupDriver;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of cross-post removal on the labelled set, through the production topology (issue 3,
 * acceptance 1). Precision must be 1.0 (never remove a paragraph that is not a duplicate), recall at least 0.98.
 * The figures, per category too, are printed.
 */
class LabelledSetTest {

    @Test
    void removesEveryLabelledDuplicateAndNothingElse() {
        List<LabelledSet.LabelledPost> set = LabelledSet.load();
        Map<String, DeduplicatedPost> decisions;
        try (DedupDriver driver = new DedupDriver()) {
            set.forEach(p -> driver.submit(p.post()));
            decisions = Map.copyOf(driver.latest());
        }
        Score score = Score.of(set, decisions);
        System.out.println(score.report());

        assertThat(score.mismatches()).as("paragraphs decided against their label").isEmpty();
        assertThat(score.precision()).isEqualTo(1.0);
        assertThat(score.recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(set).hasSizeGreaterThanOrEqualTo(40);
        assertThat(set.stream().mapToInt(p -> p.paragraphs().size()).sum()).isGreaterThanOrEqualTo(200);
    }

    /** Counts of one labelled run. */
    record Score(int truePositives, int falsePositives, int falseNegatives, List<String> mismatches,
            Map<String, int[]> byCategory) {

        static Score of(List<LabelledSet.LabelledPost> set, Map<String, DeduplicatedPost> decisions) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            List<String> mismatches = new ArrayList<>();
            Map<String, int[]> byCategory = new TreeMap<>();
            for (LabelledSet.LabelledPost labelled : set) {
                DeduplicatedPost decision = decisions.get(labelled.post().postId());
                if (decision == null) {
                    mismatches.add(labelled.post().postId() + ": no decision");
                    continue;
                }
                Map<Integer, RemovedParagraph> removed = new TreeMap<>();
                decision.removed().forEach(r -> removed.put(r.position(), r));
                for (LabelledSet.LabelledParagraph p : labelled.paragraphs()) {
                    RemovedParagraph actual = removed.get(p.position());
                    boolean predicted = actual != null && !"REPEATED_IN_POST".equals(actual.reason().name());
                    int[] counts = byCategory.computeIfAbsent(p.category(), c -> new int[2]);
                    counts[0]++;
                    if (predicted == p.crossPost()) {
                        counts[1]++;
                    }
                    if (predicted && p.crossPost()) {
                        tp++;
                    } else if (predicted) {
                        fp++;
                    } else if (p.crossPost()) {
                        fn++;
                    }
                    String expected = p.removed() ? p.reason() + "→" + p.duplicateOf() : "kept";
                    String got = actual == null ? "kept" : actual.reason() + "→" + actual.duplicateOf();
                    if (!expected.equals(got)) {
                        mismatches.add(labelled.post().postId() + "#" + p.position() + " [" + p.category()
                                + "] expected " + expected + ", got " + got + ": " + p.text());
                    }
                }
                if (labelled.expectStatus() != null && !labelled.expectStatus().equals(decision.status().name())) {
                    mismatches.add(labelled.post().postId() + " status expected " + labelled.expectStatus()
                            + ", got " + decision.status());
                }
                if (labelled.expectDuplicateOf() != null
                        && !labelled.expectDuplicateOf().equals(decision.duplicateOf())) {
                    mismatches.add(labelled.post().postId() + " duplicateOf expected " + labelled.expectDuplicateOf()
                            + ", got " + decision.duplicateOf());
                }
            }
            return new Score(tp, fp, fn, mismatches, byCategory);
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1.0
                    : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        String report() {
            StringBuilder out = new StringBuilder(String.format(
                    "labelled set: precision %.3f, recall %.3f (true positives %d, false positives %d, "
                            + "false negatives %d)%n", precision(), recall(), truePositives, falsePositives,
                    falseNegatives));
            byCategory.forEach((category, counts) -> out.append(String.format("  %-26s %3d/%3d decided as labelled%n",
                    category, counts[1], counts[0])));
            mismatches.forEach(m -> out.append("  MISMATCH ").append(m).append('\n'));
            return out.toString();
        }
    }
}
