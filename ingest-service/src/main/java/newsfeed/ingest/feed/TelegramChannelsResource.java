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
import java.time.Clock;
import java.util.List;
import newsfeed.contracts.api.ApiError;

/**
 * Public Telegram channels followed live (issue 12): each is a subscription of kind {@code telegram} whose URL is its
 * web preview ({@code newsfeed.feeds.telegram-preview-base} + name, {@code https://t.me/s/<channel>}), polled,
 * owned, remembered and listed like a feed ({@link FeedPoller}, {@link ChannelPages}): new posts are published, an
 * edited post on the newest page becomes a revision, and the first poll backfills the newest {@code backfill} posts.
 *
 * <ul>
 *   <li>{@code POST /api/telegram/channels} {@code {"channel", "intervalSeconds", "backfill"?, "source"?,
 *       "itemIdScope"?}} ({@link TelegramChannelRequest}) → {@code 201} with the subscription, {@code 200} when the
 *       channel is followed already (its interval and source replaced, its backfill kept: the first poll is past);
 *       {@code 400} naming each invalid field, {@code 409} past {@code newsfeed.feeds.max-subscriptions} or for an
 *       item id scope refused, as for feeds. A channel given a source another subscription has gets
 *       {@code "itemIdScope": "feed"}: its postIds are {@code <source>:<subscription id>/<message id>}
 *       ({@link FeedSubscription#scopedAmong}).</li>
 *   <li>{@code GET /api/telegram/channels} → {@code {"items": [FeedStatus...]}}, the channels only, each with its
 *       last poll, error and next poll; {@code GET /api/feeds} lists them with the feeds.</li>
 *   <li>{@code DELETE /api/telegram/channels/{id}} → {@code 204}, polls stop; {@code 404} for an id that is not a
 *       followed channel.</li>
 * </ul>
 */
@Path("/api/telegram/channels")
@Produces(MediaType.APPLICATION_JSON)
public class TelegramChannelsResource {

    @Inject
    FeedsResource feeds;

    @Inject
    FeedSubscriptions subscriptions;

    @Inject
    FeedPoller poller;

    @Inject
    FeedSettings settings;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response follow(byte[] body) {
        TelegramChannelRequest request = TelegramChannelRequest.read(body, settings.minInterval().toSeconds(),
                settings.maxInterval().toSeconds(), settings.maxBackfill());
        String url = settings.telegramPreviewBase() + request.channel();
        return feeds.save(url, "/api/telegram/channels/", existing -> existing.with(request.intervalSeconds(),
                request.source() != null ? request.source() : existing.source(), existing.title(),
                existing.category()),
                id -> new FeedSubscription(id, url, request.intervalSeconds(), request.sourceOrDefault(),
                        clock.instant(), null, null, FeedSubscription.KIND_TELEGRAM, request.backfill()),
                request.itemIdScope());
    }

    @GET
    public FeedsResource.Listing list() {
        return new FeedsResource.Listing(poller.statuses().stream()
                .filter(status -> FeedSubscription.KIND_TELEGRAM.equals(status.kind())).toList());
    }

    @DELETE
    @Path("{id}")
    public Response unfollow(@PathParam("id") String id) {
        if (subscriptions.find(id).filter(FeedSubscription::isTelegramChannel).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new ApiError("no such channel", List.of("no followed Telegram channel has id \"" + id
                            + "\"")))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        subscriptions.delete(id);
        poller.unsubscribed(id);
        return Response.noContent().build();
    }
}
