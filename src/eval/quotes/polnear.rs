//! Reading PolNeAR (brat standoff: Source, Cue and Content spans per attribution,
//! offsets in Unicode characters) from its tarball or an unpacked copy, and building
//! a Document whose character offsets are those of the original text.

use anyhow::{bail, Context, Result};
use detente_doc::{ArticleMeta, Document, Sentence, Span};
use detente_text::{normalize::normalize_chars, tokens::tokenize, Splitter};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

/// Character ranges `[start, end)`; discontinuous spans have several.
pub type Ranges = Vec<(usize, usize)>;

/// One gold attribution relation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldAttribution {
    pub content: Ranges,
    pub source: Ranges,
    pub cue: Ranges,
}

/// One article with the attributions of the annotator chosen for it.
pub struct Article {
    pub name: String,
    pub annotator: String,
    pub text: String,
    pub gold: Vec<GoldAttribution>,
}

/// Read the articles of one compartment (`train`, `dev`, `test`). `path` is the
/// tarball, a folder holding `PolNeAR-data.tar.gz`, or an unpacked `PolNeAR-data`.
///
/// Several annotators' files exist for some articles (`NAME_<annotator>.ann`): we
/// score against the first file in sorted file-name order, always.
pub fn load(path: &Path, split: &str) -> Result<Vec<Article>> {
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut anns: BTreeMap<String, String> = BTreeMap::new();
    let mut keep = |name: &str, body: String| {
        let mut parts = name.rsplit('/');
        let (Some(file), Some(kind), Some(comp)) = (parts.next(), parts.next(), parts.next()) else {
            return;
        };
        if comp != split {
            return;
        }
        match (kind, file.rsplit_once('.')) {
            ("text", Some((stem, "txt"))) => {
                texts.insert(stem.to_string(), body);
            }
            ("attributions", Some((stem, "ann"))) => {
                anns.insert(stem.to_string(), body);
            }
            _ => {}
        }
    };
    let tarball = if path.is_file() {
        Some(path.to_path_buf())
    } else {
        Some(path.join("PolNeAR-data.tar.gz")).filter(|p| p.is_file())
    };
    if let Some(tarball) = tarball {
        let file = std::fs::File::open(&tarball).with_context(|| format!("opening {}", tarball.display()))?;
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
        for entry in archive.entries().context("reading the PolNeAR tarball")? {
            let mut entry = entry.context("reading the PolNeAR tarball")?;
            let name = entry.path()?.to_string_lossy().into_owned();
            if name.contains(&format!("/{split}/")) || name.starts_with(&format!("{split}/")) {
                let mut body = String::new();
                entry.read_to_string(&mut body).with_context(|| format!("reading {name}"))?;
                keep(&name, body);
            }
        }
    } else {
        let base = if path.join("PolNeAR-data").is_dir() {
            path.join("PolNeAR-data")
        } else {
            path.to_path_buf()
        };
        for kind in ["text", "attributions"] {
            let dir = base.join(split).join(kind);
            let entries = std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?;
            for entry in entries {
                let p = entry?.path();
                let body = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
                keep(
                    &format!("{split}/{kind}/{}", p.file_name().unwrap_or_default().to_string_lossy()),
                    body,
                );
            }
        }
    }
    if texts.is_empty() {
        bail!("no PolNeAR `{split}` articles found under {}", path.display());
    }
    let mut articles = Vec::new();
    for (name, text) in texts {
        // BTreeMap order: the first annotator file in sorted order.
        let prefix = format!("{name}_");
        let Some((ann_name, ann)) = anns.range(prefix.clone()..).next().filter(|(k, _)| k.starts_with(&prefix)) else {
            continue;
        };
        articles.push(Article {
            annotator: ann_name[prefix.len()..].to_string(),
            gold: parse_ann(ann),
            name,
            text,
        });
    }
    Ok(articles)
}

/// Parse a brat `.ann` file into attribution relations. Text-bound lines are
/// `T<n>\t<Label> <s> <e>[;<s> <e>...]\t<text>` (the text may run over lines); relation
/// lines are `E<n>\t<Type>:T<a> Content:T<b> Cue:T<c> Source:T<d>`.
pub fn parse_ann(ann: &str) -> Vec<GoldAttribution> {
    let mut spans: HashMap<&str, Ranges> = HashMap::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(def)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((_, offsets)) = def.split_once(' ') else { continue };
        let ranges: Ranges = offsets
            .split(';')
            .filter_map(|r| {
                let (s, e) = r.trim().split_once(' ')?;
                Some((s.parse().ok()?, e.parse().ok()?))
            })
            .collect();
        spans.insert(id, ranges);
    }
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(def)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !id.starts_with('E') {
            continue;
        }
        let mut gold = GoldAttribution::default();
        for arg in def.split_whitespace().skip(1) {
            let Some((role, target)) = arg.split_once(':') else { continue };
            let ranges = spans.get(target).cloned().unwrap_or_default();
            // brat numbers a repeated role: "Content:T3 Content2:T17" is one content in two spans
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Content" => gold.content.extend(ranges),
                "Source" => gold.source.extend(ranges),
                "Cue" => gold.cue.extend(ranges),
                _ => {}
            }
        }
        if !gold.content.is_empty() {
            out.push(gold);
        }
    }
    out
}

/// One character in, one character out: the text stage's normalisation where it maps a
/// character to exactly one (curly quotes to straight ones, odd spaces to spaces),
/// a space where it would drop it, the character itself where it would expand it.
fn normalize_one(c: char) -> char {
    let mut buf = [0u8; 4];
    let out = normalize_chars(c.encode_utf8(&mut buf));
    let mut chars = out.chars();
    match (chars.next(), chars.next()) {
        (Some(x), None) => x,
        (None, _) => ' ',
        _ => c,
    }
}

/// Build a Document for one PolNeAR text without changing its length in characters.
///
/// Why not the normal text stage: it collapses whitespace, re-joins paragraphs and
/// removes credit lines, so its offsets drift from the gold ones and would need an
/// alignment that can fail on exactly the lines it changed. Mapping each character to
/// one character keeps the stages' view of the text (straight quotes, plain
/// apostrophes for the tokenizer) while a character offset here is a character offset
/// in the original, with no alignment at all. Paragraphs are the blocks between blank
/// lines (the first is the headline), split into sentences and tokens by the text
/// stage's own splitter and tokenizer.
pub fn build_document(raw: &str, name: &str, splitter: &Splitter) -> Document {
    let text: String = raw.chars().map(normalize_one).collect();
    let published = name
        .split('_')
        .find_map(|part| chrono::NaiveDate::parse_from_str(part, "%Y-%m-%d").ok());
    let mut doc = Document {
        meta: ArticleMeta {
            id: Some(name.to_string()),
            published,
            origin: name.to_string(),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut offset = 0;
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                doc.paragraphs.push(Span::new(s, last_end).trim(&text));
            }
        } else {
            start.get_or_insert(offset);
            last_end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        doc.paragraphs.push(Span::new(s, last_end).trim(&text));
    }
    doc.paragraphs.retain(|p| !p.is_empty());
    doc.headline = doc.paragraphs.first().copied();
    for (p, &para) in doc.paragraphs.iter().enumerate() {
        let spans = if p == 0 { vec![para] } else { splitter.split(&text, para) };
        for span in spans {
            let first = doc.tokens.len();
            doc.tokens.extend(tokenize(&text, span, &splitter.abbreviations));
            doc.sentences.push(Sentence {
                span,
                paragraph: p,
                tokens: (first, doc.tokens.len()),
            });
        }
    }
    doc.text = text;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ann_lines_become_relations() {
        let ann = "T1\tSource 0 3\tHe\nT2\tCue 4 8\tsaid\nT3\tContent 9 12;14 20\tabc def\nmore text\nT4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nE2\tAttribution-no-source:T4 Content:T3 Cue:T2\nT5\tContent 30 35\tghi\nE3\tAttribution:T4 Content:T3 Content2:T5 Cue:T2\n";
        let gold = parse_ann(ann);
        assert_eq!(gold.len(), 3);
        assert_eq!(gold[0].content, vec![(9, 12), (14, 20)]);
        assert_eq!(gold[0].source, vec![(0, 3)]);
        assert!(gold[1].source.is_empty());
        // a second content span ("Content2") belongs to the same attribution
        assert_eq!(gold[2].content, vec![(9, 12), (14, 20), (30, 35)]);
    }

    #[test]
    fn built_document_keeps_character_offsets() {
        let raw = "Title here\n\n\u{201C}We won,\u{201D} she said.\u{00AD}\n\nNext  para.";
        let doc = build_document(raw, "x_2016-10-10_y", &Splitter::default());
        assert_eq!(doc.text.chars().count(), raw.chars().count());
        assert_eq!(doc.paragraphs.len(), 3);
        assert!(doc.text.contains("\"We won,\" she said."));
        assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2016-10-10"));
    }
}
