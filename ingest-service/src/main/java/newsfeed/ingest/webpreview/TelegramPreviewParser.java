package newsfeed.ingest.webpreview;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.ingest.telegram.TelegramPolls;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads a saved Telegram channel web preview ({@code https://t.me/s/<channel>}) with jsoup: one {@link RawPost} per
 * message element ({@code div.tgme_widget_message[data-post]}, {@code data-post} = {@code <channel>/<id>}), but for
 * service messages ({@code .service_message}: "Channel created", a pinned message), which are skipped. A reply's quote
 * of the message it answers ({@code .tgme_widget_message_reply}) is not part of it.
 *
 * <ul>
 *   <li>text: the message's {@code .tgme_widget_message_text}, {@code <br>} as a line break, entities decoded once
 *       by the parser; link hrefs go to {@link RawPost#ATTR_LINKS}, never into the text;</li>
 *   <li>{@code publishedAt}: the {@code datetime} of the message's {@code time} element (ISO-8601 with offset);</li>
 *   <li>a forwarded message starts with a {@code Forwarded from X} line (the normalizer makes it
 *       {@code forwardedFrom});</li>
 *   <li>a poll ({@code .tgme_widget_message_poll}): its {@code .tgme_widget_message_poll_question} and each
 *       {@code .tgme_widget_message_poll_option_text} follow the text as {@link TelegramPolls} writes them (the vote
 *       counts and the poll's type are not text), and {@link RawPost#ATTR_MEDIA_TYPE} is {@code poll};</li>
 *   <li>a message without text (photo, video, document) is kept with an empty body and
 *       {@link RawPost#ATTR_MEDIA_TYPE} set;</li>
 *   <li>the signature of a signed channel post ({@code .tgme_widget_message_from_author}) is
 *       {@link RawPost#ATTR_AUTHOR}.</li>
 * </ul>
 */
public final class TelegramPreviewParser {

    private static final Map<String, String> MEDIA = new LinkedHashMap<>();

    static {
        MEDIA.put(".tgme_widget_message_photo_wrap", "photo");
        MEDIA.put(".tgme_widget_message_video_player, .tgme_widget_message_video", "video");
        MEDIA.put(".tgme_widget_message_document", "document");
        MEDIA.put(".tgme_widget_message_voice", "voice");
        MEDIA.put(".tgme_widget_message_sticker", "sticker");
        MEDIA.put(".tgme_widget_message_poll", "poll");
    }

    /**
     * @param html       the saved page
     * @param source     source slug for the posts, or null to use the channel name of the first message
     * @param receivedAt when the page was received
     * @return the messages in page order
     * @throws IllegalArgumentException naming the message if a message has no usable id or date
     */
    public List<RawPost> parse(String html, String source, Instant receivedAt) {
        Document page = Jsoup.parse(html);
        List<RawPost> posts = new ArrayList<>();
        for (Element shown : page.select("div.tgme_widget_message[data-post]")) {
            if (shown.hasClass("service_message")) {
                // "Channel created", a pinned message, a new photo: Telegram's notes, not posts (the export skips them)
                continue;
            }
            // a reply shows the message it answers above its own, in elements of the same classes: only its own count
            Element message = shown.selectFirst(".tgme_widget_message_reply") == null ? shown : withoutReply(shown);
            String dataPost = message.attr("data-post");
            int slash = dataPost.lastIndexOf('/');
            if (slash <= 0 || slash == dataPost.length() - 1) {
                throw new IllegalArgumentException("message data-post=\"" + dataPost + "\" is not <channel>/<id>");
            }
            String slug = source != null ? source : channelSlug(dataPost.substring(0, slash));
            String externalId = dataPost.substring(slash + 1);
            if (PostId.externalIdProblem(externalId) != null) {
                throw new IllegalArgumentException("message data-post=\"" + dataPost + "\": its id "
                        + PostId.externalIdProblem(externalId));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            Set<String> links = new LinkedHashSet<>();
            StringBuilder body = new StringBuilder();
            Element forwarded = message.selectFirst(".tgme_widget_message_forwarded_from_name");
            Element text = message.selectFirst(".tgme_widget_message_text");
            if (forwarded != null) {
                body.append("Forwarded from ").append(forwarded.text().strip());
            }
            String content = text == null ? "" : textOf(text, links).strip();
            Element poll = message.selectFirst(".tgme_widget_message_poll");
            if (poll != null) {
                Element question = poll.selectFirst(".tgme_widget_message_poll_question");
                List<String> options = new ArrayList<>();
                for (Element option : poll.select(".tgme_widget_message_poll_option_text")) {
                    options.add(textOf(option, links));
                }
                content = TelegramPolls.withPoll(content, TelegramPolls.text(
                        question == null ? null : textOf(question, links), options));
            }
            if (!content.isEmpty()) {
                body.append(body.isEmpty() ? "" : "\n").append(content);
            }
            MEDIA.forEach((selector, type) -> {
                if (!attributes.containsKey(RawPost.ATTR_MEDIA_TYPE) && message.selectFirst(selector) != null) {
                    attributes.put(RawPost.ATTR_MEDIA_TYPE, type);
                }
            });
            Element author = message.selectFirst(".tgme_widget_message_from_author");
            if (author != null && !author.text().isBlank()) {
                attributes.put(RawPost.ATTR_AUTHOR, author.text().strip());
            }
            if (!links.isEmpty()) {
                attributes.put(RawPost.ATTR_LINKS, String.join("\n", links));
            }
            Element date = message.selectFirst(".tgme_widget_message_date");
            posts.add(new RawPost(PostId.of(slug, externalId), slug, externalId, SourceType.TELEGRAM, receivedAt,
                    publishedAt(message, dataPost), null, date == null ? null : date.absUrl("href").isEmpty()
                            ? date.attr("href") : date.absUrl("href"), RawPost.TEXT_PLAIN, body.toString(),
                    attributes));
        }
        return posts;
    }

    /** A copy of a reply's element without the quote of the message it answers; the page is left as it is. */
    private static Element withoutReply(Element message) {
        Element copy = message.clone();
        copy.select(".tgme_widget_message_reply").remove();
        return copy;
    }

    /** The text of a message element: text nodes as written, {@code <br>} as a line break, hrefs collected. */
    private static String textOf(Element element, Set<String> links) {
        StringBuilder out = new StringBuilder();
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode textNode) {
                out.append(textNode.getWholeText());
            } else if (node instanceof Element child) {
                if (child.nameIs("br")) {
                    out.append('\n');
                } else {
                    if (child.nameIs("a") && child.hasAttr("href")) {
                        String href = child.attr("href");
                        if (href.startsWith("http://") || href.startsWith("https://")) {
                            links.add(href);
                        }
                    }
                    out.append(textOf(child, links));
                }
            }
        }
        return out.toString();
    }

    private static Instant publishedAt(Element message, String dataPost) {
        Element time = message.selectFirst("time[datetime]");
        if (time == null) {
            throw new IllegalArgumentException("message " + dataPost + " has no time[datetime]");
        }
        try {
            return OffsetDateTime.parse(time.attr("datetime")).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("message " + dataPost + ": datetime \"" + time.attr("datetime")
                    + "\" is not ISO-8601 with an offset", e);
        }
    }

    /** A valid source slug from a channel name: lower case, other characters as {@code -}. */
    static String channelSlug(String channel) {
        String slug = channel.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+", "");
        slug = slug.length() > 64 ? slug.substring(0, 64) : slug;
        if (!PostId.SOURCE_PATTERN.matcher(slug).matches()) {
            throw new IllegalArgumentException("channel \"" + channel + "\" gives no source slug; pass ?source=");
        }
        return slug;
    }
}
