package newsfeed.store.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import newsfeed.store.db.PostQueries;

/**
 * Read API of stored posts (DESIGN §6).
 *
 * <ul>
 *   <li>{@code GET /api/posts?source=&limit=&after=} → {@code {"items": [...], "next": cursor|null}}, newest first
 *       ({@code publishedAt}, then {@code postId}); {@code limit} 1–{@value #MAX_LIMIT}, default
 *       {@value #DEFAULT_LIMIT}; {@code after} is the {@code next} of the previous page.</li>
 *   <li>{@code GET /api/posts/{postId}} → the post, its kept {@code paragraphs} in order and its {@code removed}
 *       paragraphs with reason and {@code duplicateOf}; 404 if unknown.</li>
 * </ul>
 * Bad parameters are answered 400 with an {@code ApiError} naming the parameter.
 */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostsResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    @Inject
    PostQueries queries;

    @GET
    public PostViews.Page list(@QueryParam("source") String source,
            @QueryParam("limit") @DefaultValue("" + DEFAULT_LIMIT) String limit, @QueryParam("after") String after) {
        int size = parseLimit(limit);
        Optional<PostQueries.Cursor> cursor = Optional.ofNullable(after).filter(a -> !a.isBlank())
                .map(PageCursor::decode);
        List<PostViews.Summary> rows = queries.list(Optional.ofNullable(source).filter(s -> !s.isBlank()), cursor,
                size + 1);
        List<PostViews.Summary> items = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size
                ? PageCursor.encode(new PostQueries.Cursor(items.get(size - 1).publishedAt(),
                        items.get(size - 1).postId()))
                : null;
        return new PostViews.Page(List.copyOf(items), next);
    }

    @GET
    @Path("{postId}")
    public PostViews.Detail get(@PathParam("postId") String postId) {
        return queries.find(postId).orElseThrow(() -> new NotFoundException("no post " + postId));
    }

    private static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException("limit", "must be an integer from 1 to " + MAX_LIMIT + ", got \"" + limit
                + "\"");
    }
}
