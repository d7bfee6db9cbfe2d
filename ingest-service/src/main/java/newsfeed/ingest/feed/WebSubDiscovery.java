package newsfeed.ingest.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import newsfeed.ingest.net.UriReferences;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Finds a feed's WebSub hub and its own URL ("self"), W3C WebSub Recommendation §4 (Discovery): the hub and self
 * links are looked for first in the HTTP {@code Link} header of the answer (RFC 8288), and only when the header names
 * none, in the document: Atom's {@code <link rel="hub" href>} and {@code <link rel="self" href>} children of
 * {@code <feed>} (RFC 4287 §4.2.7), and the same {@code atom:link} elements in an RSS 2.0 {@code <channel>}. Each of
 * hub and self is taken from the header when the header has it, else from the document. Of several hubs the first
 * is used (§4 allows several; one subscription per feed is enough). Relative references are resolved against the URL
 * that answered (RFC 3986 §5). Pure; thread-safe.
 */
public final class WebSubDiscovery {

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    /**
     * A feed's WebSub links.
     *
     * @param hub  the hub's URL, or null when the feed names none
     * @param self the feed's own URL (its topic, §4), or null
     */
    public record Links(String hub, String self) {

        static final Links NONE = new Links(null, null);
    }

    private WebSubDiscovery() {
    }

    /**
     * The hub and self of a feed answer: the header's first, then the document's (§4).
     *
     * @param linkHeader the {@code Link} header, its field lines joined with commas, or null
     * @param document   what the document names ({@link #inDocument}), or null
     * @param base       the URL that answered, against which relative references are resolved
     * @return absolute http(s) URLs, or nulls; a reference that is not one is ignored
     */
    public static Links discover(String linkHeader, Links document, URI base) {
        Links header = inLinkHeader(linkHeader);
        Links doc = document == null ? Links.NONE : document;
        return new Links(absolute(header.hub() != null ? header.hub() : doc.hub(), base),
                absolute(header.self() != null ? header.self() : doc.self(), base));
    }

    /** The first {@code rel="hub"} and {@code rel="self"} link of an Atom feed or of an RSS 2.0 channel. */
    public static Links inDocument(Element root) {
        List<Element> links = new ArrayList<>();
        if (root.getName().equals("feed") && root.getNamespace().equals(ATOM)) {
            links.addAll(root.getChildren("link", ATOM));
        } else if (root.getName().equals("rss")) {
            Element channel = root.getChild("channel", root.getNamespace());
            if (channel != null) {
                links.addAll(channel.getChildren("link", ATOM));
            }
        }
        String hub = null;
        String self = null;
        for (Element link : links) {
            String href = link.getAttributeValue("href");
            if (href == null || href.isBlank()) {
                continue;
            }
            for (String rel : relations(link.getAttributeValue("rel"))) {
                if (rel.equals("hub") && hub == null) {
                    hub = href.strip();
                } else if (rel.equals("self") && self == null) {
                    self = href.strip();
                }
            }
        }
        return new Links(hub, self);
    }

    /**
     * The first {@code hub} and {@code self} targets of a {@code Link} header (RFC 8288 §3: {@code <uri>; rel="a b";
     * other=params, <uri2>; rel=c}); relation types compared case-insensitively (§2.1.1).
     */
    public static Links inLinkHeader(String header) {
        if (header == null || header.isBlank()) {
            return Links.NONE;
        }
        String hub = null;
        String self = null;
        int i = 0;
        int n = header.length();
        while (i < n) {
            int open = header.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = header.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            String target = header.substring(open + 1, close).strip();
            // the parameters run to the next comma outside a quoted string
            int end = close + 1;
            boolean quoted = false;
            while (end < n && (quoted || header.charAt(end) != ',')) {
                char c = header.charAt(end);
                if (c == '\\' && quoted) {
                    end++;
                } else if (c == '"') {
                    quoted = !quoted;
                }
                end++;
            }
            for (String parameter : header.substring(close + 1, Math.min(end, n)).split(";")) {
                int eq = parameter.indexOf('=');
                if (eq < 0 || !parameter.substring(0, eq).strip().equalsIgnoreCase("rel")) {
                    continue;
                }
                for (String rel : relations(parameter.substring(eq + 1).strip().replace("\"", ""))) {
                    if (rel.equals("hub") && hub == null) {
                        hub = target;
                    } else if (rel.equals("self") && self == null) {
                        self = target;
                    }
                }
            }
            i = end + 1;
        }
        return new Links(hub, self);
    }

    private static List<String> relations(String rel) {
        if (rel == null || rel.isBlank()) {
            return List.of();
        }
        return List.of(rel.strip().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static String absolute(String reference, URI base) {
        if (reference == null) {
            return null;
        }
        // a reference that is no URI names no hub: the feed is polled as before
        URI uri = base == null ? UriReferences.parse(reference)
                : UriReferences.resolveOrNull(base, UriReferences.parse(reference));
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
    }
}
