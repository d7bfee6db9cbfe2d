package newsfeed.ingest.telegram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.text.VisibleText;

/**
 * Turns a {@link TelegramMessage} into the {@link RawPost} written to {@code posts.raw}: postId
 * {@code <source>:<message id>}, sourceType {@code telegram}, contentType {@code text/plain}, no title (the normalizer
 * takes the first paragraph), {@code publishedAt} from the message's date.
 *
 * <p>Body: the message's visible text (a poll's question and options included, {@link TelegramPolls}); a forwarded
 * message's body starts with a line {@code Forwarded from X}, which
 * the normalizer turns into {@code forwardedFrom} (DESIGN §4), exactly as for a text dump. A media-only message has an
 * empty body (or only that line).
 *
 * <p>Attributes (all optional, strings):
 * <ul>
 *   <li>{@link RawPost#ATTR_LINKS}: the text's link targets ({@code text_link} hrefs, {@code link} URLs), one per line;
 *       the normalizer adds them to {@code links};</li>
 *   <li>{@value #ATTR_CHAT_ID}: the chat's numeric id;</li>
 *   <li>{@link RawPost#ATTR_EDITED_AT}: when the message was last edited (ISO-8601 instant); an edited message keeps
 *       its postId, so importing it again makes a new revision downstream;</li>
 *   <li>{@link RawPost#ATTR_AUTHOR}: the post's signature ({@code author});</li>
 *   <li>{@link RawPost#ATTR_ZONE_ASSUMED}: {@code true} when the date is the export's local {@code date} read as
 *       UTC;</li>
 *   <li>{@value #ATTR_FORWARDED_FROM}: {@code forwarded_from} verbatim;</li>
 *   <li>{@link RawPost#ATTR_MEDIA_TYPE}, {@value #ATTR_MEDIA_FILE}, {@value #ATTR_MIME_TYPE}: the message's media;</li>
 *   <li>{@value #ATTR_REPLY_TO}: the id of the message this one replies to.</li>
 * </ul>
 */
public final class TelegramPostMapper {

    public static final String ATTR_CHAT_ID = "telegram.chat_id";
    public static final String ATTR_FORWARDED_FROM = "telegram.forwarded_from";
    public static final String ATTR_MEDIA_FILE = "telegram.media_file";
    public static final String ATTR_MIME_TYPE = "telegram.mime_type";
    public static final String ATTR_REPLY_TO = "telegram.reply_to";

    private TelegramPostMapper() {
    }

    /**
     * @param source     the chat's source slug
     * @param chat       the chat the message belongs to
     * @param message    an ordinary message ({@link TelegramMessage#isMessage()})
     * @param receivedAt when the export was received
     */
    public static RawPost toRawPost(String source, TelegramChat chat, TelegramMessage message, Instant receivedAt) {
        String externalId = Long.toString(message.id());
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!message.links().isEmpty()) {
            attributes.put(RawPost.ATTR_LINKS, String.join("\n", message.links()));
        }
        put(attributes, ATTR_CHAT_ID, chat.id() == null ? null : chat.id().toString());
        put(attributes, RawPost.ATTR_EDITED_AT, message.editedAt() == null ? null : message.editedAt().toString());
        put(attributes, RawPost.ATTR_AUTHOR, message.author());
        put(attributes, RawPost.ATTR_ZONE_ASSUMED, message.zoneAssumed() ? "true" : null);
        put(attributes, ATTR_FORWARDED_FROM, message.forwardedFrom());
        put(attributes, RawPost.ATTR_MEDIA_TYPE, message.mediaType());
        put(attributes, ATTR_MEDIA_FILE, message.mediaFile());
        put(attributes, ATTR_MIME_TYPE, message.mimeType());
        put(attributes, ATTR_REPLY_TO, message.replyToId() == null ? null : message.replyToId().toString());
        return new RawPost(PostId.of(source, externalId), source, externalId, SourceType.TELEGRAM, receivedAt,
                message.publishedAt(), null, null, RawPost.TEXT_PLAIN, body(message), attributes);
    }

    /**
     * The post body: {@code Forwarded from X} and a line break before the text when the message was forwarded (X on
     * one line: line breaks and control characters in the name become spaces), else the text alone.
     */
    static String body(TelegramMessage message) {
        String from = message.forwardedFrom() == null ? "" : oneLine(message.forwardedFrom());
        if (from.isEmpty()) {
            return message.text();
        }
        String header = "Forwarded from " + from;
        return message.text().isEmpty() ? header : header + "\n" + message.text();
    }

    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (VisibleText.isSpace(c) || Character.isISOControl(c)) {
                space = !line.isEmpty();
            } else {
                if (space) {
                    line.append(' ');
                    space = false;
                }
                line.append(c);
            }
        }
        return line.toString();
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, value);
        }
    }
}
