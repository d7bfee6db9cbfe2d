package newsfeed.ingest.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code GET /api/feeds.opml} → {@code 200} {@code text/x-opml; charset=UTF-8}: every subscription as an OPML 2.0
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
        return Response.ok(OpmlSubscriptions.write(subscriptions.all(), clock.instant()))
                .header("Content-Disposition", "attachment; filename=\"newsfeed-subscriptions.opml\"").build();
    }
}
