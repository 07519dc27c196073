//! Reading news input into [`RawArticle`]s: plain text, JSON Lines, HTML pages,
//! RSS/Atom feeds and WARC archives (plain or gzip), detected by content.
//! Directories are walked, `-` is standard input, gzip is decompressed on the fly.
//! Each reader yields one result per article, so a bad record is reported (naming
//! its input and record) while the rest of the batch still codes. Large inputs are
//! streamed: JSON Lines line by line, WARC record by record.

pub mod dedup;
pub mod detect;
pub mod feed;
pub mod html;
mod jsonl;
pub mod language;
pub mod reuters;
mod text;
pub mod walk;
pub mod warc;

use chrono::NaiveDate;
use detect::Kind;
use detente_doc::ArticleMeta;
use std::cell::Cell;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

pub use dedup::Dedup;
pub use jsonl::parse_json_article;
pub use text::parse_text_article;

/// An article as read, before normalisation.
#[derive(Clone, Debug, PartialEq)]
pub struct RawArticle {
    pub meta: ArticleMeta,
    /// The body: paragraphs separated by a blank line.
    pub body: String,
    /// Problems that did not stop reading (a lossy decode, say).
    pub warnings: Vec<String>,
}

/// Why an input or one record of it could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{origin}: cannot read: {source}")]
    Io { origin: String, source: std::io::Error },
    #[error("{origin}: empty input")]
    Empty { origin: String },
    #[error("{origin}: looks like binary data, not text ({reason})")]
    Binary { origin: String, reason: String },
    #[error("{origin}:{line}: not a JSON article: {message}")]
    Json { origin: String, line: usize, message: String },
    #[error("{origin}: too large ({size} bytes; a single {what} may be at most {limit} bytes)")]
    TooLarge {
        origin: String,
        what: &'static str,
        size: u64,
        limit: u64,
    },
    #[error("{origin}: {message}")]
    Html { origin: String, message: String },
    #[error("{origin}: not a readable RSS/Atom feed: {message}")]
    Feed { origin: String, message: String },
    #[error("{origin}: WARC record {record}: {message}")]
    Warc { origin: String, record: usize, message: String },
}

/// Values the user gives for what the input lacks.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
}

impl Defaults {
    fn apply(&self, meta: &mut ArticleMeta) {
        if meta.published.is_none() {
            meta.published = self.published;
        }
        if meta.source.is_none() {
            meta.source = self.source.clone();
        }
    }
}

/// Counts of things read but not turned into articles (shared by the readers of one run).
#[derive(Debug, Default)]
pub struct Stats {
    /// WARC records that are not HTML responses (requests, metadata, images, ...).
    pub skipped_records: Cell<usize>,
}

/// The most a single plain-text article or HTML page may hold; larger ones are refused
/// (JSON Lines and WARC are streamed record by record).
pub const MAX_TEXT_ARTICLE: u64 = 32 * 1024 * 1024;

/// One input: a file or directory path, or `-` for standard input.
#[derive(Clone, Debug)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    pub fn origin(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

type Articles = Box<dyn Iterator<Item = Result<RawArticle, IngestError>>>;

/// Read every article of `input` (a directory is walked), one result each.
pub fn read_input(input: &Input, defaults: &Defaults) -> Articles {
    read_input_with(input, defaults, Rc::new(Stats::default()))
}

/// [`read_input`], counting skipped records into `stats`.
pub fn read_input_with(input: &Input, defaults: &Defaults, stats: Rc<Stats>) -> Articles {
    match input {
        Input::Stdin => read_one(None, "-".into(), defaults.clone(), stats),
        Input::Path(p) if p.is_dir() => {
            let defaults = defaults.clone();
            Box::new(walk::files(p).flat_map(move |entry| -> Articles {
                match entry {
                    Ok(path) => {
                        let origin = path.display().to_string();
                        read_one(Some(path), origin, defaults.clone(), stats.clone())
                    }
                    Err((origin, source)) => Box::new(std::iter::once(Err(IngestError::Io { origin, source }))),
                }
            }))
        }
        Input::Path(p) => read_one(Some(p.clone()), input.origin(), defaults.clone(), stats),
    }
}

fn read_one(path: Option<PathBuf>, origin: String, defaults: Defaults, stats: Rc<Stats>) -> Articles {
    let reader: Box<dyn Read> = match &path {
        None => Box::new(std::io::stdin()),
        Some(p) => match open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return Box::new(std::iter::once(Err(IngestError::Io { origin, source: e }))),
        },
    };
    let default_id = path.as_deref().and_then(stem);
    let name = path
        .as_deref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    read_stream_named(reader, origin, name, default_id, defaults, stats)
}

fn open(p: &Path) -> std::io::Result<std::fs::File> {
    let f = std::fs::File::open(p)?;
    if f.metadata()?.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    Ok(f)
}

/// The file name without `.gz` and its kind extension, used as the id of a single article.
fn stem(p: &Path) -> Option<String> {
    let name = p.file_name()?.to_string_lossy().into_owned();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    Some(stem.to_string())
}

/// Read articles from any buffered stream whose kind is found by content
/// (kept for callers that hand over a stream directly).
pub fn read_stream(
    reader: Box<dyn BufRead>,
    origin: String,
    default_id: Option<String>,
    defaults: Defaults,
) -> Box<dyn Iterator<Item = Result<RawArticle, IngestError>>> {
    read_stream_named(reader, origin, None, default_id, defaults, Rc::new(Stats::default()))
}

/// Sniff the stream (decompressing gzip), pick the reader for its kind, and detect
/// the language of every article it yields.
pub fn read_stream_named(
    reader: Box<dyn Read>,
    origin: String,
    file_name: Option<String>,
    default_id: Option<String>,
    defaults: Defaults,
    stats: Rc<Stats>,
) -> Articles {
    let (head, reader) = match detect::open_decompressed(reader) {
        Ok(x) => x,
        Err(e) => return Box::new(std::iter::once(Err(IngestError::Io { origin, source: e }))),
    };
    let kind = detect::sniff(&head, file_name.as_deref());
    let articles: Articles = match kind {
        Kind::Warc => Box::new(warc::WarcArticles::new(reader, origin, stats)),
        Kind::Binary(reason) => Box::new(std::iter::once(Err(IngestError::Binary { origin, reason }))),
        Kind::JsonLines => Box::new(jsonl::JsonLines::new(reader, origin, defaults.clone())),
        Kind::Html => Box::new(std::iter::once(html::read_html(reader, &origin, default_id))),
        Kind::Feed => feed::read_feed(reader, &origin),
        Kind::Text => Box::new(std::iter::once(read_text(reader, origin, default_id))),
    };
    Box::new(articles.map(move |result| {
        result.map(|mut article| {
            defaults.apply(&mut article.meta);
            if article.meta.language.is_none() {
                article.meta.language = language::detect(article.meta.title.as_deref(), &article.body);
            }
            article
        })
    }))
}

/// Read at most `limit` bytes, failing with [`IngestError::TooLarge`] past it.
pub(crate) fn read_limited(reader: impl Read, origin: &str, what: &'static str, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    match reader.take(limit + 1).read_to_end(&mut bytes) {
        Err(e) => Err(IngestError::Io {
            origin: origin.to_string(),
            source: e,
        }),
        Ok(_) if bytes.len() as u64 > limit => Err(IngestError::TooLarge {
            origin: origin.to_string(),
            what,
            size: bytes.len() as u64,
            limit,
        }),
        Ok(_) => Ok(bytes),
    }
}

fn read_text(reader: impl Read, origin: String, default_id: Option<String>) -> Result<RawArticle, IngestError> {
    let bytes = read_limited(reader, &origin, "text article", MAX_TEXT_ARTICLE)?;
    text::parse_text_article(&bytes, &origin, default_id)
}

/// Why `head` (the first bytes of an input) looks binary, if it does: NUL bytes or
/// many control characters. Invalid UTF-8 alone is not binary (it is decoded lossily).
pub fn binary_reason(head: &[u8]) -> Option<String> {
    let sample = &head[..head.len().min(8192)];
    if sample.contains(&0) {
        return Some("contains NUL bytes".into());
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if sample.len() >= 32 && controls * 10 > sample.len() {
        return Some(format!("{controls} control bytes in the first {} bytes", sample.len()));
    }
    None
}

/// Decode bytes as UTF-8, lossily, with a warning naming the input when bytes were replaced.
pub fn decode_lossy(bytes: &[u8], origin: &str, warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let bad = s.matches('\u{FFFD}').count();
            warnings.push(format!("{origin}: invalid UTF-8, decoded lossily ({bad} replacement characters)"));
            s
        }
    }
}

/// Parse a publication date: `YYYY-MM-DD`, or an RFC 3339 / RFC 2822 / ISO date-time
/// (its date part).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|_| s.as_bytes().get(10).is_some_and(|b| *b == b'T' || *b == b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_bytes(bytes: &[u8]) -> Vec<Result<RawArticle, IngestError>> {
        let reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(bytes.to_vec()));
        read_stream(reader, "t".into(), None, Defaults::default()).collect()
    }

    #[test]
    fn detects_jsonl_by_content() {
        let out = read_bytes(b"{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n");
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn binary_is_refused() {
        let out = read_bytes(b"\x00\x01\x02\x03garbage");
        assert!(matches!(out[0], Err(IngestError::Binary { .. })));
    }

    #[test]
    fn empty_is_an_error() {
        assert!(matches!(read_bytes(b"  \n")[0], Err(IngestError::Empty { .. })));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-03-05"), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(parse_date("2024-03-05T10:00:00Z"), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(parse_date("Tue, 05 Mar 2024 10:00:00 +0000"), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(parse_date("March"), None);
    }

    #[test]
    fn stems_drop_kind_and_gzip() {
        assert_eq!(stem(Path::new("a/page.html.gz")).as_deref(), Some("page"));
        assert_eq!(stem(Path::new("notes")).as_deref(), Some("notes"));
    }
}
