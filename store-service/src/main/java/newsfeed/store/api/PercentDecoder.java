package newsfeed.store.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import newsfeed.contracts.api.ApiError;

/**
 * Percent-decoding (RFC 3986 §2.1) that refuses what it cannot read instead of guessing: the bytes of a run of
 * escapes must be UTF-8 (RFC 3986 §2.5, RFC 3629: no overlong forms, no surrogates, no truncated sequence). The
 * framework and {@code java.net.URLDecoder} read such bytes as U+FFFD, so {@code ?source=%C3%28} answered an empty
 * page and {@code /api/posts/ria%3Ar1%C3} "no post ria:r1\uFFFD", a value the client never sent (a trial); nor do
 * Netty's and Vert.x's decoders on the class path report them.
 *
 * <p>Characters other than escapes are kept as sent: the HTTP server refuses a request line holding characters a URI
 * cannot (a space, {@code "}, {@code |}) before any route runs.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /**
     * One path segment: a {@code +} stays a plus and {@code %2F} is a {@code /} of the segment (RFC 3986 §3.3).
     *
     * @param parameter what the segment is, to name in an error ({@code postId})
     * @throws BadParameterException when an escape is malformed or a run of escapes is not UTF-8
     */
    static String pathSegment(String parameter, String raw) {
        return decode(parameter, raw, false);
    }

    /**
     * One name or value of a query string: a {@code +} is a space ({@code application/x-www-form-urlencoded}, as
     * browsers send forms and as the framework reads the query), {@code %2B} a plus.
     *
     * @param parameter the parameter's name, to name in an error (a name is named by itself, as sent)
     * @throws BadParameterException when an escape is malformed or a run of escapes is not UTF-8
     */
    static String queryComponent(String parameter, String raw) {
        return decode(parameter, raw, true);
    }

    private static String decode(String parameter, String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0) {
            return plusIsSpace ? raw.replace('+', ' ') : raw;
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                decoded.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
                continue;
            }
            // a run of escapes is decoded as one: a character's UTF-8 bytes are consecutive escapes, as none of its
            // bytes is an ASCII character a URI holds as itself
            int start = i;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < raw.length() && raw.charAt(i) == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    throw new BadParameterException(parameter, "has a % that does not begin a percent-escape (%XX, "
                            + "two hex digits: RFC 3986 §2.1), got " + ApiError.quote(raw));
                }
                bytes.write(high << 4 | low);
                i += 3;
            }
            try {
                decoded.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toByteArray())));
            } catch (CharacterCodingException e) {
                throw new BadParameterException(parameter, "has percent-escapes that are not UTF-8: "
                        + ApiError.quote(raw.substring(start, i)) + " (RFC 3986 §2.5 and §2.1: a character is sent as "
                        + "the %XX escapes of its UTF-8 bytes)");
            }
        }
        return decoded.toString();
    }
}
