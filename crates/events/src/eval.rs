//! Validation suites of the event-coding field, read as they are published, and the
//! scorer behind `detente eval events`.
//!
//! Readers: the PLOVER gold-standard records (JSON), PETRARCH/UniversalPetrarch XML
//! records (tolerant: the files are not well-formed XML) and TABARI `Validate.text`.
//! The scorer compares sets of (source, target, code) triples per record.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One expected or coded event.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triple {
    pub source: String,
    pub target: String,
    pub code: String,
}

impl Triple {
    /// PETRARCH writes an unknown country as `---` ("---GOV", "---" alone for no
    /// actor); we leave it out, so both spellings compare equal.
    pub fn new(source: &str, target: &str, code: &str) -> Self {
        let actor = |a: &str| {
            let a = a.trim();
            a.strip_prefix("---").unwrap_or(a).to_string()
        };
        Triple {
            source: actor(source),
            target: actor(target),
            code: code.trim().to_string(),
        }
    }
}

/// One record of a suite: a sentence and the events it should yield.
#[derive(Clone, Debug, Default)]
pub struct SuiteRecord {
    pub id: String,
    pub category: String,
    pub text: String,
    /// Expected triples; empty with `expect_none` for "no events" records.
    pub expected: Vec<Triple>,
    pub expect_none: bool,
    /// PLOVER suite: the gold event type (2016 names mapped to the current ones).
    pub plover: Option<String>,
    /// The record is not scored (no expectation, a named error, an option change).
    pub skip: bool,
    /// The record's date (PETRARCH `date="YYYYMMDD"`, TABARI `YYMMDD` header), on
    /// which date-restricted actor codes are resolved.
    pub date: Option<chrono::NaiveDate>,
    /// PETRARCH `<Config option="require_dyad">` in force for this record: events need
    /// both a source and a target (`None`: the file does not say).
    pub require_dyad: Option<bool>,
    /// PETRARCH `comma_emin` / `comma_emax` in force (terminal comma clauses of that
    /// many words are dropped; `None`: the file does not say).
    pub comma_emin: Option<usize>,
    pub comma_emax: Option<usize>,
    pub comma_min: Option<usize>,
    pub comma_max: Option<usize>,
    /// TABARI `SET: MINIMUM WORDS = N` in force: shorter sentences are not coded.
    pub min_words: Option<usize>,
    /// TABARI `SET: CONVERT AGENT = TRUE` in force: an actor that is only an agent is
    /// written `~CODE` (`~MIL`).
    pub convert_agents: bool,
    /// TABARI `DEFAULT:` and `SET: CODE ...` options in force.
    pub tabari: crate::tabari::TabariOptions,
    /// TABARI `FORWARD:` in force: a pronoun with no antecedent stands for the first
    /// actor of the previous record of the same story.
    pub forward: bool,
    /// TABARI `COMMA:` lengths in force (`None`: TABARI's defaults).
    pub tabari_comma: Option<CommaLengths>,
}

/// `YYYYMMDD` or TABARI's `YYMMDD` (years 00-30 are 2000s, as in the dictionaries).
pub fn parse_record_date(s: &str) -> Option<chrono::NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = match s.len() {
        8 => s.to_string(),
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            format!("{}{s}", if yy <= 30 { "20" } else { "19" })
        }
        _ => return None,
    };
    chrono::NaiveDate::parse_from_str(&full, "%Y%m%d").ok()
}

/// An event as coded by detente, reduced to what the scorer compares.
#[derive(Clone, Debug, Default)]
pub struct CodedEvent {
    pub source_code: String,
    pub source_country: String,
    pub target_code: String,
    pub target_country: String,
    pub cameo: String,
    pub plover: String,
    /// The actor is only an agent (`MIL`, no country): TABARI's CONVERT AGENT writes it
    /// `~MIL`.
    pub source_agent_only: bool,
    pub target_agent_only: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    #[error("PLOVER records: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Format(String),
}

/// The PLOVER 2016 event names replaced in the current manual.
pub fn plover_current_name(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// The gold's country codes, with the three that are not ISO 3166 / CAMEO codes
/// (`JAP` 3 times, `ITL` twice, `VTN` once) read as the codes they stand for.
fn plover_country(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        other => other,
    }
}

/// `PLOVER_GSR_CAMEO.txt`: a JSON array of records; triples are (source country,
/// target country, PLOVER type); the "SRC/TAR" reciprocal actors yield both directions.
pub fn parse_plover_gsr(source: &str) -> Result<Vec<SuiteRecord>, SuiteError> {
    let value: serde_json::Value = serde_json::from_str(source)?;
    let records = value
        .as_array()
        .ok_or_else(|| SuiteError::Format("PLOVER records: expected a JSON array".into()))?;
    let mut out = Vec::new();
    for r in records {
        let event = r.get("event").and_then(|v| v.as_str()).unwrap_or("");
        if event.is_empty() || event == "DOCUMENT" {
            continue;
        }
        let event = plover_current_name(event).to_string();
        let codes = |key: &str| -> Vec<String> {
            r.get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.get("code").and_then(|c| c.as_str()))
                        .map(|c| plover_country(&c.chars().take(3).collect::<String>()).to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        let sources = codes("source");
        let mut targets = codes("target");
        let markup = r.pointer("/textInfo/markup").and_then(|v| v.as_str()).unwrap_or("");
        let reciprocal = markup.contains("SRC/TAR:");
        let mut expected = BTreeSet::new();
        if targets.is_empty() && reciprocal {
            targets = sources.clone();
        }
        for s in &sources {
            if targets.is_empty() {
                expected.insert(Triple::new(s, "", &event));
            }
            for t in &targets {
                if s != t || !reciprocal {
                    expected.insert(Triple::new(s, t, &event));
                }
            }
        }
        out.push(SuiteRecord {
            id: r.get("id").and_then(|v| v.as_str()).unwrap_or("").to_string(),
            category: event.clone(),
            text: r.get("text").and_then(|v| v.as_str()).unwrap_or("").to_string(),
            expected: expected.into_iter().collect(),
            expect_none: false,
            plover: Some(event),
            skip: sources.is_empty(),
            ..Default::default()
        });
    }
    Ok(out)
}

/// `key="value"` and `key = "value"` attributes of one tag.
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .trim()
            .rsplit(|c: char| c.is_whitespace() || c == '<')
            .next()
            .unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = &rest[eq + 1..];
            continue;
        };
        let body = &after[1..];
        let Some(close) = body.find(quote) else { break };
        out.insert(key.to_string(), body[..close].to_string());
        rest = &body[close + 1..];
    }
    out
}

/// PETRARCH-style XML records (`<Sentence>`, `<EventCoding>`, `<Text>`), read tolerantly:
/// a record runs from one `<Sentence` tag to the next, whatever the nesting says.
pub fn parse_petrarch_xml(source: &str) -> Vec<SuiteRecord> {
    let mut out = Vec::new();
    // `<Config>` lines between records change options for the records after them
    let mut require_dyad = None;
    let (mut comma_emin, mut comma_emax, mut comma_min, mut comma_max) = (None, None, None, None);
    for piece in source.split("<Sentence ").skip(1) {
        let Some(tag_end) = piece.find('>') else { continue };
        let attrs = attributes(&piece[..tag_end]);
        let mut rec = SuiteRecord {
            id: attrs.get("id").cloned().unwrap_or_default(),
            category: attrs.get("category").cloned().unwrap_or_default(),
            date: attrs.get("date").and_then(|d| parse_record_date(d)),
            require_dyad,
            comma_emin,
            comma_emax,
            comma_min,
            comma_max,
            ..Default::default()
        };
        for config in piece.split("<Config").skip(1) {
            let end = config.find('>').unwrap_or(config.len());
            let a = attributes(&config[..end]);
            let value = a.get("value");
            match a.get("option").map(String::as_str) {
                // PETRARCH's reading: anything but "false" turns it on
                Some("require_dyad") => require_dyad = value.map(|v| !v.to_lowercase().contains("false")),
                Some("comma_emin") => comma_emin = value.and_then(|v| v.trim().parse().ok()),
                Some("comma_emax") => comma_emax = value.and_then(|v| v.trim().parse().ok()),
                Some("comma_min") => comma_min = value.and_then(|v| v.trim().parse().ok()),
                Some("comma_max") => comma_max = value.and_then(|v| v.trim().parse().ok()),
                _ => {}
            }
        }
        for coding in piece.split("<EventCoding").skip(1) {
            let end = coding.find('>').unwrap_or(coding.len());
            let a = attributes(&coding[..end]);
            if a.get("noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                rec.expect_none = true;
            } else if let Some(code) = a.get("eventcode") {
                let source = a.get("sourcecode").map(String::as_str).unwrap_or("");
                let target = a.get("targetcode").map(String::as_str).unwrap_or("");
                rec.expected.push(Triple::new(source, target, code));
            }
        }
        if let Some(start) = piece.find("<Text>") {
            let body = &piece[start + 6..];
            let end = body.find("</Text>").unwrap_or(body.len());
            rec.text = body[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        }
        rec.skip = (rec.expected.is_empty() && !rec.expect_none) || rec.text.is_empty() || piece.contains("<EventCoding error");
        out.push(rec);
    }
    out
}

/// TABARI `Validate.text`: `YYMMDD  ID` header, sentence lines, a `/* ... */` comment
/// whose `{ SRC / TGT / CODE }` braces give the expected events (`{---}` none).
/// Reading stops at "This is the end of the standard validation records".
pub fn parse_tabari_validate(source: &str) -> Vec<SuiteRecord> {
    let mut out: Vec<SuiteRecord> = Vec::new();
    let mut current: Option<SuiteRecord> = None;
    let mut in_comment = false;
    let mut comment = String::new();
    let mut options = TabariOptions::default();
    for line in source.lines() {
        if line.contains("This is the end of the standard validation records") {
            break;
        }
        let header = {
            let w = line.split_whitespace();
            // `YYMMDD ID`, sometimes with a further story key or a mistyped date
            // (`950104 FBIS-001-001 CEP2002...`, `9501201 ACTORSYN-01`)
            let digits = |t: &str| (6..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
            // a repeated date (`950101  950101  AGENTS-11`) is read once
            let mut w = w.peekable();
            let first = w.next();
            if first.is_some_and(digits) && w.peek().is_some_and(|t| digits(t)) {
                w.next();
            }
            match (first, w.next(), w.next(), w.next()) {
                (Some(d), Some(id), extra, None)
                    if (6..=7).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && (extra.is_none() || id.contains('-')) =>
                {
                    // TABARI reads six characters of date: `9501201` is 950120
                    Some((id.to_string(), parse_record_date(d.get(..6).unwrap_or(d))))
                }
                _ => None,
            }
        };
        if !in_comment {
            if let Some((id, date)) = header {
                if let Some(r) = current.take() {
                    out.push(r);
                }
                let category = id.split('-').next().unwrap_or("").to_string();
                current = Some(SuiteRecord {
                    id,
                    category,
                    date,
                    min_words: options.min_words,
                    convert_agents: options.convert_agents,
                    tabari: options.coding.clone(),
                    forward: options.forward,
                    tabari_comma: options.comma,
                    ..Default::default()
                });
                continue;
            }
        }
        let Some(rec) = current.as_mut() else { continue };
        let mut text = line;
        if !in_comment {
            if let Some(p) = line.find("/*") {
                in_comment = true;
                comment.clear();
                let before = &line[..p];
                if !before.trim().is_empty() {
                    rec.text.push(' ');
                    rec.text.push_str(before.trim());
                }
                text = &line[p + 2..];
            } else if !line.trim_start().starts_with('#') && !line.trim_start().starts_with("\\n") {
                // (a `\n` line is a comment line left outside its `/* */`)
                if !rec.text.is_empty() {
                    rec.text.push(' ');
                }
                rec.text.push_str(line.trim());
                continue;
            } else {
                continue;
            }
        }
        comment.push_str(text);
        comment.push('\n');
        if text.contains("*/") {
            in_comment = false;
            read_tabari_braces(&comment, rec);
            options.read(&comment);
        }
    }
    if let Some(r) = current {
        out.push(r);
    }
    for r in &mut out {
        r.text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// TABARI `OPTION:` settings that change how the records after them are coded.
#[derive(Clone, Debug, Default)]
struct TabariOptions {
    min_words: Option<usize>,
    convert_agents: bool,
    forward: bool,
    coding: crate::tabari::TabariOptions,
    comma: Option<CommaLengths>,
}

impl TabariOptions {
    /// `{ OPTION: SET: MINIMUM WORDS = 4 }`, `{ OPTION: SET: CONVERT AGENT = TRUE }`
    /// (the closing brace is sometimes missing).
    fn read(&mut self, comment: &str) {
        for option in comment.split("OPTION:").skip(1) {
            let option = option.split(['}', '\n']).next().unwrap_or("").to_uppercase();
            let value = option.split('=').nth(1).map(str::trim).unwrap_or("");
            if self.coding.read_option(&option) {
                continue;
            }
            if option.trim_start().starts_with("COMMA:") {
                self.read_comma(&option);
            } else if option.trim_start().starts_with("FORWARD:") {
                self.forward = !option.split_whitespace().any(|w| w == "OFF");
            } else if option.contains("MINIMUM WORDS") {
                self.min_words = value.split_whitespace().next().and_then(|v| v.parse().ok());
            } else if option.contains("CONVERT AGENT") {
                self.convert_agents = value.starts_with("TRUE");
            }
        }
    }
}

impl TabariOptions {
    /// `COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8`, `COMMA: OFF`.
    fn read_comma(&mut self, option: &str) {
        if option.split_whitespace().any(|w| w == "OFF") {
            self.comma = Some(CommaLengths::default());
            return;
        }
        let mut c = self.comma.unwrap_or(CommaLengths::TABARI);
        let words: Vec<&str> = option
            .split(|ch: char| ch.is_whitespace() || ch == '=')
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            let Ok(n) = pair[1].parse::<usize>() else { continue };
            match pair[0] {
                "MIN" => c.inside.0 = n,
                "MAX" => c.inside.1 = n,
                "EMIN" => c.end.0 = n,
                "EMAX" => c.end.1 = n,
                "BMIN" => c.begin.0 = n,
                "BMAX" => c.begin.1 = n,
                _ => {}
            }
        }
        self.comma = Some(c);
    }
}

/// TABARI's comma-clause lengths (min, max words; a max of 0 is off): inside the
/// sentence, at its end, at its beginning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommaLengths {
    pub inside: (usize, usize),
    pub end: (usize, usize),
    pub begin: (usize, usize),
}

impl CommaLengths {
    /// TABARI's defaults (the validation file restores them after changing them):
    /// inner and terminal clauses of 2 to 10 words, no initial clause.
    pub const TABARI: CommaLengths = CommaLengths {
        inside: (2, 10),
        end: (2, 10),
        begin: (255, 0),
    };
}

fn read_tabari_braces(comment: &str, rec: &mut SuiteRecord) {
    let mut rest = comment;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let inner = rest[open + 1..open + close].trim();
        let unchecked = rest[..open].ends_with('-');
        rest = &rest[open + close + 1..];
        if unchecked {
            continue;
        }
        match inner {
            "---" => rec.expect_none = true,
            "+++" | "###" => rec.skip = true,
            _ if inner.starts_with("OPTION") => rec.skip = true,
            _ => {
                let f: Vec<&str> = inner.split('/').map(str::trim).collect();
                if f.len() >= 3 {
                    let code = f[2].split_whitespace().next().unwrap_or("");
                    rec.expected.push(Triple::new(f[0], f[1], code));
                }
            }
        }
    }
    if rec.expected.is_empty() && !rec.expect_none || comment.contains("OPTION:") {
        rec.skip = true;
    }
}

/// Which view of a triple is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Actor codes and the full event code.
    Exact,
    /// Actor codes and the two-digit CAMEO root.
    Root,
    /// Actor country (first three letters of the code) and the full event code.
    Country,
}

fn view_of(t: &Triple, view: View) -> Triple {
    let country = |c: &str| c.chars().take(3).collect::<String>();
    match view {
        View::Exact => t.clone(),
        View::Root => Triple::new(&t.source, &t.target, &t.code.chars().take(2).collect::<String>()),
        View::Country => Triple::new(&country(&t.source), &country(&t.target), &t.code),
    }
}

/// Record- and triple-level counts for one view.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub records: usize,
    pub exact: usize,
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Score {
    pub fn exact_rate(&self) -> f64 {
        ratio(self.exact, self.records)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Compare expected and coded triples of every scored record under one view.
pub fn score(records: &[SuiteRecord], coded: &[Vec<Triple>], view: View) -> Score {
    let mut s = Score::default();
    for (r, c) in records.iter().zip(coded) {
        if r.skip {
            continue;
        }
        let gold: BTreeSet<Triple> = r.expected.iter().map(|t| view_of(t, view)).collect();
        let got: BTreeSet<Triple> = c.iter().map(|t| view_of(t, view)).collect();
        s.records += 1;
        if gold == got {
            s.exact += 1;
        }
        s.true_pos += gold.intersection(&got).count();
        s.false_pos += got.difference(&gold).count();
        s.false_neg += gold.difference(&got).count();
    }
    s
}

/// Per-category exact-match counts (passed, scored), for listing failing categories.
pub fn by_category(records: &[SuiteRecord], coded: &[Vec<Triple>]) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (r, c) in records.iter().zip(coded) {
        if r.skip {
            continue;
        }
        let gold: BTreeSet<&Triple> = r.expected.iter().collect();
        let got: BTreeSet<&Triple> = c.iter().collect();
        let e = out.entry(r.category.clone()).or_default();
        e.1 += 1;
        if gold == got {
            e.0 += 1;
        }
    }
    out
}

/// The PLOVER suite's headline figures, defined on the *first* event detente codes in
/// each record (the one whose trigger comes first in the sentence).
#[derive(Clone, Debug, Default)]
pub struct PloverFigures {
    pub records: usize,
    /// The first coded event's PLOVER type equals the gold type (no event = miss).
    pub type_first: usize,
    /// The gold type is among the types of all coded events.
    pub type_any: usize,
    /// Records whose gold source has a country code.
    pub with_country: usize,
    /// The first coded event's source country is one of the gold source countries.
    pub source_country_first: usize,
    /// Records where detente coded at least one event.
    pub coded: usize,
    /// Of those: the first event's type is the gold type.
    pub coded_type_first: usize,
    /// Of those with a country-coded gold source: how many, and how many right.
    pub coded_with_country: usize,
    pub coded_source_country_first: usize,
}

pub fn plover_figures(records: &[SuiteRecord], coded: &[Vec<CodedEvent>]) -> PloverFigures {
    let mut f = PloverFigures::default();
    for (r, c) in records.iter().zip(coded) {
        if r.skip {
            continue;
        }
        let gold_type = r.plover.as_deref().unwrap_or("");
        f.records += 1;
        if !c.is_empty() {
            f.coded += 1;
        }
        if c.first().is_some_and(|e| e.plover == gold_type) {
            f.type_first += 1;
            f.coded_type_first += 1;
        }
        if c.iter().any(|e| e.plover == gold_type) {
            f.type_any += 1;
        }
        let countries: BTreeSet<&str> = r
            .expected
            .iter()
            .map(|t| t.source.as_str())
            .filter(|s| is_country_code(s))
            .collect();
        if !countries.is_empty() {
            f.with_country += 1;
            if !c.is_empty() {
                f.coded_with_country += 1;
            }
            if c.first().is_some_and(|e| countries.contains(e.source_country.as_str())) {
                f.source_country_first += 1;
                f.coded_source_country_first += 1;
            }
        }
    }
    f
}

/// Three capital letters that are not a CAMEO group prefix (IGO, NGO, ...).
fn is_country_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && !matches!(code, "IGO" | "NGO" | "MNC" | "IMG" | "UNK")
}

/// The standard report: exact-match rate and triple P/R/F1 for the three views.
pub fn report(records: &[SuiteRecord], coded: &[Vec<Triple>]) -> String {
    let mut out = String::new();
    for (name, view) in [
        ("exact (codes, full event code)", View::Exact),
        ("relaxed: root event code only", View::Root),
        ("relaxed: actor country only", View::Country),
    ] {
        let s = score(records, coded, view);
        let _ = writeln!(
            out,
            "{name:<34} records exact {:>3}/{:<3} = {:5.1}%   triples P {:5.1}% R {:5.1}% F1 {:5.1}%",
            s.exact,
            s.records,
            100.0 * s.exact_rate(),
            100.0 * s.precision(),
            100.0 * s.recall(),
            100.0 * s.f1()
        );
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn record_dates_and_unknown_country() {
        assert_eq!(parse_record_date("950101"), chrono::NaiveDate::from_ymd_opt(1995, 1, 1));
        assert_eq!(parse_record_date("080804"), chrono::NaiveDate::from_ymd_opt(2008, 8, 4));
        assert_eq!(parse_record_date("20080804"), chrono::NaiveDate::from_ymd_opt(2008, 8, 4));
        assert_eq!(parse_record_date("1"), None);
        assert_eq!(parse_record_date("2008x804"), None);
        // PETRARCH's "---GOV" and "---" are our "GOV" and no actor
        assert_eq!(Triple::new("---GOV", "---", "023"), Triple::new("GOV", "", "023"));
    }
    use super::*;

    #[test]
    fn tolerant_petrarch_records() {
        let xml = r#"<Sentences>
<Sentence category="AFP" date="20080804" id="A_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>
The US leader visited
China.
</Text>
</Sentence>
<Sentence date="1" id="B-2" category="DEMO">
<EventCoding noevents = "True">
<Text>Nothing.</Text></Sentence>"#;
        let r = parse_petrarch_xml(xml);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].expected, vec![Triple::new("USA", "CHN", "042")]);
        assert_eq!(r[0].text, "The US leader visited China.");
        assert!(r[1].expect_none && !r[1].skip);
    }

    #[test]
    fn tabari_records() {
        let t = "950101  DEMO-01\nArnor is about to restore ties with Gondor.\n/*\\n---\n\\n[Simple]\n\\n{ ARN / GON / 064 } */\n\n950101  DEMO-02\nNo event here.\n/*\\n{---} */\n";
        let r = parse_tabari_validate(t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(r[0].expected, vec![Triple::new("ARN", "GON", "064")]);
        assert!(r[1].expect_none && !r[1].skip);
    }

    #[test]
    fn plover_records_and_reciprocal_actors() {
        let j = r#"[{"id":"D","event":"DOCUMENT"},
 {"id":"X1","event":"FIGHT","text":"A fought B.","source":[{"code":"USA"}],"target":[{"code":"RUS"}],"textInfo":{"markup":""}},
 {"id":"X2","event":"AGREE","text":"A and B agreed.","source":[{"code":"HUN"},{"code":"ROU"}],"textInfo":{"markup":"(SRC/TAR: A) and (SRC/TAR: B)"}}]"#;
        let r = parse_plover_gsr(j).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].plover.as_deref(), Some("ASSAULT"));
        assert_eq!(r[1].expected.len(), 2);
        // the gold's non-ISO country codes are read as the ISO ones
        let j = r#"[{"id":"X3","event":"AGREE","text":"A met B.","source":[{"code":"JAPGOV"}],"target":[{"code":"ITL"}],"textInfo":{"markup":""}}]"#;
        let r = parse_plover_gsr(j).unwrap();
        assert_eq!(r[0].expected, vec![Triple::new("JPN", "ITA", "AGREE")]);
    }

    #[test]
    fn scoring_views() {
        let rec = SuiteRecord {
            expected: vec![Triple::new("USAGOV", "CHN", "042")],
            ..Default::default()
        };
        let coded = vec![vec![Triple::new("USA", "CHN", "043")]];
        assert_eq!(score(std::slice::from_ref(&rec), &coded, View::Exact).exact, 0);
        assert_eq!(score(std::slice::from_ref(&rec), &coded, View::Root).exact, 0);
        let coded = vec![vec![Triple::new("USAGOV", "CHNGOV", "042")]];
        assert_eq!(score(std::slice::from_ref(&rec), &coded, View::Country).exact, 1);
        assert_eq!(score(&[rec], &coded, View::Exact).false_pos, 1);
    }
}

#[cfg(test)]
mod config_tests {
    use super::*;

    #[test]
    fn petrarch_config_lines_apply_to_the_records_after_them() {
        let xml = r#"<Sentences>
<Sentence date="19950101" id="A-1" category="A"><EventCoding noevents="True"></EventCoding><Text>One.</Text></Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Config option="comma_emin" value="3"></Config><Config option="comma_emax" value="6"></Config>
<Sentence date="19950101" id="A-2" category="A"><EventCoding noevents="True"></EventCoding><Text>Two.</Text></Sentence>
<Config option="require_dyad" value="True"></Config>
<Sentence date="19950101" id="A-3" category="A"><EventCoding noevents="True"></EventCoding><Text>Three.</Text></Sentence>
</Sentences>"#;
        let records = parse_petrarch_xml(xml);
        let dyad: Vec<Option<bool>> = records.iter().map(|r| r.require_dyad).collect();
        assert_eq!(dyad, vec![None, Some(false), Some(true)]);
        assert_eq!((records[0].comma_emin, records[0].comma_emax), (None, None));
        assert_eq!((records[1].comma_emin, records[1].comma_emax), (Some(3), Some(6)));
        assert_eq!(records[2].comma_emax, Some(6));
    }
}

#[cfg(test)]
mod tabari_option_tests {
    use super::*;

    #[test]
    fn tabari_options_and_headers() {
        let text = "950101  A-01\nArnor met Gondor.\n/* { ARN / GON / 040 } */\n\n                    970102 A-SET\nChanging options.\n/*\n\\n{ OPTION: SET: MINIMUM WORDS = 4  */\n\n                    950101  A-02\nArnor met Gondor.\n/* { ARN / GON / 040 } */\n\n                    970102 A-CONV\nChanging options.\n/* { OPTION: SET: CONVERT AGENT = TRUE } */\n\n                    950104 B-001-001 CEP2002\nArnor met Bree.\n/* { ARN / BRE / 040 } */\n";
        let records = parse_tabari_validate(text);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, vec!["A-01", "A-SET", "A-02", "A-CONV", "B-001-001"]);
        // option records are not scored, and change the records after them
        assert!(records[1].skip && records[3].skip);
        assert_eq!(records[0].min_words, None);
        assert_eq!(records[2].min_words, Some(4));
        assert!(!records[2].convert_agents && records[4].convert_agents);
        assert_eq!(records[4].text, "Arnor met Bree.");
    }

    #[test]
    fn tabari_coding_options_are_read_per_record() {
        let text = "950101 O-1\nOptions.\n/*\n\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER }\n\\n{ OPTION: SET: CODE ALL }\n\\n{ OPTION: FORWARD: ^^*****NNN*SSS }\n\\n{ OPTION: COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8} */\n\n\
                    950101  950101  A-1\nArnor met Gondor.\n/*\n\\n{ ARN / GON / 040 } */\n\\n{ XXX / YYY / 999 } */\n\n\
                    950101 O-2\nOptions.\n/* { OPTION: DEFAULT: OFF } { OPTION: COMMA: OFF } { OPTION: FORWARD: ^^*****NNN*SSS OFF } */\n\n\
                    950101 A-2\nArnor met Gondor.\n/* { ARN / GON / 040 } */\n";
        let records = parse_tabari_validate(text);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        // a repeated header date is read once
        assert_eq!(ids, vec!["O-1", "A-1", "O-2", "A-2"]);
        let a1 = &records[1];
        assert_eq!(a1.tabari.default_source.as_deref(), Some("DEFSRC"));
        assert_eq!(a1.tabari.code_by, crate::tabari::CodeBy::All);
        assert!(a1.forward);
        let comma = a1.tabari_comma.unwrap_or_default();
        assert_eq!((comma.inside, comma.end, comma.begin), ((4, 6), (3, 6), (3, 8)));
        // a comment line left after the comment's end is neither text nor expectation
        assert_eq!(a1.text, "Arnor met Gondor.");
        assert_eq!(a1.expected.len(), 1);
        let a2 = &records[3];
        assert_eq!(a2.tabari.default_source, None);
        assert!(!a2.forward);
        assert_eq!(a2.tabari_comma, Some(CommaLengths::default()));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // the readers take any text without panicking (the files are hand-edited and
        // not always well formed)
        #[test]
        fn readers_never_panic(s in "(<Sentence |<EventCoding |<Text>|</Text>|id=\"x\"|eventcode=\"01\"|noevents = \"True\"|[ -~\n]){0,40}") {
            let _ = parse_petrarch_xml(&s);
            let _ = parse_tabari_validate(&s);
            let _ = parse_plover_gsr(&s);
        }

        #[test]
        fn scoring_a_record_against_itself_is_exact(codes in proptest::collection::vec("[A-Z]{3}", 1..4)) {
            let triples: Vec<Triple> = codes.iter().map(|c| Triple::new(c, "", "010")).collect();
            let rec = SuiteRecord { expected: triples.clone(), ..Default::default() };
            let s = score(&[rec], &[triples], View::Exact);
            prop_assert_eq!(s.exact, 1);
            prop_assert_eq!(s.false_pos + s.false_neg, 0);
        }
    }
}
