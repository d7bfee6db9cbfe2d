-- The search vector reads the first 150,000 characters of the body. PostgreSQL refuses a tsvector whose lexemes and
-- positions take more than 1 MB (SQLSTATE 54000, "string is too long for tsvector"), and a post of about 100,000
-- distinct words, which ingest accepts (1,000,000 characters at most), made the insert fail: the post was
-- dead-lettered, stored nowhere, while dedup-service had already taken its paragraphs as published. A lexeme with
-- one position takes at most 4 bytes per character of input with its separator (a one-letter word of a 4-byte
-- UTF-8 letter), so 150,000 characters stay below 600 KB, with room for case folding that lengthens a letter; news
-- posts are far shorter. The column and its index are rebuilt:
-- every stored post's vector is computed again once, when store-service first starts with this migration.
ALTER TABLE post DROP COLUMN search;
ALTER TABLE post ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', left(body, 150000)), 'B')) STORED;
CREATE INDEX post_search_idx ON post USING gin (search);
