package newsfeed.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text dumps and Telegram pages decode as feeds do (DESIGN §4): stray windows-1252 bytes in UTF-8 are repaired. */
class BodyDecoderTest {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aStrayWindows1252ByteInUtf8IsTheCharacterItStandsFor() {
        // a helper's dump: an emoji, then a word processor's apostrophe (0x92) - it was a 400, "invalid UTF-8 at byte 13"
        byte[] dump = bytes("\uD83C\uDF0A Minister", 0x92, "s harbour visit\n");
        assertThat(BodyDecoder.decode(dump, "text/plain; charset=utf-8")).isEqualTo("\uD83C\uDF0A Minister’s harbour visit\n");
        assertThat(BodyDecoder.decode(dump, null)).isEqualTo("\uD83C\uDF0A Minister’s harbour visit\n");
        assertThat(BodyDecoder.decode(bytes("ok ", 0xC3, "("), "text/plain")).isEqualTo("ok Ã(");
    }

    @Test
    void c1ControlsBecomeTheirWindows1252Characters() {
        assertThat(BodyDecoder.decode(bytes("it\u0092s"), "text/plain; charset=utf-8")).isEqualTo("it’s");
    }

    @Test
    void aByteWindows1252DoesNotDefineIsAnErrorNamingItsOffset() {
        assertThatThrownBy(() -> BodyDecoder.decode(bytes("ok ", 0x81, "x"), "text/plain; charset=utf-8"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).error().details()).containsExactly(
                        "byte 0x81 at offset 3 is neither valid UTF-8 nor a windows-1252 character"));
    }

    @Test
    void aDumpInWindows1251SentWithoutItsCharsetIsReadInIt() {
        // repaired as windows-1252 it would be Latin mojibake: the feeds' rule reads it as ICU's detector does
        String text = "Москва, 25 июля 2024 года. Министр иностранных дел провёл переговоры с коллегой.\n\n"
                + "Стороны обсудили вопросы двустороннего сотрудничества и положение в регионе.\n";
        byte[] cyrillic = text.getBytes(Charset.forName("windows-1251"));
        assertThat(BodyDecoder.decode(cyrillic, "text/plain; charset=utf-8")).isEqualTo(text);
        assertThat(BodyDecoder.decode(cyrillic, "text/plain; charset=windows-1251")).isEqualTo(text);
    }

    /** A review: a UTF-16 dump went through the UTF-8 repair and was stored as ÿþ and mojibake. */
    @Test
    void aByteOrderMarkNamesTheCharset() {
        String text = "Привет, мир: the harbour reopens.\n";
        ByteArrayOutputStream le = new ByteArrayOutputStream();
        le.write(0xFF);
        le.write(0xFE);
        le.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
        assertThat(BodyDecoder.decode(le.toByteArray(), "text/plain")).isEqualTo(text);
        assertThat(BodyDecoder.decode(le.toByteArray(), "text/plain; charset=utf-8")).isEqualTo(text);
        ByteArrayOutputStream be = new ByteArrayOutputStream();
        be.write(0xFE);
        be.write(0xFF);
        be.writeBytes(text.getBytes(StandardCharsets.UTF_16BE));
        assertThat(BodyDecoder.decode(be.toByteArray(), null)).isEqualTo(text);
        assertThat(BodyDecoder.decode(bytes(0xEF, 0xBB, 0xBF, "it", 0x92, "s"), null)).isEqualTo("it’s");
    }

    /** A review: ISO-8859-1 and US-ASCII are windows-1252 for feeds, and were not for dumps ("It\x92s" became "Its"). */
    @Test
    void latin1AndAsciiLabelsReadAsWindows1252() {
        assertThat(BodyDecoder.decode(bytes("It", 0x92, "s"), "text/plain; charset=iso-8859-1")).isEqualTo("It’s");
        assertThat(BodyDecoder.decode(bytes("It", 0x92, "s"), "text/plain; charset=US-ASCII")).isEqualTo("It’s");
    }

    @Test
    void otherCharsetsStayStrict() {
        assertThatThrownBy(() -> BodyDecoder.decode(new byte[] {'a', (byte) 0x98}, "text/plain; charset=windows-1251"))
                .isInstanceOf(InvalidRequestException.class);
    }
}
