-- detente store, schema version 2 (applied on top of version 1).
-- Event pages are read in (date, id) order straight from an index that matches the
-- filter: the dyad index (one scan per direction), one actor's country on either side
-- (one scan per side), a CAMEO root, or the date alone.
DROP INDEX IF EXISTS events_target_dyad;
CREATE INDEX IF NOT EXISTS events_source ON events(source_country, date);
CREATE INDEX IF NOT EXISTS events_target ON events(target_country, date);
CREATE INDEX IF NOT EXISTS events_root ON events(cameo_root, date);

-- A directed country dyad's events per day, ISO week and month, kept up to date by
-- every ingest (in its transaction), so a trend reads a few hundred rows instead of
-- the dyad's events. Goldstein is summed in tenths (the scale has one decimal), so
-- the sums are exact and `detente check` can compare them with a recomputation.
CREATE TABLE IF NOT EXISTS dyad_periods (
    source_country   TEXT NOT NULL,
    target_country   TEXT NOT NULL,
    period_kind      TEXT NOT NULL, -- 'day', 'week' or 'month'
    period           TEXT NOT NULL, -- 2024-03-01, 2024-W09, 2024-03
    events           INTEGER NOT NULL,
    quad1            INTEGER NOT NULL,
    quad2            INTEGER NOT NULL,
    quad3            INTEGER NOT NULL,
    quad4            INTEGER NOT NULL,
    goldstein_tenths INTEGER NOT NULL,
    mentions         INTEGER NOT NULL,
    PRIMARY KEY (source_country, target_country, period_kind, period)
) WITHOUT ROWID;
