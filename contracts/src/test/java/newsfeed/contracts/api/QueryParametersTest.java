package newsfeed.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query parameter rules every service's request filter applies. */
class QueryParametersTest {

    @SuppressWarnings("unused")
    static final class Routes {
        void importDump(@QueryParam("source") String source, String body) {
        }

        void list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        }

        void none() {
        }

        void callback(String id, UriInfo uri) {
        }
    }

    private static Method route(String name) {
        for (Method method : Routes.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void aParameterTheMethodDoesNotTakeIsNamedWithThoseItTakes() {
        assertThat(QueryParameters.unknown(List.of("source"), route("importDump"))).isNull();
        assertThat(QueryParameters.unknown(List.of("source", "sorce"), route("importDump"))).isEqualTo("sorce");
        assertThat(QueryParameters.unknownProblem("sorce", route("importDump"), "source=a&sorce=b"))
                .isEqualTo("is not a parameter of this route, which takes source");
        assertThat(QueryParameters.unknown(List.of("after", "limit", "cursor"), route("list"))).isEqualTo("cursor");
        assertThat(QueryParameters.unknownProblem("cursor", route("list"), "cursor=x;limit=2"))
                .isEqualTo("is not a parameter of this route, which takes after, limit; a ';' in a query separates "
                        + "parameters, as '&' does: send one inside a value as %3B");
        assertThat(QueryParameters.unknown(List.of("x"), route("none"))).isEqualTo("x");
        assertThat(QueryParameters.unknownProblem("x", route("none"), null))
                .isEqualTo("is not a parameter of this route, which takes none");
        assertThat(QueryParameters.unknown(List.of(), route("none"))).isNull();
        // a helper's trial: ?=5 was told that 5 is not a parameter
        assertThat(QueryParameters.unknownProblem("5", route("list"), "limit=2&=5"))
                .isEqualTo("is not a parameter of this route, which takes after, limit; it was sent as a value without"
                        + " a name (=5), which is read as a parameter named by the value: give it its name");
        assertThat(QueryParameters.unknownProblem("a b", route("list"), "=a+b")).contains("(=a b)");
        // a review: the hint was given to another parameter refused beside a nameless value
        assertThat(QueryParameters.unknownProblem("aaa", route("list"), "aaa=1&=zzz")).doesNotContain("without a name");
        assertThat(QueryParameters.unknownProblem("a", route("list"), "limit=2&a==5")).doesNotContain("without a name");
    }

    @Test
    void aMethodThatReadsTheQueryItselfAndARequestWithoutRouteTakeAny() {
        assertThat(QueryParameters.unknown(List.of("hub.mode", "hub.challenge"), route("callback"))).isNull();
        assertThat(QueryParameters.unknown(List.of("anything"), null)).isNull();
    }

    @Test
    void aRepeatedParameterIsNamed() {
        assertThat(QueryParameters.repeated(Map.of("tag", List.of("a", "b")))).isEqualTo("tag");
        assertThat(QueryParameters.repeated(Map.of("tag", List.of("a")))).isNull();
        assertThat(QueryParameters.repeatedProblem(2)).isEqualTo("is given 2 times; every parameter takes one value");
    }
}
