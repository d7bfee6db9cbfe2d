package newsfeed.ingest.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code GET /api/feeds.opml} → {@code 200} {@code text/x-opml; charset=UTF-8}: every feed subscription (followed
 * Telegram channels are not feeds, and are left out) as an OPML 2.0
 * document ({@link OpmlSubscriptions#write}), oldest first, grouped into folder outlines by category, with
 * {@code Content-Disposition: attachment; filename="newsfeed-subscriptions.opml"}. Importing it with
 * {@code POST /api/feeds/opml} ({@link FeedsResource}) gives the same subscriptions. Readable like
 * {@code GET /api/feeds}: without a token unless {@code newsfeed.api.reads-require-token} is true.
 *
 * <p>Its own resource because {@code /api/feeds.opml} is not below {@code /api/feeds}.
 */
@Path("/api/feeds.opml")
public class FeedsOpmlResource {

    /** The media type of OPML documents in common use; the OPML spec names none. */
    public static final String OPML = "text/x-opml";

    @Inject
    FeedSubscriptions subscriptions;

    @Inject
    Clock clock;

    @GET
    @Produces(OPML + ";charset=UTF-8")
    public Response export() {
        // OPML lists feeds: a followed Telegram channel is no feed document, and read back it would poll its preview
        // page as RSS; it is listed by GET /api/telegram/channels
        return Response.ok(OpmlSubscriptions.write(subscriptions.all().stream()
                .filter(subscription -> !subscription.isTelegramChannel()).toList(), clock.instant()))
                .header("Content-Disposition", "attachment; filename=\"newsfeed-subscriptions.opml\"").build();
    }
}
