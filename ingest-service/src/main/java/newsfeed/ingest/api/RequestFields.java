package newsfeed.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request's JSON object holds that the route does not take, named with the field that was probably meant:
 * {@code published_at: not a field of a post; did you mean publishedAt?}. One rule for the routes that name such
 * fields; each decides whether one is ignored and named in its answer ({@code POST /api/posts}, where a producer may
 * send records holding more than a post) or refused ({@code POST /api/feeds}, {@code POST /api/telegram/channels},
 * where a misspelt optional field would silently subscribe otherwise than asked).
 */
public final class RequestFields {

    private RequestFields() {
    }

    /**
     * @param object the request's object (not null)
     * @param fields the fields the route takes
     * @return the names of {@code object}'s fields outside {@code fields}, in the request's order
     */
    public static List<String> unknown(JsonNode object, Set<String> fields) {
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        });
        return unknown;
    }

    /**
     * @param name   a field the route does not take
     * @param fields the fields the route takes
     * @param what   what the request's object is, as the message names it ({@code "a post"})
     * @return {@code name + ": not a field of " + what}, with {@code "; did you mean X?"} when it differs from a
     *     field {@code X} only in case or separators ({@code published_at}, {@code Published-At})
     */
    public static String notAField(String name, Set<String> fields, String what) {
        return name + ": not a field of " + what + meant(name, fields);
    }

    /** {@code "; did you mean X?"} for the field X that {@code name} differs from only in case or separators. */
    private static String meant(String name, Set<String> fields) {
        String folded = fold(name);
        return fields.stream().filter(field -> fold(field).equals(folded)).findFirst()
                .map(field -> "; did you mean " + field + "?").orElse("");
    }

    /** A field name in lower case without separators: published_at, Published-At and publishedAt are one. */
    private static String fold(String name) {
        return name.replaceAll("[^\\p{Alnum}]", "").toLowerCase(Locale.ROOT);
    }
}
