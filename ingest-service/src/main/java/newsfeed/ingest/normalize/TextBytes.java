package newsfeed.ingest.normalize;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for turning bytes into text that every reader of bytes shares (DESIGN §4: "declared charset, BOM,
 * windows-1252 bytes mis-declared as UTF-8"): feeds ({@code FeedDecoder}), text dumps and Telegram pages
 * ({@code BodyDecoder}).
 *
 * <ul>
 *   <li>A byte order mark ({@link #bom}) names the charset: {@code EF BB BF} UTF-8, {@code FE FF} UTF-16BE,
 *       {@code FF FE} UTF-16LE; it wins over any declaration (RFC 7303 §3.2; what browsers do).</li>
 *   <li>As in the WHATWG Encoding Standard, the labels {@code ISO-8859-1}, {@code Latin-1} and {@code US-ASCII} mean
 *       windows-1252, of which they are subsets except for 0x80–0x9F ({@link #charsetOf}).</li>
 *   <li>A byte that begins no valid UTF-8 sequence (a {@code 0x92} for ’ pasted from a word processor) is decoded as
 *       windows-1252 (WHATWG Encoding Standard, index windows-1252), the rest as UTF-8. A byte windows-1252 does not
 *       define either ({@code 0x81 0x8D 0x8F 0x90 0x9D}) is an {@link UndefinedByte}.</li>
 *   <li>Bytes that are {@linkplain #mostlyNotUtf8 mostly not UTF-8} may be text in another charset: when ICU's
 *       charset detector reads them as a non-Latin single-byte charset ({@link #NON_LATIN}, confidence at least
 *       {@value #MIN_CONFIDENCE}) in which they are valid, they are decoded in it ({@link #nonLatin}), since repaired
 *       as windows-1252 a Cyrillic or Greek text would turn into Latin mojibake.</li>
 *   <li>C1 control characters (U+0080–U+009F, windows-1252 bytes that a producer decoded as ISO-8859-1) become the
 *       windows-1252 characters they stand for ({@code U+0092} → ’), as HTML does for {@code &#146;}; the five
 *       undefined ones are removed.</li>
 * </ul>
 * Thread-safe.
 */
public final class TextBytes {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** The single-byte charsets ICU detects whose letters windows-1252 would turn into Latin ones. */
    static final Set<String> NON_LATIN = Set.of("windows-1251", "KOI8-R", "ISO-8859-5", "IBM866",
            "ISO-8859-7", "windows-1253", "ISO-8859-6", "windows-1256", "ISO-8859-8", "ISO-8859-8-I", "windows-1255");
    /**
     * ICU's confidence (0-100) a detected charset needs. ICU scores windows-1251 low even on a whole Russian feed (23
     * on the windows-1251 test feed, 36 on a title), while Latin text it finds as ISO-8859-1 or windows-1252, never
     * as one of {@link #NON_LATIN}.
     */
    static final int MIN_CONFIDENCE = 15;

    /** The labels that mean windows-1252 (WHATWG Encoding Standard, and latin-1), lower case. */
    private static final Set<String> WINDOWS_1252_LABELS = Set.of("ansi_x3.4-1968", "ascii", "cp1252", "cp819",
            "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
            "iso_8859-1:1987", "l1", "latin1", "latin-1", "us-ascii", "x-cp1252");

    private TextBytes() {
    }

    /** A byte order mark: the charset it names and its length in bytes. */
    public record Bom(Charset charset, int length) {
    }

    /** The byte order mark the bytes begin with, or empty. */
    public static Optional<Bom> bom(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return Optional.of(new Bom(StandardCharsets.UTF_8, 3));
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return Optional.of(new Bom(StandardCharsets.UTF_16BE, 2));
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return Optional.of(new Bom(StandardCharsets.UTF_16LE, 2));
        }
        return Optional.empty();
    }

    /**
     * The charset a label names, windows-1252 for the labels that mean it.
     *
     * @throws IllegalCharsetNameException  if the label is not a legal charset name
     * @throws UnsupportedCharsetException if this Java has no such charset
     */
    public static Charset charsetOf(String label) {
        if (WINDOWS_1252_LABELS.contains(label.strip().toLowerCase(Locale.ROOT))) {
            return WINDOWS_1252;
        }
        Charset charset = Charset.forName(label.strip());
        // Java's other names of ISO-8859-1 and US-ASCII (ISO8859_1, ISO_8859_1) mean windows-1252 too (a review:
        // they escaped the labels' rule)
        return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII) ? WINDOWS_1252
                : charset;
    }

    /** Whether the bytes begin with {@code prefix}, each given as 0–255. */
    public static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Text decoded with stray bytes repaired.
     *
     * @param text          the text, C1 controls mapped ({@link #withoutC1Controls})
     * @param repairedBytes how many bytes were decoded as windows-1252
     */
    public record Repaired(String text, int repairedBytes) {
    }

    /** A byte that is neither part of valid UTF-8 nor a windows-1252 character. */
    public static final class UndefinedByte extends Exception {
        private final int offset;
        private final int value;

        UndefinedByte(int offset, int value) {
            super(String.format("byte 0x%02X at offset %d is neither valid UTF-8 nor a windows-1252 character", value,
                    offset));
            this.offset = offset;
            this.value = value;
        }

        /** Offset of the byte in the whole input, counting any BOM. */
        public int offset() {
            return offset;
        }

        /** The byte, 0–255. */
        public int value() {
            return value;
        }
    }

    /** Bytes that are not valid in the charset they were decoded in. */
    public static final class InvalidBytes extends Exception {
        private final int offset;
        private final int length;

        InvalidBytes(Charset charset, int offset, int length) {
            super("invalid " + charset.name() + " at byte " + offset + " (" + length + " byte(s))");
            this.offset = offset;
            this.length = length;
        }

        /** Offset of the first invalid byte in the whole input, counting any BOM. */
        public int offset() {
            return offset;
        }

        /** How many bytes the invalid sequence takes. */
        public int length() {
            return length;
        }
    }

    /**
     * Decodes {@code bytes} from {@code offset} strictly in {@code charset}: nothing is replaced by U+FFFD, and C1
     * controls are left as they are.
     *
     * @throws InvalidBytes at the first malformed or unmappable sequence
     */
    public static String strict(byte[] bytes, int offset, Charset charset) throws InvalidBytes {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate((int) ((bytes.length - offset) * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidBytes(charset, in.position(), result.length());
        }
        return out.flip().toString();
    }

    /** Whether all of {@code bytes} decode strictly in {@code charset} ({@link #strict}). */
    public static boolean isValid(byte[] bytes, Charset charset) {
        try {
            strict(bytes, 0, charset);
            return true;
        } catch (InvalidBytes e) {
            return false;
        }
    }

    /**
     * Decodes {@code bytes} from {@code offset} as UTF-8, each byte that begins no valid sequence as windows-1252.
     *
     * @throws UndefinedByte at the first byte that windows-1252 does not define either
     */
    public static Repaired decode(byte[] bytes, int offset) throws UndefinedByte {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length - offset + 16);
        int repaired = 0;
        while (true) {
            CoderResult result = utf8.decode(in, out, true);
            if (result.isOverflow()) {
                out = grow(out);
                continue;
            }
            if (result.isUnderflow()) {
                while (utf8.flush(out).isOverflow()) {
                    out = grow(out);
                }
                break;
            }
            // malformed: the first byte of the bad sequence is windows-1252; decoding resumes after it
            int at = in.position();
            char replacement = windows1252(bytes[at]);
            if (replacement == 0) {
                throw new UndefinedByte(at, bytes[at] & 0xFF);
            }
            if (!out.hasRemaining()) {
                out = grow(out);
            }
            out.put(replacement);
            repaired++;
            in.position(at + 1);
            utf8.reset();
        }
        return new Repaired(withoutC1Controls(out.flip().toString()), repaired);
    }

    /**
     * The non-Latin charset that bytes said to be UTF-8 are in, by the rule above, or empty: they are UTF-8, maybe
     * with stray windows-1252 bytes ({@link #decode}).
     *
     * @return the charset and ICU's confidence in it (0-100)
     */
    public static Optional<Detected> nonLatin(byte[] bytes) {
        if (!mostlyNotUtf8(bytes)) {
            return Optional.empty();
        }
        CharsetDetector detector = new CharsetDetector();
        detector.enableInputFilter(true);
        CharsetMatch best = detector.setText(bytes).detect();
        if (best == null || !NON_LATIN.contains(best.getName()) || best.getConfidence() < MIN_CONFIDENCE
                || !Charset.isSupported(best.getName())) {
            return Optional.empty();
        }
        Charset charset = Charset.forName(best.getName());
        return isValid(bytes, charset) ? Optional.of(new Detected(charset, best.getConfidence())) : Optional.empty();
    }

    /** A charset found by ICU's detector, with its confidence (0-100). */
    public record Detected(Charset charset, int confidence) {
    }

    /** True when the bytes hold more bytes that begin no valid UTF-8 sequence than valid multi-byte sequences. */
    public static boolean mostlyNotUtf8(byte[] bytes) {
        return utf8Sequences(bytes).mostlyNot();
    }

    /**
     * How many valid UTF-8 sequences of more than one byte the bytes hold, and how many bytes begin no valid one.
     *
     * @param valid   valid multi-byte sequences
     * @param invalid bytes that begin no valid sequence
     */
    public record Utf8Sequences(int valid, int invalid) {

        /** More invalid bytes than valid multi-byte sequences. */
        public boolean mostlyNot() {
            return invalid > valid;
        }
    }

    /** The UTF-8 sequences the bytes hold ({@link Utf8Sequences}). */
    public static Utf8Sequences utf8Sequences(byte[] bytes) {
        int valid = 0;
        int invalid = 0;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                    : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            boolean ok = length > 0 && i + length <= bytes.length;
            for (int k = 1; ok && k < length; k++) {
                ok = (bytes[i + k] & 0xC0) == 0x80;
            }
            if (!ok) {
                invalid++;
                i++;
            } else {
                valid += length > 1 ? 1 : 0;
                i += length;
            }
        }
        return new Utf8Sequences(valid, invalid);
    }

    /** The windows-1252 character of a byte, or 0 for the five bytes windows-1252 does not define. */
    public static char windows1252(byte b) {
        CharsetDecoder decoder = WINDOWS_1252.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(new byte[] {b})).charAt(0);
        } catch (CharacterCodingException e) {
            return 0;
        }
    }

    /** U+0080–U+009F → the windows-1252 character of that byte; the five undefined ones are removed. */
    public static String withoutC1Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                char mapped = windows1252((byte) c);
                if (mapped != 0) {
                    out.append(mapped);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static CharBuffer grow(CharBuffer out) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
        out.flip();
        return bigger.put(out);
    }
}
