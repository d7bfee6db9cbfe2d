package newsfeed.ingest.telegram;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.TreeMap;

/**
 * What an import of a Telegram export did: per imported chat its source and the ids of the messages written to
 * {@code posts.raw} (as primitive longs, 8 bytes a message, so that the answer for a huge export stays small), and the
 * messages not imported, by reason.
 *
 * @param chats   the imported chats, in export order
 * @param skipped messages not imported, by reason (sorted by reason): {@code service} (Telegram service messages),
 *                another message {@code type}, or {@code chat:<type>} for the messages of a full-account export's
 *                chats that are not channels
 */
public record TelegramImportResult(List<ImportedChat> chats, Map<String, Integer> skipped) {

    public TelegramImportResult {
        chats = List.copyOf(chats);
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    /** How many posts were written to {@code posts.raw}. */
    public int accepted() {
        return chats.stream().mapToInt(chat -> chat.ids().size()).sum();
    }

    /**
     * An imported chat.
     *
     * @param chat   the chat as the export describes it
     * @param source its source slug
     * @param ids    the ids of its messages written to {@code posts.raw}, in export order
     */
    public record ImportedChat(TelegramChat chat, String source, MessageIds ids) {
    }

    /** A growable list of message ids: 8 bytes an id. */
    public static final class MessageIds {
        private long[] ids = new long[16];
        private int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[size++] = id;
        }

        public int size() {
            return size;
        }

        public long get(int index) {
            if (index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return ids[index];
        }

        public PrimitiveIterator.OfLong iterator() {
            return Arrays.stream(ids, 0, size).iterator();
        }

        /** A copy, for tests and small answers. */
        public long[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
