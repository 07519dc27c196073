//! Queries: events with their evidence, dyad trends, quotes by speaker, articles.

use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
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
        params.push(Value::Text(code.to_string()));
        cond = format!("({cond} AND {})", starts_with(code_col, params.len()));
    }
    cond
}

/// `column` starts with parameter `n`. Not `LIKE ?`: a LIKE pattern bound as a
/// parameter makes SQLite plan the prepared statement again for every new value.
fn starts_with(column: &str, n: usize) -> String {
    format!("substr({column}, 1, length(?{n})) = ?{n}")
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

/// A [`TrendRow`] with its period label borrowed ([`Store::trend_with`]); it serialises the same.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TrendRowRef<'a> {
    pub period: &'a str,
    pub events: i64,
    pub quad: [i64; 4],
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    pub cooperative_share: f64,
    pub mentions: i64,
}

impl TrendRowRef<'_> {
    pub fn to_owned(&self) -> TrendRow {
        TrendRow {
            period: self.period.to_string(),
            events: self.events,
            quad: self.quad,
            goldstein_sum: self.goldstein_sum,
            goldstein_mean: self.goldstein_mean,
            cooperative_share: self.cooperative_share,
            mentions: self.mentions,
        }
    }
}

impl<'a> From<&'a TrendRow> for TrendRowRef<'a> {
    fn from(row: &'a TrendRow) -> Self {
        TrendRowRef {
            period: &row.period,
            events: row.events,
            quad: row.quad,
            goldstein_sum: row.goldstein_sum,
            goldstein_mean: row.goldstein_mean,
            cooperative_share: row.cooperative_share,
            mentions: row.mentions,
        }
    }
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

/// Where a page of events ended: the (date, id) of its last event. Written `DATE~ID`
/// (`~ID` for an undated event); the next page starts after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCursor {
    pub date: String,
    pub id: i64,
}

impl EventCursor {
    pub fn parse(s: &str) -> Result<EventCursor> {
        let bad = || StoreError::Query(format!("`cursor` is the `next` value of a previous page, got {s:?}"));
        let (date, id) = s.rsplit_once('~').ok_or_else(bad)?;
        let id: i64 = id.parse().map_err(|_| bad())?;
        if !(date.is_empty() || (date.len() <= 10 && date.chars().all(|c| c.is_ascii_digit() || c == '-'))) {
            return Err(bad());
        }
        Ok(EventCursor {
            date: date.to_string(),
            id,
        })
    }
}

impl std::fmt::Display for EventCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}~{}", self.date, self.id)
    }
}

/// A page of events and where the next one starts (`None` on the last page).
#[derive(Clone, Debug, PartialEq)]
pub struct EventPage {
    pub events: Vec<EventRow>,
    pub next: Option<EventCursor>,
}

/// One scan of an event page: the index it walks (in date order) and its own condition.
struct Branch {
    index: Option<&'static str>,
    cond: Option<String>,
}

/// Sums of one period of the dyad aggregate.
#[derive(Clone, Copy, Debug, Default)]
struct PeriodSums {
    events: i64,
    quad: [i64; 4],
    goldstein_tenths: i64,
    mentions: i64,
}

impl PeriodSums {
    /// The period `label` of a trend with these sums.
    fn row(self, label: &str) -> TrendRowRef<'_> {
        let goldstein_sum = self.goldstein_tenths as f64 / 10.0;
        let events = self.events.max(1) as f64;
        TrendRowRef {
            period: label,
            events: self.events,
            quad: self.quad,
            goldstein_sum,
            goldstein_mean: goldstein_sum / events,
            cooperative_share: (self.quad[0] + self.quad[1]) as f64 / events,
            mentions: self.mentions,
        }
    }

    fn add(&mut self, other: &PeriodSums) {
        self.events += other.events;
        for (a, b) in self.quad.iter_mut().zip(other.quad) {
            *a += b;
        }
        self.goldstein_tenths += other.goldstein_tenths;
        self.mentions += other.mentions;
    }
}

/// An event row as SQLite holds it, its text borrowed from the statement: what
/// [`Store::events_page_with`] hands out, so a page can be written out without
/// copying every field into an [`EventRow`] first. Same fields, same order: the
/// event's own ([`EventHeadRef`]), then its first mention's evidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventRowRef<'a> {
    pub head: EventHeadRef<'a>,
    pub article_id: Option<i64>,
    pub sentence: Option<&'a str>,
    pub trigger: Option<&'a str>,
    pub trigger_start: Option<i64>,
    pub sentence_start: Option<i64>,
    pub source_name: Option<&'a str>,
    pub target_name: Option<&'a str>,
    pub source_span: Option<(i64, i64)>,
    pub target_span: Option<(i64, i64)>,
    pub sentence_end: Option<i64>,
    pub trigger_end: Option<i64>,
}

impl<'a> EventRowRef<'a> {
    fn from_row(r: &'a rusqlite::Row) -> rusqlite::Result<EventRowRef<'a>> {
        let maybe_text = |i: usize| -> rusqlite::Result<Option<&'a str>> { Ok(r.get_ref(i)?.as_str_or_null()?) };
        Ok(EventRowRef {
            head: EventHeadRef::from_row(r)?,
            article_id: r.get(13)?,
            sentence: maybe_text(14)?,
            trigger: maybe_text(15)?,
            trigger_start: r.get(16)?,
            sentence_start: r.get(17)?,
            source_name: maybe_text(18)?,
            target_name: maybe_text(19)?,
            source_span: pair(r.get(20)?, r.get(21)?),
            target_span: pair(r.get(22)?, r.get(23)?),
            sentence_end: r.get(24)?,
            trigger_end: r.get(25)?,
        })
    }

    pub fn to_owned(&self) -> EventRow {
        let own = |s: Option<&str>| s.map(str::to_string);
        let head = &self.head;
        EventRow {
            id: head.id,
            date: head.date.to_string(),
            source_code: head.source_code.to_string(),
            target_code: head.target_code.to_string(),
            cameo: head.cameo.to_string(),
            cameo_root: head.cameo_root.to_string(),
            plover: own(head.plover),
            goldstein: head.goldstein,
            quad_class: head.quad_class,
            location: head.location.to_string(),
            num_mentions: head.num_mentions,
            num_sources: head.num_sources,
            num_articles: head.num_articles,
            article_id: self.article_id,
            sentence: own(self.sentence),
            trigger: own(self.trigger),
            trigger_start: self.trigger_start,
            sentence_start: self.sentence_start,
            source_name: own(self.source_name),
            target_name: own(self.target_name),
            source_span: self.source_span,
            target_span: self.target_span,
            sentence_end: self.sentence_end,
            trigger_end: self.trigger_end,
        }
    }
}

/// The scans of an events page, before they are put together: each branch walks one
/// index in (date, id) order (a dyad direction, an actor side, a CAMEO root, or all
/// dates) with its own conditions and the page's shared ones.
struct PagePlan {
    /// Each branch's `FROM events e ... ORDER BY e.date DESC, e.id DESC LIMIT ?n`.
    branches: Vec<String>,
    /// The parameters of every branch (`?n`, the per-branch limit, is the last).
    params: Vec<Value>,
    limit: usize,
    offset: usize,
}

/// An events page being planned: its branches, the conditions they all share, and the
/// parameters numbered in the order the conditions are written.
#[derive(Default)]
struct PlanBuilder {
    params: Vec<Value>,
    shared: Vec<String>,
    branches: Vec<Branch>,
}

impl PlanBuilder {
    /// One branch per direction of the dyad, each a walk of the dyad index.
    fn dyad_branches(&mut self, d: &Dyad) {
        let mut directions = vec![(&d.a, &d.b)];
        if !d.directed && d.a != d.b {
            directions.push((&d.b, &d.a));
        }
        for (from, to) in directions {
            let cond = format!(
                "{} AND {}",
                side(from, "e.source_country", "e.source_code", &mut self.params),
                side(to, "e.target_country", "e.target_code", &mut self.params)
            );
            self.branches.push(Branch {
                index: Some("events_dyad"),
                cond: Some(cond),
            });
        }
    }

    /// The actor on either side: with a country, one branch per side (or, after a
    /// dyad, a shared condition); without one, a code prefix on either side.
    fn actor_condition(&mut self, actor: &str) {
        let actor = actor.to_ascii_uppercase();
        let has_country = actor.len() >= 3 && actor.chars().take(3).all(|c| c.is_ascii_uppercase());
        if !has_country {
            self.params.push(Value::Text(actor));
            let n = self.params.len();
            self.shared.push(format!(
                "({} OR {})",
                starts_with("e.source_code", n),
                starts_with("e.target_code", n)
            ));
            return;
        }
        let source = side(&actor, "e.source_country", "e.source_code", &mut self.params);
        let target = side(&actor, "e.target_country", "e.target_code", &mut self.params);
        if self.branches.is_empty() {
            // either side: one scan of each side's country index
            self.branches.push(Branch {
                index: Some("events_source"),
                cond: Some(source),
            });
            self.branches.push(Branch {
                index: Some("events_target"),
                cond: Some(target),
            });
        } else {
            self.shared.push(format!("({source} OR {target})"));
        }
    }

    /// With no dyad or actor: one walk of the CAMEO-root index, or of the date index.
    fn date_or_root_branch(&mut self, q: &EventQuery) {
        let index = if q.cameo.as_deref().is_some_and(|c| c.len() >= 2) {
            "events_root"
        } else {
            "events_date"
        };
        self.branches.push(Branch {
            index: Some(index),
            cond: None,
        });
    }

    /// Add a shared condition on a new parameter `?n` (`condition` gets `n`).
    fn condition(&mut self, value: Value, condition: impl FnOnce(usize) -> String) {
        self.params.push(value);
        let n = self.params.len();
        self.shared.push(condition(n));
    }

    /// The query's date range, CAMEO code, PLOVER type and text, as shared conditions.
    fn filter_conditions(&mut self, q: &EventQuery) {
        if let Some(since) = &q.since {
            self.condition(Value::Text(since.clone()), |n| format!("e.date >= ?{n}"));
        }
        if let Some(until) = &q.until {
            self.condition(Value::Text(until.clone()), |n| format!("e.date <= ?{n}"));
        }
        if let Some(code) = &q.cameo {
            if code.len() >= 2 && code.is_char_boundary(2) {
                self.condition(Value::Text(code[..2].to_string()), |n| format!("e.cameo_root = ?{n}"));
            }
            self.condition(Value::Text(code.clone()), |n| starts_with("e.cameo", n));
        }
        if let Some(p) = &q.plover {
            self.condition(Value::Text(p.to_ascii_uppercase()), |n| format!("e.plover = ?{n}"));
        }
        if let Some(t) = &q.text {
            self.condition(Value::Text(fts_query(t)), |n| {
                format!(
                    "e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{n}))"
                )
            });
            // the matching articles drive the query, not an index walk
            self.branches.iter_mut().for_each(|b| b.index = None);
        }
    }

    /// Only events older than the cursor (the last one of the previous page).
    fn after_cursor(&mut self, c: &EventCursor) {
        self.params.push(Value::Text(c.date.clone()));
        let date = self.params.len();
        self.params.push(Value::Integer(c.id));
        // `date <= ?` bounds the index range; the rest only looks at that one day
        self.shared
            .push(format!("e.date <= ?{date} AND (e.date < ?{date} OR e.id < ?{})", self.params.len()));
    }

    /// Each branch as its `FROM ... LIMIT ?n` (forcing its index when the store has
    /// indexes), with the page's limit as the last parameter.
    fn finish(mut self, q: &EventQuery, has_indexes: bool) -> PagePlan {
        let limit = q.limit.max(1);
        // one row more than asked tells whether there is a next page
        self.params.push(Value::Integer((q.offset + limit + 1) as i64));
        let per_branch = self.params.len();
        let branches = self
            .branches
            .iter()
            .map(|b| {
                let conds: Vec<&str> = b
                    .cond
                    .as_deref()
                    .into_iter()
                    .chain(self.shared.iter().map(String::as_str))
                    .collect();
                let where_clause = if conds.is_empty() {
                    String::new()
                } else {
                    format!("WHERE {}", conds.join(" AND "))
                };
                // (a version-1 store, read-only, has none of these indexes)
                let indexed = b
                    .index
                    .filter(|_| has_indexes)
                    .map(|i| format!("INDEXED BY {i}"))
                    .unwrap_or_default();
                format!("FROM events e {indexed} {where_clause} ORDER BY e.date DESC, e.id DESC LIMIT ?{per_branch}")
            })
            .collect();
        PagePlan {
            branches,
            params: self.params,
            limit,
            offset: q.offset,
        }
    }
}

/// Walk a page's rows (one more than `limit` is asked for): `each` handles a row and
/// returns its (date, id); the cursor of the last one shown is returned when a row follows.
fn visit_page(
    mut rows: rusqlite::Rows,
    limit: usize,
    mut each: impl for<'r> FnMut(&'r rusqlite::Row) -> Result<(&'r str, i64)>,
) -> Result<Option<EventCursor>> {
    let mut seen = 0;
    let mut last = EventCursor {
        date: String::new(),
        id: 0,
    };
    while let Some(r) = rows.next()? {
        if seen == limit {
            // the row past the page: there is a next page, starting after the last one shown
            return Ok(Some(last));
        }
        let (date, id) = each(r)?;
        last.date.clear();
        last.date.push_str(date);
        last.id = id;
        seen += 1;
    }
    Ok(None)
}

/// Walk the branches of an events page (statements of `id, date, cameo, json`, each in
/// (date, id) order, newest first) as one list, newest first, each event once: skip
/// `plan.offset` events, hand `limit` to `each` (CAMEO code, JSON), and return the cursor
/// of the last one shown when another follows.
fn merge_branches(
    statements: &mut [rusqlite::CachedStatement],
    plan: &PagePlan,
    each: &mut impl FnMut(&str, &str) -> Result<()>,
) -> Result<Option<EventCursor>> {
    use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
    let mut scans = Vec::with_capacity(statements.len());
    for statement in statements.iter_mut() {
        let mut rows = statement.query(rusqlite::params_from_iter(&plan.params))?;
        rows.advance()?;
        scans.push(rows);
    }
    let (mut skipped, mut shown) = (0, 0);
    let mut last = EventCursor {
        date: String::new(),
        id: 0,
    };
    loop {
        // the branch whose current event comes first: latest date, then highest id
        let mut first: Option<(usize, &str, i64)> = None;
        for (i, scan) in scans.iter().enumerate() {
            if let Some(row) = scan.get() {
                let date = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let id: i64 = row.get(0)?;
                if first.is_none_or(|(_, d, n)| (date, id) > (d, n)) {
                    first = Some((i, date, id));
                }
            }
        }
        let Some((branch, date, id)) = first else {
            return Ok(None);
        };
        if shown == plan.limit {
            // an event past the page: there is a next page, starting after the last one shown
            return Ok(Some(last));
        }
        if skipped < plan.offset {
            skipped += 1;
        } else {
            if let Some(row) = scans[branch].get() {
                let cameo = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
                let json = row
                    .get_ref(3)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?
                    .ok_or_else(|| StoreError::Query(format!("event {id} has no stored JSON (run `detente check`)")))?;
                each(cameo, json)?;
            }
            last.date.clear();
            last.date.push_str(date);
            last.id = id;
            shown += 1;
        }
        // every branch at this event moves on (UNION's rule: an event found twice is shown once)
        for scan in scans.iter_mut() {
            let here = match scan.get() {
                Some(row) => row.get::<_, i64>(0)? == id,
                None => false,
            };
            if here {
                scan.advance()?;
            }
        }
    }
}

/// SQL for the event `event` (a table name or alias of `events`) as one JSON object: the
/// members of [`EventRow`] in order, its own fields, then the evidence of the mention
/// whose id is `mention_id` (all null when there is no such mention). The API adds
/// `cameo_name`. The one expression that the migration, every ingest, the synthetic
/// store, `detente check` and pages of older stores use.
pub(crate) fn event_json(event: &str, mention_id: &str) -> String {
    let span = |start: &str, end: &str| {
        format!("CASE WHEN m.{start} IS NULL OR m.{end} IS NULL THEN NULL ELSE json_array(m.{start}, m.{end}) END")
    };
    format!(
        "(SELECT json_object('id', {e}.id, 'date', {e}.date, 'source_code', {e}.source_code, 'target_code', {e}.target_code,
            'cameo', {e}.cameo, 'cameo_root', {e}.cameo_root, 'plover', {e}.plover, 'goldstein', {e}.goldstein,
            'quad_class', {e}.quad_class, 'location', {e}.location, 'num_mentions', {e}.num_mentions,
            'num_sources', {e}.num_sources, 'num_articles', {e}.num_articles,
            'article_id', m.article_id, 'sentence', m.sentence_text, 'trigger', m.trigger_text,
            'trigger_start', m.trigger_start, 'sentence_start', m.sentence_start, 'source_name', m.source_name,
            'target_name', m.target_name, 'source_span', {source}, 'target_span', {target},
            'sentence_end', m.sentence_end, 'trigger_end', m.trigger_end)
          FROM (SELECT 1) LEFT JOIN mentions m ON m.id = {mention_id})",
        e = event,
        source = span("source_start", "source_end"),
        target = span("target_start", "target_end"),
    )
}

/// An event's own fields (an [`EventRow`] up to `num_articles`), borrowed from SQLite.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct EventHeadRef<'a> {
    pub id: i64,
    pub date: &'a str,
    pub source_code: &'a str,
    pub target_code: &'a str,
    pub cameo: &'a str,
    pub cameo_root: &'a str,
    pub plover: Option<&'a str>,
    pub goldstein: f64,
    pub quad_class: i64,
    pub location: &'a str,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
}

impl<'a> EventHeadRef<'a> {
    fn from_row(r: &'a rusqlite::Row) -> rusqlite::Result<EventHeadRef<'a>> {
        let text = |i: usize| -> rusqlite::Result<&'a str> { Ok(r.get_ref(i)?.as_str()?) };
        Ok(EventHeadRef {
            id: r.get(0)?,
            date: text(1)?,
            source_code: text(2)?,
            target_code: text(3)?,
            cameo: text(4)?,
            cameo_root: text(5)?,
            plover: r.get_ref(6)?.as_str_or_null()?,
            goldstein: r.get(7)?,
            quad_class: r.get(8)?,
            location: text(9)?,
            num_mentions: r.get(10)?,
            num_sources: r.get(11)?,
            num_articles: r.get(12)?,
        })
    }
}

/// Escape a user's words for an FTS5 MATCH: each word becomes a quoted string.
fn fts_query(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A period's label with its first and last day.
type LabelledPeriod = (String, (NaiveDate, NaiveDate));

/// Merge the directions' scans of whole periods (each in label order): `each` gets
/// every label's sums over the directions, in order, except the partial periods.
fn merge_period_scans(
    scans: &mut [rusqlite::Rows<'_>],
    is_partial: impl Fn(&str) -> bool,
    each: &mut impl FnMut(TrendRowRef) -> Result<()>,
) -> Result<()> {
    use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
    let mut label = String::new();
    loop {
        // the earliest period among the directions' current rows, summed over them
        let mut earliest: Option<&str> = None;
        for row in scans.iter().filter_map(|s| s.get()) {
            let l = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if earliest.is_none_or(|e| l < e) {
                earliest = Some(l);
            }
        }
        let Some(earliest) = earliest else {
            break;
        };
        label.clear();
        label.push_str(earliest);
        let mut sums = PeriodSums::default();
        for row in scans.iter().filter_map(|s| s.get()) {
            if row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)? == label {
                sums.add(&PeriodSums {
                    events: row.get(1)?,
                    quad: [row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?],
                    goldstein_tenths: row.get(6)?,
                    mentions: row.get(7)?,
                });
            }
        }
        if !is_partial(&label) {
            each(sums.row(&label))?;
        }
        for scan in scans.iter_mut() {
            let here = match scan.get() {
                Some(row) => row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)? == label,
                None => false,
            };
            if here {
                scan.advance()?;
            }
        }
    }
    Ok(())
}

impl Store {
    /// Merged events matching the query, newest first, each with one evidence sentence.
    pub fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>> {
        Ok(self.events_page(q, None)?.events)
    }

    /// One page of events, newest first (date, then id, descending), starting after
    /// `after` (the previous page's `next`). Each page is read in index order: one index
    /// scan per dyad direction or actor side, merged, so a page costs the same at any
    /// depth; `q.offset` still works but costs its rows.
    pub fn events_page(&self, q: &EventQuery, after: Option<&EventCursor>) -> Result<EventPage> {
        let mut events = Vec::with_capacity(q.limit.clamp(1, 1000));
        let next = self.events_page_with(q, after, |row| {
            events.push(row.to_owned());
            Ok(())
        })?;
        Ok(EventPage { events, next })
    }

    /// [`Store::events_page`] without owned rows: `each` sees the page's events in order,
    /// borrowed from SQLite, and the page's `next` cursor is returned.
    pub fn events_page_with(
        &self,
        q: &EventQuery,
        after: Option<&EventCursor>,
        mut each: impl FnMut(&EventRowRef) -> Result<()>,
    ) -> Result<Option<EventCursor>> {
        let (sql, params, limit) = self.events_page_sql(q, after)?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query(rusqlite::params_from_iter(params))?;
        visit_page(rows, limit, |r| {
            let row = EventRowRef::from_row(r)?;
            each(&row)?;
            Ok((row.head.date, row.head.id))
        })
    }

    /// The same page for writing out as JSON: `each` gets each event's CAMEO code and the
    /// event as one JSON object (the members of [`EventRow`] in order), which a schema-5
    /// store keeps ready on the event (older stores render it here), and the page's
    /// `next` cursor is returned.
    ///
    /// Each branch of the page (a dyad direction, an actor side, or the one index that
    /// fits) is its own statement reading its rows in index order, events and all; the
    /// branches are merged here, newest first, an event that two branches find shown
    /// once. So a page is one index walk and one table row per event, within one
    /// statement per branch (no second statement per event, no `UNION` with its sort).
    /// Each branch starts while the others are active, so they read one snapshot (SQLite
    /// keeps a connection's read transaction open while any of its statements is).
    pub fn events_page_json(
        &self,
        q: &EventQuery,
        after: Option<&EventCursor>,
        mut each: impl FnMut(&str, &str) -> Result<()>,
    ) -> Result<Option<EventCursor>> {
        let plan = self.events_page_plan(q, after)?;
        let json = match self.version {
            5.. => "e.json".to_string(),
            3..=4 => event_json("e", "e.first_mention"),
            _ => event_json("e", "(SELECT min(id) FROM mentions WHERE event_id = e.id)"),
        };
        let mut statements = plan
            .branches
            .iter()
            .map(|b| self.conn.prepare_cached(&format!("SELECT e.id, e.date, e.cameo, {json} {b}")))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        merge_branches(&mut statements, &plan, &mut each)
    }

    /// The SQL and parameters of an events page as one statement (the branches' ids
    /// chosen from the indexes, put together, then joined to the events and their first
    /// mention), and its size.
    fn events_page_sql(&self, q: &EventQuery, after: Option<&EventCursor>) -> Result<(String, Vec<Value>, usize)> {
        let PagePlan {
            branches,
            mut params,
            limit,
            offset,
        } = self.events_page_plan(q, after)?;
        params.push(Value::Integer((limit + 1) as i64));
        let page = params.len();
        params.push(Value::Integer(offset as i64));
        let offset = params.len();
        let selects: Vec<String> = branches
            .iter()
            .map(|b| format!("SELECT id, date FROM (SELECT e.id, e.date {b})"))
            .collect();
        // The page of event ids is chosen first, from the indexes alone (UNION also drops
        // an event found by two branches), then joined to the events and their first mention.
        let union = selects.join(" UNION ");
        let ids = format!("{union} ORDER BY date DESC, id DESC LIMIT ?{page} OFFSET ?{offset}");
        let first_mention = if self.version >= 3 {
            "e.first_mention"
        } else {
            "(SELECT min(id) FROM mentions WHERE event_id = e.id)"
        };
        let sql = format!(
            "SELECT e.id, e.date, e.source_code, e.target_code, e.cameo, e.cameo_root, e.plover, e.goldstein, e.quad_class, e.location,
                    e.num_mentions, e.num_sources, e.num_articles,
                    m.article_id, m.sentence_text, m.trigger_text, m.trigger_start, m.sentence_start, m.source_name, m.target_name,
                    m.source_start, m.source_end, m.target_start, m.target_end, m.sentence_end, m.trigger_end
             FROM ({ids}) p
             JOIN events e ON e.id = p.id
             LEFT JOIN mentions m ON m.id = {first_mention}
             ORDER BY e.date DESC, e.id DESC",
        );
        Ok((sql, params, limit))
    }

    /// The branches of an events page and their parameters.
    fn events_page_plan(&self, q: &EventQuery, after: Option<&EventCursor>) -> Result<PagePlan> {
        let mut plan = PlanBuilder::default();
        if let Some(d) = &q.dyad {
            plan.dyad_branches(d);
        }
        if let Some(actor) = &q.actor {
            plan.actor_condition(actor);
        }
        if plan.branches.is_empty() {
            plan.date_or_root_branch(q);
        }
        plan.filter_conditions(q);
        if let Some(c) = after {
            plan.after_cursor(c);
        }
        Ok(plan.finish(q, self.version >= 2))
    }

    /// A dyad's events per period: counts by QuadClass, Goldstein sum and mean. Country
    /// dyads read the dyad aggregate (whole periods from its week or month rows, the
    /// partial periods at the ends of a date range from its day rows); dyads with
    /// sectors, and stores older than schema 2, aggregate the events themselves.
    pub fn trend(&self, q: &TrendQuery) -> Result<Vec<TrendRow>> {
        let mut rows = Vec::new();
        self.trend_with(q, |row| {
            rows.push(row.to_owned());
            Ok(())
        })?;
        Ok(rows)
    }

    /// [`Store::trend`] without a vector of rows: `each` sees the periods in order, each
    /// as a [`TrendRow`] whose label is borrowed. Country dyads stream from the aggregate
    /// (one statement per direction, merged by period here: no label copied, no sort).
    pub fn trend_with(&self, q: &TrendQuery, mut each: impl FnMut(TrendRowRef) -> Result<()>) -> Result<()> {
        let day = |d: &Option<String>| -> Option<Option<NaiveDate>> {
            match d {
                None => Some(None),
                Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|_| s.len() == 10).map(Some),
            }
        };
        let countries = q.dyad.a.len() == 3 && q.dyad.b.len() == 3;
        match (day(&q.since), day(&q.until)) {
            (Some(since), Some(until)) if countries && self.version >= 2 => self.trend_from_aggregate(q, since, until, &mut each),
            _ => {
                for row in self.trend_from_events(q)? {
                    each(TrendRowRef::from(&row))?;
                }
                Ok(())
            }
        }
    }

    fn trend_from_aggregate(
        &self,
        q: &TrendQuery,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        each: &mut impl FnMut(TrendRowRef) -> Result<()>,
    ) -> Result<()> {
        use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
        let kind = q.period;
        // A range end inside a period (not on its first or last day) makes that period partial.
        let first = since.map(|s| (kind.label(s), kind.bounds(s)));
        let last = until.map(|u| (kind.label(u), kind.bounds(u)));
        let partial_first = first.as_ref().filter(|(_, (start, _))| Some(*start) != since);
        let partial_last = last.as_ref().filter(|(_, (_, end))| Some(*end) != until);
        let mut directions = vec![(&q.dyad.a, &q.dyad.b)];
        if !q.dyad.directed && q.dyad.a != q.dyad.b {
            directions.push((&q.dyad.b, &q.dyad.a));
        }
        let [first_edge, last_edge] = self.partial_period_sums(&directions, since, until, partial_first, partial_last)?;
        let is_partial = |label: &str| [partial_first, partial_last].into_iter().flatten().any(|(l, _)| l == label);
        let low = first.as_ref().map(|(l, _)| l.clone()).unwrap_or_default();
        let high = last.as_ref().map(|(l, _)| l.clone()).unwrap_or_else(|| "~".into());
        // Each direction's whole periods in order (the primary key's), merged by label.
        let whole_sql = "SELECT period, events, quad1, quad2, quad3, quad4, goldstein_tenths, mentions FROM dyad_periods
             WHERE source_country = ?1 AND target_country = ?2 AND period_kind = ?3 AND period BETWEEN ?4 AND ?5 ORDER BY period";
        // (the directions' statements differ by a comment: the statement cache keeps one
        // statement per text, and one text for both would prepare the second every time)
        let mut statements = (0..directions.len())
            .map(|n| self.conn.prepare_cached(&format!("{whole_sql} -- direction {n}")))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut scans = Vec::with_capacity(statements.len());
        for (statement, (from, to)) in statements.iter_mut().zip(&directions) {
            let mut rows = statement.query((from, to, kind.name(), &low, &high))?;
            rows.advance()?;
            scans.push(rows);
        }
        if let Some((label, sums)) = first_edge.filter(|(_, s)| s.events > 0) {
            each(sums.row(&label))?;
        }
        merge_period_scans(&mut scans, is_partial, each)?;
        if let Some((label, sums)) = last_edge.filter(|(_, s)| s.events > 0) {
            each(sums.row(&label))?;
        }
        Ok(())
    }

    /// The partial periods at the ends of a date range, from the aggregate's day rows
    /// inside the range, all directions added: the first period's (shown first) and
    /// the last one's (shown last; none when it is the first).
    fn partial_period_sums(
        &self,
        directions: &[(&String, &String)],
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        partial_first: Option<&LabelledPeriod>,
        partial_last: Option<&LabelledPeriod>,
    ) -> Result<[Option<(String, PeriodSums)>; 2]> {
        let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let mut days = self.conn.prepare_cached(
            "SELECT sum(events), sum(quad1), sum(quad2), sum(quad3), sum(quad4), sum(goldstein_tenths), sum(mentions) FROM dyad_periods
             WHERE source_country = ?1 AND target_country = ?2 AND period_kind = 'day' AND period BETWEEN ?3 AND ?4",
        )?;
        let mut edges: [Option<(String, PeriodSums)>; 2] = [None, None];
        if let (Some((label, (_, end))), Some(s)) = (partial_first, since) {
            edges[0] = Some((
                label.clone(),
                self.day_sums(&mut days, directions, s, until.map_or(*end, |u| u.min(*end)), &iso)?,
            ));
        }
        if let (Some((label, (start, _))), Some(u)) = (partial_last, until) {
            if partial_first.is_none_or(|(l, _)| l != label) {
                edges[1] = Some((
                    label.clone(),
                    self.day_sums(&mut days, directions, since.map_or(*start, |s| s.max(*start)), u, &iso)?,
                ));
            }
        }
        Ok(edges)
    }

    /// The aggregate's sums over the days `from`..=`to` (inclusive), all directions added.
    fn day_sums(
        &self,
        days: &mut rusqlite::CachedStatement,
        directions: &[(&String, &String)],
        from: NaiveDate,
        to: NaiveDate,
        iso: &impl Fn(NaiveDate) -> String,
    ) -> Result<PeriodSums> {
        let mut total = PeriodSums::default();
        for (a, b) in directions {
            let sums = days.query_row((a, b, iso(from), iso(to)), |r| {
                Ok(PeriodSums {
                    events: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                    quad: [
                        r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                        r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                        r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                        r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                    ],
                    goldstein_tenths: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
                    mentions: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                })
            })?;
            total.add(&sums);
        }
        Ok(total)
    }

    /// The trend computed from the events (dyads with sectors, old stores).
    fn trend_from_events(&self, q: &TrendQuery) -> Result<Vec<TrendRow>> {
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
        let mut stmt = self.conn.prepare_cached(&sql)?;
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
        let mut stmt = self.conn.prepare_cached(&sql)?;
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
        let mut stmt = self.conn.prepare_cached(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn synthetic() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::synthetic::fill(&dir.path().join("s.db"), 20_000).unwrap();
        (dir, store)
    }

    fn same_trend(a: &[TrendRow], b: &[TrendRow]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.period == y.period
                    && x.events == y.events
                    && x.quad == y.quad
                    && x.mentions == y.mentions
                    && (x.goldstein_sum - y.goldstein_sum).abs() < 1e-3
                    && (x.goldstein_mean - y.goldstein_mean).abs() < 1e-6
            })
    }

    #[test]
    fn trend_from_the_aggregate_equals_trend_from_the_events() {
        let (_d, store) = synthetic();
        let dates = [
            None,
            Some("2019-01-01"),
            Some("2020-02-29"),
            Some("2021-06-14"),
            Some("2022-12-31"),
            Some("2024-03-03"),
        ];
        for dyad in ["USA:RUS", "USA:USA", "CHN:UKR", "AZE:ARM"] {
            for directed in [false, true] {
                for period in [Period::Day, Period::Week, Period::Month] {
                    for (i, since) in dates.iter().enumerate() {
                        for until in &dates[i..] {
                            let q = TrendQuery {
                                dyad: Dyad::parse(dyad, directed).unwrap(),
                                period,
                                since: since.map(String::from),
                                until: until.map(String::from),
                            };
                            let fast = store.trend(&q).unwrap();
                            let slow = store.trend_from_events(&q).unwrap();
                            assert!(same_trend(&fast, &slow), "{dyad} {directed} {period:?} {since:?}..{until:?}");
                        }
                    }
                }
            }
        }
    }

    /// Every event matching `q`, newest first, by a plain scan (the reference).
    fn reference(store: &Store, q: &EventQuery) -> Vec<i64> {
        let all = store
            .events_page(
                &EventQuery {
                    limit: 1_000_000,
                    ..Default::default()
                },
                None,
            )
            .unwrap()
            .events;
        let prefix = |code: &str, p: &str| code.starts_with(p);
        all.into_iter()
            .filter(|e| {
                let dyad = q.dyad.as_ref().is_none_or(|d| {
                    let forward = prefix(&e.source_code, &d.a) && prefix(&e.target_code, &d.b);
                    let back = prefix(&e.source_code, &d.b) && prefix(&e.target_code, &d.a);
                    forward || (!d.directed && back)
                });
                let actor = q.actor.as_ref().map(|a| a.to_ascii_uppercase());
                let actor = actor
                    .as_ref()
                    .is_none_or(|a| prefix(&e.source_code, a) || prefix(&e.target_code, a));
                let since = q.since.as_ref().is_none_or(|s| e.date.as_str() >= s.as_str());
                let until = q.until.as_ref().is_none_or(|u| e.date.as_str() <= u.as_str());
                let cameo = q.cameo.as_ref().is_none_or(|c| e.cameo.starts_with(c.as_str()));
                dyad && actor && since && until && cameo
            })
            .map(|e| e.id)
            .collect()
    }

    /// The ids of a page written as JSON, each checked against its CAMEO code, and its cursor.
    fn json_page(store: &Store, q: &EventQuery, after: Option<&EventCursor>) -> (Vec<i64>, Option<EventCursor>) {
        let mut ids = Vec::new();
        let next = store
            .events_page_json(q, after, |cameo, json| {
                let event: serde_json::Value = serde_json::from_str(json).unwrap();
                assert_eq!(event["cameo"], cameo);
                assert_eq!(event.as_object().unwrap().len(), 24);
                ids.push(event["id"].as_i64().unwrap());
                Ok(())
            })
            .unwrap();
        (ids, next)
    }

    fn json_walk(store: &Store, q: &EventQuery) -> Vec<i64> {
        let mut walked = Vec::new();
        let mut after = None;
        loop {
            let (ids, next) = json_page(store, q, after.as_ref());
            walked.extend(ids);
            match next {
                Some(next) => after = Some(next),
                None => return walked,
            }
        }
    }

    #[test]
    fn cursor_pages_walk_every_match_once_in_order() {
        let (_d, store) = synthetic();
        let queries = [
            EventQuery {
                dyad: Some(Dyad::parse("USA:RUS", false).unwrap()),
                ..Default::default()
            },
            EventQuery {
                dyad: Some(Dyad::parse("USA:USAGOV", false).unwrap()),
                ..Default::default()
            },
            EventQuery {
                dyad: Some(Dyad::parse("CHNGOV:USA", true).unwrap()),
                cameo: Some("04".into()),
                ..Default::default()
            },
            EventQuery {
                actor: Some("RUS".into()),
                since: Some("2021-01-01".into()),
                until: Some("2022-06-30".into()),
                ..Default::default()
            },
            EventQuery {
                actor: Some("ukrmil".into()),
                ..Default::default()
            },
            EventQuery {
                cameo: Some("19".into()),
                ..Default::default()
            },
            EventQuery {
                dyad: Some(Dyad::parse("USA:CHN", false).unwrap()),
                actor: Some("CHNGOV".into()),
                ..Default::default()
            },
        ];
        for q in queries {
            let expected = reference(&store, &q);
            assert!(!expected.is_empty(), "{q:?}");
            let mut walked = Vec::new();
            let mut after = None;
            loop {
                let page = store.events_page(&EventQuery { limit: 37, ..q.clone() }, after.as_ref()).unwrap();
                walked.extend(page.events.iter().map(|e| e.id));
                match page.next {
                    Some(next) => after = Some(EventCursor::parse(&next.to_string()).unwrap()),
                    None => break,
                }
            }
            assert_eq!(walked, expected, "{q:?}");
            // the same walk through the pages written as JSON (branches merged in Rust)
            assert_eq!(json_walk(&store, &EventQuery { limit: 37, ..q.clone() }), expected, "{q:?}");
            let offset = EventQuery {
                limit: 5,
                offset: 5,
                ..q.clone()
            };
            assert_eq!(
                json_page(&store, &offset, None).0,
                expected.iter().skip(5).take(5).copied().collect::<Vec<_>>()
            );
            // offsets still work
            let second = store
                .events(&EventQuery {
                    limit: 5,
                    offset: 5,
                    ..q.clone()
                })
                .unwrap();
            let ids: Vec<i64> = second.iter().map(|e| e.id).collect();
            assert_eq!(ids, expected.iter().skip(5).take(5).copied().collect::<Vec<_>>(), "{q:?}");
        }
    }

    #[test]
    fn bad_cursors_are_refused() {
        for bad in ["", "2024-01-01", "2024-01-01~x", "x' OR 1=1~3", "2024-01-01-01-01~1"] {
            assert!(EventCursor::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            EventCursor::parse("~7").unwrap(),
            EventCursor {
                date: String::new(),
                id: 7
            }
        );
    }
}
