//! Finds candidate temporal expressions in a sentence: one regular expression per
//! kind of expression, built from the lexicon's word lists. Spans follow the
//! TIMEX3 conventions: no leading preposition ("on Tuesday" -> "Tuesday"),
//! determiners and modifiers kept ("the past two years", "earlier this month").

use crate::lexicon::Lexicon;
use crate::prefilter::Prefilter;
use regex::Regex;
use std::collections::HashMap;

/// What kind of expression a pattern finds; the resolver turns it into a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    IsoDate,
    NumericDate,
    MonthDay,
    DayMonth,
    Month,
    Year,
    Decade,
    Century,
    SpelledYear,
    Holiday,
    PeriodEnd,
    Weekday,
    Deictic,
    DayPart,
    Reference,
    PluralReference,
    RelativeUnit,
    Season,
    Quarter,
    Half,
    Ago,
    VagueAgo,
    PastMoment,
    Anaphoric,
    YearEarlier,
    Duration,
    HalfDuration,
    VagueDuration,
    Clock,
    Set,
    SetAdverb,
    OrdinalDay,
    CoordinatedDay,
    BareDayPart,
    TheYear,
    WeekOf,
    EventDay,
}

/// A candidate: where it lies in the sentence and what its named groups captured.
#[derive(Clone, Debug)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub rule: Rule,
    pub fields: HashMap<String, String>,
}

impl Mention {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }
}

pub struct Recognizer {
    pub(crate) patterns: Vec<(Regex, Rule)>,
    /// Rules out, per sentence, the patterns that cannot match (derived from them).
    pub(crate) prefilter: Prefilter,
}

const DURATION_MODIFIERS: &str = "nearly|almost|more than|less than|at least|at most|around|up to|roughly|approximately|some|the past|the last|the next|the first|the final|the previous|the coming|the following|another|an additional|the";
/// The year a quarter or half belongs to when named relative to the anchor
/// ("the first half of the year", "the same period last year"); inserted after
/// the templates' spaces become `\s+`, so it writes its own.
const OF_YEAR: &str = r"\s+of\s+(?P<oyear>the|this|last|next)\s+(?:fiscal\s+|calendar\s+)?year\b|\s+(?P<lyear>last|this|next)\s+year\b";
const SPELLED_YEAR_19: &str = r"nineteen\s+(?:hundred\s+(?:and\s+)?)?(?P<tens>{TENS})(?:[- ](?P<ones>{ONES}))?";
const POINT_MODIFIERS: &str = "early|mid|late|the end of|the beginning of|the start of|the middle of|the first half of|the second half of";

/// The pattern templates, in priority order: `{M}` months, `{WD}` weekdays,
/// `{N}` numbers, `{U}` units and the other blocks come from the lexicon; a
/// space matches any run of whitespace; a `span` group, when present, is the
/// expression's extent (the rest is context).
fn pattern_specs() -> Vec<(&'static str, Rule)> {
    [
        explicit_date_specs(),
        named_day_specs(),
        period_specs(),
        counted_specs(),
        length_specs(),
        clock_specs(),
        set_specs(),
        day_specs(),
    ]
    .concat()
}

/// Explicit dates: numeric, month and day, month, year, decade, century, spelled years.
fn explicit_date_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?\b",
            Rule::IsoDate,
        ),
        (
            r"\b(?P<month>0?[1-9]|1[0-2])/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b",
            Rule::NumericDate,
        ),
        // "14/03/2013": a first number above twelve can only be the day.
        (
            r"\b(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>\d{4})\b",
            Rule::NumericDate,
        ),
        (
            r"(?:\b(?P<wd>{WD}),? )?(?:(?P<mod>early|late) )?\b(?P<month>{M}) (?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,? (?P<year>\d{4})\b)?",
            Rule::MonthDay,
        ),
        (
            r"(?:\b(?P<wd>{WD}),? )?\b(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?: of)? (?P<month>{M})(?:,? (?P<year>\d{4}))?\b",
            Rule::DayMonth,
        ),
        (
            r"(?i:\b(?:(?P<mod>{PMOD})[- ]|(?P<rel>last|next|this|this past|this coming) ))?(?-i:\b(?P<month>{M}))(?:,? (?:of )?(?P<year>\d{4})| (?i:(?P<ryear>last|this|next) year)| (?i:{SY19}))?\b",
            Rule::Month,
        ),
        (
            r"(?i:\b(?:(?P<mod>{PMOD})[- ]|(?P<prefix>pre|post)-)?(?:(?P<fiscal>fiscal(?: year)?|the year|calendar(?: year)?) )?)\b(?P<year>(?:1[0-9]|20)\d\d)\b",
            Rule::Year,
        ),
        (
            r"(?i)\b(?:the )?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<decade>(?:1[0-9]|20)\d)0'?s|'(?P<short>\d)0s)\b",
            Rule::Decade,
        ),
        (r"(?i)\b(?:the )?(?P<ord>\d{1,2})(?:st|nd|rd|th)[- ]century\b", Rule::Century),
        (
            r"(?i)\b(?:nineteen (?:hundred (?:and )?)?(?P<tens>{TENS})(?:[- ](?P<ones>{ONES}))?|two thousand(?: and)?(?: (?P<ones2>{ONES}))?)\b",
            Rule::SpelledYear,
        ),
        (
            r"(?i)\bthe (?P<decade_word>twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies\b",
            Rule::Decade,
        ),
    ]
}

/// Holidays, period ends, weekdays, deictic days, parts of day, references and relative units.
fn named_day_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"(?i)\b(?:(?P<rel>last|next|this) )?(?P<holiday>{HOL})\b(?:,? (?P<year>\d{4})\b)?",
            Rule::Holiday,
        ),
        (
            r"(?i)\b(?:the end of (?:the|this) (?P<unit>year|month|week|quarter)|(?P<unit2>year|month)(?:-| |'s )end)\b",
            Rule::PeriodEnd,
        ),
        (
            r"(?i:\b(?P<rel>last|next|this|this past|this coming|the previous|the following)\s+)?\b(?P<wd>{WD})\b(?:(?:\s+|-)(?P<part>{DP}))?(?i:\s+(?P<wrel>last|next|this)\s+week\b)?",
            Rule::Weekday,
        ),
        (
            r"(?i)\b(?:(?P<rel>earlier|later|early|late) )?(?P<deictic>yesterday|today|tomorrow|tonight)(?: (?P<part>{DP}))?\b",
            Rule::Deictic,
        ),
        (
            r"(?i)\b(?:(?P<rel>this|last|late last|early this|later this|earlier this) (?P<part>{DP}))\b",
            Rule::DayPart,
        ),
        (r"(?i)\b(?P<ref>{REF})\b", Rule::Reference),
        (
            r"(?i)\b(?:the )?(?:(?P<ref>recent|coming|upcoming|future|past|next few|past few|last few) )(?P<unit>days|weeks|months|years|decades|quarters)\b",
            Rule::PluralReference,
        ),
        (
            r"(?i)\b(?:(?P<mod>{PMOD}|earlier|later|the rest of|the remainder of) )?(?P<rel>last|next|this|this past|this coming|the past|the last|the previous|the coming|the next|the current|the same|the following) (?:fiscal |calendar )?(?P<unit>week|month|year|decade|century|weekend)\b",
            Rule::RelativeUnit,
        ),
        (
            r"(?i)\b(?P<mod>earlier|later|early|late) in (?P<rel>the) (?P<unit>day|week|month|year)\b",
            Rule::RelativeUnit,
        ),
    ]
}

/// Periods of a year: fiscal years, the weekend, seasons, quarters, halves, the week of a day.
fn period_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"(?i)\b(?P<span>(?:the|this|that) (?:fiscal )?(?P<unit>year|quarter)) (?:ended|ending|to (?-i:{M})\b)",
            Rule::Duration,
        ),
        // "day-long", "decades-long", and the closed forms "weeklong", "yearlong".
        (r"(?i)\b(?P<unit>day|week|month|year|decade|hour)(?:s?-)?long\b", Rule::Duration),
        (r"(?i)\b(?P<rel>the) (?P<unit>weekend|week)\b", Rule::RelativeUnit),
        (
            r"(?i)\b(?P<rel>the) (?:full|fiscal|latest fiscal) (?P<unit>year)\b",
            Rule::RelativeUnit,
        ),
        (
            r"(?i)\b(?:(?P<prep>in|into|during|until|till|since|by|through|throughout|over|before|after) )?(?P<span>(?:(?P<rel>last|next|this|this past|this coming|early|late|the) )?(?P<season>{SE})(?:,? (?:of )?(?:(?P<year>\d{4})|{SY19}))?)\b",
            Rule::Season,
        ),
        (
            r"(?i)\b(?:the )?(?:(?P<ryear>this|last|next) year's |(?P<year0>\d{4}) )?(?:(?P<rel>latest|current|this|past|last|previous|next|coming|year-earlier|year-ago|same|fiscal|comparable|corresponding) )?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ])?(?P<period>quarter|period)\b(?:,? (?:of )?(?:fiscal )?(?P<year>\d{4})\b|{OFYEAR}| a year (?P<ago>ago|earlier)\b)?",
            Rule::Quarter,
        ),
        (
            r"(?i)\b(?:the )?(?P<ord>first|second|1st|2nd|last|latter) half\b(?:,? (?:of )?(?P<year>\d{4})\b|{OFYEAR})?",
            Rule::Half,
        ),
        (
            r"(?i)\bthe week of (?-i:(?P<month>{M})) (?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,? (?P<year>\d{4})\b)?",
            Rule::WeekOf,
        ),
    ]
}

/// Expressions counted from the anchor or from the story: `ago`, `at the time`, anaphoric days.
fn counted_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"(?i)\b(?:(?:{DMOD}) )?(?P<num>{N}) (?P<unit>{U}) (?:or so )?(?P<dir>ago|earlier|from now|hence)\b",
            Rule::Ago,
        ),
        (r"(?i)\byear-(?:earlier|ago)\b", Rule::YearEarlier),
        (
            r"(?i)\b(?:(?:several|many|a few|some) )?(?P<unit>days|weeks|months|years|decades) (?P<dir>ago)\b",
            Rule::VagueAgo,
        ),
        // "hours later", "a few days earlier": a length of time counted from an
        // event of the story, not from the publication date.
        (
            r"(?i)\b(?P<span>(?:(?:several|many|a few|some) )?(?P<unit>minutes|hours|days|weeks|months|years|decades)) (?:later|earlier|afterwards?)\b",
            Rule::VagueDuration,
        ),
        (r"(?i)\bat (?P<span>(?:the|that) time)\b", Rule::PastMoment),
        // "today is the eighth day of the blockade", "it was the second day of
        // the strike": the day the clause speaks of, counted within an event.
        (
            r"(?i)(?:\b(?P<verb>is|was|marks|marked)|(?P<contracted>'s)) (?P<span>the (?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th)) day) of\b",
            Rule::EventDay,
        ),
        // "after weeks of talks", "follows months of twists": an unspecified length.
        (
            r"(?i)\b(?:after|following|follows|followed|amid|despite|through|ending|ends|ended) (?P<span>(?P<unit>hours|days|weeks|months|years|decades)) of\b",
            Rule::VagueDuration,
        ),
        (
            r"(?i)\b(?:(?:earlier|later|early|late) )?(?:(?:that|that same|the same|the following|the previous|the prior) (?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)|the next (?P<unit2>day|morning|afternoon|evening|night))\b(?: (?P<year_back>last year|a year (?:earlier|ago|before))\b)?",
            Rule::Anaphoric,
        ),
        // "the year before.", "the day after,": counted from the story's last
        // date when nothing follows to count from (the resolver checks).
        (
            r"(?i)\bthe (?P<unit>day|week|month|year) (?P<dir>before|earlier|after|later)\b",
            Rule::Anaphoric,
        ),
    ]
}

/// Lengths of time: counted, halved and vague durations.
fn length_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"(?i)\b(?:(?P<mod>{DMOD}) )?(?:(?P<low>{N}) (?:to|or) )?(?P<num>{N})(?P<half>(?: |-)and(?: |-)a(?: |-)half| 1/2|½)?(?: (?:more|additional|straight|consecutive|full|long|trading|business|working|calendar))?[- ](?P<unit>{U})\b(?P<half2> and a half)?(?P<long>[- ]long\b)?(?P<old>-old| old)?",
            Rule::Duration,
        ),
        (
            r"(?i)\b(?:(?P<lead>half an?) (?P<unit>hour|day|year|century|decade)|(?P<num>an?|one) (?P<unit2>hour|day|year|week|month) and a half|(?P<quarter>an?|one|(?:more than|nearly|almost|about) (?:an?|one)|the past|the last|the next|the previous) (?P<fraction>quarter|half)[- ]century)\b",
            Rule::HalfDuration,
        ),
        (
            r"(?i)\b(?:for|over|in|within|take|takes|took|last|lasted|spent|spend|spends|spending|waited) (?:the )?(?P<span>(?P<unit>hours|days|weeks|months|years|decades|centuries))\b",
            Rule::VagueDuration,
        ),
    ]
}

/// Clock times: a.m./p.m., 24-hour clocks with their zone, noon and midnight.
fn clock_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"(?i)(?:\b(?P<wd>{WD}) )?\b(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|o'clock\b)(?: (?P<zone>local time|[ECMP][SD]T\b|GMT\b|UTC\b|ET\b))?(?:,? (?:(?P<deictic>today|yesterday|tomorrow|tonight)|(?-i:(?P<wd2>{WD}))|(?-i:(?P<month>{M})) (?P<day>\d{1,2})\b))?",
            Rule::Clock,
        ),
        (
            r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?: (?P<zone>GMT|UTC|[ECMP][SD]T|local time))(?: (?P<wd2>{WD}))?\b",
            Rule::Clock,
        ),
        (r"(?i)\b(?P<hour>\d{1,2}) in the (?P<part>morning|afternoon|evening)\b", Rule::Clock),
        // "at 1230 GMT", "by 0900 local time": four digits of a 24-hour clock with
        // its zone; a restatement in brackets ("10:35 a.m. (0735 GMT)") is left out.
        (
            r"(?i)\b(?:at|by|from|until|till|before|after|around|about|since|to|between|and) (?P<span>(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d) (?P<zone>GMT|UTC|BST|CET|local time|(?-i:[ECMP][SD]T))(?: (?-i:(?P<wd2>{WD})))?)\b",
            Rule::Clock,
        ),
        (
            r"(?i)(?:\b(?P<wd>{WD}) )?\b(?P<noon>noon|midnight|midday)\b(?: (?-i:(?P<wd2>{WD}))\b)?",
            Rule::Clock,
        ),
    ]
}

/// Recurring times: `every week`, `Mondays`, `twice a year`, `daily`.
fn set_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (
            r"(?i)\b(?:every|each) (?:(?P<other>other) )?(?:(?P<num>{N}) )?(?:(?P<unit>{U})|(?P<wd>{WD})(?: (?P<part2>{DP}))?|(?P<part>{DP})|(?P<season>{SE})|(?-i:(?P<month>{M})))\b",
            Rule::Set,
        ),
        (
            r"\b(?P<wd>{WD})(?:s|(?: (?i:(?P<part2>morning|afternoon|evening|night))s))\b",
            Rule::Set,
        ),
        (
            r"(?i)\b(?:(?P<times>once|twice|(?:{N}) times) (?:a|an|per|each) (?P<unit>{U}))\b",
            Rule::Set,
        ),
        (
            r"(?i)\b(?P<adverb>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|biweekly)\b",
            Rule::SetAdverb,
        ),
    ]
}

/// Days and parts of day named without their month or day, and `the year`.
fn day_specs() -> Vec<(&'static str, Rule)> {
    vec![
        (r"(?i)\bthe (?P<day>\d{1,2})(?:st|nd|rd|th)\b", Rule::OrdinalDay),
        (r"(?i)\bthe year\b", Rule::TheYear),
        (
            r"(?i)\b(?:(?P<mid>mid)(?:-| )?(?P<midpart>morning|afternoon)|(?P<overnight>overnight)|the (?P<part>morning|afternoon|evening))\b(?: (?:(?-i:(?P<wd>{WD}))|(?P<deictic>yesterday|today|tomorrow))\b)?",
            Rule::BareDayPart,
        ),
        (
            r"\b(?P<month>{M}) \d{1,2}(?:st|nd|rd|th)? (?:and|or|to|through|until|&) (?P<span>(?P<day>\d{1,2})(?:st|nd|rd|th)?)\b(?:,? (?P<year>\d{4})\b)?",
            Rule::CoordinatedDay,
        ),
    ]
}

impl Recognizer {
    pub fn new(lex: &Lexicon) -> Recognizer {
        let blocks = [
            // A year spelled out in the last century, after a month or season
            // ("January nineteen ninety-seven"); first, as it holds `{TENS}`.
            ("{SY19}", SPELLED_YEAR_19.to_string()),
            ("{M}", lex.month_pattern()),
            ("{WD}", lex.weekday_pattern()),
            ("{N}", lex.number_pattern()),
            ("{U}", lex.unit_pattern()),
            ("{DP}", lex.day_part_pattern()),
            ("{SE}", lex.season_pattern()),
            ("{REF}", lex.reference_pattern()),
            ("{HOL}", lex.holiday_pattern()),
            ("{TENS}", lex.tens_pattern()),
            ("{ONES}", lex.ones_pattern()),
            ("{DMOD}", format!("(?:{DURATION_MODIFIERS})")),
            ("{PMOD}", format!("(?:{POINT_MODIFIERS})")),
            ("{OFYEAR}", OF_YEAR.to_string()),
        ];
        let patterns: Vec<(Regex, Rule)> = pattern_specs()
            .into_iter()
            .filter_map(|(template, rule)| {
                let mut re = template.replace(' ', r"\s+");
                for (key, block) in &blocks {
                    re = re.replace(key, block);
                }
                match Regex::new(&re) {
                    Ok(r) => Some((r, rule)),
                    Err(e) => {
                        debug_assert!(false, "bad time pattern for {rule:?}: {e}");
                        None
                    }
                }
            })
            .collect();
        let prefilter = Prefilter::new(patterns.iter().map(|(re, _)| re.as_str()));
        Recognizer { patterns, prefilter }
    }

    /// All candidates in `text` (overlapping ones included; the caller chooses).
    pub fn candidates(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        let possible = self.prefilter.possible(text);
        for (index, (re, rule)) in self.patterns.iter().enumerate() {
            if !possible.contains(index) {
                debug_assert!(!re.is_match(text), "time prefilter ruled out a matching {rule:?} pattern");
                continue;
            }
            let names: Vec<&str> = re.capture_names().flatten().collect();
            for caps in re.captures_iter(text) {
                let Some(whole) = caps.get(0) else { continue };
                let (mut start, end) = match caps.name("span") {
                    Some(s) => (s.start(), s.end()),
                    None => (whole.start(), whole.end()),
                };
                // "the eight-year war": an adjective duration leaves the article out.
                if let (Rule::Duration, Some(modifier), Some(num)) = (*rule, caps.name("mod"), caps.name("num")) {
                    let hyphenated = text[num.end()..].starts_with('-');
                    // "the two day rally": a singular unit after a number above one
                    // qualifies a noun just as a hyphenated one does.
                    let singular = caps.name("unit").is_some_and(|u| !u.as_str().ends_with(['s', 'S']));
                    let plural_number = !matches!(num.as_str().to_lowercase().as_str(), "a" | "an" | "one" | "1");
                    if (hyphenated || (singular && plural_number)) && modifier.as_str().eq_ignore_ascii_case("the") {
                        start = caps.name("low").unwrap_or(num).start();
                    }
                }
                // "the third-quarter loss": the article belongs to the noun the
                // hyphenated quarter qualifies, not to the quarter.
                if let (Rule::Quarter, Some(ord)) = (*rule, caps.name("ord")) {
                    let article = text[start..].get(..4).is_some_and(|w| w.eq_ignore_ascii_case("the "));
                    if article && text[ord.end()..].starts_with('-') {
                        let first = ["ryear", "year0", "rel", "ord"].iter().find_map(|n| caps.name(n));
                        start = first.map_or(ord.start(), |g| g.start());
                    }
                }
                let fields = names
                    .iter()
                    .filter_map(|n| caps.name(n).map(|m| (n.to_string(), m.as_str().to_string())))
                    .collect();
                out.push(Mention {
                    start,
                    end,
                    rule: *rule,
                    fields,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let lex = Lexicon::default();
        let r = Recognizer::new(&lex);
        assert_eq!(r.patterns.len(), pattern_specs().len());
    }
}
