package newsfeed.ingest.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits cleaned text into paragraphs (DESIGN §4): blocks separated by blank lines when the text has any blank
 * line, otherwise its non-empty lines. Paragraphs are trimmed; whitespace inside them is kept as written.
 */
public final class Paragraphs {

    private Paragraphs() {
    }

    /** Whether the text has a blank (empty or whitespace-only) line between two non-blank lines. */
    public static boolean hasBlankLine(String text) {
        String[] lines = text.strip().split("\n", -1);
        for (String line : lines) {
            if (line.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** @param text text cleaned by {@link TextCleaner} (LF line breaks) */
    public static List<String> split(String text) {
        return split(text, hasBlankLine(text));
    }

    /**
     * @param text        text with LF line breaks
     * @param blockMode   true: paragraphs are blank-line-separated blocks; false: every non-empty line is one
     * @return the paragraphs, trimmed, none empty
     */
    public static List<String> split(String text, boolean blockMode) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                flush(block, paragraphs);
            } else if (blockMode) {
                if (!block.isEmpty()) {
                    block.append('\n');
                }
                block.append(line);
            } else {
                paragraphs.add(line.strip());
            }
        }
        flush(block, paragraphs);
        return paragraphs;
    }

    /** The separator that joins paragraphs back into text that {@link #split(String, boolean)} splits the same way. */
    public static String separator(boolean blockMode) {
        return blockMode ? "\n\n" : "\n";
    }

    private static void flush(StringBuilder block, List<String> paragraphs) {
        String paragraph = block.toString().strip();
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
        block.setLength(0);
    }
}
