package newsfeed.ingest.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import newsfeed.contracts.PostId;
import newsfeed.ingest.net.UriReferences;

/**
 * Who a feed item is: its {@code externalId} (the part of the postId after {@code <source>:}) and its canonical
 * link.
 *
 * <p><b>externalId</b>, first that applies:
 * <ol>
 *   <li>the item's own id, when not blank: RSS 2.0 {@code guid}, RSS 1.0 {@code rdf:about}, Atom {@code id}
 *       (RFC 4287 §4.2.6), trimmed. An id that is an absolute http(s) URL is canonicalized like a link (below), so a
 *       permalink guid re-published with tracking parameters stays the same post;</li>
 *   <li>else the item's canonical link;</li>
 *   <li>else {@code sha256:} and the SHA-256 (hex) of the item's title and body: an item without id and link is
 *       known by its content.</li>
 * </ol>
 * A local id (one that is not a URI of a scheme that names things everywhere, such as the RSS guid {@code 1},
 * {@code post-42} or {@code ID:7}) of a feed whose subscription qualifies them ({@link FeedSubscription#scopedAmong}:
 * another feed had its source first) is {@code <feed id>/<id>}, since such an id is unique only within its feed. A URI
 * ({@code https:}, {@code tag:} of RFC 4151, {@code urn:uuid:}) names its item in every feed.
 * An id that cannot name a post ({@link PostId#externalIdProblem}: longer than
 * {@link PostId#MAX_EXTERNAL_ID_LENGTH}, or holding control characters or noncharacters) is replaced by
 * {@code sha256:} and the SHA-256 of the id, so it still names the same item every time.
 *
 * <p><b>Items of one document that share an externalId</b> ({@link InDocument}): the externalId names one post
 * across polls, so an item re-published under its id with an edited title or body is a revision of the same post.
 * Within one document, though, two items with one id (or, without ids, one link) and different content are two
 * posts (a feed that gives every item the same guid, a live page listing its updates): the first such item, in
 * document order, is known by the externalId alone; a later item of the same document with the same externalId is
 * known by it alone too when its content (title and body) is the first one's, a repeat that is published once, and
 * otherwise by the externalId, {@code #sha256:} and the first 16 hex digits of the SHA-256 of its title and body
 * (its content fingerprint). So a single item with an id keeps it through every edit; of items sharing an id, the
 * first keeps it through every edit, and a later one becomes a new post when it is edited, since nothing in the
 * document says which earlier item it revises. (A feed whose every item has one guid is thus read as the first
 * item's revisions plus one post per other content: when a new item is put first, it becomes a revision of the
 * post that was first before. No rule on ids alone can do better there.)
 *
 * <p><b>Canonical link</b>: resolved against the feed's URL when relative; scheme and host in lower case, the
 * default port ({@code :80}, {@code :443}) dropped, an empty path made {@code /}; the tracking query parameters
 * {@code utm_*}, {@code fbclid} and {@code gclid} removed (names compared case-insensitively) and EVERY other
 * parameter kept, byte for byte and in its order; a tracking fragment ({@code #xtor=…}, {@code #at_…},
 * {@code #utm_…}) removed, any other fragment kept. Only absolute http(s) links have a canonical form.
 */
public final class ItemIdentity {

    /** Prefix of content-derived and hashed external ids. */
    public static final String HASH_PREFIX = "sha256:";

    /** 64 bits: only items sharing one id in one feed are told apart by it. */
    private static final int FINGERPRINT_HEX_DIGITS = 16;

    /**
     * An id that names its item in every feed: a URI of a scheme made for that (http, https and ftp locations; tag,
     * RFC 4151; urn, RFC 8141; info, RFC 4452), a colon and at least one character. Not any scheme-like prefix: guids
     * such as {@code ID:1}, {@code item:42} or {@code c1:2} are numbered within their feed (a review).
     */
    private static final Pattern ABSOLUTE_URI = Pattern.compile("(?i)(https?|ftp|tag|urn|info):[^\\s]");

    private static final List<String> TRACKING_FRAGMENT_PREFIXES = List.of("xtor=", "at_", "utm_");

    private ItemIdentity() {
    }

    /**
     * The externalId of an item on its own; the items of a document are named by {@link InDocument}, which tells
     * apart items sharing an id.
     *
     * @param id    the item's own id (guid, rdf:about, atom:id), may be null or blank
     * @param link  the item's link, already canonical ({@link #canonicalLink}), may be null
     * @param title the item's title, may be null
     * @param body  the item's body, may be null
     * @return the externalId: never blank, at most {@link PostId#MAX_EXTERNAL_ID_LENGTH} characters, no control
     *         characters
     */
    public static String externalId(String id, String link, String title, String body) {
        String own = id == null ? "" : id.strip();
        if (!own.isEmpty()) {
            String asLink = isHttpUrl(own) ? canonicalLink(own, null) : null;
            return bounded(asLink != null ? asLink : own);
        }
        if (link != null && !link.isBlank()) {
            return bounded(link);
        }
        return HASH_PREFIX + sha256(content(title, body));
    }

    /**
     * The externalIds of the items of one document, asked for in document order: {@link #externalId} for each,
     * with a content fingerprint added to a later item that shares its id with an earlier one of other content (see
     * the class docstring). One per document; not thread-safe.
     */
    public static final class InDocument {

        /** The content fingerprint of the first item of each externalId. */
        private final Map<String, String> firstContent = new HashMap<>();
        private final String qualifier;

        /** The items of a document of a feed whose local ids name posts alone. */
        public InDocument() {
            this(null);
        }

        /**
         * @param qualifier the feed id that qualifies local ids ({@link FeedSubscription#itemIdQualifier()}), or
         *                  null when they name posts alone
         */
        public InDocument(String qualifier) {
            this.qualifier = qualifier;
        }

        /**
         * @param id    the item's own id (guid, rdf:about, atom:id), may be null or blank
         * @param link  the item's link, already canonical ({@link #canonicalLink}), may be null
         * @param title the item's title, may be null
         * @param body  the item's body, may be null
         * @return the externalId: never blank, at most {@link PostId#MAX_EXTERNAL_ID_LENGTH} characters, no control
         *         characters
         */
        public String externalId(String id, String link, String title, String body) {
            String local = id == null ? "" : id.strip();
            String qualified = qualifier != null && !local.isEmpty() && !ABSOLUTE_URI.matcher(local).lookingAt()
                    ? qualifier + "/" + local : id;
            String own = ItemIdentity.externalId(qualified, link, title, body);
            String content = sha256(content(title, body)).substring(0, FINGERPRINT_HEX_DIGITS);
            String first = firstContent.putIfAbsent(own, content);
            return first == null || first.equals(content) ? own : bounded(own + "#" + HASH_PREFIX + content);
        }
    }

    private static String content(String title, String body) {
        return (title == null ? "" : title) + "\n" + (body == null ? "" : body);
    }

    private static String bounded(String id) {
        if (PostId.externalIdProblem(id) != null) {
            return HASH_PREFIX + sha256(id);
        }
        return id;
    }

    private static boolean isHttpUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * @param link a link as the feed wrote it (may be relative, may be null)
     * @param base the URL to resolve a relative link against (the feed's URL), or null
     * @return the canonical form of an absolute http(s) link, or null when the link is blank, not http(s) or not a
     *         URL at all
     */
    public static String canonicalLink(String link, URI base) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String absolute = link.strip();
        if (!isHttpUrl(absolute)) {
            if (base == null) {
                return null;
            }
            URI target = UriReferences.resolveOrNull(base, UriReferences.parse(absolute));
            if (target == null || !isHttpUrl(absolute = target.toString())) {
                return null;
            }
        }
        return canonical(absolute);
    }

    private static String canonical(String url) {
        int schemeEnd = url.indexOf("://");
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = url.substring(schemeEnd + 3);

        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash) : "/";
        if (authority.isEmpty()) {
            return null;
        }

        StringBuilder out = new StringBuilder(url.length()).append(scheme).append("://")
                .append(authority(scheme, authority)).append(path);
        String keptQuery = query == null ? "" : withoutTrackingParameters(query);
        if (!keptQuery.isEmpty()) {
            out.append('?').append(keptQuery);
        }
        if (fragment != null && !fragment.isEmpty() && !isTrackingFragment(fragment)) {
            out.append('#').append(fragment);
        }
        return out.toString();
    }

    private static String authority(String scheme, String authority) {
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1).toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") && hostPort.endsWith(":80")) || (scheme.equals("https") && hostPort.endsWith(":443"))) {
            hostPort = hostPort.substring(0, hostPort.lastIndexOf(':'));
        }
        return userInfo + hostPort;
    }

    private static String withoutTrackingParameters(String query) {
        List<String> kept = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = (equals >= 0 ? parameter.substring(0, equals) : parameter).toLowerCase(Locale.ROOT);
            if (!isTrackingParameter(name)) {
                kept.add(parameter);
            }
        }
        return String.join("&", kept);
    }

    /** {@code utm_*}, {@code fbclid}, {@code gclid}; the name in lower case. */
    static boolean isTrackingParameter(String name) {
        return name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid");
    }

    private static boolean isTrackingFragment(String fragment) {
        String lower = fragment.toLowerCase(Locale.ROOT);
        return TRACKING_FRAGMENT_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
