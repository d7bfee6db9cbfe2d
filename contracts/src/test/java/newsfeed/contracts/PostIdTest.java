package newsfeed.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PostIdTest {

    /** A helper's trial: 1,000 CJK characters passed as 1,000, and were 3,000 bytes the store could not index. */
    @Test
    void anExternalIdIsMeasuredInBytesOfUtf8() {
        assertThat(PostId.externalIdProblem("x".repeat(1024))).isNull();
        assertThat(PostId.externalIdProblem("x".repeat(1025))).isEqualTo("has 1025 bytes in UTF-8, more than 1024");
        assertThat(PostId.externalIdProblem("字".repeat(341))).isNull();
        assertThat(PostId.externalIdProblem("字".repeat(342))).isEqualTo("has 1026 bytes in UTF-8, more than 1024");
        assertThat(PostId.externalIdProblem("a\u0007b")).isEqualTo("must not contain control characters");
    }

    @Test
    void aPostIdIsItsSourceAColonAndAnExternalId() {
        assertThat(PostId.problem("wire:1", "wire")).isNull();
        assertThat(PostId.problem("news:5c0e7a91d2b34f68/101", "news")).isNull();
        assertThat(PostId.problem("Wire:1", "Wire")).isEqualTo(
                "source \"Wire\" is not a slug matching [a-z0-9][a-z0-9_-]{0,63}");
        assertThat(PostId.problem("nocolon", "wire")).isEqualTo("postId \"nocolon\" is not wire:<externalId>");
        assertThat(PostId.problem("wire:", "wire")).isEqualTo("postId \"wire:\": its externalId is empty");
        assertThat(PostId.problem("wire:" + "x".repeat(1025), "wire"))
                .endsWith(": its externalId has 1025 bytes in UTF-8, more than 1024");
        assertThat(PostId.problem("wire:1", null)).startsWith("source null is not a slug");
    }

    @Test
    void aRecordIsKeyedByItsPostId() {
        assertThat(PostId.keyProblem("wire:1".getBytes(StandardCharsets.UTF_8), "wire:1")).isNull();
        assertThat(PostId.keyProblem(null, "wire:1")).isEqualTo("record key null differs from postId wire:1");
        assertThat(PostId.keyProblem("wire:2".getBytes(StandardCharsets.UTF_8), "wire:1"))
                .isEqualTo("record key wire:2 differs from postId wire:1");
    }
}
