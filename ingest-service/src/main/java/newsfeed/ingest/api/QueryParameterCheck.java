package newsfeed.ingest.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import newsfeed.contracts.api.QueryParameters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any route runs, a request that gives a query parameter more than once or one its route does not
 * take ({@link QueryParameters}, the rules of every service): 400 naming it. {@code /api/imports/text?source=a&source=b}
 * imported the dump as {@code a}; {@code /api/imports/telegram?sorce=wire} imported an export under its chat's name,
 * and {@code /api/dead-letters?stag=store} listed every stage's. A WebSub callback reads the hub's parameters itself.
 */
public class QueryParameterCheck {

    @ServerRequestFilter
    public void check(UriInfo uri, HttpServerRequest request, ResourceInfo resource) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String unknown = QueryParameters.unknown(query.keySet(), resource.getResourceMethod());
        if (unknown != null) {
            throw new InvalidRequestException("invalid parameter " + unknown, List.of(unknown + " "
                    + QueryParameters.unknownProblem(unknown, resource.getResourceMethod(), request.query())));
        }
        String repeated = QueryParameters.repeated(query);
        if (repeated != null) {
            throw new InvalidRequestException("invalid parameter " + repeated,
                    List.of(repeated + " " + QueryParameters.repeatedProblem(query.get(repeated).size())));
        }
    }
}
