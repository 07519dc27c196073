//! Exports in the field's formats: GDELT 2.0 event and mention tables (TSV),
//! JSON Lines of merged events with their evidence, and PLOVER-style JSON Lines.
//! Every export streams rows from the database to the writer.

use crate::{Result, Store, StoreError};
use rusqlite::Row;
use std::io::Write;

/// Number of columns in the GDELT 2.0 event table.
pub const GDELT_EVENT_COLUMNS: usize = 61;
/// Number of columns in the GDELT 2.0 mentions table.
pub const GDELT_MENTION_COLUMNS: usize = 16;

/// The events with their first mention's article, in id order.
const EVENTS_WITH_FIRST_MENTION: &str = "
    SELECT e.id, e.date, e.source_code, e.target_code, e.cameo, e.cameo_root, e.plover, e.plover_mode, e.goldstein, e.quad_class,
           e.location, e.num_mentions, e.num_sources, e.num_articles, e.first_added, e.source_country, e.target_country,
           m.source_name, m.target_name, a.url, a.ext_id, m.sentence_text, a.title, a.published, a.source,
           (SELECT min(sentence_idx) FROM mentions WHERE event_id = e.id)
    FROM events e
    JOIN mentions m ON m.id = (SELECT min(id) FROM mentions WHERE event_id = e.id)
    JOIN articles a ON a.id = m.article_id
    ORDER BY e.id";

struct EventLine {
    id: i64,
    date: String,
    source_code: String,
    target_code: String,
    cameo: String,
    cameo_root: String,
    plover: Option<String>,
    plover_mode: Option<String>,
    goldstein: f64,
    quad_class: i64,
    location: String,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
    first_added: String,
    source_country: String,
    target_country: String,
    source_name: Option<String>,
    target_name: Option<String>,
    url: Option<String>,
    ext_id: Option<String>,
    sentence: String,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    first_sentence_idx: i64,
}

fn event_line(r: &Row) -> rusqlite::Result<EventLine> {
    Ok(EventLine {
        id: r.get(0)?,
        date: r.get(1)?,
        source_code: r.get(2)?,
        target_code: r.get(3)?,
        cameo: r.get(4)?,
        cameo_root: r.get(5)?,
        plover: r.get(6)?,
        plover_mode: r.get(7)?,
        goldstein: r.get(8)?,
        quad_class: r.get(9)?,
        location: r.get(10)?,
        num_mentions: r.get(11)?,
        num_sources: r.get(12)?,
        num_articles: r.get(13)?,
        first_added: r.get(14)?,
        source_country: r.get(15)?,
        target_country: r.get(16)?,
        source_name: r.get(17)?,
        target_name: r.get(18)?,
        url: r.get(19)?,
        ext_id: r.get(20)?,
        sentence: r.get(21)?,
        title: r.get(22)?,
        published: r.get(23)?,
        outlet: r.get(24)?,
        first_sentence_idx: r.get(25)?,
    })
}

/// TSV fields may not hold tabs or newlines.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `2024-03-05` -> (SQLDATE 20240305, MonthYear 202403, Year 2024, FractionDate 2024.1753).
fn gdelt_dates(date: &str) -> (String, String, String, String) {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => {
            use chrono::Datelike;
            let fraction = d.year() as f64 + (d.ordinal() as f64 - 1.0) / 365.0;
            (
                d.format("%Y%m%d").to_string(),
                d.format("%Y%m").to_string(),
                d.year().to_string(),
                format!("{fraction:.4}"),
            )
        }
        Err(_) => Default::default(),
    }
}

/// Actor code split into GDELT's fields: (code, country, known group, type1, type2).
fn actor_fields(code: &str, country: &str) -> [String; 5] {
    let rest = if country.is_empty() { code } else { code.get(3..).unwrap_or("") };
    let types: Vec<String> = rest.as_bytes().chunks(3).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    let known_group = if country == "IGO" || country == "NGO" {
        rest.get(..3).unwrap_or("").to_string()
    } else {
        String::new()
    };
    [
        code.to_string(),
        country.to_string(),
        known_group,
        types.first().cloned().unwrap_or_default(),
        types.get(1).cloned().unwrap_or_default(),
    ]
}

fn gdelt_event_row(e: &EventLine) -> Vec<String> {
    let (sqldate, month_year, year, fraction) = gdelt_dates(&e.date);
    let mut row = vec![e.id.to_string(), sqldate, month_year, year, fraction];
    for (code, country, name) in [
        (&e.source_code, &e.source_country, &e.source_name),
        (&e.target_code, &e.target_country, &e.target_name),
    ] {
        let [code, country, group, t1, t2] = actor_fields(code, country);
        // Actor{n}Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code
        row.extend([
            code,
            clean(name.as_deref().unwrap_or("")).to_uppercase(),
            country,
            group,
            String::new(),
            String::new(),
            String::new(),
            t1,
            t2,
            String::new(),
        ]);
    }
    let is_root = if e.first_sentence_idx <= 1 { "1" } else { "0" };
    row.extend([
        is_root.to_string(),
        e.cameo.clone(),
        e.cameo.chars().take(3).collect(),
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        String::new(), // AvgTone: detente does not score tone
    ]);
    // Actor1Geo_*, Actor2Geo_* (8 fields each): not resolved.
    row.extend(std::iter::repeat_n(String::new(), 16));
    // ActionGeo_*: the stated place's text, when known, without coordinates.
    let has_place = !e.location.is_empty();
    row.extend([if has_place { "1".into() } else { String::new() }, clean(&e.location)]);
    row.extend(std::iter::repeat_n(String::new(), 6));
    let added = e.first_added.replace(['-', ':', 'T', 'Z'], "");
    row.push(added);
    row.push(clean(e.url.as_deref().or(e.ext_id.as_deref()).unwrap_or("")));
    row
}

impl Store {
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header (as GDELT ships it).
    pub fn export_gdelt_events(&self, out: &mut dyn Write) -> Result<usize> {
        let mut stmt = self.conn.prepare(EVENTS_WITH_FIRST_MENTION)?;
        let mut n = 0;
        for line in stmt.query_map([], event_line)? {
            let row = gdelt_event_row(&line?);
            debug_assert_eq!(row.len(), GDELT_EVENT_COLUMNS);
            writeln!(out, "{}", row.join("\t"))?;
            n += 1;
        }
        Ok(n)
    }

    /// The GDELT 2.0 mentions table: 16 tab-separated columns, one line per mention.
    pub fn export_gdelt_mentions(&self, out: &mut dyn Write) -> Result<usize> {
        let mut stmt = self.conn.prepare(
            "SELECT m.event_id, e.date, a.published, m.outlet, coalesce(a.url, a.ext_id, ''), m.sentence_idx, m.source_start, m.target_start,
                    m.trigger_start, length(a.text)
             FROM mentions m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id ORDER BY m.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let stamp = |d: Option<String>| d.map(|d| format!("{}000000", d.replace('-', ""))).unwrap_or_default();
            let opt = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_else(|| "-1".into());
            let fields = [
                r.get::<_, i64>(0)?.to_string(),
                stamp(r.get(1)?),
                stamp(r.get(2)?),
                "1".to_string(), // MentionType 1: web
                clean(&r.get::<_, String>(3)?),
                clean(&r.get::<_, String>(4)?),
                (r.get::<_, i64>(5)? + 1).to_string(),
                opt(r.get(6)?),
                opt(r.get(7)?),
                opt(r.get(8)?),
                "1".to_string(), // InRawText
                String::new(),   // Confidence: not estimated
                r.get::<_, i64>(9)?.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ];
            debug_assert_eq!(fields.len(), GDELT_MENTION_COLUMNS);
            writeln!(out, "{}", fields.join("\t"))?;
            n += 1;
        }
        Ok(n)
    }

    /// JSON Lines: each merged event with all its mentions and their evidence.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<usize> {
        let mut mentions = self.conn.prepare(
            "SELECT m.article_id, a.url, a.title, a.published, m.outlet, m.sentence_text, m.trigger_text, m.sentence_start, m.trigger_start,
                    m.source_name, m.target_name, m.date_from
             FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1 ORDER BY m.id",
        )?;
        let mut stmt = self.conn.prepare(EVENTS_WITH_FIRST_MENTION)?;
        let mut n = 0;
        for line in stmt.query_map([], event_line)? {
            let e = line?;
            let ms: Vec<serde_json::Value> = mentions
                .query_map([e.id], |r| {
                    Ok(serde_json::json!({
                        "article_id": r.get::<_, i64>(0)?, "url": r.get::<_, Option<String>>(1)?, "title": r.get::<_, Option<String>>(2)?,
                        "published": r.get::<_, Option<String>>(3)?, "outlet": r.get::<_, String>(4)?,
                        "sentence": r.get::<_, String>(5)?, "trigger": r.get::<_, String>(6)?,
                        "sentence_start": r.get::<_, i64>(7)?, "trigger_start": r.get::<_, i64>(8)?,
                        "source_name": r.get::<_, Option<String>>(9)?, "target_name": r.get::<_, Option<String>>(10)?,
                        "date_from": r.get::<_, String>(11)?,
                    }))
                })?
                .collect::<std::result::Result<_, _>>()?;
            let value = serde_json::json!({
                "id": e.id, "date": e.date, "source_code": e.source_code, "target_code": e.target_code,
                "cameo": e.cameo, "cameo_root": e.cameo_root, "plover": e.plover, "plover_mode": e.plover_mode,
                "goldstein": e.goldstein, "quad_class": e.quad_class, "location": (!e.location.is_empty()).then_some(&e.location),
                "num_mentions": e.num_mentions, "num_sources": e.num_sources, "num_articles": e.num_articles, "mentions": ms,
            });
            serde_json::to_writer(&mut *out, &value).map_err(|e| StoreError::Export(e.to_string()))?;
            writeln!(out)?;
            n += 1;
        }
        Ok(n)
    }

    /// PLOVER-style JSON Lines (the field names POLECAT users know), one per merged event
    /// that has a PLOVER type (CAMEO 01 statements have none and are left out).
    pub fn export_plover(&self, out: &mut dyn Write) -> Result<usize> {
        let mut stmt = self.conn.prepare(EVENTS_WITH_FIRST_MENTION)?;
        let mut n = 0;
        for line in stmt.query_map([], event_line)? {
            let e = line?;
            let Some(event_type) = &e.plover else { continue };
            let value = serde_json::json!({
                "event_id": e.id.to_string(), "event_date": e.date, "event_type": event_type, "event_mode": e.plover_mode,
                "actor": e.source_name, "actor_country": (!e.source_country.is_empty()).then_some(&e.source_country), "actor_code": e.source_code,
                "recipient": e.target_name, "recipient_country": (!e.target_country.is_empty()).then_some(&e.target_country), "recipient_code": e.target_code,
                "location": (!e.location.is_empty()).then_some(&e.location), "cameo": e.cameo, "goldstein": e.goldstein,
                "num_mentions": e.num_mentions, "num_sources": e.num_sources,
                "story_title": e.title, "story_date": e.published, "publisher": e.outlet, "url": e.url, "source_text": e.sentence,
            });
            serde_json::to_writer(&mut *out, &value).map_err(|e| StoreError::Export(e.to_string()))?;
            writeln!(out)?;
            n += 1;
        }
        Ok(n)
    }
}
