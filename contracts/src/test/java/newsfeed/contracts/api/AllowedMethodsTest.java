package newsfeed.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The methods a route answers, read from JAX-RS annotations, for a 405's {@code Allow} (RFC 9110 §15.5.6). */
class AllowedMethodsTest {

    @Path("/api/feeds")
    static class Feeds {
        @GET
        public String list() {
            return "";
        }

        @POST
        public void subscribe() {
        }

        @POST
        @Path("opml")
        public void opml() {
        }

        @GET
        @Path("{id}")
        public String one() {
            return "";
        }

        @DELETE
        @Path("/{id}/")
        public void delete() {
        }

        /** A sub-resource locator: no HTTP method, so no route of its own here. */
        @Path("locator")
        public Object locator() {
            return null;
        }
    }

    @Path("api/fingerprints")
    static class Fingerprints {
        @GET
        public String get() {
            return "";
        }

        @GET
        @Path("claims/{kind: [a-z]{2,10}}/{high}/{low}")
        public String claims() {
            return "";
        }
    }

    @Path("/api/posts/{id}")
    static class Posts {
        @PUT
        public void put() {
        }
    }

    /** At the root, with routes below it, as the store's feeds and dashboard are. */
    @Path("/")
    static class Root {
        @GET
        @Path("feed.atom")
        public String atom() {
            return "";
        }

        @GET
        public String index() {
            return "";
        }
    }

    /** No @Path: not a resource. */
    static class NotAResource {
        @GET
        public String get() {
            return "";
        }
    }

    private final AllowedMethods routes = AllowedMethods.of(List.of(Feeds.class, Fingerprints.class, Posts.class,
            Root.class, NotAResource.class));

    @Test
    void eachRouteAnswersItsOwnMethodsWithHeadBesideGetAndOptionsEverywhere() {
        assertThat(routes.at("/api/feeds")).containsExactly("GET", "HEAD", "OPTIONS", "POST");
        assertThat(routes.at("/api/feeds/")).as("a trailing slash").containsExactly("GET", "HEAD", "OPTIONS", "POST");
        assertThat(routes.at("api/feeds")).as("without the leading slash")
                .containsExactly("GET", "HEAD", "OPTIONS", "POST");
        // opml matches the literal route and the {id} template: both answer there
        assertThat(routes.at("/api/feeds/opml")).containsExactly("DELETE", "GET", "HEAD", "OPTIONS", "POST");
        assertThat(routes.at("/api/feeds/a1b2")).containsExactly("DELETE", "GET", "HEAD", "OPTIONS");
        assertThat(routes.at("/api/fingerprints")).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(routes.at("/api/posts/x:1")).as("no GET, so no HEAD").containsExactly("OPTIONS", "PUT");
    }

    @Test
    void anAnswerToOptionsNamesTheRoutesOwnMethodsAndOtherAnswersAreLeftAlone() {
        jakarta.ws.rs.core.MultivaluedMap<String, Object> options = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        options.putSingle("Allow", "HEAD, POST, OPTIONS, DELETE");
        routes.onOptions("OPTIONS", "/api/feeds", options);
        assertThat(options.get("Allow")).containsExactly("GET, HEAD, OPTIONS, POST");

        jakarta.ws.rs.core.MultivaluedMap<String, Object> nowhere = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        nowhere.putSingle("Allow", "GET, OPTIONS");
        routes.onOptions("OPTIONS", "/no/such/route", nowhere);
        assertThat(nowhere.get("Allow")).as("no route: the framework's answer").containsExactly("GET, OPTIONS");

        jakarta.ws.rs.core.MultivaluedMap<String, Object> get = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        routes.onOptions("GET", "/api/feeds", get);
        assertThat(get).as("not OPTIONS: no Allow added").isEmpty();
    }

    @Test
    void parametersMatchOneSegmentOrTheirOwnPatternAndEncodedSlashesStayInTheirSegment() {
        assertThat(routes.at("/api/posts/example-org:https%3A%2F%2Fexample.org%2Fstory"))
                .containsExactly("OPTIONS", "PUT");
        assertThat(routes.at("/api/posts/a/b")).as("a decoded / is another segment").isEmpty();
        assertThat(routes.at("/api/fingerprints/claims/exact/1/2")).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(routes.at("/api/fingerprints/claims/EXACT/1/2")).as("outside the parameter's pattern").isEmpty();
        assertThat(routes.at("/api/feeds/a/b")).isEmpty();
        assertThat(routes.at("/api/feeds/locator")).as("the locator is no route; {id} matches it")
                .containsExactly("DELETE", "GET", "HEAD", "OPTIONS");
        assertThat(routes.at("/elsewhere")).isEmpty();
    }

    @Test
    void aClassAtTheRootServesItsRoutesBelowIt() {
        // a helper's trial: the store's POST /feed.atom got an empty Allow, the route joined as //feed.atom
        assertThat(routes.at("/feed.atom")).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(routes.at("/")).containsExactly("GET", "HEAD", "OPTIONS");
    }

    @Test
    void escapesAreDecodedAsTheFrameworkRoutesButAnEncodedSlash() {
        // a helper's trial: DELETE /api/p%6Fsts had an empty Allow while GET /api/p%6Fsts answered as /api/posts
        assertThat(routes.at("/api/f%65eds")).containsExactly("GET", "HEAD", "OPTIONS", "POST");
        assertThat(routes.at("/api/feeds/%6Fpml")).containsExactly("DELETE", "GET", "HEAD", "OPTIONS", "POST");
        assertThat(routes.at("/api/posts/a%2fb")).containsExactly("OPTIONS", "PUT");
        assertThat(routes.at("/api/posts/%D0%BF%D1%80%D0%B8+1")).containsExactly("OPTIONS", "PUT");
        assertThat(routes.at("/api/posts/100%")).as("a malformed escape, as sent").containsExactly("OPTIONS", "PUT");
    }

    @Test
    void anUnclosedParameterIsRefusedNamingTheTemplate() {
        @Path("/api/{id")
        class Broken {
            @GET
            public String get() {
                return "";
            }
        }
        assertThatThrownBy(() -> AllowedMethods.of(List.of(Broken.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/api/{id");
    }
}
