//! The people table: who held which office when, so that a bare "Modi said" codes
//! INDGOV in 2019 but not in 2005. Dated codes also come from PETRARCH actor
//! dictionaries (`[CHNGOV >20121115]`), so both share [`DatedCode`] and [`resolve`].
//!
//! Format (`dictionaries/actors/people.txt`), one office a line, tab-separated:
//! `names<TAB>code<TAB>from<TAB>to`, names separated by `; `, dates `YYYY-MM-DD`
//! (or `YYYY`), empty or `-` for an open end. Consecutive lines with the same names
//! are one person. A line without dates is the person's code at any other time.

use crate::dictionary::{content_lines, format_error, DictionaryError, Entry, EntryKind};
use chrono::{Datelike, NaiveDate};

/// A code valid from `from` to `to` (inclusive; None = open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn undated(code: &str) -> Self {
        DatedCode {
            code: code.to_string(),
            from: None,
            to: None,
        }
    }

    fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// The code for `day`: a dated code covering it; else the undated code; else, after
/// an office ended, the country of that office + `ELI` (former office holders are
/// elites); else, before any office, the country alone. Without a date, the most
/// recent office (the one with the latest start) or the undated code.
pub fn resolve(codes: &[DatedCode], day: Option<NaiveDate>) -> Option<String> {
    let undated = codes.iter().find(|c| !c.is_dated()).map(|c| c.code.clone());
    let Some(day) = day else {
        let latest = codes
            .iter()
            .filter(|c| c.is_dated())
            .max_by_key(|c| (c.to.is_none(), c.from.unwrap_or(NaiveDate::MIN)));
        return latest.map(|c| c.code.clone()).or(undated);
    };
    if let Some(c) = codes.iter().filter(|c| c.is_dated()).find(|c| c.contains(day)) {
        return Some(c.code.clone());
    }
    if undated.is_some() {
        return undated;
    }
    let country = |c: &DatedCode| c.code.get(..3).unwrap_or(&c.code).to_string();
    let ended = codes.iter().filter(|c| c.to.is_some_and(|t| t < day)).max_by_key(|c| c.to);
    if let Some(c) = ended {
        return Some(format!("{}ELI", country(c)));
    }
    codes.first().map(country)
}

/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`; `is_end` picks the last day of a partial date.
pub fn parse_day(s: &str, is_end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = parts.first().and_then(|p| p.parse::<i32>().ok())?;
    match (num(1), num(2)) {
        (Some(m), Some(d)) if parts.len() == 3 => NaiveDate::from_ymd_opt(year, m, d),
        (Some(m), None) if parts.len() == 2 => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            if is_end {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)
                };
                next.and_then(|n| n.pred_opt())
            } else {
                Some(first)
            }
        }
        (None, None) if parts.len() == 1 => {
            let d = if is_end {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(year, 1, 1)
            };
            d.filter(|d| d.year() == year)
        }
        _ => None,
    }
}

fn optional_day(s: Option<&str>, is_end: bool, file: &str, line: usize) -> Result<Option<NaiveDate>, DictionaryError> {
    match s.map(str::trim) {
        None | Some("") | Some("-") => Ok(None),
        Some(d) => parse_day(d, is_end)
            .map(Some)
            .ok_or_else(|| format_error(file, line, format!("bad date {d:?} (expected YYYY-MM-DD)"))),
    }
}

/// Parse the people table into `Named` entries, one per name of each person.
pub fn parse_people(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    let mut people: Vec<(String, Vec<DatedCode>)> = Vec::new();
    for (line, text) in content_lines(source) {
        let f: Vec<&str> = text.split('\t').collect();
        let (Some(names), Some(code)) = (f.first().map(|n| n.trim()), f.get(1).map(|c| c.trim())) else {
            return Err(format_error(file, line, "expected `names<TAB>code<TAB>from<TAB>to`"));
        };
        if names.is_empty() || code.is_empty() {
            return Err(format_error(file, line, "empty names or code"));
        }
        let dated = DatedCode {
            code: code.to_string(),
            from: optional_day(f.get(2).copied(), false, file, line)?,
            to: optional_day(f.get(3).copied(), true, file, line)?,
        };
        match people.last_mut() {
            Some((last, codes)) if last == names => codes.push(dated),
            _ => people.push((names.to_string(), vec![dated])),
        }
    }
    for (names, codes) in people {
        for name in names.split(';').map(str::trim).filter(|n| !n.is_empty()) {
            out.push(Entry::new(
                name,
                EntryKind::Named {
                    codes: codes.clone(),
                    person: true,
                },
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> Option<NaiveDate> {
        parse_day(s, false)
    }

    fn modi() -> Vec<DatedCode> {
        let mut out = Vec::new();
        parse_people("Narendra Modi; Modi\tINDGOV\t2014-05-26\t\n", "t", &mut out).unwrap();
        match &out[1].kind {
            EntryKind::Named { codes, .. } => codes.clone(),
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn dates_matter() {
        let codes = modi();
        assert_eq!(resolve(&codes, day("2019-03-01")).as_deref(), Some("INDGOV"));
        assert_eq!(resolve(&codes, day("2005-03-01")).as_deref(), Some("IND"));
        assert_eq!(resolve(&codes, None).as_deref(), Some("INDGOV"));
    }

    #[test]
    fn after_office_is_elite_and_undated_is_default() {
        let mut out = Vec::new();
        parse_people(
            "Angela Merkel\tDEUGOV\t2005-11-22\t2021-12-08\nX Y\tAAAGOV\t2000\t2001\nX Y\tAAAOPP\n",
            "t",
            &mut out,
        )
        .unwrap();
        let codes = |i: usize| match &out[i].kind {
            EntryKind::Named { codes, .. } => codes.clone(),
            _ => unreachable!(),
        };
        assert_eq!(resolve(&codes(0), day("2023-01-01")).as_deref(), Some("DEUELI"));
        assert_eq!(resolve(&codes(0), day("2010-01-01")).as_deref(), Some("DEUGOV"));
        assert_eq!(resolve(&codes(1), day("2001-12-31")).as_deref(), Some("AAAGOV"));
        assert_eq!(resolve(&codes(1), day("2010-01-01")).as_deref(), Some("AAAOPP"));
    }

    #[test]
    fn bad_dates_are_errors() {
        let mut out = Vec::new();
        let err = parse_people("A B\tUSAGOV\t2019-13-01\n", "p.txt", &mut out).unwrap_err();
        assert!(err.to_string().starts_with("p.txt:1:"));
    }

    proptest! {
        #[test]
        fn partial_dates_bracket_the_period(y in 1900i32..2100, m in 1u32..=12) {
            let s = format!("{y}-{m:02}");
            let (a, b) = (parse_day(&s, false).unwrap(), parse_day(&s, true).unwrap());
            prop_assert!(a <= b);
            prop_assert_eq!(a.month(), b.month());
            prop_assert_eq!(b.succ_opt().unwrap().day(), 1);
            prop_assert_eq!(a.day(), 1);
        }

        #[test]
        fn parse_day_never_panics(s in "[0-9-]{0,12}") {
            let _ = parse_day(&s, true);
        }
    }
}
