-- Issue 12. Whether publishedAt is a day the post's text gives (its dateline, or a date closing its headline) rather
-- than a time its source gave (NormalizedPost.publishedAtDerived). Rows stored before this column existed read as
-- false.
ALTER TABLE post ADD COLUMN published_at_derived boolean NOT NULL DEFAULT false;
