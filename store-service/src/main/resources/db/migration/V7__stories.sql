-- Issue 12. Stories: posts linked by paragraphs dedup removed in favour of another post (contracts StoryClusters).
-- A post's story is named by the postId of its earliest post; a post linked to nothing is its own story. Kept by
-- the store's write transaction (StoryIndex). Posts stored before this migration start as stories of one each; their
-- links count once they, or a post linked to them, are written again.
ALTER TABLE post ADD COLUMN story_id text;
UPDATE post SET story_id = post_id;
ALTER TABLE post ALTER COLUMN story_id SET NOT NULL;
-- GET /api/posts?story= newest first, and the members of a story when a write recomputes it.
CREATE INDEX post_story_idx ON post (story_id, published_at DESC, post_id DESC);

-- The links pointing to a kept paragraph (its copies), counted up to newsfeed.store.stories.max-copies + 1 to tell
-- boilerplate; a null duplicate_of_position (records from before it existed) counts as position -1.
CREATE INDEX paragraph_story_link_idx ON paragraph (duplicate_of, coalesce(duplicate_of_position, -1))
    WHERE reason IN ('PUBLISHED_BEFORE', 'NEAR_DUPLICATE');

-- One row per story: GET /api/stories lists those of two posts or more, by their newest post.
CREATE TABLE story (
    story_id           text        PRIMARY KEY,
    post_count         integer     NOT NULL CHECK (post_count >= 1),
    first_published_at timestamptz NOT NULL,
    last_published_at  timestamptz NOT NULL
);
INSERT INTO story (story_id, post_count, first_published_at, last_published_at)
    SELECT post_id, 1, published_at, published_at FROM post;
CREATE INDEX story_listing_idx ON story (last_published_at DESC, story_id DESC) WHERE post_count > 1;
