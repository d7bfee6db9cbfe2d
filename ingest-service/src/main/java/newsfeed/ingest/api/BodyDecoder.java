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

/**
 * Decodes a text body strictly in the charset its Content-Type declares (UTF-8 when none). Bytes that are not valid
 * in that charset are an error naming the byte offset; nothing is replaced by U+FFFD.
 */
public final class BodyDecoder {

    private BodyDecoder() {
    }

    /** @throws InvalidRequestException for an unknown charset or bytes invalid in it */
    public static String decode(byte[] body, String contentType) {
        Charset charset = charset(contentType);
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
