package newsfeed.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches feed documents with {@link HttpClient}: a conditional GET (RFC 9110 §13.1: {@code If-None-Match} with the
 * last {@code ETag}, {@code If-Modified-Since} with the last {@code Last-Modified}), redirects followed (never from
 * https to http), gzip accepted, a connect timeout and a timeout on the whole exchange including the body, and a
 * limit on the document's size (after decompression). Thread-safe; one shared client.
 */
public final class FeedFetcher {

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
     */
    public record Response(int status, byte[] body, String contentType, String etag, String lastModified, URI uri,
            Duration retryAfter) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final long maxBytes;
    private final String userAgent;

    /**
     * @param connectTimeout timeout of the TCP/TLS connection
     * @param requestTimeout timeout of the whole exchange, until the last byte of the body
     * @param maxBytes       largest document accepted, in bytes after decompression
     * @param userAgent      the {@code User-Agent} header
     */
    public FeedFetcher(Duration connectTimeout, Duration requestTimeout, long maxBytes, String userAgent) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
        this.userAgent = userAgent;
    }

    /**
     * @param url          the feed's URL
     * @param etag         the ETag of the last document processed, or null
     * @param lastModified the Last-Modified of the last document processed, or null
     * @return the response, whatever its status
     * @throws FeedException kind {@code timeout}, {@code connection-error} or {@code too-large}, naming the URL
     */
    public Response fetch(URI url, String etag, String lastModified) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(),
                info -> new LimitedBody(maxBytes));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FeedException(FeedException.TIMEOUT, "feed " + url + ": no complete answer within "
                    + requestTimeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FeedException(FeedException.CONNECTION_ERROR, "feed " + url + ": interrupted", e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
        HttpHeaders headers = response.headers();
        byte[] body = response.body();
        String encoding = headers.firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            body = gunzip(body, url);
        }
        return new Response(response.statusCode(), body, headers.firstValue("Content-Type").orElse(null),
                headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null),
                response.uri(), retryAfter(headers.firstValue("Retry-After").orElse(null)));
    }

    private FeedException failure(URI url, Throwable cause) {
        if (cause instanceof TooLargeException) {
            return new FeedException(FeedException.TOO_LARGE, "feed " + url + ": the document is larger than "
                    + maxBytes + " bytes", cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FeedException(FeedException.TIMEOUT, "feed " + url + ": connection not established in time: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new FeedException(FeedException.TIMEOUT, "feed " + url + ": no answer within "
                    + requestTimeout.toSeconds() + " s", cause);
        }
        String what = cause instanceof ConnectException ? "cannot connect" : "connection failed";
        return new FeedException(FeedException.CONNECTION_ERROR, "feed " + url + ": " + what + ": " + cause,
                cause);
    }

    private byte[] gunzip(byte[] body, URI url) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
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
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() || until.isZero() ? null : until;
            } catch (DateTimeParseException invalid) {
                return null;
            }
        }
    }

    /** Collects a body up to a limit; above it, cancels the exchange with a {@link TooLargeException}. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (out.size() + (long) item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    private static final class TooLargeException extends IOException {
        TooLargeException() {
            super("body above the limit");
        }
    }
}
