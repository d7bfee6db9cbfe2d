package newsfeed.ingest.telegram;

import java.time.Instant;
import java.util.List;

/**
 * One element of a chat's {@code messages} array in a Telegram Desktop export ({@code result.json}, format JSON), as
 * {@link TelegramExportReader} read it. Only what the pipeline uses is kept; every other field of the export (reactions,
 * {@code from}, {@code width}, ...) is skipped unread.
 *
 * @param id            the export's {@code id}: the message's number within its chat
 * @param type          the export's {@code type}: {@code message} (the default when absent) or {@code service} (channel
 *                      created, message pinned, ...: never imported)
 * @param action        a service message's {@code action} ({@code create_channel}, {@code pin_message}, ...); else null
 * @param publishedAt   {@code date_unixtime} (epoch seconds); when absent, {@code date} (local date-time, no zone in the
 *                      export) read as UTC; null when the message has neither
 * @param editedAt      {@code edited_unixtime}, else {@code edited} read as UTC; null when never edited
 * @param forwardedFrom the export's {@code forwarded_from} (the original channel or author), verbatim; null when the
 *                      message was not forwarded or the original author is hidden
 * @param text          the visible text: every entity's {@code text} in order, as written (never an href), then a
 *                      poll's question and options ({@link TelegramPolls}); empty for a media-only message
 * @param links         distinct URLs the text (a poll's included) links to: each {@code text_link}'s {@code href}
 *                      and each {@code link} entity's URL, in order of first appearance
 * @param mediaType     {@code media_type} ({@code sticker}, {@code video_file}, {@code voice_message}, ...), else
 *                      {@code photo}, {@code document} (a {@code file} without media type), {@code poll},
 *                      {@code location} or {@code contact}; null when the message has no media
 * @param mediaFile     the {@code photo} or {@code file} path as the export wrote it (relative to the export's folder,
 *                      or Telegram's note that the file was not exported); null when none
 * @param mimeType      {@code mime_type} of the file, if given
 * @param replyToId     {@code reply_to_message_id}, if the message replies to another
 * @param author        {@code author}: the signature of a channel post (channels that sign their posts), verbatim;
 *                      null when unsigned
 * @param zoneAssumed   true when {@code publishedAt} is the export's {@code date}, a local time without zone, read as
 *                      UTC for want of {@code date_unixtime}
 */
public record TelegramMessage(long id, String type, String action, Instant publishedAt, Instant editedAt,
        String forwardedFrom, String text, List<String> links, String mediaType, String mediaFile, String mimeType,
        Long replyToId, String author, boolean zoneAssumed) {

    /** The {@code type} of an ordinary message, the only type that is imported. */
    public static final String TYPE_MESSAGE = "message";

    /** The {@code type} of a service message (chat created, message pinned, title changed, ...). */
    public static final String TYPE_SERVICE = "service";

    public TelegramMessage {
        links = List.copyOf(links);
    }

    /** Whether this is an ordinary message (and so becomes a post). */
    public boolean isMessage() {
        return TYPE_MESSAGE.equals(type);
    }
}
