//! `detente check`: SQLite's integrity check plus the store's own invariants.

use crate::{Result, Store};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Problems found; empty when the store is sound.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        if integrity != ["ok"] {
            problems.extend(integrity.into_iter().map(|m| format!("sqlite: {m}")));
        }
        let invariants: [(&str, &str); 6] = [
            ("mentions whose article does not exist", "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL"),
            ("mentions whose event does not exist", "SELECT count(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id WHERE e.id IS NULL"),
            (
                "mentions whose sentence is not in their article",
                "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.sentence_idx < 0 OR m.sentence_idx >= a.n_sentences OR m.sentence_end > length(a.text)
                    OR substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) <> m.sentence_text",
            ),
            ("events without mentions", "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)"),
            ("events whose counts disagree with their mentions", "SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(*) FROM mentions m WHERE m.event_id = e.id)"),
            ("quotes or actors whose article does not exist", "SELECT (SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article_id)) + (SELECT count(*) FROM actors x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id))"),
        ];
        for (what, sql) in invariants {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        if self.version >= 3 {
            let n: i64 = self.conn.query_row(
                "SELECT count(*) FROM events e WHERE first_mention IS NOT (SELECT min(m.id) FROM mentions m WHERE m.event_id = e.id)",
                [],
                |r| r.get(0),
            )?;
            if n > 0 {
                problems.push(format!(
                    "{n} events whose first mention is wrong (event pages would show other evidence)"
                ));
            }
        }
        if self.version >= 5 {
            let sql = format!(
                "SELECT count(*) FROM events WHERE json IS NOT {}",
                crate::query::event_json("events", "events.first_mention")
            );
            let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!(
                    "{n} events whose stored JSON is not the event and its first mention's evidence"
                ));
            }
        }
        let stale = crate::aggregate::mismatches(&self.conn)?;
        if stale > 0 {
            problems.push(format!(
                "{stale} dyad aggregate rows disagree with the events (trends would be wrong)"
            ));
        }
        for table in ["articles_fts", "quotes_fts"] {
            if let Err(e) = self
                .conn
                .execute(&format!("INSERT INTO {table} ({table}) VALUES ('integrity-check')"), [])
            {
                problems.push(format!("{table}: {e}"));
            }
        }
        Ok(CheckReport { problems })
    }
}
