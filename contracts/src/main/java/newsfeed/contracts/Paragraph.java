package newsfeed.contracts;

/**
 * One paragraph of a normalized post.
 *
 * @param position 0-based index within {@link NormalizedPost#paragraphs()}; positions are dense and in reading order
 * @param text     the paragraph as written (NFC, trimmed, inner whitespace kept)
 * @param kind     what the paragraph is
 */
public record Paragraph(int position, String text, ParagraphKind kind) {
}
