//! Taking coded articles into the store: idempotent, batched, and merging events.

use crate::{Result, Store};
use detente_doc::output::{Article, OutActor, OutEvent};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// What happened to one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngestOutcome {
    /// New article, with the number of event mentions stored.
    Added { mentions: usize },
    /// The same text is already stored (same article, or the same story syndicated).
    Duplicate,
    /// A new version of an article already stored under the same URL: its events replace the old ones.
    Replaced { mentions: usize },
}

/// The outcome of one batch (one transaction).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchReport {
    pub added: usize,
    pub duplicates: usize,
    pub replaced: usize,
    pub mentions: usize,
    /// Articles that could not be stored: (article id or position, reason). The rest of the batch is kept.
    pub failed: Vec<(String, String)>,
}

impl BatchReport {
    pub fn merge(&mut self, other: &BatchReport) {
        self.added += other.added;
        self.duplicates += other.duplicates;
        self.replaced += other.replaced;
        self.mentions += other.mentions;
        self.failed.extend(other.failed.iter().cloned());
    }
}

/// The hash that identifies an article's text (hex SHA-256).
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The country part of a CAMEO actor code (its first three letters), or "".
pub fn country_of(code: &str) -> String {
    let head: String = code.chars().take(3).collect();
    if head.len() == 3 && head.chars().all(|c| c.is_ascii_uppercase()) {
        head
    } else {
        String::new()
    }
}

impl Store {
    /// Store a batch of coded articles in one transaction. A failing article is
    /// rolled back alone (savepoint) and reported; the others are committed.
    pub fn ingest_batch(&mut self, articles: &[Article]) -> Result<BatchReport> {
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut tx = self.conn.transaction()?;
        let mut report = BatchReport::default();
        let mut touched = BTreeSet::new();
        for (i, article) in articles.iter().enumerate() {
            let name = article
                .id
                .clone()
                .or_else(|| article.url.clone())
                .unwrap_or_else(|| format!("#{i}"));
            let sp = tx.savepoint()?;
            match store_article(&sp, article, &now, &mut touched) {
                Ok(outcome) => {
                    sp.commit()?;
                    match outcome {
                        IngestOutcome::Added { mentions } => {
                            report.added += 1;
                            report.mentions += mentions;
                        }
                        IngestOutcome::Replaced { mentions } => {
                            report.replaced += 1;
                            report.mentions += mentions;
                        }
                        IngestOutcome::Duplicate => report.duplicates += 1,
                    }
                }
                Err(e) => {
                    drop(sp); // rolls back this article only
                    report.failed.push((name, e.to_string()));
                }
            }
        }
        let dyad_days = crate::aggregate::keys_of(&tx, &touched)?;
        refresh_event_counts(&tx, &touched)?;
        crate::aggregate::refresh(&tx, &dyad_days)?;
        tx.commit()?;
        Ok(report)
    }
}

fn store_article(conn: &rusqlite::Connection, a: &Article, now: &str, touched: &mut BTreeSet<i64>) -> Result<IngestOutcome> {
    let hash = text_hash(&a.text);
    let existing: Option<i64> = conn
        .query_row("SELECT id FROM articles WHERE text_hash = ?1", [&hash], |r| r.get(0))
        .optional()?;
    if existing.is_some() {
        return Ok(IngestOutcome::Duplicate);
    }
    let replaced = delete_older_version(conn, a, touched)?;
    let article_id = insert_article(conn, a, &hash, now)?;
    insert_actors(conn, article_id, a)?;
    insert_quotes(conn, article_id, a)?;
    let mut mentions = 0;
    for e in &a.events {
        let event_id = upsert_event(conn, e, now)?;
        touched.insert(event_id);
        mentions += insert_mentions(conn, event_id, article_id, a, e)?;
    }
    Ok(if replaced {
        IngestOutcome::Replaced { mentions }
    } else {
        IngestOutcome::Added { mentions }
    })
}

/// Delete the article stored under the same URL, if any (this one is its new version).
fn delete_older_version(conn: &rusqlite::Connection, a: &Article, touched: &mut BTreeSet<i64>) -> Result<bool> {
    let Some(url) = a.url.as_deref().filter(|u| !u.is_empty()) else {
        return Ok(false);
    };
    let old: Option<i64> = conn
        .query_row("SELECT id FROM articles WHERE url = ?1", [url], |r| r.get(0))
        .optional()?;
    match old {
        Some(old) => {
            delete_article(conn, old, touched)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The article's row and its full-text entry; returns its id.
fn insert_article(conn: &rusqlite::Connection, a: &Article, hash: &str, now: &str) -> Result<i64> {
    let doc_json = serde_json::to_string(a).map_err(|e| crate::StoreError::Export(e.to_string()))?;
    let article_id: i64 = conn.query_row(
        "INSERT INTO articles (ext_id, url, text_hash, title, published, source, text, n_sentences, doc_json, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        params![
            a.id,
            a.url.as_deref().filter(|u| !u.is_empty()),
            hash,
            a.title,
            a.published,
            a.source,
            a.text,
            a.sentences.len() as i64,
            doc_json,
            now
        ],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![article_id, a.title.as_deref().unwrap_or(""), a.text],
    )?;
    Ok(article_id)
}

fn insert_actors(conn: &rusqlite::Connection, article_id: i64, a: &Article) -> Result<()> {
    for actor in &a.actors {
        conn.execute(
            "INSERT INTO actors (article_id, actor_id, name, kind, code, country, sector, title, n_mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                article_id,
                actor.id,
                actor.name,
                serde_json::to_value(actor.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                actor.code,
                actor.country,
                actor.sector,
                actor.title,
                actor.mentions.len() as i64
            ],
        )?;
    }
    Ok(())
}

/// The article's actor with this output id (`A1`).
fn actor_of<'a>(a: &'a Article, id: &Option<String>) -> Option<&'a OutActor> {
    id.as_ref().and_then(|id| a.actors.iter().find(|x| &x.id == id))
}

/// The quotes, each with its full-text entry (searchable by speaker).
fn insert_quotes(conn: &rusqlite::Connection, article_id: i64, a: &Article) -> Result<()> {
    for (qi, q) in a.quotes.iter().enumerate() {
        let speaker = actor_of(a, &q.speaker);
        let quote_id: i64 = conn.query_row(
            "INSERT INTO quotes (article_id, quote_idx, text, direct, speaker_name, speaker_code, speaker_text, cue, via, start_char, end_char)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
            params![
                article_id,
                qi as i64,
                q.text,
                q.direct,
                speaker.map(|s| s.name.clone()),
                speaker.and_then(|s| s.code.clone()),
                q.speaker_text,
                q.cue.as_ref().map(|c| c.text.clone()),
                q.via.as_ref().map(|v| v.text.clone()),
                q.start as i64,
                q.end as i64
            ],
            |r| r.get(0),
        )?;
        let speaker_name = speaker
            .map(|s| s.name.clone())
            .or_else(|| q.speaker_text.clone())
            .unwrap_or_default();
        conn.execute(
            "INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (?1, ?2, ?3)",
            params![quote_id, q.text, speaker_name],
        )?;
    }
    Ok(())
}

/// One mention row per sentence the event is found in (its first, then its repeats);
/// returns how many.
fn insert_mentions(conn: &rusqlite::Connection, event_id: i64, article_id: i64, a: &Article, e: &OutEvent) -> Result<usize> {
    let outlet = a.source.clone().unwrap_or_default();
    let sentence_idx = |start: usize| a.sentences.iter().position(|s| s.start == start).map(|i| i as i64).unwrap_or(-1);
    let mut evidence = vec![(&e.sentence, &e.trigger)];
    evidence.extend(e.repeats.iter().map(|r| (&r.sentence, &r.trigger)));
    for (sentence, trigger) in &evidence {
        conn.execute(
            "INSERT INTO mentions (event_id, article_id, sentence_idx, sentence_start, sentence_end, trigger_start, trigger_end,
                source_start, source_end, target_start, target_end, sentence_text, trigger_text, source_name, target_name, quote_idx, outlet, date_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                event_id,
                article_id,
                sentence_idx(sentence.start),
                sentence.start as i64,
                sentence.end as i64,
                trigger.start as i64,
                trigger.end as i64,
                e.source_mention.as_ref().map(|m| m.start as i64),
                e.source_mention.as_ref().map(|m| m.end as i64),
                e.target_mention.as_ref().map(|m| m.start as i64),
                e.target_mention.as_ref().map(|m| m.end as i64),
                sentence.text,
                trigger.text,
                actor_of(a, &e.source).map(|x| x.name.clone()),
                actor_of(a, &e.target).map(|x| x.name.clone()),
                e.quote.map(|q| q as i64),
                outlet,
                serde_json::to_value(e.date_from)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ],
        )?;
    }
    Ok(evidence.len())
}

fn upsert_event(conn: &rusqlite::Connection, e: &OutEvent, now: &str) -> Result<i64> {
    let source = e.source_code.clone().unwrap_or_default();
    let target = e.target_code.clone().unwrap_or_default();
    let location = e.location.as_ref().map(|l| l.text.clone()).unwrap_or_default();
    Ok(conn.query_row(
        "INSERT INTO events (date, source_code, target_code, cameo, location, cameo_root, plover, goldstein, quad_class,
            source_country, target_country, first_added, plover_mode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (date, source_code, target_code, cameo, location) DO UPDATE SET cameo = excluded.cameo
         RETURNING id",
        params![
            e.date.clone().unwrap_or_default(),
            source,
            target,
            e.cameo,
            location,
            e.cameo_root,
            e.plover,
            e.goldstein as f64,
            e.quad_class as i64,
            country_of(&source),
            country_of(&target),
            now,
            e.plover_mode
        ],
        |r| r.get(0),
    )?)
}

/// Remove an article with its actors, quotes and mentions (its events are refreshed later).
pub(crate) fn delete_article(conn: &rusqlite::Connection, id: i64, touched: &mut BTreeSet<i64>) -> Result<()> {
    let mut stmt = conn.prepare("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?1")?;
    for ev in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
        touched.insert(ev?);
    }
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', id, coalesce(title, ''), text FROM articles WHERE id = ?1",
        [id],
    )?;
    conn.execute(
        "INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
         SELECT 'delete', q.id, q.text, coalesce(q.speaker_name, q.speaker_text, '') FROM quotes q WHERE q.article_id = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM mentions WHERE article_id = ?1", [id])?;
    conn.execute("DELETE FROM actors WHERE article_id = ?1", [id])?;
    conn.execute("DELETE FROM quotes WHERE article_id = ?1", [id])?;
    conn.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    Ok(())
}

/// Recompute mention, source and article counts and the first mention of the given
/// events, and their JSON (which holds both); drop events left without mentions.
fn refresh_event_counts(conn: &rusqlite::Connection, events: &BTreeSet<i64>) -> Result<()> {
    let mut update = conn.prepare(
        "UPDATE events SET
            num_mentions = (SELECT count(*) FROM mentions WHERE event_id = ?1),
            num_articles = (SELECT count(DISTINCT article_id) FROM mentions WHERE event_id = ?1),
            num_sources  = (SELECT count(DISTINCT outlet) FROM mentions WHERE event_id = ?1),
            first_mention = (SELECT min(id) FROM mentions WHERE event_id = ?1)
         WHERE id = ?1",
    )?;
    // after `first_mention` is set (an UPDATE's expressions see the row as it was)
    let mut json = conn.prepare(&format!(
        "UPDATE events SET json = {} WHERE id = ?1",
        crate::query::event_json("events", "events.first_mention")
    ))?;
    let mut remove = conn.prepare("DELETE FROM events WHERE id = ?1 AND num_mentions = 0")?;
    for id in events {
        update.execute([id])?;
        json.execute([id])?;
        remove.execute([id])?;
    }
    Ok(())
}
