//! Plain-text articles: the first line is the title when a blank line follows it.

use crate::{decode_lossy, IngestError, RawArticle};
use detente_doc::ArticleMeta;

/// The longest first line taken as a title.
const MAX_TITLE: usize = 300;

pub fn parse_text_article(bytes: &[u8], origin: &str, id: Option<String>) -> Result<RawArticle, IngestError> {
    let mut warnings = Vec::new();
    let text = decode_lossy(bytes, origin, &mut warnings);
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            origin: origin.to_string(),
        });
    }
    let mut meta = ArticleMeta {
        id,
        origin: origin.to_string(),
        ..Default::default()
    };
    let rest = read_header(&text, &mut meta, origin, &mut warnings);
    let trimmed = rest.trim_start_matches(['\n', '\r']);
    let (title, body) = split_title(trimmed);
    if meta.title.is_none() {
        meta.title = title;
    }
    Ok(RawArticle {
        meta,
        body: body.to_string(),
        warnings,
    })
}

/// Optional header lines at the top of a text file (`published: 2024-03-05`,
/// `source: ...`, `url: ...`, `id: ...`, `title: ...`); returns the text after them.
fn read_header<'a>(text: &'a str, meta: &mut ArticleMeta, origin: &str, warnings: &mut Vec<String>) -> &'a str {
    let mut rest = text;
    loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let Some((key, value)) = line.split_once(": ") else { break };
        let value = value.trim().to_string();
        match key {
            "published" => {
                meta.published = crate::parse_date(&value);
                if meta.published.is_none() {
                    warnings.push(format!("{origin}: unreadable `published` header {value:?}; left empty"));
                }
            }
            "source" => meta.source = Some(value),
            "url" => meta.url = Some(value),
            "id" => meta.id = Some(value),
            "title" => meta.title = Some(value),
            _ => break,
        }
        rest = after;
    }
    rest
}

fn split_title(text: &str) -> (Option<String>, &str) {
    let Some(nl) = text.find('\n') else { return (None, text) };
    let first = text[..nl].trim();
    let rest = &text[nl + 1..];
    let blank_follows = rest.split('\n').next().is_some_and(|l| l.trim().is_empty());
    if blank_follows && !first.is_empty() && first.len() <= MAX_TITLE && !rest.trim().is_empty() {
        (Some(first.to_string()), rest)
    } else {
        (None, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_when_blank_line_follows() {
        let a = parse_text_article(b"Leaders meet\n\nThey met today.", "f", None).unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Leaders meet"));
        assert_eq!(a.body.trim(), "They met today.");
        let b = parse_text_article(b"They met today.\nAnd talked.", "f", None).unwrap();
        assert_eq!(b.meta.title, None);
    }

    #[test]
    fn header_lines() {
        let a = parse_text_article(b"published: 2024-03-05\nsource: Wire\nLeaders meet\n\nBody.", "f", None).unwrap();
        assert_eq!(a.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(a.meta.source.as_deref(), Some("Wire"));
        assert_eq!(a.meta.title.as_deref(), Some("Leaders meet"));
    }

    #[test]
    fn invalid_utf8_warns() {
        let a = parse_text_article(b"Caf\xe9 talks.", "bad.txt", None).unwrap();
        assert!(a.warnings[0].contains("bad.txt"));
        assert!(a.body.contains('\u{FFFD}'));
    }
}
