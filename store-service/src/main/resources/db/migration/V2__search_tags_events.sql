-- Full-text search in English and Russian (issue 5). PostgreSQL's 'russian' configuration stems Cyrillic words with
-- the Russian Snowball stemmer and ASCII words with the English one, so one tsvector serves both languages. The title
-- weighs more (A) than the body (B) in the ranking.
ALTER TABLE post DROP COLUMN search;
ALTER TABLE post ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', body), 'B')) STORED;
CREATE INDEX post_search_idx ON post USING gin (search);

-- Hashtags, case-folded, for the tag filter.
ALTER TABLE post ADD COLUMN tags_folded text[] NOT NULL DEFAULT '{}';
UPDATE post SET tags_folded = ARRAY(SELECT lower(t) FROM unnest(hashtags) AS t);
DROP INDEX post_hashtags_idx;
CREATE INDEX post_tags_folded_idx ON post USING gin (tags_folded);

-- Every insert or revision of a post takes the next event number: the id of its Server-Sent Event, from which a
-- client resumes (Last-Event-ID).
CREATE SEQUENCE post_event_seq;
ALTER TABLE post ADD COLUMN event_id bigint;
UPDATE post SET event_id = nextval('post_event_seq');
ALTER TABLE post ALTER COLUMN event_id SET NOT NULL;
CREATE UNIQUE INDEX post_event_id_idx ON post (event_id);
