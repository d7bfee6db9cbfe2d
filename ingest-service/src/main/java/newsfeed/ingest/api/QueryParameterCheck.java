package newsfeed.ingest.api;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import newsfeed.contracts.api.QueryParameters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request that gives a query parameter more than once ({@link QueryParameters}): 400 naming it, before any
 * route runs. {@code /api/imports/text?source=a&source=b} imported the dump as {@code a}.
 */
public class QueryParameterCheck {

    @ServerRequestFilter
    public void check(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String repeated = QueryParameters.repeated(query);
        if (repeated != null) {
            throw new InvalidRequestException("invalid parameter " + repeated,
                    List.of(repeated + " " + QueryParameters.repeatedProblem(query.get(repeated).size())));
        }
    }
}
