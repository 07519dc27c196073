//! The Reuters-21578 newswire corpus (1987; SGML files `reut2-000.sgm` ... in a
//! `.tar.gz`), read as articles: `<DATE>` gives the publication day, `<TITLE>` the
//! title, `<BODY>` the text and the `NEWID` attribute the id (`reuters-<NEWID>`).
//! Stories without a body (headline-only briefs) are left out.
//!
//! The archive is streamed: a reader thread decompresses one SGML file at a time and
//! hands stories over a bounded channel, so memory stays small whatever is read.

use crate::RawArticle;
use chrono::NaiveDate;
use detente_doc::ArticleMeta;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};

/// Why (part of) the corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReutersError {
    #[error("{path}: cannot read the Reuters-21578 archive: {source}")]
    Io { path: String, source: std::io::Error },
}

/// Stories read ahead of the consumer; bounds the reader's memory.
const READ_AHEAD: usize = 256;

/// Every story with a body in the `.tar.gz` at `path`, in archive order.
pub fn stories(path: &Path) -> Stories {
    let (tx, rx) = sync_channel(READ_AHEAD);
    let path: PathBuf = path.to_path_buf();
    std::thread::spawn(move || {
        let shown = path.display().to_string();
        let sent = for_each_file(&path, |name, text| {
            parse_sgml(text, name).into_iter().all(|story| tx.send(Ok(story)).is_ok())
        });
        if let Err(source) = sent {
            // The consumer may be gone already; nothing more to do then.
            let _ = tx.send(Err(ReutersError::Io { path: shown, source }));
        }
    });
    Stories { rx }
}

/// The stories of a Reuters-21578 archive, as they are read (see [`stories`]).
pub struct Stories {
    rx: Receiver<Result<RawArticle, ReutersError>>,
}

impl Iterator for Stories {
    type Item = Result<RawArticle, ReutersError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rx.recv().ok()
    }
}

/// Call `each` with the name and (lossily decoded) text of every `.sgm` file in the
/// archive until it returns false.
fn for_each_file(path: &Path, mut each: impl FnMut(&str, &str) -> bool) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut bytes = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if !name.ends_with(".sgm") {
            continue;
        }
        bytes.clear();
        entry.read_to_end(&mut bytes)?;
        if !each(&name, &String::from_utf8_lossy(&bytes)) {
            break;
        }
    }
    Ok(())
}

/// The stories with a body in one SGML file's text; `origin` names the file.
pub fn parse_sgml(text: &str, origin: &str) -> Vec<RawArticle> {
    text.split("</REUTERS>").filter_map(|story| parse_story(story, origin)).collect()
}

fn parse_story(story: &str, origin: &str) -> Option<RawArticle> {
    let body = element(story, "BODY")?;
    let published = element(story, "DATE").and_then(|d| parse_day(&d));
    let id = story
        .split_once("NEWID=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(id, _)| format!("reuters-{id}"));
    let title = element(story, "TITLE").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let meta = ArticleMeta {
        id,
        title: title.filter(|t| !t.is_empty()),
        published,
        source: Some("Reuters".into()),
        origin: origin.to_string(),
        language: Some("en".into()),
        ..Default::default()
    };
    let body = paragraphs(&body);
    (!body.is_empty()).then_some(RawArticle {
        meta,
        body,
        warnings: Vec::new(),
    })
}

/// The unescaped text between `<tag>` and `</tag>`, when both are there.
fn element(story: &str, tag: &str) -> Option<String> {
    let (_, rest) = story.split_once(&format!("<{tag}>"))?;
    let (inner, _) = rest.split_once(&format!("</{tag}>"))?;
    Some(unescape(inner))
}

/// `26-FEB-1987 15:01:01.79` -> 1987-02-26.
fn parse_day(date: &str) -> Option<NaiveDate> {
    let day = date.split_whitespace().next()?;
    NaiveDate::parse_from_str(day, "%d-%b-%Y").ok()
}

/// SGML entities: the three escapes, and numeric references (control characters of the
/// wire format, dropped).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let entity = after.find(';').filter(|&end| end <= 8).map(|end| &after[..=end]);
        match entity {
            Some("&lt;") => out.push('<'),
            Some("&gt;") => out.push('>'),
            Some("&amp;") => out.push('&'),
            Some(e) if e.starts_with("&#") && e[2..e.len() - 1].bytes().all(|b| b.is_ascii_digit()) => {}
            _ => {
                out.push('&');
                rest = &after[1..];
                continue;
            }
        }
        rest = &after[entity.map_or(1, str::len)..];
    }
    out.push_str(rest);
    out
}

/// The wire format wraps lines at ~65 columns and indents the first line of each
/// paragraph; rejoin the lines and separate paragraphs with a blank line. The closing
/// `Reuter` sign-off is dropped.
fn paragraphs(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut lines = body.lines().peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        let words = line.trim();
        if words.is_empty() {
            continue;
        }
        if lines.peek().is_none() && words == "Reuter" {
            break;
        }
        let starts_paragraph = line.starts_with(char::is_whitespace);
        if !first {
            out.push_str(if starts_paragraph { "\n\n" } else { " " });
        }
        out.push_str(words);
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // A story in the corpus's layout, written for this test.
    const SAMPLE: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n<DATE> 3-MAR-1987 09:15:00.10</DATE>\n\
<TEXT>&#2;\n<TITLE>FRANCE AND GERMANY &lt;AGREE> ON TALKS</TITLE>\n\
<DATELINE>    PARIS, March 3 - </DATELINE><BODY>France and Germany agreed on\n\
Tuesday to hold talks &amp; meet again.\n    The ministers said the talks\n\
would begin in April.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
<REUTERS NEWID=\"8\">\n<DATE>3-MAR-1987</DATE><TEXT><TITLE>BRIEF</TITLE></TEXT></REUTERS>\n";

    #[test]
    fn reads_fields_and_rebuilds_paragraphs() {
        let stories = parse_sgml(SAMPLE, "reut2-000.sgm");
        assert_eq!(stories.len(), 1, "the story without a body is left out");
        let story = &stories[0];
        assert_eq!(story.meta.id.as_deref(), Some("reuters-7"));
        assert_eq!(story.meta.title.as_deref(), Some("FRANCE AND GERMANY <AGREE> ON TALKS"));
        assert_eq!(story.meta.published, NaiveDate::from_ymd_opt(1987, 3, 3));
        assert_eq!(
            story.body,
            "France and Germany agreed on Tuesday to hold talks & meet again.\n\n\
             The ministers said the talks would begin in April."
        );
    }

    #[test]
    fn unescape_keeps_stray_ampersands() {
        assert_eq!(unescape("AT&T &amp; B&#22;&#3;C & D"), "AT&T & BC & D");
    }

    #[test]
    fn missing_archive_is_an_error() {
        let mut read = stories(Path::new("/nonexistent/reuters21578.tar.gz"));
        assert!(matches!(read.next(), Some(Err(ReutersError::Io { .. }))));
        assert!(read.next().is_none());
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "(<BODY>|</BODY>|<DATE>|</DATE>|</REUTERS>|&#?[0-9a-z]{0,3};?|[ a-zA-Z\n]){0,60}") {
            for story in parse_sgml(&text, "x") {
                proptest::prop_assert!(!story.body.is_empty());
            }
        }
    }
}
