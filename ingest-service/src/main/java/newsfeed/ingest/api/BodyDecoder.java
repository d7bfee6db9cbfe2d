package newsfeed.ingest.api;

import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import newsfeed.ingest.normalize.TextBytes;

/**
 * Decodes a text body (a text dump, a Telegram page) by the rules feeds follow ({@link TextBytes}); nothing is ever
 * replaced by U+FFFD.
 * <ul>
 *   <li>A byte order mark names the charset, over the Content-Type's; else the Content-Type's {@code charset} (the
 *       labels ISO-8859-1, Latin-1 and US-ASCII read as windows-1252), else UTF-8.</li>
 *   <li>UTF-8 with stray windows-1252 bytes (DESIGN §4, "windows-1252 bytes mis-declared as UTF-8"; a {@code 0x92}
 *       for ’ from a word processor) is repaired; bytes said to be UTF-8 that are a non-Latin single-byte charset (a
 *       windows-1251 dump sent without its charset) are decoded in it ({@link TextBytes#nonLatin}).</li>
 *   <li>Any other charset is decoded strictly; an invalid byte is an error naming its offset.</li>
 *   <li>C1 control characters become the windows-1252 characters they stand for.</li>
 * </ul>
 */
public final class BodyDecoder {

    private BodyDecoder() {
    }

    /**
     * @throws UnknownCharsetException for a charset not known (415)
     * @throws InvalidRequestException for an invalid Content-Type or bytes invalid in the charset (400)
     */
    public static String decode(byte[] body, String contentType) {
        Charset charset = charset(contentType);
        TextBytes.Bom bom = TextBytes.bom(body).orElse(null);
        int offset = 0;
        if (bom != null) {
            charset = bom.charset();
            offset = bom.length();
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            TextBytes.Detected detected = bom != null ? null : TextBytes.nonLatin(body).orElse(null);
            if (detected == null) {
                try {
                    return TextBytes.decode(body, offset).text();
                } catch (TextBytes.UndefinedByte e) {
                    throw new InvalidRequestException("undecodable body", List.of(e.getMessage()));
                }
            }
            charset = detected.charset();
        }
        try {
            return TextBytes.withoutC1Controls(TextBytes.strict(body, offset, charset));
        } catch (TextBytes.InvalidBytes e) {
            throw new InvalidRequestException("undecodable body", List.of(e.getMessage()));
        }
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
            return TextBytes.charsetOf(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnknownCharsetException(name);
        }
    }
}
