package newsfeed.ingest.net;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Resolves a URI reference against a base URI by RFC 3986 §5.2 (its §5.2.2 transform, §5.2.3 merge and §5.2.4
 * dot-segment removal, on the components as written): the one rule for every relative address this service meets
 * (feed item links and enclosures, {@code xml:base} chains, links in an item's HTML, WebSub hub and self links,
 * redirect {@code Location}s, which RFC 9110 §10.2.2 resolves so).
 *
 * <p>Why not {@link URI#resolve(URI)}: it follows RFC 2396, so a reference of a query alone ({@code ?p=5}) lost the
 * base's last segment ({@code …/?p=5} for {@code …/index.php?p=5}, another page), the empty reference named the
 * base's directory, and dot segments of an absolute path ({@code /a/../feed.xml}, {@code /./g}) or beyond the root
 * ({@code ../../../g}) were kept, so a redirect asked for them as written (a 404), and one page could have two
 * addresses. Apache HttpClient's {@code URIUtils.resolve} rebuilds the authority and turns a host such as
 * {@code [::ffff:127.0.0.1]} into none, which the address guard must see as written; here the authority is copied as
 * it came.
 */
public final class UriReferences {

    private UriReferences() {
    }

    /**
     * A URI reference as written, stripped of surrounding white space.
     *
     * @return the reference, or null when it is none by RFC 3986 as {@link URI} reads it
     */
    public static URI parse(String reference) {
        if (reference == null) {
            return null;
        }
        try {
            return new URI(reference.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * A link of an HTML page as browsers take it: the characters RFC 3986 allows only percent-encoded (§2.1, §2.4)
     * and browsers take anyway are encoded first, as the WHATWG URL Standard's percent-encode sets (§1.3) encode most
     * of them, so that {@code /search?q=a b}, {@code ?a|b} or {@code /{id}} is a link (they were dropped): a space,
     * {@code " < > ^ ` { | }}, a {@code %} not followed by two hexadecimal digits, and each {@code #} after the first;
     * tabs and line breaks are removed, as the URL Standard's parser removes them (§4.4). Such a link's string may
     * differ from a browser's ({@code %7C} for {@code |}) while naming the same page. A backslash and square brackets
     * outside the host, which browsers read otherwise, stay refused.
     *
     * @return the reference, or null when it is none even so (a backslash, a control character, an authority with no
     *         host such as {@code //exa mple.com/})
     */
    public static URI parseAsBrowsers(String reference) {
        URI uri = parse(reference);
        if (uri != null || reference == null) {
            return uri;
        }
        // the URL Standard's parser first removes every tab and line break (a link wrapped in a feed's HTML)
        String text = reference.strip().replaceAll("[\t\n\r]", "");
        StringBuilder encoded = new StringBuilder(text.length() + 16);
        boolean inFragment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && !inFragment) {
                inFragment = true;
                encoded.append(c);
            } else if (c == '%' && !(i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2)))) {
                encoded.append("%25");
            } else if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '^' || c == '`' || c == '{' || c == '|'
                    || c == '}' || c == '#') {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                encoded.append(c);
            }
        }
        URI encodedUri = parse(encoded.toString());
        // an authority with a character encoded here (//exa mple.com/) names no host to a browser (a helper's review);
        // one that only java.net.URI finds no host in (my_host.example, bücher.example) is left to the callers
        return encodedUri == null || encodedUri.getRawAuthority() == null
                || encodedUri.getRawAuthority().equals(authorityAsWritten(text)) ? encodedUri : null;
    }

    /** The authority of a reference as written: after its first "//" if only a scheme precedes it, to "/", "?" or "#". */
    private static String authorityAsWritten(String reference) {
        int slashes = reference.indexOf("//");
        if (slashes < 0 || slashes > 0 && !reference.substring(0, slashes).matches("[A-Za-z][A-Za-z0-9+.-]*:")) {
            return null;
        }
        int end = slashes + 2;
        while (end < reference.length() && "/?#".indexOf(reference.charAt(end)) < 0) {
            end++;
        }
        return reference.substring(slashes + 2, end);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /**
     * {@link #resolve(URI, URI)} for callers to whom a link that cannot be resolved is no link.
     *
     * @param base      the base URI, or null
     * @param reference a URI reference, or null
     * @return the target, or null when either is null or the result is no URI
     */
    public static URI resolveOrNull(URI base, URI reference) {
        if (base == null || reference == null) {
            return null;
        }
        try {
            return resolve(base, reference);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param base      the base URI: absolute for RFC 3986's result; a relative one (an {@code xml:base} chain not
     *                  yet resolved against its document) gives a relative result, as {@link URI#resolve} makes it
     *                  but for a query alone and the empty reference; an opaque one ({@code mailto:}) returns the
     *                  reference
     * @param reference a URI reference: absolute, network-path, absolute-path, relative-path, query alone, fragment
     *                  alone or empty (the base without its fragment); an opaque one is returned as it is
     * @return the target URI, its dot segments removed
     * @throws IllegalArgumentException when the result is no URI ({@link URI}'s own check)
     */
    public static URI resolve(URI base, URI reference) {
        if (reference.isOpaque() || base.isOpaque()) {
            return reference;
        }
        if (base.getScheme() == null && reference.getScheme() == null) {
            return underRelativeBase(base, reference);
        }
        String scheme;
        String authority;
        String path;
        String query;
        String referencePath = pathOf(reference);
        if (reference.getScheme() != null) {
            scheme = reference.getScheme();
            authority = reference.getRawAuthority();
            path = removeDotSegments(referencePath);
            query = reference.getRawQuery();
        } else {
            scheme = base.getScheme();
            if (reference.getRawAuthority() != null) {
                authority = reference.getRawAuthority();
                path = removeDotSegments(referencePath);
                query = reference.getRawQuery();
            } else {
                authority = base.getRawAuthority();
                if (referencePath.isEmpty()) {
                    path = pathOf(base);
                    query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
                } else {
                    path = removeDotSegments(referencePath.startsWith("/") ? referencePath
                            : merge(base, referencePath));
                    query = reference.getRawQuery();
                }
            }
        }
        StringBuilder target = new StringBuilder();
        if (scheme != null) {
            target.append(scheme).append(':');
        }
        if (authority != null) {
            target.append("//").append(authority);
        } else if (path.startsWith("//")) {
            target.append("/."); // else the path's first segment would be read as a host (RFC 3986 §3.3)
        }
        target.append(path);
        if (query != null) {
            target.append('?').append(query);
        }
        if (reference.getRawFragment() != null) {
            target.append('#').append(reference.getRawFragment());
        }
        try {
            return new URI(target.toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * RFC 3986 defines no result for a relative base. An {@code xml:base} chain not yet put under its document is
     * one: its dot segments that climb above it ({@code ../}) must stay for the document's address to resolve, as
     * {@link URI#resolve} keeps them (a helper's review: {@code ../} then {@code post.html} became {@code post.html}),
     * and a first segment with a colon must keep its {@code ./} ({@link URI#normalize}). Only a query alone and the
     * empty reference are taken as RFC 3986 takes them.
     */
    private static URI underRelativeBase(URI base, URI reference) {
        if (reference.getRawAuthority() != null || !pathOf(reference).isEmpty()) {
            return base.resolve(reference);
        }
        String whole = base.toString();
        int fragment = whole.indexOf('#');
        whole = fragment < 0 ? whole : whole.substring(0, fragment);
        if (reference.getRawQuery() != null) {
            int query = whole.indexOf('?');
            whole = (query < 0 ? whole : whole.substring(0, query)) + "?" + reference.getRawQuery();
        }
        try {
            return new URI(whole + (reference.getRawFragment() == null ? "" : "#" + reference.getRawFragment()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String pathOf(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    /** RFC 3986 §5.2.3: the reference's path after the base path's last "/", or after "/" for an empty one. */
    private static String merge(URI base, String referencePath) {
        String basePath = pathOf(base);
        if (base.getRawAuthority() != null && basePath.isEmpty()) {
            return "/" + referencePath;
        }
        return basePath.substring(0, basePath.lastIndexOf('/') + 1) + referencePath;
    }

    /**
     * RFC 3986 §5.2.4, segment by segment, in one pass over the path: an input buffer cut by substrings took
     * quadratic time (a helper's review: 15 s for a link of 400,000 characters, which a feed can carry).
     */
    static String removeDotSegments(String path) {
        if (path.indexOf('.') < 0) {
            return path;
        }
        int length = path.length();
        StringBuilder output = new StringBuilder(length);
        int at = 0;
        while (at < length) {
            if (path.startsWith("../", at)) {
                at += 3;
            } else if (path.startsWith("./", at)) {
                at += 2;
            } else if (path.startsWith("/./", at)) {
                at += 2;
            } else if (at + 2 == length && path.startsWith("/.", at)) {
                output.append('/');
                at = length;
            } else if (path.startsWith("/../", at)) {
                at += 3;
                output.setLength(Math.max(0, output.lastIndexOf("/")));
            } else if (at + 3 == length && path.startsWith("/..", at)) {
                output.setLength(Math.max(0, output.lastIndexOf("/")));
                output.append('/');
                at = length;
            } else if ((at + 1 == length && path.charAt(at) == '.') || (at + 2 == length
                    && path.startsWith("..", at))) {
                at = length;
            } else {
                int next = path.indexOf('/', path.charAt(at) == '/' ? at + 1 : at);
                int end = next < 0 ? length : next;
                output.append(path, at, end);
                at = end;
            }
        }
        return output.toString();
    }
}
