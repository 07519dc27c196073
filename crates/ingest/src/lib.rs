//! Reading news input into [`RawArticle`]s: plain-text files and JSON Lines,
//! detected by content. Each reader yields one result per article, so a bad
//! record is reported (naming its input and line) while the rest still code.

mod jsonl;
mod text;

use chrono::NaiveDate;
use detente_doc::ArticleMeta;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use jsonl::parse_json_article;
pub use text::parse_text_article;

/// An article as read, before normalisation.
#[derive(Clone, Debug, PartialEq)]
pub struct RawArticle {
    pub meta: ArticleMeta,
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
    #[error("{origin}: too large ({size} bytes; a single text article may be at most {limit} bytes)")]
    TooLarge { origin: String, size: u64, limit: u64 },
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

/// The most a single plain-text article may hold; larger text files are refused
/// (JSON Lines input is streamed and has no such limit).
pub const MAX_TEXT_ARTICLE: u64 = 32 * 1024 * 1024;

/// One input: a file path, or `-` for standard input.
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

/// Read every article of `input`, one result each, streaming JSON Lines.
pub fn read_input(input: &Input, defaults: &Defaults) -> Box<dyn Iterator<Item = Result<RawArticle, IngestError>>> {
    let origin = input.origin();
    let reader: Box<dyn BufRead> = match input {
        Input::Stdin => Box::new(BufReader::new(std::io::stdin())),
        Input::Path(p) => match open(p) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
            Err(e) => return Box::new(std::iter::once(Err(IngestError::Io { origin, source: e }))),
        },
    };
    read_stream(reader, origin, stem(input), defaults.clone())
}

fn open(p: &Path) -> std::io::Result<std::fs::File> {
    let f = std::fs::File::open(p)?;
    if f.metadata()?.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    Ok(f)
}

fn stem(input: &Input) -> Option<String> {
    match input {
        Input::Path(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
        Input::Stdin => None,
    }
}

/// Read articles from any buffered stream. The kind is decided by content: a stream
/// whose first non-blank byte is `{` is JSON Lines, anything else one text article.
pub fn read_stream(
    mut reader: Box<dyn BufRead>,
    origin: String,
    default_id: Option<String>,
    defaults: Defaults,
) -> Box<dyn Iterator<Item = Result<RawArticle, IngestError>>> {
    let head = match reader.fill_buf() {
        Ok(buf) => buf.to_vec(),
        Err(e) => return Box::new(std::iter::once(Err(IngestError::Io { origin, source: e }))),
    };
    if let Some(reason) = binary_reason(&head) {
        return Box::new(std::iter::once(Err(IngestError::Binary { origin, reason })));
    }
    let first = head
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
    if first == Some(&b'{') {
        return Box::new(jsonl::JsonLines::new(reader, origin, defaults));
    }
    let mut bytes = Vec::new();
    let result = reader.take(MAX_TEXT_ARTICLE + 1).read_to_end(&mut bytes);
    let article = match result {
        Err(e) => Err(IngestError::Io { origin, source: e }),
        Ok(_) if bytes.len() as u64 > MAX_TEXT_ARTICLE => Err(IngestError::TooLarge {
            origin,
            size: bytes.len() as u64,
            limit: MAX_TEXT_ARTICLE,
        }),
        Ok(_) => text::parse_text_article(&bytes, &origin, default_id).map(|mut a| {
            defaults.apply(&mut a.meta);
            a
        }),
    };
    Box::new(std::iter::once(article))
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

/// Parse a publication date: `YYYY-MM-DD`, or an RFC 3339 / ISO date-time (its date part).
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
}
