package newsfeed.contracts.text;

import com.ibm.icu.text.IDNA;
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

    /**
     * Longest link kept, in characters: 8,000, the length RFC 9110 (§4.1) recommends every sender and recipient
     * support. A longer one is no web link here: a review stored a url of 950,000 characters, and served it whole.
     */
    public static final int MAX_LENGTH = 8_000;

    private WebLinks() {
    }

    /**
     * @return whether {@code link} is an absolute http(s) URL with a host, of at most {@link #MAX_LENGTH} characters,
     *         in valid Unicode ({@link WellFormedText})
     *         without {@link Noncharacters}, which neither UTF-8 nor XML can carry ({@link URI} takes both)
     */
    public static boolean isWeb(String link) {
        if (link == null || link.isBlank() || link.length() > MAX_LENGTH || !WellFormedText.isWellFormed(link)
                || link.codePoints().anyMatch(Noncharacters::isNoncharacter)) {
            return false;
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme();
            return scheme != null && List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))
                    && (uri.getHost() != null || isInternationalizedHost(uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether an authority that {@link URI} read as a registry name (it takes only ASCII host names) names an
     * internationalized domain ({@code пример.рф}, RFC 3987 IRIs): optional user info, a host that converts to ASCII
     * under UTS #46 (ICU's {@link IDNA}, nontransitional, STD3 rules: letters, digits and inner hyphens), an optional
     * port of digits.
     */
    private static boolean isInternationalizedHost(String authority) {
        // an ASCII authority URI refused as a host is refused here too (a port of 99999999999, a fifth octet)
        if (authority == null || authority.chars().allMatch(c -> c < 0x80)) {
            return false;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            // RFC 3986 §3.2.3 allows an empty port; a TCP port is at most 65535
            if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (!port.isEmpty() && Integer.parseInt(port) > 65535)) {
                return false;
            }
            host = host.substring(0, colon);
        }
        if (host.isEmpty()) {
            return false;
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = new StringBuilder();
        UTS46.nameToASCII(host, ascii, info);
        return !info.hasErrors() && ascii.length() > 0;
    }

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.USE_STD3_RULES
            | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

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
