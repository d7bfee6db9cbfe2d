package newsfeed.dedup.api;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import newsfeed.contracts.api.AllowedMethods;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.api.MalformedRequests;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the framework's refusals of any route to JSON {@code ApiError} responses. */
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
