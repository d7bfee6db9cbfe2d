package newsfeed.ingest.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebSub callbacks of the feeds this instance polls ({@link WebSubSubscriber}; W3C WebSub §5.3, §7):
 * <ul>
 *   <li>{@code GET /api/websub/{id}?hub.mode=subscribe&hub.topic=...&hub.challenge=...&hub.lease_seconds=...} →
 *       {@code 200} with the challenge as {@code text/plain} when this instance asked for that subscription, else
 *       {@code 404}; {@code hub.mode=unsubscribe} likewise for a deleted feed; {@code hub.mode=denied} → {@code 200}
 *       when it names the subscription (which then fails and is retried later), else {@code 404}.</li>
 *   <li>{@code POST /api/websub/{id}} with a feed document and {@code X-Hub-Signature} → {@code 200} once its new
 *       items are published; {@code 403} for a missing or bad signature (nothing published); {@code 404} for no
 *       active subscription; {@code 413}, {@code 400}, {@code 503}, {@code 500} as
 *       {@link WebSubSubscriber#deliver} says.</li>
 * </ul>
 * No bearer token: a hub cannot hold one. {@code application.properties} makes {@code /api/websub/*} public on
 * purpose; what protects it is the random id in its path (256 bits, given only to the hub) and, for distributions,
 * the HMAC signature with the subscription's own secret.
 */
@Path("/api/websub/{id}")
public class WebSubCallbackResource {

    @Inject
    FeedPoller poller;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@PathParam("id") String id, @Context UriInfo uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            if (!parameter.getValue().isEmpty()) {
                query.put(parameter.getKey(), parameter.getValue().get(0));
            }
        }
        return answer(poller.webSubVerify(id, query));
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public Response deliver(@PathParam("id") String id, @HeaderParam(WebSubSignature.HEADER) String signature,
            @HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        return answer(poller.webSubDeliver(id, signature, contentType, body));
    }

    private static Response answer(WebSubSubscriber.Answer answer) {
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
