//! Which kind of input a stream holds, decided by its first bytes (after gzip
//! decompression); the file name only breaks ties where the content says nothing.

use flate2::read::MultiGzDecoder;
use std::io::{BufRead, BufReader, Cursor, Read};

/// How many bytes are looked at to decide the kind.
const HEAD: usize = 8192;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    JsonLines,
    Html,
    /// RSS 0.9x/1.0/2.0 or Atom.
    Feed,
    Warc,
    Binary(String),
}

/// Wrap `reader`, decompressing it when it starts with the gzip magic bytes, and
/// return its first bytes (up to 8 KiB) with a reader that still yields them.
pub fn open_decompressed(reader: Box<dyn Read>) -> std::io::Result<(Vec<u8>, Box<dyn BufRead>)> {
    let (magic, reader) = peek(reader, 2)?;
    let reader: Box<dyn Read> = if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(MultiGzDecoder::new(reader))
    } else {
        reader
    };
    let (head, reader) = peek(reader, HEAD)?;
    Ok((head, Box::new(BufReader::with_capacity(1 << 16, reader))))
}

/// Read up to `n` bytes and give them back together with a reader that replays them.
/// A read error after some bytes (a truncated gzip) is replayed after those bytes, so
/// the reader of the input reports it at the record where it happens.
fn peek(mut reader: Box<dyn Read>, n: usize) -> std::io::Result<(Vec<u8>, Box<dyn Read>)> {
    let mut head = Vec::with_capacity(n);
    match (&mut reader).take(n as u64).read_to_end(&mut head) {
        Ok(_) => {
            let replay = Cursor::new(head.clone()).chain(reader);
            Ok((head, Box::new(replay)))
        }
        Err(e) if head.is_empty() => Err(e),
        Err(e) => {
            let replay = Cursor::new(head.clone()).chain(FailOnce(Some(e)));
            Ok((head, Box::new(replay)))
        }
    }
}

/// A reader that returns one stored error, then end of input.
struct FailOnce(Option<std::io::Error>);

impl Read for FailOnce {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Decide the kind of an input from its first bytes (`file_name` breaks ties).
pub fn sniff(head: &[u8], file_name: Option<&str>) -> Kind {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let trimmed = trim_start(body);
    if trimmed.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if let Some(reason) = crate::binary_reason(head) {
        return Kind::Binary(reason);
    }
    match trimmed.first() {
        Some(b'{') => return Kind::JsonLines,
        Some(b'<') => return sniff_markup(trimmed, file_name),
        _ => {}
    }
    match extension(file_name).as_deref() {
        Some("html" | "htm" | "xhtml") if !trimmed.is_empty() => Kind::Html,
        _ => Kind::Text,
    }
}

fn sniff_markup(head: &[u8], file_name: Option<&str>) -> Kind {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    // A feed's root element comes before any HTML element; XHTML pages declare <html.
    let first_element = first_element_name(&lower);
    match first_element.as_deref() {
        Some("rss" | "rdf:rdf" | "feed") => return Kind::Feed,
        Some("html" | "head" | "body" | "!doctype") => return Kind::Html,
        _ => {}
    }
    if has(b"<rss") || has(b"<rdf:rdf") || (has(b"<feed") && has(b"/2005/atom")) {
        return Kind::Feed;
    }
    if has(b"<html") || has(b"<body") || has(b"<p>") || has(b"<div") || has(b"<article") || has(b"<meta") {
        return Kind::Html;
    }
    match extension(file_name).as_deref() {
        Some("rss" | "atom" | "xml") => Kind::Feed,
        Some("txt") => Kind::Text,
        _ => Kind::Html,
    }
}

/// The name of the first element, skipping the XML declaration, comments and
/// processing instructions (`!doctype` counts as an element here).
fn first_element_name(lower: &[u8]) -> Option<String> {
    let mut rest = lower;
    loop {
        rest = trim_start(rest);
        if rest.starts_with(b"<?") {
            rest = &rest[rest.windows(2).position(|w| w == b"?>")? + 2..];
        } else if rest.starts_with(b"<!--") {
            rest = &rest[rest.windows(3).position(|w| w == b"-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix(b"<") {
            let end = after
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
                .unwrap_or(after.len());
            return Some(String::from_utf8_lossy(&after[..end]).into_owned());
        } else {
            return None;
        }
    }
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

/// The kind extension of a file name, ignoring a trailing `.gz`.
fn extension(file_name: Option<&str>) -> Option<String> {
    let name = file_name?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').map(|(_, ext)| ext.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn kinds_by_content() {
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", None), Kind::Warc);
        assert_eq!(sniff(b"  {\"text\": \"x\"}", Some("a.txt")), Kind::JsonLines);
        assert_eq!(sniff(b"<!DOCTYPE html><html><body>x", Some("a.txt")), Kind::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">", None), Kind::Feed);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", None),
            Kind::Feed
        );
        assert_eq!(sniff(b"Leaders meet\n\nThey met.", Some("page.html")), Kind::Html);
        assert_eq!(sniff(b"Leaders meet\n\nThey met.", None), Kind::Text);
        assert!(matches!(sniff(b"\x00\x01binary", None), Kind::Binary(_)));
    }

    #[test]
    fn gzip_is_opened_transparently() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html><body><p>Hi</p></body></html>").unwrap();
        let bytes = gz.finish().unwrap();
        let (head, mut reader) = open_decompressed(Box::new(Cursor::new(bytes))).unwrap();
        assert!(head.starts_with(b"<html>"));
        let mut all = String::new();
        reader.read_to_string(&mut all).unwrap();
        assert!(all.ends_with("</html>"));
    }
}
