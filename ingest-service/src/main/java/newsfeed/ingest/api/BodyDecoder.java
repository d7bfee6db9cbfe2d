package newsfeed.ingest.api;

import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import newsfeed.ingest.normalize.Utf8Repair;

/**
 * Decodes a text body (a text dump, a Telegram page) in the charset its Content-Type declares, UTF-8 when none;
 * nothing is ever replaced by U+FFFD.
 * <ul>
 *   <li>UTF-8 with stray windows-1252 bytes (DESIGN §4, "windows-1252 bytes mis-declared as UTF-8"; a {@code 0x92} for
 *       ’ from a word processor) is repaired by {@link Utf8Repair}, as feeds are; C1 control characters become the
 *       windows-1252 characters they stand for.</li>
 *   <li>Bytes said to be UTF-8 that are a non-Latin single-byte charset (a windows-1251 dump sent without its
 *       charset) are decoded in it, by the same rule ({@link Utf8Repair#nonLatin}).</li>
 *   <li>Any other declared charset is decoded strictly; an invalid byte is an error naming its offset.</li>
 * </ul>
 */
public final class BodyDecoder {

    private BodyDecoder() {
    }

    /** @throws InvalidRequestException for an unknown charset or bytes invalid in it */
    public static String decode(byte[] body, String contentType) {
        Charset charset = charset(contentType);
        if (charset.equals(StandardCharsets.UTF_8)) {
            Utf8Repair.Detected detected = Utf8Repair.nonLatin(body).orElse(null);
            if (detected != null) {
                charset = detected.charset();
            } else {
                try {
                    return Utf8Repair.decode(body, 0).text();
                } catch (Utf8Repair.UndefinedByte e) {
                    throw new InvalidRequestException("undecodable body", List.of(e.getMessage()));
                }
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidRequestException("undecodable body", List.of("invalid " + charset.name()
                    + " at byte " + in.position() + " (" + result.length() + " byte(s))"));
        }
        return out.flip().toString();
    }

    private static Charset charset(String contentType) {
        String name = null;
        if (contentType != null) {
            try {
                name = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("invalid Content-Type", List.of(contentType));
            }
        }
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidRequestException("unsupported charset", List.of("charset " + name + " is not known"));
        }
    }
}
