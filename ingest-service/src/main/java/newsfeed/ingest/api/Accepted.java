package newsfeed.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The 202 answer to an ingest request: how many posts were written to {@code posts.raw}, their ids in request (or
 * dump) order, and the fields of the request that no post took ({@code ignored}, left out when there are none).
 */
public record Accepted(int accepted, List<String> postIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ignored) {

    /** An answer with nothing ignored. */
    public Accepted(int accepted, List<String> postIds) {
        this(accepted, postIds, List.of());
    }
}
