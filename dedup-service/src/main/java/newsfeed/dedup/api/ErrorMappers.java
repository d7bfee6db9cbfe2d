package newsfeed.dedup.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import newsfeed.contracts.api.AllowedMethods;
import newsfeed.contracts.api.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the framework's refusals of any route to JSON {@code ApiError} responses. */
public class ErrorMappers {

    /** A path no route serves: the JSON 404 every service answers ({@link ApiError#notFound}). */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ApiError.notFound(e);
    }

    /** A method the route does not have: 405 with {@code Allow} (RFC 9110 §15.5.6), which the framework leaves out. */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, Request request, UriInfo uri) {
        return AllowedMethods.ofService().refusal(request.getMethod(), uri.getRequestUri().getRawPath());
    }

    /** ... and the same methods in {@code Allow} of an answer to OPTIONS ({@link AllowedMethods#onOptions}). */
    @org.jboss.resteasy.reactive.server.ServerResponseFilter
    public void allowOnOptions(jakarta.ws.rs.container.ContainerRequestContext request,
            jakarta.ws.rs.container.ContainerResponseContext response) {
        AllowedMethods.ofService().onOptions(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                response.getHeaders());
    }
}
