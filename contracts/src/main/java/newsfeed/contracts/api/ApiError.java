package newsfeed.contracts.api;

import java.util.List;

/**
 * The body of every error response of the services' HTTP APIs (DESIGN §7):
 * {@code {"error": "<what went wrong>", "details": ["<where and why>", ...]}}.
 * Details name the field (as a JSON path such as {@code [2].body}) or the line, column or byte position.
 */
public record ApiError(String error, List<String> details) {

    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }
}
