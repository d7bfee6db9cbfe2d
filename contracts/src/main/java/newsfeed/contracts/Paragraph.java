package newsfeed.contracts;

/**
 * One paragraph of a normalized post.
 *
 * @param position 0-based index within {@link NormalizedPost#paragraphs()}; positions are dense and in reading order
 * @param text     the paragraph as written (NFC, trimmed, inner whitespace kept)
 * @param kind     what the paragraph is
 */
public record Paragraph(int position, String text, ParagraphKind kind) {

    /**
     * Why a paragraph cannot stand at {@code index} of its post's paragraphs, or null when it can: the check of every
     * stage that reads posts written to its topic by others (dedup-service's intake, the store).
     *
     * @return e.g. {@code paragraph 0 has position 5}, {@code paragraph 2 has no text}, {@code paragraph 1 has no kind}
     */
    public static String problem(Paragraph paragraph, int index) {
        String fault = paragraph.position() != index ? "has position " + paragraph.position()
                : paragraph.text() == null ? "has no text"
                : paragraph.kind() == null ? "has no kind"
                : null;
        return fault == null ? null : "paragraph " + index + " " + fault;
    }
}
