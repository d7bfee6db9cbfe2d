package newsfeed.contracts.api;

import java.util.List;

/**
 * The body of every error response of the services' HTTP APIs (DESIGN §7):
 * {@code {"error": "<what went wrong>", "details": ["<where and why>", ...]}}.
 * Details name the field (as a JSON path such as {@code [2].body}) or the line, column or byte position.
 */
public record ApiError(String error, List<String> details) {

    /** Characters of a bad value a detail repeats; the rest is counted, not echoed. */
    public static final int MAX_QUOTED_CHARS = 100;

    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /**
     * A bad value as a detail shows it: in double quotes, cut after {@value #MAX_QUOTED_CHARS} characters (never
     * inside a surrogate pair) with the full length named, so that a 1 MB value sent in the wrong field does not come
     * back as a 1 MB error.
     *
     * @return e.g. {@code "ftp://x"}, or {@code "aaaa…" (1000000 characters)}; {@code null} for null
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_QUOTED_CHARS) {
            return "\"" + value + "\"";
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_QUOTED_CHARS - 1)) ? MAX_QUOTED_CHARS - 1
                : MAX_QUOTED_CHARS;
        return "\"" + value.substring(0, end) + "…\" (" + value.length() + " characters)";
    }
}
