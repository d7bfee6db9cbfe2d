-- Issue 12. What the readers found and the store dropped: the post's author as its source names it (a channel post's
-- signature, a feed item's author), the kind of media it carries, when the source says it was last edited, and
-- whether the source's date had no zone and was read as UTC (NormalizedPost author, mediaType, editedAt,
-- publishedAtZoneAssumed). Rows stored before these columns existed read as null and false.
ALTER TABLE post ADD COLUMN author text;
ALTER TABLE post ADD COLUMN media_type text;
ALTER TABLE post ADD COLUMN edited_at timestamptz;
ALTER TABLE post ADD COLUMN published_at_zone_assumed boolean NOT NULL DEFAULT false;
