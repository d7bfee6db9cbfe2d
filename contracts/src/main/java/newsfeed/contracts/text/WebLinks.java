package newsfeed.contracts.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one rule for links that reach stored posts and every output (Atom, JSON Feed, the API, the dashboard): only
 * absolute {@code http} and {@code https} URLs with a host (RFC 3986 syntax, checked by {@link URI}); anything else —
 * {@code javascript:}, {@code data:}, {@code file:}, relative or malformed references — is dropped, because an output
 * that links to it would let a post run script in a reader's page.
 */
public final class WebLinks {

    private WebLinks() {
    }

    /**
     * @return whether {@code link} is an absolute http(s) URL with a host, in valid Unicode ({@link WellFormedText})
     *         without {@link Noncharacters}, which neither UTF-8 nor XML can carry ({@link URI} takes both)
     */
    public static boolean isWeb(String link) {
        if (link == null || link.isBlank() || !WellFormedText.isWellFormed(link)
                || link.codePoints().anyMatch(Noncharacters::isNoncharacter)) {
            return false;
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme();
            return scheme != null && List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** @return {@code link} stripped when {@link #isWeb(String)}, else null */
    public static String webOrNull(String link) {
        return isWeb(link) ? link.strip() : null;
    }

    /**
     * @return the web links of {@code links}, stripped, each once (a post that shows a "Read in full" link under its
     *         preview and again under its full text links one page), in the order they first appear; never null
     */
    public static List<String> webOnly(List<String> links) {
        return links == null ? List.of()
                : links.stream().map(WebLinks::webOrNull).filter(Objects::nonNull).distinct().toList();
    }
}
