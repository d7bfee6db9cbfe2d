package newsfeed.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.api.JsonBody;

/**
 * The body of {@code POST /api/telegram/channels}: {@code {"channel": "harbour_desk", "intervalSeconds": 300,
 * "backfill": 20, "source": "slug", "itemIdScope": "feed"}}.
 *
 * <ul>
 *   <li>{@code channel} required: the public channel's username, with or without a leading {@code @} or a
 *       {@code https://t.me/} prefix: 5 to 32 letters, digits and underscores, starting with a letter (Telegram's
 *       rule for public usernames); case does not matter (Telegram's usernames are case-insensitive), it is kept in
 *       lower case;</li>
 *   <li>{@code intervalSeconds} required, as for feeds ({@code newsfeed.feeds.min-interval}..{@code max-interval});</li>
 *   <li>{@code backfill} optional, default 20 (one preview page): how many existing posts the first poll publishes,
 *       0 to {@code newsfeed.feeds.max-backfill};</li>
 *   <li>{@code source} optional: the posts' source slug; default: the channel's name;</li>
 *   <li>{@code itemIdScope} optional: {@code "source"} or {@code "feed"}, whether a message id names its post within
 *       the source or within the subscription, as for feeds ({@link FeedSubscription#scopedAmong}, which decides
 *       when it is absent).</li>
 * </ul>
 * Another field is refused, named as for feeds ({@link FeedSubscriptionRequest}). All problems are reported at once,
 * each naming its field, as
 * {@code 400 {"error": "invalid channel subscription", "details": [...]}}.
 *
 * @param channel         the username, lower case, without {@code @} or URL
 * @param intervalSeconds the interval
 * @param backfill        posts the first poll publishes
 * @param source          the source slug as given, or null
 * @param itemIdScope     the scope given, or null when the request has none
 */
public record TelegramChannelRequest(String channel, int intervalSeconds, int backfill, String source,
        String itemIdScope) {

    /** Posts one preview page shows, the default backfill. */
    public static final int DEFAULT_BACKFILL = 20;

    /** The fields a channel subscription request takes. */
    static final Set<String> FIELDS = Set.of("channel", "intervalSeconds", "backfill", "source", "itemIdScope");

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{4,31}");
    private static final String ERROR = "invalid channel subscription";

    /**
     * @throws InvalidRequestException for invalid JSON (line and column) or invalid fields (named)
     */
    public static TelegramChannelRequest read(byte[] body, long minIntervalSeconds, long maxIntervalSeconds,
            int maxBackfill) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw new InvalidRequestException(ERROR, List.of("expected a JSON object, got " + root.getNodeType()));
        }
        List<String> errors = new ArrayList<>();
        String channel = channel(root.get("channel"), errors);
        Integer interval = FeedSubscriptionRequest.interval(root, minIntervalSeconds, maxIntervalSeconds, errors);
        Integer backfill = backfill(root.get("backfill"), maxBackfill, errors);
        String source = FeedSubscriptionRequest.source(root, errors);
        String scope = FeedSubscriptionRequest.itemIdScope(root, errors);
        FeedSubscriptionRequest.refuseUnknown(root, FIELDS, "a channel subscription", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(ERROR, errors);
        }
        return new TelegramChannelRequest(channel, interval, backfill, source, scope);
    }

    /** The source given, else the channel's name (a username is always a valid slug). */
    public String sourceOrDefault() {
        return source != null ? source : channel;
    }

    private static String channel(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("channel is required");
            return null;
        }
        if (!node.isTextual()) {
            errors.add("channel must be a string, got " + node.getNodeType());
            return null;
        }
        String value = node.textValue().strip();
        String name = value;
        for (String prefix : List.of("https://t.me/s/", "https://t.me/", "t.me/s/", "t.me/", "@")) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                name = name.substring(prefix.length());
                break;
            }
        }
        if (!USERNAME.matcher(name).matches()) {
            errors.add("channel must be a public channel's username (5 to 32 letters, digits or _, starting with a "
                    + "letter), got " + ApiError.quote(value));
            return null;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static Integer backfill(JsonNode node, int max, List<String> errors) {
        if (node == null || node.isNull()) {
            return Math.min(DEFAULT_BACKFILL, max);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > max) {
            errors.add("backfill must be a whole number from 0 to " + max + " (newsfeed.feeds.max-backfill), got "
                    + node);
            return null;
        }
        return node.intValue();
    }
}
