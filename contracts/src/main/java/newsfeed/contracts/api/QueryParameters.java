package newsfeed.contracts.api;

import java.util.List;
import java.util.Map;

/**
 * The rule of every service's API for query parameters: each takes one value. JAX-RS hands a resource the first of
 * several, so {@code ?tag=a&tag=b} would be answered as if {@code b} had not been sent; a repeated parameter is
 * refused instead (400, naming it).
 */
public final class QueryParameters {

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
}
