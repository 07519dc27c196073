-- detente store, schema version 5 (applied on top of version 4).
-- Each event keeps itself as ready JSON (`events.json`): its own fields and its first
-- mention's evidence, the members of an event on the API's pages in order (all but
-- `cameo_name`, which the API adds from its CAMEO table). Every ingest writes it again
-- for each event it touches, with the counts and `first_mention`, so an events page is
-- one index walk and one stored JSON object per event. It replaces `events.evidence`
-- (version 4: the evidence alone), which the migration drops once `json` is filled.
ALTER TABLE events ADD COLUMN json TEXT;
