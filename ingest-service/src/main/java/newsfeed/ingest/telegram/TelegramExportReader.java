package newsfeed.ingest.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.api.JsonProblems;
import newsfeed.ingest.api.InvalidRequestException;

/**
 * Streams a Telegram Desktop export (Settings → Advanced → Export Telegram data, or a chat's "Export chat history",
 * format "Machine-readable JSON": the {@code result.json} file) with Jackson's {@link JsonParser}, one token at a
 * time: memory is bounded by the largest single message, never by the export.
 *
 * <p>Two shapes are read:
 * <ul>
 *   <li>one chat: {@code {"name": "...", "type": "public_channel", "id": 123, "messages": [...]}};</li>
 *   <li>the whole account: {@code {"personal_information": {...}, "chats": {"about": "...", "list": [{chat}, ...]},
 *       "left_chats": {...}, ...}}: every chat of {@code chats.list}; {@code left_chats} and all other sections
 *       are skipped.</li>
 * </ul>
 * Every message is handed to a {@link Visitor} in export order, or reported to it as a problem (an invalid message
 * does not stop the read, so that all problems can be reported at once). Malformed JSON (a key twice in an object
 * included), a top level that is not an export, and exceeded limits stop the read with an
 * {@link InvalidRequestException} naming the line, column and byte offset. Raw control characters inside strings are accepted (the normalizer removes them); so are escaped lone
 * surrogates (a JSON escape of U+D800 with no low surrogate after it), which are kept as the single char they denote.
 *
 * <p>Thread-safe; each {@link #read} opens its own parser.
 */
public final class TelegramExportReader {

    /** What the export turned out to be. */
    public enum Shape {
        /** One chat's export: {@code {"name", "type", "id", "messages"}}. */
        SINGLE_CHAT,
        /** A full-account export: {@code {"chats": {"list": [...]}, ...}}. */
        ACCOUNT
    }

    /** Receives what {@link #read} finds. Problems name the chat path, the message and its location. */
    public interface Visitor {

        /**
         * Whether to read the messages of chat {@code chatIndex}; when false its {@code messages} array is skipped
         * (still checked to be well-formed JSON). Called when the array starts.
         */
        default boolean wantsMessages(int chatIndex) {
            return true;
        }

        /** A valid message of chat {@code chatIndex}, in export order. */
        void message(int chatIndex, TelegramMessage message);

        /** An invalid element of chat {@code chatIndex}'s messages: its problems, each a complete detail line. */
        void invalidMessage(int chatIndex, List<String> details);

        /** A problem with chat {@code chatIndex} itself (a field of the chat), as a complete detail line. */
        void problem(int chatIndex, String detail);

        /** Chat {@code chat.index()} ended: called after its messages, with all the chat's fields. */
        void chatEnd(TelegramChat chat);
    }

    private final JsonFactory factory;
    private final TelegramMessageParser messages;

    /**
     * A reader whose posts are bounded by their text only (no record-size check); for tests.
     *
     * @param maxTextChars see {@link #TelegramExportReader(int, int)}
     */
    public TelegramExportReader(int maxTextChars) {
        this(maxTextChars, Integer.MAX_VALUE);
    }

    /**
     * @param maxTextChars longest visible text of a message, and longest post body with its {@code Forwarded from}
     *                     line, in UTF-16 code units; a longer one is a problem, and a single JSON string longer than
     *                     twice this (or 64 Ki, whichever is more) stops the read
     * @param maxPostBytes largest Kafka record, in bytes, that a message's post may make (under any source); a larger
     *                     one is a problem of the message
     */
    public TelegramExportReader(int maxTextChars, int maxPostBytes) {
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                // a key twice (a second "chats" list, numbered from 0 again) would make chats and messages ambiguous
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // twice the text limit: a text a little over it is read, and its message's own check names it
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxStringLength(maxTextChars))
                        .build())
                .build();
        this.messages = new TelegramMessageParser(maxTextChars, maxPostBytes);
    }

    /**
     * Reads the export in {@code file} once, from start to end.
     *
     * @throws InvalidRequestException for malformed JSON, a document that is not a Telegram export, or a string above
     *                                the limit; the visitor may have been called before
     * @throws UncheckedIOException   if the file cannot be read
     */
    public Shape read(Path file, Visitor visitor) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled export " + file, e);
        }
    }

    /** {@link #read(Path, Visitor)} from a stream (not closed); byte offsets count from its current position. */
    public Shape read(InputStream in, Visitor visitor) {
        JsonParser parser = null;
        try (JsonParser p = factory.createParser(in)) {
            parser = p;
            return document(p, visitor);
        } catch (StreamConstraintsException e) {
            // Jackson's exception has no location; the parser still knows where the token it was reading began
            JsonLocation at = e.getLocation() != null ? e.getLocation()
                    : parser == null ? null : parser.currentTokenLocation();
            String what = e.getOriginalMessage().startsWith("String value length")
                    ? "a JSON string longer than " + factory.streamReadConstraints().getMaxStringLength()
                            + " characters, at " + where(at)
                    : JsonProblems.describe(e) + " at " + where(at);
            throw new InvalidRequestException("export exceeds a limit", List.of(what));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("invalid JSON", List.of(JsonProblems.describe(e) + " at "
                    + where(e.getLocation())));
        } catch (CharConversionException e) {
            throw new InvalidRequestException("invalid JSON", List.of("undecodable text: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export", e);
        }
    }

    private Shape document(JsonParser p, Visitor visitor) throws IOException {
        JsonToken root = p.nextToken();
        if (root == null) {
            throw new InvalidRequestException("invalid JSON", List.of("the body is empty"));
        }
        if (root != JsonToken.START_OBJECT) {
            throw notAnExport("the export must be a JSON object, got " + TelegramMessageParser.describe(p) + " at "
                    + where(p.currentTokenLocation()));
        }
        // the top level's name, type and id are the chat's only in a one-chat export, which the rest may yet show
        ChatFields single = new ChatFields(0, "", new ArrayList<>());
        boolean hasMessages = false;
        boolean hasChats = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "messages" -> {
                    hasMessages = true;
                    messages(p, single, visitor);
                }
                case "name", "type", "id" -> single.field(field, p, visitor);
                case "chats" -> {
                    hasChats = true;
                    chats(p, visitor);
                }
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new InvalidRequestException("invalid JSON", List.of("unexpected " + TelegramMessageParser.describe(p)
                    + " after the end of the export at " + where(p.currentTokenLocation())));
        }
        if (hasMessages && hasChats) {
            throw notAnExport("the top-level object has both \"messages\" (a one-chat export) and \"chats\" "
                    + "(a full-account export)");
        }
        if (hasMessages) {
            single.deferredProblems.forEach(problem -> visitor.problem(0, problem));
            visitor.chatEnd(single.chat());
            return Shape.SINGLE_CHAT;
        }
        if (hasChats) {
            return Shape.ACCOUNT;
        }
        throw notAnExport("the top-level object has neither \"messages\" (a one-chat export) nor \"chats\": "
                + "{\"list\": [...]} (a full-account export)");
    }

    private void chats(JsonParser p, Visitor visitor) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw notAnExport("chats must be an object with a \"list\" of chats, got "
                    + TelegramMessageParser.describe(p) + " at " + where(p.currentTokenLocation()));
        }
        boolean hasList = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!field.equals("list")) {
                p.skipChildren();
                continue;
            }
            hasList = true;
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw notAnExport("chats.list must be an array of chats, got " + TelegramMessageParser.describe(p)
                        + " at " + where(p.currentTokenLocation()));
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String path = "chats.list[" + index + "]";
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw notAnExport(path + " must be a chat object, got " + TelegramMessageParser.describe(p) + " at "
                            + where(p.currentTokenLocation()));
                }
                chat(p, new ChatFields(index, path + ".", null), visitor);
                index++;
            }
        }
        if (!hasList) {
            throw notAnExport("chats has no \"list\" of chats");
        }
    }

    private void chat(JsonParser p, ChatFields chat, Visitor visitor) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "messages" -> messages(p, chat, visitor);
                case "name", "type", "id" -> chat.field(field, p, visitor);
                default -> p.skipChildren();
            }
        }
        visitor.chatEnd(chat.chat());
    }

    private void messages(JsonParser p, ChatFields chat, Visitor visitor) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            visitor.problem(chat.index, chat.path + "messages must be an array, got "
                    + TelegramMessageParser.describe(p) + " at " + where(p.currentTokenLocation()));
            p.skipChildren();
            return;
        }
        if (!visitor.wantsMessages(chat.index)) {
            p.skipChildren();
            return;
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = chat.path + "messages[" + i + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                visitor.invalidMessage(chat.index, List.of(path + " (" + where(p.currentTokenLocation())
                        + "): a message must be an object, got " + TelegramMessageParser.describe(p)));
                p.skipChildren();
            } else {
                TelegramMessageParser.Result result = messages.parse(p, path);
                if (result.message() != null) {
                    visitor.message(chat.index, result.message());
                } else {
                    visitor.invalidMessage(chat.index, result.problems());
                }
            }
            i++;
        }
    }

    /** The fields of a chat object, which may come before or after its messages. */
    private static final class ChatFields {
        final int index;
        final String path;
        /** Problems of the fields held back until the chat is known to be one, or null: reported at once. */
        final List<String> deferredProblems;
        String name;
        String type;
        Long id;

        ChatFields(int index, String path, List<String> deferredProblems) {
            this.index = index;
            this.path = path;
            this.deferredProblems = deferredProblems;
        }

        void field(String field, JsonParser p, Visitor visitor) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (field.equals("id")) {
                if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    id = p.getLongValue();
                    return;
                }
            } else if (token == JsonToken.VALUE_STRING) {
                if (field.equals("name")) {
                    name = p.getText();
                } else {
                    type = p.getText();
                }
                return;
            }
            String problem = path + field + " must be " + (field.equals("id") ? "an integer" : "a string") + ", got "
                    + TelegramMessageParser.describe(p) + " at " + where(p.currentTokenLocation());
            if (deferredProblems != null) {
                deferredProblems.add(problem);
            } else {
                visitor.problem(index, problem);
            }
            p.skipChildren();
        }

        TelegramChat chat() {
            return new TelegramChat(index, path, name, type, id);
        }
    }

    private static InvalidRequestException notAnExport(String detail) {
        return new InvalidRequestException("not a Telegram Desktop export", List.of(detail));
    }

    /** The parser's longest string: twice a message's longest text, at least 64 Ki, at most what an int holds. */
    private static int maxStringLength(int maxTextChars) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2L * maxTextChars, 65_536));
    }

    /** A location for an error detail: {@code line L, column C, byte B}. */
    static String where(JsonLocation location) {
        if (location == null) {
            return "an unknown position";
        }
        String where = "line " + location.getLineNr() + ", column " + location.getColumnNr();
        return location.getByteOffset() >= 0 ? where + ", byte " + location.getByteOffset() : where;
    }
}
