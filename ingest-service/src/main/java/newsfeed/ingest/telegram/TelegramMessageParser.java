package newsfeed.ingest.telegram;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsfeed.contracts.InstantRange;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.api.ApiError;

/**
 * Reads one message object of a Telegram Desktop export from a streaming {@link JsonParser} into a
 * {@link TelegramMessage}, collecting every problem of the message instead of stopping at the first. Memory is bounded
 * by the message: its text is capped at {@code maxTextChars}.
 *
 * <p>Text: {@code text} is a string or a mixed array of strings and entity objects ({@code {"type", "text",
 * "href"?}}); {@code text_entities} is an array of entity objects. {@code text_entities} is used when it holds at least
 * one entity, else {@code text}. The visible text of every entity goes into the text as written; a {@code text_link}'s
 * {@code href} and a {@code link}'s URL go to {@link TelegramMessage#links()}, never into the text.
 *
 * <p>Poll: {@code poll} is {@code {"question", "answers": [{"text", ...}, ...], ...}}, the question and each answer's
 * text a string or a mixed array like {@code text}; its question and answers follow the text as {@link TelegramPolls}
 * writes them, their links go to the links, and the message's media type is {@code poll}.
 */
final class TelegramMessageParser {

    /**
     * Stands for every source when a post's record size is checked: 64 characters, the longest a source can be, so
     * the size found is the largest the post can have under any source.
     */
    private static final String LONGEST_SOURCE = "s".repeat(64);

    /** Stands for every chat: the longest chat id. */
    private static final TelegramChat LONGEST_CHAT = new TelegramChat(0, "", null, null, Long.MIN_VALUE);

    private final int maxTextChars;
    private final int maxPostBytes;
    private final JsonSerde.RawPostSerde serde = new JsonSerde.RawPostSerde();

    /**
     * @param maxTextChars longest visible text of one message, and longest post body (with its {@code Forwarded from}
     *                     line), in UTF-16 code units
     * @param maxPostBytes largest Kafka record (key and JSON value, in bytes) a message's post may make
     */
    TelegramMessageParser(int maxTextChars, int maxPostBytes) {
        this.maxTextChars = maxTextChars;
        this.maxPostBytes = maxPostBytes;
    }

    /** A parsed message, or the problems that make it invalid (each naming the message and where it is). */
    record Result(TelegramMessage message, List<String> problems) {
    }

    /**
     * @param p    positioned on the message's {@code START_OBJECT}; left on its {@code END_OBJECT}
     * @param path the message's JSON path, e.g. {@code chats.list[2].messages[17]}
     * @throws IOException on malformed JSON (with its location) or an unreadable file
     */
    Result parse(JsonParser p, String path) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        List<String> problems = new ArrayList<>(0);
        Long id = null;
        boolean idSeen = false;
        String type = null;
        String action = null;
        String date = null;
        String dateUnix = null;
        String edited = null;
        String editedUnix = null;
        String forwardedFrom = null;
        TextParts text = null;
        TextParts entities = null;
        Poll poll = null;
        String mediaType = null;
        String photo = null;
        String file = null;
        String mimeType = null;
        String otherMedia = null;
        Long replyTo = null;
        String author = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> {
                    idSeen = true;
                    id = integer(p, field, problems);
                }
                case "type" -> type = string(p, field, problems);
                case "action" -> action = string(p, field, problems);
                case "date" -> date = string(p, field, problems);
                case "date_unixtime" -> dateUnix = scalar(p, field, problems);
                case "edited" -> edited = string(p, field, problems);
                case "edited_unixtime" -> editedUnix = scalar(p, field, problems);
                case "forwarded_from" -> forwardedFrom = string(p, field, problems);
                case "author" -> author = string(p, field, problems);
                case "text" -> text = text(p, "text", problems);
                case "text_entities" -> entities = entities(p, problems);
                case "media_type" -> mediaType = string(p, field, problems);
                case "photo" -> photo = string(p, field, problems);
                case "file" -> file = string(p, field, problems);
                case "mime_type" -> mimeType = string(p, field, problems);
                case "reply_to_message_id" -> replyTo = integer(p, field, problems);
                case "poll" -> {
                    poll = poll(p, problems);
                    otherMedia = "poll";
                }
                case "location_information" -> otherMedia = skipped(p, "location");
                case "contact_information" -> otherMedia = skipped(p, "contact");
                default -> p.skipChildren();
            }
        }
        if (!idSeen) {
            problems.add("id is required");
        }
        Instant publishedAt = instant(dateUnix, date, "date", problems);
        Instant editedAt = instant(editedUnix, edited, "edited", problems);
        // the normalizer clamps a publication time, but refuses an edit time the store cannot keep
        if (editedAt != null && !InstantRange.contains(editedAt)) {
            problems.add((editedUnix != null ? "edited_unixtime" : "edited") + " " + editedAt + " must lie "
                    + InstantRange.describe());
        }
        TextParts chosen = entities != null && entities.count > 0 ? entities : text;
        String visible = chosen == null ? "" : chosen.text.toString();
        Set<String> links = chosen == null ? new LinkedHashSet<>() : chosen.links;
        boolean overflow = chosen != null && chosen.overflow;
        if (poll != null) {
            visible = TelegramPolls.withPoll(visible, TelegramPolls.text(poll.question.text.toString(),
                    poll.answers.stream().map(answer -> answer.text.toString()).toList()));
            links.addAll(poll.question.links);
            poll.answers.forEach(answer -> links.addAll(answer.links));
            overflow |= poll.question.overflow || poll.answers.stream().anyMatch(answer -> answer.overflow);
        }
        if (overflow || visible.length() > maxTextChars) {
            problems.add("the text is longer than " + maxTextChars + " characters");
        }
        TelegramMessage message = null;
        if (problems.isEmpty()) {
            String media = mediaType != null ? mediaType
                    : photo != null ? "photo"
                    : file != null ? "document"
                    : otherMedia;
            message = new TelegramMessage(id, type == null ? TelegramMessage.TYPE_MESSAGE : type, action,
                    publishedAt, editedAt, forwardedFrom, visible, List.copyOf(links), media,
                    photo != null ? photo : file,
                    mimeType, replyTo, author, dateUnix == null && publishedAt != null);
            if (message.isMessage()) {
                checkPost(message, problems);
            }
        }
        if (!problems.isEmpty()) {
            String where = path + " (" + (id == null ? "" : "id " + id + ", ") + TelegramExportReader.where(start) + ")";
            return new Result(null, problems.stream().map(problem -> where + ": " + problem).toList());
        }
        return new Result(message, List.of());
    }

    /**
     * Checks now what would otherwise fail after earlier messages were published: a body the normalizer would send to
     * the dead letters, a record Kafka would refuse.
     */
    private void checkPost(TelegramMessage message, List<String> problems) {
        String body = TelegramPostMapper.body(message);
        if (body.length() > maxTextChars) {
            problems.add("its post body with its Forwarded from line is " + body.length()
                    + " characters, above the limit of " + maxTextChars);
            return;
        }
        RawPost post = TelegramPostMapper.toRawPost(LONGEST_SOURCE, LONGEST_CHAT, message, Instant.EPOCH);
        long bytes = (long) post.postId().getBytes(StandardCharsets.UTF_8).length
                + serde.serialize(null, post).length;
        if (bytes > maxPostBytes) {
            problems.add("its post would be a Kafka record of " + bytes + " bytes, above the limit of " + maxPostBytes
                    + " bytes");
        }
    }

    /** The visible text and links of {@code text} or {@code text_entities}, capped at {@link #maxTextChars}. */
    private final class TextParts {
        final StringBuilder text = new StringBuilder();
        final Set<String> links = new LinkedHashSet<>();
        int count;
        boolean overflow;

        void append(String part) {
            count++;
            if (overflow || text.length() + part.length() > maxTextChars) {
                overflow = true;
            } else {
                text.append(part);
            }
        }

        void entity(String type, String visible, String href) {
            append(visible == null ? "" : visible);
            if ("text_link".equals(type) && href != null && !href.isBlank()) {
                links.add(href.strip());
            } else if ("link".equals(type) && visible != null && !visible.isBlank()) {
                links.add(url(visible.strip()));
            }
        }
    }

    /**
     * A {@code link} entity's text as a URL: as written when it has a scheme ({@code https://...}), else
     * {@code http://} + text, as Telegram opens a bare {@code example.org/page}.
     */
    static String url(String linkText) {
        return linkText.contains("://") || linkText.toLowerCase(Locale.ROOT).startsWith("mailto:")
                ? linkText : "http://" + linkText;
    }

    /** A poll's question and answers, each capped like a text. */
    private final class Poll {
        TextParts question = new TextParts();
        final List<TextParts> answers = new ArrayList<>();
    }

    /** Reads {@code poll}; null when it is null or not an object (a problem then). */
    private Poll poll(JsonParser p, List<String> problems) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            problems.add("poll must be an object, got " + describe(p));
            p.skipChildren();
            return null;
        }
        Poll poll = new Poll();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "question" -> poll.question = text(p, "poll.question", problems);
                case "answers" -> answers(p, poll, problems);
                default -> p.skipChildren();
            }
        }
        return poll;
    }

    private void answers(JsonParser p, Poll poll, List<String> problems) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add("poll.answers must be an array, got " + describe(p));
            p.skipChildren();
            return;
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "poll.answers[" + i + "]";
            if (p.currentToken() == JsonToken.START_OBJECT) {
                TextParts answer = new TextParts();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("text")) {
                        answer = text(p, path + ".text", problems);
                    } else {
                        p.skipChildren();
                    }
                }
                poll.answers.add(answer);
            } else {
                problems.add(path + " must be an object, got " + describe(p));
                p.skipChildren();
            }
            i++;
        }
    }

    /**
     * Reads a text: a string, null, or a mixed array of strings and entity objects.
     *
     * @param path the field's JSON path within the message, for problems ({@code text}, {@code poll.question})
     */
    private TextParts text(JsonParser p, String path, List<String> problems) throws IOException {
        TextParts parts = new TextParts();
        switch (p.currentToken()) {
            case VALUE_STRING -> parts.append(p.getText());
            case VALUE_NULL -> {
                // no text
            }
            case START_ARRAY -> {
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        parts.append(p.getText());
                    } else if (p.currentToken() == JsonToken.START_OBJECT) {
                        entity(p, path + "[" + i + "]", parts, problems);
                    } else {
                        problems.add(path + "[" + i + "] must be a string or an entity object, got " + describe(p));
                        p.skipChildren();
                    }
                    i++;
                }
            }
            default -> {
                problems.add(path + " must be a string or an array, got " + describe(p));
                p.skipChildren();
            }
        }
        return parts;
    }

    private TextParts entities(JsonParser p, List<String> problems) throws IOException {
        TextParts parts = new TextParts();
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return parts;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add("text_entities must be an array, got " + describe(p));
            p.skipChildren();
            return parts;
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                entity(p, "text_entities[" + i + "]", parts, problems);
            } else {
                problems.add("text_entities[" + i + "] must be an entity object, got " + describe(p));
                p.skipChildren();
            }
            i++;
        }
        return parts;
    }

    /**
     * Reads an entity object ({@code {"type", "text", "href"?, ...}}) into {@code parts}. Its {@code text} is required:
     * Telegram Desktop writes it for every entity, and an entity without it would count as the message's text while
     * holding none (a helper's trial: an import replaced a stored post by an empty revision).
     */
    private void entity(JsonParser p, String path, TextParts parts, List<String> problems) throws IOException {
        String type = null;
        String visible = null;
        String href = null;
        // what stood for the text, when it was no string: "nothing" (no text field) or "null"; a text of another
        // type is named by string()
        String missing = "nothing";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = string(p, path + ".type", problems);
                case "text" -> {
                    missing = p.currentToken() == JsonToken.VALUE_NULL ? "null" : null;
                    visible = string(p, path + ".text", problems);
                }
                case "href" -> href = string(p, path + ".href", problems);
                default -> p.skipChildren();
            }
        }
        if (missing != null) {
            problems.add(path + ".text must be a string, got " + missing);
        }
        parts.entity(type, visible, href);
    }

    private static String skipped(JsonParser p, String media) throws IOException {
        p.skipChildren();
        return media;
    }

    private static String string(JsonParser p, String field, List<String> problems) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            problems.add(field + " must be a string, got " + describe(p));
            p.skipChildren();
        }
        return null;
    }

    /** A string or a number, as text (Telegram writes {@code date_unixtime} as a string of digits). */
    private static String scalar(JsonParser p, String field, List<String> problems) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            problems.add(field + " must be epoch seconds, got " + describe(p));
            p.skipChildren();
        }
        return null;
    }

    private static Long integer(JsonParser p, String field, List<String> problems) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                problems.add(field + " " + p.getText() + " is out of range");
                return null;
            }
            return p.getLongValue();
        }
        problems.add(field + " must be an integer, got " + describe(p));
        p.skipChildren();
        return null;
    }

    /**
     * {@code unix} (epoch seconds) if given, else {@code local} ({@code 2024-07-25T10:15:00}, no zone) read as UTC.
     */
    private static Instant instant(String unix, String local, String field, List<String> problems) {
        if (unix != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(unix.strip()));
            } catch (NumberFormatException | DateTimeException e) {
                problems.add(field + "_unixtime must be epoch seconds, got " + ApiError.quote(unix));
                return null;
            }
        }
        if (local != null) {
            try {
                return LocalDateTime.parse(local.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(field + " must be a date-time like 2024-07-25T10:15:00, got " + ApiError.quote(local));
            }
        }
        return null;
    }

    /** A token for an error message: its kind, and its text when it is a scalar. */
    static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> "null";
            default -> String.valueOf(token);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
