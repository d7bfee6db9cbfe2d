package newsfeed.ingest.api;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.api.AllowedMethods;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.api.MalformedRequests;
import newsfeed.ingest.kafka.KafkaUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures to JSON {@link ApiError} responses with the right status. */
public class ErrorMappers {

    /** Requests refused before any route ({@link MalformedRequests}): 400 with an {@code ApiError}, logged at DEBUG. */
    void malformedRequests(@Observes Router router) {
        MalformedRequests.install(router);
    }

    /** The same on the management port ({@code /q/*}), whose router has its own error handler. */
    void malformedRequestsOnManagement(@Observes ManagementInterface management) {
        MalformedRequests.install(management.router());
    }

    /** A path no route serves: the JSON 404 every service answers ({@link ApiError#notFound}). */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ApiError.notFound(e);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(e.error()).build();
    }

    /**
     * The more specific mapper: a charset not known is the body's format, not its content
     * ({@link UnknownCharsetException}).
     */
    @ServerExceptionMapper
    public Response unknownCharset(UnknownCharsetException e) {
        return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).entity(e.error()).build();
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError(e.refused() + ": Kafka unavailable; retry later", List.of(e.getMessage())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private static final String JSON = MediaType.APPLICATION_JSON + " (UTF-8)";

    /**
     * The body type each JSON-or-text endpoint of this service takes ({@code @Consumes} of its POST method), so that a
     * 415 tells the client what to send instead.
     */
    private static final Map<String, String> CONSUMES = Map.of(
            "/api/posts", JSON,
            "/api/imports/text", MediaType.TEXT_PLAIN,
            "/api/imports/telegram-preview", MediaType.TEXT_HTML,
            "/api/feeds", JSON,
            "/api/feeds/opml", "text/x-opml, application/xml or text/xml",
            "/api/dead-letters/replay", JSON);

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers, UriInfo uri, Request request) {
        String got = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String endpoint = request.getMethod() + " " + uri.getPath();
        String takes = CONSUMES.get(uri.getPath());
        return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                .entity(new ApiError("unsupported content type",
                        List.of("got " + (got == null ? "no Content-Type" : got) + "; " + endpoint
                                + (takes == null ? " does not take it" : " takes " + takes))))
                .build();
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
