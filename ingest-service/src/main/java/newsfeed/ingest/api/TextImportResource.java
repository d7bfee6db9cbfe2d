package newsfeed.ingest.api;

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
import newsfeed.ingest.kafka.RawPostPublisher;
import newsfeed.ingest.text.TextDumpImporter;

/**
 * {@code POST /api/imports/text?source=SLUG}: a channel text dump ({@code text/plain}, charset from the
 * Content-Type, UTF-8 by default, read by {@link BodyDecoder}: {@code 415} for a charset not known) cut into posts
 * (DESIGN §4, §7). Answers like {@link PostsResource}; importing the
 * same dump again gives the same postIds.
 */
@Path("/api/imports/text")
public class TextImportResource {

    @Inject
    TextDumpImporter importer;

    @Inject
    RawPostPublisher publisher;

    @Inject
    PostLimitsCheck limits;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importDump(@QueryParam("source") String source,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        if (source == null || source.isBlank()) {
            throw new InvalidRequestException("invalid request", List.of("query parameter source is required"));
        }
        SourceSlugs.checkParameter(source);
        String dump = BodyDecoder.decode(body, contentType);
        List<RawPost> posts = importer.toRawPosts(source, dump, clock.instant());
        if (posts.isEmpty()) {
            throw new InvalidRequestException("no posts", List.of("the dump holds no text"));
        }
        limits.check(posts);
        publisher.publish(posts);
        return Response.accepted(new Accepted(posts.size(), posts.stream().map(RawPost::postId).toList())).build();
    }
}
