//! Calendar arithmetic for TIMEX3 values: weekdays by direction, ISO weeks,
//! month and quarter shifts, month-day dates without a year.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which way an expression without a year points from the anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// ISO week value (`2024-W09`) of a day.
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The Monday of an ISO week value, if the value is one.
pub fn parse_iso_week(value: &str) -> Option<NaiveDate> {
    let (year, week) = value.split_once("-W")?;
    NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)
}

/// The day `wd` of the ISO week `offset` weeks from the one holding `anchor`
/// ("Friday last week": offset -1).
pub fn weekday_of_week(anchor: NaiveDate, offset: i64, wd: Weekday) -> Option<NaiveDate> {
    let monday = anchor.checked_sub_signed(Duration::days(anchor.weekday().num_days_from_monday() as i64))?;
    monday.checked_add_signed(Duration::weeks(offset) + Duration::days(wd.num_days_from_monday() as i64))
}

pub fn weekday_from_number(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// The weekday `wd` nearest the anchor in the past (or, for future talk, the next
/// one). The anchor's own weekday is the anchor itself either way.
pub fn resolve_weekday(anchor: NaiveDate, wd: Weekday, direction: Direction) -> NaiveDate {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    match direction {
        Direction::Future => anchor + Duration::days((w - a).rem_euclid(7)),
        Direction::Past => anchor - Duration::days((a - w).rem_euclid(7)),
    }
}

/// `(year, month)` shifted by `delta` months.
pub fn shift_month(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let total = year * 12 + month as i32 - 1 + delta;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

pub fn quarter_of(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

/// `(year, quarter)` shifted by `delta` quarters.
pub fn shift_quarter(year: i32, quarter: u32, delta: i32) -> (i32, u32) {
    let total = year * 4 + quarter as i32 - 1 + delta;
    (total.div_euclid(4), total.rem_euclid(4) as u32 + 1)
}

/// Month and day without a year: the occurrence nearest the anchor, moved a year
/// when it lies the wrong side of the anchor for the clause's direction by more
/// than a few days (news reports on yesterday's "March 5" and announces "March 5").
pub fn month_day_near(anchor: NaiveDate, month: u32, day: u32, direction: Direction) -> Option<NaiveDate> {
    let candidates = [anchor.year() - 1, anchor.year(), anchor.year() + 1];
    let dates: Vec<NaiveDate> = candidates.iter().filter_map(|y| NaiveDate::from_ymd_opt(*y, month, day)).collect();
    let nearest = *dates.iter().min_by_key(|d| (**d - anchor).num_days().abs())?;
    let slack = Duration::days(7);
    let moved = match direction {
        Direction::Past if nearest > anchor + slack && (nearest - anchor).num_days() > 120 => {
            NaiveDate::from_ymd_opt(nearest.year() - 1, month, day)
        }
        Direction::Future if nearest < anchor - slack && (anchor - nearest).num_days() > 60 => {
            NaiveDate::from_ymd_opt(nearest.year() + 1, month, day)
        }
        _ => None,
    };
    Some(moved.unwrap_or(nearest))
}

/// A holiday named without its year, given its occurrences in consecutive
/// years: the nearest, moved to the clause's side as [`month_day_near`] moves a
/// month-day (a near future stays ahead, a near past stays behind).
pub fn holiday_near(anchor: NaiveDate, occurrences: &[NaiveDate], direction: Direction) -> Option<NaiveDate> {
    let nearest = *occurrences.iter().min_by_key(|d| (**d - anchor).num_days().abs())?;
    let slack = Duration::days(7);
    let moved = match direction {
        Direction::Past if nearest > anchor + slack && (nearest - anchor).num_days() > 120 => {
            occurrences.iter().filter(|d| **d <= anchor).max().copied()
        }
        Direction::Future if nearest < anchor - slack && (anchor - nearest).num_days() > 60 => {
            occurrences.iter().filter(|d| **d >= anchor).min().copied()
        }
        _ => None,
    };
    Some(moved.unwrap_or(nearest))
}

/// A day of the month without a month ("on the 5th"): the occurrence in the
/// anchor's month or the one before or after that lies nearest, moved a month
/// when it falls the wrong side of the anchor for the clause's direction.
pub fn day_of_month_near(anchor: NaiveDate, day: u32, direction: Direction) -> Option<NaiveDate> {
    let months = [-1, 0, 1].map(|k| shift_month(anchor.year(), anchor.month(), k));
    let dates: Vec<NaiveDate> = months.iter().filter_map(|(y, m)| NaiveDate::from_ymd_opt(*y, *m, day)).collect();
    let nearest = *dates.iter().min_by_key(|d| (**d - anchor).num_days().abs())?;
    let slack = Duration::days(3);
    let moved = match direction {
        Direction::Past if nearest > anchor + slack => dates.iter().filter(|d| **d <= anchor).max().copied(),
        Direction::Future if nearest < anchor - slack => dates.iter().filter(|d| **d >= anchor).min().copied(),
        _ => None,
    };
    Some(moved.unwrap_or(nearest))
}

/// A month without a year: in past talk the most recent such month (the anchor's
/// own month counts), in future talk the next one (the anchor's own month counts).
pub fn month_near(anchor: NaiveDate, month: u32, direction: Direction) -> (i32, u32) {
    let year = match direction {
        Direction::Past if month > anchor.month() => anchor.year() - 1,
        Direction::Future if month < anchor.month() => anchor.year() + 1,
        _ => anchor.year(),
    };
    (year, month)
}

/// A month named without a year: a story in March speaks of "May" ahead, not
/// of last May, but of "November" behind; future talk looks up to nine months
/// ahead.
pub fn month_nearest(anchor: NaiveDate, month: u32, direction: Direction) -> (i32, u32) {
    let ahead = (month as i32 - anchor.month() as i32).rem_euclid(12);
    let behind = (anchor.month() as i32 - month as i32).rem_euclid(12);
    if ahead == 0 {
        return (anchor.year(), month);
    }
    // News looks back more often than ahead: a month still to come counts only
    // in future talk or when it is at most three months off.
    let forward = match direction {
        Direction::Future => ahead <= behind || ahead <= 9,
        Direction::Past => ahead < behind && ahead <= 3,
    };
    if forward {
        (if month < anchor.month() { anchor.year() + 1 } else { anchor.year() }, month)
    } else {
        (if month > anchor.month() { anchor.year() - 1 } else { anchor.year() }, month)
    }
}

/// The most recent `month` strictly before the anchor's month ("since October"
/// in a June 2024 article is 2023-10; in a November article, this year's).
pub fn month_before(anchor: NaiveDate, month: u32) -> (i32, u32) {
    let year = if month >= anchor.month() {
        anchor.year() - 1
    } else {
        anchor.year()
    };
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekdays_around_a_thursday() {
        let thu = d("2024-03-07");
        assert_eq!(resolve_weekday(thu, Weekday::Tue, Direction::Past), d("2024-03-05"));
        assert_eq!(resolve_weekday(thu, Weekday::Tue, Direction::Future), d("2024-03-12"));
        assert_eq!(resolve_weekday(thu, Weekday::Thu, Direction::Past), thu);
        assert_eq!(resolve_weekday(thu, Weekday::Fri, Direction::Past), d("2024-03-01"));
    }

    #[test]
    fn weekdays_across_month_and_year_ends() {
        // 2024-02-29 is a Thursday (leap day); 2025-01-01 a Wednesday.
        assert_eq!(resolve_weekday(d("2024-02-29"), Weekday::Fri, Direction::Future), d("2024-03-01"));
        assert_eq!(resolve_weekday(d("2025-01-01"), Weekday::Mon, Direction::Past), d("2024-12-30"));
    }

    #[test]
    fn iso_weeks_at_year_ends() {
        assert_eq!(iso_week(d("2024-12-30")), "2025-W01");
        assert_eq!(iso_week(d("2021-01-03")), "2020-W53");
        assert_eq!(parse_iso_week("2024-W09"), Some(d("2024-02-26")));
    }

    #[test]
    fn months_and_quarters_shift_across_years() {
        assert_eq!(shift_month(2024, 1, -1), (2023, 12));
        assert_eq!(shift_month(2024, 12, 1), (2025, 1));
        assert_eq!(shift_quarter(2024, 1, -1), (2023, 4));
        assert_eq!(month_before(d("2024-06-15"), 10), (2023, 10));
        assert_eq!(month_before(d("2024-11-15"), 10), (2024, 10));
        assert_eq!(month_near(d("2024-01-31"), 12, Direction::Past), (2023, 12));
        assert_eq!(month_near(d("2024-12-31"), 1, Direction::Future), (2025, 1));
    }

    #[test]
    fn month_days_without_year() {
        assert_eq!(month_day_near(d("2024-01-02"), 12, 30, Direction::Past), Some(d("2023-12-30")));
        assert_eq!(month_day_near(d("2023-12-30"), 1, 5, Direction::Future), Some(d("2024-01-05")));
        assert_eq!(month_day_near(d("2024-03-07"), 3, 5, Direction::Future), Some(d("2024-03-05")));
        assert_eq!(month_day_near(d("2024-03-07"), 2, 30, Direction::Past), None);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..40_000).prop_map(|n| d("1950-01-01") + Duration::days(n))
    }

    fn any_weekday() -> impl Strategy<Value = Weekday> {
        (1u32..=7).prop_map(|n| weekday_from_number(n).unwrap())
    }

    proptest! {
        #[test]
        fn a_holiday_lies_on_the_clause_side_unless_near(a in any_date(), month in 1u32..=12, day in 1u32..=28, past in any::<bool>()) {
            let occurrences: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).collect();
            let direction = if past { Direction::Past } else { Direction::Future };
            let r = holiday_near(a, &occurrences, direction).unwrap();
            prop_assert!(occurrences.contains(&r));
            // Never more than about a year away, and a far one lies on the clause's side.
            prop_assert!((r - a).num_days().abs() <= 366);
            prop_assert!(!(past && (r - a).num_days() > 120), "far future in a past clause: {}", r);
            prop_assert!(past || (a - r).num_days() <= 60, "far past in a future clause: {}", r);
        }

        #[test]
        fn past_weekday_lies_in_previous_week(a in any_date(), wd in any_weekday()) {
            let r = resolve_weekday(a, wd, Direction::Past);
            prop_assert_eq!(r.weekday(), wd);
            prop_assert!(r <= a && a - r < Duration::days(7));
        }

        #[test]
        fn future_weekday_lies_in_next_week(a in any_date(), wd in any_weekday()) {
            let r = resolve_weekday(a, wd, Direction::Future);
            prop_assert_eq!(r.weekday(), wd);
            prop_assert!(r >= a && r - a < Duration::days(7));
        }

        #[test]
        fn a_weekday_of_a_named_week_lies_in_that_week(a in any_date(), wd in any_weekday(), offset in -2i64..=2) {
            let r = weekday_of_week(a, offset, wd).unwrap();
            prop_assert_eq!(r.weekday(), wd);
            let shifted = a + Duration::weeks(offset);
            prop_assert_eq!(iso_week(r), iso_week(shifted));
        }

        #[test]
        fn iso_weeks_round_trip(a in any_date()) {
            let monday = parse_iso_week(&iso_week(a)).unwrap();
            prop_assert_eq!(monday.weekday(), Weekday::Mon);
            prop_assert!(monday <= a && a - monday < Duration::days(7));
        }

        #[test]
        fn quarter_shifts_compose_and_stay_in_range(y in 1900i32..2100, q in 1u32..=4, a in -40i32..40, b in -40i32..40) {
            let (y1, q1) = shift_quarter(y, q, a);
            prop_assert!((1..=4).contains(&q1));
            prop_assert_eq!(shift_quarter(y1, q1, b), shift_quarter(y, q, a + b));
            prop_assert_eq!(shift_quarter(y1, q1, -a), (y, q));
        }

        #[test]
        fn month_shifts_compose(y in 1900i32..2100, m in 1u32..=12, a in -50i32..50, b in -50i32..50) {
            let (y1, m1) = shift_month(y, m, a);
            prop_assert!((1..=12).contains(&m1));
            prop_assert_eq!(shift_month(y1, m1, b), shift_month(y, m, a + b));
        }

        #[test]
        fn nearest_month_lies_in_the_window(a in any_date(), m in 1u32..=12, fut in any::<bool>()) {
            let dir = if fut { Direction::Future } else { Direction::Past };
            let (y, mm) = month_nearest(a, m, dir);
            prop_assert_eq!(mm, m);
            let gap = (y * 12 + mm as i32) - (a.year() * 12 + a.month() as i32);
            let ahead_limit = if fut { 9 } else { 3 };
            prop_assert!((-11..=ahead_limit).contains(&gap), "gap {}", gap);
        }

        #[test]
        fn month_before_is_within_a_year_before(a in any_date(), m in 1u32..=12) {
            let (y, mm) = month_before(a, m);
            let first = NaiveDate::from_ymd_opt(y, mm, 1).unwrap();
            prop_assert!(first < a);
            prop_assert!((a - first).num_days() <= 366 + 31);
        }

        #[test]
        fn month_day_is_within_a_year(a in any_date(), m in 1u32..=12, day in 1u32..=28, fut in any::<bool>()) {
            let dir = if fut { Direction::Future } else { Direction::Past };
            let r = month_day_near(a, m, day, dir).unwrap();
            prop_assert!((r - a).num_days().abs() <= 366);
            prop_assert_eq!((r.month(), r.day()), (m, day));
        }
    }
}
