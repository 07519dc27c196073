//! HTML pages: the article body (without navigation, ads, related links, comments
//! or captions, paragraphs kept), its title, date, outlet, canonical URL and author.
//!
//! The page is decoded (declared charset, else UTF-8, else windows-1252), parsed
//! once with `dom_query`, stripped of the elements our boilerplate list names,
//! handed to `dom_smoothie` (a Readability port) to find the article, and the
//! paragraphs it returns are filtered line by line with the same list.

pub mod clean;
pub mod dates;
pub mod meta;

use crate::{read_limited, IngestError, RawArticle, MAX_TEXT_ARTICLE};
use detente_doc::ArticleMeta;
use dom_query::Document;
use encoding_rs::Encoding;
use std::io::Read;

pub use clean::Boilerplate;

/// An article found in a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlArticle {
    pub meta: meta::PageMeta,
    /// Paragraphs separated by a blank line.
    pub body: String,
    pub warnings: Vec<String>,
}

/// Read one HTML page from `reader` (at most [`MAX_TEXT_ARTICLE`] bytes).
pub fn read_html(reader: impl Read, origin: &str, default_id: Option<String>) -> Result<RawArticle, IngestError> {
    let bytes = read_limited(reader, origin, "HTML page", MAX_TEXT_ARTICLE)?;
    let page = extract(&bytes, None, None, &Boilerplate::default_list()).map_err(|message| IngestError::Html {
        origin: origin.to_string(),
        message,
    })?;
    Ok(page.into_raw(origin, default_id))
}

impl HtmlArticle {
    /// The article as the pipeline takes it; `id` is used when the page names no URL.
    pub fn into_raw(self, origin: &str, id: Option<String>) -> RawArticle {
        let meta = ArticleMeta {
            id: id.or_else(|| self.meta.url.clone()).or_else(|| Some(origin.to_string())),
            title: self.meta.title,
            published: self.meta.published,
            source: self.meta.source,
            url: self.meta.url,
            origin: origin.to_string(),
            author: self.meta.author,
            ..Default::default()
        };
        RawArticle {
            meta,
            body: self.body,
            warnings: self.warnings.into_iter().map(|w| format!("{origin}: {w}")).collect(),
        }
    }
}

/// Extract the article of a page. `url` is where it was fetched from (a WARC target),
/// `http_charset` the charset its HTTP headers declared. An error says why there is
/// no article (no body, nothing readable).
pub fn extract(bytes: &[u8], url: Option<&str>, http_charset: Option<&str>, boilerplate: &Boilerplate) -> Result<HtmlArticle, String> {
    let mut warnings = Vec::new();
    let html = decode(bytes, http_charset, &mut warnings);
    let doc = Document::from(html.as_str());
    if doc.select("body").text().trim().is_empty() {
        return Err("HTML page with no body text".into());
    }
    let json_ld = meta::json_ld(&doc);
    // Metadata first: the cleaning below removes bylines and dates from the tree.
    let mut meta = meta::read(&doc, &json_ld);
    boilerplate.strip(&doc);
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let text = match dom_smoothie::Readability::with_document(doc, url, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(article) => article.text_content.to_string(),
        Err(e) => {
            warnings.push(format!("no article found ({e}); using the whole page text"));
            Document::from(html.as_str()).select("body").formatted_text().to_string()
        }
    };
    let body = boilerplate.filter_lines(&text);
    if meta.url.is_none() {
        meta.url = url.map(String::from);
    }
    if meta.published.is_none() {
        (meta.published, meta.published_from) = meta::date_from_text(&text, meta.url.as_deref());
    }
    if body.trim().is_empty() {
        return Err("no article text found in the page".into());
    }
    Ok(HtmlArticle { meta, body, warnings })
}

/// Text of an HTML fragment (a feed item's content) with paragraphs kept.
pub fn fragment_text(html: &str, boilerplate: &Boilerplate) -> String {
    let doc = Document::fragment(html);
    boilerplate.filter_lines(&doc.formatted_text())
}

/// Decode a page: BOM, then the HTTP charset, then `<meta charset>` in the first
/// 4 KiB, then UTF-8 when valid, else windows-1252 (what browsers assume).
pub fn decode(bytes: &[u8], http_charset: Option<&str>, warnings: &mut Vec<String>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| declared_charset(&bytes[..bytes.len().min(4096)]));
    let encoding = match declared {
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            warnings.push("no charset declared and not UTF-8; decoded as windows-1252".into());
            encoding_rs::WINDOWS_1252
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!("bytes invalid in {}, replaced", encoding.name()));
    }
    text.into_owned()
}

/// The charset a page declares in `<meta charset=...>` or `http-equiv` content.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b' '))
        .unwrap_or(rest.len());
    let enc = Encoding::for_label(&rest[..end])?;
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML standard's rule).
    Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else {
        enc
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Leaders meet in Geneva | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://example.com/world/leaders-meet">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Leaders meet in Geneva</h1>
<p class="byline">By Ana Lima</p>
<p>The foreign ministers of both countries met in Geneva on Tuesday to discuss the ceasefire along the border, officials said.</p>
<figure><img src="a.jpg"><figcaption>The ministers shake hands in Geneva. (Photo: Example)</figcaption></figure>
<p>They agreed to meet again next month and to exchange prisoners before the end of the year, according to a joint statement.</p>
<div class="advertisement">Buy now! Great offers on shoes and more items for you.</div>
<p>"We have made progress," the foreign minister said after the talks, which lasted more than six hours.</p>
</article>
<aside class="related-links"><h3>Related</h3><ul><li><a href="/x">Another story about something else entirely</a></li></ul></aside>
<div id="comments"><p>Great article! I totally agree with everything written here.</p></div>
</body></html>"#;

    #[test]
    fn extracts_body_and_metadata() {
        let a = extract(PAGE.as_bytes(), None, None, &Boilerplate::default_list()).unwrap();
        assert!(a.body.starts_with("The foreign ministers"), "{}", a.body);
        assert!(a.body.contains("\n\nThey agreed"), "{}", a.body);
        for noise in ["Home", "shake hands", "Buy now", "Another story", "Great article"] {
            assert!(!a.body.contains(noise), "{noise} left in {}", a.body);
        }
        assert_eq!(a.meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.com/world/leaders-meet"));
    }

    #[test]
    fn no_body_is_an_error() {
        let e = extract(
            b"<html><head><title>x</title></head><body> </body></html>",
            None,
            None,
            &Boilerplate::default_list(),
        );
        assert!(e.unwrap_err().contains("no body"));
    }

    #[test]
    fn charsets() {
        let mut w = Vec::new();
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9</body></html>";
        assert!(decode(latin, None, &mut w).contains("Café"));
        let sjis = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>\x93\xfa\x96\x7b</p>";
        assert!(decode(sjis, None, &mut w).contains("日本"));
        assert!(w.is_empty());
        let undeclared = b"<p>Caf\xe9</p>";
        assert!(decode(undeclared, None, &mut w).contains("Café"));
        assert_eq!(w.len(), 1);
        assert!(decode("<p>Café</p>".as_bytes(), Some("utf-8"), &mut w).contains("Café"));
    }
}
