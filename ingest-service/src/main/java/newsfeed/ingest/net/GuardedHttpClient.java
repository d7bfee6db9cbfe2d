package newsfeed.ingest.net;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * GET of URLs that users give (feed subscriptions and the redirects they lead to), and POST to the WebSub hubs
 * their feeds name, made safe to run inside a network (Apache HttpClient 5, classic API):
 * <ul>
 *   <li>only {@code http} and {@code https} URLs with a host, at every hop;</li>
 *   <li>every host resolved and checked by {@link AddressPolicy} in the connection manager's resolver
 *       ({@link CheckedDnsResolver}), so the connection goes to the address that was checked;</li>
 *   <li>redirects (301, 302, 303, 307, 308 with a {@code Location}) followed here, at most {@code maxRedirects},
 *       each hop checked like the first; never from https to http;</li>
 *   <li>no proxy (system properties are not read: a proxy would resolve names itself), no cookies, no
 *       authentication, no automatic retries, no protocol upgrades, no connection kept between fetches;</li>
 *   <li>a connect timeout, a read timeout, and a deadline on the whole fetch, redirects and body included;</li>
 *   <li>a limit on the body's size, as received (the body is not decompressed here).</li>
 * </ul>
 * Failures are {@link FetchException}s whose messages carry no internal detail. Thread-safe; {@link #close()} ends
 * its connections and its deadline timer.
 */
public final class GuardedHttpClient implements Closeable {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Whether an answer of this status is a redirect this client follows when it has a {@code Location}. */
    public static boolean isRedirect(int status) {
        return REDIRECTS.contains(status);
    }

    /**
     * A complete answer.
     *
     * @param status    the HTTP status of the last hop
     * @param headers   its headers, the first value of each, names case-insensitive
     * @param body      its body as received (still gzip-encoded if it was), at most the caller's limit
     * @param uri       the URL that answered, after redirects
     * @param redirects how many redirects led there
     */
    public record Response(int status, Map<String, String> headers, byte[] body, URI uri, int redirects) {

        /** A header's first value, or null. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxRedirects;
    private final String userAgent;

    /**
     * @param policy         which addresses may be connected to
     * @param connectTimeout timeout of establishing a TCP (and TLS) connection
     * @param requestTimeout deadline of a whole {@link #get}: every hop, until the last byte of the body; also the
     *                       longest wait for any one read
     * @param maxRedirects   most redirects followed in one {@link #get}
     * @param maxConnections most fetches at the same time (to one host or to all), more wait for a connection within
     *                       the deadline
     * @param userAgent      the {@code User-Agent} header
     */
    public GuardedHttpClient(AddressPolicy policy, Duration connectTimeout, Duration requestTimeout, int maxRedirects,
            int maxConnections, String userAgent) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDnsResolver(policy))
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                .build())
                        .build())
                // explicit: without system properties HttpClient uses no proxy, and a proxy would resolve names itself
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .setConnectionRequestTimeout(Timeout.of(requestTimeout))
                        .setRedirectsEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                // a retry would hide a failure from the poll's status; the poller retries on its own schedule
                .disableAutomaticRetries()
                // feeds are fetched minutes apart, long after servers close idle connections: reuse would mostly
                // meet closed connections
                .setConnectionReuseStrategy((request, response, context) -> false)
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "guarded-http-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /**
     * GETs {@code url}, following redirects.
     *
     * @param url          an absolute http or https URL
     * @param headers      request headers besides {@code User-Agent} (sent at every hop)
     * @param maxBodyBytes largest body accepted, in bytes as received
     * @return the answer of the last hop, whatever its status (a 3xx without {@code Location} included)
     * @throws FetchException for any failure, its {@link FetchException#reason()} saying which
     */
    public Response get(URI url, Map<String, String> headers, long maxBodyBytes) throws FetchException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        URI current = url;
        // a redirect back to an address already asked is followed, as browsers follow it (a server may answer
        // otherwise the second time, a helper's review), and named when the limit is reached: an empty Location or a
        // fragment alone names the address itself (RFC 3986 §5.2.2)
        Set<URI> asked = new HashSet<>();
        boolean loop = false;
        for (int redirects = 0; ; redirects++) {
            loop |= !asked.add(withoutFragment(current));
            HttpGet get = new HttpGet(current);
            headers.forEach(get::setHeader);
            Hop hop = exchange(get, current, deadline, maxBodyBytes, redirects, true);
            if (hop.location() == null) {
                return hop.response();
            }
            if (redirects == maxRedirects) {
                throw new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS, "too many redirects" + (loop
                        ? ", in a loop back to an address already asked" : ""), redirects, null);
            }
            current = next(current, hop.location(), redirects + 1);
        }
    }

    /**
     * POSTs {@code body} to {@code url} with the same checks as {@link #get} (scheme, address, timeouts, size of
     * the answer); a redirect is not followed but answered as it is, since a POST must not be replayed elsewhere
     * unasked (RFC 9110 §15.4). Used for WebSub subscription requests to a hub.
     *
     * @param url          an absolute http or https URL
     * @param headers      request headers besides {@code User-Agent} and {@code Content-Type}
     * @param body         the request body
     * @param contentType  its media type, e.g. {@code application/x-www-form-urlencoded}
     * @param maxBodyBytes largest answer body accepted, in bytes as received
     * @return the answer, whatever its status
     * @throws FetchException for any failure, its {@link FetchException#reason()} saying which
     */
    public Response post(URI url, Map<String, String> headers, byte[] body, String contentType, long maxBodyBytes)
            throws FetchException {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return exchange(post, url, System.nanoTime() + requestTimeout.toNanos(), maxBodyBytes, 0, false).response();
    }

    /** One hop's answer: the complete response, or the {@code Location} of a redirect to follow. */
    private record Hop(Response response, String location) {
    }

    private Hop exchange(HttpUriRequestBase request, URI current, long deadline, long maxBodyBytes, int redirects,
            boolean followRedirects) throws FetchException {
        checkScheme(current, redirects);
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new FetchException(FetchException.Reason.TIMEOUT, "no complete answer within "
                    + requestTimeout.toSeconds() + " s", redirects, null);
        }
        request.setHeader("User-Agent", userAgent);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = deadlines.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, remaining, TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, HttpClientContext.create())) {
            int status = response.getCode();
            Header location = response.getFirstHeader("Location");
            if (followRedirects && REDIRECTS.contains(status) && location != null) {
                // the redirect's body is not wanted: drop the connection rather than read it
                request.cancel();
                return new Hop(null, location.getValue());
            }
            byte[] body = read(response.getEntity(), maxBodyBytes, request, redirects);
            Map<String, String> answered = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header header : response.getHeaders()) {
                if (header.getName().equalsIgnoreCase("Link") && answered.containsKey("Link")) {
                    // Link is a list (RFC 8288 §3): its field lines combine into one (RFC 9110 §5.3), so that WebSub
                    // discovery sees a hub named in any of them
                    answered.put("Link", answered.get("Link") + ", " + header.getValue());
                } else {
                    answered.putIfAbsent(header.getName(), header.getValue());
                }
            }
            return new Hop(new Response(status, Collections.unmodifiableMap(answered), body, current, redirects),
                    null);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw expired.get()
                    ? new FetchException(FetchException.Reason.TIMEOUT, "no complete answer within "
                            + requestTimeout.toSeconds() + " s", redirects, e)
                    : failure(e, redirects);
        } finally {
            watchdog.cancel(false);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    private static void checkScheme(URI uri, int redirects) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Reason.SCHEME_NOT_ALLOWED, "only http and https URLs are "
                    + "fetched, not " + (scheme.isEmpty() ? "a URL without scheme" : scheme), redirects, null);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new FetchException(FetchException.Reason.SCHEME_NOT_ALLOWED, "the URL has no host", redirects,
                    null);
        }
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String whole = uri.toString();
        return URI.create(whole.substring(0, whole.indexOf('#')));
    }

    private static URI next(URI current, String location, int redirects) throws FetchException {
        // a Location as browsers and curl read it: a space in it encoded (a helper's trial: "?x=a b" failed the poll)
        URI target = UriReferences.resolveOrNull(current, UriReferences.parseAsBrowsers(location));
        if (target == null) {
            throw new FetchException(FetchException.Reason.INVALID_REDIRECT, "redirect " + redirects
                    + " has an invalid Location", redirects - 1, null);
        }
        if ("https".equalsIgnoreCase(current.getScheme()) && "http".equalsIgnoreCase(target.getScheme())) {
            throw new FetchException(FetchException.Reason.INVALID_REDIRECT, "redirect " + redirects
                    + " leads from https to http, refused", redirects - 1, null);
        }
        return target;
    }

    private static byte[] read(HttpEntity entity, long max, HttpUriRequestBase get, int redirects) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > max) {
            get.cancel();
            throw tooLarge(max, redirects);
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (out.size() + (long) n > max) {
                    // closing the stream would read the rest of the body to keep the connection: drop it instead
                    get.cancel();
                    throw tooLarge(max, redirects);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static FetchException tooLarge(long max, int redirects) {
        return new FetchException(FetchException.Reason.TOO_LARGE, "the document is larger than " + max + " bytes",
                redirects, null);
    }

    /** Words for a failure that say what happened and nothing of the addresses involved. */
    private FetchException failure(IOException e, int redirects) {
        AddressNotAllowedException refused = find(e, AddressNotAllowedException.class);
        if (refused != null) {
            return new FetchException(FetchException.Reason.ADDRESS_NOT_ALLOWED, "address not allowed: "
                    + refused.getMessage(), redirects, e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new FetchException(FetchException.Reason.CONNECT_TIMEOUT, "connection not established within "
                    + connectTimeout.toSeconds() + " s", redirects, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new FetchException(FetchException.Reason.TIMEOUT, "no answer within "
                    + requestTimeout.toSeconds() + " s", redirects, e);
        }
        if (e instanceof UnknownHostException) {
            return new FetchException(FetchException.Reason.HOST_NOT_FOUND, "cannot connect: host not found",
                    redirects, e);
        }
        if (e instanceof NoRouteToHostException || find(e, NoRouteToHostException.class) != null) {
            return new FetchException(FetchException.Reason.CONNECTION_FAILED, "cannot connect: no route to host",
                    redirects, e);
        }
        if (e instanceof ConnectException) {
            boolean refusedByPeer = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused");
            return new FetchException(FetchException.Reason.CONNECTION_FAILED, refusedByPeer
                    ? "cannot connect: connection refused" : "cannot connect", redirects, e);
        }
        if (e instanceof SSLException) {
            return new FetchException(FetchException.Reason.TLS_FAILED, e instanceof SSLHandshakeException
                    ? "TLS handshake failed" : "TLS error", redirects, e);
        }
        if (e instanceof ClientProtocolException || e instanceof MalformedChunkCodingException) {
            return new FetchException(FetchException.Reason.PROTOCOL_ERROR, "invalid HTTP answer", redirects, e);
        }
        if (e instanceof NoHttpResponseException || e instanceof ConnectionClosedException) {
            return new FetchException(FetchException.Reason.CONNECTION_FAILED,
                    "connection closed before a complete answer", redirects, e);
        }
        return new FetchException(FetchException.Reason.CONNECTION_FAILED, "connection failed", redirects, e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
