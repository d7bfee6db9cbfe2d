package newsfeed.store.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.store.TestDecisions;
import org.junit.jupiter.api.Test;

/** What {@link PostRepository#checkDecision} refuses before a write: decisions a helper's trial wrote to the topic. */
class DecisionShapeTest {

    private static final Instant AT = Instant.parse("2025-03-03T00:00:00Z");

    private static NormalizedPost post(String postId, List<Paragraph> paragraphs) {
        return new NormalizedPost(postId, postId.substring(0, postId.indexOf(':')), AT, AT, "T", null, paragraphs,
                List.of(), List.of(), null, null, 1, false);
    }

    @Test
    void missingFieldsAndIdsNoApiTakesAreNamed() {
        DeduplicatedPost valid = TestDecisions.decision("shape:1", AT, 2, 0, 1);
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(valid.post(), valid.kept(),
                valid.removed(), null, null, 1))).hasMessage("decision of post shape:1 has no status");
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(null, List.of(), List.of(),
                PostStatus.UNIQUE, null, 1))).hasMessage("decision has no post");
        DeduplicatedPost noColon = new DeduplicatedPost(new NormalizedPost("nocolonid", "shape", AT, AT, "T", null,
                List.of(), List.of(), List.of(), null, null, 1, false), List.of(), List.of(), PostStatus.UNIQUE, null, 1);
        assertThatThrownBy(() -> PostRepository.checkDecision(noColon))
                .hasMessage("post nocolonid: postId \"nocolonid\" is not shape:<externalId>");
    }

    /** d22 of the trial: a dateline dated -999999999-01-01 was stored as -infinity. */
    @Test
    void aDatelineDateOutsideTheYears1To9999IsNamed() {
        NormalizedPost base = post("shape:6", List.of(new Paragraph(0, "a", ParagraphKind.TEXT)));
        NormalizedPost dated = new NormalizedPost(base.postId(), base.source(), AT, AT, "T", null, base.paragraphs(),
                List.of(), List.of(), new newsfeed.contracts.Dateline("Port Calder", java.time.LocalDate.MIN),
                null, 1, false);
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(dated, List.of(0), List.of(),
                PostStatus.UNIQUE, null, 1)))
                .hasMessage("post shape:6: dateline date -999999999-01-01 must lie in the years 1 to 9999");
    }

    /** d16 of the trial: paragraphs at positions 5 and 6 kept as 0 and 1 were stored with an empty body. */
    @Test
    void paragraphsOutOfPlaceAndImpossibleRemovalsAreNamed() {
        List<Paragraph> misplaced = List.of(new Paragraph(5, "a", ParagraphKind.TEXT),
                new Paragraph(6, "b", ParagraphKind.TEXT));
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(post("shape:2", misplaced),
                List.of(0, 1), List.of(), PostStatus.UNIQUE, null, 1)))
                .hasMessage("post shape:2: paragraph 0 has position 5");

        List<Paragraph> two = List.of(new Paragraph(0, "a", ParagraphKind.TEXT),
                new Paragraph(1, "b", ParagraphKind.TEXT));
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(post("shape:3", two), List.of(0),
                List.of(new RemovedParagraph(1, RemovalReason.PUBLISHED_BEFORE, "shape:9", -7, 7.5)),
                PostStatus.PARTIAL, null, 1)))
                .hasMessage("post shape:3: the removal of paragraph 1 has duplicateOfPosition -7");
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(post("shape:4", two), List.of(0),
                List.of(new RemovedParagraph(1, RemovalReason.NEAR_DUPLICATE, "shape:9", 0, 7.5)),
                PostStatus.PARTIAL, null, 1)))
                .hasMessage("post shape:4: the removal of paragraph 1 has similarity 7.5, outside 0..1");
        assertThatThrownBy(() -> PostRepository.checkDecision(new DeduplicatedPost(post("shape:5", two), List.of(0),
                List.of(new RemovedParagraph(1, null, "shape:9", 0, 1.0)), PostStatus.PARTIAL, null, 1)))
                .hasMessage("post shape:5: the removal of paragraph 1 has no reason");
    }
}
