//! Time stage of detente: finds temporal expressions and resolves them to TIMEX3
//! values against the article's publication date (the anchor). Without an anchor,
//! relative expressions keep `value: None` rather than being guessed from the clock.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use detente_doc::{Document, Span, Timex, TimexType};
use regex::Regex;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word.to_lowercase().as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn number_word(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    let w = w.to_lowercase();
    if w == "a" || w == "an" {
        return Some(1);
    }
    words.iter().position(|x| *x == w).map(|i| i as u32)
}

/// The configured time stage (its patterns, compiled once).
pub struct TimeStage {
    patterns: Vec<(Regex, Rule)>,
}

#[derive(Clone, Copy, Debug)]
enum Rule {
    IsoDate,
    MonthDayYear,
    DayMonthYear,
    MonthYear,
    MonthDay,
    Year,
    Weekday,
    Deictic,
    LastNext,
    Ago,
    Duration,
}

impl Default for TimeStage {
    fn default() -> Self {
        Self::new()
    }
}

const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

impl TimeStage {
    pub fn new() -> Self {
        let m = MONTH_RE;
        let specs: Vec<(String, Rule)> = vec![
            (r"\b\d{4}-\d{2}-\d{2}\b".into(), Rule::IsoDate),
            (format!(r"\b{m} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"), Rule::MonthDayYear),
            (format!(r"\b\d{{1,2}}(?:st|nd|rd|th)? {m},? \d{{4}}\b"), Rule::DayMonthYear),
            (format!(r"\b{m},? \d{{4}}\b"), Rule::MonthYear),
            (format!(r"\b{m} \d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}} {m}\b"), Rule::MonthDay),
            (r"\b(?:in|since|by|until|of|during) (1[89]\d\d|20\d\d)\b".into(), Rule::Year),
            (
                r"\b(?:(?:on|last|next|this|earlier|late|early) )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b".into(),
                Rule::Weekday,
            ),
            (
                r"(?i)\b(?:yesterday|today|tomorrow|tonight|now|recently|currently)\b".into(),
                Rule::Deictic,
            ),
            (
                r"(?i)\b(?:last|next|this|the coming|the past) (?:week|month|year)\b".into(),
                Rule::LastNext,
            ),
            (
                r"(?i)\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:day|week|month|year)s? ago\b".into(),
                Rule::Ago,
            ),
            (
                r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ -](?:hour|day|week|month|year)s?\b".into(),
                Rule::Duration,
            ),
        ];
        let patterns = specs
            .into_iter()
            .filter_map(|(re, rule)| Regex::new(&re).ok().map(|r| (r, rule)))
            .collect();
        TimeStage { patterns }
    }

    /// Add the times layer to `doc`, anchored on `doc.meta.published`.
    pub fn annotate(&self, doc: &mut Document) {
        let anchor = doc.meta.published;
        let mut found: Vec<Timex> = Vec::new();
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let s = sentence.span.text(&doc.text);
            let future = is_future(s);
            for (re, rule) in &self.patterns {
                for m in re.find_iter(s) {
                    let span = Span::new(sentence.span.start + m.start(), sentence.span.start + m.end());
                    if found.iter().any(|t| t.span.overlaps(span)) {
                        continue; // earlier (more specific) patterns win
                    }
                    if let Some((kind, value)) = resolve(*rule, m.as_str(), anchor, future) {
                        found.push(Timex {
                            span,
                            kind,
                            value,
                            sentence: si,
                        });
                    }
                }
            }
        }
        found.sort_by_key(|t| t.span.start);
        doc.times = found;
    }
}

/// Crude tense: does the sentence talk about the future?
fn is_future(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    [
        " will ",
        " would ",
        " is to ",
        " are to ",
        " plans to ",
        " is due to ",
        " next ",
        " is expected to ",
        " shall ",
        " 'll ",
    ]
    .iter()
    .any(|w| l.contains(w))
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn resolve(rule: Rule, text: &str, anchor: Option<NaiveDate>, future: bool) -> Option<(TimexType, Option<String>)> {
    let words: Vec<&str> = text.split([' ', ',', '-']).filter(|w| !w.is_empty()).collect();
    let day_of = |w: &str| w.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok();
    let date = TimexType::Date;
    Some(match rule {
        Rule::IsoDate => (date, NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(ymd)),
        Rule::MonthDayYear => {
            let (m, d, y) = (month_number(words[0])?, day_of(words[1])?, words[2].parse::<i32>().ok()?);
            (date, NaiveDate::from_ymd_opt(y, m, d).map(ymd))
        }
        Rule::DayMonthYear => {
            let (d, m, y) = (day_of(words[0])?, month_number(words[1])?, words[2].parse::<i32>().ok()?);
            (date, NaiveDate::from_ymd_opt(y, m, d).map(ymd))
        }
        Rule::MonthYear => (date, Some(format!("{}-{:02}", words[1], month_number(words[0])?))),
        Rule::MonthDay => {
            let (m, d) = match (month_number(words[0]), day_of(words[0])) {
                (Some(m), _) => (m, day_of(words[1])?),
                (None, Some(d)) => (month_number(words[1])?, d),
                _ => return None,
            };
            // "May 5" is only a date when "May" is the month, which the regex already required.
            let value = anchor.and_then(|a| nearest_year_date(a, m, d, future)).map(ymd);
            (date, value)
        }
        Rule::Year => (date, Some(words.last()?.to_string())),
        Rule::Weekday => {
            let wd = weekday(words.last()?)?;
            let modifier = if words.len() > 1 { words[0].to_lowercase() } else { String::new() };
            let fut = match modifier.as_str() {
                "next" => true,
                "last" | "earlier" => false,
                _ => future,
            };
            (date, anchor.map(|a| ymd(resolve_weekday(a, wd, fut))))
        }
        Rule::Deictic => match text.to_lowercase().as_str() {
            "yesterday" => (date, anchor.map(|a| ymd(a - Duration::days(1)))),
            "today" | "tonight" => (date, anchor.map(ymd)),
            "tomorrow" => (date, anchor.map(|a| ymd(a + Duration::days(1)))),
            "recently" => (date, Some("PAST_REF".into())),
            _ => (date, Some("PRESENT_REF".into())),
        },
        Rule::LastNext => {
            let lower = text.to_lowercase();
            let unit = words.last()?.to_lowercase();
            if lower.starts_with("the coming") {
                return Some((date, Some("FUTURE_REF".into())));
            }
            if lower.starts_with("the past") {
                return Some((TimexType::Duration, Some(format!("P1{}", unit_letter(&unit)))));
            }
            let offset: i32 = match words[0].to_lowercase().as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            (date, anchor.map(|a| shift_unit(a, &unit, offset)))
        }
        Rule::Ago => {
            let n = number_word(words[0])? as i64;
            let unit = words[1].trim_end_matches('s').to_lowercase();
            let value = anchor.map(|a| match unit.as_str() {
                "day" => ymd(a - Duration::days(n)),
                "week" => iso_week(a - Duration::weeks(n)),
                "month" => {
                    let total = a.year() as i64 * 12 + a.month0() as i64 - n;
                    format!("{}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1)
                }
                _ => format!("{}", a.year() as i64 - n),
            });
            (date, value)
        }
        Rule::Duration => {
            let n = number_word(words[0])?;
            let unit = words[1].trim_end_matches('s').to_lowercase();
            let value = if unit == "hour" {
                format!("PT{n}H")
            } else {
                format!("P{n}{}", unit_letter(&unit))
            };
            (TimexType::Duration, Some(value))
        }
    })
}

fn unit_letter(unit: &str) -> &'static str {
    match unit.trim_end_matches('s') {
        "day" => "D",
        "week" => "W",
        "month" => "M",
        _ => "Y",
    }
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn shift_unit(a: NaiveDate, unit: &str, offset: i32) -> String {
    match unit {
        "week" => iso_week(a + Duration::weeks(offset as i64)),
        "month" => {
            let total = a.year() * 12 + a.month0() as i32 + offset;
            format!("{}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1)
        }
        _ => format!("{}", a.year() + offset),
    }
}

/// The weekday `wd` nearest the anchor in the past (or, for future talk, the next one).
/// The anchor's own weekday is the anchor itself.
pub fn resolve_weekday(anchor: NaiveDate, wd: Weekday, future: bool) -> NaiveDate {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    if future {
        anchor + Duration::days((w - a).rem_euclid(7))
    } else {
        anchor - Duration::days((a - w).rem_euclid(7))
    }
}

/// Month and day without a year: the occurrence in the anchor's year, or the adjacent
/// year when that is closer in the direction the tense points.
fn nearest_year_date(anchor: NaiveDate, m: u32, d: u32, future: bool) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), m, d)?;
    if future && this < anchor - Duration::days(60) {
        return NaiveDate::from_ymd_opt(anchor.year() + 1, m, d);
    }
    if !future && this > anchor + Duration::days(60) {
        return NaiveDate::from_ymd_opt(anchor.year() - 1, m, d);
    }
    Some(this)
}

/// The first DATE expression in sentence `si` with a resolved calendar value
/// (not a reference like `PAST_REF`), for dating events.
pub fn sentence_date(doc: &Document, si: usize) -> Option<(usize, String)> {
    doc.times.iter().enumerate().find_map(|(i, t)| {
        let v = t.value.as_deref()?;
        (t.sentence == si && t.kind == TimexType::Date && v.chars().next().is_some_and(|c| c.is_ascii_digit())).then(|| (i, v.to_string()))
    })
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
