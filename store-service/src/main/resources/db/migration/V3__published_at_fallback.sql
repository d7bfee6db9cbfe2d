-- Whether publishedAt is a stand-in (issue 4): the source gave no date, or one that could not be parsed, and the post
-- had no dateline, so publishedAt is when the post was received. Rows stored before this column existed are unknown
-- and read as false.
ALTER TABLE post ADD COLUMN published_at_fallback boolean NOT NULL DEFAULT false;
