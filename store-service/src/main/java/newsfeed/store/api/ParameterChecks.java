package newsfeed.store.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.api.QueryParameters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jdom2.Verifier;

/**
 * Checks every request's parameters before a resource runs, refusing (400, naming the parameter):
 * <ul>
 *   <li>a query parameter's name or value whose percent-escapes are not UTF-8 (RFC 3986 §2.5, {@link PercentDecoder}):
 *       the framework reads them as U+FFFD, and {@code ?source=%C3%28} answered an empty page (a trial). The raw
 *       query is split where the framework splits it, at {@code &} and at {@code ;} (Netty's
 *       {@code QueryStringDecoder}), so that the error names the parameter the resource would have read;</li>
 *   <li>a query or path parameter holding a character no text can hold: one outside XML 1.0's {@code Char}
 *       production (W3C XML 1.0 §2.2: the C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; an
 *       unpaired surrogate), checked by JDOM's {@link Verifier}. PostgreSQL refuses U+0000 in text, and the Atom
 *       feed would carry the rest into its id and title, where no XML parser reads it: each answered 500 before
 *       (Rome refused them), and no stored post can hold one (ingest removes them);</li>
 *   <li>a query parameter given more than once ({@link QueryParameters}, the rule of every service): every parameter
 *       of this API takes one value, and JAX-RS hands a resource the first, so {@code ?tag=a&tag=b} answered the
 *       posts of tag a as if b had been heard;</li>
 *   <li>a query parameter the route does not take ({@link QueryParameters#unknown}, the rule of every service):
 *       {@code ?story=semi:a;b} listed the story {@code semi:a}, the framework having split the query at the
 *       {@code ;}. The feeds ({@link FeedOutputResource}) are spared: feed readers and the links people share add
 *       parameters of their own ({@code utm_source}), and a feed that answers 400 is dropped.</li>
 * </ul>
 */
public class ParameterChecks {

    /**
     * @return why {@code value} cannot be a parameter, naming the character as {@code U+0000} and its position; null
     *         when it can
     */
    static String problem(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!Verifier.isXMLCharacter(c)) {
                return String.format("must not contain U+%04X (character %d): no text holds it", c, i + 1);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    @ServerRequestFilter
    public void check(UriInfo uri, HttpServerRequest request, ResourceInfo resource) {
        // the query as sent: UriInfo.getRequestUri() leaves it out of a path with matrix parameters (/api/posts;x?...)
        checkEncoding(request.query());
        check(uri.getPathParameters());
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        checkKnown(query.keySet(), resource.getResourceMethod(), request.query());
        String repeated = QueryParameters.repeated(query);
        if (repeated != null) {
            throw new BadParameterException(repeated, QueryParameters.repeatedProblem(query.get(repeated).size()));
        }
        check(query);
    }

    /**
     * @param given    the names of the query's parameters
     * @param method   the resource method the request was routed to (null when none)
     * @param rawQuery the query as sent, to tell whether a {@code ;} split it
     * @throws BadParameterException naming the first parameter the method does not take, and those it takes
     */
    private static void checkKnown(Set<String> given, Method method, String rawQuery) {
        if (method != null && method.getDeclaringClass() == FeedOutputResource.class) {
            return;
        }
        String unknown = QueryParameters.unknown(given, method);
        if (unknown != null) {
            throw new BadParameterException(unknown, QueryParameters.unknownProblem(unknown, method, rawQuery));
        }
    }

    /**
     * Decodes each name and value of the raw query strictly, for its errors only: the resources read the framework's.
     */
    private static void checkEncoding(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return;
        }
        for (String pair : rawQuery.split("[&;]")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = PercentDecoder.queryComponent(rawName, rawName);
            if (equals >= 0) {
                PercentDecoder.queryComponent(name, pair.substring(equals + 1));
            }
        }
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = problem(value);
                if (problem != null) {
                    throw new BadParameterException(parameter.getKey(), problem);
                }
            }
        }
    }
}
