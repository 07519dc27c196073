-- detente store, schema version 1.
-- Articles are keyed by canonical URL (when known) and by a hash of their text.
CREATE TABLE IF NOT EXISTS articles (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT,
    url         TEXT UNIQUE,
    text_hash   TEXT NOT NULL UNIQUE,
    title       TEXT,
    published   TEXT,
    source      TEXT,
    text        TEXT NOT NULL,
    n_sentences INTEGER NOT NULL,
    doc_json    TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);

-- One row per real-world event, merged across articles in the manner of GDELT:
-- the key is (date, source code, target code, CAMEO code, location); '' means unknown.
CREATE TABLE IF NOT EXISTS events (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    source_code  TEXT NOT NULL,
    target_code  TEXT NOT NULL,
    cameo        TEXT NOT NULL,
    location     TEXT NOT NULL,
    cameo_root   TEXT NOT NULL,
    plover       TEXT,
    plover_mode  TEXT,
    goldstein    REAL NOT NULL,
    quad_class   INTEGER NOT NULL,
    source_country TEXT NOT NULL,
    target_country TEXT NOT NULL,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_sources  INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    first_added  TEXT NOT NULL,
    UNIQUE (date, source_code, target_code, cameo, location)
);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, date);
CREATE INDEX IF NOT EXISTS events_target_dyad ON events(target_country, source_country, date);
CREATE INDEX IF NOT EXISTS events_date ON events(date);

-- Every mention of an event, with its article, sentence and evidence spans
-- (character offsets into the article's text, as in the JSON output).
CREATE TABLE IF NOT EXISTS mentions (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events(id),
    article_id    INTEGER NOT NULL REFERENCES articles(id),
    sentence_idx  INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end  INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    source_start  INTEGER,
    source_end    INTEGER,
    target_start  INTEGER,
    target_end    INTEGER,
    sentence_text TEXT NOT NULL,
    trigger_text  TEXT NOT NULL,
    source_name   TEXT,
    target_name   TEXT,
    quote_idx     INTEGER,
    outlet        TEXT NOT NULL,
    date_from     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);

CREATE TABLE IF NOT EXISTS actors (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    actor_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    code       TEXT,
    country    TEXT,
    sector     TEXT,
    title      TEXT,
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);

CREATE TABLE IF NOT EXISTS quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    quote_idx    INTEGER NOT NULL,
    text         TEXT NOT NULL,
    direct       INTEGER NOT NULL,
    speaker_name TEXT,
    speaker_code TEXT,
    speaker_text TEXT,
    cue          TEXT,
    via          TEXT,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);

-- Full-text search over article text and quotes (external-content FTS5 tables).
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='id');
