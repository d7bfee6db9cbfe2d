package newsfeed.ingest.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.kafka.RawPostPublisher;

/**
 * {@code POST /api/posts}: one RawPost JSON object or an array (DESIGN §7). Answers {@code 202 {"accepted": n,
 * "postIds": [...]}} once every post is in {@code posts.raw}, with {@code "ignored": [...]} naming the fields no post
 * takes (a misspelt {@code published_at}) when there are any; {@code 400} naming each invalid field or the JSON
 * position at fault, with nothing sent; {@code 415} for a body that is not {@code application/json}; {@code 413}
 * above {@code quarkus.http.limits.max-body-size}; {@code 503} when Kafka does not acknowledge.
 */
@Path("/api/posts")
public class PostsResource {

    @Inject
    RawPostPublisher publisher;

    @Inject
    PostLimitsCheck limits;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Utf8Json
    @Produces(MediaType.APPLICATION_JSON)
    public Response accept(byte[] body) {
        RawPostReader.Read read = RawPostReader.read(body, clock.instant());
        List<RawPost> posts = read.posts();
        limits.check(posts);
        publisher.publish(posts);
        return Response.accepted(new Accepted(posts.size(), posts.stream().map(RawPost::postId).toList(),
                read.ignored())).build();
    }
}
