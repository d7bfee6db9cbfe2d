package newsfeed.ingest.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard end to end, with allow-private false, against real servers on loopback only: {@code one} on 127.0.0.1,
 * {@code two} on 127.0.0.2, {@code six} on ::1 (where IPv6 loopback exists), each serving a feed that an unguarded
 * client would fetch, and {@code gate} on 127.0.0.3, the one network this policy allows, that redirects. Every other
 * spelling of loopback is refused before a connection is made: the servers never see a request.
 */
class GuardedHttpClientTest {

    private LoopbackServer one;
    private LoopbackServer two;
    private LoopbackServer six;
    private LoopbackServer gate;
    private GuardedHttpClient client;

    @BeforeEach
    void start() throws IOException {
        one = new LoopbackServer("127.0.0.1");
        two = new LoopbackServer("127.0.0.2");
        six = LoopbackServer.onIpv6OrNull();
        gate = new LoopbackServer("127.0.0.3");
        client = new GuardedHttpClient(new AddressPolicy(false, List.of("127.0.0.3/32")), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 5, 4, "test");
    }

    @AfterEach
    void stop() {
        client.close();
        for (LoopbackServer server : new LoopbackServer[] {one, two, six, gate}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Loopback spelled every way a URL can, each pointing at a server that would answer with a feed. */
    private List<String> loopbackSpellings() {
        List<String> urls = new ArrayList<>(List.of(
                "http://127.0.0.1:" + one.port() + "/feed.xml",
                "http://127.0.0.2:" + two.port() + "/feed.xml",
                "http://localhost:" + one.port() + "/feed.xml",
                "http://0.0.0.0:" + one.port() + "/feed.xml",
                "http://[::ffff:127.0.0.1]:" + one.port() + "/feed.xml",
                "http://[::ffff:7f00:2]:" + two.port() + "/feed.xml"));
        urls.add("http://[::1]:" + (six != null ? six.port() : one.port()) + "/feed.xml");
        return urls;
    }

    private List<String> requestsSeenByTheTargets() {
        List<String> seen = new ArrayList<>(one.requests);
        seen.addAll(two.requests);
        if (six != null) {
            seen.addAll(six.requests);
        }
        return seen;
    }

    private static FetchException failure(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(FetchException.class);
        return (FetchException) thrown;
    }

    @Test
    void theAllowedServerIsFetchedWithItsHeaders() throws IOException {
        GuardedHttpClient.Response response = client.get(URI.create(gate.url("/feed.xml")),
                Map.of("Accept", "application/rss+xml"), 64 * 1024);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(LoopbackServer.FEED);
        assertThat(response.header("content-type")).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(response.redirects()).isZero();
        assertThat(gate.requests).containsExactly("/feed.xml");
    }

    @Test
    void everySpellingOfLoopbackIsRefusedWithoutConnecting() {
        for (String url : loopbackSpellings()) {
            FetchException e = failure(() -> client.get(URI.create(url), Map.of(), 1024));

            assertThat(e.reason()).as(url).isEqualTo(FetchException.Reason.ADDRESS_NOT_ALLOWED);
            assertThat(e.getMessage()).as(url).startsWith("address not allowed: ").containsPattern(
                    "(loopback|this network)");
            assertThat(e.redirects()).isZero();
        }
        assertThat(failure(() -> client.get(URI.create("http://127.0.0.2:" + two.port() + "/feed.xml"), Map.of(),
                1024))).hasMessage("address not allowed: 127.0.0.2 is in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3)");
        // java.net.URI finds no host in the short form 127.1 (its last label is not a top label), which InetAddress
        // would read as 127.0.0.1: refused for that
        FetchException shortForm = failure(() -> client.get(URI.create("http://127.1:" + one.port() + "/feed.xml"),
                Map.of(), 1024));
        assertThat(shortForm.reason()).isEqualTo(FetchException.Reason.SCHEME_NOT_ALLOWED);
        assertThat(shortForm).hasMessage("the URL has no host");
        assertThat(requestsSeenByTheTargets()).as("no request reached a refused address").isEmpty();
    }

    @Test
    void aRedirectFromTheAllowedServerToAnySpellingOfLoopbackIsRefused() {
        for (String target : loopbackSpellings()) {
            FetchException e = failure(() -> client.get(URI.create(gate.redirectTo(target)), Map.of(), 1024));

            assertThat(e.reason()).as(target).isEqualTo(FetchException.Reason.ADDRESS_NOT_ALLOWED);
            assertThat(e.redirects()).as(target).isEqualTo(1);
            assertThat(e.getMessage()).as(target).startsWith("address not allowed: ").endsWith("(after 1 redirect)");
        }
        assertThat(gate.requests).as("the allowed hop was fetched each time").hasSize(loopbackSpellings().size());
        assertThat(requestsSeenByTheTargets()).as("no redirect reached a refused address").isEmpty();
    }

    @Test
    void redirectsWithinAllowedAddressesAreFollowedAndCounted() throws IOException {
        String twice = gate.redirectTo(gate.redirectTo(gate.url("/feed.xml")));

        GuardedHttpClient.Response response = client.get(URI.create(twice), Map.of(), 64 * 1024);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(LoopbackServer.FEED);
        assertThat(response.uri()).isEqualTo(URI.create(gate.url("/feed.xml")));
        assertThat(response.redirects()).isEqualTo(2);
        assertThat(gate.requests).hasSize(3).endsWith("/feed.xml");
    }

    @Test
    void aLocationWithASpaceIsFollowedAsBrowsersFollowIt() throws IOException {
        // a helper's trial: "has an invalid Location", the poll failed; browsers and curl encode the space
        GuardedHttpClient.Response response = client.get(URI.create(gate.redirectTo("/feed.xml?x=a b")), Map.of(),
                64 * 1024);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.uri()).isEqualTo(URI.create(gate.url("/feed.xml?x=a%20b")));
    }

    @Test
    void aRedirectOfAQueryAloneKeepsThePath() throws IOException {
        // Location is resolved by RFC 3986 §5.2 (RFC 9110 §10.2.2): "?to=…" on /redirect is /redirect?to=…, where
        // URI.resolve (RFC 2396) asked for /?to=…, a 404
        String query = "?to=" + URLEncoder.encode("/feed.xml", StandardCharsets.UTF_8);

        GuardedHttpClient.Response response = client.get(URI.create(gate.redirectTo(query)), Map.of(), 64 * 1024);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.uri()).isEqualTo(URI.create(gate.url("/feed.xml")));
        assertThat(gate.requests).hasSize(3).element(1).isEqualTo("/redirect" + query);

        // and its dot segments are removed (RFC 3986 §5.2.4): URI.resolve kept /x/../feed.xml, a 404 here
        GuardedHttpClient.Response dots = client.get(URI.create(gate.redirectTo("/x/../feed.xml")), Map.of(),
                64 * 1024);
        assertThat(dots.status()).isEqualTo(200);
        assertThat(dots.uri()).isEqualTo(URI.create(gate.url("/feed.xml")));
    }

    @Test
    void moreThanFiveRedirectsAreRefused() {
        FetchException e = failure(() -> client.get(URI.create(gate.url("/chain?n=0")), Map.of(), 1024));

        assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS);
        assertThat(e).hasMessage("too many redirects (after 5 redirects)");
        assertThat(gate.requests).hasSize(6).endsWith("/chain?n=5");
    }

    @Test
    void aRedirectBackToAnAddressAlreadyAskedIsFollowedAndALoopNamedAtTheLimit() throws IOException {
        // an empty Location and a fragment alone name the address itself (RFC 3986 §5.2.2); a server may answer
        // otherwise the second time (a helper's review), so such a redirect is followed, as browsers follow it
        GuardedHttpClient.Response warmed = client.get(URI.create(gate.url("/warming")), Map.of(), 64 * 1024);
        assertThat(warmed.status()).isEqualTo(200);
        assertThat(warmed.redirects()).isEqualTo(1);
        assertThat(gate.requests).containsExactly("/warming", "/warming");

        for (String location : List.of("", "#top", "/loop")) {
            gate.requests.clear();
            String url = location.equals("/loop") ? gate.url("/loop") : gate.redirectTo(location);

            FetchException e = failure(() -> client.get(URI.create(url), Map.of(), 1024));

            assertThat(e.reason()).as(location).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS);
            assertThat(e).as(location).hasMessage("too many redirects, in a loop back to an address already asked "
                    + "(after 5 redirects)");
            assertThat(gate.requests).as(location).hasSize(6);
        }
        gate.requests.clear();
        FetchException two = failure(() -> client.get(URI.create(gate.url("/ping")), Map.of(), 1024));
        assertThat(two).hasMessage("too many redirects, in a loop back to an address already asked (after 5 "
                + "redirects)");
        assertThat(gate.requests).containsExactly("/ping", "/pong", "/ping", "/pong", "/ping", "/pong");
    }

    @Test
    void onlyHttpAndHttpsAreFetchedAtEveryHop() {
        FetchException first = failure(() -> client.get(URI.create("ftp://127.0.0.3/feed.xml"), Map.of(), 1024));
        assertThat(first.reason()).isEqualTo(FetchException.Reason.SCHEME_NOT_ALLOWED);
        assertThat(first).hasMessage("only http and https URLs are fetched, not ftp");

        FetchException hop = failure(() -> client.get(URI.create(gate.redirectTo("file:///etc/passwd")), Map.of(),
                1024));
        assertThat(hop.reason()).isEqualTo(FetchException.Reason.SCHEME_NOT_ALLOWED);
        assertThat(hop).hasMessage("only http and https URLs are fetched, not file (after 1 redirect)");
    }

    @Test
    void failuresAreWordedWithoutTheAddressesInvolved() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
            closed = socket.getLocalPort();
        }
        FetchException refused = failure(() -> client.get(URI.create("http://127.0.0.3:" + closed + "/feed.xml"),
                Map.of(), 1024));
        assertThat(refused.reason()).isEqualTo(FetchException.Reason.CONNECTION_FAILED);
        assertThat(refused).hasMessage("cannot connect: connection refused");

        FetchException large = failure(() -> client.get(URI.create(gate.url("/feed.xml")), Map.of(), 10));
        assertThat(large.reason()).isEqualTo(FetchException.Reason.TOO_LARGE);
        assertThat(large).hasMessage("the document is larger than 10 bytes");
    }

    @Test
    void withAllowPrivateEveryLoopbackSpellingIsFetched() throws IOException {
        try (GuardedHttpClient open = new GuardedHttpClient(new AddressPolicy(true, List.of()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 5, 4, "test")) {
            for (String url : List.of("http://127.0.0.2:" + two.port() + "/feed.xml",
                    "http://localhost:" + one.port() + "/feed.xml", gate.redirectTo("http://127.0.0.1:" + one.port()
                            + "/feed.xml"))) {
                assertThat(open.get(URI.create(url), Map.of(), 64 * 1024).body()).as(url)
                        .isEqualTo(LoopbackServer.FEED);
            }
        }
        assertThat(two.requests).containsExactly("/feed.xml");
        assertThat(one.requests).containsExactly("/feed.xml", "/feed.xml");
    }
}
