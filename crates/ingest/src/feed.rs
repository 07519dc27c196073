//! RSS and Atom feeds (`feed-rs`): every item is an article. An item's full content
//! (`content:encoded`, Atom `content`) is its body; an item that carries only a
//! summary (`description`, Atom `summary`) is read with `summary_only` set and a
//! warning, so nobody mistakes it for the full text.

use crate::html::{fragment_text, Boilerplate};
use crate::{read_limited, IngestError, RawArticle};
use detente_doc::ArticleMeta;
use std::io::Read;

/// The largest feed read (a feed is parsed whole).
pub const MAX_FEED: u64 = 64 * 1024 * 1024;

/// Read the items of a feed; a feed that is not XML (or not a feed) is one error.
pub fn read_feed(reader: impl Read, origin: &str) -> Box<dyn Iterator<Item = Result<RawArticle, IngestError>>> {
    let result = read_limited(reader, origin, "feed", MAX_FEED).and_then(|bytes| parse_feed(&bytes, origin));
    match result {
        Ok(items) => Box::new(items.into_iter()),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// Parse a whole feed into one result per item.
pub fn parse_feed(bytes: &[u8], origin: &str) -> Result<Vec<Result<RawArticle, IngestError>>, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Feed {
        origin: origin.to_string(),
        message: e.to_string(),
    })?;
    let outlet = feed.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty());
    let boilerplate = Boilerplate::default_list();
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| item(entry, i + 1, origin, outlet.clone(), &boilerplate))
        .collect())
}

fn item(
    entry: feed_rs::model::Entry,
    number: usize,
    origin: &str,
    outlet: Option<String>,
    boilerplate: &Boilerplate,
) -> Result<RawArticle, IngestError> {
    let item_origin = format!("{origin}#item{number}");
    let content = entry.content.as_ref().and_then(|c| c.body.clone()).filter(|b| !b.trim().is_empty());
    let summary = entry.summary.as_ref().map(|s| s.content.clone()).filter(|s| !s.trim().is_empty());
    let mut warnings = Vec::new();
    let (body, summary_only) = match (content, summary) {
        (Some(c), _) => (fragment_text(&c, boilerplate), false),
        (None, Some(s)) => {
            warnings.push(format!(
                "{item_origin}: the feed gives only a summary of this item, not its full text"
            ));
            (fragment_text(&s, boilerplate), true)
        }
        (None, None) => (String::new(), false),
    };
    let title = entry.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty());
    if body.trim().is_empty() && title.is_none() {
        return Err(IngestError::Feed {
            origin: item_origin,
            message: "item has neither text nor title".into(),
        });
    }
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let author = entry.authors.iter().filter_map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
    let meta = ArticleMeta {
        id: Some(entry.id.clone()).filter(|id| !id.is_empty()).or_else(|| url.clone()),
        title,
        published: entry.published.or(entry.updated).map(|d| d.date_naive()),
        source: outlet,
        url,
        origin: item_origin,
        author: Some(author).filter(|a| !a.is_empty()),
        summary_only,
        ..Default::default()
    };
    Ok(RawArticle { meta, body, warnings })
}

/// Feed titles may hold markup or entities: their plain text, spaces collapsed.
fn plain(s: &str) -> String {
    let text = if s.contains('<') || s.contains('&') {
        dom_query::Document::fragment(s).text().to_string()
    } else {
        s.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://example.com</link><description>News</description>
<item><title>Leaders meet in Geneva</title><link>https://example.com/a</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate><author>desk@example.com (Ana Lima)</author>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The ministers met in Geneva on Tuesday.</p><p>They agreed to meet again.</p>]]></content:encoded></item>
<item><title>Talks stall</title><link>https://example.com/b</link>
<pubDate>Wed, 06 Mar 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Talks stalled on Wednesday.&lt;/p&gt;</description></item>
</channel></rss>"#;

    pub const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id><updated>2024-03-05T10:00:00Z</updated>
<entry><title>Ceasefire holds</title><id>urn:x:1</id><link href="https://example.org/1"/>
<published>2024-03-04T08:00:00Z</published><updated>2024-03-05T08:00:00Z</updated><author><name>Ben Cole</name></author>
<content type="html">&lt;p&gt;The ceasefire held overnight.&lt;/p&gt;&lt;p&gt;Both sides reported calm.&lt;/p&gt;</content></entry>
<entry><title>Summit planned</title><id>urn:x:2</id><link href="https://example.org/2"/><updated>2024-03-05T09:00:00Z</updated>
<summary>A summit is planned.</summary></entry>
</feed>"#;

    #[test]
    fn rss_items() {
        let items: Vec<_> = parse_feed(RSS.as_bytes(), "f.xml")
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(items.len(), 2);
        let a = &items[0];
        assert_eq!(a.meta.title.as_deref(), Some("Leaders meet in Geneva"));
        assert_eq!(a.body, "The ministers met in Geneva on Tuesday.\n\nThey agreed to meet again.");
        assert_eq!(a.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(a.meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.com/a"));
        assert!(!a.meta.summary_only);
        let b = &items[1];
        assert!(b.meta.summary_only);
        assert_eq!(b.body, "Talks stalled on Wednesday.");
        assert!(b.warnings[0].contains("only a summary"));
    }

    #[test]
    fn atom_entries() {
        let items: Vec<_> = parse_feed(ATOM.as_bytes(), "f.atom")
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(items[0].meta.published.map(|d| d.to_string()).as_deref(), Some("2024-03-04"));
        assert_eq!(items[0].meta.author.as_deref(), Some("Ben Cole"));
        assert_eq!(items[0].body, "The ceasefire held overnight.\n\nBoth sides reported calm.");
        assert!(items[1].meta.summary_only);
        assert_eq!(items[1].meta.origin, "f.atom#item2");
    }

    #[test]
    fn not_xml_is_one_clear_error() {
        let out: Vec<_> = read_feed(&b"<rss><channel><item>"[..], "bad.rss").collect();
        assert_eq!(out.len(), 1);
        let msg = out[0].as_ref().unwrap_err().to_string();
        assert!(msg.starts_with("bad.rss: not a readable RSS/Atom feed"), "{msg}");
    }
}
