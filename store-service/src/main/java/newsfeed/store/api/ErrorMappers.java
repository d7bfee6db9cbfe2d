package newsfeed.store.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import newsfeed.contracts.api.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps API failures to JSON {@link ApiError} responses. */
public class ErrorMappers {

    /** The methods of every route of the read API: GET, and HEAD and OPTIONS, which the framework adds to it. */
    private static final List<String> READ_METHODS = List.of("GET", "HEAD", "OPTIONS");

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
     * The framework's own refusals, which it answers with no body: a method the route does not have (405), an
     * {@code Accept} it cannot produce (406), and the like. Each is an {@link ApiError} naming the request; a 405
     * carries {@code Allow} (RFC 9110 §15.5.6 requires it): every route of the read API answers GET, and HEAD and
     * OPTIONS as the framework adds them to every GET route.
     */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e, Request request, UriInfo uri) {
        Response given = e.getResponse();
        if (given.hasEntity()) {
            return given;
        }
        Response.StatusType status = given.getStatusInfo();
        String endpoint = request.getMethod() + " " + uri.getPath();
        String detail = endpoint + ": " + (status.getStatusCode() == 405
                ? "the read API answers " + String.join(", ", READ_METHODS.subList(0, READ_METHODS.size() - 1))
                        + " and " + READ_METHODS.get(READ_METHODS.size() - 1) : status.getReasonPhrase());
        Response.ResponseBuilder answer = Response.fromResponse(given)
                .entity(new ApiError(status.getReasonPhrase().toLowerCase(Locale.ROOT), List.of(detail)))
                .type(MediaType.APPLICATION_JSON);
        if (status.getStatusCode() == 405) {
            answer.header(HttpHeaders.ALLOW, String.join(", ", READ_METHODS));
        }
        return answer.build();
    }
}
