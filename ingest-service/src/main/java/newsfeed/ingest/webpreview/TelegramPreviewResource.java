package newsfeed.ingest.webpreview;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.api.Accepted;
import newsfeed.ingest.api.BodyDecoder;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.api.PostLimitsCheck;
import newsfeed.ingest.api.SourceSlugs;
import newsfeed.ingest.kafka.RawPostPublisher;

/**
 * {@code POST /api/imports/telegram-preview[?source=SLUG]}: a saved {@code t.me/s/<channel>} page ({@code text/html};
 * charset from the Content-Type, UTF-8 by default, read by {@link newsfeed.ingest.api.BodyDecoder}: {@code 415} for a
 * charset not known), one post per message ({@link TelegramPreviewParser}). Without
 * {@code source}, the channel name of the messages is the source slug. Answers like {@code POST /api/posts}.
 */
@Path("/api/imports/telegram-preview")
public class TelegramPreviewResource {

    private final TelegramPreviewParser parser = new TelegramPreviewParser();

    @Inject
    RawPostPublisher publisher;

    @Inject
    PostLimitsCheck limits;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importPage(@QueryParam("source") String source,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        SourceSlugs.checkParameter(source);
        List<RawPost> posts;
        try {
            posts = parser.parse(BodyDecoder.decode(body, contentType), source, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid page", List.of(e.getMessage()));
        }
        if (posts.isEmpty()) {
            throw new InvalidRequestException("no posts", List.of("the page holds no tgme_widget_message element"));
        }
        limits.check(posts);
        publisher.publish(posts);
        return Response.accepted(new Accepted(posts.size(), posts.stream().map(RawPost::postId).toList())).build();
    }
}
