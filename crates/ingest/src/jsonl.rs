//! JSON Lines: one article object per line (`id`, `url`, `title`, `published`,
//! `source`, `author`, `language`, `text`; only `text` is required). Read line by line, never whole.

use crate::{decode_lossy, parse_date, Defaults, IngestError, RawArticle};
use detente_doc::ArticleMeta;
use serde_json::Value;
use std::io::BufRead;

pub struct JsonLines {
    reader: Box<dyn BufRead>,
    origin: String,
    line: usize,
    defaults: Defaults,
    buf: Vec<u8>,
    /// Set after a read error: a broken stream (a truncated gzip) is not read again.
    broken: bool,
}

impl JsonLines {
    pub fn new(reader: Box<dyn BufRead>, origin: String, defaults: Defaults) -> Self {
        JsonLines {
            reader,
            origin,
            line: 0,
            defaults,
            buf: Vec::new(),
            broken: false,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Result<RawArticle, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.broken {
            return None;
        }
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.broken = true;
                    return Some(Err(IngestError::Io {
                        origin: format!("{} (after line {})", self.origin, self.line),
                        source: e,
                    }));
                }
            }
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let mut warnings = Vec::new();
            let origin = format!("{}:{}", self.origin, self.line);
            let line = decode_lossy(&self.buf, &origin, &mut warnings);
            let result = parse_json_article(&line, &origin).map(|mut a| {
                self.defaults.apply(&mut a.meta);
                a.warnings.extend(warnings);
                a
            });
            return Some(result.map_err(|message| IngestError::Json {
                origin: self.origin.clone(),
                line: self.line,
                message,
            }));
        }
    }
}

/// Parse one JSON article object. `origin` names it in messages and is its id when it has none.
pub fn parse_json_article(line: &str, origin: &str) -> Result<RawArticle, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let Value::Object(obj) = value else {
        return Err("expected a JSON object".into());
    };
    let field = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(format!("field `{name}` must be a string")),
        }
    };
    let text = field("text")?.ok_or("missing field `text`")?;
    let mut warnings = Vec::new();
    let published = match field("published")? {
        Some(p) if !p.trim().is_empty() => {
            let d = parse_date(&p);
            if d.is_none() {
                warnings.push(format!("{origin}: unreadable `published` date {p:?}; left empty"));
            }
            d
        }
        _ => None,
    };
    let meta = ArticleMeta {
        id: field("id")?.or_else(|| Some(origin.to_string())),
        title: field("title")?.filter(|t| !t.trim().is_empty()),
        published,
        source: field("source")?.filter(|t| !t.trim().is_empty()),
        url: field("url")?.filter(|t| !t.trim().is_empty()),
        origin: origin.to_string(),
        language: field("language")?.filter(|t| !t.trim().is_empty()),
        author: field("author")?.filter(|t| !t.trim().is_empty()),
        summary_only: false,
    };
    if text.trim().is_empty() && meta.title.is_none() {
        return Err("field `text` is empty".into());
    }
    let _ = decode_lossy; // decoding happens per line in the reader
    Ok(RawArticle {
        meta,
        body: text,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fields() {
        let a = parse_json_article(
            r#"{"id":"x","title":"T","published":"2024-03-05","source":"S","url":"u","text":"Body."}"#,
            "f:1",
        )
        .unwrap();
        assert_eq!(a.meta.id.as_deref(), Some("x"));
        assert_eq!(a.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(a.body, "Body.");
    }

    #[test]
    fn errors_are_clear() {
        assert!(parse_json_article("{not json", "f:1").is_err());
        assert_eq!(parse_json_article(r#"{"title":"x"}"#, "f:1").unwrap_err(), "missing field `text`");
        assert!(parse_json_article(r#"{"text": 5, "title": []}"#, "f:1").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,100}") {
            let _ = parse_json_article(&s, "f:1");
        }
    }
}
