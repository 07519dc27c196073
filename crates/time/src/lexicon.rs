//! The words the recogniser knows (months, weekdays, numbers, units, parts of day,
//! seasons, reference words, future cues). Defaults are the readable files under
//! `dictionaries/time/`, embedded at build time; users may pass their own text.

use std::collections::HashMap;

pub const DEFAULT_MONTHS: &str = include_str!("../../../dictionaries/time/months.txt");
pub const DEFAULT_WEEKDAYS: &str = include_str!("../../../dictionaries/time/weekdays.txt");
pub const DEFAULT_NUMBERS: &str = include_str!("../../../dictionaries/time/numbers.txt");
pub const DEFAULT_UNITS: &str = include_str!("../../../dictionaries/time/units.txt");
pub const DEFAULT_DAY_PARTS: &str = include_str!("../../../dictionaries/time/day_parts.txt");
pub const DEFAULT_SEASONS: &str = include_str!("../../../dictionaries/time/seasons.txt");
pub const DEFAULT_REFERENCES: &str = include_str!("../../../dictionaries/time/references.txt");
pub const DEFAULT_HOLIDAYS: &str = include_str!("../../../dictionaries/time/holidays.txt");
pub const DEFAULT_FUTURE_CUES: &str = include_str!("../../../dictionaries/time/future_cues.txt");
pub const DEFAULT_SCHEDULE_VERBS: &str = include_str!("../../../dictionaries/time/schedule_verbs.txt");

/// A quantity in a duration: a number, or a vague one ("several", "a few").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quantity {
    Exact(f64),
    Vague,
}

/// A calendar or clock unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
}

impl Unit {
    fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "FN" => Unit::Fortnight,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "WE" => Unit::Weekend,
            _ => return None,
        })
    }
}

/// Every word list of the time stage, keyed by the lower-cased word
/// (months and weekdays also keep their written forms for case-sensitive patterns).
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub months: HashMap<String, u32>,
    pub weekdays: HashMap<String, u32>,
    pub numbers: HashMap<String, Quantity>,
    pub units: HashMap<String, Unit>,
    pub day_parts: HashMap<String, String>,
    pub seasons: HashMap<String, String>,
    pub references: HashMap<String, String>,
    pub holidays: HashMap<String, String>,
    pub future_cues: Vec<String>,
    /// Present-tense forms of schedule verbs ("meet", "meets", "kicks off"),
    /// lower-cased, words separated by single spaces.
    pub schedule_verbs: Vec<String>,
    month_forms: Vec<String>,
    weekday_forms: Vec<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::from_sources(&LexiconSources::default())
    }
}

/// The text of each word list (the embedded defaults unless replaced).
#[derive(Clone, Debug)]
pub struct LexiconSources<'a> {
    pub months: &'a str,
    pub weekdays: &'a str,
    pub numbers: &'a str,
    pub units: &'a str,
    pub day_parts: &'a str,
    pub seasons: &'a str,
    pub references: &'a str,
    pub holidays: &'a str,
    pub future_cues: &'a str,
    pub schedule_verbs: &'a str,
}

impl Default for LexiconSources<'static> {
    fn default() -> Self {
        LexiconSources {
            months: DEFAULT_MONTHS,
            weekdays: DEFAULT_WEEKDAYS,
            numbers: DEFAULT_NUMBERS,
            units: DEFAULT_UNITS,
            day_parts: DEFAULT_DAY_PARTS,
            seasons: DEFAULT_SEASONS,
            references: DEFAULT_REFERENCES,
            holidays: DEFAULT_HOLIDAYS,
            future_cues: DEFAULT_FUTURE_CUES,
            schedule_verbs: DEFAULT_SCHEDULE_VERBS,
        }
    }
}

/// `word = value` lines; `#` starts a comment; blank lines are skipped.
fn pairs(source: &str) -> impl Iterator<Item = (&str, &str)> {
    source.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("").trim();
        let (word, value) = line.split_once('=')?;
        let (word, value) = (word.trim(), value.trim());
        (!word.is_empty() && !value.is_empty()).then_some((word, value))
    })
}

/// `word = number` lines with the number in `range`, keyed by the lower-cased
/// word; the written forms are kept in `forms` for case-sensitive patterns.
fn numbered(source: &str, range: std::ops::RangeInclusive<u32>, forms: &mut Vec<String>) -> HashMap<String, u32> {
    pairs(source)
        .filter_map(|(w, v)| {
            let n = v.parse::<u32>().ok().filter(|n| range.contains(n))?;
            forms.push(w.to_string());
            Some((w.to_lowercase(), n))
        })
        .collect()
}

fn words(source: &str) -> Vec<String> {
    source
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A base verb and its third-person form: the first word takes the ending
/// ("meet" -> "meets", "kick off" -> "kicks off", "go on trial" -> "goes on trial").
fn present_forms(base: &str) -> [String; 2] {
    let base = normalise_space(base);
    let (verb, rest) = base.split_once(' ').map_or((base.as_str(), ""), |(v, r)| (v, r));
    let bytes = verb.as_bytes();
    let consonant_y = bytes.len() > 1 && bytes[bytes.len() - 1] == b'y' && !b"aeiou".contains(&bytes[bytes.len() - 2]);
    let inflected = if consonant_y {
        format!("{}ies", &verb[..verb.len() - 1])
    } else if verb.ends_with(['s', 'x', 'z', 'o']) || verb.ends_with("ch") || verb.ends_with("sh") {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    };
    let third = if rest.is_empty() {
        inflected
    } else {
        format!("{inflected} {rest}")
    };
    [base.clone(), third]
}

impl Lexicon {
    pub fn from_sources(src: &LexiconSources) -> Lexicon {
        let mut month_forms = Vec::new();
        let months = numbered(src.months, 1..=12, &mut month_forms);
        let mut weekday_forms = Vec::new();
        let weekdays = numbered(src.weekdays, 1..=7, &mut weekday_forms);
        let numbers = pairs(src.numbers)
            .filter_map(|(w, v)| {
                let q = if v == "X" {
                    Quantity::Vague
                } else {
                    Quantity::Exact(v.parse().ok()?)
                };
                Some((w.to_lowercase(), q))
            })
            .collect();
        let units = pairs(src.units)
            .filter_map(|(w, v)| Some((w.to_lowercase(), Unit::from_code(v)?)))
            .collect();
        let lower_map = |s: &str| pairs(s).map(|(w, v)| (w.to_lowercase(), v.to_string())).collect();
        Lexicon {
            months,
            weekdays,
            numbers,
            units,
            day_parts: lower_map(src.day_parts),
            seasons: lower_map(src.seasons),
            references: lower_map(src.references),
            holidays: lower_map(src.holidays),
            future_cues: words(src.future_cues),
            schedule_verbs: words(src.schedule_verbs).iter().flat_map(|v| present_forms(v)).collect(),
            month_forms,
            weekday_forms,
        }
    }

    /// Month number of a written form ("Sept.", "march" when lower-cased text is given).
    pub fn month(&self, word: &str) -> Option<u32> {
        self.months.get(&word.trim_end_matches('.').to_lowercase()).copied()
    }

    pub fn weekday(&self, word: &str) -> Option<u32> {
        self.weekdays.get(&word.to_lowercase()).copied()
    }

    pub fn unit(&self, word: &str) -> Option<Unit> {
        self.units.get(&word.to_lowercase()).copied()
    }

    /// A number written in digits ("3", "6.5", "1,000") or words ("three",
    /// "twenty-five", "several").
    pub fn quantity(&self, text: &str) -> Option<Quantity> {
        let t = normalise_space(&text.to_lowercase());
        if let Ok(n) = t.replace(',', "").parse::<f64>() {
            return Some(Quantity::Exact(n));
        }
        if let Some(q) = self.numbers.get(&t) {
            return Some(*q);
        }
        if t.contains("hundred") || t.contains("thousand") {
            return crate::numbers::spelled_number(&self.numbers, &t).map(Quantity::Exact);
        }
        let (tens, ones) = t.split_once(['-', ' '])?;
        match (self.numbers.get(tens)?, self.numbers.get(ones)?) {
            (Quantity::Exact(a), Quantity::Exact(b)) if *a >= 20.0 && *b < 10.0 => Some(Quantity::Exact(a + b)),
            _ => None,
        }
    }

    /// Regex alternation of the month forms (case-sensitive, optional full stop
    /// after abbreviations).
    pub fn month_pattern(&self) -> String {
        alternation(&self.month_forms, |w| {
            if w.len() <= 4 {
                format!(r"{}\.?", regex::escape(w))
            } else {
                regex::escape(w)
            }
        })
    }

    pub fn weekday_pattern(&self) -> String {
        alternation(&self.weekday_forms, regex::escape)
    }

    /// Case-insensitive alternations for the lower-cased word lists.
    pub fn number_pattern(&self) -> String {
        let words: Vec<String> = self.numbers.keys().cloned().collect();
        let small = format!(
            "{}[- ]{}|{}",
            self.tens_pattern(),
            self.ones_pattern(),
            self.number_words(|n| n < 100.0)
        );
        format!(
            r"(?:\d+(?:[.,]\d+)?|{}|{}[- ]{}|{})",
            crate::numbers::large_number_pattern(&small),
            self.tens_pattern(),
            self.ones_pattern(),
            alternation(&words, spaced)
        )
    }

    pub fn unit_pattern(&self) -> String {
        alternation(&self.units.keys().cloned().collect::<Vec<_>>(), spaced)
    }

    pub fn day_part_pattern(&self) -> String {
        alternation(&self.day_parts.keys().cloned().collect::<Vec<_>>(), spaced)
    }

    pub fn season_pattern(&self) -> String {
        alternation(&self.seasons.keys().cloned().collect::<Vec<_>>(), spaced)
    }

    pub fn holiday_pattern(&self) -> String {
        alternation(&self.holidays.keys().cloned().collect::<Vec<_>>(), spaced)
    }

    /// Tens words ("twenty" .. "ninety") and unit words ("one" .. "nine"),
    /// for years and decades written out ("nineteen ninety-six", "the nineties").
    pub fn tens_pattern(&self) -> String {
        self.number_words(|n| (20.0..100.0).contains(&n))
    }

    pub fn ones_pattern(&self) -> String {
        self.number_words(|n| (1.0..10.0).contains(&n))
    }

    /// Alternation of the exact number words whose value passes `keep`
    /// (leaving out "a" and "an", which only stand for one on their own).
    fn number_words(&self, keep: impl Fn(f64) -> bool) -> String {
        let words: Vec<String> = self
            .numbers
            .iter()
            .filter(|(w, q)| matches!(q, Quantity::Exact(n) if keep(*n)) && !w.starts_with('a'))
            .map(|(w, _)| w.clone())
            .collect();
        alternation(&words, spaced)
    }

    pub fn reference_pattern(&self) -> String {
        alternation(&self.references.keys().cloned().collect::<Vec<_>>(), spaced)
    }
}

/// Collapse runs of whitespace (TimeML text breaks lines inside phrases).
pub fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word list as a regex alternation in a non-capturing group, longest first so
/// that "a few" wins over "a".
fn alternation(words: &[String], render: impl Fn(&str) -> String) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let parts: Vec<String> = sorted.iter().map(|w| render(w)).collect();
    format!("(?:{})", parts.join("|"))
}

/// A phrase whose spaces match any whitespace run.
fn spaced(w: &str) -> String {
    w.split(' ').map(regex::escape).collect::<Vec<_>>().join(r"\s+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_in_words_and_digits() {
        let lex = Lexicon::default();
        assert_eq!(lex.quantity("twenty-five"), Some(Quantity::Exact(25.0)));
        assert_eq!(lex.quantity("6.5"), Some(Quantity::Exact(6.5)));
        assert_eq!(lex.quantity("several"), Some(Quantity::Vague));
        assert_eq!(lex.quantity("A  few"), Some(Quantity::Vague));
        assert_eq!(lex.quantity("lots"), None);
    }

    #[test]
    fn months_and_units() {
        let lex = Lexicon::default();
        assert_eq!(lex.month("Sept."), Some(9));
        assert_eq!(lex.month("December"), Some(12));
        assert_eq!(lex.unit("Decades"), Some(Unit::Decade));
        assert_eq!(lex.weekday("tuesday"), Some(2));
    }

    #[test]
    fn schedule_verbs_take_their_third_person_form() {
        assert_eq!(present_forms("meet"), ["meet".to_string(), "meets".to_string()]);
        assert_eq!(present_forms("fly"), ["fly".to_string(), "flies".to_string()]);
        assert_eq!(present_forms("stay"), ["stay".to_string(), "stays".to_string()]);
        assert_eq!(present_forms("kick  off"), ["kick off".to_string(), "kicks off".to_string()]);
        assert_eq!(
            present_forms("go on trial"),
            ["go on trial".to_string(), "goes on trial".to_string()]
        );
        assert_eq!(present_forms("reach"), ["reach".to_string(), "reaches".to_string()]);
        let lex = Lexicon::default();
        assert!(lex.schedule_verbs.iter().any(|v| v == "reopens"));
    }

    #[test]
    fn user_lists_replace_defaults() {
        let src = LexiconSources {
            months: "Janvier = 1\n# comment\nbad line\n",
            ..LexiconSources::default()
        };
        let lex = Lexicon::from_sources(&src);
        assert_eq!(lex.month("janvier"), Some(1));
        assert_eq!(lex.month("January"), None);
    }
}
