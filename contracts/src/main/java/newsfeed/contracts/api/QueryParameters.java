package newsfeed.contracts.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of every service's API for query parameters, which each service's request filter applies before a route
 * runs (400, naming the parameter):
 * <ul>
 *   <li>each takes one value. JAX-RS hands a resource the first of several, so {@code ?tag=a&tag=b} would be answered
 *       as if {@code b} had not been sent;</li>
 *   <li>a route takes only the parameters its resource method names ({@link QueryParam}). A client that named the
 *       store's cursor {@code cursor} instead of {@code after} got the first page again and again, and
 *       {@code /api/imports/text?sorce=wire} imported the dump under the default source (trials). A method that reads
 *       the query itself (it takes a {@link UriInfo}, as a WebSub callback does) takes any.</li>
 * </ul>
 */
public final class QueryParameters {

    /** The query parameters each resource method takes, read once from its annotations rather than per request. */
    private static final Map<Method, Set<String>> TAKEN = new ConcurrentHashMap<>();
    /** What {@link #TAKEN} holds for a method that reads the query itself: told apart by identity. */
    private static final Set<String> ANY = Collections.unmodifiableSet(new TreeSet<>());

    private QueryParameters() {
    }

    /** @return the first parameter of {@code query} given more than once, or null when there is none */
    public static String repeated(Map<String, ? extends List<String>> query) {
        for (Map.Entry<String, ? extends List<String>> parameter : query.entrySet()) {
            if (parameter.getValue().size() > 1) {
                return parameter.getKey();
            }
        }
        return null;
    }

    /** @return why a parameter given {@code times} times is refused, to follow its name */
    public static String repeatedProblem(int times) {
        return "is given " + times + " times; every parameter takes one value";
    }

    /**
     * @param given  the names of the query's parameters
     * @param method the resource method the request was routed to; null when none (then nothing is refused here:
     *               the route's own 404 or 405 follows)
     * @return the first of {@code given} that {@code method} does not take, or null when it takes them all
     */
    public static String unknown(Collection<String> given, Method method) {
        if (method == null || given.isEmpty()) {
            return null;
        }
        Set<String> taken = taken(method);
        if (taken == null) {
            return null;
        }
        for (String name : given) {
            if (!taken.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /**
     * @param name     the parameter refused, as {@link #unknown} names it
     * @param method   the resource method that does not take it
     * @param rawQuery the query as sent, to tell whether a {@code ;} split it (Netty's {@code QueryStringDecoder}
     *                 splits a query at {@code ;} as at {@code &}), or a value without a name made {@code name}, or
     *                 null
     * @return why, to follow the parameter's name: the parameters the route takes, and a hint when a {@code ;} split
     *     the query or {@code name} is a value sent without a name ({@code ?=5}, which the decoder names 5)
     */
    public static String unknownProblem(String name, Method method, String rawQuery) {
        Set<String> taken = taken(method);
        String semicolon = rawQuery != null && rawQuery.indexOf(';') >= 0 ? "; a ';' in a query separates "
                + "parameters, as '&' does: send one inside a value as %3B" : "";
        String nameless = isNamelessValue(name, rawQuery) ? "; it was sent as a value without a name (=" + name
                + "), which is read as a parameter named by the value: give it its name" : "";
        return "is not a parameter of this route, which takes "
                + (taken == null || taken.isEmpty() ? "none" : String.join(", ", taken)) + semicolon + nameless;
    }

    /** Whether {@code rawQuery} has a pair {@code =<name>}, without a name before its {@code =}. */
    private static boolean isNamelessValue(String name, String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("[&;]")) {
            if (pair.startsWith("=") && pair.indexOf('=', 1) < 0) {
                try {
                    if (URLDecoder.decode(pair.substring(1), StandardCharsets.UTF_8).equals(name)) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // not decodable: the encoding check answers it
                }
            }
        }
        return false;
    }

    /** The names of {@code method}'s {@link QueryParam} parameters; null when it reads the query itself. */
    private static Set<String> taken(Method method) {
        Set<String> taken = TAKEN.computeIfAbsent(method, QueryParameters::read);
        return taken == ANY ? null : taken;
    }

    private static Set<String> read(Method method) {
        Set<String> taken = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            if (UriInfo.class.isAssignableFrom(parameter.getType())) {
                return ANY;
            }
            QueryParam name = parameter.getAnnotation(QueryParam.class);
            if (name != null) {
                taken.add(name.value());
            }
        }
        return Collections.unmodifiableSet(taken);
    }
}
