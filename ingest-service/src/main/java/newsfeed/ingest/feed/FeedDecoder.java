package newsfeed.ingest.feed;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.ingest.normalize.TextBytes;

/**
 * Turns the bytes of a feed document into text, strictly: nothing is ever replaced by U+FFFD.
 *
 * <p><b>Which charset</b>, first that applies (RFC 7303 §3.2 and XML 1.0 Appendix F; this is also what browsers do):
 * <ol>
 *   <li>a byte order mark: {@code EF BB BF} UTF-8, {@code FE FF} UTF-16BE, {@code FF FE} UTF-16LE. The BOM is
 *       stripped. It wins over everything else because it is unambiguous and a document cannot even be read up to
 *       its prolog without it (a UTF-16 BOM before a prolog that says {@code encoding="UTF-8"} is common);</li>
 *   <li>the {@code charset} parameter of the HTTP {@code Content-Type} header (RFC 7303 §3.2: it overrides the
 *       document's own declaration) — unless the bytes contradict it, as they do when a server labels every
 *       document with its own default charset:
 *       <ul>
 *         <li>a header saying UTF-8 over bytes that are mostly not UTF-8 (more bytes beginning no valid sequence
 *             than valid multi-byte sequences) but valid in the charset of the XML declaration gives way to the
 *             declaration; with fewer such bytes the document is UTF-8 with stray bytes, repaired as below;</li>
 *         <li>a header naming another charset over bytes that are valid UTF-8 with multi-byte sequences, in a
 *             document declared UTF-8 or not declared at all, gives way to UTF-8;</li>
 *       </ul>
 *       {@link Decoded#note()} then says what was overruled, and the poller logs it;</li>
 *   <li>the {@code encoding} of the XML declaration (XML 1.0 §4.3.3), read in the first 1024 bytes; UTF-16 without a
 *       BOM is recognised by the {@code <?} pattern of XML 1.0 Appendix F;</li>
 *   <li>UTF-8 (XML 1.0 §4.3.3: documents without BOM or declaration are UTF-8).</li>
 * </ol>
 * An unknown or unsupported charset name is an error naming it and where it was declared. As in the WHATWG
 * Encoding Standard, the labels {@code ISO-8859-1}, {@code Latin-1} and {@code US-ASCII} mean windows-1252, of which
 * they are subsets except for 0x80–0x9F.
 *
 * <p><b>Repairs</b> ({@link TextBytes}, the rule text dumps and Telegram pages follow too), so that nothing
 * published holds U+FFFD or mojibake:
 * <ul>
 *   <li>UTF-8 with stray windows-1252 bytes (a {@code 0x92} for ’ pasted from a word processor): every byte that
 *       does not begin a valid UTF-8 sequence is decoded as windows-1252. A byte that windows-1252 does not define
 *       either ({@code 0x81 0x8D 0x8F 0x90 0x9D}) rejects the whole document with a {@link FeedException} naming the
 *       feed and the byte's offset;</li>
 *   <li>C1 control characters (U+0080–U+009F: windows-1252 bytes decoded as ISO-8859-1 by the producer) become the
 *       windows-1252 characters they stand for ({@code U+0092} → ’), as HTML does for {@code &#146;}; the five
 *       undefined ones are removed.</li>
 * </ul>
 * <p>When the charset taken, from the header or the declaration, is a single-byte one (windows-1252 and its labels
 * ISO-8859-1, Latin-1, US-ASCII; windows-1251, KOI8-R…) and the bytes are valid UTF-8 with multi-byte sequences, or,
 * for windows-1252, hold four valid ones to each stray byte, they are read as UTF-8 ({@link CharsetSource#BYTES}),
 * and {@link Decoded#note()} says so.
 *
 * <p>Any other charset is decoded strictly; an invalid byte rejects the document with its offset. Thread-safe.
 */
public final class FeedDecoder {

    /** Where the charset of a document came from. */
    public enum CharsetSource { BOM, CONTENT_TYPE, XML_DECLARATION, DEFAULT, DETECTED, BYTES }

    /**
     * A decoded document.
     *
     * @param text          the document without its BOM
     * @param charset       the charset it was decoded with
     * @param source        where that charset came from
     * @param repairedBytes how many bytes of a UTF-8 document were decoded as windows-1252
     * @param note          why the charset a header or declaration named was not used, or null
     */
    public record Decoded(String text, Charset charset, CharsetSource source, int repairedBytes, String note) {
    }

    private static final Pattern CHARSET_PARAMETER = Pattern.compile(
            "(?i);\\s*charset\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|[^;\\s]+)");
    private static final Pattern XML_DECLARATION = Pattern.compile(
            "^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']");

    private FeedDecoder() {
    }

    /**
     * @param bytes       the document as fetched (after any Content-Encoding was undone)
     * @param contentType the HTTP {@code Content-Type} header, or null
     * @param feed        what to name in errors (the feed's URL)
     * @throws FeedException kind {@code decode-error}, naming the feed, the charset and the byte offset
     */
    public static Decoded decode(byte[] bytes, String contentType, String feed) {
        int offset = 0;
        Charset charset;
        CharsetSource source;
        TextBytes.Bom bom = TextBytes.bom(bytes).orElse(null);
        if (bom != null) {
            charset = bom.charset();
            source = CharsetSource.BOM;
            offset = bom.length();
        } else {
            String declared = headerCharset(contentType);
            if (declared != null) {
                charset = charset(declared, "the Content-Type header", feed);
                source = CharsetSource.CONTENT_TYPE;
                Decoded contradicted = contradictedHeader(bytes, charset, feed);
                if (contradicted != null) {
                    return contradicted;
                }
            } else if (TextBytes.startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
                charset = StandardCharsets.UTF_16LE;
                source = CharsetSource.XML_DECLARATION;
            } else if (TextBytes.startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
                charset = StandardCharsets.UTF_16BE;
                source = CharsetSource.XML_DECLARATION;
            } else {
                String encoding = declaredEncoding(bytes);
                if (encoding != null) {
                    charset = charset(encoding, "the XML declaration", feed);
                    source = CharsetSource.XML_DECLARATION;
                } else {
                    charset = StandardCharsets.UTF_8;
                    source = CharsetSource.DEFAULT;
                }
            }
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            Decoded detected = source == CharsetSource.BOM ? null : detectedNonLatin(bytes, source, feed);
            return detected != null ? detected : repairedUtf8(bytes, offset, source, feed);
        }
        if (source != CharsetSource.BOM) {
            Decoded utf8 = utf8UnderASingleByteLabel(bytes, charset, source, contentType, feed);
            if (utf8 != null) {
                return utf8;
            }
        }
        return new Decoded(TextBytes.withoutC1Controls(strict(bytes, offset, charset, source, feed)), charset, source, 0,
                null);
    }

    /** The document decoded as its bytes say when they contradict the header's {@code charset}, else null. */
    private static Decoded contradictedHeader(byte[] bytes, Charset header, String feed) {
        String declaredName = declaredEncoding(bytes);
        Charset declared = null;
        if (declaredName != null) {
            try {
                declared = charset(declaredName, "the XML declaration", feed);
            } catch (FeedException e) {
                return null;
            }
        }
        if (header.equals(StandardCharsets.UTF_8)) {
            if (declared == null || declared.equals(StandardCharsets.UTF_8) || declared.name().startsWith("UTF-")
                    || !TextBytes.mostlyNotUtf8(bytes) || !TextBytes.isValid(bytes, declared)) {
                return null;
            }
            return new Decoded(TextBytes.withoutC1Controls(strict(bytes, 0, declared, CharsetSource.XML_DECLARATION, feed)),
                    declared, CharsetSource.XML_DECLARATION, 0, "the Content-Type header says UTF-8 but the bytes are "
                            + "not; they are valid " + declared.name() + " as the XML declaration says");
        }
        if ((declared == null || declared.equals(StandardCharsets.UTF_8)) && hasMultiByteUtf8(bytes)
                && TextBytes.isValid(bytes, StandardCharsets.UTF_8)) {
            return new Decoded(TextBytes.withoutC1Controls(strict(bytes, 0, StandardCharsets.UTF_8,
                    CharsetSource.XML_DECLARATION, feed)), StandardCharsets.UTF_8,
                    declared == null ? CharsetSource.DEFAULT : CharsetSource.XML_DECLARATION, 0,
                    "the Content-Type header says " + header.name() + " but the bytes are UTF-8 with multi-byte "
                            + "sequences, as the XML declaration " + (declared == null ? "(none: UTF-8) " : "")
                            + "says");
        }
        return null;
    }

    /**
     * UTF-8 labelled as a single-byte charset (ISO-8859-1 by a blog's settings or a template is common), read as
     * UTF-8; else null. Text in a single-byte charset is almost never valid UTF-8 with multi-byte sequences: its letters
     * beyond ASCII would each have to be followed by the right number of bytes 0x80-0xBF, which are symbols and C1
     * controls in windows-1252, and punctuation and letters of no Russian word in windows-1251 (Ђ, Љ, Ї). Read in the label's charset, such a document was
     * mojibake (Ã© for é) or, for a byte the charset does not define (the 0x9D of ”), rejected. Under a windows-1252
     * label, bytes with at least four valid multi-byte sequences to each stray byte ({@link TextBytes#utf8Sequences})
     * are read as UTF-8 with their stray bytes repaired, as under a UTF-8 label.
     */
    private static Decoded utf8UnderASingleByteLabel(byte[] bytes, Charset charset, CharsetSource source,
            String contentType, String feed) {
        if (charset.name().startsWith("UTF-") || !charset.canEncode()
                || charset.newEncoder().maxBytesPerChar() != 1.0f || !hasMultiByteUtf8(bytes)) {
            return null;
        }
        String label = source == CharsetSource.CONTENT_TYPE ? headerCharset(contentType) : declaredEncoding(bytes);
        String note = describe(source) + " says " + label + " but the bytes are UTF-8 with multi-byte sequences, "
                + "which " + charset.name() + " text almost never is";
        if (TextBytes.isValid(bytes, StandardCharsets.UTF_8)) {
            return new Decoded(TextBytes.withoutC1Controls(strict(bytes, 0, StandardCharsets.UTF_8,
                    CharsetSource.BYTES, feed)), StandardCharsets.UTF_8, CharsetSource.BYTES, 0, note);
        }
        // under a Latin label, stray bytes are believed only among four times as many valid sequences (a helper's
        // trial: German windows-1252 "Fuß“" is a valid UTF-8 sequence, and umlauts are stray bytes to UTF-8)
        TextBytes.Utf8Sequences sequences = TextBytes.utf8Sequences(bytes);
        if (!charset.equals(TextBytes.WINDOWS_1252) || sequences.valid() < 4 * sequences.invalid()) {
            return null;
        }
        Decoded repaired = repairedUtf8(bytes, 0, CharsetSource.BYTES, feed);
        return new Decoded(repaired.text(), StandardCharsets.UTF_8, CharsetSource.BYTES, repaired.repairedBytes(),
                note + "; " + repaired.repairedBytes() + " stray byte" + (repaired.repairedBytes() == 1 ? "" : "s")
                        + " read as windows-1252");
    }

    /**
     * A document said to be UTF-8 in the non-Latin charset its bytes are in ({@link TextBytes#nonLatin}); else null,
     * and the bytes are UTF-8 with stray windows-1252 bytes.
     */
    private static Decoded detectedNonLatin(byte[] bytes, CharsetSource said, String feed) {
        TextBytes.Detected detected = TextBytes.nonLatin(bytes).orElse(null);
        if (detected == null) {
            return null;
        }
        Charset charset = detected.charset();
        return new Decoded(TextBytes.withoutC1Controls(strict(bytes, 0, charset, CharsetSource.DETECTED, feed)),
                charset, CharsetSource.DETECTED, 0, "the bytes are not UTF-8 as " + describe(said) + " says; ICU's "
                        + "charset detector reads them as " + charset.name() + " (confidence " + detected.confidence()
                        + ")");
    }

    private static boolean hasMultiByteUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0xC0) == 0xC0) {
                return true;
            }
        }
        return false;
    }

    /** The {@code charset} parameter of a Content-Type header value, unquoted, or null. */
    static String headerCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET_PARAMETER.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(1);
        return value.isBlank() ? null : value.strip();
    }

    /** The {@code encoding} of an XML declaration at the start of an ASCII-compatible document, or null. */
    static String declaredEncoding(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("?>");
        if (end < 0) {
            return null;
        }
        Matcher m = XML_DECLARATION.matcher(head.substring(0, end + 2));
        return m.find() ? m.group(1) : null;
    }

    private static Charset charset(String name, String where, String feed) {
        try {
            return TextBytes.charsetOf(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new FeedException(FeedException.DECODE_ERROR, "feed " + feed + ": unknown charset \"" + name
                    + "\" declared in " + where);
        }
    }

    private static String strict(byte[] bytes, int offset, Charset charset, CharsetSource source, String feed) {
        try {
            return TextBytes.strict(bytes, offset, charset);
        } catch (TextBytes.InvalidBytes e) {
            throw new FeedException(FeedException.DECODE_ERROR, "feed " + feed + ": byte 0x"
                    + String.format("%02X", bytes[e.offset()] & 0xFF) + " at offset " + e.offset() + " is not valid "
                    + charset.name() + " (charset from " + describe(source) + ")");
        }
    }

    private static Decoded repairedUtf8(byte[] bytes, int offset, CharsetSource source, String feed) {
        try {
            TextBytes.Repaired repaired = TextBytes.decode(bytes, offset);
            return new Decoded(repaired.text(), StandardCharsets.UTF_8, source, repaired.repairedBytes(), null);
        } catch (TextBytes.UndefinedByte e) {
            throw new FeedException(FeedException.DECODE_ERROR, "feed " + feed + ": byte 0x"
                    + String.format("%02X", e.value()) + " at offset " + e.offset()
                    + " is neither valid UTF-8 nor a windows-1252 character (charset from " + describe(source) + ")");
        }
    }

    private static String describe(CharsetSource source) {
        return switch (source) {
            case BOM -> "the byte order mark";
            case CONTENT_TYPE -> "the Content-Type header";
            case XML_DECLARATION -> "the XML declaration";
            case DEFAULT -> "the default, UTF-8";
            case DETECTED -> "ICU's charset detector";
            case BYTES -> "the bytes, UTF-8 under a single-byte label";
        };
    }
}
