package newsfeed.dedup.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.api.QueryParameters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any route runs, a request that gives a query parameter more than once or one its route does not
 * take ({@link QueryParameters}, the rules of every service): 400 naming it. {@code /api/fingerprints?text=a&text=b}
 * answered for one of them; a misspelt {@code ?txt=} is named as such, not answered as if no text had been sent.
 */
public class QueryParameterCheck {

    /** @return the refusal, or null to let the request through */
    @ServerRequestFilter
    public Response check(UriInfo uri, HttpServerRequest request, ResourceInfo resource) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String unknown = QueryParameters.unknown(query.keySet(), resource.getResourceMethod());
        if (unknown != null) {
            return refusal(unknown, QueryParameters.unknownProblem(unknown, resource.getResourceMethod(),
                    request.query()));
        }
        String repeated = QueryParameters.repeated(query);
        if (repeated != null) {
            return refusal(repeated, QueryParameters.repeatedProblem(query.get(repeated).size()));
        }
        return null;
    }

    private static Response refusal(String parameter, String problem) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("invalid parameter " + parameter, List.of(parameter + " " + problem)))
                .build();
    }
}
