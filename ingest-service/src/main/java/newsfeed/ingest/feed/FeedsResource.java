package newsfeed.ingest.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.api.Utf8Json;
import newsfeed.ingest.net.AddressPolicy;

/**
 * RSS/Atom subscriptions (DESIGN §7), kept in the compacted topic {@code feeds.subscriptions}
 * ({@link FeedSubscriptions}) and polled by {@link FeedPoller}.
 *
 * <ul>
 *   <li>{@code POST /api/feeds} {@code {"url", "intervalSeconds", "source"?, "title"?, "category"?}}
 *       ({@link FeedSubscriptionRequest}) → {@code 201} with the subscription {@code {"id", "url",
 *       "intervalSeconds", "source", "createdAt", "title", "category"}} and a {@code Location}. There is one
 *       subscription per URL (the id derives from it): posting a URL already subscribed answers {@code 200} with the
 *       subscription, its interval (and its source, title and category, those the request gives) replaced by the
 *       request's.
 *       {@code 400 {"error", "details"}} naming each invalid field; {@code 400 {"error": "feed address not
 *       allowed", "details": ["url …: 127.0.0.2 is in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3); …"]}} when the
 *       URL's host is, or resolves to, an address that is not public ({@link AddressPolicy}; a host that does not
 *       resolve now is accepted, and every poll checks again); {@code 409} for a new URL once
 *       {@code newsfeed.feeds.max-subscriptions} feeds are subscribed; {@code 415} for a body that is not JSON.
 *       Nothing is subscribed on any of these.</li>
 *   <li>{@code POST /api/feeds/opml} with an OPML 1.0/2.0 document ({@code text/x-opml}, {@code application/xml} or
 *       {@code text/xml}, at most {@code newsfeed.feeds.max-opml-bytes}) subscribes every feed outline
 *       ({@link OpmlSubscriptions#read}), its folder path as category, with the interval of
 *       {@code newsfeed:intervalSeconds} or else {@code newsfeed.feeds.import-interval}. All or nothing: the whole
 *       document is checked first (XML, each feed outline's URL, title and attributes, the address policy, the cap
 *       counting the subscriptions there are), and any fault answers {@code 400 {"error": "invalid OPML",
 *       "details": [...]}} with one detail per fault, naming the outline by line, text and xmlUrl (or the line and
 *       column where the XML breaks), and subscribes nothing; {@code 413} above the size limit. A feed already
 *       subscribed (same id) is left as it is, so importing a document twice changes nothing. Answers {@code 201},
 *       or {@code 200} when nothing was new, with {@link OpmlImport}.</li>
 *   <li>{@code GET /api/feeds} → {@code {"items": [FeedStatus...]}}: each subscription with this instance's polling
 *       status ({@code lastFetchAt}, {@code lastStatus}, {@code lastError}, {@code itemsSeen},
 *       {@code nextPollAt}, {@code consecutiveFailures}, …), oldest subscription first.</li>
 *   <li>{@code GET /api/feeds/{id}} → one {@link FeedStatus}; {@code 404} if unknown.</li>
 *   <li>{@code DELETE /api/feeds/{id}} → {@code 204}; {@code 404} if unknown. Posts already stored stay.</li>
 * </ul>
 * Changes are answered once Kafka acknowledged them and this instance applied them; {@code 503} when that does
 * not happen within {@code newsfeed.feeds.write-timeout} (retrying is safe: the id is the same).
 */
@Path("/api/feeds")
@Produces(MediaType.APPLICATION_JSON)
public class FeedsResource {

    /**
     * Held from reading the subscriptions to writing one: an item id scope is decided on the others of a source
     * ({@link FeedSubscription#scopedAmong}), and subscriptions of one source asked for at once all saw no other and
     * all got bare ids. Instances do not share it: two instances subscribing one source at the same moment still can.
     * Static, as the subscriptions it guards are this JVM's. Waited for at most {@code newsfeed.feeds.write-timeout}
     * ({@link #subscribing}), as its holder may be waiting that long for Kafka.
     */
    private static final ReentrantLock SUBSCRIBING = new ReentrantLock();

    @Inject
    FeedSubscriptions subscriptions;

    @Inject
    FeedPoller poller;

    @Inject
    FeedSettings settings;

    @Inject
    Clock clock;

    @Inject
    SubscriptionGate gate;

    /** The body of {@code GET /api/feeds}. */
    public record Listing(List<FeedStatus> items) {
    }

    /**
     * The answer of {@code POST /api/feeds/opml}.
     *
     * @param subscribed        the subscriptions the document created, in document order
     * @param alreadySubscribed the subscriptions of the document's feeds that existed before, unchanged
     * @param skipped           one message per outline with an xmlUrl that is not a feed, or whose feed an earlier
     *                          outline of the document already names, naming it
     */
    public record OpmlImport(List<FeedSubscription> subscribed, List<FeedSubscription> alreadySubscribed,
            List<String> skipped) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Utf8Json
    public Response subscribe(byte[] body) {
        FeedSubscriptionRequest request = FeedSubscriptionRequest.read(body, settings.minInterval().toSeconds(),
                settings.maxInterval().toSeconds());
        return save(request.url(), "/api/feeds/", existing -> existing.with(request.intervalSeconds(),
                orElse(request.source(), existing.source()), orElse(request.title(), existing.title()),
                orElse(request.category(), existing.category())),
                id -> new FeedSubscription(id, request.url(), request.intervalSeconds(), request.sourceOrDefault(),
                        clock.instant(), request.title(), request.category()), request.itemIdScope());
    }

    /** {@link #save(String, String, UnaryOperator, Function, String)} with no item id scope given. */
    Response save(String url, String location, UnaryOperator<FeedSubscription> changed,
            Function<String, FeedSubscription> created) {
        return save(url, location, changed, created, null);
    }

    /**
     * Subscribes {@code url}, or changes its subscription: the one rule of {@code POST /api/feeds} and
     * {@code POST /api/telegram/channels} (address policy and {@code newsfeed.feeds.max-subscriptions} through
     * {@link SubscriptionGate}, one subscription per URL).
     *
     * @param location the path the subscription's id is appended to for the {@code Location} header
     * @param changed  the existing subscription as the request changes it
     * @param created  a new subscription with the given id
     * @param itemIdScope the item id scope the request gives, or null ({@link FeedSubscription#scopedAmong})
     * @return {@code 201} for a new subscription, {@code 200} for an existing one, {@code 400} for a refused address,
     *     {@code 409} past the cap
     */
    Response save(String url, String location, UnaryOperator<FeedSubscription> changed,
            Function<String, FeedSubscription> created, String itemIdScope) {
        String refused = gate.addressRefusal("url", url);
        if (refused != null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ApiError("feed address not allowed", List.of(refused)))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return subscribing(() -> saveDecided(url, location, changed, created, itemIdScope));
    }

    /**
     * Runs {@code change} holding {@link #SUBSCRIBING}.
     *
     * @throws FeedSubscriptions.UnavailableException (503) when another change holds it past
     *                                                {@code newsfeed.feeds.write-timeout}: with the broker down, each
     *                                                holder waits that long for Kafka, and requests sent together would
     *                                                otherwise be answered one timeout after another (a review)
     */
    private Response subscribing(Supplier<Response> change) {
        Duration timeout = settings.writeTimeout();
        try {
            if (!SUBSCRIBING.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FeedSubscriptions.UnavailableException("another subscription change was still waiting for "
                        + "Kafka after " + timeout.toSeconds() + " s (newsfeed.feeds.write-timeout)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedSubscriptions.UnavailableException("interrupted while waiting to change subscriptions", e);
        }
        try {
            return change.get();
        } finally {
            SUBSCRIBING.unlock();
        }
    }

    private Response saveDecided(String url, String location, UnaryOperator<FeedSubscription> changed,
            Function<String, FeedSubscription> created, String itemIdScope) {
        String id = FeedSubscription.idOf(url);
        var existing = subscriptions.find(id);
        String full = existing.isEmpty() ? gate.limitRefusal(1) : null;
        if (full != null) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(new ApiError("too many subscriptions", List.of(full)))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        FeedSubscription asked = existing.map(changed).orElseGet(() -> created.apply(id));
        List<FeedSubscription> all = subscriptions.all();
        String scopeRefused = asked.itemIdScopeRefusal(existing.orElse(null), all, itemIdScope);
        if (scopeRefused != null) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(new ApiError("item id scope refused", List.of(scopeRefused)))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        FeedSubscription subscription = asked.scopedAmong(existing.orElse(null), all, itemIdScope);
        if (existing.isEmpty() || !existing.get().equals(subscription)) {
            subscriptions.put(subscription);
        }
        // a path, which RFC 9110 §10.2.2 allows: JAX-RS makes a URI absolute with the request's host, and an
        // HTTP/1.0 request without Host was answered "Location: http:/api/feeds/…" (a helper's review)
        return (existing.isEmpty() ? Response.status(Response.Status.CREATED) : Response.ok())
                .header(HttpHeaders.LOCATION, location + id).entity(subscription).build();
    }

    @POST
    @Path("opml")
    @Consumes({"text/x-opml", MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    public Response importOpml(InputStream body) throws IOException {
        long limit = settings.maxOpmlBytes();
        // read up to one byte past the limit: a chunked body has no Content-Length to check first
        byte[] document = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (document.length > limit) {
            return Response.status(413).entity(new ApiError("request body too large", List.of("the OPML document "
                    + "is above the limit of " + limit + " bytes of newsfeed.feeds.max-opml-bytes")))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        OpmlSubscriptions.Contents contents = OpmlSubscriptions.read(document, settings.minInterval().toSeconds(),
                settings.maxInterval().toSeconds());
        // the new feeds' addresses are looked up before the lock, which a slow resolver would otherwise hold
        Map<OpmlSubscriptions.Feed, Optional<String>> checked = new IdentityHashMap<>();
        Set<String> seen = new HashSet<>();
        for (OpmlSubscriptions.Feed feed : contents.feeds()) {
            String id = FeedSubscription.idOf(feed.url());
            if (seen.add(id) && subscriptions.find(id).isEmpty()) {
                checked.put(feed, Optional.ofNullable(gate.addressRefusal(feed.where() + ": xmlUrl", feed.url())));
            }
        }
        return subscribing(() -> importDecided(contents, checked));
    }

    /**
     * @param checked the address refusal (or none) of each feed of {@code contents} looked up before the lock; a
     *                feed not among them (subscribed then, deleted since) is looked up here
     */
    private Response importDecided(OpmlSubscriptions.Contents contents,
            Map<OpmlSubscriptions.Feed, Optional<String>> checked) {
        List<String> faults = new ArrayList<>(contents.faults());
        List<FeedSubscription> created = new ArrayList<>();
        List<FeedSubscription> already = new ArrayList<>();
        List<String> skipped = new ArrayList<>(contents.skipped());
        Map<String, String> firstOutline = new HashMap<>();
        Instant now = clock.instant();
        List<FeedSubscription> known = subscriptions.all();
        for (OpmlSubscriptions.Feed feed : contents.feeds()) {
            String id = FeedSubscription.idOf(feed.url());
            String first = firstOutline.putIfAbsent(id, feed.where());
            if (first != null) {
                // Exports list a feed under each folder it is filed in; the first outline counts, and says so.
                skipped.add(feed.where() + ": the same feed as " + first + ", which counts");
                continue;
            }
            var existing = subscriptions.find(id);
            if (existing.isPresent()) {
                already.add(existing.get());
                continue;
            }
            Optional<String> lookedUp = checked.get(feed);
            String refused = lookedUp != null ? lookedUp.orElse(null)
                    : gate.addressRefusal(feed.where() + ": xmlUrl", feed.url());
            if (refused != null) {
                faults.add(refused);
                continue;
            }
            FeedSubscription subscription = new FeedSubscription(id, feed.url(), feed.intervalSeconds() != null
                    ? feed.intervalSeconds() : (int) settings.importInterval().toSeconds(), feed.source() != null
                    ? feed.source() : FeedSubscriptionRequest.sourceFromHost(URI.create(feed.url())), now,
                    feed.title(), feed.category());
            // the document's earlier feeds count as other feeds of a source too
            List<FeedSubscription> others = Stream.concat(known.stream(), created.stream()).toList();
            String scopeRefused = subscription.itemIdScopeRefusal(null, others, feed.itemIdScope());
            if (scopeRefused != null) {
                faults.add(feed.where() + ": newsfeed:" + scopeRefused);
                continue;
            }
            created.add(subscription.scopedAmong(null, others, feed.itemIdScope()));
        }
        String full = gate.limitRefusal(created.size());
        if (full != null) {
            faults.add(full);
        }
        if (!faults.isEmpty()) {
            throw new InvalidRequestException("invalid OPML", faults);
        }
        subscriptions.putAll(created);
        return Response.status(created.isEmpty() ? Response.Status.OK : Response.Status.CREATED)
                .entity(new OpmlImport(created, already, skipped)).build();
    }

    @GET
    public Listing list() {
        return new Listing(poller.statuses());
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return poller.status(id).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    public Response unsubscribe(@PathParam("id") String id) {
        if (subscriptions.find(id).isEmpty()) {
            return notFound(id);
        }
        subscriptions.delete(id);
        poller.unsubscribed(id);
        return Response.noContent().build();
    }

    private static String orElse(String given, String kept) {
        return given != null ? given : kept;
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("no such subscription", List.of("no feed subscription has id \"" + id + "\"")))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
