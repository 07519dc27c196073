//! Publication dates as pages write them: machine forms (ISO 8601, RFC 2822) and
//! English datelines ("Nov. 19, 2019", "19 November 2019", "2019/11/19").

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec";

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    ))
    .unwrap_or_else(|e| panic!("month-first date pattern: {e}"))
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})[a-z]*\.?,?\s+((?:19|20)\d\d)\b"
    ))
    .unwrap_or_else(|e| panic!("day-first date pattern: {e}"))
});
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:T|\b)").unwrap_or_else(|e| panic!("year-first date pattern: {e}"))
});
static YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([./])(\d{1,2})[./]((?:19|20)\d\d)\b").unwrap_or_else(|e| panic!("year-last date pattern: {e}"))
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d\d)[/-]?(\d\d)[/-]?(\d\d)(?:[/_.-]|$)").unwrap_or_else(|e| panic!("URL date pattern: {e}"))
});

/// A date from a metadata value: ISO/RFC forms first, then any dateline form.
/// Placeholders (`0001-01-01`) and dates far in the future are not dates.
pub fn parse_any(s: &str) -> Option<NaiveDate> {
    crate::parse_date(s).or_else(|| find_in_text(s)).filter(plausible)
}

/// A publication date between 1990 and next year.
pub fn plausible(date: &NaiveDate) -> bool {
    let next_year = chrono::Utc::now().year() + 1;
    (1990..=next_year).contains(&date.year())
}

/// The first date written in `text`, in any of the forms above.
pub fn find_in_text(text: &str) -> Option<NaiveDate> {
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    if let Some(c) = MONTH_FIRST.captures(text) {
        push(&mut found, &c, month(&c[1]), c[2].parse().ok(), c[3].parse().ok());
    }
    if let Some(c) = DAY_FIRST.captures(text) {
        push(&mut found, &c, month(&c[2]), c[1].parse().ok(), c[3].parse().ok());
    }
    if let Some(c) = YEAR_FIRST.captures(text) {
        push(&mut found, &c, c[2].parse().ok(), c[3].parse().ok(), c[1].parse().ok());
    }
    if let Some(c) = YEAR_LAST.captures(text) {
        let (a, b): (Option<u32>, Option<u32>) = (c[1].parse().ok(), c[3].parse().ok());
        // Dots are day-first (European); slashes month-first unless the first part
        // cannot be a month.
        let day_first = &c[2] == "." || a.is_some_and(|a| a > 12);
        let (m, d) = if day_first { (b, a) } else { (a, b) };
        push(&mut found, &c, m, d, c[4].parse().ok());
    }
    found
        .into_iter()
        .filter(|(_, d)| plausible(d))
        .min_by_key(|(at, _)| *at)
        .map(|(_, d)| d)
}

/// Whether `text` writes a full calendar date anywhere. Large texts (a whole page) are
/// only searched around the four-digit years they contain, which keeps this fast.
pub fn mentions_full_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let is_year = (bytes[i..i + 2] == *b"19" || bytes[i..i + 2] == *b"20")
            && bytes[i + 2].is_ascii_digit()
            && bytes[i + 3].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if is_year {
            let start = floor_char_boundary(text, i.saturating_sub(40));
            let end = floor_char_boundary(text, (i + 44).min(text.len()));
            if find_in_text(&text[start..end]).is_some() {
                return true;
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    false
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A date in a URL path (`/2019/11/20/`, `/20191120/`, `-2019-11-20-`).
pub fn find_in_url(url: &str) -> Option<NaiveDate> {
    let c = URL_DATE.captures(url)?;
    NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).filter(plausible)
}

fn push(found: &mut Vec<(usize, NaiveDate)>, c: &regex::Captures, m: Option<u32>, d: Option<u32>, y: Option<i32>) {
    let at = c.get(0).map_or(0, |m| m.start());
    if let Some(date) = m.zip(d).zip(y).and_then(|((m, d), y)| NaiveDate::from_ymd_opt(y, m, d)) {
        found.push((at, date));
    }
}

fn month(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    names.iter().position(|m| lower.starts_with(m)).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn datelines() {
        assert_eq!(find_in_text("Updated Nov. 19, 2019 5:00 pm"), d(2019, 11, 19));
        assert_eq!(find_in_text("Published 19th November 2019"), d(2019, 11, 19));
        assert_eq!(find_in_text("PUBLISHED: 10:48, Tue, Nov 19, 2019"), d(2019, 11, 19));
        assert_eq!(find_in_text("2019/11/20 by staff"), d(2019, 11, 20));
        assert_eq!(find_in_text("\"2019-11-19T10:00:00Z\""), d(2019, 11, 19));
        assert_eq!(find_in_text("05.10.2018 - Publicado"), d(2018, 10, 5));
        assert_eq!(find_in_text("11/18/19 11:04 PM"), None);
        assert_eq!(find_in_text("Posted 11/18/2019"), d(2019, 11, 18));
        assert_eq!(find_in_text("In May the talks resumed."), None);
    }

    #[test]
    fn placeholders_are_not_dates() {
        assert_eq!(parse_any("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_any("2999-01-01"), None);
        assert_eq!(parse_any("2019-11-19T20:00:00-08:00"), d(2019, 11, 19));
    }

    #[test]
    fn earliest_form_wins() {
        assert_eq!(find_in_text("March 3, 2020, updated 2020-03-05"), d(2020, 3, 3));
    }

    #[test]
    fn full_dates_anywhere() {
        let filler = "x".repeat(5000);
        assert!(mentions_full_date(&format!("{filler} posted on 2019-11-20 {filler}")));
        assert!(mentions_full_date(&format!("{filler}é Nov. 3, 2020")));
        assert!(!mentions_full_date(&format!("{filler} © 2020 {filler}")));
    }

    #[test]
    fn urls() {
        assert_eq!(find_in_url("https://x.com/news/2019/11/20/story.html"), d(2019, 11, 20));
        assert_eq!(find_in_url("https://x.com/a-2019-11-20-b"), d(2019, 11, 20));
        assert_eq!(find_in_url("https://x.com/article/12345678"), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = find_in_text(&s);
            let _ = parse_any(&s);
            let _ = find_in_url(&s);
            let _ = mentions_full_date(&s);
        }
    }
}
