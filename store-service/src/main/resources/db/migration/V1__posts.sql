-- Posts as dedup-service decided them (DESIGN §6). One row per post, one per paragraph (kept or removed).
CREATE TABLE post (
    post_id            text        PRIMARY KEY,
    source             text        NOT NULL,
    title              text        NOT NULL,
    url                text,
    published_at       timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    stored_at          timestamptz NOT NULL DEFAULT now(),
    revised_at         timestamptz NOT NULL DEFAULT now(),
    dateline_place     text,
    dateline_date      date,
    forwarded_from     text,
    hashtags           text[]      NOT NULL DEFAULT '{}',
    links              text[]      NOT NULL DEFAULT '{}',
    status             text        NOT NULL CHECK (status IN ('UNIQUE', 'PARTIAL', 'REPOST')),
    duplicate_of       text,
    revision           integer     NOT NULL CHECK (revision >= 1),
    normalizer_version integer     NOT NULL,
    -- The kept paragraphs, in order, separated by a blank line.
    body               text        NOT NULL,
    search             tsvector    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
);

-- Newest first with a keyset cursor on (published_at, post_id).
CREATE INDEX post_published_idx ON post (published_at DESC, post_id DESC);
CREATE INDEX post_source_published_idx ON post (source, published_at DESC, post_id DESC);
CREATE INDEX post_hashtags_idx ON post USING gin (hashtags);
CREATE INDEX post_search_idx ON post USING gin (search);

CREATE TABLE paragraph (
    post_id               text     NOT NULL REFERENCES post (post_id) ON DELETE CASCADE,
    position              integer  NOT NULL CHECK (position >= 0),
    text                  text     NOT NULL,
    kind                  text     NOT NULL CHECK (kind IN ('text', 'dateline', 'hashtags', 'elision')),
    kept                  boolean  NOT NULL,
    reason                text     CHECK (reason IN ('REPEATED_IN_POST', 'PUBLISHED_BEFORE', 'NEAR_DUPLICATE')),
    duplicate_of          text,
    duplicate_of_position integer,
    similarity            real,
    PRIMARY KEY (post_id, position),
    CHECK (kept = (reason IS NULL))
);

CREATE INDEX paragraph_duplicate_of_idx ON paragraph (duplicate_of) WHERE duplicate_of IS NOT NULL;
