package newsfeed.testsupport;

/**
 * The API token of the tests: ingest-service's {@code %test} profile accepts it ({@code newsfeed.api.tokens}), and the
 * end-to-end tests give it to the services they start ({@code NEWSFEED_API_TOKENS}). Not a secret: it exists only in
 * test configurations.
 */
public final class TestApiToken {

    /** The token, also written literally in ingest-service's {@code %test.newsfeed.api.tokens}. */
    public static final String TOKEN = "newsfeed-test-token-not-a-secret";

    /** The value of the {@code Authorization} header that carries it. */
    public static final String BEARER = "Bearer " + TOKEN;

    private TestApiToken() {
    }
}
