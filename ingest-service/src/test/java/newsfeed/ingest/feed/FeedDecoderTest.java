package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import newsfeed.ingest.feed.FeedDecoder.CharsetSource;
import newsfeed.ingest.feed.FeedDecoder.Decoded;
import newsfeed.ingest.normalize.TextBytes;
import org.junit.jupiter.api.Test;

class FeedDecoderTest {

    private static final String FEED = "https://feeds.example/rss";
    private static final Charset CP1251 = Charset.forName("windows-1251");

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void windows1251FromTheXmlDeclarationGivesCyrillic() {
        Decoded decoded = FeedDecoder.decode(FeedFixtures.bytes("rss2-windows-1251.xml"), "application/rss+xml",
                FEED);

        assertThat(decoded.charset().name()).isEqualTo("windows-1251");
        assertThat(decoded.source()).isEqualTo(CharsetSource.XML_DECLARATION);
        assertThat(decoded.text()).contains("<title>Мост через Сорожу откроют в августе</title>")
                .contains("пролётов").contains("«липовый»").contains("— так сообщила мэрия")
                .doesNotContain("\uFFFD");
    }

    @Test
    void theContentTypeCharsetOverridesTheXmlDeclaration() {
        byte[] bytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Привет</rss>".getBytes(CP1251);

        Decoded decoded = FeedDecoder.decode(bytes, "text/xml; charset=\"windows-1251\"", FEED);

        assertThat(decoded.source()).isEqualTo(CharsetSource.CONTENT_TYPE);
        assertThat(decoded.text()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Привет</rss>");
    }

    @Test
    void aHeaderSayingUtf8OverWindows1251BytesGivesWayToTheDeclaration() {
        Decoded decoded = FeedDecoder.decode(FeedFixtures.bytes("rss2-windows-1251.xml"),
                "application/rss+xml; charset=UTF-8", FEED);

        assertThat(decoded.charset().name()).isEqualTo("windows-1251");
        assertThat(decoded.source()).isEqualTo(CharsetSource.XML_DECLARATION);
        assertThat(decoded.note()).isEqualTo("the Content-Type header says UTF-8 but the bytes are not; they are "
                + "valid windows-1251 as the XML declaration says");
        assertThat(decoded.text()).contains("<title>Мост через Сорожу откроют в августе</title>");
    }

    @Test
    void utf8WithAFewStrayBytesStaysUtf8EvenIfTheDeclarationSaysOtherwise() {
        byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss>naïve — “ok” It"
                .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x92}, "s</rss>".getBytes(StandardCharsets.UTF_8));

        Decoded decoded = FeedDecoder.decode(bytes, "text/xml; charset=utf-8", FEED);

        assertThat(decoded.text()).endsWith("<rss>naïve — “ok” It’s</rss>");
        assertThat(decoded.repairedBytes()).isEqualTo(1);
        assertThat(decoded.note()).isNull();
    }

    @Test
    void aHeaderNamingALegacyCharsetOverUtf8BytesGivesWayToUtf8() {
        byte[] bytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Привет, мир</rss>".getBytes(StandardCharsets.UTF_8);

        Decoded decoded = FeedDecoder.decode(bytes, "text/xml; charset=windows-1251", FEED);

        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(decoded.text()).endsWith("<rss>Привет, мир</rss>");
        assertThat(decoded.note()).startsWith("the Content-Type header says windows-1251 but the bytes are UTF-8");
    }

    @Test
    void aUtf8BomIsStrippedAndWinsOverTheHeaderAndTheDeclaration() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "<?xml version=\"1.0\" encoding=\"windows-1251\"?><feed>Café — ok</feed>".getBytes(StandardCharsets.UTF_8));

        Decoded decoded = FeedDecoder.decode(bytes, "application/atom+xml; charset=iso-8859-1", FEED);

        assertThat(decoded.source()).isEqualTo(CharsetSource.BOM);
        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(decoded.text()).startsWith("<?xml").endsWith("<feed>Café — ok</feed>");
    }

    @Test
    void utf16ByteOrderMarksAreHonoured() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>Ёлка ’ 𝄞</rss>";
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, xml.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, xml.getBytes(StandardCharsets.UTF_16BE));

        assertThat(FeedDecoder.decode(le, null, FEED).text()).isEqualTo(xml);
        assertThat(FeedDecoder.decode(be, "text/xml; charset=utf-8", FEED).text()).isEqualTo(xml);
        assertThat(FeedDecoder.decode(xml.getBytes(StandardCharsets.UTF_16LE), null, FEED).text()).isEqualTo(xml);
    }

    @Test
    void withoutBomHeaderOrDeclarationTheDocumentIsUtf8() {
        Decoded decoded = FeedDecoder.decode("<rss>naïve ✓</rss>".getBytes(StandardCharsets.UTF_8), "text/xml", FEED);

        assertThat(decoded.source()).isEqualTo(CharsetSource.DEFAULT);
        assertThat(decoded.text()).isEqualTo("<rss>naïve ✓</rss>");
        assertThat(decoded.repairedBytes()).isZero();
    }

    /**
     * A trial served a windows-1251 feed whose declaration said UTF-8, without a charset in the header: every
     * Cyrillic byte was "repaired" as windows-1252 and the title stored as "Ãóáåðíàòîð îòêðûë ...". Bytes that are
     * all not UTF-8 are no stray bytes.
     */
    @Test
    void aFeedDeclaredUtf8WhoseBytesAreAllWindows1251IsReadAsWindows1251() {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Новости"
                + "</title><item><title>Губернатор открыл новый мост через реку</title><guid>1</guid></item>"
                + "</channel></rss>").getBytes(CP1251);

        for (String contentType : new String[] {"application/rss+xml", "application/rss+xml; charset=utf-8"}) {
            Decoded decoded = FeedDecoder.decode(bytes, contentType, FEED);

            assertThat(decoded.text()).as(contentType).contains("<title>Губернатор открыл новый мост через реку</title>");
            assertThat(decoded.charset().name()).isEqualTo("windows-1251");
            assertThat(decoded.source()).isEqualTo(CharsetSource.DETECTED);
            assertThat(decoded.repairedBytes()).isZero();
            assertThat(decoded.note()).startsWith("the bytes are not UTF-8 as ").contains("windows-1251");
        }
        byte[] fixture = new String(FeedFixtures.bytes("rss2-windows-1251.xml"), CP1251)
                .replace("encoding=\"windows-1251\"", "encoding=\"UTF-8\"").getBytes(CP1251);
        assertThat(FeedDecoder.decode(fixture, "application/rss+xml", FEED).text())
                .contains("<title>Мост через Сорожу откроют в августе</title>");
    }

    @Test
    void strayWindows1252BytesInUtf8AreRepaired() {
        Decoded decoded = FeedDecoder.decode(FeedFixtures.bytes("rss2-utf8-with-cp1252-bytes.xml"),
                "application/rss+xml; charset=utf-8", FEED);

        assertThat(decoded.text())
                .contains("<title>Harbour Master’s office moves to the old “Café Marin”</title>")
                .contains("The naïve plan of 1987")
                .contains("It’s next to the ferry ramp.")
                .doesNotContain("\uFFFD");
        assertThat(decoded.repairedBytes()).isEqualTo(5);
    }

    @Test
    void aByteThatIsNeitherUtf8NorWindows1252RejectsTheFeedNamingItsOffset() {
        assertThatThrownBy(() -> FeedDecoder.decode(FeedFixtures.bytes("rss2-undecodable-byte.xml"), null, FEED))
                .isInstanceOf(FeedException.class)
                .hasMessage("feed https://feeds.example/rss: byte 0x81 at offset 494 is neither valid UTF-8 nor a "
                        + "windows-1252 character (charset from the XML declaration)")
                .extracting(e -> ((FeedException) e).kind()).isEqualTo(FeedException.DECODE_ERROR);
    }

    @Test
    void invalidBytesInAnotherCharsetAreRejectedWithTheirOffset() {
        byte[] bytes = concat("<rss>абв".getBytes(CP1251), new byte[] {(byte) 0x98}, "</rss>".getBytes(CP1251));

        assertThatThrownBy(() -> FeedDecoder.decode(bytes, "text/xml; charset=windows-1251", FEED))
                .isInstanceOf(FeedException.class)
                .hasMessage("feed https://feeds.example/rss: byte 0x98 at offset 8 is not valid windows-1251 "
                        + "(charset from the Content-Type header)");
    }

    @Test
    void anUnknownCharsetIsAnErrorNamingWhereItWasDeclared() {
        assertThatThrownBy(() -> FeedDecoder.decode("<rss/>".getBytes(StandardCharsets.US_ASCII),
                "text/xml; charset=klingon-8", FEED))
                .hasMessage("feed https://feeds.example/rss: unknown charset \"klingon-8\" declared in the "
                        + "Content-Type header");
    }

    @Test
    void latin1LabelsMeanWindows1252() {
        byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>Tom".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {(byte) 0x92, 's', ' ', (byte) 0xE9, (byte) 0x80}, "</rss>".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(FeedDecoder.decode(bytes, null, FEED).text()).endsWith("<rss>Tom’s é€</rss>");
    }

    /**
     * UTF-8 labelled ISO-8859-1 (a blog's charset setting, a template's declaration) was read as windows-1252: "Café"
     * was stored as "CafÃ©", "—" as "â€”", and a closing quote (E2 80 9D) rejected the whole feed, 0x9D being no
     * windows-1252 character. Valid UTF-8 with multi-byte sequences is read as UTF-8 whichever Latin label is on it;
     * windows-1252 text is almost never that.
     */
    @Test
    void utf8BytesLabelledLatin1AreReadAsUtf8() {
        byte[] declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>Café — “naïve”</rss>"
                .getBytes(StandardCharsets.UTF_8);

        Decoded fromDeclaration = FeedDecoder.decode(declared, null, FEED);
        assertThat(fromDeclaration.text()).endsWith("<rss>Café — “naïve”</rss>");
        assertThat(fromDeclaration.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(fromDeclaration.source()).isEqualTo(FeedDecoder.CharsetSource.BYTES);
        assertThat(fromDeclaration.note()).isEqualTo("the XML declaration says ISO-8859-1 but the bytes are UTF-8 "
                + "with multi-byte sequences, which windows-1252 text almost never is");

        Decoded fromHeader = FeedDecoder.decode(declared, "application/rss+xml; charset=windows-1252", FEED);
        assertThat(fromHeader.text()).endsWith("<rss>Café — “naïve”</rss>");
        assertThat(fromHeader.note()).startsWith("the Content-Type header says windows-1252 but the bytes are UTF-8");

        // windows-1252 text stays so: é followed by a letter is no UTF-8 sequence, and ASCII alone is the same text
        byte[] latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>Café au lait</rss>"
                .getBytes(TextBytes.WINDOWS_1252);
        assertThat(FeedDecoder.decode(latin, null, FEED).text()).endsWith("<rss>Café au lait</rss>");
        assertThat(FeedDecoder.decode(latin, null, FEED).note()).isNull();
        byte[] ascii = "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><rss>plain</rss>"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(FeedDecoder.decode(ascii, null, FEED).charset()).isEqualTo(TextBytes.WINDOWS_1252);
    }

    /**
     * A review of the rule above: Java's and the WHATWG's other names of ISO-8859-1 escaped it (ISO8859_1 gave
     * "CafÃ©", ANSI_X3.4-1968 rejected the feed, iso88591 was an unknown charset); UTF-8 under another single-byte
     * label (windows-1251) was mojibake; and UTF-8 with one stray windows-1252 byte under a Latin label was rejected.
     */
    @Test
    void utf8UnderAnySingleByteLabelIsReadAsUtf8() {
        for (String label : List.of("ISO8859_1", "ISO_8859_1", "csISOLatin1", "ISO_8859-1:1987", "ANSI_X3.4-1968",
                "iso88591", "windows-1251", "KOI8-R")) {
            byte[] bytes = ("<?xml version=\"1.0\" encoding=\"" + label + "\"?><rss>Café, мост</rss>")
                    .getBytes(StandardCharsets.UTF_8);
            Decoded decoded = FeedDecoder.decode(bytes, null, FEED);
            assertThat(decoded.text()).as(label).endsWith("<rss>Café, мост</rss>");
            assertThat(decoded.note()).as(label).startsWith("the XML declaration says " + label + " but the bytes");
        }
        assertThat(FeedDecoder.decode("<rss>Café</rss>".getBytes(StandardCharsets.UTF_8),
                "text/xml; charset=windows-1251", FEED).text()).isEqualTo("<rss>Café</rss>");

        byte[] stray = concat("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>Café — “déjà vu” It"
                .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x92}, "s</rss>".getBytes(StandardCharsets.UTF_8));
        Decoded repaired = FeedDecoder.decode(stray, null, FEED);
        assertThat(repaired.text()).endsWith("<rss>Café — “déjà vu” It’s</rss>");
        assertThat(repaired.repairedBytes()).isEqualTo(1);
        assertThat(repaired.note()).endsWith("; 1 stray byte read as windows-1252");

        // under a Latin label, stray bytes need four times as many valid sequences: German windows-1252 with "Fuß“"
        // (DF 93, a valid sequence) and an umlaut stays windows-1252 (a helper's trial)
        byte[] german = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss>Der „Fuß“ ist länger</rss>"
                .getBytes(TextBytes.WINDOWS_1252);
        assertThat(FeedDecoder.decode(german, null, FEED).text()).endsWith("<rss>Der „Fuß“ ist länger</rss>");

        // windows-1251 text stays so: its letters are no UTF-8 sequences
        byte[] cyrillic = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>Мост открыт</rss>"
                .getBytes(Charset.forName("windows-1251"));
        assertThat(FeedDecoder.decode(cyrillic, null, FEED).text()).endsWith("<rss>Мост открыт</rss>");
        assertThat(FeedDecoder.decode(cyrillic, null, FEED).note()).isNull();
    }

    @Test
    void c1ControlsBecomeTheWindows1252CharactersTheyStandFor() {
        String mojibake = "<rss>It\u0092s \u0093quoted\u0094\u0081</rss>";

        assertThat(FeedDecoder.decode(mojibake.getBytes(StandardCharsets.UTF_8), null, FEED).text())
                .isEqualTo("<rss>It’s “quoted”</rss>");
    }

    @Test
    void contentTypeCharsetParameterForms() {
        assertThat(FeedDecoder.headerCharset("text/xml; charset=UTF-8")).isEqualTo("UTF-8");
        assertThat(FeedDecoder.headerCharset("text/xml;charset=\"koi8-r\"; q=1")).isEqualTo("koi8-r");
        assertThat(FeedDecoder.headerCharset("application/rss+xml")).isNull();
        assertThat(FeedDecoder.headerCharset(null)).isNull();
    }
}
