//! `detente code` on the input kinds of the ingest stage: HTML pages, feeds, WARC
//! archives, gzip, directories, duplicates, other languages and bad input.
//! Fixtures are in tests/fixtures/ingest/ (written for the project); the WARC files
//! are built by the tests.

use assert_cmd::Command;
use detente_ingest::warc::write_record;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

fn detente() -> Command {
    Command::cargo_bin("detente").expect("the detente binary is built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest").join(name)
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("each output line is JSON"))
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A crawl of the fixture page plus records that are not pages.
fn crawl() -> Vec<u8> {
    let page = std::fs::read(fixture("news-page.html")).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend(&page);
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
            ("WARC-Target-URI", "https://courier.example/x"),
            ("Content-Type", "application/http; msgtype=request"),
        ],
        b"GET /x HTTP/1.1\r\n\r\n",
    );
    write_record(
        &mut out,
        "response",
        &[
            ("WARC-Target-URI", "https://courier.example/x"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &http,
    );
    out
}

#[test]
fn html_page_body_and_metadata() {
    let out = detente().arg("code").arg(fixture("news-page.html")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = &lines(&out.stdout)[0];
    assert_eq!(v["title"], "Ministers agree prisoner exchange");
    assert_eq!(v["published"], "2024-03-05");
    assert_eq!(v["source"], "Northern Courier");
    assert_eq!(v["url"], "https://courier.example/world/2024/03/05/prisoner-exchange");
    assert_eq!(v["author"], "Mara Ellis");
    assert_eq!(v["language"], "en");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("agreed on Tuesday to exchange prisoners"), "{text}");
    assert!(text.contains("\n\nThe agreement follows"), "paragraphs kept: {text}");
    for noise in [
        "Home",
        "Share on social",
        "(Photo:",
        "Subscribe today",
        "Border villages",
        "Reader one",
        "All rights",
    ] {
        assert!(!text.contains(noise), "{noise:?} left in {text}");
    }
    assert!(!v["actors"].as_array().unwrap().is_empty(), "an English page is coded");
    assert!(v.get("skipped").is_none());
}

#[test]
fn feeds_one_article_per_item_and_summaries_say_so() {
    let out = detente()
        .arg("code")
        .arg(fixture("wire.rss"))
        .arg(fixture("wire.atom"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = lines(&out.stdout);
    assert_eq!(v.len(), 4);
    assert_eq!(v[0]["source"], "Northern Courier: World");
    assert_eq!(v[0]["published"], "2024-03-05");
    assert!(v[0].get("summary_only").is_none());
    assert_eq!(v[1]["summary_only"], true);
    assert_eq!(v[2]["author"], "Jon Pike");
    assert_eq!(v[3]["summary_only"], true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wire.rss#item2: the feed gives only a summary"), "{stderr}");
}

#[test]
fn warc_gzip_records_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crawl.warc.gz"), gzip(&crawl())).unwrap();
    std::fs::create_dir(dir.path().join("feeds")).unwrap();
    std::fs::copy(fixture("wire.atom"), dir.path().join("feeds/wire.atom")).unwrap();
    let out = detente().arg("code").arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = lines(&out.stdout);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["title"], "Ministers agree prisoner exchange");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 archive records skipped"), "{stderr}");
}

#[test]
fn duplicates_are_coded_once() {
    let page = fixture("news-page.html");
    let copy = tempfile::Builder::new().suffix(".html").tempfile().unwrap();
    std::fs::copy(&page, copy.path()).unwrap();
    let out = detente()
        .arg("code")
        .arg(&page)
        .arg(copy.path())
        .arg("-")
        .write_stdin(crawl())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(lines(&out.stdout).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 duplicates skipped"), "{stderr}");
}

#[test]
fn other_languages_are_printed_not_coded() {
    let out = detente().arg("code").arg(fixture("page-french-latin1.html")).output().unwrap();
    assert!(out.status.success());
    let v = &lines(&out.stdout)[0];
    assert_eq!(v["language"], "fr");
    assert_eq!(v["skipped"], "language");
    assert!(v["text"].as_str().unwrap().contains("Les ministres des affaires étrangères"));
    for layer in ["actors", "times", "quotes", "events"] {
        assert!(v[layer].as_array().unwrap().is_empty(), "{layer} should be empty");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 not in English"));
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut truncated = gzip(&std::fs::read(fixture("news-page.html")).unwrap());
    truncated.truncate(truncated.len() / 2);
    std::fs::write(dir.path().join("a-truncated.html.gz"), truncated).unwrap();
    std::fs::write(
        dir.path().join("b-broken.rss"),
        "<?xml version=\"1.0\"?><rss><channel><item><title>x",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c-empty.html"),
        "<html><head><title>Nothing</title></head><body></body></html>",
    )
    .unwrap();
    let mut lying = Vec::new();
    write_record(
        &mut lying,
        "response",
        &[("Content-Type", "application/http")],
        b"HTTP/1.1 200 OK\r\n\r\n<p>short</p>",
    );
    let mut lying = String::from_utf8(lying)
        .unwrap()
        .replace("Content-Length: 31", "Content-Length: 12")
        .into_bytes();
    lying.extend(crawl());
    std::fs::write(dir.path().join("d-lying.warc"), lying).unwrap();
    std::fs::copy(fixture("wire.atom"), dir.path().join("e-good.atom")).unwrap();
    let out = detente().arg("code").arg(dir.path()).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "a-truncated.html.gz",
        "b-broken.rss: not a readable RSS/Atom feed",
        "c-empty.html: HTML page with no body text",
        "d-lying.warc: WARC record 1: Content-Length (12) does not match",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
    // The good page of the archive and both feed entries still come out.
    assert_eq!(lines(&out.stdout).len(), 3, "{stderr}");
}
