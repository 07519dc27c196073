//! Days of the month named without their month: "on the 5th" (the month is the
//! anchor's, or the one next to it) and the second day of "April 24 and 25"
//! (the month of the first); parts of a day named without it ("overnight",
//! "by mid-afternoon", "in the morning"), on the anchor's day until the
//! sentence names another.

use crate::calendar::{day_of_month_near, month_day_near, resolve_weekday, weekday_from_number, ymd};
use crate::lexicon::Lexicon;
use crate::recognizer::Mention;
use crate::resolver::{Context, Resolved};
use detente_doc::TimexType;

/// Words that may follow a bare day number; anything else after it ("the 5th
/// fleet", "25 people") makes it an ordinal or a count, not a day.
const FOLLOWERS: [&str; 16] = [
    "", "and", "or", "to", "in", "at", "when", "after", "before", "as", "until", "through", "while", "of", "the", "that",
];

fn is_followed_by_noun(ctx: &Context) -> bool {
    let after = ctx.after.trim_start();
    if is_part_of_a_number(after) {
        return true;
    }
    let next = ctx.next_word();
    let lower = next.to_lowercase();
    !after.starts_with(|c: char| c.is_ascii_punctuation()) && !FOLLOWERS.contains(&lower.as_str())
}

/// "25:1", "25%", "25.5", "25-year": the digits go on as something else.
fn is_part_of_a_number(after: &str) -> bool {
    after.starts_with(|c: char| c.is_ascii_digit() || matches!(c, ':' | '%' | '-' | '$'))
        || (after.starts_with(['.', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
}

fn day_number(m: &Mention) -> Option<u32> {
    m.get("day")?.parse().ok().filter(|d| (1..=31).contains(d))
}

/// "the 5th": a day of the anchor's month or a neighbouring one.
pub fn ordinal_day(m: &Mention, ctx: &Context) -> Option<Resolved> {
    let day = day_number(m)?;
    if is_followed_by_noun(ctx) {
        return None;
    }
    let value = ctx.anchor.and_then(|a| day_of_month_near(a, day, ctx.direction())).map(ymd);
    Some((TimexType::Date, value))
}

/// "25" in "April 24 and 25": the month (and year) of the first day.
pub fn coordinated_day(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    let day = day_number(m)?;
    let month = lex.month(m.get("month")?)?;
    if is_part_of_a_number(ctx.after.trim_start()) {
        return None;
    }
    let value = match m.get("year").and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => chrono::NaiveDate::from_ymd_opt(y, month, day).map(ymd),
        None => ctx.anchor.and_then(|a| month_day_near(a, month, day, ctx.direction())).map(ymd),
    };
    Some((TimexType::Date, value))
}

/// "overnight", "mid-afternoon", "in the morning": TIME on the anchor's day
/// (the time stage moves it to a day its sentence names). "The morning" counts
/// only after a preposition of time and not before "of" ("the morning of
/// March 5" is the date's).
pub fn bare_day_part(m: &Mention, lex: &Lexicon, ctx: &Context) -> Option<Resolved> {
    const LEADS: [&str; 6] = ["in", "during", "by", "until", "through", "all"];
    let word = if m.has("overnight") {
        "overnight".to_string()
    } else if let Some(part) = m.get("midpart") {
        part.to_lowercase()
    } else {
        let part = m.get("part")?.to_lowercase();
        if !LEADS.contains(&ctx.previous_word().as_str()) || ctx.next_word().eq_ignore_ascii_case("of") {
            return None;
        }
        part
    };
    let code = lex.day_parts.get(&word)?;
    let day = ctx.anchor.and_then(|a| {
        if let Some(wd) = m.get("wd").and_then(|w| lex.weekday(w)).and_then(weekday_from_number) {
            return Some(resolve_weekday(a, wd, ctx.direction()));
        }
        let offset = match m.get("deictic").map(str::to_lowercase).as_deref() {
            Some("yesterday") => -1,
            Some("tomorrow") => 1,
            _ => 0,
        };
        a.checked_add_signed(chrono::Duration::days(offset))
    });
    Some((TimexType::Time, day.map(|d| format!("{}T{code}", ymd(d)))))
}
