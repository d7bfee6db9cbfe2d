package newsfeed.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.ingest.normalize.ParagraphRules;
import org.junit.jupiter.api.Test;

class TextDumpImporterTest {

    private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");
    private final TextDumpImporter importer = new TextDumpImporter(new TextDumpSplitter(ParagraphRules.defaults()));

    private static final String JUNE_3 = """
            Daily briefing by the harbour spokeswoman
            📍 Port Calder, June 3, 2024
            The north pier will close for repairs until the end of the month, the spokeswoman said.""";
    private static final String JUNE_4 = """
            Daily briefing by the harbour spokeswoman
            📍 Port Calder, June 4, 2024
            The ferry to the outer islands will add an evening crossing in summer, the spokeswoman said.""";
    private static final String JUNE_5 = """
            Daily briefing by the harbour spokeswoman
            📍 Port Calder, June 5, 2024
            Fish landings rose sharply compared with last spring, the spokeswoman reported.""";

    /** postId by the post's last paragraph. */
    private Map<String, String> ids(String... posts) {
        List<RawPost> raw = importer.toRawPosts("t11", String.join("\n---\n", posts), NOW);
        return raw.stream().collect(Collectors.toMap(p -> p.body().substring(p.body().lastIndexOf('\n') + 1),
                RawPost::postId));
    }

    /**
     * A helper's trial: a later export without the oldest briefing gave the June 4 post the June 3 post's id, and the
     * June 5 post the June 4 one's; importing it overwrote both, and the June 3 briefing was gone.
     */
    @Test
    void aLaterExportOfARecurringHeadlineKeepsEachPostsId() {
        Map<String, String> first = ids(JUNE_3, JUNE_4);
        Map<String, String> later = ids(JUNE_4, JUNE_5);
        String june4 = JUNE_4.substring(JUNE_4.lastIndexOf('\n') + 1);
        assertThat(later.get(june4)).isEqualTo(first.get(june4));
        assertThat(later.values()).doesNotContainAnyElementsOf(
                first.entrySet().stream().filter(e -> !e.getKey().equals(june4)).map(Map.Entry::getValue).toList());
        assertThat(first.values()).doesNotHaveDuplicates();
        assertThat(later.values()).doesNotHaveDuplicates();
    }

    @Test
    void anUndatedPostKeepsTheIdItAlwaysHad() throws Exception {
        List<RawPost> raw = importer.toRawPosts("t12", "Harbour reopens\nThe harbour reopened on Monday after the storm.",
                NOW);
        assertThat(raw.get(0).externalId()).isEqualTo(oldId("Harbour reopens", 0));
    }

    /**
     * A review: counted among undated posts only, an undated post after a dated one of the same headline took the
     * dated post's old id, and re-importing an older dump would have written it over that post.
     */
    @Test
    void anUndatedPostAfterADatedOneOfItsHeadlineKeepsItsOldId() throws Exception {
        String undated = "Daily briefing by the harbour spokeswoman\nNo briefing today, the spokeswoman is travelling.";
        List<RawPost> raw = importer.toRawPosts("t13", JUNE_3 + "\n---\n" + undated, NOW);
        assertThat(raw.get(1).externalId()).isEqualTo(oldId("Daily briefing by the harbour spokeswoman", 1));
        assertThat(raw.get(0).externalId()).isNotEqualTo(oldId("Daily briefing by the harbour spokeswoman", 0));
    }

    /** The id of the rule before datelines counted: SHA-256 of the first paragraph's key, a zero byte, the count. */
    private static String oldId(String firstParagraph, int occurrence) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(ParagraphKey.of(firstParagraph).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(Integer.toString(occurrence).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }

    @Test
    void theSameDumpImportedTwiceHasTheSameIds() {
        assertThat(ids(JUNE_3, JUNE_4, JUNE_5)).isEqualTo(ids(JUNE_3, JUNE_4, JUNE_5));
    }
}
