package newsfeed.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void aLongReasonKeepsWhatFailedAndWhyAndFitsBesideTheRecord() {
        // helper trial: a database error quoting 900 KB of bound values made a dead letter Kafka could not take
        String reason = "cannot store post wire:1: Batch entry 0 INSERT INTO post VALUES ('" + "x".repeat(900_000)
                + "') was aborted: ERROR: string is too long for tsvector (1297702 bytes, max 1048575 bytes)";

        var headers = DeadLetter.annotate(new RecordHeaders(), reason, "store", "posts.deduplicated", 2, 41);
        String written = DeadLetter.header(headers, DeadLetter.REASON);

        assertThat(written.length()).isLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS);
        assertThat(written).startsWith("cannot store post wire:1: Batch entry 0 INSERT INTO post")
                .endsWith("string is too long for tsvector (1297702 bytes, max 1048575 bytes)")
                .contains("characters cut");
        assertThat(DeadLetter.header(headers, DeadLetter.OFFSET)).isEqualTo("41");
    }

    @Test
    void aShortReasonIsWrittenWholeAndACutNeverSplitsASurrogatePair() {
        var headers = DeadLetter.annotate(new RecordHeaders(), "bad date", "store", "posts.deduplicated", 0, 1);
        assertThat(DeadLetter.header(headers, DeadLetter.REASON)).isEqualTo("bad date");

        String emoji = "🌊".repeat(2_000);
        String cut = DeadLetter.capped(emoji);
        assertThat(cut.length()).isLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS);
        assertThat(cut.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .isTrue();
    }
}
