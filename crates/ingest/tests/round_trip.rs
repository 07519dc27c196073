//! Round trips: articles written out in each input format and read back unchanged,
//! and inputs too large to hold are refused or streamed past without reading them whole.

use detente_ingest::warc::{write_record, WarcArticles};
use detente_ingest::{feed, html, parse_json_article, read_stream_named, Defaults, IngestError, Stats};
use proptest::prelude::*;
use std::io::{Cursor, Read};
use std::rc::Rc;

/// Words and sentences that survive any of the formats (no markup characters).
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Za-z]{1,10}", 3..15).prop_map(|w| format!("{}.", w.join(" ")))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn jsonl_round_trip(title in "[A-Za-z ]{1,30}", paras in prop::collection::vec(paragraph(), 1..4)) {
        let body = paras.join("\n\n");
        let line = serde_json::json!({"id": "x", "title": title.trim(), "published": "2024-03-05", "text": body}).to_string();
        let a = parse_json_article(&line, "t:1").unwrap();
        prop_assert_eq!(a.body, body);
        prop_assert_eq!(a.meta.title.as_deref(), Some(title.trim()).filter(|t| !t.is_empty()));
    }

    #[test]
    fn feed_round_trip(title in "[A-Za-z]{1,10}( [A-Za-z]{1,10}){0,4}", paras in prop::collection::vec(paragraph(), 1..4)) {
        let html: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>W</title>\
             <item><title>{title}</title><link>https://e.example/1</link><content:encoded>{}</content:encoded></item></channel></rss>",
            escape(&html)
        );
        let items = feed::parse_feed(rss.as_bytes(), "f").unwrap();
        let a = items.into_iter().next().unwrap().unwrap();
        prop_assert_eq!(a.meta.title.as_deref(), Some(title.as_str()));
        prop_assert_eq!(a.body, paras.join("\n\n"));
    }

    #[test]
    fn warc_round_trip(paras in prop::collection::vec(paragraph(), 2..5)) {
        let page = format!(
            "<html><head><title>T</title></head><body><article>{}</article></body></html>",
            paras.iter().map(|p| format!("<p>{p} {p} {p}</p>")).collect::<String>()
        );
        let direct = html::extract(page.as_bytes(), Some("https://e.example/a"), None, &html::Boilerplate::default_list()).unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        http.extend(page.as_bytes());
        let mut warc = Vec::new();
        write_record(&mut warc, "response", &[("WARC-Target-URI", "https://e.example/a"), ("Content-Type", "application/http")], &http);
        let reader = Box::new(std::io::BufReader::new(Cursor::new(warc)));
        let out: Vec<_> = WarcArticles::new(reader, "t.warc".into(), Rc::new(Stats::default())).collect();
        prop_assert_eq!(out.len(), 1);
        let a = out.into_iter().next().unwrap().unwrap();
        prop_assert_eq!(a.body, direct.body);
    }
}

#[test]
fn a_huge_page_is_refused_without_reading_it_whole() {
    // An endless page: the reader must stop at its limit, not run out of memory.
    let endless = Cursor::new(b"<html><body>".to_vec()).chain(std::io::repeat(b'a'));
    let out: Vec<_> = read_stream_named(
        Box::new(endless),
        "huge.html".into(),
        None,
        None,
        Defaults::default(),
        Rc::new(Stats::default()),
    )
    .collect();
    assert!(matches!(out[0], Err(IngestError::TooLarge { .. })), "{out:?}");
    assert!(out[0].as_ref().unwrap_err().to_string().starts_with("huge.html: too large"));
}

#[test]
fn a_huge_warc_record_is_streamed_past() {
    let big = detente_ingest::warc::MAX_RECORD + 10;
    let mut head = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n".to_vec();
    head.extend(format!("Content-Length: {big}\r\n\r\n").as_bytes());
    let mut next = b"\r\n\r\n".to_vec();
    write_record(
        &mut next,
        "resource",
        &[("Content-Type", "text/html")],
        b"<html><body><p>Small page after the big one, with enough words to be an article.</p></body></html>",
    );
    let stream = Cursor::new(head).chain(std::io::repeat(b'x').take(big)).chain(Cursor::new(next));
    let reader = Box::new(std::io::BufReader::new(stream));
    let out: Vec<_> = WarcArticles::new(reader, "big.warc".into(), Rc::new(Stats::default())).collect();
    assert!(out[0].as_ref().unwrap_err().to_string().contains("over the"), "{out:?}");
    assert!(out[1].is_ok(), "{out:?}");
}
