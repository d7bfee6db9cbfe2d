package newsfeed.ingest.telegram;

import java.util.List;
import newsfeed.contracts.text.VisibleText;

/**
 * The text of a Telegram poll, the one rule for every reader of Telegram messages (the export's {@code poll} object,
 * the web preview's {@code tgme_widget_message_poll} block): a poll is a question and its options, and without its
 * text a poll message would be stored with an empty body. Pure and thread-safe.
 */
public final class TelegramPolls {

    private TelegramPolls() {
    }

    /**
     * @param question the poll's question, as written; may be null
     * @param options  the options' texts in the poll's order, as written; null entries allowed
     * @return the question, then each option, each on its own line(s), stripped; those that show nothing left out
     *         ({@link VisibleText}); empty when none shows anything
     */
    public static String text(String question, List<String> options) {
        StringBuilder text = new StringBuilder();
        appendLine(text, question);
        for (String option : options) {
            appendLine(text, option);
        }
        return text.toString();
    }

    /**
     * @param messageText the message's own text (may be empty)
     * @param pollText    {@link #text} of the message's poll (may be empty)
     * @return the message's text, then a blank line, then the poll's, so that the poll is a paragraph block of its
     *         own; either alone when the other is blank
     */
    public static String withPoll(String messageText, String pollText) {
        // blank as the normalizer reads it (VisibleText): a message text of one U+2800 made the poll one paragraph
        if (VisibleText.showsNothing(pollText)) {
            return messageText;
        }
        return VisibleText.showsNothing(messageText) ? pollText : messageText + "\n\n" + pollText;
    }

    private static void appendLine(StringBuilder text, String line) {
        if (!VisibleText.showsNothing(line)) {
            text.append(text.isEmpty() ? "" : "\n").append(VisibleText.strip(line));
        }
    }
}
