-- The SHA-256 of the stored decision's content (PostRepository.contentDigest): everything a reader sees of the post,
-- without its receipt time and its version. Once dedup-service has forgotten a post (past its retention), a
-- re-delivered or re-imported copy of it is decided again in a new revision epoch; when that decision is the same as
-- the stored one, the store leaves the row alone instead of writing a revision with a new event id. Rows stored
-- before this column existed have none and are written once more.
ALTER TABLE post ADD COLUMN decision_sha256 bytea;
