package newsfeed.dedup.rules;

import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;

/**
 * Which elision markers ({@code <…>}, {@code [...]}: {@link ParagraphKind#ELISION}) belong to a paragraph: those that
 * stand right after it (DESIGN §4, "belongs to the paragraph before it"). A removed paragraph takes them along,
 * within the post ({@code WithinPostDeduplicator}) and across posts ({@code PostAssembler}), so that no post keeps a
 * marker of text it no longer shows. A marker is never a candidate of its own ({@link RemovalRules#isCandidate}).
 */
public final class ElisionMarkers {

    private ElisionMarkers() {
    }

    /**
     * @param paragraphs a post's paragraphs, indexed by position
     * @param owner      a paragraph's position
     * @return the positions of the elision markers right after {@code owner}, ascending; empty when the next paragraph
     *         is not one
     */
    public static List<Integer> after(List<Paragraph> paragraphs, int owner) {
        List<Integer> markers = new ArrayList<>(1);
        for (int p = owner + 1; p < paragraphs.size() && paragraphs.get(p).kind() == ParagraphKind.ELISION; p++) {
            markers.add(p);
        }
        return markers;
    }
}
