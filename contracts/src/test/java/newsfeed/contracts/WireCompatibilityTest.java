package newsfeed.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields added by issue 10 on the wire: optional when reading, and nothing but the components written. */
class WireCompatibilityTest {

    private static final Instant AT = Instant.parse("2025-03-03T08:00:00Z");

    private static NormalizedPost post(boolean clamped) {
        return new NormalizedPost("wire:1", "wire", AT, AT, "Headline", null,
                List.of(new Paragraph(0, "Headline", ParagraphKind.TEXT)), List.of(), List.of(), null, null, 1, false,
                clamped);
    }

    @Test
    void recordsWrittenBeforeTheNewFieldsReadAsNotClampedAndWithoutEpoch() throws Exception {
        String old = """
                {"post": {"postId": "wire:1", "source": "wire", "publishedAt": "2025-03-03T08:00:00Z",
                          "receivedAt": "2025-03-03T08:00:00Z", "title": "Headline",
                          "paragraphs": [{"position": 0, "text": "Headline", "kind": "text"}],
                          "normalizerVersion": 1, "publishedAtFallback": false},
                 "kept": [0], "removed": [], "status": "UNIQUE", "revision": 3}""";

        DeduplicatedPost read = Json.mapper().readValue(old, DeduplicatedPost.class);

        assertThat(read.post().publishedAtClamped()).isFalse();
        assertThat(read.revisionEpoch()).isNull();
        assertThat(read.version()).isEqualTo(new PostVersion(null, 3));
    }

    @Test
    void theNewFieldsAreWrittenAndReadBackAndNothingDerivedIsWritten() throws Exception {
        DeduplicatedPost decision = new DeduplicatedPost(post(true), List.of(0), List.of(), PostStatus.UNIQUE, null, 1,
                AT.plusSeconds(1));

        JsonNode json = Json.mapper().valueToTree(decision);

        assertThat(json.get("revisionEpoch").asText()).isEqualTo("2025-03-03T08:00:01Z");
        assertThat(json.get("post").get("publishedAtClamped").asBoolean()).isTrue();
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("post", "kept", "removed", "status",
                "duplicateOf", "revision", "revisionEpoch");
        assertThat(json.get("post").has("publishedAtFromReceipt")).isFalse();
        assertThat(Json.mapper().treeToValue(json, DeduplicatedPost.class)).isEqualTo(decision);
    }

    @Test
    void aLaterEpochIsNewerWhateverItsRevisionAndANullEpochIsOldest() {
        PostVersion firstEpoch = new PostVersion(AT, 3);

        assertThat(new PostVersion(AT.plusSeconds(60), 1).isNewerThan(firstEpoch)).isTrue();
        assertThat(new PostVersion(AT, 4).isNewerThan(firstEpoch)).isTrue();
        assertThat(new PostVersion(AT, 3).isNewerThan(firstEpoch)).as("the same decision again").isFalse();
        assertThat(new PostVersion(AT.minusSeconds(60), 9).isNewerThan(firstEpoch)).isFalse();
        assertThat(new PostVersion(null, 9).isNewerThan(firstEpoch)).isFalse();
        assertThat(firstEpoch.isNewerThan(new PostVersion(null, 9))).isTrue();
        assertThat(new PostVersion(null, 2).isNewerThan(new PostVersion(null, 1))).isTrue();
    }
}
