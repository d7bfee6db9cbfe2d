package newsfeed.ingest.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import newsfeed.contracts.PostId;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.telegram.TelegramExportReader.Shape;
import org.junit.jupiter.api.Test;

class TelegramSourcesTest {

    private static TelegramChat chat(int index, String name, Long id) {
        return new TelegramChat(index, "chats.list[" + index + "].", name, "public_channel", id);
    }

    @Test
    void aNameBecomesALowerCaseAsciiSlug() {
        assertThat(TelegramSources.slug("Lantern Bay Dispatch")).isEqualTo("lantern-bay-dispatch");
        assertThat(TelegramSources.slug("  Café Ñews — 24/7!  ")).isEqualTo("cafe-news-24-7");
        assertThat(TelegramSources.slug("Bo's Harbour_Notes 🌊")).isEqualTo("bos-harbour-notes");
        assertThat(TelegramSources.slug("ﬁsh market №1")).isEqualTo("fish-market-no1");
    }

    @Test
    void aNameWithNonAsciiLettersOrNoneGivesNoSlug() {
        assertThat(TelegramSources.slug("Северный маяк")).isNull();
        assertThat(TelegramSources.slug("Harbour Новости")).isNull();
        assertThat(TelegramSources.slug("🌊 🌊")).isNull();
    }

    @Test
    void withoutAUsableNameTheChatIdIsTheSlug() {
        assertThat(TelegramSources.derive(chat(0, "Северный маяк", 1880003L))).isEqualTo("tg-1880003");
        assertThat(TelegramSources.derive(chat(0, null, 42L))).isEqualTo("tg-42");
        assertThat(TelegramSources.derive(chat(0, null, null))).isNull();
    }

    @Test
    void aOneChatExportUsesTheSourceParameterAsIs() {
        assertThat(TelegramSources.choose(List.of(chat(0, "Lantern Bay", 1L)), "wire", Shape.SINGLE_CHAT))
                .containsEntry(0, "wire");
        assertThat(TelegramSources.choose(List.of(chat(0, "Lantern Bay", 1L)), null, Shape.SINGLE_CHAT))
                .containsEntry(0, "lantern-bay");
    }

    @Test
    void channelsOfAnAccountThatDeriveTheSameSlugEachGetTheirId() {
        assertThat(TelegramSources.choose(List.of(chat(0, "Harbour News", 11L), chat(1, "HARBOUR NEWS!", 12L),
                chat(2, "Tides", 13L)), "acct", Shape.ACCOUNT))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry(0, "acct-harbour-news-11"),
                        org.assertj.core.api.Assertions.entry(1, "acct-harbour-news-12"),
                        org.assertj.core.api.Assertions.entry(2, "acct-tides"));
    }

    @Test
    void aLongNameIsCutToSixtyFourCharacters() {
        String source = TelegramSources.choose(List.of(chat(0, "word ".repeat(30), 1L)), "prefix", Shape.ACCOUNT)
                .get(0);

        assertThat(source).hasSizeLessThanOrEqualTo(64).startsWith("prefix-word-word").doesNotEndWith("-");
        assertThat(PostId.SOURCE_PATTERN.matcher(source).matches()).isTrue();
    }

    @Test
    void namesThatMeetOnlyOnceCutToLengthStillGiveDistinctSources() {
        String north = "Lantern Bay Dispatch: Harbour, Quays and Fisheries Weekly Bulletin (North)";
        String south = "Lantern Bay Dispatch: Harbour, Quays and Fisheries Weekly Bulletin (South)";

        var sources = TelegramSources.choose(List.of(chat(0, north, 21L), chat(1, south, 22L)), null, Shape.ACCOUNT);

        assertThat(sources.values()).doesNotHaveDuplicates().allSatisfy(source -> {
            assertThat(source).hasSizeLessThanOrEqualTo(64);
            assertThat(PostId.SOURCE_PATTERN.matcher(source).matches()).isTrue();
        });
        assertThat(sources.get(0)).endsWith("-21");
        assertThat(sources.get(1)).endsWith("-22");
    }

    @Test
    void aSlugWithAnIdSuffixNeverMeetsAnotherChatsName() {
        var sources = TelegramSources.choose(List.of(chat(0, "News", 5L), chat(1, "News", 7L), chat(2, "News 5", 9L)),
                null, Shape.ACCOUNT);

        assertThat(sources.values()).doesNotHaveDuplicates();
        assertThat(sources.get(1)).isEqualTo("news-7");
    }

    @Test
    void chatsThatCannotBeToldApartAreRejected() {
        assertThatThrownBy(() -> TelegramSources.choose(List.of(chat(0, "Harbour News", null),
                chat(1, "Harbour News", null)), null, Shape.ACCOUNT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.error().details())
                        .containsExactly("chats.list[0] (\"Harbour News\") and chats.list[1] (\"Harbour News\") would "
                                + "share the source harbour-news, and they have no ids to tell them apart; import them "
                                + "one at a time with ?source=SLUG"));
    }

    @Test
    void aChatWithoutNameOrIdNeedsASource() {
        assertThatThrownBy(() -> TelegramSources.choose(List.of(chat(3, "Новости", null)), null, Shape.ACCOUNT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.error().details())
                        .containsExactly("chats.list[3] (\"Новости\"): its name gives no ASCII slug and it has no id; "
                                + "pass ?source=SLUG"));
    }
}
