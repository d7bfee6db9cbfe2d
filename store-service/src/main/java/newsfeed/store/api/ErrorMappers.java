package newsfeed.store.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import newsfeed.contracts.api.AllowedMethods;
import newsfeed.contracts.api.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps API failures to JSON {@link ApiError} responses. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new ApiError("invalid parameter " + e.parameter(), List.of(e.getMessage())))
                // JSON whatever the route produces: the Atom feed and the event stream otherwise wrote toString().
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("not found", List.of(String.valueOf(e.getMessage()))))
                .type(MediaType.APPLICATION_JSON).build();
    }

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
