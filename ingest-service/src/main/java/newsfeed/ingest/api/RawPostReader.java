package newsfeed.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.text.WebLinks;
import newsfeed.ingest.normalize.EmptyPosts;

/**
 * Reads the body of {@code POST /api/posts}: one RawPost JSON object or an array of them (DESIGN §7). Every item is
 * checked before any is accepted, and all problems are reported at once.
 *
 * <p>Fields: {@code source}, {@code externalId}, {@code body} required ({@code body} may be blank only when a
 * {@code title} is not: a headline; {@link EmptyPosts} judges both as the normalizer will read them);
 * {@code sourceType} (default {@code http}),
 * {@code publishedAt} (ISO-8601 with offset), {@code title}, {@code url} (absolute http/https), {@code contentType}
 * ({@code text/plain} default, or {@code text/html}) and {@code attributes} (object of strings) optional.
 * {@code postId} and {@code receivedAt} are set by the service; other fields are ignored, and named in the answer
 * ({@link Read#ignored()}) so that a misspelt field does not go unseen while a client that sends more than a post
 * holds is still served. At most {@link #MAX_POSTS} posts per request and {@link #MAX_ATTRIBUTES} attributes per post.
 */
public final class RawPostReader {

    /** Most posts in one request: a larger batch is refused whole (400), so one request cannot hold the route long. */
    public static final int MAX_POSTS = 1_000;

    /** Most attributes of one post. */
    public static final int MAX_ATTRIBUTES = 64;

    /** Longest attribute name, in characters. */
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 128;

    /** The fields a post takes from a request. */
    static final Set<String> FIELDS = Set.of("source", "externalId", "body", "sourceType", "publishedAt", "title",
            "url", "contentType", "attributes");

    /** The fields of a RawPost the service sets itself, ignored in a request. */
    static final Set<String> SET_BY_THE_SERVICE = Set.of("postId", "receivedAt");

    /** Most ignored fields named in one answer; the rest are counted. */
    static final int MAX_IGNORED_NAMED = 20;

    /**
     * A request's posts, and what it held that no post takes.
     *
     * @param posts   the posts in request order
     * @param ignored the ignored fields with their path, e.g. {@code [2].published_at: not a field of a post;
     *                did you mean publishedAt?}; at most {@value #MAX_IGNORED_NAMED} named, then how many more
     */
    public record Read(List<RawPost> posts, List<String> ignored) {
    }

    private RawPostReader() {
    }

    /**
     * @throws InvalidRequestException for invalid JSON (with line and column) or invalid items (with their path)
     */
    public static Read read(byte[] body, Instant receivedAt) {
        JsonNode root = JsonBody.read(body);
        if (!root.isArray() && !root.isObject()) {
            throw new InvalidRequestException("invalid request",
                    List.of("expected a JSON object or an array of objects, got " + root.getNodeType()));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        if (items.isEmpty()) {
            throw new InvalidRequestException("invalid request", List.of("the array holds no posts"));
        }
        if (items.size() > MAX_POSTS) {
            throw new InvalidRequestException("invalid request", List.of("the array holds " + items.size()
                    + " posts, more than " + MAX_POSTS + " per request; send them in several requests"));
        }
        List<String> errors = new ArrayList<>();
        List<RawPost> posts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = root.isArray() ? "[" + i + "]." : "";
            RawPost post = item(items.get(i), path, receivedAt, errors);
            if (post != null) {
                posts.add(post);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid posts", errors);
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = root.isArray() ? "[" + i + "]." : "";
            for (String name : RequestFields.unknown(items.get(i), FIELDS)) {
                ignored.add(path + (SET_BY_THE_SERVICE.contains(name) ? name + ": set by the service"
                        : RequestFields.notAField(name, FIELDS, "a post")));
            }
        }
        if (ignored.size() > MAX_IGNORED_NAMED) {
            int more = ignored.size() - MAX_IGNORED_NAMED;
            ignored = new ArrayList<>(ignored.subList(0, MAX_IGNORED_NAMED));
            ignored.add("and " + more + " more");
        }
        return new Read(posts, List.copyOf(ignored));
    }

    private static RawPost item(JsonNode item, String path, Instant receivedAt, List<String> errors) {
        if (!item.isObject()) {
            errors.add(path.isEmpty() ? "the post must be an object" : path.substring(0, path.length() - 1)
                    + " must be an object, got " + item.getNodeType());
            return null;
        }
        int before = errors.size();
        String source = requiredText(item, "source", path, errors);
        if (source != null && SourceSlugs.problem(source) != null) {
            errors.add(path + SourceSlugs.problem(source));
        }
        String externalId = requiredText(item, "externalId", path, errors);
        if (externalId != null && PostId.externalIdProblem(externalId) != null) {
            errors.add(path + "externalId " + PostId.externalIdProblem(externalId));
        }
        String body = text(item, "body", path, errors);
        if (body == null && !has(item, "body")) {
            errors.add(path + "body is required");
        }
        SourceType sourceType = sourceType(item, path, errors);
        Instant publishedAt = instant(item, "publishedAt", path, errors);
        String title = text(item, "title", path, errors);
        String url = url(item, path, errors);
        String contentType = contentType(item, path, errors);
        String empty = body == null ? null : EmptyPosts.whyEmpty(title, body, contentType);
        if (empty != null) {
            errors.add(path + empty + ": it would hold nothing");
        }
        Map<String, String> attributes = attributes(item, path, errors);
        if (errors.size() > before) {
            return null;
        }
        return new RawPost(PostId.of(source, externalId), source, externalId, sourceType, receivedAt, publishedAt,
                title, url, contentType, body, attributes);
    }

    private static boolean has(JsonNode item, String field) {
        return item.has(field) && !item.get(field).isNull();
    }

    private static String text(JsonNode item, String field, String path, List<String> errors) {
        if (!has(item, field)) {
            return null;
        }
        JsonNode value = item.get(field);
        if (!value.isTextual()) {
            errors.add(path + field + " must be a string, got " + value.getNodeType());
            return null;
        }
        return value.textValue();
    }

    private static String requiredText(JsonNode item, String field, String path, List<String> errors) {
        String value = text(item, field, path, errors);
        if (value == null && !has(item, field)) {
            errors.add(path + field + " is required");
        } else if (value != null && value.isBlank()) {
            errors.add(path + field + " must not be blank");
            return null;
        }
        return value;
    }

    private static SourceType sourceType(JsonNode item, String path, List<String> errors) {
        String value = text(item, "sourceType", path, errors);
        if (value == null) {
            return SourceType.HTTP;
        }
        try {
            return SourceType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(path + "sourceType must be one of text, telegram, rss, atom, http; got "
                    + ApiError.quote(value));
            return null;
        }
    }

    private static Instant instant(JsonNode item, String field, String path, List<String> errors) {
        String value = text(item, field, path, errors);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(path + field + " must be an ISO-8601 date-time with offset (2024-07-25T10:15:00Z), got "
                    + ApiError.quote(value));
            return null;
        }
    }

    private static String url(JsonNode item, String path, List<String> errors) {
        String value = text(item, "url", path, errors);
        if (value == null) {
            return null;
        }
        if (value.length() > WebLinks.MAX_LENGTH) {
            errors.add(path + "url has " + value.length() + " characters, more than " + WebLinks.MAX_LENGTH);
            return null;
        }
        // the rule every output applies (WebLinks): a url it would drop is refused here, not dropped later
        if (WebLinks.isWeb(value)) {
            return value;
        }
        errors.add(path + "url must be an absolute http or https URL, got " + ApiError.quote(value));
        return null;
    }

    private static String contentType(JsonNode item, String path, List<String> errors) {
        String value = text(item, "contentType", path, errors);
        if (value == null) {
            return RawPost.TEXT_PLAIN;
        }
        if (!value.equals(RawPost.TEXT_PLAIN) && !value.equals(RawPost.TEXT_HTML)) {
            errors.add(path + "contentType must be text/plain or text/html, got " + ApiError.quote(value));
        }
        return value;
    }

    private static Map<String, String> attributes(JsonNode item, String path, List<String> errors) {
        if (!has(item, "attributes")) {
            return Map.of();
        }
        JsonNode node = item.get("attributes");
        if (!node.isObject()) {
            errors.add(path + "attributes must be an object of strings, got " + node.getNodeType());
            return Map.of();
        }
        if (node.size() > MAX_ATTRIBUTES) {
            errors.add(path + "attributes has " + node.size() + " entries, more than " + MAX_ATTRIBUTES);
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getKey().length() > MAX_ATTRIBUTE_NAME_LENGTH) {
                errors.add(path + "attributes has a name of " + e.getKey().length() + " characters, more than "
                        + MAX_ATTRIBUTE_NAME_LENGTH);
                return;
            }
            if (e.getValue().isTextual()) {
                attributes.put(e.getKey(), e.getValue().textValue());
            } else {
                errors.add(path + "attributes." + e.getKey() + " must be a string, got " + e.getValue().getNodeType());
            }
        });
        return attributes;
    }
}
