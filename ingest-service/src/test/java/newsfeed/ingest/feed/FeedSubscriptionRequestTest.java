package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import newsfeed.ingest.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class FeedSubscriptionRequestTest {

    private static FeedSubscriptionRequest read(String json) {
        return FeedSubscriptionRequest.read(json.getBytes(StandardCharsets.UTF_8), 10, 86_400);
    }

    private static InvalidRequestException rejected(String json) {
        try {
            read(json);
        } catch (InvalidRequestException e) {
            return e;
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void aValidRequest() {
        assertThat(read("{\"url\":\" https://feeds.example/rss?x=1 \",\"intervalSeconds\":300,\"source\":\"wire\"}"))
                .isEqualTo(new FeedSubscriptionRequest("https://feeds.example/rss?x=1", 300, "wire"));
    }

    /**
     * A field the request does not take is refused, named with the field meant. Found by a trial: a misspelt
     * {@code titel} or {@code item_id_scope} subscribed without the title or scope asked for, and said nothing.
     */
    @Test
    void aFieldTheRequestDoesNotTakeIsRefusedWithTheFieldMeant() {
        InvalidRequestException e = rejected("{\"url\":\"https://feeds.example/rss\",\"intervalSeconds\":300,"
                + "\"titel\":\"Bay Herald\",\"item_id_scope\":\"feed\",\"Source\":\"wire\"}");
        assertThat(e.error().error()).isEqualTo("invalid subscription");
        assertThat(e.error().details()).containsExactly(
                "titel: not a field of a subscription",
                "item_id_scope: not a field of a subscription; did you mean itemIdScope?",
                "Source: not a field of a subscription; did you mean source?");
    }

    /**
     * The fragment is never sent to the server (RFC 9110 §7.1), so a URL with one is the same feed as without it.
     * Found by a trial: {@code …/rss#a} made a second subscription of {@code …/rss}, polled twice.
     */
    @Test
    void theUrlIsSubscribedWithoutItsFragment() {
        assertThat(read("{\"url\":\" https://feeds.example/rss?x=1#top \",\"intervalSeconds\":300}").url())
                .isEqualTo("https://feeds.example/rss?x=1");
        assertThat(read("{\"url\":\"https://feeds.example/rss#\",\"intervalSeconds\":300}").url())
                .isEqualTo("https://feeds.example/rss");
        assertThat(FeedSubscription.idOf(read("{\"url\":\"https://feeds.example/rss#a\",\"intervalSeconds\":300}")
                .url())).isEqualTo(FeedSubscription.idOf("https://feeds.example/rss"));
    }

    @Test
    void titleAndCategoryAreOptionalAndTheCategoryIsANormalizedPath() {
        assertThat(read("{\"url\":\"https://feeds.example/rss\",\"intervalSeconds\":60,\"title\":\"  Bay Herald \","
                + "\"category\":\"/News/ World/\"}")).isEqualTo(new FeedSubscriptionRequest(
                        "https://feeds.example/rss", 60, null, "Bay Herald", "News/World"));
        assertThat(read("{\"url\":\"https://feeds.example/rss\",\"intervalSeconds\":60,\"title\":\" \","
                + "\"category\":\"/\"}")).isEqualTo(new FeedSubscriptionRequest("https://feeds.example/rss", 60,
                        null, null, null));
        assertThat(rejected("{\"url\":\"https://feeds.example/rss\",\"intervalSeconds\":60,\"title\":7,"
                + "\"category\":\"" + "x".repeat(501) + "\"}").error().details()).containsExactly(
                        "title must be a string, got NUMBER", "category has 501 characters, more than 500");
    }

    @Test
    void theSourceDefaultsToTheHost() {
        FeedSubscriptionRequest request = read("{\"url\":\"https://www.Kestrel-Bay.example:8443/rss\","
                + "\"intervalSeconds\":10}");
        assertThat(request.source()).isNull();
        assertThat(request.sourceOrDefault()).isEqualTo("kestrel-bay-example");
        assertThat(FeedSubscriptionRequest.sourceFromHost(URI.create("http://127.0.0.1:8080/f"))).isEqualTo("127-0-0-1");
        // a trial: [::1] was the slug "1"
        assertThat(FeedSubscriptionRequest.sourceFromHost(URI.create("http://[::1]:8080/f"))).isEqualTo("ipv6-1");
        assertThat(FeedSubscriptionRequest.sourceFromHost(URI.create("http://[2001:DB8::a1]/f")))
                .isEqualTo("ipv6-2001-db8-a1");
        // a review: the zone id's %25 made "ipv6-fe80-1-25eth0"
        assertThat(FeedSubscriptionRequest.sourceFromHost(URI.create("http://[fe80::1%25eth0]:1/rss")))
                .isEqualTo("ipv6-fe80-1");
        assertThat(FeedSubscriptionRequest.sourceFromHost(URI.create("https://" + "a".repeat(70) + ".example/")))
                .hasSize(64);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        InvalidRequestException e = rejected("{\"url\":\"ftp://feeds.example/rss\",\"intervalSeconds\":5,"
                + "\"source\":\"Not A Slug\"}");
        assertThat(e.error().error()).isEqualTo("invalid subscription");
        assertThat(e.error().details()).containsExactly(
                "url must be an absolute http or https URL with a host, got \"ftp://feeds.example/rss\"",
                "intervalSeconds must be from 10 to 86400, got 5",
                "source must be a slug matching [a-z0-9][a-z0-9_-]{0,63}, got \"Not A Slug\"");
    }

    @Test
    void missingAndMistypedFields() {
        assertThat(rejected("{}").error().details()).containsExactly("url is required", "intervalSeconds is required");
        assertThat(rejected("{\"url\":42,\"intervalSeconds\":\"60\",\"source\":1}").error().details())
                .containsExactly("url must be a string, got NUMBER",
                        "intervalSeconds must be a whole number of seconds, got \"60\"",
                        "source must be a string, got NUMBER");
        assertThat(rejected("{\"url\":\"/relative/rss\",\"intervalSeconds\":86401}").error().details())
                .containsExactly("url must be an absolute http or https URL with a host, got \"/relative/rss\"",
                        "intervalSeconds must be from 10 to 86400, got 86401");
        assertThat(rejected("{\"url\":\"https://x.example/a b\",\"intervalSeconds\":60.5}").error().details())
                .containsExactly("url must be an absolute http or https URL, got \"https://x.example/a b\" (Illegal "
                        + "character in path at index 19)", "intervalSeconds must be a whole number of seconds, got 60.5");
    }

    /**
     * Found by a new-user trial: a URL with {@code user:password@} was subscribed, then every poll failed as "invalid
     * HTTP answer" (the client refuses to send user information), and the password showed in the open listing.
     */
    @Test
    void aUrlWithUserInformationIsRefusedWithoutRepeatingIt() {
        assertThat(rejected("{\"url\":\"http://user:pw@feeds.example/x.xml\",\"intervalSeconds\":60}").error()
                .details()).containsExactly("url must not carry a user name or password before its host (RFC 3986 "
                        + "§3.2.1: the fetcher never sends them, and subscriptions are listed openly), got "
                        + "\"http://***@feeds.example/x.xml\"");
        assertThat(FeedSubscriptionRequest.urlProblem("xmlUrl", "https://anonymous@feeds.example/x.xml"))
                .doesNotContain("anonymous");
        assertThat(FeedSubscriptionRequest.urlProblem("xmlUrl", "https://feeds.example/x.xml?at=a@b")).isNull();
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        InvalidRequestException e = rejected("{\"url\":\n}");
        assertThat(e.error().error()).isEqualTo("invalid JSON");
        assertThat(e.error().details().get(0)).endsWith("at line 2, column 1");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("invalid subscription: expected a JSON object, got ARRAY");
    }

    @Test
    void theIdDependsOnTheUrlOnlyUpToTheCaseOfSchemeAndHost() {
        assertThat(FeedSubscription.idOf("HTTPS://Feeds.Example/rss")).isEqualTo(
                FeedSubscription.idOf("https://feeds.example/rss")).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(FeedSubscription.idOf("https://feeds.example/RSS"))
                .isNotEqualTo(FeedSubscription.idOf("https://feeds.example/rss"));
    }
}
