-- detente store, schema version 3 (applied on top of version 2).
-- Covering indexes for event pages: the columns the page filters test (actor codes,
-- CAMEO root and code) ride along with (date, id), so a page with a sector or CAMEO
-- filter is chosen from the index alone and only its rows are read from the table.
-- `id` is named before them so the index still yields (date, id) order.
DROP INDEX IF EXISTS events_dyad;
CREATE INDEX events_dyad ON events(source_country, target_country, date, id, source_code, target_code, cameo_root, cameo);
DROP INDEX IF EXISTS events_source;
CREATE INDEX events_source ON events(source_country, date, id, source_code, cameo_root, cameo);
DROP INDEX IF EXISTS events_target;
CREATE INDEX events_target ON events(target_country, date, id, target_code, cameo_root, cameo);
DROP INDEX IF EXISTS events_root;
CREATE INDEX events_root ON events(cameo_root, date, id, cameo);

-- The event's first mention (its evidence on event pages), kept by every ingest, so a
-- page reads it directly instead of searching the mentions of each event.
ALTER TABLE events ADD COLUMN first_mention INTEGER;
UPDATE events SET first_mention = (SELECT min(m.id) FROM mentions m WHERE m.event_id = events.id);
