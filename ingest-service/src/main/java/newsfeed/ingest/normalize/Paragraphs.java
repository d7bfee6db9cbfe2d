package newsfeed.ingest.normalize;

import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.text.VisibleText;

/**
 * Splits cleaned text into paragraphs (DESIGN §4): blocks separated by blank lines when the text has any blank
 * line, otherwise its non-empty lines. Paragraphs are trimmed; whitespace inside them is kept as written. A line is
 * blank, and a paragraph empty, when it shows nothing ({@link VisibleText#isBlank}: no-break and zero-width spaces
 * too). A line of U+2800 BRAILLE PATTERN BLANK, Telegram's typed empty line ({@link VisibleText#showsNothing}), ends a
 * block and is no paragraph, but is not a blank line when the layout is decided ({@link #hasBlankLine}).
 */
public final class Paragraphs {

    private Paragraphs() {
    }

    /**
     * Whether the text has a blank line ({@link VisibleText#isBlank}) between two lines that show something: lines
     * that show nothing at its start or end (spaces, zero-width characters, U+2800) are padding and decide nothing.
     */
    public static boolean hasBlankLine(String text) {
        String[] lines = text.split("\n", -1);
        int first = 0;
        int last = lines.length - 1;
        while (first <= last && VisibleText.showsNothing(lines[first])) {
            first++;
        }
        while (last >= first && VisibleText.showsNothing(lines[last])) {
            last--;
        }
        for (int i = first; i <= last; i++) {
            if (VisibleText.isBlank(lines[i])) {
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
            if (VisibleText.showsNothing(line)) {
                flush(block, paragraphs);
            } else if (blockMode) {
                if (!block.isEmpty()) {
                    block.append('\n');
                }
                block.append(line);
            } else {
                paragraphs.add(VisibleText.strip(line));
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
        String paragraph = VisibleText.strip(block.toString());
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
        block.setLength(0);
    }
}
