//! Article metadata from a page's markup: JSON-LD, Open Graph and other `<meta>`
//! tags, `<link rel=canonical>`, `<time datetime>`, and a dated line of text.

use super::dates;
use chrono::NaiveDate;
use dom_query::Document;
use serde_json::Value;

/// What the markup says about the article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where the date came from (`json-ld`, `meta`, `time`, `text`, `url`), for diagnostics.
    pub published_from: Option<&'static str>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The page's declared language (`<html lang>`), as written.
    pub lang: Option<String>,
}

/// `<meta>` names and properties that carry the publication date, most specific first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
];

/// Read the metadata of a parsed page (before boilerplate is stripped from it).
pub fn read(doc: &Document, json_ld: &[Value]) -> PageMeta {
    let metas = meta_tags(doc);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| metas.iter().find(|(name, _)| name == k).map(|(_, v)| v.clone()))
            .filter(|v| !v.trim().is_empty())
    };
    let ld = |key: &str| json_ld.iter().find_map(|v| find_key(v, key));
    let title = ld("headline")
        .and_then(|v| as_text(&v))
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| nonempty(doc.select("title").text().to_string()));
    let url = doc
        .select("link[rel=canonical]")
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"))
        .or_else(|| meta(&["og:url"]));
    let source = meta(&["og:site_name", "application-name"]).or_else(|| {
        ld("publisher")
            .and_then(|p| p.get("name").cloned().or(Some(p)))
            .and_then(|v| as_text(&v))
    });
    let author = ld("author")
        .and_then(|a| person_names(&a))
        .or_else(|| meta(&["author", "article:author", "byl", "parsely-author", "dc.creator"]))
        .filter(|a| !a.starts_with("http"))
        .map(|a| a.trim_start_matches("By ").trim().to_string());
    let lang = doc
        .select("html")
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let (published, published_from) = publication_date(doc, json_ld, &meta);
    PageMeta {
        title: title.map(|t| collapse(&t)),
        published,
        published_from,
        source: source.map(|s| collapse(&s)),
        url,
        author: author.map(|a| collapse(&a)).filter(|a| !a.is_empty()),
        lang,
    }
}

fn publication_date(
    doc: &Document,
    json_ld: &[Value],
    meta: &dyn Fn(&[&str]) -> Option<String>,
) -> (Option<NaiveDate>, Option<&'static str>) {
    // The article object's own date first: a page's JSON-LD also dates its videos,
    // images and breadcrumbs.
    let articles: Vec<&Value> = json_ld.iter().flat_map(|v| article_objects(v)).collect();
    const LD_DATES: [&str; 3] = ["datePublished", "dateCreated", "uploadDate"];
    let from_articles = LD_DATES.iter().find_map(|k| {
        articles
            .iter()
            .find_map(|a| a.get(*k).and_then(as_text).and_then(|s| dates::parse_any(&s)))
    });
    let from_ld = from_articles.or_else(|| {
        LD_DATES.iter().find_map(|k| {
            json_ld
                .iter()
                .find_map(|v| find_key(v, k))
                .and_then(|v| as_text(&v))
                .and_then(|s| dates::parse_any(&s))
        })
    });
    if let Some(d) = from_ld {
        return (Some(d), Some("json-ld"));
    }
    if let Some(d) = meta(DATE_META).and_then(|s| dates::parse_any(&s)) {
        return (Some(d), Some("meta"));
    }
    for sel in ["[itemprop=datePublished]", "time[datetime]", "[datetime]"] {
        for node in doc.select(sel).iter() {
            let value = node
                .attr("datetime")
                .or_else(|| node.attr("content"))
                .map(|v| v.to_string())
                .unwrap_or_else(|| node.text().to_string());
            if let Some(d) = dates::parse_any(&value) {
                return (Some(d), Some("time"));
            }
        }
    }
    for sel in ["time", "[class*=date]", "[class*=time]", "[class*=byline]", "[class*=meta]"] {
        for node in doc.select(sel).iter().take(20) {
            let t = node.text();
            if t.len() < 200 {
                if let Some(d) = dates::find_in_text(&t) {
                    return (Some(d), Some("text"));
                }
            }
        }
    }
    (None, None)
}

/// A date when the markup has none: a dateline in the first lines of the extracted
/// text, else a date in the article's URL.
pub fn date_from_text(text: &str, url: Option<&str>) -> (Option<NaiveDate>, Option<&'static str>) {
    let head: String = text.lines().take(8).collect::<Vec<_>>().join("\n");
    if let Some(d) = dates::find_in_text(&head) {
        return (Some(d), Some("text"));
    }
    if let Some(d) = url.and_then(dates::find_in_url) {
        return (Some(d), Some("url"));
    }
    (None, None)
}

/// The JSON-LD objects whose `@type` is an article of some kind.
fn article_objects(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    collect_articles(value, &mut out);
    out
}

fn collect_articles<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => t.contains("Article") || t == "BlogPosting",
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| t.contains("Article") || t == "BlogPosting")),
                _ => false,
            };
            if is_article {
                out.push(value);
            }
            map.values().for_each(|v| collect_articles(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_articles(v, out)),
        _ => {}
    }
}

/// All `<meta>` tags as (lower-cased name or property, content).
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    doc.select("meta")
        .iter()
        .filter_map(|m| {
            let key = m.attr("property").or_else(|| m.attr("name")).or_else(|| m.attr("itemprop"))?;
            let content = m.attr("content")?;
            Some((key.trim().to_ascii_lowercase(), content.trim().to_string()))
        })
        .collect()
}

/// The parsed JSON-LD blocks of a page (unparseable ones are skipped).
pub fn json_ld(doc: &Document) -> Vec<Value> {
    doc.select("script[type='application/ld+json']")
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s.text().trim()).ok())
        .collect()
}

/// The first value of `key` anywhere in a JSON-LD tree (objects, arrays, `@graph`).
fn find_key(value: &Value, key: &str) -> Option<Value> {
    match value {
        Value::Object(map) => map.get(key).cloned().or_else(|| map.values().find_map(|v| find_key(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => nonempty(s.clone()),
        Value::Array(items) => items.iter().find_map(as_text),
        Value::Object(map) => map.get("name").and_then(as_text),
        _ => None,
    }
}

/// Names of a JSON-LD `author` (a string, a Person, or a list), joined by ", ".
fn person_names(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(as_text).collect(),
        other => as_text(other).into_iter().collect(),
    };
    nonempty(names.join(", "))
}

fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Runs of whitespace as one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_ld_and_meta() {
        let html = r#"<html lang="en"><head><title>T - Site</title>
            <meta property="og:site_name" content="Example Wire">
            <meta name="author" content="By Ana Lima">
            <link rel="canonical" href="https://example.com/a">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"Leaders meet","datePublished":"2024-03-05T10:00:00+01:00"}]}</script>
            </head><body><p>x</p></body></html>"#;
        let doc = Document::from(html);
        let m = read(&doc, &json_ld(&doc));
        assert_eq!(m.title.as_deref(), Some("Leaders meet"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(m.published_from, Some("json-ld"));
        assert_eq!(m.source.as_deref(), Some("Example Wire"));
        assert_eq!(m.author.as_deref(), Some("Ana Lima"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.lang.as_deref(), Some("en"));
    }

    #[test]
    fn the_article_date_not_its_video_date() {
        let html = r#"<script type="application/ld+json">{"@type":"VideoObject","uploadDate":"2019-10-11","datePublished":"2019-10-11"}</script>
            <script type="application/ld+json">{"@type":["NewsArticle"],"datePublished":"0001-01-01T00:00:00Z","dateCreated":"2019-11-18T10:00:00Z"}</script><p>x</p>"#;
        let doc = Document::from(html);
        assert_eq!(read(&doc, &json_ld(&doc)).published, NaiveDate::from_ymd_opt(2019, 11, 18));
    }

    #[test]
    fn date_from_time_or_dateline() {
        let doc = Document::from(r#"<body><time datetime="2019-11-20T08:00">Nov 20</time></body>"#);
        assert_eq!(read(&doc, &[]).published, NaiveDate::from_ymd_opt(2019, 11, 20));
        let (date, from) = date_from_text("By Ana Lima\nUpdated: November 19, 2019 5:00 pm\nBody text.", None);
        assert_eq!(date, NaiveDate::from_ymd_opt(2019, 11, 19));
        assert_eq!(from, Some("text"));
    }
}
