package newsfeed.ingest.telegram;

import java.util.Set;

/**
 * One chat of a Telegram Desktop export: the export itself for a single-chat export ({@code {"name", "type", "id",
 * "messages": [...]}}), or one element of {@code chats.list} of a full-account export.
 *
 * @param index the chat's position: 0 for a single-chat export, its index in {@code chats.list} otherwise
 * @param path  where the chat is in the export, as a JSON path prefix for error details: {@code ""} or
 *              {@code "chats.list[3]."}
 * @param name  the chat's {@code name} (a channel's title); null when the export gives none
 * @param type  the chat's {@code type} ({@code public_channel}, {@code private_channel}, {@code personal_chat},
 *              {@code private_supergroup}, ...); null when absent
 * @param id    the chat's numeric {@code id}; null when absent
 */
public record TelegramChat(int index, String path, String name, String type, Long id) {

    /** The chat types of channels: the chats a full-account export contributes. */
    public static final Set<String> CHANNEL_TYPES = Set.of("public_channel", "private_channel");

    /** Whether this chat is a channel (public or private). */
    public boolean isChannel() {
        return type != null && CHANNEL_TYPES.contains(type);
    }

    /** How error details name the chat: its path and, when known, its name. */
    public String label() {
        String where = path.isEmpty() ? "the chat" : path.substring(0, path.length() - 1);
        return name == null ? where : where + " (\"" + name + "\")";
    }
}
