//! WARC archives (plain or gzip, one member per record or one for all), read record
//! by record: `response` records with an HTML payload (and `resource` records of
//! type text/html) become articles; every other record is skipped and counted.
//!
//! Written here rather than with the `warc` crate because a crawl must survive bad
//! records: when a record's `Content-Length` lies, this reader reports that record and
//! finds the next `WARC/` header line, and no record body is ever read past a limit.

use crate::html::{self, Boilerplate};
use crate::{IngestError, RawArticle, Stats};
use flate2::read::MultiGzDecoder;
use std::io::{BufRead, Read};
use std::rc::Rc;

/// The largest record body read; larger records are skipped (streamed past) and reported.
pub const MAX_RECORD: u64 = 32 * 1024 * 1024;
/// The most header bytes a record may have.
const MAX_HEADER: usize = 64 * 1024;

/// The articles of a WARC stream.
pub struct WarcArticles {
    reader: Box<dyn BufRead>,
    origin: String,
    /// Number of the record being read (1-based).
    record: usize,
    stats: Rc<Stats>,
    boilerplate: Boilerplate,
    /// A header line met while resynchronising, to be read as the next record's start.
    pending: Option<String>,
    done: bool,
}

/// One record's WARC headers (names lower-cased) and body.
struct Record {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl WarcArticles {
    pub fn new(reader: Box<dyn BufRead>, origin: String, stats: Rc<Stats>) -> Self {
        WarcArticles {
            reader,
            origin,
            record: 0,
            stats,
            boilerplate: Boilerplate::default_list(),
            pending: None,
            done: false,
        }
    }

    fn error(&self, message: impl Into<String>) -> IngestError {
        IngestError::Warc {
            origin: self.origin.clone(),
            record: self.record,
            message: message.into(),
        }
    }

    /// Read one line (with its terminator); `None` at the end of input.
    fn line(&mut self) -> Result<Option<String>, IngestError> {
        if let Some(l) = self.pending.take() {
            return Ok(Some(l));
        }
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_HEADER as u64)
            .read_until(b'\n', &mut buf)
            .map_err(|e| self.io_error(e))?;
        Ok((n > 0).then(|| String::from_utf8_lossy(&buf).into_owned()))
    }

    fn io_error(&mut self, e: std::io::Error) -> IngestError {
        self.done = true;
        self.error(format!("cannot read further (truncated or corrupt input?): {e}"))
    }

    /// Skip to the next line that starts a record; false at the end of input.
    fn resync(&mut self) -> Result<bool, IngestError> {
        while let Some(line) = self.line()? {
            if line.starts_with("WARC/") {
                self.pending = Some(line);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The next record, `Ok(None)` at the end of input.
    fn next_record(&mut self) -> Result<Option<Record>, IngestError> {
        let version = loop {
            match self.line()? {
                None => return Ok(None),
                Some(l) if l.trim().is_empty() => continue,
                Some(l) => break l,
            }
        };
        self.record += 1;
        if !version.starts_with("WARC/") {
            let shown: String = version.trim().chars().take(40).collect();
            let err = self.error(format!("expected a WARC header line, found {shown:?}; skipping to the next record"));
            self.resync()?;
            return Err(err);
        }
        let mut headers = Vec::new();
        let mut header_bytes = 0;
        loop {
            let Some(line) = self.line()? else {
                self.done = true;
                return Err(self.error("input ends inside the record header"));
            };
            header_bytes += line.len();
            if line.trim().is_empty() {
                break;
            }
            if header_bytes > MAX_HEADER {
                let err = self.error("record header too long; skipping to the next record");
                self.resync()?;
                return Err(err);
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        let length = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse::<u64>().ok());
        let Some(length) = length else {
            let err = self.error("missing or unreadable Content-Length; skipping to the next record");
            self.resync()?;
            return Err(err);
        };
        if length > MAX_RECORD {
            std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink()).map_err(|e| self.io_error(e))?;
            self.end_of_record(length)?;
            return Err(self.error(format!("record of {length} bytes is over the {MAX_RECORD}-byte limit; skipped")));
        }
        let mut body = Vec::with_capacity(length as usize);
        let got = (&mut self.reader)
            .take(length)
            .read_to_end(&mut body)
            .map_err(|e| self.io_error(e))?;
        if (got as u64) < length {
            self.done = true;
            return Err(self.error(format!(
                "Content-Length says {length} bytes but the input ends after {got} (truncated archive?)"
            )));
        }
        self.end_of_record(length)?;
        Ok(Some(Record { headers, body }))
    }

    /// Check the blank lines that end a record; when they are not there the
    /// Content-Length lied: report it and skip to the next record.
    fn end_of_record(&mut self, length: u64) -> Result<(), IngestError> {
        let buf = match self.reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) => return Err(self.io_error(e)),
        };
        let ends_well = buf.is_empty() || buf.starts_with(b"\r\n\r\n") || buf.starts_with(b"\n\n");
        let consumed = if buf.starts_with(b"\r\n\r\n") {
            4
        } else if buf.starts_with(b"\n\n") {
            2
        } else {
            0
        };
        self.reader.consume(consumed);
        if !ends_well {
            let err = self.error(format!(
                "Content-Length ({length}) does not match the record (no record end after the body); \
                 record dropped, skipping to the next record"
            ));
            self.resync()?;
            return Err(err);
        }
        Ok(())
    }

    /// The article of a record, or `None` when the record is not an HTML page.
    fn article(&self, record: Record) -> Option<Result<RawArticle, IngestError>> {
        let warc_type = record.header("warc-type").unwrap_or("").to_ascii_lowercase();
        let content_type = record.header("content-type").unwrap_or("").to_ascii_lowercase();
        let url = record
            .header("warc-target-uri")
            .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let (payload, charset) = match warc_type.as_str() {
            "response" if content_type.starts_with("application/http") => http_html_payload(&record.body)?,
            "resource" if content_type.contains("html") => (record.body, charset_of(&content_type)),
            _ => return None,
        };
        let origin = format!("{} record {}", self.origin, self.record);
        let result = html::extract(&payload, url.as_deref(), charset.as_deref(), &self.boilerplate)
            .map(|page| {
                let mut raw = page.into_raw(&origin, None);
                if raw.meta.url.is_none() {
                    raw.meta.url = url.clone();
                }
                raw
            })
            .map_err(|message| self.error(message));
        Some(result)
    }
}

impl Iterator for WarcArticles {
    type Item = Result<RawArticle, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(record)) => match self.article(record) {
                    Some(result) => return Some(result),
                    None => self.stats.skipped_records.set(self.stats.skipped_records.get() + 1),
                },
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

/// The HTML body of an HTTP response (with its charset), or `None` when the response
/// is not a successful HTML page.
fn http_html_payload(http: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let (head_end, sep) = find(http, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(http, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&http[..head_end]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
        .collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let mut body = http[head_end + sep..].to_vec();
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body).unwrap_or(body);
    }
    if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if MultiGzDecoder::new(&body[..]).take(MAX_RECORD).read_to_end(&mut out).is_ok() {
            body = out;
        }
    }
    let content_type = header("content-type").unwrap_or("");
    let is_html = content_type.contains("html")
        || (content_type.is_empty() && crate::detect::sniff(&body[..body.len().min(8192)], None) == crate::detect::Kind::Html);
    is_html.then(|| (body, charset_of(content_type)))
}

fn charset_of(content_type: &str) -> Option<String> {
    let at = content_type.find("charset=")? + 8;
    Some(
        content_type[at..]
            .trim_matches(|c| c == '"' || c == '\'' || c == ' ')
            .split(';')
            .next()?
            .to_string(),
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Undo HTTP chunked transfer coding; `None` when the chunks are malformed.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

/// Write one WARC record (used by tests and fuzzing to build archives).
pub fn write_record(out: &mut Vec<u8>, warc_type: &str, headers: &[(&str, &str)], body: &[u8]) {
    out.extend_from_slice(b"WARC/1.0\r\n");
    out.extend_from_slice(format!("WARC-Type: {warc_type}\r\n").as_bytes());
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(b"\r\n\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    const PAGE: &str = "<html><head><title>Ceasefire holds</title><meta property=\"article:published_time\" content=\"2024-03-05\"></head>\
        <body><article><h1>Ceasefire holds</h1><p>The ceasefire held overnight along the whole border, officials from both sides said on Tuesday morning.</p>\
        <p>Both sides reported calm in the villages near the front line, where fighting had raged last week.</p></article></body></html>";

    fn response(url: &str, content_type: &str, body: &str) -> (Vec<u8>, String) {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}");
        (http.into_bytes(), url.to_string())
    }

    /// A small crawl: warcinfo, request, an HTML response, an image response, another page.
    pub fn sample_warc() -> Vec<u8> {
        let mut out = Vec::new();
        write_record(
            &mut out,
            "warcinfo",
            &[("Content-Type", "application/warc-fields")],
            b"software: test\r\n",
        );
        write_record(
            &mut out,
            "request",
            &[
                ("WARC-Target-URI", "https://example.com/a"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /a HTTP/1.1\r\n\r\n",
        );
        let (http, url) = response("https://example.com/a", "text/html; charset=utf-8", PAGE);
        write_record(
            &mut out,
            "response",
            &[("WARC-Target-URI", &url), ("Content-Type", "application/http; msgtype=response")],
            &http,
        );
        let (img, url) = response("https://example.com/a.png", "image/png", "PNGDATA");
        write_record(
            &mut out,
            "response",
            &[("WARC-Target-URI", &url), ("Content-Type", "application/http; msgtype=response")],
            &img,
        );
        let (http, url) = response(
            "https://example.com/b",
            "text/html",
            &PAGE.replace("Ceasefire holds", "Talks resume"),
        );
        write_record(
            &mut out,
            "response",
            &[("WARC-Target-URI", &url), ("Content-Type", "application/http; msgtype=response")],
            &http,
        );
        out
    }

    fn read(bytes: Vec<u8>) -> (Vec<Result<RawArticle, IngestError>>, usize) {
        let stats = Rc::new(Stats::default());
        let (_, reader) = crate::detect::open_decompressed(Box::new(Cursor::new(bytes))).unwrap();
        let out = WarcArticles::new(reader, "t.warc".into(), stats.clone()).collect();
        (out, stats.skipped_records.get())
    }

    #[test]
    fn html_responses_become_articles_others_are_counted() {
        let (out, skipped) = read(sample_warc());
        assert_eq!(out.len(), 2, "{out:?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.meta.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.meta.title.as_deref(), Some("Ceasefire holds"));
        assert_eq!(a.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert!(a.body.contains("held overnight") && a.body.contains("\n\nBoth sides"));
        assert_eq!(skipped, 3);
    }

    #[test]
    fn gzip_members_per_record() {
        let mut gz = Vec::new();
        let plain = sample_warc();
        // One gzip member per record, as crawlers write them.
        for chunk in plain.split_inclusive(|_| false) {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(chunk).unwrap();
            gz.extend(enc.finish().unwrap());
        }
        let (out, skipped) = read(gz);
        assert_eq!((out.len(), skipped), (2, 3));
    }

    #[test]
    fn a_lying_length_is_reported_and_reading_goes_on() {
        let good = sample_warc();
        let mut bad = Vec::new();
        write_record(
            &mut bad,
            "response",
            &[("Content-Type", "application/http")],
            b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>",
        );
        // Claim fewer bytes than the body has.
        let bad = String::from_utf8(bad).unwrap().replace("Content-Length: 27", "Content-Length: 10");
        let mut all = bad.into_bytes();
        all.extend(good);
        let (out, _) = read(all);
        let err = out[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("t.warc: WARC record 1: Content-Length (10) does not match"), "{err}");
        assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 2);
    }

    #[test]
    fn truncated_archive_is_reported() {
        let mut all = sample_warc();
        all.truncate(all.len() - 100);
        let (out, _) = read(all);
        let last = out.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(last.contains("record 5") && last.contains("truncated"), "{last}");
        assert!(out[0].is_ok());
    }

    #[test]
    fn truncated_gzip_is_reported() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&sample_warc()).unwrap();
        let mut gz = enc.finish().unwrap();
        gz.truncate(gz.len() * 2 / 3);
        let (out, _) = read(gz);
        assert!(
            out.iter()
                .any(|r| r.as_ref().is_err_and(|e| e.to_string().contains("t.warc: WARC record"))),
            "{out:?}"
        );
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(), b"Wikipedia");
        assert_eq!(dechunk(b"zz\r\n"), None);
    }
}
