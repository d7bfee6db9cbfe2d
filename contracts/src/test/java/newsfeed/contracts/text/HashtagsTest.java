package newsfeed.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashtagsTest {

    @Test
    void spellingsOfOneTagFoldAlike() {
        assertThat(Hashtags.fold("Straße")).isEqualTo("strasse").isEqualTo(Hashtags.fold("STRAẞE"));
        assertThat(Hashtags.fold("ＮＬＣ")).isEqualTo("nlc");
        assertThat(Hashtags.fold("ΟΔΟΣ")).isEqualTo(Hashtags.fold("οδος"));
        assertThat(Hashtags.fold("Cafe\u0301")).isEqualTo(Hashtags.fold("café"));
        assertThat(Hashtags.fold("Паромы")).isEqualTo("паромы");
    }

    @Test
    void differentTagsStayApart() {
        // digits are facts, as in paragraph keys
        assertThat(Hashtags.fold("G7")).isNotEqualTo(Hashtags.fold("G8"));
        // Unicode's full folding is not Turkish: İ keeps its dot, so #İstanbul is not #istanbul
        assertThat(Hashtags.fold("İstanbul")).isNotEqualTo(Hashtags.fold("istanbul"));
    }
}
