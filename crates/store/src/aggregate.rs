//! The dyad aggregate (`dyad_periods`): a directed country dyad's events per day, ISO
//! week and month. Ingest recomputes the rows of the (dyad, day)s it touched, and then
//! their weeks and months from the day rows, inside its transaction; a full rebuild
//! serves migrations and bulk loads; `detente check` compares it with a recomputation.

use crate::{Period, Result, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::collections::BTreeSet;

/// Events that enter trends: both countries known and a full, valid date.
pub(crate) const AGGREGATED: &str = "source_country <> '' AND target_country <> '' AND date(date) = date";

/// The day rows, straight from the events (filtered by the caller's WHERE).
const DAY_SELECT: &str = "SELECT source_country, target_country, 'day', date, count(*),
        sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4),
        sum(CAST(round(goldstein * 10) AS INTEGER)), sum(num_mentions)
    FROM events";

/// Week or month rows summed from day rows (`{label}` is the period expression).
fn rollup_select(kind: &str, label: &str) -> String {
    format!(
        "SELECT source_country, target_country, '{kind}', {label}, sum(events), sum(quad1), sum(quad2), sum(quad3), sum(quad4),
                sum(goldstein_tenths), sum(mentions)
         FROM dyad_periods WHERE period_kind = 'day'"
    )
}

/// The ISO week label of a day, as SQLite's `strftime('%G-W%V', date)` writes it.
pub(crate) fn week_label(day: NaiveDate) -> String {
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The aggregate's side of [`Period`]: its name in `period_kind`, the label of the
/// period holding a day, and the period's first and last days.
impl Period {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    pub(crate) fn label(self, day: NaiveDate) -> String {
        match self {
            Period::Day => day.format("%Y-%m-%d").to_string(),
            Period::Week => week_label(day),
            Period::Month => day.format("%Y-%m").to_string(),
        }
    }

    /// First and last day (inclusive) of the period holding `day`.
    pub(crate) fn bounds(self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Day => (day, day),
            Period::Week => {
                let monday = day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64);
                (monday, monday + chrono::Duration::days(6))
            }
            Period::Month => {
                let first = day.with_day(1).unwrap_or(day);
                let next = if day.month() == 12 {
                    NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(day.year(), day.month() + 1, 1)
                };
                (first, next.map(|n| n - chrono::Duration::days(1)).unwrap_or(day))
            }
        }
    }
}

/// A (source country, target country, date) whose events changed in a batch.
pub(crate) type DyadDay = (String, String, String);

/// The dyad and date of the given events (read before they may be deleted).
pub(crate) fn keys_of(conn: &Connection, events: &BTreeSet<i64>) -> Result<BTreeSet<DyadDay>> {
    let mut stmt = conn.prepare_cached("SELECT source_country, target_country, date FROM events WHERE id = ?1")?;
    let mut keys = BTreeSet::new();
    for id in events {
        let mut rows = stmt.query([id])?;
        if let Some(r) = rows.next()? {
            keys.insert((r.get(0)?, r.get(1)?, r.get(2)?));
        }
    }
    Ok(keys)
}

/// Recompute the aggregate rows of the touched (dyad, day)s, then of their weeks and months.
pub(crate) fn refresh(conn: &Connection, keys: &BTreeSet<DyadDay>) -> Result<()> {
    let mut delete = conn.prepare_cached(
        "DELETE FROM dyad_periods WHERE source_country = ?1 AND target_country = ?2 AND period_kind = ?3 AND period = ?4",
    )?;
    let mut insert_day = conn.prepare_cached(&format!(
        "INSERT INTO dyad_periods {DAY_SELECT} WHERE source_country = ?1 AND target_country = ?2 AND date = ?3 AND {AGGREGATED}
         GROUP BY source_country, target_country, date"
    ))?;
    let mut insert_rollup = conn.prepare_cached(
        "INSERT INTO dyad_periods SELECT source_country, target_country, ?3, ?4, sum(events), sum(quad1), sum(quad2), sum(quad3),
                sum(quad4), sum(goldstein_tenths), sum(mentions)
         FROM dyad_periods WHERE source_country = ?1 AND target_country = ?2 AND period_kind = 'day' AND period BETWEEN ?5 AND ?6
         GROUP BY source_country, target_country",
    )?;
    let mut rollups = BTreeSet::new();
    for (source, target, date) in keys {
        if source.is_empty() || target.is_empty() {
            continue;
        }
        delete.execute((source, target, "day", date))?;
        insert_day.execute((source, target, date))?;
        let Some(day) = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|_| date.len() == 10) else {
            continue;
        };
        for kind in [Period::Week, Period::Month] {
            rollups.insert((source, target, kind, kind.label(day), kind.bounds(day)));
        }
    }
    for (source, target, kind, label, (first, last)) in rollups {
        delete.execute((source, target, kind.name(), &label))?;
        let (first, last) = (first.format("%Y-%m-%d").to_string(), last.format("%Y-%m-%d").to_string());
        insert_rollup.execute((source, target, kind.name(), &label, first, last))?;
    }
    Ok(())
}

/// Build the whole aggregate again from the events (migrations, bulk loads).
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "DELETE FROM dyad_periods;
         INSERT INTO dyad_periods {DAY_SELECT} WHERE {AGGREGATED} GROUP BY source_country, target_country, date;
         INSERT INTO dyad_periods {week} GROUP BY source_country, target_country, strftime('%G-W%V', period);
         INSERT INTO dyad_periods {month} GROUP BY source_country, target_country, substr(period, 1, 7);",
        week = rollup_select("week", "strftime('%G-W%V', period)"),
        month = rollup_select("month", "substr(period, 1, 7)"),
    ))?;
    Ok(())
}

/// Rows where the stored aggregate and a fresh recomputation disagree (0 when sound).
pub(crate) fn mismatches(conn: &Connection) -> Result<i64> {
    let fresh = format!(
        "WITH day AS ({DAY_SELECT} WHERE {AGGREGATED} GROUP BY source_country, target_country, date),
              d (source_country, target_country, period_kind, period, events, quad1, quad2, quad3, quad4, goldstein_tenths, mentions) AS (SELECT * FROM day),
              fresh AS (
                SELECT * FROM d
                UNION ALL SELECT source_country, target_country, 'week', strftime('%G-W%V', period), sum(events), sum(quad1), sum(quad2),
                    sum(quad3), sum(quad4), sum(goldstein_tenths), sum(mentions) FROM d GROUP BY source_country, target_country, strftime('%G-W%V', period)
                UNION ALL SELECT source_country, target_country, 'month', substr(period, 1, 7), sum(events), sum(quad1), sum(quad2),
                    sum(quad3), sum(quad4), sum(goldstein_tenths), sum(mentions) FROM d GROUP BY source_country, target_country, substr(period, 1, 7))
         SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM dyad_periods))
              + (SELECT count(*) FROM (SELECT * FROM dyad_periods EXCEPT SELECT * FROM fresh))"
    );
    Ok(conn.query_row(&fresh, [], |r| r.get(0))?)
}

impl Store {
    /// Rebuild the dyad aggregate from the events, in one transaction.
    pub fn rebuild_aggregates(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        rebuild(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Our week labels and bounds agree with SQLite's strftime('%G-W%V') on every day.
        #[test]
        fn week_labels_match_sqlite(days in 0i64..20_000) {
            let day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(days);
            let conn = Connection::open_in_memory().unwrap();
            let iso = day.format("%Y-%m-%d").to_string();
            let sqlite: String = conn.query_row("SELECT strftime('%G-W%V', ?1)", [&iso], |r| r.get(0)).unwrap();
            prop_assert_eq!(week_label(day), sqlite);
            for kind in [Period::Day, Period::Week, Period::Month] {
                let (first, last) = kind.bounds(day);
                prop_assert!(first <= day && day <= last);
                prop_assert_eq!(kind.label(first), kind.label(day));
                prop_assert_eq!(kind.label(last), kind.label(day));
                prop_assert_ne!(kind.label(first - chrono::Duration::days(1)), kind.label(day));
                prop_assert_ne!(kind.label(last + chrono::Duration::days(1)), kind.label(day));
            }
        }
    }
}
