//! TempEval-3 task A scoring: read TimeML, tag its raw text, compare spans, types
//! and values with the official definitions (strict = same extent, relaxed = any
//! overlap; type and value judged on relaxed matches; value F1 = the relaxed
//! F1 counting only matches whose value agrees).

use crate::TimeStage;
use chrono::NaiveDate;
use detente_doc::{ArticleMeta, Document, Sentence, Span};
use detente_text::Splitter;
use std::fmt;

/// A TIMEX3 of a TimeML document (or of a system's output): byte offsets into
/// the document's raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A TimeML document: the raw text of its `<TEXT>` (tags stripped, entities
/// decoded), its creation time, and its TIMEX3 annotations.
#[derive(Clone, Debug, Default)]
pub struct TimemlDoc {
    pub text: String,
    pub dct: Option<NaiveDate>,
    pub timexes: Vec<Annotation>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimemlError {
    #[error("unclosed tag at byte {0}")]
    UnclosedTag(usize),
    #[error("</TIMEX3> without an opening tag at byte {0}")]
    UnopenedTimex(usize),
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let after = &rest[i + name.len()..];
        let boundary_ok = i == 0 || rest[..i].ends_with(char::is_whitespace);
        if let (true, Some(stripped)) = (boundary_ok, after.trim_start().strip_prefix('=')) {
            let stripped = stripped.trim_start();
            let quote = stripped.chars().next()?;
            let body = &stripped[1..];
            return body.find(quote).map(|j| decode_entities(&body[..j]));
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parse a TimeML document. The text is the content of `<TEXT>` (or of the whole
/// file when it has none, as in system outputs), with every tag removed.
pub fn parse_timeml(source: &str) -> Result<TimemlDoc, TimemlError> {
    let dct = source.find("<DCT>").and_then(|i| {
        let end = source[i..].find("</DCT>").map_or(source.len(), |j| i + j);
        let value = attribute(&source[i..end], "value")?;
        NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
    });
    let (body, offset) = match (source.find("<TEXT>"), source.find("</TEXT>")) {
        (Some(s), Some(e)) if s < e => (&source[s + 6..e], s + 6),
        _ => match (source.find("<TimeML"), source.rfind("</TimeML>")) {
            (Some(s), Some(e)) if s < e => {
                let open_end = source[s..].find('>').map_or(e, |j| s + j + 1).min(e);
                (&source[open_end..e], open_end)
            }
            _ => (source, 0),
        },
    };
    let mut doc = TimemlDoc { dct, ..Default::default() };
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').ok_or(TimemlError::UnclosedTag(offset + i))?;
            let tag = &rest[1..close];
            if tag.starts_with("TIMEX3") {
                let kind = attribute(tag, "type").unwrap_or_default();
                let value = attribute(tag, "value").unwrap_or_default();
                open = Some((doc.text.len(), kind, value));
            } else if tag.starts_with("/TIMEX3") {
                let (start, kind, value) = open.take().ok_or(TimemlError::UnopenedTimex(offset + i))?;
                doc.timexes.push(Annotation {
                    start,
                    end: doc.text.len(),
                    kind,
                    value,
                });
            }
            i += close + 1;
        } else if rest.starts_with('&') {
            let entity_end = rest.find(';').filter(|j| *j <= 6);
            match entity_end.map(|j| decode_entities(&rest[..=j])) {
                Some(decoded) if decoded.chars().count() == 1 => {
                    doc.text.push_str(&decoded);
                    i += entity_end.map_or(1, |j| j + 1);
                }
                _ => {
                    doc.text.push('&');
                    i += 1;
                }
            }
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            doc.text.push_str(&rest[..next]);
            i += next;
        }
    }
    Ok(doc)
}

/// Run the time stage on raw text with `anchor` as publication date.
///
/// The text goes in as it is, not through the text stage's normalisation
/// (quotes, whitespace), so that every offset we produce is an offset of the
/// TimeML text and needs no mapping back: paragraphs are cut at blank lines and
/// sentences found with the text stage's splitter, directly on the raw text.
pub fn tag_raw_text(stage: &TimeStage, text: &str, anchor: Option<NaiveDate>) -> Vec<Annotation> {
    let mut doc = Document {
        meta: ArticleMeta {
            published: anchor,
            ..Default::default()
        },
        text: text.to_string(),
        ..Default::default()
    };
    let splitter = Splitter::default();
    let mut start = 0;
    let mut paragraph = 0;
    for piece in text.split("\n\n").chain(std::iter::once("")) {
        let span = Span::new(start, start + piece.len());
        start += piece.len() + 2;
        if piece.trim().is_empty() {
            continue;
        }
        for s in splitter.split(text, span) {
            doc.sentences.push(Sentence {
                span: s,
                paragraph,
                tokens: (0, 0),
            });
        }
        paragraph += 1;
    }
    stage.annotate(&mut doc);
    doc.times
        .iter()
        .map(|t| Annotation {
            start: t.span.start,
            end: t.span.end,
            kind: format!("{:?}", t.kind).to_uppercase(),
            value: t.value.clone().unwrap_or_default(),
        })
        .collect()
}

/// Byte offsets turned into counts of non-space characters before them, so that
/// two copies of a text that differ only in whitespace (a system's output and
/// the gold file) can be compared.
fn to_visible(text: &str, annotations: &[Annotation]) -> Vec<Annotation> {
    let mut visible_before = Vec::with_capacity(text.len() + 1);
    let mut count = 0;
    for (i, c) in text.char_indices() {
        while visible_before.len() <= i {
            visible_before.push(count);
        }
        if !c.is_whitespace() {
            count += 1;
        }
    }
    while visible_before.len() <= text.len() {
        visible_before.push(count);
    }
    annotations
        .iter()
        .map(|a| Annotation {
            start: visible_before[a.start.min(text.len())],
            end: visible_before[a.end.min(text.len())],
            ..a.clone()
        })
        .collect()
}

/// One difference between gold and system, for error analysis.
#[derive(Clone, Debug)]
pub enum Difference {
    Missed(Annotation),
    Spurious(Annotation),
    Mismatch { gold: Annotation, system: Annotation },
}

/// Differences counted by kind, for `--errors`: expressions missed or
/// invented, and relaxed matches with a wrong value, a wrong type only (the
/// value right) or another extent only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ErrorTally {
    pub missed: usize,
    pub spurious: usize,
    pub wrong_value: usize,
    pub wrong_type: usize,
    pub other_extent: usize,
}

impl ErrorTally {
    pub fn add(&mut self, diffs: &[Difference]) {
        for d in diffs {
            match d {
                Difference::Missed(_) => self.missed += 1,
                Difference::Spurious(_) => self.spurious += 1,
                Difference::Mismatch { gold, system } if gold.value != system.value => self.wrong_value += 1,
                Difference::Mismatch { gold, system } if gold.kind != system.kind => self.wrong_type += 1,
                Difference::Mismatch { .. } => self.other_extent += 1,
            }
        }
    }
}

impl fmt::Display for ErrorTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "errors: {} missed, {} spurious; of the relaxed matches {} with a wrong value, {} with a wrong type only, {} with another extent only",
            self.missed, self.spurious, self.wrong_value, self.wrong_type, self.other_extent
        )
    }
}

/// Running TempEval-3 task-A counts over documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub type_correct: usize,
    pub value_correct: usize,
}

impl Scores {
    /// Score one document: `gold` on `gold_text`, `system` on `system_text`
    /// (the same text up to whitespace). Returns the differences.
    pub fn add(&mut self, gold_text: &str, gold: &[Annotation], system_text: &str, system: &[Annotation]) -> Vec<Difference> {
        let gold_v = to_visible(gold_text, gold);
        let sys_v = to_visible(system_text, system);
        self.gold += gold_v.len();
        self.system += sys_v.len();
        self.strict += gold_v
            .iter()
            .filter(|g| sys_v.iter().any(|s| s.start == g.start && s.end == g.end))
            .count();
        let mut used = vec![false; sys_v.len()];
        let mut diffs = Vec::new();
        for (gi, g) in gold_v.iter().enumerate() {
            let overlapping = |s: &Annotation| s.start < g.end && g.start < s.end;
            // Prefer an exact match, then any overlap, each system tag used once.
            let pick = (0..sys_v.len())
                .find(|&j| !used[j] && sys_v[j].start == g.start && sys_v[j].end == g.end)
                .or_else(|| (0..sys_v.len()).find(|&j| !used[j] && overlapping(&sys_v[j])));
            match pick {
                Some(j) => {
                    used[j] = true;
                    self.relaxed += 1;
                    let s = &sys_v[j];
                    let type_ok = s.kind.eq_ignore_ascii_case(&g.kind);
                    let value_ok = s.value.trim() == g.value.trim();
                    self.type_correct += usize::from(type_ok);
                    self.value_correct += usize::from(value_ok);
                    if !type_ok || !value_ok || s.start != g.start || s.end != g.end {
                        diffs.push(Difference::Mismatch {
                            gold: gold[gi].clone(),
                            system: system[j].clone(),
                        });
                    }
                }
                None => diffs.push(Difference::Missed(gold[gi].clone())),
            }
        }
        for (j, u) in used.iter().enumerate() {
            if !u {
                diffs.push(Difference::Spurious(system[j].clone()));
            }
        }
        diffs
    }

    fn prf(&self, correct: usize) -> (f64, f64, f64) {
        let p = ratio(correct, self.system);
        let r = ratio(correct, self.gold);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }

    /// Strict span (P, R, F1).
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        self.prf(self.strict)
    }

    /// Relaxed span (P, R, F1).
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        self.prf(self.relaxed)
    }

    /// Value (P, R, F1): relaxed matches whose value is right.
    pub fn value_prf(&self) -> (f64, f64, f64) {
        self.prf(self.value_correct)
    }

    /// Type (P, R, F1).
    pub fn type_prf(&self) -> (f64, f64, f64) {
        self.prf(self.type_correct)
    }

    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.relaxed)
    }

    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.relaxed)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "gold timexes {}, system timexes {}", self.gold, self.system)?;
        writeln!(f, "{:<14} {:>7} {:>7} {:>7}", "", "P", "R", "F1")?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, (p, r, f1): (f64, f64, f64)| {
            writeln!(f, "{name:<14} {:>7.2} {:>7.2} {:>7.2}", p * 100.0, r * 100.0, f1 * 100.0)
        };
        line(f, "strict span", self.strict_prf())?;
        line(f, "relaxed span", self.relaxed_prf())?;
        line(f, "type", self.type_prf())?;
        line(f, "value", self.value_prf())?;
        writeln!(
            f,
            "type accuracy {:.2}, value accuracy {:.2} (on {} relaxed matches)",
            self.type_accuracy() * 100.0,
            self.value_accuracy() * 100.0,
            self.relaxed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?><TimeML>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TEXT>
The <EVENT eid="e1">season</EVENT> began <TIMEX3 tid="t1" type="DURATION" value="P1M">a month</TIMEX3> early &amp; ended <TIMEX3 tid="t3" type="DATE" value="2013-03-22">Friday</TIMEX3>.
</TEXT></TimeML>"#;

    #[test]
    fn error_tally_sorts_differences_by_kind() {
        let a = |start, end, kind: &str, value: &str| Annotation {
            start,
            end,
            kind: kind.into(),
            value: value.into(),
        };
        let diffs = vec![
            Difference::Missed(a(0, 3, "DATE", "2013")),
            Difference::Spurious(a(5, 8, "DATE", "PRESENT_REF")),
            Difference::Mismatch {
                gold: a(0, 5, "DATE", "2013-W12"),
                system: a(0, 5, "DATE", "2013-W11"),
            },
            Difference::Mismatch {
                gold: a(0, 5, "DURATION", "P1W"),
                system: a(0, 5, "DATE", "P1W"),
            },
            Difference::Mismatch {
                gold: a(0, 5, "DATE", "2013"),
                system: a(1, 5, "DATE", "2013"),
            },
        ];
        let mut tally = ErrorTally::default();
        tally.add(&diffs);
        assert_eq!(
            tally,
            ErrorTally {
                missed: 1,
                spurious: 1,
                wrong_value: 1,
                wrong_type: 1,
                other_extent: 1
            }
        );
        assert!(tally.to_string().starts_with("errors: 1 missed, 1 spurious"));
    }

    #[test]
    fn parses_text_dct_and_offsets() {
        let doc = parse_timeml(SAMPLE).unwrap();
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2013, 3, 22));
        assert_eq!(doc.text, "\nThe season began a month early & ended Friday.\n");
        let spans: Vec<&str> = doc.timexes.iter().map(|t| &doc.text[t.start..t.end]).collect();
        assert_eq!(spans, vec!["a month", "Friday"]);
        assert_eq!(doc.timexes[1].value, "2013-03-22");
    }

    #[test]
    fn rejects_broken_markup() {
        assert_eq!(
            parse_timeml("<TEXT>a </TIMEX3> b</TEXT>").unwrap_err(),
            TimemlError::UnopenedTimex(8)
        );
    }

    #[test]
    fn tags_raw_text_on_its_own_offsets() {
        let doc = parse_timeml(SAMPLE).unwrap();
        let ours = tag_raw_text(&TimeStage::new(), &doc.text, doc.dct);
        let mut scores = Scores::default();
        let diffs = scores.add(&doc.text, &doc.timexes, &doc.text, &ours);
        assert_eq!(scores.strict, 2, "{diffs:?}");
        assert_eq!(scores.value_correct, 2, "{diffs:?}");
    }

    proptest::proptest! {
        #[test]
        fn parsed_offsets_point_at_the_tagged_text(
            pieces in proptest::collection::vec(("[a-zA-Z é,.]{0,12}", "[a-zA-Z0-9 ]{1,10}", proptest::bool::ANY), 0..8)
        ) {
            let mut xml = String::from("<TimeML><TEXT>");
            let mut expected = Vec::new();
            for (plain, inner, tagged) in &pieces {
                xml.push_str(plain);
                if *tagged {
                    xml.push_str(&format!("<TIMEX3 tid=\"t\" type=\"DATE\" value=\"X\">{inner}</TIMEX3>"));
                    expected.push(inner.clone());
                } else {
                    xml.push_str(&format!("<EVENT eid=\"e\">{inner}</EVENT>"));
                }
            }
            xml.push_str("</TEXT></TimeML>");
            let doc = parse_timeml(&xml).unwrap();
            let found: Vec<String> = doc.timexes.iter().map(|t| doc.text[t.start..t.end].to_string()).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn relaxed_and_value_counts() {
        let text = "one two three four";
        let ann = |s, e, v: &str| Annotation {
            start: s,
            end: e,
            kind: "DATE".into(),
            value: v.into(),
        };
        let gold = vec![ann(0, 7, "A"), ann(14, 18, "B")];
        // Same text with extra whitespace on the system side.
        let sys_text = "  one two three four";
        let system = vec![ann(6, 9, "A"), ann(10, 15, "X")];
        let mut s = Scores::default();
        let diffs = s.add(text, &gold, sys_text, &system);
        assert_eq!((s.strict, s.relaxed, s.value_correct), (0, 1, 1));
        assert_eq!(diffs.len(), 3); // a partial match, a miss, a spurious tag
        let (p, r, f) = s.relaxed_prf();
        assert_eq!((p, r, f), (0.5, 0.5, 0.5));
    }
}
