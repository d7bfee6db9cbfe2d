package newsfeed.ingest.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.net.AddressNotAllowedException;
import newsfeed.ingest.net.AddressPolicy;

/**
 * RSS/Atom subscriptions (DESIGN §7), kept in the compacted topic {@code feeds.subscriptions}
 * ({@link FeedSubscriptions}) and polled by {@link FeedPoller}.
 *
 * <ul>
 *   <li>{@code POST /api/feeds} {@code {"url", "intervalSeconds", "source"?}} ({@link FeedSubscriptionRequest}) →
 *       {@code 201} with the subscription {@code {"id", "url", "intervalSeconds", "source", "createdAt"}} and a
 *       {@code Location}. There is one subscription per URL (the id derives from it): posting a URL already
 *       subscribed answers {@code 200} with the subscription, its interval (and its source, if the request gives
 *       one) replaced by the request's.
 *       {@code 400 {"error", "details"}} naming each invalid field; {@code 400 {"error": "feed address not
 *       allowed", "details": ["url …: 127.0.0.2 is in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3); …"]}} when the
 *       URL's host is, or resolves to, an address that is not public ({@link AddressPolicy}; a host that does not
 *       resolve now is accepted, and every poll checks again); {@code 409} for a new URL once
 *       {@code newsfeed.feeds.max-subscriptions} feeds are subscribed; {@code 415} for a body that is not JSON.
 *       Nothing is subscribed on any of these.</li>
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

    @Inject
    FeedSubscriptions subscriptions;

    @Inject
    FeedPoller poller;

    @Inject
    FeedSettings settings;

    @Inject
    Clock clock;

    @Inject
    AddressPolicy addressPolicy;

    /** The body of {@code GET /api/feeds}. */
    public record Listing(List<FeedStatus> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(byte[] body) {
        FeedSubscriptionRequest request = FeedSubscriptionRequest.read(body, settings.minInterval().toSeconds(),
                settings.maxInterval().toSeconds());
        return save(request.url(), "/api/feeds/", existing -> existing.with(request.intervalSeconds(),
                request.source() != null ? request.source() : existing.source()),
                id -> new FeedSubscription(id, request.url(), request.intervalSeconds(), request.sourceOrDefault(),
                        clock.instant()));
    }

    /**
     * Subscribes {@code url}, or changes its subscription: the one rule of {@code POST /api/feeds} and
     * {@code POST /api/telegram/channels} (address policy, {@code newsfeed.feeds.max-subscriptions}, one subscription
     * per URL).
     *
     * @param location the path the subscription's id is appended to for the {@code Location} header
     * @param changed  the existing subscription as the request changes it
     * @param created  a new subscription with the given id
     * @return {@code 201} for a new subscription, {@code 200} for an existing one, {@code 400} for a refused address,
     *     {@code 409} past the cap
     */
    Response save(String url, String location, UnaryOperator<FeedSubscription> changed,
            Function<String, FeedSubscription> created) {
        Response refused = refusedAddress(url);
        if (refused != null) {
            return refused;
        }
        String id = FeedSubscription.idOf(url);
        var existing = subscriptions.find(id);
        if (existing.isEmpty() && subscriptions.all().size() >= settings.maxSubscriptions()) {
            // counted on this instance's view: two instances subscribing at once may pass the cap by one each
            return Response.status(Response.Status.CONFLICT)
                    .entity(new ApiError("too many subscriptions", List.of(settings.maxSubscriptions()
                            + " feeds are subscribed, the most newsfeed.feeds.max-subscriptions allows; delete one "
                            + "first")))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        FeedSubscription subscription = existing.map(changed).orElseGet(() -> created.apply(id));
        if (existing.isEmpty() || !existing.get().equals(subscription)) {
            subscriptions.put(subscription);
        }
        URI uri = URI.create(location + id);
        return (existing.isEmpty() ? Response.created(uri) : Response.ok().location(uri)).entity(subscription)
                .build();
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
        return Response.noContent().build();
    }

    /** 400 naming the URL and why, when its host is refused by the policy; null when it may be subscribed. */
    private Response refusedAddress(String url) {
        if (addressPolicy.allowsEverything()) {
            return null;
        }
        try {
            addressPolicy.resolve(URI.create(url).getHost());
            return null;
        } catch (AddressNotAllowedException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ApiError("feed address not allowed", List.of("url " + url + ": " + e.getMessage()
                            + "; feeds are fetched from public addresses only")))
                    .type(MediaType.APPLICATION_JSON).build();
        } catch (UnknownHostException e) {
            // DNS may be down for a while: the subscription stands, and every poll resolves and checks again
            return null;
        }
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("no such subscription", List.of("no feed subscription has id \"" + id + "\"")))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
