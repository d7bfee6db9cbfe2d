package newsfeed.ingest.net;

import java.io.IOException;

/**
 * A {@link GuardedHttpClient#get GET} did not get a complete answer. The message is safe to show to whoever gave the
 * URL: what went wrong, in words ({@code cannot connect: connection refused}, {@code address not allowed: …},
 * {@code no answer within 30 s}), never an address the service resolved or connected from, nor a stack trace. The
 * cause, when there is one, holds the detail for the log.
 */
public class FetchException extends IOException {

    /** What went wrong. */
    public enum Reason {
        /** The host is, or resolves to, an address {@link AddressPolicy} refuses; nothing was connected to. */
        ADDRESS_NOT_ALLOWED,
        /** The URL, or a redirect's target, is not http or https, or has no host. */
        SCHEME_NOT_ALLOWED,
        /** More redirects than the client follows. */
        TOO_MANY_REDIRECTS,
        /** A redirect whose {@code Location} is not a URL, or leads from https to http. */
        INVALID_REDIRECT,
        /** The body is larger than the caller's limit. */
        TOO_LARGE,
        /** The connection was not established within the connect timeout. */
        CONNECT_TIMEOUT,
        /** No (complete) answer within the request timeout. */
        TIMEOUT,
        /** The host name has no address. */
        HOST_NOT_FOUND,
        /** Nothing listens there, no route, or the connection broke. */
        CONNECTION_FAILED,
        /** The TLS handshake failed (certificate, protocol). */
        TLS_FAILED,
        /** The server's answer is not valid HTTP. */
        PROTOCOL_ERROR
    }

    private final Reason reason;
    private final int redirects;

    /**
     * @param reason    what went wrong
     * @param message   safe words for it (see the class comment)
     * @param redirects redirects followed before it happened; above 0, the message says so
     * @param cause     the underlying failure, for the log; may be null
     */
    public FetchException(Reason reason, String message, int redirects, Throwable cause) {
        super(message + (redirects == 0 ? "" : " (after " + redirects + " redirect" + (redirects == 1 ? "" : "s")
                + ")"), cause);
        this.reason = reason;
        this.redirects = redirects;
    }

    public Reason reason() {
        return reason;
    }

    /** Redirects followed before the failure. */
    public int redirects() {
        return redirects;
    }
}
