-- detente store, schema version 4 (applied on top of version 3).
-- Each event keeps the evidence of its first mention as one JSON object (the members
-- of an event page from `article_id` on), kept by every ingest with `first_mention`,
-- so an events page reads one row per event and writes it out without re-encoding.
-- (Filled for the events already stored by the migration, with the same SQL as ingest.)
ALTER TABLE events ADD COLUMN evidence TEXT;
