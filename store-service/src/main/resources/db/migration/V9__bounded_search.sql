-- The search vector reads the first 130,000 characters of the body (and 1,000 of the title, which ingest cuts to 300).
-- PostgreSQL refuses a tsvector whose lexemes and positions take more than 1 MB (SQLSTATE 54000, "string is too long
-- for tsvector"), and a post of about 100,000 distinct words, which ingest accepts (1,000,000 characters at most),
-- made the insert fail: the post was dead-lettered, stored nowhere, while dedup-service had already taken its
-- paragraphs as published. The densest input found: "X-Y " with X and Y letters of 4 bytes in UTF-8, which the parser
-- indexes whole and in its two parts, 30 bytes of lexemes and positions out of 4 characters; 130,000 characters of
-- it and such a title take at most 983 KB. News posts are far shorter. The column and its index are rebuilt: every
-- stored post's vector is computed again once, when store-service first starts with this migration.
ALTER TABLE post DROP COLUMN search;
ALTER TABLE post ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', left(title, 1000)), 'A')
    || setweight(to_tsvector('russian', left(body, 130000)), 'B')) STORED;
CREATE INDEX post_search_idx ON post USING gin (search);
