package newsfeed.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import newsfeed.ingest.net.AddressPolicy;
import newsfeed.ingest.net.FetchException;
import newsfeed.ingest.net.GuardedHttpClient;

/**
 * Fetches feed documents through {@link GuardedHttpClient}: only http and https, only public addresses unless
 * {@link AddressPolicy} says otherwise, checked at every redirect hop (at most {@code maxRedirects}, never from https
 * to http); a conditional GET (RFC 9110 §13.1: {@code If-None-Match} with the last {@code ETag},
 * {@code If-Modified-Since} with the last {@code Last-Modified}), gzip accepted, a connect timeout and a timeout on
 * the whole exchange including the body, and a limit on the document's size (as received and after decompression).
 * Thread-safe; one shared client, released by {@link #close()}.
 */
public final class FeedFetcher implements AutoCloseable {

    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

    /**
     * What the server answered.
     *
     * @param status       the HTTP status
     * @param body         the body, decompressed; empty for 304
     * @param contentType  the {@code Content-Type} header, or null
     * @param etag         the {@code ETag} header, or null
     * @param lastModified the {@code Last-Modified} header, or null
     * @param uri          the URL that answered (after redirects)
     * @param retryAfter   the {@code Retry-After} header as a duration, or null
     * @param freshFor     how long the server says the document stays fresh ({@link #freshFor}), or null
     * @param link         the {@code Link} header, its field lines joined with commas (RFC 8288), or null
     */
    public record Response(int status, byte[] body, String contentType, String etag, String lastModified, URI uri,
            Duration retryAfter, Duration freshFor, String link) {
    }

    private final GuardedHttpClient client;
    private final long maxBytes;

    /**
     * @param policy         which addresses feeds may be fetched from
     * @param connectTimeout timeout of the TCP/TLS connection
     * @param requestTimeout timeout of the whole exchange, redirects included, until the last byte of the body
     * @param maxRedirects   most redirects followed
     * @param maxConnections most fetches at the same time
     * @param maxBytes       largest document accepted, in bytes, as received and after decompression
     * @param userAgent      the {@code User-Agent} header
     */
    public FeedFetcher(AddressPolicy policy, Duration connectTimeout, Duration requestTimeout, int maxRedirects,
            int maxConnections, long maxBytes, String userAgent) {
        this.client = new GuardedHttpClient(policy, connectTimeout, requestTimeout, maxRedirects, maxConnections,
                userAgent);
        this.maxBytes = maxBytes;
    }

    /**
     * @param url          the feed's URL
     * @param etag         the ETag of the last document processed, or null
     * @param lastModified the Last-Modified of the last document processed, or null
     * @return the response, whatever its status
     * @throws FeedException naming the URL, of kind {@code address-not-allowed} (a refused address or scheme, at any
     *                       hop), {@code redirect-error}, {@code timeout}, {@code too-large}, {@code decode-error}
     *                       (invalid gzip) or {@code connection-error}; its message carries no internal detail
     */
    public Response fetch(URI url, String etag, String lastModified) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        headers.put("Accept-Encoding", "gzip");
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        GuardedHttpClient.Response response;
        try {
            response = client.get(url, headers, maxBytes);
        } catch (FetchException e) {
            throw new FeedException(kind(e.reason()), "feed " + url + ": " + e.getMessage(), e);
        }
        byte[] body = response.body();
        String encoding = String.valueOf(response.header("Content-Encoding")).strip().toLowerCase(Locale.ROOT);
        if ((encoding.equals("gzip") || encoding.equals("x-gzip")) && body.length > 0) {
            body = gunzip(body, url);
        }
        return new Response(response.status(), body, response.header("Content-Type"), response.header("ETag"),
                response.header("Last-Modified"), response.uri(), retryAfter(response.header("Retry-After")),
                freshFor(response.header("Cache-Control"), response.header("Expires"), response.header("Date")),
                response.header("Link"));
    }

    /**
     * POSTs a form ({@code application/x-www-form-urlencoded}, UTF-8) to {@code url} through the same guard as
     * {@link #fetch}: a WebSub subscription request to a hub (W3C WebSub §5.1). Redirects are not followed.
     *
     * @param form the encoded form
     * @return the hub's answer, whatever its status; its body at most 64 KiB
     * @throws FeedException as {@link #fetch}, naming the hub
     */
    public GuardedHttpClient.Response postForm(URI url, String form) {
        try {
            return client.post(url, Map.of(), form.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded; charset=UTF-8", 64 * 1024);
        } catch (FetchException e) {
            throw new FeedException(kind(e.reason()), "hub " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String kind(FetchException.Reason reason) {
        return switch (reason) {
            case ADDRESS_NOT_ALLOWED, SCHEME_NOT_ALLOWED -> FeedException.ADDRESS_NOT_ALLOWED;
            case TOO_MANY_REDIRECTS, INVALID_REDIRECT -> FeedException.REDIRECT_ERROR;
            case TOO_LARGE -> FeedException.TOO_LARGE;
            case CONNECT_TIMEOUT, TIMEOUT -> FeedException.TIMEOUT;
            case HOST_NOT_FOUND, CONNECTION_FAILED, TLS_FAILED, PROTOCOL_ERROR -> FeedException.CONNECTION_ERROR;
        };
    }

    private byte[] gunzip(byte[] body, URI url) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw new FeedException(FeedException.TOO_LARGE, "feed " + url
                            + ": the document is larger than " + maxBytes + " bytes once decompressed");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FeedException(FeedException.DECODE_ERROR, "feed " + url + ": invalid gzip body: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The freshness lifetime a response declares (RFC 9111 §4.2.1): {@code Cache-Control: max-age} (§5.2.2.1), else
     * {@code Expires} (§5.3) minus {@code Date} (or now, without one). None for {@code no-store} or
     * {@code no-cache}, which ask for a check on every use, for an invalid value, or for a lifetime of 0 or less.
     *
     * @return the lifetime, or null
     */
    static Duration freshFor(String cacheControl, String expires, String date) {
        if (cacheControl != null) {
            Duration maxAge = null;
            for (String directive : cacheControl.split(",")) {
                String d = directive.strip().toLowerCase(Locale.ROOT);
                if (d.equals("no-store") || d.equals("no-cache") || d.startsWith("no-cache=")) {
                    return null;
                }
                if (d.startsWith("max-age=")) {
                    try {
                        long seconds = Long.parseLong(d.substring(8).replace("\"", "").strip());
                        maxAge = seconds > 0 ? Duration.ofSeconds(seconds) : null;
                    } catch (NumberFormatException e) {
                        return null; // an invalid max-age makes the response stale (RFC 9111 §4.2.1)
                    }
                }
            }
            if (maxAge != null || cacheControl.toLowerCase(Locale.ROOT).contains("max-age")) {
                return maxAge;
            }
        }
        if (expires == null || expires.isBlank()) {
            return null;
        }
        try {
            Instant expiry = ZonedDateTime.parse(expires.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Instant now = date == null ? Instant.now()
                    : ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration lifetime = Duration.between(now, expiry);
            return lifetime.isNegative() || lifetime.isZero() ? null : lifetime;
        } catch (DateTimeParseException e) {
            return null; // "Expires: 0" and other invalid dates mean already expired (§5.3)
        }
    }

    /** {@code Retry-After} (RFC 9110 §10.2.3): seconds or an HTTP-date; null when absent, invalid or past. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() || until.isZero() ? null : until;
            } catch (DateTimeParseException invalid) {
                return null;
            }
        }
    }
}
