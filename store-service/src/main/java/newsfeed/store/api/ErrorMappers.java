package newsfeed.store.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
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
}
