package newsfeed.ingest.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.normalize.ParagraphRules;
import newsfeed.ingest.normalize.PostNormalizer;
import org.junit.jupiter.api.Test;

/** The streaming reader on small inline exports: shapes, text variants, and what it refuses. */
class TelegramExportReaderTest {

    private final TelegramExportReader reader = new TelegramExportReader(100);

    /** Everything the reader reports, in order. */
    private static final class Recorder implements TelegramExportReader.Visitor {
        final List<TelegramMessage> messages = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<TelegramChat> chats = new ArrayList<>();

        @Override
        public void message(int chatIndex, TelegramMessage message) {
            messages.add(message);
        }

        @Override
        public void invalidMessage(int chatIndex, List<String> details) {
            problems.addAll(details);
        }

        @Override
        public void problem(int chatIndex, String detail) {
            problems.add(detail);
        }

        @Override
        public void chatEnd(TelegramChat chat) {
            chats.add(chat);
        }
    }

    private Recorder read(String json) {
        Recorder recorder = new Recorder();
        reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), recorder);
        return recorder;
    }

    private static String oneMessage(String fields) {
        return "{\"name\":\"C\",\"type\":\"public_channel\",\"id\":9,\"messages\":[{\"id\":1," + fields + "}]}";
    }

    @Test
    void textEntitiesArePreferredToTextWhenTheyHoldAnEntity() {
        TelegramMessage message = read(oneMessage("\"text\":\"stale copy\",\"text_entities\":[{\"type\":\"plain\","
                + "\"text\":\"See \"},{\"type\":\"text_link\",\"text\":\"the notice\",\"href\":\"https://x.example/n\"}]"))
                .messages.get(0);

        assertThat(message.text()).isEqualTo("See the notice");
        assertThat(message.links()).containsExactly("https://x.example/n");
    }

    @Test
    void emptyTextEntitiesFallBackToText() {
        TelegramMessage message = read(oneMessage("\"text\":\"only in text\",\"text_entities\":[]")).messages.get(0);

        assertThat(message.text()).isEqualTo("only in text");
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
        Recorder recorder = read("{\"messages\":[{\"reactions\":[{\"emoji\":\"👍\",\"count\":3}],\"text\":\"Hi\","
                + "\"date_unixtime\":1741000000,\"id\":5,\"type\":\"message\"}],\"id\":9,\"type\":\"private_channel\","
                + "\"name\":\"Late Fields\",\"extra\":{\"a\":[1,2]}}");

        assertThat(recorder.messages).containsExactly(new TelegramMessage(5, "message", null,
                Instant.ofEpochSecond(1741000000), null, null, "Hi", List.of(), null, null, null, null, null, false));
        assertThat(recorder.chats).containsExactly(new TelegramChat(0, "", "Late Fields", "private_channel", 9L));
    }

    @Test
    void aHrefIsNeverSplicedIntoTheTextAndLinksAreDistinct() {
        TelegramMessage message = read(oneMessage("\"text\":[{\"type\":\"text_link\",\"text\":\"one\",\"href\":"
                + "\"https://x.example/a\"},\" \",{\"type\":\"text_link\",\"text\":\"two\",\"href\":\"https://x.example/a\"},"
                + "\" \",{\"type\":\"mention_name\",\"text\":\"Ada\",\"user_id\":5550001}]")).messages.get(0);

        assertThat(message.text()).isEqualTo("one two Ada");
        assertThat(message.links()).containsExactly("https://x.example/a");
    }

    @Test
    void aPollIsItsQuestionAndOptionsOnePerLineAfterAnyText() {
        // Issue 12: a poll message was stored with an empty body
        Recorder recorder = read("{\"name\":\"C\",\"id\":9,\"messages\":[{\"id\":1,\"text\":\"\",\"poll\":{"
                + "\"question\":\"Which ferry do you take?\",\"closed\":false,\"total_voters\":12,\"answers\":["
                + "{\"text\":\"Morning\",\"voters\":7,\"chosen\":false},{\"text\":\" Evening \",\"voters\":5,"
                + "\"chosen\":true},{\"text\":\"\",\"voters\":0}]}},"
                + "{\"id\":2,\"text\":[\"Vote \",{\"type\":\"bold\",\"text\":\"now\"}],\"poll\":{\"answers\":"
                + "[{\"text\":\"Yes\"},{\"text\":[\"No, \",{\"type\":\"italic\",\"text\":\"never\"}]}],"
                + "\"question\":[{\"type\":\"plain\",\"text\":\"Open the pier \"},{\"type\":\"link\",\"text\":"
                + "\"pier.example/plan\"}]}}]}");

        assertThat(recorder.problems).isEmpty();
        TelegramMessage poll = recorder.messages.get(0);
        assertThat(poll.text()).isEqualTo("Which ferry do you take?\nMorning\nEvening");
        assertThat(poll.mediaType()).isEqualTo("poll");
        TelegramMessage withText = recorder.messages.get(1);
        assertThat(withText.text()).isEqualTo("Vote now\n\nOpen the pier pier.example/plan\nYes\nNo, never");
        assertThat(withText.links()).containsExactly("http://pier.example/plan");

        PostNormalizer normalizer = new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT);
        NormalizedPost post = normalizer.normalize(TelegramPostMapper.toRawPost("c",
                new TelegramChat(0, "", "C", null, 9L), poll, Instant.EPOCH));
        assertThat(post.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Which ferry do you take?", "Morning", "Evening");
        assertThat(post.title()).isEqualTo("Which ferry do you take?");
    }

    @Test
    void aPollWhoseTextIsABrailleBlankIsOneParagraphPerLineAsWithoutText() {
        // a review: a U+2800 message text is no text (VisibleText.showsNothing), but withPoll set the poll off with a
        // blank line after it, which made the post blank-line blocks: the poll one paragraph, its title all options
        Recorder recorder = read("{\"name\":\"C\",\"id\":9,\"messages\":[{\"id\":1,\"text\":\"\\u2800\",\"poll\":{"
                + "\"question\":\"Which ferry do you take?\",\"answers\":[{\"text\":\"Morning\"},"
                + "{\"text\":\"Evening\"}]}}]}");

        assertThat(recorder.problems).isEmpty();
        PostNormalizer normalizer = new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT);
        NormalizedPost post = normalizer.normalize(TelegramPostMapper.toRawPost("c",
                new TelegramChat(0, "", "C", null, 9L), recorder.messages.get(0), Instant.EPOCH));
        assertThat(post.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Which ferry do you take?", "Morning", "Evening");
        assertThat(post.title()).isEqualTo("Which ferry do you take?");
    }

    @Test
    void aPollOfTheWrongShapeIsAProblemOfItsMessage() {
        Recorder recorder = read(oneMessage("\"poll\":{\"question\":7,\"answers\":[{\"text\":\"a\"},\"b\"]}"));

        assertThat(recorder.messages).isEmpty();
        assertThat(recorder.problems).containsExactly(
                "messages[0] (id 1, line 1, column 56, byte 55): poll.question must be a string or an array, got the "
                        + "number 7",
                "messages[0] (id 1, line 1, column 56, byte 55): poll.answers[1] must be an object, got the string \"b\"");
    }

    @Test
    void anEntityWithoutItsTextIsAProblemOfItsMessage() {
        // a helper's trial: text_entities [{"type":"plain"}] beside a text of real words was taken as the text, and
        // an import replaced the stored post by an empty revision; Telegram Desktop writes every entity's text
        Recorder recorder = read(oneMessage("\"text\":\"Ferry runs late\",\"text_entities\":[{\"type\":\"plain\"},"
                + "{\"type\":\"bold\",\"text\":null}]"));

        assertThat(recorder.messages).isEmpty();
        assertThat(recorder.problems).containsExactly(
                "messages[0] (id 1, line 1, column 56, byte 55): text_entities[0].text must be a string, got nothing",
                "messages[0] (id 1, line 1, column 56, byte 55): text_entities[1].text must be a string, got null");
    }

    @Test
    void aServiceMessageIsReadWithItsAction() {
        TelegramMessage message = read("{\"messages\":[{\"id\":1,\"type\":\"service\",\"action\":\"pin_message\","
                + "\"text\":\"\"}]}").messages.get(0);

        assertThat(message.type()).isEqualTo("service");
        assertThat(message.action()).isEqualTo("pin_message");
        assertThat(message.isMessage()).isFalse();
    }

    @Test
    void aTooLongTextIsAProblemOfItsMessage() {
        Recorder recorder = read(oneMessage("\"text\":[\"" + "a".repeat(60) + "\",\"" + "b".repeat(60) + "\"]"));

        assertThat(recorder.messages).isEmpty();
        assertThat(recorder.problems).containsExactly(
                "messages[0] (id 1, line 1, column 56, byte 55): the text is longer than 100 characters");
    }

    @Test
    void aTextALittleOverTheLimitIsAProblemOfItsMessageAndAHugeStringIsNamedWhereItStarts() {
        // helper trial: a text of 1,000,800 characters (limit 1,000,000) stopped the read with Jackson's words,
        // "at an unknown position", before the message's own check could name it
        TelegramExportReader large = new TelegramExportReader(1_000_000);
        Recorder recorder = new Recorder();
        large.read(new ByteArrayInputStream(oneMessage("\"text\":\"" + "a".repeat(1_000_800) + "\"")
                .getBytes(StandardCharsets.UTF_8)), recorder);
        assertThat(recorder.problems).singleElement().asString().startsWith("messages[0] (id 1, ")
                .endsWith("the text is longer than 1000000 characters");

        String json = oneMessage("\"text\":\"" + "a".repeat(70_000) + "\"");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new Recorder())).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.error().error()).isEqualTo("export exceeds a limit");
                    assertThat(e.error().details()).singleElement().asString()
                            .isEqualTo("a JSON string longer than 65536 characters, at line 1, column "
                                    + (json.indexOf("aaa")) + ", byte " + (json.indexOf("aaa") - 1));
                });
    }

    @Test
    void aLoneSurrogateEscapeIsKeptAsOneChar() {
        TelegramMessage message = read(oneMessage("\"text\":\"a\\ud800b\\udc00c\"")).messages.get(0);

        assertThat(message.text()).isEqualTo("a\ud800b\udc00c").doesNotContain("\uFFFD");
    }

    @Test
    void invalidUtf8IsRejectedWithItsPosition() {
        byte[] json = oneMessage("\"text\":\"x\"").replace("\"x\"", "\"x\u0000\"").getBytes(StandardCharsets.UTF_8);
        json[json.length - 5] = (byte) 0xC3; // byte 72: the NUL becomes a UTF-8 lead byte followed by a quote

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(json), new Recorder()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.error().error()).isEqualTo("invalid JSON");
                    assertThat(e.error().details()).singleElement().asString()
                            .startsWith("Invalid UTF-8 middle byte 0x22")
                            .endsWith("at line 1, column 75, byte 74"); // where the parser noticed: just after the bad pair
                });
    }

    @Test
    void whatIsNotAnExportIsRefused() {
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.error().error()).isEqualTo("not a Telegram Desktop export");
            assertThat(e.error().details()).containsExactly(
                    "the export must be a JSON object, got an array at line 1, column 1, byte 0");
        });
        assertThatThrownBy(() -> read("{\"source\":\"wire\",\"body\":\"x\"}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.error().details())
                        .containsExactly("the top-level object has neither \"messages\" (a one-chat export) nor "
                                + "\"chats\": {\"list\": [...]} (a full-account export)"));
        assertThatThrownBy(() -> read("{\"messages\":[]} {}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.error().details())
                        .containsExactly("unexpected an object after the end of the export at line 1, column 17, "
                                + "byte 16"));
        assertThatThrownBy(() -> read("")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.error().details()).containsExactly("the body is empty"));
    }

    @Test
    void aDuplicateKeyIsInvalidJson() {
        // Found by TelegramExportReaderFuzzTest: with "chats" twice the second list was read too, its chats numbered
        // from 0 again, so the visitor heard of chat 0 after its end and could take one chat's messages for another's.
        String twice = "{\"chats\":{\"list\":[{\"name\":\"A\",\"messages\":[]}]},"
                + "\"chats\":{\"list\":[{\"name\":\"B\",\"messages\":[{\"id\":1,\"text\":\"x\"}]}]}}";

        assertThatThrownBy(() -> read(twice)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.error().error()).isEqualTo("invalid JSON");
            assertThat(e.error().details()).containsExactly("Duplicate field 'chats' at line 1, column 55, byte 54"); // after it
        });
    }

    @Test
    void topLevelNameTypeAndIdAreTheChatsOnlyInAOneChatExport() {
        // Found by TelegramExportReaderFuzzTest: a top-level "name" that is not a string, in a full-account export, was
        // reported as a problem of chat 0 (chats.list[0], ended by then); there it is just another top-level field.
        Recorder account = read("{\"chats\":{\"list\":[{\"name\":\"A\",\"messages\":[]}]},\"name\":{\"list\":[]},"
                + "\"id\":\"x\"}");

        assertThat(account.problems).isEmpty();
        assertThat(account.chats).extracting(TelegramChat::name).containsExactly("A");

        Recorder single = read("{\"name\":{},\"messages\":[]}");

        assertThat(single.problems).containsExactly("name must be a string, got an object at line 1, column 9, byte 8");
        assertThat(single.chats).singleElement().extracting(TelegramChat::name).isNull();
    }

    @Test
    void aChatWithAWrongFieldTypeIsAProblemOfThatChat() {
        Recorder recorder = read("{\"chats\":{\"list\":[{\"name\":\"A\",\"type\":\"public_channel\",\"id\":\"x\","
                + "\"messages\":[]}]}}");

        assertThat(recorder.problems).containsExactly(
                "chats.list[0].id must be an integer, got the string \"x\" at line 1, column 60, byte 59");
    }
}
