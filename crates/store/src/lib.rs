//! The detente event store: an embedded SQLite database (WAL mode, versioned schema)
//! that takes coded articles ([`detente_doc::output::Article`]) again and again
//! without duplicating them, merges the same real-world event reported by many
//! articles into one record (GDELT-style: date, source, target, CAMEO code, location),
//! keeps every mention with its evidence, and answers queries and exports.
//!
//! ```
//! # fn main() -> Result<(), detente_store::StoreError> {
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = detente_store::Store::open(dir.path().join("news.db"))?;
//! assert_eq!(store.counts()?.articles, 0);
//! # Ok(()) }
//! ```

mod aggregate;
mod check;
pub mod export;
mod ingest;
#[cfg(feature = "parquet")]
pub mod parquet_export;
#[cfg(feature = "parquet")]
pub mod parquet_import;
mod query;
pub mod synthetic;

pub use check::CheckReport;
pub use ingest::{BatchReport, IngestOutcome};
pub use query::{
    ActorRow, Dyad, EventCursor, EventHeadRef, EventPage, EventQuery, EventRow, EventRowRef, Period, QuoteQuery, QuoteRow, TrendQuery,
    TrendRow, TrendRowRef,
};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// How much of a store a read connection maps into memory (SQLite caps it at its build's
/// `SQLITE_MAX_MMAP_SIZE`, 0x7fff0000 by default).
const MMAP_BYTES: i64 = 1 << 31;

/// The schema version this build writes; older stores are migrated on open.
pub const SCHEMA_VERSION: i64 = 5;
const SCHEMA_V1: &str = include_str!("schema.sql");
/// Version 2: index-ordered event pages and the dyad aggregate (`dyad_periods`).
const SCHEMA_V2: &str = include_str!("schema_v2.sql");
/// Version 3: covering indexes for event pages and each event's first mention.
const SCHEMA_V3: &str = include_str!("schema_v3.sql");
/// Version 4: each event's evidence as ready JSON (`events.evidence`).
const SCHEMA_V4: &str = include_str!("schema_v4.sql");
/// Version 5: each event as ready JSON (`events.json`), replacing `events.evidence`.
const SCHEMA_V5: &str = include_str!("schema_v5.sql");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: store has schema version {found}, newer than this detente ({supported}); upgrade detente")]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("bad query: {0}")]
    Query(String),
    #[error("stored article {0} is corrupt: {1}")]
    Corrupt(i64, String),
    #[error("export: {0}")]
    Export(String),
    #[error("import: {0}")]
    Import(String),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The schema version found on open (a read-only store may be older than ours).
    version: i64,
}

/// Row counts, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: i64,
    pub events: i64,
    pub mentions: i64,
    pub quotes: i64,
}

impl Store {
    /// Open (creating and migrating when needed) a store for reading and writing.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        let mut store = Store { conn, path, version: 0 };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Open an existing store read-only (queries keep working while an ingest runs).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&path, flags).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Queries come in a few shapes (one per filter combination): keep them prepared.
        conn.set_prepared_statement_cache_capacity(64);
        // One plan per prepared statement: without the query planner stability guarantee
        // SQLite plans a cached statement again whenever a bound value changes (STAT4
        // samples), which costs more under load than it gains (page queries name their index).
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // Read pages straight from the OS cache through a memory map instead of copying them.
        // As much of the file as SQLite maps (it caps this at its build's limit, just under
        // 2 GiB): pages past the map are read with pread into the page cache, and with a
        // 1 GiB map, a store of a million events (1.25 GB) read its last fifth that way.
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Store { conn, path, version })
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers never block the writer and a killed writer loses only its open transaction.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.set_prepared_statement_cache_capacity(64);
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < 1 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V1)?;
            tx.pragma_update(None, "user_version", 1)?;
            tx.commit()?;
        }
        if version < 2 {
            // New indexes, and the dyad aggregate built from the events already stored.
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V2)?;
            aggregate::rebuild(&tx)?;
            tx.pragma_update(None, "user_version", 2)?;
            tx.commit()?;
        }
        if version < 3 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V3)?;
            tx.pragma_update(None, "user_version", 3)?;
            tx.commit()?;
        }
        if version < 4 {
            // (the column is filled no more: version 5 replaces it)
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V4)?;
            tx.pragma_update(None, "user_version", 4)?;
            tx.commit()?;
        }
        if version < 5 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V5)?;
            tx.execute_batch(&format!(
                "UPDATE events SET json = {}; ALTER TABLE events DROP COLUMN evidence;",
                query::event_json("events", "events.first_mention")
            ))?;
            tx.pragma_update(None, "user_version", 5)?;
            tx.commit()?;
        }
        if (1..SCHEMA_VERSION).contains(&version) {
            // new indexes on existing rows: gather the planner's statistics again
            self.conn.execute_batch("ANALYZE")?;
        }
        if (1..5).contains(&version) {
            // Version 5 rewrote every event row, longer, in place: the table's pages are
            // left about a third empty (1.6 GB instead of 1.25 GB for a million events),
            // so each page read brings fewer rows. Pack them again (about 30 s there).
            // VACUUM writes the whole store through the write-ahead log: fold it back into
            // the file now (no reader is open yet), or readers look up every page in it
            self.conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        // Later versions: `if version < 6 { ... }` in their own transactions.
        self.version = SCHEMA_VERSION;
        Ok(())
    }

    /// The store's schema version (older than [`SCHEMA_VERSION`] only for a read-only store).
    pub fn schema_version(&self) -> i64 {
        self.version
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<i64> { Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?) };
        Ok(Counts {
            articles: count("articles")?,
            events: count("events")?,
            mentions: count("mentions")?,
            quotes: count("quotes")?,
        })
    }

    /// SQLite's `data_version`: it changes whenever another connection (in this process
    /// or another) commits to the store, so a reader can tell that its answers are stale.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?)
    }

    /// The underlying connection, for benchmarks and tools.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
