package newsfeed.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsfeed.contracts.PostId;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.api.JsonBody;
import newsfeed.ingest.api.RequestFields;
import newsfeed.ingest.api.SourceSlugs;

/**
 * The body of {@code POST /api/feeds}: {@code {"url": "https://…", "intervalSeconds": 300, "source": "slug",
 * "title": "Kestrel Bay Herald", "category": "News/Local"}}.
 *
 * <ul>
 *   <li>{@code url} required: an absolute {@code http} or {@code https} URL with a host, at most
 *       {@value #MAX_URL_LENGTH} characters; subscribed without its fragment ({@link #feedUrl});</li>
 *   <li>{@code intervalSeconds} required: a whole number of seconds within
 *       {@code newsfeed.feeds.min-interval}..{@code max-interval} (default 10..86400);</li>
 *   <li>{@code source} optional: a slug matching {@link PostId#SOURCE_PATTERN}; when absent, an existing
 *       subscription of the URL keeps its source and a new one gets a slug of the URL's host
 *       ({@link #sourceFromHost(URI)});</li>
 *   <li>{@code title} optional: a string, stripped, at most {@value FeedLabels#MAX_TITLE_LENGTH} characters;</li>
 *   <li>{@code category} optional: a folder path, names joined by {@code /} ({@code "News/World"}), normalized by
 *       {@link FeedLabels#category(String)}, at most {@value FeedLabels#MAX_CATEGORY_LENGTH} characters. When
 *       {@code title} or {@code category} is absent, an existing subscription of the URL keeps its own.</li>
 *   <li>{@code itemIdScope} optional: {@code "source"} or {@code "feed"}, whether a guid that is not a URI names its
 *       post within the source or within the feed ({@link FeedSubscription#scopedAmong}, which decides when it is
 *       absent).</li>
 * </ul>
 * Another field is refused, named with the field meant when it differs from one only in case or separators
 * ({@link RequestFields}): a misspelt {@code titel} or {@code item_id_scope} would otherwise subscribe silently
 * otherwise than asked. All problems are reported at once, each naming its field, as
 * {@code 400 {"error": "invalid subscription", "details": [...]}}.
 *
 * @param url             the URL as subscribed ({@link #feedUrl}: stripped, without a fragment)
 * @param intervalSeconds the interval
 * @param source          the source slug as given, or null when the request has none
 * @param title           the title, stripped, or null when the request has none (or a blank one)
 * @param category        the normalized category, or null when the request has none (or an empty one)
 * @param itemIdScope     the scope given, or null when the request has none
 */
public record FeedSubscriptionRequest(String url, int intervalSeconds, String source, String title,
        String category, String itemIdScope) {

    /** A request without item id scope. */
    public FeedSubscriptionRequest(String url, int intervalSeconds, String source, String title, String category) {
        this(url, intervalSeconds, source, title, category, null);
    }

    /** A request without title and category. */
    public FeedSubscriptionRequest(String url, int intervalSeconds, String source) {
        this(url, intervalSeconds, source, null, null);
    }

    /** Longest accepted feed URL. */
    public static final int MAX_URL_LENGTH = 2048;

    /** The fields a subscription request takes. */
    static final Set<String> FIELDS = Set.of("url", "intervalSeconds", "source", "title", "category",
            "itemIdScope");

    /**
     * @param minIntervalSeconds smallest accepted interval
     * @param maxIntervalSeconds largest accepted interval
     * @throws InvalidRequestException for invalid JSON (line and column) or invalid fields (named)
     */
    public static FeedSubscriptionRequest read(byte[] body, long minIntervalSeconds, long maxIntervalSeconds) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw new InvalidRequestException("invalid subscription",
                    List.of("expected a JSON object, got " + root.getNodeType()));
        }
        List<String> errors = new ArrayList<>();
        url(root, errors);
        Integer interval = interval(root, minIntervalSeconds, maxIntervalSeconds, errors);
        String source = source(root, errors);
        String title = label(root, "title", errors);
        String category = label(root, "category", errors);
        String scope = itemIdScope(root, errors);
        refuseUnknown(root, FIELDS, "a subscription", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid subscription", errors);
        }
        return new FeedSubscriptionRequest(feedUrl(root.get("url").textValue()), interval, source, title, category,
                scope);
    }

    /** The source given, else the default slug of the URL's host. */
    public String sourceOrDefault() {
        return source != null ? source : sourceFromHost(URI.create(url));
    }

    private static void url(JsonNode root, List<String> errors) {
        JsonNode node = root.get("url");
        if (node == null || node.isNull()) {
            errors.add("url is required");
        } else if (!node.isTextual()) {
            errors.add("url must be a string, got " + node.getNodeType());
        } else {
            String problem = urlProblem("url", node.textValue());
            if (problem != null) {
                errors.add(problem);
            }
        }
    }

    /**
     * A feed URL as it is subscribed, by every way of subscribing: stripped, and without its fragment ({@code #…}),
     * which a client never sends (RFC 9110 §7.1): {@code https://example.org/rss#news} and
     * {@code https://example.org/rss} fetch one document, so they are one subscription ({@link FeedSubscription#idOf}).
     *
     * @param value a URL {@link #urlProblem} finds nothing wrong with
     */
    public static String feedUrl(String value) {
        String stripped = value.strip();
        // a valid URI holds '#' only where its fragment starts (RFC 3986 §3.5)
        int fragment = stripped.indexOf('#');
        return fragment < 0 ? stripped : stripped.substring(0, fragment);
    }

    /**
     * The rule of a feed URL, for every way of subscribing: after stripping, an absolute {@code http} or
     * {@code https} URL with a host and no user information ({@code user:password@}, which the fetcher would not
     * send and the open listing would show), at most {@value #MAX_URL_LENGTH} characters.
     *
     * @param what  how the message names the URL ({@code url}, {@code outline "X" at line 3: xmlUrl})
     * @param value the URL as given
     * @return what is wrong with it, starting with {@code what}; null when it is a valid feed URL
     */
    public static String urlProblem(String what, String value) {
        String stripped = value.strip();
        if (stripped.length() > MAX_URL_LENGTH) {
            return what + " has " + stripped.length() + " characters, more than " + MAX_URL_LENGTH;
        }
        try {
            URI uri = new URI(stripped);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isBlank()) {
                if (uri.getRawUserInfo() != null) {
                    // Named, never repeated: it may be a password.
                    return what + " must not carry a user name or password before its host (RFC 3986 §3.2.1: the"
                            + " fetcher never sends them, and subscriptions are listed openly), got "
                            + ApiError.quote(stripped.replace(uri.getRawUserInfo() + "@", "***@"));
                }
                return null;
            }
        } catch (URISyntaxException e) {
            return what + " must be an absolute http or https URL, got " + ApiError.quote(stripped) + " ("
                    + e.getReason() + " at index " + e.getIndex() + ")";
        }
        return what + " must be an absolute http or https URL with a host, got " + ApiError.quote(stripped);
    }

    /** Adds a problem for each field of {@code root} outside {@code fields} ({@link RequestFields}). */
    static void refuseUnknown(JsonNode root, Set<String> fields, String what, List<String> errors) {
        for (String name : RequestFields.unknown(root, fields)) {
            errors.add(RequestFields.notAField(name, fields, what));
        }
    }

    /** The {@code itemIdScope} field: {@code "source"}, {@code "feed"} or null when absent; a problem named. */
    static String itemIdScope(JsonNode root, List<String> errors) {
        JsonNode node = root.get("itemIdScope");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add("itemIdScope must be a string, got " + node.getNodeType());
            return null;
        }
        String scope = node.textValue().strip();
        String problem = FeedSubscription.itemIdScopeProblem("itemIdScope", scope);
        if (problem != null) {
            errors.add(problem);
            return null;
        }
        return scope;
    }

    private static String label(JsonNode root, String field, List<String> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field + " must be a string, got " + node.getNodeType());
            return null;
        }
        String value = field.equals("title") ? FeedLabels.title(node.textValue())
                : FeedLabels.category(node.textValue());
        String problem = field.equals("title") ? FeedLabels.titleProblem(field, value)
                : FeedLabels.categoryProblem(field, value);
        if (problem != null) {
            errors.add(problem);
            return null;
        }
        return value;
    }

    static Integer interval(JsonNode root, long min, long max, List<String> errors) {
        JsonNode node = root.get("intervalSeconds");
        if (node == null || node.isNull()) {
            errors.add("intervalSeconds is required");
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add("intervalSeconds must be a whole number of seconds, got " + node);
            return null;
        }
        long value = node.longValue();
        if (value < min || value > max) {
            errors.add("intervalSeconds must be from " + min + " to " + max + ", got " + value);
            return null;
        }
        return (int) value;
    }

    static String source(JsonNode root, List<String> errors) {
        JsonNode node = root.get("source");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add("source must be a string, got " + node.getNodeType());
            return null;
        }
        String value = node.textValue();
        String problem = SourceSlugs.problem(value);
        if (problem != null) {
            errors.add(problem);
            return null;
        }
        return value;
    }

    /**
     * The default source slug of a feed: its host in ASCII (IDNA), lower case, without a leading {@code www.},
     * every character outside {@code [a-z0-9_-]} replaced by {@code -}, at most 64 characters:
     * {@code https://www.Example.org:8443/rss} → {@code example-org}. An IPv6 literal is prefixed {@code ipv6-}
     * ({@code http://[::1]/} → {@code ipv6-1}), as its colons alone would leave a bare number. {@code feed} when
     * nothing is left.
     */
    public static String sourceFromHost(URI uri) {
        String host = uri.getHost();
        boolean ipv6 = host.startsWith("[");
        try {
            // an IPv6 literal without its zone id (RFC 6874: [fe80::1%25eth0]), whose %25 would show in the slug
            host = IDN.toASCII(ipv6 ? host.substring(1, host.length() - 1).replaceFirst("%.*", "") : host,
                    IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // keep the host as written; the replacement below makes it a slug
        }
        String slug = host.toLowerCase(Locale.ROOT);
        if (slug.startsWith("www.")) {
            slug = slug.substring(4);
        }
        slug = slug.replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|[-_]+$", "");
        if (ipv6 && !slug.isEmpty()) {
            slug = "ipv6-" + slug;
        }
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("[-_]+$", "");
        }
        return PostId.SOURCE_PATTERN.matcher(slug).matches() ? slug : "feed";
    }
}
