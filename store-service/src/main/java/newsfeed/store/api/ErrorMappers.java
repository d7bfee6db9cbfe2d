package newsfeed.store.api;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import newsfeed.contracts.api.AllowedMethods;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.api.MalformedRequests;
import newsfeed.store.db.PostQueries;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps API failures to JSON {@link ApiError} responses. */
public class ErrorMappers {

    /** Requests refused before any route ({@link MalformedRequests}): 400 with an {@code ApiError}, logged at DEBUG. */
    void malformedRequests(@Observes Router router) {
        MalformedRequests.install(router);
    }

    /** The same on the management port ({@code /q/*}), whose router has its own error handler. */
    void malformedRequestsOnManagement(@Observes ManagementInterface management) {
        MalformedRequests.install(management.router());
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new ApiError("invalid parameter " + e.parameter(), List.of(e.getMessage())))
                // JSON whatever the route produces: the Atom feed and the event stream otherwise wrote toString().
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * More reads that carry posts' text waiting at once than {@code newsfeed.store.api.max-waiting-reads}, beside the
     * {@code max-concurrent-reads} running ({@link BoundedReads}): {@code 503} with {@code Retry-After: 1} (RFC 9110
     * §15.6.4, §10.2.3), so that clients come back in a moment instead of the heap filling with pages (a trial's four
     * listings of 800,000-character posts at once ended the store with {@code OutOfMemoryError}).
     */
    @ServerExceptionMapper
    public Response tooManyReads(BulkheadException e, UriInfo uri) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .entity(new ApiError("too many reads at once; retry in a second", List.of(uri.getPath()
                        + ": as many posts, listings and feeds are being read and waiting as "
                        + "newsfeed.store.api.max-concurrent-reads and max-waiting-reads allow")))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * {@code newsfeed.store.api.max-streams} event streams are open ({@link PostEventBroadcast#admit}): {@code 503}
     * with {@code Retry-After: 30}; the dashboard opens its stream again with back-off (1 s doubling to 30 s).
     */
    @ServerExceptionMapper
    public Response streamsFull(PostEventBroadcast.StreamsFullException e, UriInfo uri) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .entity(new ApiError("too many event streams open; retry later", List.of(uri.getPath() + ": "
                        + e.getMessage())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * The answers waiting for clients that have not read them hold {@code newsfeed.store.api.max-unsent-answers}
     * ({@link UnsentAnswers}): {@code 503} with {@code Retry-After: 5}, the sweep's interval, by which those clients
     * have read or their connections are nearer to being closed.
     */
    @ServerExceptionMapper
    public Response busySending(UnsentAnswers.StoreBusyException e, UriInfo uri) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(UnsentAnswers.SWEEP_INTERVAL.toSeconds()))
                .entity(new ApiError("busy sending answers to slow clients; retry in a few seconds",
                        List.of(uri.getPath() + ": " + e.getMessage())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * A listing or search PostgreSQL stopped at {@code newsfeed.store.api.query-timeout}: {@code 503}, saying how to
     * narrow it. The same request may pass on a smaller database, so it is not the request's fault alone.
     */
    @ServerExceptionMapper
    public Response tooSlow(PostQueries.QueryTooSlowException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("listing took too long", List.of(e.getMessage() + " and was stopped; narrow it: "
                        + "fewer or rarer words in q, a source, tag or since")))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** A read whose client left before its turn ({@link BoundedReads}): not run, and nobody hears this answer. */
    @ServerExceptionMapper
    public Response clientLeft(BoundedReads.ClientLeftException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("the client left", List.of(e.getMessage())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * A 404 of ours names what is missing; the framework's (a path no route takes) names the path, and a GET of
     * {@code /api/posts/<source>:<id>/…}, a postId with an unencoded {@code /}, says how such a postId is sent (a
     * helper's trial: {@code /api/posts/ids:a/b} got "Unable to find matching target resource method").
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        if (!NO_ROUTE.equals(e.getMessage())) {
            return ApiError.notFound(e);
        }
        String path = request.path();
        int slash = path.startsWith(POST_PATH) ? path.indexOf('/', POST_PATH.length()) : -1;
        // every postId is <source>:<externalId>: a first segment without ':' is no postId (/api/posts/stream/x)
        String hint = slash > 0 && path.substring(POST_PATH.length(), slash).contains(":")
                && request.method() == HttpMethod.GET
                ? "; a postId holding a '/' is sent with it encoded as %2F (" + POST_PATH + "ids:a%2Fb)" : "";
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("not found", List.of("no route " + request.method().name() + " "
                        + ApiError.quote(path) + hint)))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** The message of RESTEasy Reactive's 404 for a path no route of a matched resource takes. */
    private static final String NO_ROUTE = "Unable to find matching target resource method";
    private static final String POST_PATH = "/api/posts/";

    /**
     * The framework's own refusals, which it answers with no body: an {@code Accept} it cannot produce (406), and the
     * like. Each is an {@link ApiError} naming the request.
     */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e, Request request, UriInfo uri) {
        Response given = e.getResponse();
        if (given.hasEntity()) {
            return given;
        }
        Response.StatusType status = given.getStatusInfo();
        return Response.fromResponse(given)
                .entity(new ApiError(status.getReasonPhrase().toLowerCase(Locale.ROOT),
                        List.of(request.getMethod() + " " + uri.getPath() + ": " + status.getReasonPhrase())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** A method the route does not have: 405 with {@code Allow} (RFC 9110 §15.5.6), which the framework leaves out. */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return AllowedMethods.ofService().refusal(request.method().name(), request.path());
    }

    /**
     * ... and the same methods in {@code Allow} of an answer to OPTIONS ({@link AllowedMethods#onOptions}). The path
     * as sent is Vert.x's: {@code UriInfo.getRequestUri()} is built with the request's host, and an HTTP/1.0 request
     * without {@code Host} made every answer a 500 (a helper's review).
     */
    @org.jboss.resteasy.reactive.server.ServerResponseFilter
    public void allowOnOptions(HttpServerRequest request, jakarta.ws.rs.container.ContainerResponseContext response) {
        AllowedMethods.ofService().onOptions(request.method().name(), request.path(), response.getHeaders());
    }
}
