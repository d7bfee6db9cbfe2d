package newsfeed.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import newsfeed.ingest.net.GuardedHttpClient;
import org.jboss.logging.Logger;

/**
 * The subscriber side of W3C WebSub (Recommendation of 23 January 2018) for the feeds this instance polls.
 *
 * <ul>
 *   <li><b>Subscribing</b> (§5.1): a feed whose last document named a hub ({@link WebSubDiscovery}, §4) is subscribed
 *       by a POST to the hub, through the feeds' own guarded client ({@link FeedFetcher#postForm}: a hub on an address
 *       that is not public is refused like a feed), with {@code hub.mode=subscribe}, {@code hub.topic} (the feed's
 *       self link, else its URL), {@code hub.callback} ({@code newsfeed.feeds.websub.callback-base} +
 *       {@code /api/websub/} + the subscription's random id), {@code hub.secret} (32 random bytes in hex, per
 *       subscription) and {@code hub.lease_seconds}. Only when a callback base is configured.</li>
 *   <li><b>Verification of intent</b> (§5.3): {@link #verify} answers the hub's GET with the challenge only for the
 *       mode and topic this instance asked for; a denial (§5.2) fails the subscription.</li>
 *   <li><b>Content distribution</b> (§7, §8): {@link #deliver} accepts a POST only with a valid
 *       {@code X-Hub-Signature} ({@link WebSubSignature}) and processes the body as a poll processes a document
 *       ({@link FeedPoll#pushed}).</li>
 *   <li><b>Leases and failures</b>: renewals and retries as {@link WebSubLease} says; while a subscription is not
 *       active the feed is polled at its interval, while it is, at {@code newsfeed.feeds.websub.poll-interval} at
 *       the least.</li>
 *   <li><b>Unsubscribing</b> (§5.1, {@code hub.mode=unsubscribe}): when a feed's subscription is deleted, best effort;
 *       its callback answers the verification for a while ({@code verify-timeout}) and nothing else.</li>
 * </ul>
 * Metrics: {@code newsfeed_feeds_websub_requests_total{mode,outcome}}, {@code newsfeed_feeds_websub_pushes_total
 * {outcome}} and {@code newsfeed_feeds_websub_rejected_total{reason}} (a missing or bad signature).
 */
final class WebSubSubscriber {

    /** Subscription requests by mode and outcome ({@code accepted}, {@code refused}, {@code failed}). */
    static final String REQUESTS_METRIC = "newsfeed.feeds.websub.requests";
    /** Content distributions processed, by outcome ({@code push} or a failure kind). */
    static final String PUSHES_METRIC = "newsfeed.feeds.websub.pushes";
    /** Content distributions refused for their signature, by {@link WebSubSignature.Verdict#tag()}. */
    static final String REJECTED_METRIC = "newsfeed.feeds.websub.rejected";
    /** The path of callbacks under the callback base. */
    static final String CALLBACK_PATH = "/api/websub/";
    /** Longest {@code hub.challenge} echoed: hubs send a few dozen characters. */
    static final int MAX_CHALLENGE = 1024;

    private static final Logger LOG = Logger.getLogger(WebSubSubscriber.class);

    /**
     * An answer to the hub.
     *
     * @param status HTTP status
     * @param body   {@code text/plain} body: the challenge, or what went wrong
     */
    record Answer(int status, String body) {
    }

    /** A deleted feed's unsubscription waiting for its verification. */
    private record Leaving(String topic, Instant until) {
    }

    private final FeedFetcher fetcher;
    private final FeedPoll poll;
    private final FeedSettings.WebSub settings;
    private final String callbackBase;
    private final Duration maxBackoff;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Executor executor;
    private final long maxBodyBytes;
    private final Map<String, Leaving> leaving = new ConcurrentHashMap<>();

    /**
     * @param fetcher      the feeds' guarded client, for requests to hubs
     * @param poll         what processes a distribution, as it processes a polled document
     * @param maxBackoff   {@code newsfeed.feeds.max-backoff}, the cap of the retries
     * @param executor     where requests to hubs run (the poller's pool: never on the tick or a request thread)
     * @param maxBodyBytes {@code newsfeed.feeds.max-feed-bytes}: the largest distribution accepted
     */
    WebSubSubscriber(FeedFetcher fetcher, FeedPoll poll, FeedSettings.WebSub settings, Duration maxBackoff, Clock clock,
            MeterRegistry registry, Executor executor, long maxBodyBytes) {
        this.fetcher = fetcher;
        this.poll = poll;
        this.settings = settings;
        this.callbackBase = settings.callbackBase().map(String::strip).filter(b -> !b.isEmpty())
                .map(WebSubSubscriber::checkedBase).orElse(null);
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.registry = registry;
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The callback base without a trailing slash.
     *
     * @throws IllegalArgumentException naming the setting, when it is not an absolute http(s) URL without query or
     *                                  fragment: the service does not start with a callback no hub could call
     */
    static String checkedBase(String base) {
        URI uri;
        try {
            uri = new URI(base);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("newsfeed.feeds.websub.callback-base (NEWSFEED_FEEDS_WEBSUB_CALLBACK_"
                    + "BASE) must be an absolute http or https URL without query or fragment, such as "
                    + "https://ingest.example.org, not \"" + base + "\"");
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** True when a callback base is configured: without one, feeds are only polled. */
    boolean enabled() {
        return callbackBase != null;
    }

    /** The callback URL of a subscription. */
    String callback(WebSubState webSub) {
        return callbackBase + CALLBACK_PATH + webSub.callbackId();
    }

    /**
     * Called at every tick for a feed this instance polls: subscribes or renews when due, and hands the feed back to
     * polling at its interval when an active subscription ended.
     */
    void maintain(FeedState state, Instant now) {
        FeedSubscription subscription = state.subscription();
        WebSubState webSub = state.webSub();
        if (!enabled() || subscription.isTelegramChannel()) {
            return;
        }
        String topic = webSub.subscribeDue(now, subscription.url(), settings.verifyTimeout(), settings.retry(),
                maxBackoff);
        if (webSub.takeResumed()) {
            state.pollBy(now.plusSeconds(subscription.intervalSeconds()));
        }
        if (topic == null) {
            return;
        }
        String hub = webSub.hub();
        try {
            executor.execute(() -> subscribe(state, hub, topic));
        } catch (RejectedExecutionException e) {
            webSub.failed(now, "not requested: the service is shutting down", settings.retry(), maxBackoff);
        }
    }

    private void subscribe(FeedState state, String hub, String topic) {
        WebSubState webSub = state.webSub();
        FeedSubscription subscription = state.subscription();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", "subscribe");
        form.put("hub.topic", topic);
        form.put("hub.callback", callback(webSub));
        form.put("hub.lease_seconds", Long.toString(settings.lease().toSeconds()));
        form.put("hub.secret", webSub.secretText());
        String problem = send(hub, form, "subscribe");
        if (problem != null) {
            LOG.warnf("feed %s %s: WebSub subscription at hub %s failed: %s; polled meanwhile", subscription.id(),
                    subscription.url(), hub, problem);
            webSub.failed(clock.instant(), problem, settings.retry(), maxBackoff);
        } else {
            LOG.infof("feed %s %s: WebSub subscription requested at hub %s, topic %s", subscription.id(),
                    subscription.url(), hub, topic);
        }
    }

    /**
     * Unsubscribes a feed that is no longer subscribed or polled here (§5.1), best effort: a failure is logged and the
     * lease lapses at the hub.
     */
    void unsubscribe(FeedState state) {
        WebSubState webSub = state.webSub();
        String topic = webSub.topic();
        String hub = webSub.hub();
        if (!enabled() || topic == null || hub == null) {
            return;
        }
        leaving.put(webSub.callbackId(), new Leaving(topic, clock.instant().plus(settings.verifyTimeout())));
        try {
            executor.execute(() -> {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("hub.mode", "unsubscribe");
                form.put("hub.topic", topic);
                form.put("hub.callback", callback(webSub));
                String problem = send(hub, form, "unsubscribe");
                if (problem != null) {
                    LOG.warnf("WebSub unsubscription of topic %s at hub %s failed: %s; the lease lapses at the hub",
                            topic, hub, problem);
                    leaving.remove(webSub.callbackId());
                }
            });
        } catch (RejectedExecutionException e) {
            leaving.remove(webSub.callbackId());
            LOG.infof("WebSub unsubscription of topic %s not sent: the service is shutting down", topic);
        }
    }

    /** Forgets unsubscriptions whose verification did not come in time. */
    void expire(Instant now) {
        leaving.values().removeIf(l -> !now.isBefore(l.until()));
    }

    /** @return null when the hub accepted the request (2xx, §5.1.2), else what went wrong, without internal detail */
    private String send(String hub, Map<String, String> form, String mode) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            GuardedHttpClient.Response response = fetcher.postForm(URI.create(hub), body);
            boolean accepted = response.status() >= 200 && response.status() <= 299;
            registry.counter(REQUESTS_METRIC, "mode", mode, "outcome", accepted ? "accepted" : "refused").increment();
            return accepted ? null : "hub answered HTTP " + response.status();
        } catch (FeedException e) {
            registry.counter(REQUESTS_METRIC, "mode", mode, "outcome", "failed").increment();
            LOG.debugf(e, "WebSub %s request to %s failed", mode, hub);
            return e.getMessage();
        } catch (IllegalArgumentException e) {
            registry.counter(REQUESTS_METRIC, "mode", mode, "outcome", "failed").increment();
            return "hub " + hub + ": not a URL";
        }
    }

    /**
     * The hub's verification of intent (§5.3) or its denial (§5.2), a GET on the callback.
     *
     * @param target the feed whose callback this is, if it is polled here
     * @param query  the query parameters ({@code hub.mode}, {@code hub.topic}, {@code hub.challenge},
     *               {@code hub.lease_seconds}, {@code hub.reason}), the first value of each
     * @return 200 with the challenge when this instance asked for exactly that; 200 for a denial it takes note of;
     *     404 otherwise (the hub then considers the request not verified, §5.3.1)
     */
    Answer verify(String callbackId, Optional<FeedState> target, Map<String, String> query) {
        String mode = query.get("hub.mode");
        String topic = query.get("hub.topic");
        String challenge = query.get("hub.challenge");
        Instant now = clock.instant();
        if ("denied".equals(mode)) {
            if (target.isPresent() && target.get().webSub().denied(topic, query.get("hub.reason"), now,
                    settings.retry(), maxBackoff)) {
                FeedSubscription subscription = target.get().subscription();
                LOG.warnf("feed %s %s: WebSub subscription denied by the hub: %s; polled meanwhile",
                        subscription.id(), subscription.url(), query.get("hub.reason"));
                return new Answer(200, "");
            }
            return new Answer(404, "no such subscription");
        }
        if (challenge == null || challenge.isEmpty() || challenge.length() > MAX_CHALLENGE) {
            return new Answer(404, "hub.challenge missing or longer than " + MAX_CHALLENGE + " characters");
        }
        if ("unsubscribe".equals(mode)) {
            Leaving left = leaving.get(callbackId);
            if (left != null && left.topic().equals(topic) && leaving.remove(callbackId, left)) {
                return new Answer(200, challenge);
            }
            return new Answer(404, "no such unsubscription");
        }
        Duration lease;
        try {
            lease = Duration.ofSeconds(Long.parseLong(String.valueOf(query.get("hub.lease_seconds")).strip()));
        } catch (NumberFormatException e) {
            return new Answer(404, "hub.lease_seconds missing or not a number"); // REQUIRED for subscribe (§5.3)
        }
        if (lease.isNegative() || lease.isZero()) {
            return new Answer(404, "hub.lease_seconds must be positive");
        }
        if (target.isEmpty() || !target.get().webSub().verify(mode, topic, lease, now, settings.renewAt())) {
            return new Answer(404, "no such subscription");
        }
        FeedSubscription subscription = target.get().subscription();
        LOG.infof("feed %s %s: WebSub subscription verified, lease %d s", subscription.id(), subscription.url(),
                lease.toSeconds());
        return new Answer(200, challenge);
    }

    /**
     * A content distribution (§7): the body is read up to {@code max-feed-bytes}, its signature checked (§8), and
     * only then processed like a polled document.
     *
     * @return 200 once its items are published; 404 when the callback has no active subscription here; 403 for a
     *     missing or bad signature; 413 above the size limit; 400 for a document that cannot be read; 503 when Kafka
     *     did not take the items (the hub retries); 500 for a fault of the service
     */
    Answer deliver(Optional<FeedState> target, String signature, String contentType, InputStream body)
            throws IOException {
        Instant now = clock.instant();
        if (target.isEmpty() || !target.get().webSub().active(now)) {
            return new Answer(404, "no such subscription");
        }
        FeedState state = target.get();
        // read up to one byte past the limit: a chunked body has no Content-Length to check first
        byte[] document = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (document.length > maxBodyBytes) {
            state.webSub().pushRefused(now, "too-large: above " + maxBodyBytes + " bytes");
            registry.counter(PUSHES_METRIC, "outcome", FeedException.TOO_LARGE).increment();
            return new Answer(413, "the document is larger than " + maxBodyBytes + " bytes");
        }
        WebSubSignature.Verdict verdict = WebSubSignature.verify(signature, document, state.webSub().secret());
        if (verdict != WebSubSignature.Verdict.VALID) {
            // §8: the subscriber MUST ignore it. It MAY still answer 2xx; 403 tells a misconfigured hub why its
            // distributions go nowhere, and gives a forger nothing: the path is unguessable and the HMAC sound.
            FeedSubscription subscription = state.subscription();
            LOG.warnf("feed %s %s: WebSub distribution ignored: signature %s", subscription.id(), subscription.url(),
                    verdict.tag());
            state.webSub().pushRefused(now, "bad signature: " + verdict.tag());
            registry.counter(REJECTED_METRIC, "reason", verdict.tag()).increment();
            return new Answer(403, "X-Hub-Signature " + verdict.tag() + ": ignored");
        }
        FeedPoll.Outcome outcome = poll.pushed(state, document, contentType);
        registry.counter(PUSHES_METRIC, "outcome", outcome.status()).increment();
        registry.counter("newsfeed.feeds.items.published").increment(outcome.published());
        if (!outcome.failed()) {
            return new Answer(200, "");
        }
        return switch (outcome.status()) {
            case FeedException.DECODE_ERROR, FeedException.PARSE_ERROR -> new Answer(400, outcome.status());
            case FeedException.PUBLISH_ERROR, FeedException.MEMORY_ERROR -> new Answer(503, outcome.status());
            default -> new Answer(500, outcome.status());
        };
    }
}
