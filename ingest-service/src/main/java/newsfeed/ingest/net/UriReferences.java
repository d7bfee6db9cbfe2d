package newsfeed.ingest.net;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Resolves a URI reference against a base URI, as RFC 3986 §5.2 says: the one rule for every relative address this
 * service meets (feed item links and enclosures, {@code xml:base}'s results, WebSub hub and self links, redirect
 * {@code Location}s, RFC 9110 §10.2.2).
 *
 * <p>{@link URI#resolve(URI)} follows RFC 2396, which differs from RFC 3986 in one case a feed meets: a reference of
 * a query alone ({@code ?p=5}) replaces the base's query and keeps its whole path, {@code …/index.php?p=5}, where
 * RFC 2396 drops the last segment ({@code …/?p=5}, another page). That case is resolved here; every other reference
 * goes to {@link URI#resolve(URI)}. Apache HttpClient's {@code URIUtils.resolve} does RFC 3986 but rebuilds the
 * authority and loses an IPv4-mapped IPv6 host ({@code [::ffff:127.0.0.1]} becomes no host), which the address
 * guard must see as written.
 */
public final class UriReferences {

    private UriReferences() {
    }

    /**
     * @param base      an absolute URI
     * @param reference a URI reference: absolute (returned as it is), network-path, absolute-path, relative-path,
     *                  query alone, fragment alone or empty (the base without its fragment, RFC 3986 §5.2.2)
     * @return the target URI
     * @throws IllegalArgumentException when the result is no URI (java.net.URI's own check)
     */
    public static URI resolve(URI base, URI reference) {
        boolean queryAlone = !reference.isAbsolute() && reference.getRawAuthority() == null
                && "".equals(reference.getRawPath()) && reference.getRawQuery() != null;
        if (!queryAlone) {
            return reference.toString().isEmpty() ? withoutFragment(base) : base.resolve(reference);
        }
        String whole = withoutFragment(base).toString();
        int query = whole.indexOf('?');
        String target = (query >= 0 ? whole.substring(0, query) : whole) + "?" + reference.getRawQuery()
                + (reference.getRawFragment() == null ? "" : "#" + reference.getRawFragment());
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String whole = uri.toString();
        return URI.create(whole.substring(0, whole.indexOf('#')));
    }
}
