//! `detente eval actors`: actor-code accuracy on the actor annotations of the peers'
//! validation records (see docs/ACTORS.md for the scoring rules).
//!
//! Suites (read from the data folder, `../shared/data` by default):
//! - `plover`: PLOVER GSR records (`plover/PLOVER_GSR_CAMEO.txt`), each expected actor
//!   with its text: is there an actor mention overlapping that text, and what code
//!   does the actor with the largest overlap get?
//! - `petr2-gsr`: PETR-2 GSR records (`universal-petrarch-validation/PETR2_GSR_validation.xml`),
//!   expected source/target codes without text: does some actor in the sentence get
//!   the code? Run with our dictionaries and with the Phoenix dictionaries.
//! - `petr-unit`: the PETRARCH-2 unit-test records (fictional world) with their own
//!   `PETR.Validate` dictionaries, imported through `detente_actors::petrarch`.

use anyhow::{bail, Context, Result};
use detente_actors::{ActorDictionary, ActorStage};
use detente_doc::{ArticleMeta, Document, Span};
use detente_text::TextStage;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The data folder holding plover/, universal-petrarch-validation/ ... (default ../shared/data).
    pub path: Option<PathBuf>,
    /// Print every miss (expected code, our code, text).
    #[arg(long)]
    pub verbose: bool,
    /// Do not give titled actors the article's only country (to measure that rule).
    #[arg(long)]
    pub no_context_country: bool,
}

/// One expected actor.
struct Expected {
    /// The actor's words in the text, when the suite gives them.
    text: Option<String>,
    code: String,
    /// The full code is unknown (PLOVER sector `***`): score the country only.
    country_only: bool,
}

/// One record: its text, date and expected actors.
struct Record {
    id: String,
    text: String,
    published: Option<chrono::NaiveDate>,
    expected: Vec<Expected>,
}

#[derive(Default)]
struct Score {
    expected: usize,
    located: usize,
    full_total: usize,
    full: usize,
    country: usize,
    by_sector: BTreeMap<String, (usize, usize)>,
}

impl Score {
    fn pct(n: usize, d: usize) -> String {
        if d == 0 {
            "-".into()
        } else {
            format!("{:.1}%", 100.0 * n as f64 / d as f64)
        }
    }
}

pub fn run(args: Args) -> Result<bool> {
    let data = args.path.clone().unwrap_or_else(|| PathBuf::from("../shared/data"));
    if !data.is_dir() {
        bail!(
            "no data folder at {} (give the folder holding plover/ and the PETRARCH suites)",
            data.display()
        );
    }
    let started = Instant::now();
    let configure = |mut stage: ActorStage| {
        stage.context_country = !args.no_context_country;
        stage
    };
    let ours = configure(ActorStage::with_defaults()?);
    let text = TextStage::default();
    println!("suite                          dictionaries   expected  located  full-code        country-only");
    let plover = data.join("plover/PLOVER_GSR_CAMEO.txt");
    if plover.is_file() {
        let records = read_plover(&plover)?;
        report(
            "PLOVER GSR (322 sentences)",
            "detente",
            &score(&records, &text, &ours, true, args.verbose),
        );
    }
    let gsr = data.join("universal-petrarch-validation/PETR2_GSR_validation.xml");
    if gsr.is_file() {
        let records = read_petrarch_xml(&gsr)?;
        report(
            "PETR-2 GSR (UD-PETRARCH)",
            "detente",
            &score(&records, &text, &ours, false, args.verbose),
        );
        let phoenix = data.join("phoenix-dictionaries");
        if phoenix.is_dir() {
            let stage = configure(phoenix_stage(&phoenix)?);
            report(
                "PETR-2 GSR (UD-PETRARCH)",
                "Phoenix",
                &score(&records, &text, &stage, false, args.verbose),
            );
        }
    }
    let unit = data.join("petrarch2-validation");
    if unit.join("PETR.UnitTest.records.xml").is_file() {
        let records = read_petrarch_xml(&unit.join("PETR.UnitTest.records.xml"))?;
        let dictionary =
            ActorDictionary::from_petrarch_files(&[&unit.join("PETR.Validate.actors.txt")], &[&unit.join("PETR.Validate.agents.txt")])?;
        let stage = configure(ActorStage::new(dictionary));
        report(
            "PETRARCH-2 unit records",
            "PETR.Validate",
            &score(&records, &text, &stage, false, args.verbose),
        );
    }
    let tabari = data.join("tabari-validation");
    if tabari.join("Validate.text").is_file() {
        let records = read_tabari(&tabari.join("Validate.text"))?;
        let dictionary = ActorDictionary::from_petrarch_files(&[&tabari.join("TABARI.Demo.actors")], &[&tabari.join("Validate.agents")])?;
        let stage = configure(ActorStage::new(dictionary));
        report(
            "TABARI validation records",
            "TABARI.Demo",
            &score(&records, &text, &stage, false, args.verbose),
        );
    }
    println!("({:.1} s)", started.elapsed().as_secs_f64());
    Ok(true)
}

fn phoenix_stage(dir: &Path) -> Result<ActorStage> {
    let actors = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ]
    .map(|f| dir.join(f));
    let agents = dir.join("Phoenix.agents.txt");
    let actor_refs: Vec<&Path> = actors.iter().map(PathBuf::as_path).collect();
    Ok(ActorStage::new(ActorDictionary::from_petrarch_files(&actor_refs, &[&agents])?))
}

fn report(suite: &str, dictionaries: &str, s: &Score) {
    println!(
        "{suite:<30} {dictionaries:<14} {:>8} {:>8}  {:>5}/{:<4} {:>6}  {:>5}/{:<4} {:>6}",
        s.expected,
        s.located,
        s.full,
        s.full_total,
        Score::pct(s.full, s.full_total),
        s.country,
        s.expected,
        Score::pct(s.country, s.expected)
    );
    let sectors: Vec<String> = s
        .by_sector
        .iter()
        .filter(|(_, (_, n))| *n >= 5)
        .map(|(k, (ok, n))| format!("{k} {ok}/{n}"))
        .collect();
    println!("    full code by expected sector: {}", sectors.join(", "));
}

/// Old CAMEO country codes still found in the PLOVER file, and their ISO codes.
fn iso_alias(code: &str) -> String {
    match code.get(..3) {
        Some("JAP") => format!("JPN{}", &code[3..]),
        Some("ITL") => format!("ITA{}", &code[3..]),
        _ => code.to_string(),
    }
}

fn read_plover(path: &Path) -> Result<Vec<Record>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&raw).context("PLOVER GSR is not JSON")?;
    let mut records = Vec::new();
    for r in json.as_array().into_iter().flatten() {
        let (Some(id), Some(text)) = (r["id"].as_str(), r["text"].as_str()) else {
            continue;
        };
        let mut expected: Vec<Expected> = Vec::new();
        for side in ["source", "target"] {
            for a in r[side].as_array().into_iter().flatten() {
                let (Some(actor_text), Some(code)) = (a["actorText"].as_str(), a["code"].as_str()) else {
                    continue;
                };
                let sector = a["sector"].as_str().unwrap_or("");
                // "CVLalb": the upper-case sector, then an ethnic/religious tag we do not code.
                let sector: String = sector.chars().take(3).filter(char::is_ascii_uppercase).collect();
                let unknown = sector == "***" || a["sector"].as_str() == Some("***");
                let code = iso_alias(&format!("{code}{}", if sector.len() == 3 { sector.as_str() } else { "" }));
                if expected.iter().any(|e| e.text.as_deref() == Some(actor_text) && e.code == code) {
                    continue;
                }
                expected.push(Expected {
                    text: Some(actor_text.to_string()),
                    code,
                    country_only: unknown,
                });
            }
        }
        records.push(Record {
            id: id.to_string(),
            text: text.to_string(),
            published: r["date"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            expected,
        });
    }
    Ok(records)
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

/// PETRARCH validation XML, read leniently (the GSR file is not well-formed XML).
fn read_petrarch_xml(path: &Path) -> Result<Vec<Record>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let raw = String::from_utf8_lossy(&bytes);
    let mut records = Vec::new();
    for chunk in raw.split("<Sentence ").skip(1) {
        let tag = &chunk[..chunk.find('>').unwrap_or(chunk.len())];
        let id = attribute(tag, "id").unwrap_or_default();
        let published = attribute(tag, "date").and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y%m%d").ok());
        let text = match (chunk.find("<Text>"), chunk.find("</Text>")) {
            (Some(a), Some(b)) if a < b => chunk[a + 6..b].split_whitespace().collect::<Vec<_>>().join(" "),
            _ => continue,
        };
        let mut expected: Vec<Expected> = Vec::new();
        for coding in chunk.split("<EventCoding").skip(1) {
            let tag = &coding[..coding.find('>').unwrap_or(coding.len())];
            for key in ["sourcecode", "targetcode"] {
                let Some(code) = attribute(tag, key) else { continue };
                if code.is_empty() || code == "---" || expected.iter().any(|e| e.code == code) {
                    continue;
                }
                expected.push(Expected {
                    text: None,
                    code,
                    country_only: false,
                });
            }
        }
        if !text.is_empty() && !expected.is_empty() {
            records.push(Record {
                id,
                text,
                published,
                expected,
            });
        }
    }
    Ok(records)
}

/// TABARI's validation text (Latin-1): records `YYMMDD  ID`, the sentence, then a
/// `/* ... */` block whose `{ SRC / TGT / CODE }` are the expected events (`-{` means
/// "do not check"; `{---}`, `{+++}`, `{###}`, `{ OPTION ...}` are not events). Reading
/// stops at "This is the end of the standard validation records".
fn read_tabari(path: &Path) -> Result<Vec<Record>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let raw: String = bytes.iter().map(|&b| b as char).collect();
    let raw = raw.split("This is the end of the standard validation records").next().unwrap_or("");
    let mut records = Vec::new();
    let mut lines = raw.lines().peekable();
    while let Some(line) = lines.next() {
        let mut head = line.split_whitespace();
        let (Some(date), Some(id)) = (head.next(), head.next()) else {
            continue;
        };
        if date.len() != 6 || !date.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut text = String::new();
        let mut block = String::new();
        let mut in_block = false;
        while let Some(l) = lines.next_if(|l| !l.trim().is_empty() || in_block) {
            if let Some(i) = l.find("/*") {
                in_block = true;
                text.push_str(&l[..i]);
                block.push_str(&l[i..]);
            } else if in_block {
                block.push_str(l);
            } else {
                text.push_str(l);
                text.push(' ');
            }
            if in_block && l.contains("*/") {
                break;
            }
        }
        let mut expected: Vec<Expected> = Vec::new();
        for (i, _) in block.match_indices('{') {
            if block[..i].ends_with('-') {
                continue;
            }
            let Some(end) = block[i..].find('}') else { continue };
            let parts: Vec<&str> = block[i + 1..i + end].split('/').map(str::trim).collect();
            if parts.len() != 3 {
                continue;
            }
            for code in &parts[..2] {
                if !code.is_empty() && *code != "---" && !expected.iter().any(|e| e.code == *code) {
                    expected.push(Expected {
                        text: None,
                        code: code.to_string(),
                        country_only: false,
                    });
                }
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && !expected.is_empty() {
            let published = chrono::NaiveDate::parse_from_str(&format!("19{date}"), "%Y%m%d").ok().map(|d| {
                if date < "300000" {
                    d + chrono::Months::new(1200)
                } else {
                    d
                }
            });
            records.push(Record {
                id: id.to_string(),
                text,
                published,
                expected,
            });
        }
    }
    Ok(records)
}

/// Our code for comparison: an actor without a country is `---` + sector, as PETRARCH writes it.
fn comparable(a: &detente_doc::Actor) -> Option<String> {
    let code = a.code.clone()?;
    Some(if a.country.is_none() { format!("---{code}") } else { code })
}

/// Whether `ours` is right for `expected`. Group codes (IGO, NGO, IMG, MNC) are
/// annotated coarsely in PLOVER ("IGO" for the UN, "IGOMIL" for UN troops): there our
/// longer code counts when it has the expected group and ends with the expected sector.
fn full_match(ours: &str, expected: &str, coarse_groups: bool) -> bool {
    if ours == expected {
        return true;
    }
    let group = expected.get(..3).filter(|g| ["IGO", "NGO", "IMG", "MNC"].contains(g));
    match (coarse_groups, group) {
        (true, Some(g)) => {
            let sector = &expected[3..];
            ours.starts_with(g) && (sector.is_empty() || ours.ends_with(sector))
        }
        _ => false,
    }
}

/// Where the annotated words are: the first whole-word occurrence, exact case first.
fn find_ignore_case(text: &str, needle: &str) -> Option<Span> {
    let word_at = |start: usize, end: usize| {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    let exact = text.match_indices(needle).map(|(s, _)| s).find(|&s| word_at(s, s + needle.len()));
    let lower = text.to_lowercase();
    // lower-casing may change byte lengths outside ASCII: use it only when it does not
    let folded = (lower.len() == text.len())
        .then(|| {
            lower
                .match_indices(&needle.to_lowercase())
                .map(|(s, _)| s)
                .find(|&s| text.is_char_boundary(s) && text.is_char_boundary(s + needle.len()) && word_at(s, s + needle.len()))
        })
        .flatten();
    exact.or(folded).map(|s| Span::new(s, s + needle.len()))
}

fn code_doc(record: &Record, text: &TextStage, stage: &ActorStage) -> Document {
    let meta = ArticleMeta {
        id: Some(record.id.clone()),
        published: record.published,
        origin: record.id.clone(),
        ..Default::default()
    };
    let mut doc = text.build(meta, &record.text);
    stage.annotate(&mut doc);
    doc
}

/// The code of the actor whose mentions cover most of `span`.
fn best_overlap(doc: &Document, span: Span) -> Option<String> {
    doc.actors
        .iter()
        .filter_map(|a| {
            let covered: usize = a
                .mentions
                .iter()
                .filter(|m| m.span.overlaps(span))
                .map(|m| m.span.end.min(span.end) - m.span.start.max(span.start))
                .sum();
            (covered > 0).then(|| (covered, comparable(a)))
        })
        .max_by_key(|(c, _)| *c)
        .and_then(|(_, code)| code)
}

fn score(records: &[Record], text: &TextStage, stage: &ActorStage, with_text: bool, verbose: bool) -> Score {
    let mut s = Score::default();
    for r in records {
        let doc = code_doc(r, text, stage);
        let all: Vec<String> = doc.actors.iter().filter_map(comparable).collect();
        for e in &r.expected {
            s.expected += 1;
            let predictions: Vec<String> = if with_text {
                let span = e.text.as_deref().and_then(|t| find_ignore_case(&doc.text, t));
                span.and_then(|sp| best_overlap(&doc, sp)).into_iter().collect()
            } else {
                all.clone()
            };
            if !predictions.is_empty() {
                s.located += 1;
            }
            let country_ok = predictions.iter().any(|p| p.get(..3) == e.code.get(..3));
            let full_ok = predictions.iter().any(|p| full_match(p, &e.code, with_text));
            s.country += usize::from(country_ok);
            if !e.country_only {
                s.full_total += 1;
                s.full += usize::from(full_ok);
                let sector = e.code.get(3..6).filter(|x| !x.is_empty()).unwrap_or("(none)").to_string();
                let slot = s.by_sector.entry(sector).or_default();
                slot.0 += usize::from(full_ok);
                slot.1 += 1;
            }
            if verbose && !(full_ok || e.country_only && country_ok) {
                println!(
                    "  miss {:<28} expected {:<10} ours {:<24} {:?} | {}",
                    r.id,
                    e.code,
                    predictions.join(","),
                    e.text.as_deref().unwrap_or(""),
                    r.text
                );
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_codes_match_coarsely_only_where_allowed() {
        assert!(full_match("IGOUNO", "IGO", true));
        assert!(full_match("IGOUNOMIL", "IGOMIL", true));
        assert!(!full_match("IGOUNO", "IGOMIL", true));
        assert!(!full_match("IGOUNO", "IGO", false));
        assert!(!full_match("USAGOV", "USA", true));
        assert!(full_match("USAGOV", "USAGOV", false));
    }

    #[test]
    fn annotated_words_are_found_as_whole_words() {
        let text = "the UK is pushing for the US support";
        assert_eq!(find_ignore_case(text, "US").map(|s| s.start), Some(26));
        assert_eq!(find_ignore_case("Iraqi Kurds left Iraq", "Iraq").map(|s| s.start), Some(17));
    }

    #[test]
    fn lenient_xml_reader_takes_codes_and_text() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.xml");
        std::fs::write(
            &p,
            "#bare header\n<Sentence category=\"AFP\" date=\"20080804\" id=\"X1\"/>\n<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nThe US leader\nleft.\n</Text>\n</Sentence>",
        )
        .unwrap();
        let r = read_petrarch_xml(&p).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, "The US leader left.");
        assert_eq!(
            r[0].expected.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(),
            vec!["USA", "CHN"]
        );
    }
}
