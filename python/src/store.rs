//! The event store (detente-store) from Python: ingest coded articles, ask for a
//! dyad's trend or its events. Rows go back as JSON (the store's own serde forms);
//! the Python side makes DataFrames of them.

use detente_doc::output::Article;
use detente_store::{Dyad, EventQuery, Period, Store, StoreError, TrendQuery};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

fn store_err(e: StoreError) -> PyErr {
    match e {
        StoreError::Query(m) => PyValueError::new_err(m),
        other => PyOSError::new_err(other.to_string()),
    }
}

fn json_err(e: serde_json::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// An open store (SQLite file, created when missing). Not shared between threads.
#[pyclass(unsendable, module = "detente._detente")]
pub struct NativeStore {
    store: Store,
}

#[pymethods]
impl NativeStore {
    #[new]
    #[pyo3(signature = (path, read_only = false))]
    fn new(path: std::path::PathBuf, read_only: bool) -> PyResult<Self> {
        let store = if read_only {
            Store::open_read_only(&path)
        } else {
            Store::open(&path)
        }
        .map_err(store_err)?;
        Ok(NativeStore { store })
    }

    /// Store coded articles (output-contract JSON, one string each) in one transaction;
    /// returns the batch report as JSON.
    fn ingest(&mut self, articles: Vec<String>) -> PyResult<String> {
        let parsed = articles
            .iter()
            .map(|a| serde_json::from_str::<Article>(a))
            .collect::<Result<Vec<_>, _>>()
            .map_err(json_err)?;
        let report = self.store.ingest_batch(&parsed).map_err(store_err)?;
        let failed: Vec<serde_json::Value> = report
            .failed
            .iter()
            .map(|(article, reason)| serde_json::json!({"article": article, "reason": reason}))
            .collect();
        Ok(serde_json::json!({
            "added": report.added,
            "duplicates": report.duplicates,
            "replaced": report.replaced,
            "mentions": report.mentions,
            "failed": failed,
        })
        .to_string())
    }

    /// Row counts as JSON: articles, events, mentions, quotes.
    fn counts(&self) -> PyResult<String> {
        let c = self.store.counts().map_err(store_err)?;
        Ok(serde_json::json!({
            "articles": c.articles, "events": c.events, "mentions": c.mentions, "quotes": c.quotes
        })
        .to_string())
    }

    /// A dyad's events per period, as a JSON array of the store's trend rows.
    #[pyo3(signature = (a, b, by = "week", since = None, until = None, directed = false))]
    fn trend(&self, a: &str, b: &str, by: &str, since: Option<String>, until: Option<String>, directed: bool) -> PyResult<String> {
        let query = TrendQuery {
            dyad: Dyad::parse(&format!("{a}:{b}"), directed).map_err(store_err)?,
            period: Period::parse(by).map_err(store_err)?,
            since,
            until,
        };
        let rows = self.store.trend(&query).map_err(store_err)?;
        serde_json::to_string(&rows).map_err(json_err)
    }

    /// Merged events with one piece of evidence each, as a JSON array of event rows.
    #[pyo3(signature = (dyad = None, actor = None, since = None, until = None, cameo = None, plover = None, text = None, limit = 1000, offset = 0, directed = false))]
    #[allow(clippy::too_many_arguments)] // mirrors the keyword arguments of Store.events
    fn events(
        &self,
        dyad: Option<&str>,
        actor: Option<String>,
        since: Option<String>,
        until: Option<String>,
        cameo: Option<String>,
        plover: Option<String>,
        text: Option<String>,
        limit: usize,
        offset: usize,
        directed: bool,
    ) -> PyResult<String> {
        let query = EventQuery {
            dyad: dyad.map(|d| Dyad::parse(d, directed)).transpose().map_err(store_err)?,
            actor,
            since,
            until,
            cameo,
            plover,
            text,
            limit,
            offset,
        };
        let rows = self.store.events(&query).map_err(store_err)?;
        serde_json::to_string(&rows).map_err(json_err)
    }
}
