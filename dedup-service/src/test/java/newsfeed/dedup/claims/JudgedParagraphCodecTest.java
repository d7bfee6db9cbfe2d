package newsfeed.dedup.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import newsfeed.contracts.RemovalReason;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.message.Match;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The judge's paragraph store format: version 3 keeps the fact rules of its facts hash, version 2 {@code keptFrom};
 * versions 1 and 2, written before, are still read.
 */
class JudgedParagraphCodecTest {

    private static final Instant PUBLISHED = Instant.parse("2024-07-26T09:00:00.000000123Z");
    private static final Instant RECEIVED = Instant.parse("2026-12-06T04:00:00Z");

    private static JudgedParagraph paragraph() {
        return new JudgedParagraph("seed:y", 1, 0, PUBLISHED, 42L, "i have invited my colleague", false, 5,
                ParagraphFingerprinter.factsHash("i have invited my colleague"),
                List.of(new ClaimKey(ClaimKind.EXACT, 1L, 2L), new ClaimKey(ClaimKind.HEAD, 3L, 0)),
                new Match("seed:x", 1, Instant.parse("2024-07-25T09:00:00Z"), RemovalReason.PUBLISHED_BEFORE, 1.0),
                null, null, RECEIVED);
    }

    @Test
    void aParagraphComesBackEqualWithTheTimeItIsRememberedBy() {
        byte[] bytes = JudgedParagraphCodec.encode(paragraph());

        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(JudgedParagraphCodec.decode(bytes)).isEqualTo(paragraph());
    }

    @Test
    void versionOneIsReadAsRememberedByItsPublicationTime() {
        byte[] three = JudgedParagraphCodec.encode(paragraph());
        // version 1 is version 3 without the trailing instant (8 + 4 bytes) and facts rules (1 byte)
        byte[] one = Arrays.copyOf(three, three.length - 13);
        one[0] = 1;

        JudgedParagraph read = JudgedParagraphCodec.decode(one);

        assertThat(read.keptFrom()).isEqualTo(PUBLISHED);
        assertThat(read.withKeptFrom(RECEIVED)).isEqualTo(paragraph());
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheVersionsRead() {
        byte[] bytes = JudgedParagraphCodec.encode(paragraph());
        bytes[0] = 4;

        assertThatThrownBy(() -> JudgedParagraphCodec.decode(bytes)).isInstanceOf(SerializationException.class)
                .hasMessage("judged paragraph in format version 4, this dedup-service reads versions 1 to 3; reset "
                        + "the dedup application to rebuild its state");
    }
}
