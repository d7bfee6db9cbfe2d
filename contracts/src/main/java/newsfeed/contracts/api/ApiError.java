package newsfeed.contracts.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import newsfeed.contracts.text.WellFormedText;

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
     * The answer to a path no route of the service serves: 404 with an {@code ApiError} ({@code "not found"}, the
     * framework's message as its detail), the same from every service. A review found ingest and dedup answering
     * such a path with an HTML page.
     */
    public static Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("not found", List.of(String.valueOf(e.getMessage()))))
                .type(MediaType.APPLICATION_JSON).build();
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
            return "\"" + escapeUnpaired(value) + "\"";
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_QUOTED_CHARS - 1)) ? MAX_QUOTED_CHARS - 1
                : MAX_QUOTED_CHARS;
        return "\"" + escapeUnpaired(value.substring(0, end)) + "…\" (" + value.length() + " characters)";
    }

    /** An unpaired surrogate cannot be written as JSON ({@link WellFormedText}): it is shown as its escape. */
    private static String escapeUnpaired(String value) {
        if (WellFormedText.isWellFormed(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
