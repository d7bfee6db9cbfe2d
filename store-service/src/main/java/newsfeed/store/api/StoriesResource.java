package newsfeed.store.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import newsfeed.store.db.PostQueries;

/**
 * Stories (issue 12): posts linked by paragraphs dedup removed in favour of another post (contracts
 * {@code StoryClusters}, kept by the store's {@code StoryIndex}).
 *
 * <p>{@code GET /api/stories?limit=&after=} → {@code {"items": [Story...], "next": cursor|null}}: stories of two
 * posts or more (a post linked to none is a story of one, with its own postId as storyId, and is listed by
 * {@code /api/posts} only), newest first by their newest post's {@code publishedAt}, then {@code storyId}; each
 * with its post count, first and last publication time, its sources and its {@value #POSTS_PER_STORY} newest posts
 * ({@code GET /api/posts?story=<storyId>} lists them all). {@code limit} 1–{@value PostsResource#MAX_LIMIT}, default
 * {@value PostsResource#DEFAULT_LIMIT}; {@code after} the {@code next} of the previous page (keyset on the newest
 * post's time and the storyId: a story that keeps both while a client pages is listed once; one that gains a newer
 * post meanwhile moves ahead of the cursor, to the first page, and one that loses its newest post or its storyId (an
 * earlier post joins, a revision splits it) may be listed again or not at all). 400 naming the parameter when one is
 * bad.
 */
@Path("/api/stories")
@Produces(MediaType.APPLICATION_JSON)
public class StoriesResource {

    /** Posts listed with each story, its newest: a story of hundreds of posts keeps a page small. */
    static final int POSTS_PER_STORY = 20;

    @Inject
    PostQueries queries;

    @GET
    public PostViews.StoryPage list(@QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        int size = PostsResource.parseLimit(limit, PostsResource.DEFAULT_LIMIT);
        Optional<PostQueries.Cursor> cursor = PostsResource.present(after).map(PageCursor::decodeStories);
        List<PostViews.Story> stories = queries.stories(cursor, size + 1, POSTS_PER_STORY);
        List<PostViews.Story> page = stories.size() > size ? stories.subList(0, size) : stories;
        String next = null;
        if (stories.size() > size) {
            PostViews.Story last = page.get(size - 1);
            next = PageCursor.encodeStories(new PostQueries.Cursor(null, last.lastPublishedAt(), last.storyId()));
        }
        return new PostViews.StoryPage(page, next);
    }
}
