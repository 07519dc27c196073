//! `detente._detente`: the native half of the `detente` Python package.
//!
//! Articles cross the boundary as JSON text in both directions: Python turns each
//! input dict into a JSON object (`json.dumps`), which is read exactly as a line of
//! `detente code` JSON Lines input is; results come back as the JSON of the output
//! contract (docs/OUTPUT.md), which Python parses with `json.loads`. Both are C-speed
//! and keep the package's results byte-for-byte those of the CLI. The coding itself
//! runs with the GIL released, on `threads` workers.

use detente_doc::output::Article;
use detente_ingest::{Dedup, Defaults, RawArticle, Stats};
use detente_pipeline::parallel::code_ordered;
use detente_pipeline::{NaiveDate, Pipeline};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::convert::Infallible;
use std::rc::Rc;
use std::sync::OnceLock;

/// The pipeline, built on first use and shared by every call and thread of the process
/// (dictionaries are compiled once, not per call). Never mutated after construction.
static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();

fn pipeline() -> PyResult<&'static Pipeline> {
    PIPELINE
        .get_or_init(|| Pipeline::with_defaults().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(format!("detente: loading the dictionaries: {e}")))
}

/// Load the dictionaries now rather than on the first article (for timing, or to fail early).
#[pyfunction]
fn warm_up() -> PyResult<()> {
    pipeline().map(|_| ())
}

/// Read one input record (a JSON object, as in `detente code` JSON Lines input) into
/// a raw article, detecting its language when the record does not name one.
fn raw_from_json(record: &str, origin: &str) -> Result<RawArticle, String> {
    let mut raw = detente_ingest::parse_json_article(record, origin)?;
    // Fields the JSON Lines reader does not take but `read()` hands over, so that a
    // file read in Python codes exactly as the CLI codes it.
    if let Ok(serde_json::Value::Object(obj)) = serde_json::from_str::<serde_json::Value>(record) {
        if obj.get("summary_only").and_then(|v| v.as_bool()) == Some(true) {
            raw.meta.summary_only = true;
        }
        if let Some(serde_json::Value::Array(items)) = obj.get("warnings") {
            raw.warnings.extend(items.iter().filter_map(|w| w.as_str().map(str::to_string)));
        }
    }
    if raw.meta.language.is_none() {
        raw.meta.language = detente_ingest::language::detect(raw.meta.title.as_deref(), &raw.body);
    }
    Ok(raw)
}

fn to_json(article: &Article) -> PyResult<String> {
    serde_json::to_string(article).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Code raw articles on `threads` workers, results in input order.
fn code_raws(pipeline: &Pipeline, raws: Vec<RawArticle>, threads: usize) -> Vec<Article> {
    let mut results: Vec<Option<Article>> = Vec::with_capacity(raws.len());
    let mut to_code = Vec::new();
    let mut slots = Vec::new();
    for (i, raw) in raws.into_iter().enumerate() {
        if Pipeline::is_uncodable_language(&raw) {
            results.push(Some(pipeline.uncoded(raw)));
        } else {
            results.push(None);
            slots.push(i);
            to_code.push(raw);
        }
    }
    let inputs = to_code.into_iter().map(Ok::<RawArticle, Infallible>);
    let mut slot = slots.into_iter();
    code_ordered(pipeline, inputs, threads, threads * 4, |coded| {
        let Ok(doc) = coded;
        if let Some(i) = slot.next() {
            results[i] = Some(Article::from_document(&doc));
        }
    });
    results.into_iter().flatten().collect()
}

/// Code one article given as a JSON input record; returns the output JSON.
#[pyfunction]
#[pyo3(signature = (record, origin = "input:1"))]
fn code_record(py: Python<'_>, record: &str, origin: &str) -> PyResult<String> {
    let pipeline = pipeline()?;
    let raw = raw_from_json(record, origin).map_err(|e| PyValueError::new_err(format!("{origin}: {e}")))?;
    let article = py.detach(|| code_raws(pipeline, vec![raw], 1));
    article
        .first()
        .map(to_json)
        .unwrap_or_else(|| Err(PyRuntimeError::new_err("detente: no result")))
}

/// Code a batch of JSON input records on `threads` workers; the output JSON of each,
/// in input order. `first` is the 1-based position of the batch's first record in
/// the caller's whole input (it names records without an id, and errors).
#[pyfunction]
#[pyo3(signature = (records, threads = 1, first = 1))]
fn code_records(py: Python<'_>, records: Vec<String>, threads: usize, first: usize) -> PyResult<Vec<String>> {
    let pipeline = pipeline()?;
    let raws = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let origin = format!("input:{}", first + i);
            raw_from_json(r, &origin).map_err(|e| PyValueError::new_err(format!("{origin}: {e}")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let articles = py.detach(|| code_raws(pipeline, raws, threads.max(1)));
    articles.iter().map(to_json).collect()
}

/// A raw article as a JSON input record (the keys of JSON Lines input, plus
/// `summary_only` and `warnings`), so that coding it equals coding the file.
fn raw_to_record(raw: &RawArticle) -> String {
    let meta = &raw.meta;
    let mut obj = serde_json::Map::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            obj.insert(key.to_string(), serde_json::Value::String(v));
        }
    };
    put("id", meta.id.clone());
    put("title", meta.title.clone());
    put("published", meta.published.map(|d| d.format("%Y-%m-%d").to_string()));
    put("source", meta.source.clone());
    put("url", meta.url.clone());
    put("language", meta.language.clone());
    put("author", meta.author.clone());
    put("text", Some(raw.body.clone()));
    if meta.summary_only {
        obj.insert("summary_only".into(), serde_json::Value::Bool(true));
    }
    if !raw.warnings.is_empty() {
        obj.insert("warnings".into(), raw.warnings.clone().into());
    }
    serde_json::Value::Object(obj).to_string()
}

fn parse_day(day: Option<&str>) -> PyResult<Option<NaiveDate>> {
    day.map(|d| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| PyValueError::new_err(format!("expected a date as YYYY-MM-DD, got {d:?}")))
    })
    .transpose()
}

/// Articles read from files, as JSON input records; unreadable inputs and duplicates
/// are skipped, their messages kept in `errors` and `duplicates`.
#[pyclass(unsendable, module = "detente._detente")]
struct Reader {
    articles: Box<dyn Iterator<Item = Result<RawArticle, detente_ingest::IngestError>>>,
    dedup: Dedup,
    #[pyo3(get)]
    errors: Vec<String>,
    #[pyo3(get)]
    duplicates: Vec<String>,
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<String> {
        for result in self.articles.by_ref() {
            match result {
                Ok(raw) => {
                    if let Some(dup) = self.dedup.check(&raw) {
                        self.duplicates.push(format!("{}: {dup}", raw.meta.origin));
                        continue;
                    }
                    return Some(raw_to_record(&raw));
                }
                Err(e) => self.errors.push(e.to_string()),
            }
        }
        None
    }
}

/// Read files or directories (text, JSON Lines, HTML, RSS/Atom, WARC; gzip or not),
/// as `detente code PATH...` reads them.
#[pyfunction]
#[pyo3(signature = (paths, published = None, source = None))]
fn read_paths(paths: Vec<String>, published: Option<&str>, source: Option<String>) -> PyResult<Reader> {
    let defaults = Defaults {
        published: parse_day(published)?,
        source,
    };
    let stats = Rc::new(Stats::default());
    let inputs: Vec<detente_ingest::Input> = paths.iter().map(|p| detente_ingest::Input::from_arg(p)).collect();
    let articles = inputs
        .into_iter()
        .flat_map(move |input| detente_ingest::read_input_with(&input, &defaults, stats.clone()));
    Ok(Reader {
        articles: Box::new(articles),
        dedup: Dedup::default(),
        errors: Vec::new(),
        duplicates: Vec::new(),
    })
}

/// Read one input's content (the bytes of a file: text, JSON Lines, HTML, feed or
/// WARC, gzip or not) named `name` (its file name gives the id of a single article).
#[pyfunction]
#[pyo3(signature = (data, name, published = None, source = None))]
fn read_bytes(data: Vec<u8>, name: &str, published: Option<&str>, source: Option<String>) -> PyResult<Reader> {
    let defaults = Defaults {
        published: parse_day(published)?,
        source,
    };
    let path = std::path::Path::new(name);
    let file_name = path.file_name().map(|f| f.to_string_lossy().into_owned());
    let default_id = file_name.as_deref().map(stem);
    let articles = detente_ingest::read_stream_named(
        Box::new(std::io::Cursor::new(data)),
        name.to_string(),
        file_name,
        default_id,
        defaults,
        Rc::new(Stats::default()),
    );
    Ok(Reader {
        articles,
        dedup: Dedup::default(),
        errors: Vec::new(),
        duplicates: Vec::new(),
    })
}

/// The file name without `.gz` and its kind extension (the CLI's id for a single article).
fn stem(name: &str) -> String {
    let name = name.strip_suffix(".gz").unwrap_or(name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

mod store;

#[pymodule]
fn _detente(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(warm_up, m)?)?;
    m.add_function(wrap_pyfunction!(code_record, m)?)?;
    m.add_function(wrap_pyfunction!(code_records, m)?)?;
    m.add_function(wrap_pyfunction!(read_paths, m)?)?;
    m.add_function(wrap_pyfunction!(read_bytes, m)?)?;
    m.add_class::<Reader>()?;
    m.add_class::<store::NativeStore>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
