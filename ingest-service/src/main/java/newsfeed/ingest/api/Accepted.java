package newsfeed.ingest.api;

import java.util.List;

/**
 * The 202 answer to an ingest request: how many posts were written to {@code posts.raw}, and their ids in request
 * (or dump) order.
 */
public record Accepted(int accepted, List<String> postIds) {
}
