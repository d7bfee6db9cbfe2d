-- Issue 10. Whether publishedAt was clamped: the source's date (or its dateline's) lay further in the future than
-- ingest allows, so publishedAt is the receipt time instead. Rows stored before this column existed read as false.
ALTER TABLE post ADD COLUMN published_at_clamped boolean NOT NULL DEFAULT false;

-- The revision epoch of the stored decision (DeduplicatedPost.revisionEpoch): dedup-service counts a post's revisions
-- from 1 again once it has forgotten the post, in a later epoch. The store keeps the decision with the highest
-- (revision_epoch, revision), a null epoch (decisions from before epochs existed) before any other: contracts'
-- PostVersion. Kept at PostgreSQL's microsecond precision, to which the store truncates epochs before comparing.
ALTER TABLE post ADD COLUMN revision_epoch timestamptz;
