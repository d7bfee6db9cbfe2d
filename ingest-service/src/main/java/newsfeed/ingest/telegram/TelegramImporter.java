package newsfeed.ingest.telegram;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.telegram.TelegramImportResult.ImportedChat;
import newsfeed.ingest.telegram.TelegramImportResult.MessageIds;

/**
 * Imports a spooled Telegram Desktop export in two streaming passes, so that nothing partial is ever published and the
 * export never sits in memory:
 * <ol>
 *   <li>{@link #check}: reads the whole export, checks every message of every chat to import, counts, and chooses
 *       each chat's source ({@link TelegramSources}); any problem rejects the export with all its details (at most
 *       {@value #MAX_DETAILS}) before anything is sent;</li>
 *   <li>{@link #publish}: reads it again and hands the posts ({@link TelegramPostMapper}) to a sink in batches of at
 *       most {@code batchSize} posts and {@code batchChars} body characters, in export order; each batch is
 *       acknowledged before the next is read.</li>
 * </ol>
 * Which chats are imported: the chat of a one-chat export, whatever its type; the channels ({@code public_channel},
 * {@code private_channel}) of a full-account export. Which messages: those of type {@code message}; service messages
 * and any other type are counted as skipped. Memory: one batch, one message being parsed, and 8 bytes per imported
 * message id. Thread-safe.
 */
public final class TelegramImporter {

    /** Most problem details in one 400 answer; the rest are counted. */
    static final int MAX_DETAILS = 50;

    private final TelegramExportReader reader;
    private final int batchSize;
    private final int batchChars;

    /**
     * @param reader     the export reader
     * @param batchSize  most posts handed to the sink at once
     * @param batchChars most body characters handed to the sink at once (a batch always holds at least one post)
     */
    public TelegramImporter(TelegramExportReader reader, int batchSize, int batchChars) {
        if (batchSize < 1 || batchChars < 1) {
            throw new IllegalArgumentException("batch size and chars must be positive, got " + batchSize + " and "
                    + batchChars);
        }
        this.reader = reader;
        this.batchSize = batchSize;
        this.batchChars = batchChars;
    }

    /**
     * What pass 1 found: the chats to import with their sources, how many posts that makes, and what is skipped.
     *
     * @param shape    the export's shape
     * @param imports  the chats to import with their sources, by chat index, in export order (their ids are empty:
     *                 {@link #publish} fills a copy)
     * @param accepted how many posts pass 2 will publish
     * @param skipped  messages not imported, by reason (see {@link TelegramImportResult#skipped()})
     */
    public record Plan(TelegramExportReader.Shape shape, Map<Integer, ImportedChat> imports, int accepted,
            Map<String, Integer> skipped) {
    }

    /** Checks and publishes; see the class description. */
    public TelegramImportResult importExport(Path export, String source, Instant receivedAt,
            Consumer<List<RawPost>> sink) {
        return publish(export, check(export, source), receivedAt, sink);
    }

    /**
     * Pass 1.
     *
     * @param source the {@code source} query parameter (a valid slug) or null
     * @throws InvalidRequestException listing the problems of the export
     */
    public Plan check(Path export, String source) {
        CheckVisitor visitor = new CheckVisitor();
        TelegramExportReader.Shape shape = reader.read(export, visitor);
        List<String> problems = new ArrayList<>();
        int problemCount = 0;
        List<TelegramChat> toImport = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int accepted = 0;
        for (ChatCheck check : visitor.chats.values()) {
            boolean imported = shape == TelegramExportReader.Shape.SINGLE_CHAT || check.chat.isChannel();
            if (!imported) {
                int messages = check.messages + check.invalid
                        + check.skipped.values().stream().mapToInt(Integer::intValue).sum();
                if (messages > 0) {
                    skipped.merge("chat:" + (check.chat.type() == null ? "unknown" : check.chat.type()), messages,
                            Integer::sum);
                }
                continue;
            }
            toImport.add(check.chat);
            accepted += check.messages;
            check.skipped.forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
            for (String problem : check.problems) {
                if (problems.size() < MAX_DETAILS) {
                    problems.add(problem);
                }
            }
            problemCount += check.problemCount;
            for (String repeat : repeatedIds(check)) {
                if (problems.size() < MAX_DETAILS) {
                    problems.add(repeat);
                }
                problemCount++;
            }
        }
        if (problemCount > 0) {
            if (problemCount > problems.size()) {
                problems.add("… and " + (problemCount - problems.size()) + " more problems");
            }
            throw new InvalidRequestException("invalid export", problems);
        }
        Map<Integer, String> sources = TelegramSources.choose(toImport, source, shape);
        Map<Integer, ImportedChat> imports = new LinkedHashMap<>();
        for (TelegramChat chat : toImport) {
            imports.put(chat.index(), new ImportedChat(chat, sources.get(chat.index()), new MessageIds()));
        }
        return new Plan(shape, imports, accepted, skipped);
    }

    /**
     * Pass 2: hands every post of the planned chats to {@code sink}, batch by batch.
     *
     * @param sink takes one batch and returns once it is stored (e.g. acknowledged by Kafka); what it throws ends
     *             the import and propagates
     * @throws IllegalStateException if the export no longer matches the plan (the spool file changed)
     */
    public TelegramImportResult publish(Path export, Plan plan, Instant receivedAt, Consumer<List<RawPost>> sink) {
        Map<Integer, ImportedChat> chats = new LinkedHashMap<>();
        plan.imports().forEach((index, chat) -> chats.put(index,
                new ImportedChat(chat.chat(), chat.source(), new MessageIds())));
        PublishVisitor visitor = new PublishVisitor(chats, receivedAt, sink);
        reader.read(export, visitor);
        visitor.flush();
        TelegramImportResult result = new TelegramImportResult(List.copyOf(chats.values()), plan.skipped());
        if (result.accepted() != plan.accepted()) {
            throw new IllegalStateException("the export gave " + result.accepted() + " posts on its second reading, "
                    + plan.accepted() + " on its first");
        }
        return result;
    }

    /**
     * Telegram writes each message of a chat once; a file that gives an id twice (damaged, or put together by hand) has
     * two texts for one post, and which one counts would be a guess.
     */
    private static List<String> repeatedIds(ChatCheck check) {
        long[] ids = check.ids.toArray();
        Arrays.sort(ids);
        String chat = check.chat.name() != null ? "chat " + ApiError.quote(check.chat.name())
                : check.chat.path().isEmpty() ? "the chat" : check.chat.path();
        List<String> repeats = new ArrayList<>();
        for (int i = 0; i < ids.length; ) {
            int run = 1;
            while (i + run < ids.length && ids[i + run] == ids[i]) {
                run++;
            }
            if (run > 1) {
                repeats.add(chat + ": message id " + ids[i] + " is given " + run
                        + " times; an export holds each message once");
            }
            i += run;
        }
        return repeats;
    }

    /** Pass 1's findings for one chat. */
    private static final class ChatCheck {
        TelegramChat chat;
        int messages;
        int invalid;
        /** The ids of its ordinary messages, each a post: an id given twice would name two posts with one postId. */
        final MessageIds ids = new MessageIds();
        final Map<String, Integer> skipped = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        int problemCount;

        ChatCheck(int index) {
            this.chat = new TelegramChat(index, "", null, null, null);
        }
    }

    private static final class CheckVisitor implements TelegramExportReader.Visitor {
        final Map<Integer, ChatCheck> chats = new TreeMap<>();

        private ChatCheck chat(int index) {
            return chats.computeIfAbsent(index, ChatCheck::new);
        }

        @Override
        public void message(int chatIndex, TelegramMessage message) {
            ChatCheck chat = chat(chatIndex);
            if (message.isMessage()) {
                chat.messages++;
                chat.ids.add(message.id());
            } else {
                chat.skipped.merge(message.type(), 1, Integer::sum);
            }
        }

        @Override
        public void invalidMessage(int chatIndex, List<String> details) {
            ChatCheck chat = chat(chatIndex);
            chat.invalid++;
            details.forEach(detail -> problem(chatIndex, detail));
        }

        @Override
        public void problem(int chatIndex, String detail) {
            ChatCheck chat = chat(chatIndex);
            chat.problemCount++;
            if (chat.problems.size() < MAX_DETAILS) {
                chat.problems.add(detail);
            }
        }

        @Override
        public void chatEnd(TelegramChat chat) {
            chat(chat.index()).chat = chat;
        }
    }

    private final class PublishVisitor implements TelegramExportReader.Visitor {
        private final Map<Integer, ImportedChat> chats;
        private final Instant receivedAt;
        private final Consumer<List<RawPost>> sink;
        private List<RawPost> batch = new ArrayList<>();
        private long chars;

        PublishVisitor(Map<Integer, ImportedChat> chats, Instant receivedAt, Consumer<List<RawPost>> sink) {
            this.chats = chats;
            this.receivedAt = receivedAt;
            this.sink = sink;
        }

        @Override
        public boolean wantsMessages(int chatIndex) {
            return chats.containsKey(chatIndex);
        }

        @Override
        public void message(int chatIndex, TelegramMessage message) {
            ImportedChat chat = chats.get(chatIndex);
            if (chat == null || !message.isMessage()) {
                return;
            }
            RawPost post = TelegramPostMapper.toRawPost(chat.source(), chat.chat(), message, receivedAt);
            batch.add(post);
            chat.ids().add(message.id());
            chars += post.body().length();
            if (batch.size() >= batchSize || chars >= batchChars) {
                flush();
            }
        }

        @Override
        public void invalidMessage(int chatIndex, List<String> details) {
            problem(chatIndex, String.join("; ", details));
        }

        @Override
        public void problem(int chatIndex, String detail) {
            if (chats.containsKey(chatIndex)) {
                throw new IllegalStateException("the export changed between its check and its import: " + detail);
            }
        }

        @Override
        public void chatEnd(TelegramChat chat) {
            // the chat's fields were taken in pass 1
        }

        void flush() {
            if (!batch.isEmpty()) {
                sink.accept(batch);
                batch = new ArrayList<>();
                chars = 0;
            }
        }
    }
}
