//! Queries: events with their evidence, dyad trends, quotes by speaker, articles.

use crate::{Result, Store, StoreError};
use detente_doc::output::Article;
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

/// Two actors whose relation is asked about: `USA:CHN`, or with sectors `USAGOV:CHNMIL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dyad {
    pub a: String,
    pub b: String,
    /// Only events from `a` to `b` (otherwise both directions).
    pub directed: bool,
}

impl Dyad {
    /// Parse `A:B` (case-insensitive codes of at least three letters).
    pub fn parse(s: &str, directed: bool) -> Result<Dyad> {
        let (a, b) = s
            .split_once(':')
            .ok_or_else(|| StoreError::Query(format!("a dyad is written A:B (e.g. USA:CHN), got {s:?}")))?;
        let valid = |c: &str| c.len() >= 3 && c.chars().all(|ch| ch.is_ascii_alphabetic());
        if !valid(a) || !valid(b) {
            return Err(StoreError::Query(format!(
                "dyad codes are letters, at least three (e.g. USA:CHN), got {s:?}"
            )));
        }
        Ok(Dyad {
            a: a.to_ascii_uppercase(),
            b: b.to_ascii_uppercase(),
            directed,
        })
    }
}

/// SQL condition and parameters for one direction of a dyad.
fn side(code: &str, country_col: &str, code_col: &str, params: &mut Vec<Value>) -> String {
    params.push(Value::Text(code[..3].to_string()));
    let mut cond = format!("{country_col} = ?{}", params.len());
    if code.len() > 3 {
        params.push(Value::Text(format!("{code}%")));
        cond = format!("({cond} AND {code_col} LIKE ?{})", params.len());
    }
    cond
}

fn dyad_condition(d: &Dyad, params: &mut Vec<Value>) -> String {
    let forward = format!(
        "({} AND {})",
        side(&d.a, "source_country", "source_code", params),
        side(&d.b, "target_country", "target_code", params)
    );
    if d.directed {
        forward
    } else {
        let back = format!(
            "({} AND {})",
            side(&d.b, "source_country", "source_code", params),
            side(&d.a, "target_country", "target_code", params)
        );
        format!("({forward} OR {back})")
    }
}

#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    pub dyad: Option<Dyad>,
    /// Events with this actor code (prefix) on either side.
    pub actor: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// CAMEO root (`04`) or code (`042`) prefix.
    pub cameo: Option<String>,
    pub plover: Option<String>,
    /// Full-text search over the evidence articles.
    pub text: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// A merged event with one example of its evidence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EventRow {
    pub id: i64,
    pub date: String,
    pub source_code: String,
    pub target_code: String,
    pub cameo: String,
    pub cameo_root: String,
    pub plover: Option<String>,
    pub goldstein: f64,
    pub quad_class: i64,
    pub location: String,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub article_id: Option<i64>,
    pub sentence: Option<String>,
    pub trigger: Option<String>,
    pub trigger_start: Option<i64>,
    pub sentence_start: Option<i64>,
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    /// Evidence spans (character offsets into the article text) of the first mention.
    pub source_span: Option<(i64, i64)>,
    pub target_span: Option<(i64, i64)>,
    pub sentence_end: Option<i64>,
    pub trigger_end: Option<i64>,
}

/// An actor code seen in the store, with how often.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ActorRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub articles: i64,
    pub mentions: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    fn sql(self) -> &'static str {
        match self {
            Period::Day => "date",
            Period::Week => "strftime('%G-W%V', date)",
            Period::Month => "substr(date, 1, 7)",
        }
    }

    pub fn parse(s: &str) -> Result<Period> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(StoreError::Query(format!("period is day, week or month, got {s:?}"))),
        }
    }
}

#[derive(Clone, Debug)]
pub struct TrendQuery {
    pub dyad: Dyad,
    pub period: Period,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// One period of a dyad's relation.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TrendRow {
    pub period: String,
    pub events: i64,
    /// Events by QuadClass: verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad: [i64; 4],
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    /// Share of events that are cooperative (QuadClass 1 or 2).
    pub cooperative_share: f64,
    pub mentions: i64,
}

#[derive(Clone, Debug, Default)]
pub struct QuoteQuery {
    /// Words in the speaker's name or description ("foreign minister").
    pub speaker: Option<String>,
    /// Full-text search in the quote.
    pub text: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct QuoteRow {
    pub article_id: i64,
    pub title: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub direct: bool,
    pub speaker_name: Option<String>,
    pub speaker_code: Option<String>,
    pub speaker_text: Option<String>,
    pub via: Option<String>,
}

/// Escape a user's words for an FTS5 MATCH: each word becomes a quoted string.
fn fts_query(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// Merged events matching the query, newest first, each with one evidence sentence.
    pub fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>> {
        let mut params: Vec<Value> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        if let Some(d) = &q.dyad {
            conds.push(dyad_condition(d, &mut params));
        }
        if let Some(actor) = &q.actor {
            let actor = actor.to_ascii_uppercase();
            if actor.len() >= 3 && actor.is_char_boundary(3) {
                // the country columns are indexed; the full code narrows further
                params.push(Value::Text(actor[..3].to_string()));
                let c = params.len();
                params.push(Value::Text(format!("{actor}%")));
                let p = params.len();
                conds.push(format!(
                    "((e.source_country = ?{c} AND e.source_code LIKE ?{p}) OR (e.target_country = ?{c} AND e.target_code LIKE ?{p}))"
                ));
            } else {
                params.push(Value::Text(format!("{actor}%")));
                conds.push(format!("(e.source_code LIKE ?{n} OR e.target_code LIKE ?{n})", n = params.len()));
            }
        }
        if let Some(since) = &q.since {
            params.push(Value::Text(since.clone()));
            conds.push(format!("e.date >= ?{}", params.len()));
        }
        if let Some(until) = &q.until {
            params.push(Value::Text(until.clone()));
            conds.push(format!("e.date <= ?{}", params.len()));
        }
        if let Some(code) = &q.cameo {
            params.push(Value::Text(format!("{code}%")));
            conds.push(format!("e.cameo LIKE ?{}", params.len()));
        }
        if let Some(p) = &q.plover {
            params.push(Value::Text(p.to_ascii_uppercase()));
            conds.push(format!("e.plover = ?{}", params.len()));
        }
        if let Some(t) = &q.text {
            params.push(Value::Text(fts_query(t)));
            conds.push(format!(
                "e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{}))",
                params.len()
            ));
        }
        let where_clause = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        // A frequent actor matches a large share of the store: walking the date index
        // newest first finds a page sooner than collecting and sorting every match.
        let index_hint = match (&q.actor, &q.dyad) {
            (Some(actor), None) if self.frequent_country(actor)? => "INDEXED BY events_date",
            _ => "",
        };
        params.push(Value::Integer(q.limit.max(1) as i64));
        let limit = params.len();
        params.push(Value::Integer(q.offset as i64));
        let offset = params.len();
        // The page of events is chosen first, then joined to its first mention, so the
        // evidence lookup runs for the rows returned only.
        let sql = format!(
            "SELECT e.id, e.date, e.source_code, e.target_code, e.cameo, e.cameo_root, e.plover, e.goldstein, e.quad_class, e.location,
                    e.num_mentions, e.num_sources, e.num_articles,
                    m.article_id, m.sentence_text, m.trigger_text, m.trigger_start, m.sentence_start, m.source_name, m.target_name,
                    m.source_start, m.source_end, m.target_start, m.target_end, m.sentence_end, m.trigger_end
             FROM (SELECT * FROM events e {index_hint} {where_clause}
                   ORDER BY e.date DESC, e.num_mentions DESC, e.id LIMIT ?{limit} OFFSET ?{offset}) e
             LEFT JOIN mentions m ON m.id = (SELECT min(id) FROM mentions WHERE event_id = e.id)
             ORDER BY e.date DESC, e.num_mentions DESC, e.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(EventRow {
                id: r.get(0)?,
                date: r.get(1)?,
                source_code: r.get(2)?,
                target_code: r.get(3)?,
                cameo: r.get(4)?,
                cameo_root: r.get(5)?,
                plover: r.get(6)?,
                goldstein: r.get(7)?,
                quad_class: r.get(8)?,
                location: r.get(9)?,
                num_mentions: r.get(10)?,
                num_sources: r.get(11)?,
                num_articles: r.get(12)?,
                article_id: r.get(13)?,
                sentence: r.get(14)?,
                trigger: r.get(15)?,
                trigger_start: r.get(16)?,
                sentence_start: r.get(17)?,
                source_name: r.get(18)?,
                target_name: r.get(19)?,
                source_span: pair(r.get(20)?, r.get(21)?),
                target_span: pair(r.get(22)?, r.get(23)?),
                sentence_end: r.get(24)?,
                trigger_end: r.get(25)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Does the country of this actor code take part in many events (a cheap count on the
    /// country indexes)?
    fn frequent_country(&self, actor: &str) -> Result<bool> {
        let country: String = actor.to_ascii_uppercase().chars().take(3).collect();
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE source_country = ?1 LIMIT 5000))
                  + (SELECT count(*) FROM (SELECT 1 FROM events WHERE target_country = ?1 LIMIT 5000))",
            [country],
            |r| r.get(0),
        )?;
        Ok(n >= 5000)
    }

    /// A dyad's events per period: counts by QuadClass, Goldstein sum and mean.
    pub fn trend(&self, q: &TrendQuery) -> Result<Vec<TrendRow>> {
        let mut params: Vec<Value> = Vec::new();
        let mut conds = vec![dyad_condition(&q.dyad, &mut params), "date <> ''".to_string()];
        if let Some(since) = &q.since {
            params.push(Value::Text(since.clone()));
            conds.push(format!("date >= ?{}", params.len()));
        }
        if let Some(until) = &q.until {
            params.push(Value::Text(until.clone()));
            conds.push(format!("date <= ?{}", params.len()));
        }
        let sql = format!(
            "SELECT {period} AS p, count(*), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4),
                    sum(goldstein), avg(goldstein), sum(num_mentions)
             FROM events WHERE {conds} GROUP BY p ORDER BY p",
            period = q.period.sql(),
            conds = conds.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            let events: i64 = r.get(1)?;
            let quad = [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?];
            Ok(TrendRow {
                period: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                events,
                quad,
                goldstein_sum: r.get(6)?,
                goldstein_mean: r.get(7)?,
                cooperative_share: if events > 0 {
                    (quad[0] + quad[1]) as f64 / events as f64
                } else {
                    0.0
                },
                mentions: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Quotes by speaker and/or text, newest articles first.
    pub fn quotes(&self, q: &QuoteQuery) -> Result<Vec<QuoteRow>> {
        let mut params: Vec<Value> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        if let Some(s) = &q.speaker {
            params.push(Value::Text(format!("%{}%", s.to_lowercase())));
            let n = params.len();
            conds.push(format!(
                "(lower(q.speaker_name) LIKE ?{n} OR lower(q.speaker_text) LIKE ?{n} OR EXISTS (SELECT 1 FROM actors x
                   WHERE x.article_id = q.article_id AND x.name = q.speaker_name AND lower(coalesce(x.title, '')) LIKE ?{n}))"
            ));
        }
        if let Some(t) = &q.text {
            params.push(Value::Text(fts_query(t)));
            conds.push(format!(
                "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?{})",
                params.len()
            ));
        }
        let where_clause = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        params.push(Value::Integer(q.limit.max(1) as i64));
        let limit = params.len();
        params.push(Value::Integer(q.offset as i64));
        let offset = params.len();
        let sql = format!(
            "SELECT q.article_id, a.title, a.published, q.text, q.direct, q.speaker_name, q.speaker_code, q.speaker_text, q.via
             FROM quotes q JOIN articles a ON a.id = q.article_id {where_clause}
             ORDER BY a.published DESC, q.article_id, q.quote_idx LIMIT ?{limit} OFFSET ?{offset}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(QuoteRow {
                article_id: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                text: r.get(3)?,
                direct: r.get(4)?,
                speaker_name: r.get(5)?,
                speaker_code: r.get(6)?,
                speaker_text: r.get(7)?,
                via: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Actor codes in the store (optionally those starting with `prefix`), most frequent first.
    pub fn actors(&self, prefix: Option<&str>, limit: usize) -> Result<Vec<ActorRow>> {
        let pattern = format!("{}%", prefix.unwrap_or("").to_ascii_uppercase());
        let mut stmt = self.conn.prepare(
            "SELECT code, max(name), max(kind), count(DISTINCT article_id), sum(n_mentions) FROM actors
             WHERE code IS NOT NULL AND code <> '' AND code LIKE ?1 GROUP BY code ORDER BY count(DISTINCT article_id) DESC, code LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![pattern, limit.max(1) as i64], |r| {
            Ok(ActorRow {
                code: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                articles: r.get(3)?,
                mentions: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// One stored article with all its layers, as `detente code` printed it.
    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT doc_json FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(id, e.to_string())))
            .transpose()
    }
}

fn pair(a: Option<i64>, b: Option<i64>) -> Option<(i64, i64)> {
    a.zip(b)
}
