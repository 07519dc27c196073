//! Turns a recognised mention into a TIMEX3 type and value, anchored on the
//! publication date. A mention the resolver rejects (an age, "a quarter of", a
//! year that is a count) yields `None`; a mention it accepts but cannot anchor
//! keeps `value: None`.

use crate::calendar::{
    holiday_near, iso_week, month_before, month_day_near, month_near, month_nearest, quarter_of, resolve_weekday, shift_month,
    shift_quarter, weekday_from_number, weekday_of_week, ymd, Direction,
};
use crate::lexicon::{normalise_space, Lexicon, Quantity, Unit};
use crate::recognizer::{Mention, Rule};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use detente_doc::TimexType;

/// What the resolver knows of the mention's surroundings.
pub struct Context<'a> {
    pub anchor: Option<NaiveDate>,
    /// The direction the mention's clause points (tense and cues), worked
    /// out on first use: most expressions ("March 5, 2024") never ask, and
    /// working it out scans the sentence for tense cues.
    pub direction: LazyDirection<'a>,
    /// The quarter the last sentences spoke of (earnings reports).
    pub reference_quarter: Option<(i32, u32)>,
    /// The last calendar value the story mentioned.
    pub reference_point: Option<CalendarPoint>,
    /// Sentence text before and after the mention.
    pub before: &'a str,
    pub after: &'a str,
}

/// A clause direction computed at most once, when first asked for.
pub struct LazyDirection<'a> {
    compute: &'a dyn Fn() -> Direction,
    value: std::cell::OnceCell<Direction>,
}

impl<'a> LazyDirection<'a> {
    pub fn new(compute: &'a dyn Fn() -> Direction) -> Self {
        LazyDirection {
            compute,
            value: std::cell::OnceCell::new(),
        }
    }
}

impl Context<'_> {
    /// The direction the mention's clause points.
    pub(crate) fn direction(&self) -> Direction {
        *self.direction.value.get_or_init(self.direction.compute)
    }

    pub(crate) fn previous_word(&self) -> String {
        self.before
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    }

    pub(crate) fn next_word(&self) -> String {
        self.after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
            .to_string()
    }
}

pub type Resolved = (TimexType, Option<String>);

/// A calendar value at year, month or day precision (`1998`, `1998-06`,
/// `1998-06-12`), as a reference for anaphoric expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarPoint {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl CalendarPoint {
    pub fn parse(value: &str) -> Option<CalendarPoint> {
        let date = value.split('T').next()?;
        let mut parts = date.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 {
            return None;
        }
        let year = year_text.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        };
        Some(CalendarPoint { year, month, day })
    }

    /// A day as a point at day precision.
    pub fn of_day(d: NaiveDate) -> CalendarPoint {
        CalendarPoint {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The day, when this point names one (`1998-10-23`).
    pub fn day_value(&self) -> Option<String> {
        self.date().map(ymd)
    }

    /// This point moved by `offset` units and written at that unit's precision.
    /// The same day or month of a coarser point leaves its finer part open,
    /// as TIMEX3 writes it: "that day" after "in October 1998" is `1998-10-XX`.
    fn shifted(&self, unit: &str, offset: i32) -> Option<String> {
        match (unit, self.month, self.day, offset) {
            ("day", Some(m), None, 0) => return Some(format!("{}-{m:02}-XX", self.year)),
            ("day", None, _, 0) => return Some(format!("{}-XX-XX", self.year)),
            ("month", None, _, 0) => return Some(format!("{}-XX", self.year)),
            _ => {}
        }
        match unit {
            "day" => Some(ymd(self.date()?.checked_add_signed(Duration::days(offset as i64))?)),
            "week" => Some(iso_week(self.date()?.checked_add_signed(Duration::weeks(offset as i64))?)),
            "month" => {
                let (y, m) = shift_month(self.year, self.month?, offset);
                Some(format!("{y}-{m:02}"))
            }
            "year" => Some((self.year + offset).to_string()),
            _ => None,
        }
    }
}

/// Prepositions and modifiers that make a bare month or year a time expression.
const TEMPORAL_LEADS: [&str; 22] = [
    "in", "since", "until", "till", "by", "of", "from", "to", "through", "during", "before", "after", "between", "early", "late", "mid",
    "and", "or", "around", "circa", "last", "this",
];

/// Resolve a mention; `None` rejects it as a time expression.
pub fn resolve(m: &Mention, text: &str, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    match m.rule {
        Rule::IsoDate | Rule::NumericDate => explicit_date(m),
        Rule::MonthDay | Rule::DayMonth => month_day(m, lex, ctx),
        Rule::Month => month(m, lex, ctx),
        Rule::Year => year(m, ctx),
        Rule::Decade => decade(m, lex),
        Rule::Century => century(m),
        Rule::SpelledYear => spelled_year(m, lex),
        Rule::Holiday => holiday(m, lex, ctx),
        Rule::PeriodEnd => period_end(m, lex, ctx),
        Rule::Weekday => weekday(m, lex, ctx),
        Rule::Deictic => deictic(m, ctx),
        Rule::DayPart => day_part(m, lex, ctx),
        Rule::Reference => reference(text, lex, ctx),
        Rule::PluralReference => plural_reference(m, lex),
        Rule::RelativeUnit => relative_unit(m, lex, ctx),
        Rule::Season => season(m, lex, ctx),
        Rule::Quarter | Rule::Half => part_of_year(m, text, ctx),
        Rule::Ago => ago(m, lex, ctx),
        Rule::PastMoment => past_moment(ctx),
        Rule::VagueAgo => vague_ago(m),
        Rule::Anaphoric => anaphoric(m, text, lex, ctx),
        Rule::YearEarlier => year_earlier(ctx),
        Rule::Duration => duration(m, text, lex, ctx),
        Rule::HalfDuration => half_duration(m, lex),
        Rule::VagueDuration => vague_duration(m, lex),
        Rule::EventDay => event_day(m, ctx),
        Rule::Clock => clock(m, lex, ctx),
        Rule::Set => set(m, lex),
        Rule::OrdinalDay => crate::days::ordinal_day(m, ctx),
        Rule::CoordinatedDay => crate::days::coordinated_day(m, lex, ctx),
        Rule::BareDayPart => crate::days::bare_day_part(m, lex, ctx),
        Rule::TheYear => the_year(lex, ctx),
        Rule::WeekOf => week_of(m, lex, ctx),
        Rule::SetAdverb => set_adverb(m, ctx),
    }
}

/// A decade: `the 1990s`, `the '90s`, `the nineties`.
fn decade(m: &Mention, lex: &Lexicon) -> Option<Resolved> {
    let date = TimexType::Date;
    let value = match (m.get("decade"), m.get("short"), m.get("decade_word")) {
        (Some(d), _, _) => d.to_string(),
        (None, Some(s), _) => format!("19{s}"),
        (None, None, Some(w)) => match lex.quantity(&format!("{w}y"))? {
            Quantity::Exact(n) => format!("19{}", (n as u32) / 10),
            Quantity::Vague => return None,
        },
        _ => return None,
    };
    Some((date, Some(value)))
}

/// A century: `the 20th century` -> `19`.
fn century(m: &Mention) -> Option<Resolved> {
    let date = TimexType::Date;
    let n: u32 = m.get("ord")?.parse().ok()?;
    Some((date, Some(format!("{:02}", n.checked_sub(1)?))))
}

/// A year in words: `nineteen ninety-six`, `two thousand and one`.
fn spelled_year(m: &Mention, lex: &Lexicon) -> Option<Resolved> {
    let year = spelled_year_number(m, lex).unwrap_or(2000);
    Some((TimexType::Date, Some(year.to_string())))
}

/// The year a mention spells out (`tens` and `ones` after `nineteen`, `ones2`
/// after `two thousand`), or its digits (`year`).
fn spelled_year_number(m: &Mention, lex: &Lexicon) -> Option<i32> {
    let digit = |name: &str| match m.get(name).map(|w| lex.quantity(w)) {
        Some(Some(Quantity::Exact(n))) => Some(n as i32),
        _ => None,
    };
    match (digit("tens"), m.has("ones2")) {
        (Some(tens), _) => Some(1900 + tens + digit("ones").unwrap_or(0)),
        (None, true) => Some(2000 + digit("ones2").unwrap_or(0)),
        (None, false) => None,
    }
}

/// A year in digits or spelled out (`1997`, `nineteen ninety-seven`).
fn year_of(m: &Mention, lex: &Lexicon) -> Option<i32> {
    m.get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .or_else(|| spelled_year_number(m, lex))
}

/// `the end of the year`, `month-end`: the anchor's period.
fn period_end(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    let unit = lex.unit(m.get("unit").or(m.get("unit2"))?)?;
    let value = ctx.anchor.map(|a| match unit {
        Unit::Month => format!("{}-{:02}", a.year(), a.month()),
        Unit::Week => iso_week(a),
        Unit::Quarter => format!("{}-Q{}", a.year(), quarter_of(a)),
        _ => a.year().to_string(),
    });
    Some((date, value))
}

/// `this morning`, `last night`: a part of the anchor's day (or the day before).
fn day_part(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let part = lex.day_parts.get(&m.get("part")?.to_lowercase())?;
    let rel = normalise_space(&m.get("rel")?.to_lowercase());
    let back = if rel.ends_with("last") && part == "NI" { 1 } else { 0 };
    let value = ctx.anchor.map(|a| format!("{}T{part}", ymd(a - Duration::days(back))));
    Some((TimexType::Time, value))
}

/// `now`, `recently`, `soon`: a reference word from the lexicon.
fn reference(text: &str, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    let word = normalise_space(&text.to_lowercase());
    let next = ctx.next_word().to_lowercase();
    if word == "soon" && (ctx.previous_word() == "as" || matches!(next.as_str(), "after" | "before" | "as")) {
        return None; // "as soon as", "soon after": not a reference to the future
    }
    if word == "soon" && (is_past_form(&ctx.previous_word()) || is_past_form(&next)) && !after_present_passive(ctx) {
        return None; // "he was soon released": soon after a past event, not after the anchor
    }
    // "for the past three summers", "the past two sessions": a count of
    // periods follows, not the past as a whole.
    let counted = matches!(next.as_str(), "few" | "several" | "couple" | "many");
    if word == "the past" && (counted || lex.quantity(&next).is_some()) {
        return None;
    }
    if word == "current" && matches!(next.as_str(), "account" | "accounts" | "affairs") {
        return None; // "the current account deficit": a term of economics, not the present
    }
    Some((date, lex.references.get(&word).cloned()))
}

/// `the coming months`, `recent years`, `the past few weeks`.
fn plural_reference(m: &Mention, lex: &Lexicon) -> Option<Resolved> {
    let date = TimexType::Date;
    let rel = normalise_space(&m.get("ref")?.to_lowercase());
    let unit = lex.unit(m.get("unit")?)?;
    Some(match rel.as_str() {
        "coming" | "upcoming" | "future" => (date, Some("FUTURE_REF".into())),
        // "in recent years", "in past years": the past in general, not a
        // measured stretch ("recent weeks" and "the past few years" are).
        "recent" | "past" if unit == Unit::Year => (date, Some("PAST_REF".into())),
        _ => (TimexType::Duration, Some(duration_value(Quantity::Vague, unit)?)),
    })
}

/// `at the time`: the past of the story.
fn past_moment(ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    // "at the time he was ...": the time of the events told, before the
    // publication; "at the time of its founding" names its own moment.
    if matches!(ctx.next_word().to_lowercase().as_str(), "of" | "being") {
        return None;
    }
    Some((date, Some("PAST_REF".into())))
}

/// `years ago`, `months later`: the past or the future in general.
fn vague_ago(m: &Mention) -> Option<Resolved> {
    let date = TimexType::Date;
    let later = m.get("dir")?.eq_ignore_ascii_case("later");
    Some((date, Some(if later { "FUTURE_REF" } else { "PAST_REF" }.into())))
}

/// `that day`, `the next morning`, `the year before`: counted from the story's last date.
fn anaphoric(m: &Mention, text: &str, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    // "that day", "the next morning": anchored on the last time the
    // story mentioned; before it has named any, on the publication day (the
    // story's own time), and left open without either.
    let unit = m.get("unit").or(m.get("unit2"))?.to_lowercase();
    let part = lex.day_parts.get(&unit);
    let lower = normalise_space(&text.to_lowercase());
    if m.has("dir")
        && !ctx
            .after
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | ')' | '"' | '\''))
    {
        return None; // "the day before the vote": counted from the vote, not from a date
    }
    let offset = match m.get("dir").map(str::to_lowercase).as_deref() {
        Some("after" | "later") => 1,
        Some(_) => -1,
        None if lower.contains("next") || lower.contains("following") => 1,
        None if lower.contains("previous") || lower.contains("prior") => -1,
        None => 0,
    };
    if unit == "quarter" {
        // "results for that quarter": the quarter the story reports on.
        let quarter = ctx.reference_quarter.map(|(y, q)| shift_quarter(y, q, offset));
        return Some((date, quarter.map(|(y, q)| format!("{y}-Q{q}"))));
    }
    let point = ctx.reference_point.or_else(|| ctx.anchor.map(CalendarPoint::of_day));
    if m.has("year_back") {
        // "the same month last year": the month (or day) the story speaks
        // of, else the publication's, a year back.
        let base = point
            .filter(|p| p.month.is_some())
            .or_else(|| ctx.anchor.map(CalendarPoint::of_day));
        let value = match (unit.as_str(), base) {
            ("month", Some(p)) => p.month.map(|mo| format!("{}-{mo:02}", p.year - 1)),
            ("day", Some(p)) => p.date().and_then(|d| d.with_year(d.year() - 1)).map(ymd),
            _ => None,
        };
        return value.map(|v| (date, Some(v)));
    }
    Some(match part {
        Some(code) => (
            TimexType::Time,
            point.and_then(|p| p.shifted("day", offset)).map(|d| format!("{d}T{code}")),
        ),
        None => (date, point.and_then(|p| p.shifted(&unit, offset))),
    })
}

/// `year-ago`, `year-earlier`: the reported quarter a year back, else the previous year.
fn year_earlier(ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    let value = match (ctx.reference_quarter, ctx.anchor) {
        (Some((y, q)), _) => Some(format!("{}-Q{q}", y - 1)),
        (None, Some(a)) => Some(format!("{}", a.year() - 1)),
        (None, None) => None,
    };
    Some((date, value))
}

/// `half an hour`, `a year and a half`, `a quarter-century`.
fn half_duration(m: &Mention, lex: &Lexicon) -> Option<Resolved> {
    if m.has("quarter") {
        // "a quarter-century", "a half-century"
        let years = if m.get("fraction").is_some_and(|f| f.eq_ignore_ascii_case("half")) {
            "P50Y"
        } else {
            "P25Y"
        };
        return Some((TimexType::Duration, Some(years.into())));
    }
    let value = match (m.get("unit"), m.get("unit2")) {
        (Some(u), _) => match lex.unit(u)? {
            Unit::Hour => "PT30M",
            Unit::Day => "PT12H",
            Unit::Year => "P6M",
            Unit::Decade => "P5Y",
            Unit::Century => "P50Y",
            _ => return None,
        },
        (None, Some(u)) => match lex.unit(u)? {
            Unit::Hour => "PT1H30M",
            Unit::Year => "P1Y6M",
            Unit::Day => "P1DT12H",
            Unit::Week => "P1.5W",
            Unit::Month => "P1.5M",
            _ => return None,
        },
        _ => return None,
    };
    Some((TimexType::Duration, Some(value.into())))
}

/// `hours later`, `after weeks of talks`: a length of unknown count.
fn vague_duration(m: &Mention, lex: &Lexicon) -> Option<Resolved> {
    let unit = lex.unit(m.get("unit")?)?;
    Some((TimexType::Duration, Some(duration_value(Quantity::Vague, unit)?)))
}

/// `today is the eighth day of ...`: the day the clause speaks of.
fn event_day(m: &Mention, ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    // A present copula names the day of the story; a past one, the day
    // the story last named (nothing told, nothing guessed).
    let past = m.get("verb").is_some_and(|v| matches!(v.to_lowercase().as_str(), "was" | "marked"));
    let day = if past {
        ctx.reference_point.and_then(|p| p.day_value())
    } else {
        ctx.anchor.map(ymd)
    };
    Some((date, day))
}

/// `the week of March 6`: the ISO week that holds the day.
fn week_of(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let date = TimexType::Date;
    // "the week of March 6": the ISO week that holds the day.
    let (_, day) = month_day(m, lex, ctx)?;
    let week = day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()).map(iso_week);
    Some((date, week))
}

/// `daily`, `weekly`: a recurring time, unless a title, a rate or a reporting period.
fn set_adverb(m: &Mention, ctx: &Context) -> Option<Resolved> {
    if is_title_inside(m.get("adverb")?, ctx) {
        return None; // "the China Daily", "the East Anglian Daily Times": a title
    }
    let adverb = m.get("adverb")?.to_lowercase();
    // "the average daily volume": an amount per day, a rate as "$5
    // million a year" is, not a recurring time.
    if ctx.previous_word() == "average" {
        return None;
    }
    // Before a noun, the reporting periods name one period's figures
    // ("quarterly earnings", "monthly sales"); the others still recur
    // ("a daily rally", "his weekly radio address").
    if matches!(adverb.as_str(), "quarterly" | "monthly" | "yearly" | "annually") && is_attributive(ctx) {
        return None;
    }
    // "to rise 8.5% annually", "10,000 units annually": a rate, as "$5
    // million a year" is.
    let quantity_before = ctx
        .before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| w.chars().any(|c| c.is_ascii_digit()) || w.contains('%'));
    if quantity_before {
        return None;
    }
    let value = match adverb.as_str() {
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "biweekly" => "P2W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "hourly" => "PT1H",
        _ => "P1Y",
    };
    Some((TimexType::Set, Some(value.into())))
}

/// A capitalised word inside a sentence, not after a quotation mark or a
/// colon, is part of a name ("Radio 4's Today programme", "China Daily").
fn is_title_inside(word: &str, ctx: &Context) -> bool {
    let before = ctx.before.trim_end();
    let opens = before.is_empty() || before.ends_with(['.', '"', '`', '\'', '(', ':', '\u{201c}', '\u{2018}', '-', '\u{2014}']);
    word.starts_with(char::is_uppercase) && !opens
}

/// An adjective before its noun: a determiner before it, or a word that is not
/// a preposition or conjunction after it.
fn is_attributive(ctx: &Context) -> bool {
    const DETERMINERS: [&str; 9] = ["a", "an", "the", "its", "their", "his", "her", "our", "party"];
    const LINKS: [&str; 22] = [
        "in", "at", "on", "for", "and", "or", "to", "from", "since", "until", "during", "by", "with", "through", "outside", "inside",
        "across", "around", "before", "after", "over", "as",
    ];
    let next = ctx.next_word();
    let next_is_word = next.starts_with(char::is_alphabetic) && !ctx.after.trim_start().starts_with(['.', ',', ';']);
    DETERMINERS.contains(&ctx.previous_word().as_str()) || (next_is_word && !LINKS.contains(&next.to_lowercase().as_str()))
}

fn explicit_date(m: &Mention) -> Option<Resolved> {
    let mut year: i32 = m.get("year")?.parse().ok()?;
    if m.get("year")?.len() == 2 {
        year += if year > 30 { 1900 } else { 2000 };
    }
    let d = NaiveDate::from_ymd_opt(year, m.get("month")?.parse().ok()?, m.get("day")?.parse().ok()?)?;
    match (m.get("hour"), m.get("minute")) {
        (Some(h), Some(mi)) => Some((TimexType::Time, Some(format!("{}T{h}:{mi}", ymd(d))))),
        _ => Some((TimexType::Date, Some(ymd(d)))),
    }
}

fn month_day(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let month = lex.month(m.get("month")?)?;
    let day: u32 = m.get("day")?.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    // "last Oct. 23", "next March 5": the word before decides the direction.
    let direction = match ctx.previous_word().as_str() {
        "last" => Direction::Past,
        "next" | "by" | "until" | "till" => Direction::Future,
        _ => ctx.direction(),
    };
    // "the Sept. 11 attacks", "11 September hijackers": the day of 2001.
    const ATTACK_NOUNS: [&str; 8] = [
        "attacks",
        "attack",
        "terrorist",
        "terror",
        "hijackers",
        "hijackings",
        "commission",
        "memorial",
    ];
    let named_day = (month, day) == (9, 11) && ATTACK_NOUNS.contains(&ctx.next_word().to_lowercase().as_str());
    let value = match m.get("year").and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => Some(ymd(NaiveDate::from_ymd_opt(y, month, day)?)),
        None if named_day => Some("2001-09-11".to_string()),
        None => ctx.anchor.and_then(|a| {
            let near = month_day_near(a, month, day, direction)?;
            // An explicit "last" or "next", or a past verb right before ("the
            // year ended Jan. 31"), never lands on the wrong side.
            let previous = ctx.previous_word();
            let year_shift = match previous.as_str() {
                "last" if near > a => -1,
                "next" if near < a => 1,
                p if is_past_form(p) && near > a => -1,
                _ if governed_by_past_verb(ctx) && near > a => -1,
                _ => 0,
            };
            NaiveDate::from_ymd_opt(near.year() + year_shift, month, day).map(ymd)
        }),
    };
    Some((TimexType::Date, value))
}

/// "July last year", "next year's first quarter": the year offset named.
/// The year a mention names relative to the anchor's: "this year's", "of the
/// year", "last year", "a year ago" (as 0, -1, +1).
fn relative_year(m: &Mention) -> Option<i32> {
    if m.has("ago") {
        return Some(-1);
    }
    let word = m.get("ryear").or(m.get("oyear")).or(m.get("lyear"))?;
    match word.to_lowercase().as_str() {
        "last" => Some(-1),
        "next" => Some(1),
        _ => Some(0),
    }
}

fn month(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let form = m.get("month")?;
    let month = lex.month(form)?;
    let year = year_of(m, lex);
    let rel = m.get("rel").map(|r| normalise_space(&r.to_lowercase()));
    if year.is_none() && rel.is_none() && !m.has("mod") {
        // A bare abbreviation ("Mar") or a month name that is also a common word
        // ("May", "March") needs a temporal lead-in to count.
        let bare_abbreviation = form.len() <= 4 && !form.ends_with('.') && !matches!(form, "May" | "June" | "July");
        let ambiguous = matches!(form, "May" | "March");
        if bare_abbreviation || (ambiguous && !TEMPORAL_LEADS.contains(&ctx.previous_word().as_str())) {
            return None;
        }
    }
    let day_follows = ctx
        .after
        .strip_prefix('.')
        .unwrap_or(ctx.after)
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_digit()))
        .is_some_and(|w| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()));
    if year.is_none() && day_follows {
        return None; // "last Oct. 23": the month and day are one date
    }
    let relative_year = relative_year(m);
    let value = match (year, rel.as_deref(), ctx.anchor) {
        (Some(y), _, _) => Some((y, month)),
        (None, _, Some(a)) if relative_year.is_some() => Some((a.year() + relative_year.unwrap_or(0), month)),
        (None, _, None) => None,
        (None, Some("last" | "this past"), Some(a)) => Some(if month >= a.month() {
            (a.year() - 1, month)
        } else {
            (a.year(), month)
        }),
        (None, Some("next" | "this coming"), Some(a)) => Some(if month <= a.month() {
            (a.year() + 1, month)
        } else {
            (a.year(), month)
        }),
        (None, Some("this"), Some(a)) => Some((a.year(), month)),
        (None, Some(_), Some(a)) => Some(month_near(a, month, ctx.direction())),
        (None, None, Some(a)) if ctx.previous_word() == "since" => Some(month_before(a, month)),
        // "by February", "until May": a deadline, ahead of the story.
        (None, None, Some(a)) if matches!(ctx.previous_word().as_str(), "by" | "until" | "till") => {
            Some(month_nearest(a, month, Direction::Future))
        }
        // "was bombed in January": a past verb governing the month right before
        // its preposition puts it behind the story, however near ahead it is.
        (None, None, Some(a)) if governed_by_past_verb(ctx) => Some(month_near(a, month, Direction::Past)),
        (None, None, Some(a)) => Some(month_nearest(a, month, ctx.direction())),
    };
    Some((TimexType::Date, value.map(|(y, mo)| format!("{y}-{mo:02}"))))
}

fn year(m: &Mention, ctx: &Context) -> Option<Resolved> {
    let y = m.get("year")?;
    let before_char = ctx.before.chars().next_back();
    let after = ctx.after;
    if matches!(before_char, Some('$' | '#' | '.' | ',' | '-' | '/')) && ctx.before.len() > 1 {
        // "$1990", "1,990", a range like "1989-1990" is handled below.
        let prev2 = ctx.before.chars().rev().nth(1);
        if !(before_char == Some('-') && prev2.is_some_and(|c| c.is_ascii_digit())) {
            return None;
        }
    }
    if after.starts_with(|c: char| c.is_ascii_digit() || c == '%')
        || after.starts_with(",0")
        || (after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    // "the 1998 bombing", "its 1990 invasion": a year before its noun.
    const DETERMINERS: [&str; 10] = ["the", "its", "his", "her", "their", "our", "a", "an", "that", "this"];
    let previous = ctx.previous_word();
    // "post-1959 politics", "pre-2008 levels": the year, as a prefix gives it.
    let lead = m.has("mod")
        || m.has("prefix")
        || m.has("fiscal")
        || TEMPORAL_LEADS.contains(&previous.as_str())
        || DETERMINERS.contains(&previous.as_str())
        || ctx.before.trim_end().ends_with("'s");
    let next = ctx.next_word();
    // "10 p.m. local time (1800 GMT)", "at 2100 UTC": a 24-hour clock, not a year.
    const ZONES: [&str; 10] = ["GMT", "UTC", "BST", "CET", "EST", "EDT", "CST", "PST", "PDT", "local"];
    if ZONES.contains(&next.as_str()) && !m.has("mod") && !m.has("fiscal") {
        return None;
    }
    let counted = next.starts_with(|c: char| c.is_lowercase()) && !FOLLOWERS.contains(&next.as_str());
    if !lead && (counted || next.ends_with('%')) {
        return None;
    }
    // Before 1500 a number is more often a count: only "since 1415", "in 1054".
    const EARLY_LEADS: [&str; 8] = ["in", "since", "until", "by", "from", "before", "after", "circa"];
    // "from 1130 to 1215 GMT": a span of clock times.
    let range_on = ["to ", "and ", "-"].iter().any(|w| {
        after
            .trim_start()
            .strip_prefix(w)
            .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    });
    if y.parse::<u32>().is_ok_and(|n| n < 1500) && (!EARLY_LEADS.contains(&previous.as_str()) || counted || range_on || m.has("mod")) {
        return None;
    }
    Some((TimexType::Date, Some(format!("{y}{}", half_of(m)))))
}

/// "the first half of 2004", "the second half of next year": the half-year a
/// point modifier names, as a suffix of the year's value (else nothing).
fn half_of(m: &Mention) -> &'static str {
    match m.get("mod").map(|x| normalise_space(&x.to_lowercase())).as_deref() {
        Some("the first half of") => "-H1",
        Some("the second half of") => "-H2",
        _ => "",
    }
}

/// "for the year", "of the year": the anchor's year (the year of the report),
/// after a preposition and not before a word that makes it relative ("the
/// year before"), a noun it qualifies ("the year-ago quarter") or a number that
/// names it ("the year two thousand").
fn the_year(lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    const LEADS: [&str; 5] = ["for", "of", "during", "through", "throughout"];
    const RELATIVE: [&str; 7] = ["before", "after", "earlier", "later", "ago", "ended", "ending"];
    let next = ctx.next_word().to_lowercase();
    if !LEADS.contains(&ctx.previous_word().as_str())
        || RELATIVE.contains(&next.as_str())
        || ctx.after.starts_with('-')
        || lex.quantity(&next).is_some()
    {
        return None;
    }
    Some((TimexType::Date, ctx.anchor.map(|a| a.year().to_string())))
}

/// A past auxiliary or a regular past form ("was", "released").
/// "bombed in January", "was killed in March": a past form right before the
/// preposition that leads the expression (not "planned for", a plan ahead).
fn governed_by_past_verb(ctx: &Context) -> bool {
    let mut words = ctx.before.split_whitespace().rev().map(|w| w.to_lowercase());
    let preposition = words.next().is_some_and(|w| matches!(w.as_str(), "in" | "on" | "during"));
    let past = words
        .next()
        .is_some_and(|w| is_past_form(&w) && !matches!(w.as_str(), "planned" | "scheduled" | "expected" | "slated"));
    // "to be published in early November": a participle after a present or
    // future `be` is no past event.
    let after_be = words
        .next()
        .is_some_and(|w| matches!(w.as_str(), "be" | "is" | "are" | "am" | "being"));
    preposition && past && !after_be
}

/// "will be named soon", "is expected soon": a participle after a present or
/// future `be` is no past event.
fn after_present_passive(ctx: &Context) -> bool {
    let mut words = ctx.before.split_whitespace().rev().map(|w| w.to_lowercase());
    let participle = words.next().is_some_and(|w| w.ends_with("ed"));
    participle && words.next().is_some_and(|w| matches!(w.as_str(), "be" | "is" | "are" | "am"))
}

fn is_past_form(word: &str) -> bool {
    let w = word.to_lowercase();
    matches!(w.as_str(), "was" | "were" | "had" | "became" | "came" | "went") || (w.len() > 4 && w.ends_with("ed"))
}

/// Words that may follow a bare year ("1990 and 1991", "in 1990 when").
const FOLLOWERS: [&str; 14] = [
    "and", "or", "to", "when", "after", "before", "as", "while", "because", "through", "until", "the", "that", "was",
];

fn weekday(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let wd = weekday_from_number(lex.weekday(m.get("wd")?)?)?;
    // "the Sunday Times", "the Mail on Sunday": a newspaper's name.
    const PAPERS: [&str; 9] = [
        "Times",
        "Telegraph",
        "Mirror",
        "Express",
        "Herald",
        "Post",
        "Mail",
        "Independent",
        "Tribune",
    ];
    let paper_after = m.get("part").is_none() && PAPERS.contains(&ctx.next_word().as_str());
    let mut words_before = ctx.before.split_whitespace().rev();
    let paper_before = words_before.next() == Some("on") && words_before.next() == Some("Mail");
    if paper_after || paper_before {
        return None;
    }
    let rel = m.get("rel").map(|r| normalise_space(&r.to_lowercase()));
    // "on Friday last week": that weekday of the week named.
    if let Some(week) = m.get("wrel").map(str::to_lowercase) {
        let offset = match week.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let date = ctx.anchor.and_then(|a| weekday_of_week(a, offset, wd));
        return with_day_part(m, lex, date);
    }
    let date = ctx.anchor.map(|a| match rel.as_deref() {
        Some("last" | "this past") if a.weekday() == wd => a - Duration::days(7),
        Some("last" | "this past" | "earlier") => resolve_weekday(a, wd, Direction::Past),
        Some("next") if a.weekday() == wd => a + Duration::days(7),
        Some("next" | "this coming") => resolve_weekday(a, wd, Direction::Future),
        // "the previous Friday", "the following Monday": counted from the day
        // the story last named, else from the publication date.
        Some("the previous") => resolve_weekday(story_day(ctx).unwrap_or(a) - Duration::days(1), wd, Direction::Past),
        Some("the following") => resolve_weekday(story_day(ctx).unwrap_or(a) + Duration::days(1), wd, Direction::Future),
        _ => resolve_weekday(a, wd, ctx.direction()),
    });
    with_day_part(m, lex, date)
}

/// The last day the story named, at day precision.
fn story_day(ctx: &Context) -> Option<NaiveDate> {
    ctx.reference_point.and_then(|p| p.date())
}

/// A day, or a TIME on that day when a part of the day follows ("Friday night").
fn with_day_part(m: &Mention, lex: &Lexicon, date: Option<NaiveDate>) -> Option<Resolved> {
    match m.get("part").and_then(|p| lex.day_parts.get(&p.to_lowercase())) {
        Some(part) => Some((TimexType::Time, date.map(|d| format!("{}T{part}", ymd(d))))),
        None => Some((TimexType::Date, date.map(ymd))),
    }
}

/// Nouns that make "today's" mean the present age ("today's youth", "in
/// today's world"), not the publication day.
const GENERIC_PRESENT: [&str; 12] = [
    "world",
    "youth",
    "society",
    "generation",
    "children",
    "kids",
    "young",
    "culture",
    "economy",
    "computers",
    "technology",
    "standards",
];

fn deictic(m: &Mention, ctx: &Context) -> Option<Resolved> {
    let word = m.get("deictic")?.to_lowercase();
    let possessive = ctx.after.starts_with("'s") || ctx.after.starts_with("\u{2019}s");
    let generic_noun = ctx.after.split_whitespace().skip(1).take(2).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        GENERIC_PRESENT.contains(&w.as_str())
    });
    if matches!(word.as_str(), "today" | "tomorrow") && possessive && generic_noun {
        return None; // "today's youth": the present age, not a day
    }
    if is_title_inside(m.get("deictic")?, ctx) {
        return None; // "BBC Radio 4's Today programme", "USA Today"
    }
    let offset = match word.as_str() {
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    let date = ctx.anchor.map(|a| a + Duration::days(offset));
    if word == "tonight" {
        return Some((TimexType::Time, date.map(|d| format!("{}TNI", ymd(d)))));
    }
    let lex_part = m.get("part").map(|p| p.to_lowercase());
    let code = match lex_part.as_deref() {
        Some("morning") => Some("MO"),
        Some("afternoon") => Some("AF"),
        Some("evening") => Some("EV"),
        Some("night" | "overnight") => Some("NI"),
        _ => None,
    };
    match code {
        Some(c) => Some((TimexType::Time, date.map(|d| format!("{}T{c}", ymd(d))))),
        None => Some((TimexType::Date, date.map(ymd))),
    }
}

fn relative_offset(rel: &str) -> i32 {
    match rel {
        "last" | "this past" | "the past" | "the last" | "the previous" => -1,
        "next" | "this coming" | "the coming" | "the next" | "the following" => 1,
        _ => 0,
    }
}

/// A capitalised unit word inside a sentence ("ABC's This Week") names a show
/// or a title rather than a time.
fn title_case_inside(unit_word: &str, ctx: &Context) -> bool {
    unit_word.starts_with(char::is_uppercase) && !ctx.before.trim().is_empty()
}

fn relative_unit(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    if title_case_inside(m.get("unit")?, ctx) {
        return None;
    }
    let rel = normalise_space(&m.get("rel")?.to_lowercase());
    if rel == "the" && matches!(ctx.next_word().to_lowercase().as_str(), "ended" | "ending") {
        return None; // "the fiscal year ended Jan. 31": a year's length (the Duration pattern)
    }
    let unit = lex.unit(m.get("unit")?)?;
    let anaphoric = matches!(rel.as_str(), "the same" | "the following" | "the previous" | "the prior");
    if anaphoric && !matches!(unit, Unit::Decade | Unit::Century) {
        return None; // "the following year" leans on the story's last date (Rule::Anaphoric)
    }
    let offset = relative_offset(&rel);
    if rel.starts_with("the ") && offset != 0 && matches!(unit, Unit::Decade | Unit::Century) {
        // "the past decade": a stretch of ten years up to now, not a calendar decade.
        return Some((TimexType::Duration, duration_value(Quantity::Exact(1.0), unit)));
    }
    let value = ctx.anchor.map(|a| match unit {
        Unit::Day => ymd(a + Duration::days(offset as i64)),
        Unit::Week => iso_week(a + Duration::weeks(offset as i64)),
        Unit::Weekend => {
            // A weekend talked about from a weekday is the one before it (past) or
            // after it (future); from a Saturday or Sunday it is that weekend.
            let on_weekend = matches!(a.weekday(), Weekday::Sat | Weekday::Sun);
            let weeks = match (offset, ctx.direction(), on_weekend) {
                (0, _, true) => 0,
                (0, Direction::Past, false) | (-1, _, false) => -1,
                (0, Direction::Future, false) => 0,
                (-1, _, true) => -1,
                (_, _, true) => 1,
                (_, _, false) => 0,
            };
            format!("{}-WE", iso_week(a + Duration::weeks(weeks)))
        }
        Unit::Month => {
            let (y, mo) = shift_month(a.year(), a.month(), offset);
            format!("{y}-{mo:02}")
        }
        Unit::Quarter => {
            let (y, q) = shift_quarter(a.year(), quarter_of(a), offset);
            format!("{y}-Q{q}")
        }
        Unit::Decade => format!("{}", (a.year() / 10) + offset),
        Unit::Century => format!("{}", (a.year() / 100) + offset),
        _ => format!("{}{}", a.year() + offset, half_of(m)),
    });
    Some((TimexType::Date, value))
}

fn season(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let code = lex.seasons.get(&m.get("season")?.to_lowercase())?.clone();
    let rel = m.get("rel").map(|r| normalise_space(&r.to_lowercase()));
    let year = year_of(m, lex);
    if year.is_none() && rel.is_none() && !m.has("prep") {
        return None; // "prices fall", "a hot spring"
    }
    let word = m.get("season")?;
    let next = ctx.next_word();
    let fall = word.eq_ignore_ascii_case("fall");
    if fall && year.is_none() && !m.has("prep") && rel.as_deref() == Some("the") {
        return None; // "The fall reflects weak exports": a noun, not a season
    }
    let bare = matches!(rel.as_deref(), None | Some("the"));
    if year.is_none() && bare && fall && matches!(next.to_lowercase().as_str(), "of" | "in" | "from" | "to") {
        return None; // "since the fall of the Berlin Wall", "the fall in prices"
    }
    if word.starts_with(char::is_uppercase) && next.starts_with(char::is_uppercase) && !ctx.before.trim().is_empty() {
        return None; // "the Winter Olympic Games": a name
    }
    // The month the season starts in, to compare with the anchor.
    let start_month = match code.as_str() {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    let value = match (year, ctx.anchor) {
        (Some(y), _) => Some(y),
        (None, None) => None,
        (None, Some(a)) => {
            let started = a.month() >= start_month;
            Some(match rel.as_deref() {
                Some("last" | "this past") if started && a.month() >= start_month + 3 => a.year(),
                Some("last" | "this past") => a.year() - 1,
                Some("next" | "this coming") if started => a.year() + 1,
                Some("this" | "next" | "this coming") => a.year(),
                _ if ctx.direction() == Direction::Past && !started => a.year() - 1,
                _ if ctx.direction() == Direction::Future && started && a.month() >= start_month + 3 => a.year() + 1,
                _ => a.year(),
            })
        }
    };
    Some((TimexType::Date, value.map(|y| format!("{y}-{code}"))))
}

fn ordinal(word: &str) -> Option<u32> {
    Some(match word.to_lowercase().as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// Quarters ("the third quarter", "the year-ago quarter") and halves ("the
/// first half"): financial news speaks of the last completed period.
fn part_of_year(m: &Mention, text: &str, ctx: &Context) -> Option<Resolved> {
    let half = m.rule == Rule::Half;
    let letter = if half { "H" } else { "Q" };
    let rel = m.get("rel").map(|r| r.to_lowercase());
    let ord = match m.get("ord").map(str::to_lowercase).as_deref() {
        Some("last" | "latter") if half => Some(2),
        Some("final") if !half => Some(4),
        // "the last quarter of 2004": the year's fourth, not the one before.
        None if !half
            && m.has("year")
            && rel.as_deref() == Some("last")
            && m.get("period").is_some_and(|p| p.eq_ignore_ascii_case("quarter")) =>
        {
            Some(4)
        }
        _ => m.get("ord").and_then(ordinal),
    };
    let lower = text.to_lowercase();
    let period = m.get("period").is_some_and(|p| p.eq_ignore_ascii_case("period"));
    if period && ord.is_none() && rel.is_none() && m.get("year0").is_none() {
        return None; // "the period": only a dated or financial period counts
    }
    if ord.is_none() && rel.is_none() && !lower.starts_with("the") {
        return None; // "a quarter of the vote"
    }
    if !half && ctx.next_word() == "of" && m.get("year").is_none() && ord.is_none() {
        return None; // "the quarter of the city"
    }
    let of_what = ctx
        .after
        .split_whitespace()
        .skip(1)
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if half && ctx.next_word() == "of" && m.get("year").is_none() && !of_what.starts_with("the year") && !of_what.starts_with("this year") {
        return None; // "the last half of the '80s", "the first half of the match"
    }
    let relative_year = relative_year(m);
    let year = m
        .get("year")
        .or(m.get("year0"))
        .and_then(|y| y.parse::<i32>().ok())
        .or_else(|| Some(ctx.anchor?.year() + relative_year?));
    let Some(a) = ctx.anchor else {
        return Some((TimexType::Date, year.zip(ord).map(|(y, n)| format!("{y}-{letter}{n}"))));
    };
    let current = if half { (a.month0() / 6) + 1 } else { quarter_of(a) };
    let per_year = if half { 2 } else { 4 };
    let shift = |y: i32, n: u32, delta: i32| {
        let total = y * per_year + n as i32 - 1 + delta;
        (total.div_euclid(per_year), total.rem_euclid(per_year) as u32 + 1)
    };
    let (y, n) = match (ord, year, rel.as_deref()) {
        (Some(n), Some(y), _) => (y, n),
        (Some(n), None, Some("year-earlier" | "year-ago" | "comparable" | "corresponding")) => (a.year() - 1, n),
        (Some(n), None, _) => {
            // Financial news reports the quarter just ended: only a clearly
            // later period of the next year counts as the future.
            let y = match ctx.direction() {
                Direction::Past if n > current => a.year() - 1,
                Direction::Future if n + 1 < current => a.year() + 1,
                _ => a.year(),
            };
            (y, n)
        }
        // "the same period last year": the quarter under discussion, a year back.
        (None, Some(y), Some("same" | "comparable" | "corresponding")) if relative_year.is_some() => {
            (y, ctx.reference_quarter.map_or(shift(a.year(), current, -1).1, |(_, q)| q))
        }
        (None, _, Some("current" | "same" | "fiscal")) => (a.year(), current),
        // "growth this quarter" in talk of what is to come: the quarter under way.
        (None, None, Some("this")) if ctx.direction() == Direction::Future => (a.year(), current),
        (None, _, Some("next" | "coming")) => shift(a.year(), current, 1),
        (None, Some(y), _) => (y, shift(a.year(), current, -1).1),
        (None, _, Some("year-earlier" | "year-ago" | "comparable" | "corresponding")) => shift(a.year(), current, -1 - per_year),
        (None, _, _) => shift(a.year(), current, -1),
    };
    Some((TimexType::Date, Some(format!("{y}-{letter}{n}"))))
}

fn ago(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let q = lex.quantity(m.get("num")?)?;
    let unit = lex.unit(m.get("unit")?)?;
    let dir = normalise_space(&m.get("dir")?.to_lowercase());
    let sign: i64 = if matches!(dir.as_str(), "later" | "from now" | "hence") {
        1
    } else {
        -1
    };
    let n = match q {
        Quantity::Exact(n) => n.round() as i64,
        Quantity::Vague => {
            let r = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some((TimexType::Date, Some(r.into())));
        }
    };
    if let (Unit::Year, Some((y, q)), 1) = (unit, ctx.reference_quarter, n) {
        // "profit of $5 million a year earlier": the same quarter, a year
        // before; a longer count ("150 years ago") leaves the earnings behind.
        return Some((TimexType::Date, Some(format!("{}-Q{q}", y as i64 + sign))));
    }
    let value = ctx.anchor.and_then(|a| shifted_point(a, unit, sign * n));
    Some((TimexType::Date, value))
}

/// The anchor moved by `n` units, written at that unit's granularity.
fn shifted_point(a: NaiveDate, unit: Unit, n: i64) -> Option<String> {
    let months = |k: i64| shift_month(a.year(), a.month(), k as i32);
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => ymd(a),
        Unit::Day => ymd(a.checked_add_signed(Duration::days(n))?),
        Unit::Week | Unit::Weekend => iso_week(a.checked_add_signed(Duration::weeks(n))?),
        Unit::Fortnight => iso_week(a.checked_add_signed(Duration::weeks(2 * n))?),
        Unit::Month => {
            let (y, mo) = months(n);
            format!("{y}-{mo:02}")
        }
        Unit::Quarter => {
            let (y, q) = shift_quarter(a.year(), quarter_of(a), n as i32);
            format!("{y}-Q{q}")
        }
        Unit::Year => format!("{}", a.year() as i64 + n),
        // "a decade ago" counts ten years back from the anchor's year.
        Unit::Decade => format!("{}", a.year() as i64 + 10 * n),
        Unit::Century => format!("{}", (a.year() as i64 + 100 * n) / 100),
    })
}

/// Whether a count stands in the words just before the mention, within its
/// clause ("four flights a week", "700 seats a week").
fn counted_before(ctx: &Context, lex: &Lexicon) -> bool {
    for word in ctx.before.split_whitespace().rev().take(3) {
        if word.ends_with([',', ';', ':', '.']) {
            return false;
        }
        let lower = word.to_lowercase();
        // "above 9% for more than a year": a preposition between the count and
        // the period makes the period a length, not a frequency.
        if matches!(lower.as_str(), "for" | "over" | "within" | "during" | "than" | "after" | "lasting") {
            return false;
        }
        let number_word = !matches!(lower.as_str(), "a" | "an") && matches!(lex.quantity(&lower), Some(Quantity::Exact(_)));
        if word.chars().any(|c| c.is_ascii_digit()) || number_word {
            return true;
        }
    }
    false
}

/// TIMEX3 duration value: `P3D`, `PT4H`, `PT6H30M`, `P10Y` (a decade), `PXY`.
pub fn duration_value(q: Quantity, unit: Unit) -> Option<String> {
    let (clock, letter, factor) = match unit {
        Unit::Second => (true, "S", 1.0),
        Unit::Minute => (true, "M", 1.0),
        Unit::Hour => (true, "H", 1.0),
        Unit::Day => (false, "D", 1.0),
        Unit::Week => (false, "W", 1.0),
        Unit::Fortnight => (false, "W", 2.0),
        Unit::Month => (false, "M", 1.0),
        Unit::Quarter => (false, "M", 3.0),
        Unit::Year => (false, "Y", 1.0),
        Unit::Decade => (false, "Y", 10.0),
        Unit::Century => (false, "Y", 100.0),
        Unit::Weekend => (false, "D", 2.0),
    };
    let t = if clock { "T" } else { "" };
    let n = match q {
        Quantity::Vague if unit == Unit::Decade => return Some("PXDE".into()),
        Quantity::Vague => return Some(format!("P{t}X{letter}")),
        Quantity::Exact(n) => n * factor,
    };
    if n <= 0.0 {
        return None;
    }
    if n.fract() == 0.0 {
        return Some(format!("P{t}{}{letter}", n as u64));
    }
    if (n * 2.0).fract() == 0.0 {
        // A half written in the next smaller unit: PT6H30M, P2Y6M, P1DT12H.
        let whole = n.trunc() as u64;
        let half = match unit {
            Unit::Hour => Some(format!("PT{whole}H30M")),
            Unit::Minute => Some(format!("PT{whole}M30S")),
            Unit::Day => Some(format!("P{whole}DT12H")),
            Unit::Year => Some(format!("P{whole}Y6M")),
            _ => None,
        };
        if let Some(v) = half {
            return Some(v);
        }
    }
    Some(format!("P{t}{n}{letter}"))
}

fn duration(m: &Mention, text: &str, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    if m.has("old") {
        return None; // "a 20-year-old man": an age
    }
    // "the year ended March 31", "day-long": one unit, no number written.
    let num_text = normalise_space(&m.get("num").unwrap_or("1").to_lowercase());
    let unit = lex.unit(m.get("unit")?)?;
    let mut q = lex.quantity(&num_text)?;
    if !m.has("num") && text.to_lowercase().contains("s-long") {
        q = Quantity::Vague; // "decades-long"
    }
    let article = matches!(num_text.as_str(), "a" | "an");
    // "three-quarters of", "a quarter of the vote": fractions.
    let hyphenated_plural = m.get("unit").is_some_and(|u| u.to_lowercase() == "quarters") && text.contains('-');
    // "a quarter point rise", "a quarter stake": a fraction of what follows.
    const FRACTION_OF: [&str; 8] = ["of", "point", "points", "percentage", "percent", "stake", "share", "mile"];
    let fraction = unit == Unit::Quarter && (FRACTION_OF.contains(&ctx.next_word().to_lowercase().as_str()) || hyphenated_plural);
    if fraction || (article && unit == Unit::Second) {
        return None; // "a second term", "a quarter of the vote" (but "within a week of")
    }
    if unit == Unit::Weekend {
        return None;
    }
    // "will one day be", "hopes to one day return": some day ahead, not a length.
    const MODALS: [&str; 9] = ["will", "would", "could", "may", "might", "can", "shall", "should", "to"];
    if num_text == "one"
        && unit == Unit::Day
        && !m.has("mod")
        && text.len() == "one day".len()
        && MODALS.contains(&ctx.previous_word().as_str())
    {
        return Some((TimexType::Date, Some("FUTURE_REF".into())));
    }
    if m.has("low") {
        q = Quantity::Vague; // "two to three weeks"
    }
    if m.has("half") || m.has("half2") {
        if let Quantity::Exact(n) = q {
            q = Quantity::Exact(n + 0.5);
        }
    }
    // "$5 million a year", "three times a week": a rate, not a length of time.
    let previous = ctx.previous_word();
    let rate_before = ctx
        .before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()) || w.contains('$'));
    if article && matches!(previous.as_str(), "times" | "once" | "twice") {
        return Some((TimexType::Set, Some(duration_value(Quantity::Exact(1.0), unit)?)));
    }
    if article && (rate_before || matches!(previous.as_str(), "million" | "billion")) {
        return None; // "$1.76 a year", "358,000 a month": a rate, not a time expression
    }
    if article && counted_before(ctx, lex) {
        return None; // "four flights a week", "24 hours a day": a frequency
    }
    if title_case_inside(m.get("unit")?, ctx) {
        return None; // "CBS's 60 Minutes": a name
    }
    Some((TimexType::Duration, Some(duration_value(q, unit)?)))
}

fn clock(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    if m.has("noon") && ctx.previous_word() == "high" {
        return None; // "High Noon"
    }
    let (hour, minute) = match m.get("noon").map(str::to_lowercase).as_deref() {
        Some("noon") => (12, 0),
        Some("midday") => (12, 0),
        Some(_) => (24, 0),
        None => {
            let mut h: u32 = m.get("hour")?.parse().ok()?;
            let mi: u32 = m.get("minute").map_or(Some(0), |x| x.parse().ok())?;
            let pm = m.get("ampm").is_some_and(|a| a.to_lowercase().starts_with('p'))
                || m.get("part")
                    .is_some_and(|p| matches!(p.to_lowercase().as_str(), "afternoon" | "evening"));
            // "15:00 GMT", "1230 GMT": a 24-hour clock when nothing says a.m. or p.m.
            let twelve_hour = m.has("ampm") || m.has("part");
            if (twelve_hour && (h == 0 || h > 12)) || h > 23 || mi > 59 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 && m.get("ampm").is_some_and(|a| a.to_lowercase().starts_with('a')) {
                h = 0;
            }
            (h, mi)
        }
    };
    let date = ctx.anchor.and_then(|a| {
        if let (Some(mo), Some(day)) = (m.get("month").and_then(|x| lex.month(x)), m.get("day")) {
            return month_day_near(a, mo, day.parse().ok()?, ctx.direction());
        }
        let weekday = m.get("wd").or(m.get("wd2")).and_then(|w| lex.weekday(w));
        if let Some(wd) = weekday.and_then(weekday_from_number) {
            return Some(resolve_weekday(a, wd, ctx.direction()));
        }
        let offset = match m.get("deictic").map(str::to_lowercase).as_deref() {
            Some("yesterday") => -1,
            Some("tomorrow") => 1,
            _ => 0,
        };
        a.checked_add_signed(Duration::days(offset))
    });
    Some((TimexType::Time, date.map(|d| format!("{}T{hour:02}:{minute:02}", ymd(d)))))
}

fn set(m: &Mention, lex: &Lexicon) -> Option<Resolved> {
    let value = if let Some(wd) = m.get("wd").and_then(|w| lex.weekday(w)) {
        match m.get("part2").and_then(|p| lex.day_parts.get(&p.to_lowercase())) {
            Some(part) => format!("XXXX-WXX-{wd}T{part}"),
            None => format!("XXXX-WXX-{wd}"),
        }
    } else if let Some(month) = m.get("month").and_then(|x| lex.month(x)) {
        format!("XXXX-{month:02}")
    } else if let Some(part) = m.get("part").and_then(|p| lex.day_parts.get(&p.to_lowercase())) {
        format!("XXXX-XX-XXT{part}")
    } else if let Some(season) = m.get("season").and_then(|s| lex.seasons.get(&s.to_lowercase())) {
        format!("XXXX-{season}")
    } else {
        let unit = lex.unit(m.get("unit")?)?;
        let mut n = match m.get("num").map(|t| lex.quantity(t)) {
            Some(Some(Quantity::Exact(n))) => n,
            Some(_) => return None,
            None => 1.0,
        };
        if m.has("other") {
            n *= 2.0;
        }
        duration_value(Quantity::Exact(n), unit)?
    };
    Some((TimexType::Set, Some(value)))
}

/// The date of a holiday in `year`, by its rule (`MM-DD` or a computed one).
fn holiday_in(rule: &str, year: i32) -> Option<NaiveDate> {
    let nth_weekday = |month: u32, wd: Weekday, n: u32| NaiveDate::from_weekday_of_month_opt(year, month, wd, n as u8);
    match rule {
        "thanksgiving" => nth_weekday(11, Weekday::Thu, 4),
        "election-day" => nth_weekday(11, Weekday::Mon, 1).map(|d| d + Duration::days(1)),
        "easter" => easter(year),
        // "easter-2" (Good Friday), "easter+49" (Pentecost): days from Easter Sunday.
        relative if relative.starts_with("easter") => {
            let days: i64 = relative["easter".len()..].trim_start_matches('+').parse().ok()?;
            easter(year)?.checked_add_signed(Duration::days(days))
        }
        // "05/Mon/-1" (the last Monday of May), "01/Mon/3" (the third Monday of January).
        nth if nth.contains('/') => {
            let mut parts = nth.split('/');
            let month: u32 = parts.next()?.parse().ok()?;
            let wd: Weekday = parts.next()?.parse().ok()?;
            let n: i32 = parts.next()?.parse().ok()?;
            if n == 0 {
                None
            } else if n > 0 {
                nth_weekday(month, wd, n as u32)
            } else {
                // Counted back from the month's last day.
                let (next_y, next_m) = shift_month(year, month, 1);
                let last_day = NaiveDate::from_ymd_opt(next_y, next_m, 1)?.pred_opt()?;
                let back = (last_day.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                last_day.checked_sub_signed(Duration::days(i64::from(back) + 7 * i64::from(-n - 1)))
            }
        }
        // "2001-09-11" (9/11): one day in history, whatever the year.
        absolute if absolute.len() == 10 => NaiveDate::parse_from_str(absolute, "%Y-%m-%d").ok(),
        fixed => {
            let (mo, d) = fixed.split_once('-')?;
            NaiveDate::from_ymd_opt(year, mo.parse().ok()?, d.parse().ok()?)
        }
    }
}

/// Western Easter Sunday (the anonymous Gregorian computus).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn holiday(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let rule = lex.holidays.get(&normalise_space(&m.get("holiday")?.to_lowercase()))?;
    // "week:easter-2" (Holy Week): the ISO week that holds the day.
    let (week, rule) = match rule.strip_prefix("week:") {
        Some(day_rule) => (true, day_rule),
        None => (false, rule.as_str()),
    };
    let write = |d: NaiveDate| if week { iso_week(d) } else { ymd(d) };
    if let Some(y) = m.get("year").and_then(|y| y.parse::<i32>().ok()) {
        return Some((TimexType::Date, holiday_in(rule, y).map(write)));
    }
    let direction = match m.get("rel").map(str::to_lowercase).as_deref() {
        Some("last") => Direction::Past,
        Some("next") => Direction::Future,
        _ => ctx.direction(),
    };
    let explicit = m.has("rel") || is_past_form(&ctx.previous_word());
    let value = ctx.anchor.and_then(|a| {
        if !explicit {
            // As a month-day without its year: the nearest occurrence, kept
            // when it lies a few months ahead even in a past clause ("Easter
            // Sunday" in a March story), moved a year when it is far off the
            // clause's side.
            let occurrences: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1).filter_map(|y| holiday_in(rule, y)).collect();
            return holiday_near(a, &occurrences, direction);
        }
        let this_year = holiday_in(rule, a.year())?;
        match direction {
            Direction::Past if this_year > a => holiday_in(rule, a.year() - 1),
            Direction::Future if this_year < a => holiday_in(rule, a.year() + 1),
            _ => Some(this_year),
        }
    });
    Some((TimexType::Date, value.map(write)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_counted_from_easter_or_by_weekday() {
        let day = |rule: &str, y: i32| holiday_in(rule, y).map(ymd);
        assert_eq!(day("easter-2", 2013).as_deref(), Some("2013-03-29")); // Good Friday
        assert_eq!(day("easter-7", 2024).as_deref(), Some("2024-03-24")); // Palm Sunday
        assert_eq!(day("easter+49", 2024).as_deref(), Some("2024-05-19")); // Pentecost
        assert_eq!(day("05/Mon/-1", 2024).as_deref(), Some("2024-05-27")); // Memorial Day
        assert_eq!(day("05/Mon/-1", 2021).as_deref(), Some("2021-05-31")); // May ends on a Monday
        assert_eq!(day("09/Mon/1", 2024).as_deref(), Some("2024-09-02")); // Labor Day
        assert_eq!(day("01/Mon/3", 2024).as_deref(), Some("2024-01-15")); // Martin Luther King Day
        assert_eq!(day("02/Feb/3", 2024), None);
        assert_eq!(day("2001-09-11", 2024).as_deref(), Some("2001-09-11"));
    }

    proptest::proptest! {
        /// A weekday rule lands on that weekday inside its month; "easter-2" is a Friday.
        #[test]
        fn weekday_rules_land_on_their_weekday(year in 1900i32..2100, month in 1u32..=12, wd in 0u8..7, n in -4i32..=4) {
            let wd = Weekday::try_from(wd).unwrap_or(Weekday::Mon);
            let rule = format!("{month:02}/{wd}/{n}");
            match holiday_in(&rule, year) {
                Some(d) => {
                    proptest::prop_assert_eq!(d.weekday(), wd);
                    proptest::prop_assert_eq!((d.year(), d.month()), (year, month));
                }
                None => proptest::prop_assert_eq!(n, 0),
            }
            let friday = holiday_in("easter-2", year).map(|d| d.weekday());
            proptest::prop_assert_eq!(friday, Some(Weekday::Fri));
        }
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
        assert_eq!(easter(2000), NaiveDate::from_ymd_opt(2000, 4, 23));
    }

    #[test]
    fn duration_values() {
        assert_eq!(duration_value(Quantity::Exact(4.0), Unit::Hour).as_deref(), Some("PT4H"));
        assert_eq!(duration_value(Quantity::Exact(6.5), Unit::Hour).as_deref(), Some("PT6H30M"));
        assert_eq!(duration_value(Quantity::Exact(1.0), Unit::Decade).as_deref(), Some("P10Y"));
        assert_eq!(duration_value(Quantity::Exact(2.0), Unit::Quarter).as_deref(), Some("P6M"));
        assert_eq!(duration_value(Quantity::Vague, Unit::Minute).as_deref(), Some("PTXM"));
        assert_eq!(duration_value(Quantity::Exact(0.0), Unit::Day), None);
    }
}
