package newsfeed.dedup.post;

import static newsfeed.dedup.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import org.junit.jupiter.api.Test;

class WithinPostDeduplicatorTest {

    private final WithinPostDeduplicator deduplicator = new WithinPostDeduplicator();

    private static RemovedParagraph repeat(int position, int keptCopy) {
        return new RemovedParagraph(position, RemovalReason.REPEATED_IN_POST, "wire:1", keptCopy, 1.0);
    }

    @Test
    void aRepeatedBodyKeepsItsFirstCopyWithItsElisionMarkers() {
        var decision = deduplicator.decide(post(
                "Headline",
                "First body paragraph.",
                "<…>",
                "Second body paragraph.",
                "First body paragraph.",
                "<…>",
                "Second body paragraph."));

        assertThat(decision.kept()).containsExactly(0, 1, 2, 3);
        assertThat(decision.removed()).containsExactly(repeat(4, 1), repeat(5, 2), repeat(6, 3));
    }

    @Test
    void repeatsCompareByTheDedupKeyAndApplyToDatelinesAndHashtagLinesToo() {
        var decision = deduplicator.decide(post(
                "Headline",
                "📍 Vientiane, July 25, 2024",
                "#RussiaChina",
                "📍 Vientiane,\u00A0July 25, 2024",
                "#russiachina",
                "“Quoted” text — with a dash…",
                "\"Quoted\" text - with a dash..."));

        assertThat(decision.kept()).containsExactly(0, 1, 2, 5);
        assertThat(decision.removed()).containsExactly(repeat(3, 1), repeat(4, 2), repeat(6, 5));
    }

    @Test
    void differentDatesAndDifferentTagLinesAreNotRepeats() {
        var decision = deduplicator.decide(post(
                "📍 Vientiane, July 25, 2024",
                "📍 Vientiane, July 26, 2024",
                "#RussiaIndia #DruzhbaDosti",
                "#RussiaChina",
                "👍",
                "🔥"));

        assertThat(decision.removed()).isEmpty();
    }

    @Test
    void aTruncatedPreviewGivesWayToTheCompleteCopyWhereverItStands() {
        var decision = deduplicator.decide(post(
                "Headline",
                "The ministers discussed trade, energy and education…",
                "Read on below.",
                "The ministers discussed trade, energy and education at length in the capital."));

        assertThat(decision.kept()).containsExactly(0, 2, 3);
        assertThat(decision.removed()).containsExactly(repeat(1, 3));
    }

    @Test
    void aPreviewSectionFollowedByItsFullTextKeepsTheFullTextsOrder() {
        var decision = deduplicator.decide(post(
                "Headline",
                "The ministers discussed trade, energy and education…",
                "Both sides signed a memorandum on river transport.",
                "Headline",
                "The ministers discussed trade, energy and education at length in the capital.",
                "Both sides signed a memorandum on river transport.",
                "A joint commission will meet again in March."));

        // kept: the headline, then the full text's second and third paragraphs, in that order
        assertThat(decision.kept()).containsExactly(0, 4, 5, 6);
        assertThat(decision.removed()).containsExactly(repeat(1, 4), repeat(2, 5), repeat(3, 0));
    }

    @Test
    void aParagraphBetweenAPreviewAndItsCompleteCopyThatIsNotRepeatedAfterItStays() {
        var decision = deduplicator.decide(post(
                "Headline",
                "The ministers discussed trade, energy and education…",
                "Both sides signed a memorandum on river transport.",
                "The ministers discussed trade, energy and education at length in the capital."));

        assertThat(decision.kept()).containsExactly(0, 2, 3);
        assertThat(decision.removed()).containsExactly(repeat(1, 3));
    }

    @Test
    void aCompleteParagraphNeverGivesWayToItsOwnLaterPreview() {
        var decision = deduplicator.decide(post(
                "Headline",
                "The ministers discussed trade, energy and education…",
                "Both sides signed a memorandum on river transport.",
                "The ministers discussed trade, energy and education at length in the capital.",
                "Both sides signed a memorandum on river…"));

        assertThat(decision.kept()).containsExactly(0, 2, 3);
        assertThat(decision.removed()).containsExactly(repeat(1, 3), repeat(4, 2));
    }

    @Test
    void aShortTruncatedLineIsNotTakenForAPreview() {
        var decision = deduplicator.decide(post("Short stem…", "Short stem of something longer."));

        assertThat(decision.removed()).isEmpty();
    }

    @Test
    void anElisionMarkerWithoutAParagraphBeforeItIsKept() {
        var decision = deduplicator.decide(post("<…>", "Text", "Text"));

        assertThat(decision.kept()).containsExactly(0, 1);
        assertThat(decision.removed()).containsExactly(repeat(2, 1));
    }
}
