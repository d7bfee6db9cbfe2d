package newsfeed.dedup.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.api.QueryParameters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request that gives a query parameter more than once ({@link QueryParameters}, the rule of every
 * service): 400 naming it, before any route runs. {@code /api/fingerprints?text=a&text=b} answered for one of them.
 */
public class QueryParameterCheck {

    /** @return the refusal, or null to let the request through */
    @ServerRequestFilter
    public Response check(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String repeated = QueryParameters.repeated(query);
        if (repeated == null) {
            return null;
        }
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("invalid parameter " + repeated,
                        List.of(repeated + " " + QueryParameters.repeatedProblem(query.get(repeated).size()))))
                .build();
    }
}
