package newsfeed.ingest.feed;

/**
 * A poll of one feed failed. {@link #kind()} becomes the feed's {@code lastStatus} ({@code "500"} for an HTTP status,
 * else one of the constants below) and {@link #getMessage()} its {@code lastError}: what failed, for which feed,
 * and where (byte offset, line and column, item). The message is shown to anyone who may read {@code /api/feeds}, so
 * it holds no internal detail (no address the service resolved or connected from, no stack trace, no broker
 * address); the cause, logged with it, holds that.
 */
public class FeedException extends RuntimeException {

    /**
     * The feed's URL, or a redirect it led to, is on an address that is not public
     * ({@link newsfeed.ingest.net.AddressPolicy}), or is not http(s); nothing was sent to it.
     */
    public static final String ADDRESS_NOT_ALLOWED = "address-not-allowed";
    /** Too many redirects, or one that is not a URL or leads from https to http. */
    public static final String REDIRECT_ERROR = "redirect-error";
    /** The request did not complete within {@code newsfeed.feeds.request-timeout} (or the connect timeout). */
    public static final String TIMEOUT = "timeout";
    /** The server could not be reached or the connection broke (DNS, refused, reset, TLS). */
    public static final String CONNECTION_ERROR = "connection-error";
    /** The document is larger than {@code newsfeed.feeds.max-feed-bytes}. */
    public static final String TOO_LARGE = "too-large";
    /** The bytes are not text in the document's charset ({@link FeedDecoder}). */
    public static final String DECODE_ERROR = "decode-error";
    /** The text is not an RSS or Atom document ({@link FeedParser}). */
    public static final String PARSE_ERROR = "parse-error";
    /** Kafka did not take the feed's new items. */
    public static final String PUBLISH_ERROR = "publish-error";
    /**
     * The feed's items were published but the record of them ({@link FeedMemory}) was not written; written again at
     * the next poll.
     */
    public static final String MEMORY_ERROR = "memory-error";
    /** Anything else: a bug, named by the exception it threw. */
    public static final String INTERNAL_ERROR = "internal-error";

    private final String kind;

    public FeedException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FeedException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The feed's {@code lastStatus} after this failure: an HTTP status code or one of the constants of this class. */
    public String kind() {
        return kind;
    }
}
