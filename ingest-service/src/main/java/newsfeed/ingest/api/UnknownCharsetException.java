package newsfeed.ingest.api;

import java.util.List;
import newsfeed.contracts.api.ApiError;

/**
 * A text body whose Content-Type names a charset this service does not know ({@code text/plain; charset=klingon}):
 * answered {@code 415} (RFC 9110 §15.5.16, a format problem of the indicated Content-Type), as a JSON route answers a
 * charset other than UTF-8, rather than 400, which stays for bytes invalid in a known charset.
 */
public class UnknownCharsetException extends InvalidRequestException {

    /** @param charset the charset as the Content-Type names it */
    public UnknownCharsetException(String charset) {
        super("unsupported charset", List.of("charset " + ApiError.quote(charset) + " is not known; send the text in "
                + "UTF-8, or name its charset as IANA registers it (windows-1251, KOI8-R, ...)"));
    }
}
