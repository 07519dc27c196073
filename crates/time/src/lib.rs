//! Time stage of detente: finds temporal expressions and resolves them to TIMEX3
//! types and values against the article's publication date (the anchor).
//! Without an anchor, relative expressions keep `value: None` rather than being
//! guessed from the clock.
//!
//! The work is split in four parts: [`lexicon`] (the word lists under
//! `dictionaries/time/`), [`recognizer`] (patterns that find candidate spans),
//! [`resolver`] (values, with [`calendar`] arithmetic) and [`eval`] (the
//! TempEval-3 scorer behind `detente eval timex`).

pub mod calendar;
pub mod eval;
pub mod lexicon;
pub mod recognizer;
pub mod resolver;

pub use calendar::{resolve_weekday, Direction};
use detente_doc::{Document, Span, Timex, TimexType};
use lexicon::Lexicon;
use recognizer::{Mention, Recognizer};
use regex::Regex;
use resolver::{resolve, Context};

/// The configured time stage (its word lists and compiled patterns).
pub struct TimeStage {
    lexicon: Lexicon,
    recognizer: Recognizer,
    future_cues: Regex,
    past_cues: Regex,
}

impl Default for TimeStage {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeStage {
    pub fn new() -> Self {
        Self::with_lexicon(Lexicon::default())
    }

    /// A stage with user word lists (see [`lexicon::LexiconSources`]).
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        let recognizer = Recognizer::new(&lexicon);
        let cues: Vec<String> = lexicon
            .future_cues
            .iter()
            .map(|c| c.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
            .collect();
        let future_cues = Regex::new(&format!(r"(?i)(?:\b|')(?:{})\b", cues.join("|")))
            .unwrap_or_else(|_| never_matching());
        // Past-tense cues: common irregular pasts, auxiliaries and -ed forms.
        let past_cues = Regex::new(
            r"(?i)\b(?:was|were|had|did|said|told|met|took|came|went|made|gave|left|began|held|won|lost|saw|fell|rose|\w{2,}ed)\b",
        )
        .unwrap_or_else(|_| never_matching());
        TimeStage {
            lexicon,
            recognizer,
            future_cues,
            past_cues,
        }
    }

    /// Add the times layer to `doc`, anchored on `doc.meta.published`.
    pub fn annotate(&self, doc: &mut Document) {
        let mut found = Vec::new();
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let text = sentence.span.text(&doc.text);
            for (start, end, kind, value) in self.tag_sentence(text, doc.meta.published) {
                found.push(Timex {
                    span: Span::new(sentence.span.start + start, sentence.span.start + end),
                    kind,
                    value,
                    sentence: si,
                });
            }
        }
        found.sort_by_key(|t| t.span.start);
        doc.times = found;
    }

    /// The expressions of one sentence: `(start, end, type, value)` with byte
    /// offsets into `text`, in text order, not overlapping.
    pub fn tag_sentence(
        &self,
        text: &str,
        anchor: Option<chrono::NaiveDate>,
    ) -> Vec<(usize, usize, TimexType, Option<String>)> {
        let mut resolved: Vec<(Mention, TimexType, Option<String>)> = self
            .recognizer
            .candidates(text)
            .into_iter()
            .filter_map(|m| {
                let ctx = Context {
                    anchor,
                    direction: self.direction(text, m.start, m.end),
                    before: &text[..m.start],
                    after: &text[m.end..],
                };
                let (kind, value) = resolve(&m, &text[m.start..m.end], &self.lexicon, &ctx)?;
                Some((m, kind, value))
            })
            .collect();
        // Longest first; among equals, the earlier (more specific) pattern.
        resolved.sort_by_key(|(m, _, _)| (std::cmp::Reverse(m.end - m.start), m.rule as usize, m.start));
        let mut chosen: Vec<(usize, usize, TimexType, Option<String>)> = Vec::new();
        for (m, kind, value) in resolved {
            if chosen.iter().all(|c| m.end <= c.0 || m.start >= c.1) {
                chosen.push((m.start, m.end, kind, value));
            }
        }
        chosen.sort_by_key(|c| c.0);
        chosen
    }

    /// Which way the clause around `start..end` points: the nearest tense cue
    /// wins (a future cue such as "will" against a past one such as "said").
    fn direction(&self, text: &str, start: usize, end: usize) -> Direction {
        // "said Friday", "Friday said": the day of a report is past.
        const REPORTING: [&str; 7] = ["said", "says", "told", "announced", "reported", "added", "stated"];
        let word_before = text[..start].split_whitespace().next_back().unwrap_or("");
        let word_after = text[end..].split_whitespace().next().unwrap_or("");
        let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        if REPORTING.contains(&clean(word_before).as_str()) || REPORTING.contains(&clean(word_after).as_str()) {
            return Direction::Past;
        }
        let distance = |re: &Regex| {
            re.find_iter(text)
                .filter(|c| c.end() <= start || c.start() >= end)
                .map(|c| if c.end() <= start { start - c.end() } else { c.start() - end })
                .min()
        };
        match (distance(&self.future_cues), distance(&self.past_cues)) {
            (Some(f), Some(p)) if f <= p => Direction::Future,
            (Some(_), None) => Direction::Future,
            _ => Direction::Past,
        }
    }
}

fn never_matching() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant pattern"))
}

/// Is this a calendar value an event can carry (a date or time, not a duration,
/// a set or a reference like `PAST_REF`)?
fn is_calendar_value(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time)
        && t.value.as_deref().is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// Words before an expression that make it a bound of an interval rather than
/// the time the clause happened ("since March", "until Friday").
const BOUND_WORDS: [&str; 8] = ["since", "until", "till", "by", "before", "after", "from", "through"];

fn is_bound(doc: &Document, t: &Timex) -> bool {
    let before = doc.text.get(..t.span.start).unwrap_or("");
    let word = before.split_whitespace().next_back().unwrap_or("").to_lowercase();
    BOUND_WORDS.contains(&word.as_str())
}

/// The date for an event in sentence `si`: the first calendar DATE or TIME of the
/// sentence that is not the bound of an interval ("since March"), else the first
/// calendar one. Durations, sets and references never date an event.
pub fn sentence_date(doc: &Document, si: usize) -> Option<(usize, String)> {
    let in_sentence = || doc.times.iter().enumerate().filter(|(_, t)| t.sentence == si && is_calendar_value(t));
    let (i, t) = in_sentence()
        .find(|(_, t)| !is_bound(doc, t))
        .or_else(|| in_sentence().next())?;
    Some((i, t.value.clone()?))
}

/// The date for an event whose trigger (its verb) is `trigger` in sentence `si`:
/// the calendar expression of the trigger's clause nearest the trigger, where
/// clauses are cut at semicolons and at commas that separate a reporting clause
/// ("..., he said Friday"); falls back to [`sentence_date`].
pub fn event_date(doc: &Document, si: usize, trigger: Span) -> Option<(usize, String)> {
    let sentence = doc.sentences.get(si)?.span;
    let clause = clause_around(&doc.text, sentence, trigger);
    doc.times
        .iter()
        .enumerate()
        .filter(|(_, t)| t.sentence == si && is_calendar_value(t) && clause.contains(t.span) && !is_bound(doc, t))
        .min_by_key(|(_, t)| {
            if t.span.end <= trigger.start {
                trigger.start - t.span.end
            } else {
                t.span.start.saturating_sub(trigger.end)
            }
        })
        .and_then(|(i, t)| Some((i, t.value.clone()?)))
        .or_else(|| sentence_date(doc, si))
}

/// The part of `sentence` between the clause breaks (`;`, `,`) around `trigger`.
fn clause_around(text: &str, sentence: Span, trigger: Span) -> Span {
    let body = sentence.text(text);
    let local = trigger.start.saturating_sub(sentence.start).min(body.len());
    let local_end = trigger.end.saturating_sub(sentence.start).clamp(local, body.len());
    let is_break = |c: char| c == ';' || c == ',';
    let start = body[..local].rfind(is_break).map_or(0, |i| i + 1);
    let end = body[local_end..].find(is_break).map_or(body.len(), |i| local_end + i);
    Span::new(sentence.start + start, sentence.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn times(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        let meta = ArticleMeta {
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            ..Default::default()
        };
        let mut doc = TextStage::default().build(meta, text);
        TimeStage::new().annotate(&mut doc);
        doc.times.iter().map(|t| (doc.slice(t.span).to_string(), t.value.clone())).collect()
    }

    #[test]
    fn weekdays_by_tense() {
        // 2024-03-07 is a Thursday.
        assert_eq!(
            times("They met on Tuesday.", "2024-03-07"),
            vec![("on Tuesday".into(), Some("2024-03-05".into()))]
        );
        assert_eq!(
            times("They will meet on Tuesday.", "2024-03-07"),
            vec![("on Tuesday".into(), Some("2024-03-12".into()))]
        );
    }

    #[test]
    fn explicit_and_relative() {
        let t = times(
            "On March 5, 2024 and yesterday, last week, two years ago, a three-day visit.",
            "2024-03-07",
        );
        let values: Vec<_> = t.iter().map(|(_, v)| v.clone().unwrap_or_default()).collect();
        assert_eq!(values, vec!["2024-03-05", "2024-03-06", "2024-W09", "2022", "P3D"]);
    }

    #[test]
    fn no_anchor_no_guess() {
        assert_eq!(times("They met yesterday.", "none"), vec![("yesterday".into(), None)]);
    }
}
