package newsfeed.ingest.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsfeed.ingest.api.InvalidRequestException;

/**
 * Fuzzes {@link TelegramExportReader#read} over export bytes, with small limits so that they are met (issue 10; README
 * "Fuzzing"). Besides returning within the per-input timeout: the read either returns the export's shape or stops with
 * an {@link InvalidRequestException} that has its error and details, never another exception; the visitor hears of a
 * chat only until its end, of the single chat (index 0) once for a one-chat export and of chats 0, 1, ... in order
 * for an account; every message's text is within the limit and its links distinct and stripped; every problem is a
 * non-blank line that names where it is.
 */
class TelegramExportReaderFuzzTest {

    private static final int MAX_TEXT_CHARS = 500;
    private final TelegramExportReader reader = new TelegramExportReader(MAX_TEXT_CHARS, 2_000);

    @FuzzTest
    @DictionaryEntries({"\"messages\":", "\"chats\":", "\"list\":", "\"text\":", "\"text_entities\":", "\"type\":",
            "\"text_link\"", "\"href\":", "\"link\"", "\"id\":", "\"date_unixtime\":", "\"date\":", "\"edited\":",
            "\"forwarded_from\":", "\"media_type\":", "\"photo\":", "\"file\":", "\"poll\":", "\"service\"",
            "\"2025-03-03T11:15:00\"", "\"1740993300\"", "9223372036854775808", "\\ud800", "\\u0000"})
    void exportsAreReadOrRefusedWithDetails(byte[] export) {
        Recorder recorder = new Recorder();

        TelegramExportReader.Shape shape;
        try {
            shape = reader.read(new ByteArrayInputStream(export), recorder);
        } catch (InvalidRequestException e) {
            assertThat(e.error().error()).isIn("invalid JSON", "not a Telegram Desktop export", "export exceeds a limit");
            assertThat(e.error().details()).isNotEmpty().allMatch(detail -> !detail.isBlank());
            return;
        }
        if (shape == TelegramExportReader.Shape.SINGLE_CHAT) {
            assertThat(recorder.ended).containsExactly(0);
        } else {
            for (int i = 0; i < recorder.ended.size(); i++) {
                assertThat(recorder.ended.get(i)).isEqualTo(i);
            }
        }
    }

    /** Checks each call as it comes: whether its chat is still open, and what it carries. */
    private static final class Recorder implements TelegramExportReader.Visitor {
        final List<Integer> ended = new ArrayList<>();
        final Set<Integer> endedSet = new HashSet<>();

        @Override
        public void message(int chatIndex, TelegramMessage message) {
            assertOpen(chatIndex);
            assertThat(message.type()).isNotNull();
            assertThat(message.text()).isNotNull();
            assertThat(message.text().length()).isLessThanOrEqualTo(MAX_TEXT_CHARS);
            assertThat(new HashSet<>(message.links())).hasSameSizeAs(message.links());
            assertThat(message.links()).allMatch(link -> !link.isBlank() && link.equals(link.strip()));
        }

        @Override
        public void invalidMessage(int chatIndex, List<String> details) {
            assertOpen(chatIndex);
            assertThat(details).isNotEmpty().allMatch(detail -> detail.contains("messages[") && !detail.isBlank());
        }

        @Override
        public void problem(int chatIndex, String detail) {
            assertOpen(chatIndex);
            assertThat(detail).isNotBlank().contains(" at ");
        }

        @Override
        public void chatEnd(TelegramChat chat) {
            assertOpen(chat.index());
            endedSet.add(chat.index());
            ended.add(chat.index());
        }

        private void assertOpen(int chatIndex) {
            assertThat(chatIndex).isNotNegative();
            assertThat(endedSet).as("chat %d already ended", chatIndex).doesNotContain(chatIndex);
        }
    }
}
