//! `detente eval extract`: the article-extraction benchmark (Zyte/Scrapinghub: 181
//! pages with gold article bodies). Runs our HTML reader on every page and scores it
//! with the benchmark's own metric, next to the same figures recomputed from the
//! stored outputs of the published extractors (checked against their published
//! table), and reports how often a publication date was found.
//!
//! The metric, as the benchmark defines it: texts are split into tokens (maximal runs
//! of Unicode letters, digits and `_`, case kept); each text becomes the multiset of
//! its 4-token shingles (a text of fewer than 4 tokens is one shorter shingle);
//! per page TP/FP/FN are the multiset overlap and the two differences, normalised to
//! sum to 1. Precision is the mean of per-page precisions over pages with TP+FP > 0,
//! recall the mean of per-page recalls over pages with TP+FN > 0 (both 1 when FP and
//! FN are 0), F1 the harmonic mean of those two means, and accuracy the share of pages
//! whose token sequence equals the gold one exactly.

use anyhow::{bail, Context, Result};
use detente_ingest::detect::open_decompressed;
use detente_ingest::html::{self, dates, Boilerplate};
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

const DEFAULT_DIR: &str = "../shared/data/article-extraction-benchmark";

#[derive(clap::Args)]
pub struct Args {
    /// The benchmark folder (ground-truth.json.gz, html/, output/, published-results.tsv);
    /// ../shared/data/article-extraction-benchmark when omitted.
    pub path: Option<PathBuf>,
    /// Also list the N pages where we score worst (F1, with their keys).
    #[arg(long, default_value_t = 0)]
    pub worst: usize,
    /// Print what our reader extracts from one page (by key) and stop.
    #[arg(long)]
    pub show: Option<String>,
}

/// TP, FP and FN of one page, normalised to sum to 1 (all 0 for two empty texts),
/// and whether the token sequences are equal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub false_neg: f64,
    pub exact: bool,
}

impl PageScore {
    fn f1(&self) -> f64 {
        let d = 2.0 * self.tp + self.fp + self.false_neg;
        if d == 0.0 {
            1.0
        } else {
            2.0 * self.tp / d
        }
    }
}

/// Precision, recall, F1 and accuracy over pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// Python's `\w` on text: letters, numbers and `_` (combining marks are not word
/// characters there, which `char::is_alphanumeric` would count).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").unwrap_or_else(|e| panic!("token pattern: {e}")));

/// Tokens as the benchmark splits them.
pub fn tokenize(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// Score one page against its gold body.
pub fn score_page(gold: &str, predicted: &str) -> PageScore {
    let gold_tokens = tokenize(gold);
    let pred_tokens = tokenize(predicted);
    // Intern tokens so shingles are small fixed-size keys.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let gold_ids = intern(&mut ids, &gold_tokens);
    let pred_ids = intern(&mut ids, &pred_tokens);
    let gold_sh = shingles(&gold_ids);
    let pred_sh = shingles(&pred_ids);
    let (mut tp, mut fp, mut false_neg) = (0usize, 0usize, 0usize);
    for (key, &g) in &gold_sh {
        let p = pred_sh.get(key).copied().unwrap_or(0);
        tp += g.min(p);
        false_neg += g.saturating_sub(p);
    }
    for (key, &p) in &pred_sh {
        fp += p.saturating_sub(gold_sh.get(key).copied().unwrap_or(0));
    }
    let sum = (tp + fp + false_neg) as f64;
    let norm = |x: usize| if sum > 0.0 { x as f64 / sum } else { 0.0 };
    PageScore {
        tp: norm(tp),
        fp: norm(fp),
        false_neg: norm(false_neg),
        exact: gold_tokens == pred_tokens,
    }
}

fn intern<'a>(ids: &mut HashMap<&'a str, u32>, tokens: &[&'a str]) -> Vec<u32> {
    tokens
        .iter()
        .map(|t| {
            let next = ids.len() as u32;
            *ids.entry(t).or_insert(next)
        })
        .collect()
}

/// Counts of 4-token shingles; `u32::MAX` pads the one shingle of a shorter text.
fn shingles(ids: &[u32]) -> HashMap<[u32; 4], usize> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return out;
    }
    let windows = ids.len().saturating_sub(3).max(1);
    for i in 0..windows {
        let mut key = [u32::MAX; 4];
        for (k, id) in ids[i..ids.len().min(i + 4)].iter().enumerate() {
            key[k] = *id;
        }
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// The benchmark's aggregate figures over pages.
pub fn figures(pages: &[PageScore]) -> Figures {
    let mean = |xs: Vec<f64>| {
        if xs.is_empty() {
            0.0
        } else {
            xs.iter().sum::<f64>() / xs.len() as f64
        }
    };
    let precision = mean(
        pages
            .iter()
            .filter(|s| s.tp + s.fp > 0.0)
            .map(|s| {
                if s.fp == 0.0 && s.false_neg == 0.0 {
                    1.0
                } else {
                    s.tp / (s.tp + s.fp)
                }
            })
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|s| s.tp + s.false_neg > 0.0)
            .map(|s| {
                if s.fp == 0.0 && s.false_neg == 0.0 {
                    1.0
                } else {
                    s.tp / (s.tp + s.false_neg)
                }
            })
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = mean(pages.iter().map(|s| if s.exact { 1.0 } else { 0.0 }).collect());
    Figures {
        precision,
        recall,
        f1,
        accuracy,
    }
}

fn read_gz(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let (_, mut reader) = open_decompressed(Box::new(file)).with_context(|| format!("reading {}", path.display()))?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(bytes)
}

/// `{key: {"articleBody": ...}}`, or the same under `"output"`.
fn bodies(value: &Value) -> BTreeMap<String, String> {
    let map = value.get("output").unwrap_or(value);
    map.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let body = v.get("articleBody").and_then(Value::as_str).unwrap_or("");
                    (k.clone(), body.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Published figures by extractor name: (F1, precision, recall, accuracy).
fn published(dir: &Path) -> HashMap<String, [f64; 4]> {
    let text = std::fs::read_to_string(dir.join("published-results.tsv")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let num = |i: usize| cols.get(i).and_then(|v| v.trim().parse::<f64>().ok());
            Some((cols.first()?.to_string(), [num(2)?, num(3)?, num(4)?, num(5)?]))
        })
        .collect()
}

/// Where the benchmark is: the given path, or the default beside the repository.
fn data_dir(path: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = path {
        return Ok(p);
    }
    let candidates = [PathBuf::from(DEFAULT_DIR), Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR)];
    match candidates.iter().find(|p| p.join("ground-truth.json.gz").exists()) {
        Some(p) => Ok(p.clone()),
        None => bail!("benchmark not found at {DEFAULT_DIR}; give its folder as an argument"),
    }
}

struct Ours {
    scores: Vec<PageScore>,
    keys: Vec<String>,
    dates_stated: usize,
    dates_found_of_stated: usize,
    dates_found: usize,
    date_sources: BTreeMap<&'static str, usize>,
    url_dates: usize,
    url_dates_agree: usize,
    failures: usize,
}

fn run_ours(dir: &Path, gold: &BTreeMap<String, String>, urls: &BTreeMap<String, String>) -> Result<Ours> {
    let boilerplate = Boilerplate::default_list();
    let mut ours = Ours {
        scores: Vec::new(),
        keys: Vec::new(),
        dates_stated: 0,
        dates_found_of_stated: 0,
        dates_found: 0,
        date_sources: BTreeMap::new(),
        url_dates: 0,
        url_dates_agree: 0,
        failures: 0,
    };
    for (key, gold_body) in gold {
        let bytes = read_gz(&dir.join("html").join(format!("{key}.html.gz")))?;
        let url = urls.get(key).map(String::as_str);
        let page = html::extract(&bytes, url, None, &boilerplate);
        let (body, date, source) = match &page {
            Ok(p) => (p.body.as_str(), p.meta.published, p.meta.published_from),
            Err(_) => {
                ours.failures += 1;
                ("", None, None)
            }
        };
        ours.scores.push(score_page(gold_body, body));
        ours.keys.push(key.clone());
        // A page "states" a date when a full calendar date appears anywhere in its
        // HTML (markup or text) or its URL: a broad test, independent of where our
        // reader looks, so the share found is not ours by construction.
        let raw = String::from_utf8_lossy(&bytes);
        let stated = dates::mentions_full_date(&raw) || url.and_then(dates::find_in_url).is_some();
        if stated {
            ours.dates_stated += 1;
            ours.dates_found_of_stated += usize::from(date.is_some());
        }
        if let Some(d) = date {
            ours.dates_found += 1;
            *ours.date_sources.entry(source.unwrap_or("?")).or_insert(0) += 1;
            if let Some(url_date) = url.and_then(dates::find_in_url) {
                ours.url_dates += 1;
                ours.url_dates_agree += usize::from((d - url_date).num_days().abs() <= 1);
            }
        }
    }
    Ok(ours)
}

pub fn run(args: Args) -> Result<bool> {
    let started = Instant::now();
    let dir = data_dir(args.path)?;
    let truth: Value = serde_json::from_slice(&read_gz(&dir.join("ground-truth.json.gz"))?).context("parsing ground-truth.json.gz")?;
    let gold = bodies(&truth);
    if gold.is_empty() {
        bail!("no pages in {}", dir.join("ground-truth.json.gz").display());
    }
    let urls = page_urls(&truth);
    if let Some(key) = &args.show {
        show_page(&dir, key, &urls)?;
        return Ok(true);
    }
    let ours = run_ours(&dir, &gold, &urls)?;
    let our_figures = figures(&ours.scores);
    let extract_secs = started.elapsed().as_secs_f64();

    let mut rows = stored_output_rows(&dir, &gold)?;
    rows.push(("detente (ours)".into(), our_figures, None));
    rows.sort_by(|a, b| b.1.f1.total_cmp(&a.1.f1));

    println!(
        "Article extraction benchmark: {} pages ({}); metric: 4-token shingles, as the benchmark defines it",
        gold.len(),
        dir.display()
    );
    let mismatches = print_table(&rows);
    println!();
    print_dates(&ours, gold.len());
    if ours.failures > 0 {
        println!("pages where our reader found no article: {}", ours.failures);
    }
    if mismatches > 0 {
        println!("WARNING: {mismatches} stored outputs did not reproduce their published figures");
    }
    if args.worst > 0 {
        print_worst(&ours, args.worst);
    }
    println!(
        "\ntime: {extract_secs:.1} s for our extraction, {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
    Ok(mismatches == 0)
}

/// One row of the table: extractor, its figures, and its published figures (F1, P, R, accuracy).
type Row = (String, Figures, Option<[f64; 4]>);

/// Each page's URL, by key.
fn page_urls(truth: &Value) -> BTreeMap<String, String> {
    truth
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.get("url")?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Print what our reader extracts from one page (`--show`).
fn show_page(dir: &Path, key: &str, urls: &BTreeMap<String, String>) -> Result<()> {
    let bytes = read_gz(&dir.join("html").join(format!("{key}.html.gz")))?;
    match html::extract(&bytes, urls.get(key).map(String::as_str), None, &Boilerplate::default_list()) {
        Ok(page) => println!("{:#?}\n----\n{}", page.meta, page.body),
        Err(e) => println!("no article: {e}"),
    }
    Ok(())
}

/// The figures of the published extractors, recomputed from their stored outputs
/// (`output/*.json.gz`, in name order), each with its published row.
fn stored_output_rows(dir: &Path, gold: &BTreeMap<String, String>) -> Result<Vec<Row>> {
    let published = published(dir);
    let mut rows: Vec<Row> = Vec::new();
    let mut outputs: Vec<PathBuf> = std::fs::read_dir(dir.join("output"))
        .with_context(|| format!("listing {}", dir.join("output").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".json.gz"))
        .collect();
    outputs.sort();
    for path in outputs {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".json.gz").to_string())
            .unwrap_or_default();
        let value: Value = serde_json::from_slice(&read_gz(&path)?).with_context(|| format!("parsing {}", path.display()))?;
        let predicted = bodies(&value);
        let scores: Vec<PageScore> = gold
            .iter()
            .map(|(k, g)| score_page(g, predicted.get(k).map(String::as_str).unwrap_or("")))
            .collect();
        let published_row = published.get(&name).copied();
        rows.push((name, figures(&scores), published_row));
    }
    Ok(rows)
}

/// Print the table, each published row checked against its recomputed figures;
/// returns how many did not reproduce.
fn print_table(rows: &[Row]) -> usize {
    println!(
        "{:<24} {:>6} {:>9} {:>6} {:>8}   published F1/P/R/acc (reproduced?)",
        "extractor", "F1", "precision", "recall", "accuracy"
    );
    let mut mismatches = 0;
    for (name, f, pub_row) in rows {
        let check = match pub_row {
            Some(p) => {
                let ours = [f.f1, f.precision, f.recall, f.accuracy];
                let same = ours.iter().zip(p).all(|(a, b)| (a - b).abs() < 0.0006);
                mismatches += usize::from(!same);
                format!(
                    "{:.3}/{:.3}/{:.3}/{:.3} ({})",
                    p[0],
                    p[1],
                    p[2],
                    p[3],
                    if same { "yes" } else { "NO" }
                )
            }
            None if name.starts_with("detente") => "<- this run".into(),
            None => "-".into(),
        };
        println!(
            "{:<24} {:>6.3} {:>9.3} {:>6.3} {:>8.3}   {check}",
            name, f.f1, f.precision, f.recall, f.accuracy
        );
    }
    mismatches
}

/// How often our reader found a publication date, from what, and whether it agrees
/// with the page URL's.
fn print_dates(ours: &Ours, n_pages: usize) {
    println!(
        "publication date: found on {} of {} pages that state one ({:.1}%); on {} of all {} pages",
        ours.dates_found_of_stated,
        ours.dates_stated,
        100.0 * ours.dates_found_of_stated as f64 / ours.dates_stated.max(1) as f64,
        ours.dates_found,
        n_pages
    );
    println!("  (a page states a date when a full calendar date appears anywhere in its HTML or URL)");
    let sources: Vec<String> = ours.date_sources.iter().map(|(s, n)| format!("{s} {n}")).collect();
    println!("  found from: {}", sources.join(", "));
    println!(
        "  agreement with the date in the page URL (within a day): {} of {} pages whose URL has one",
        ours.url_dates_agree, ours.url_dates
    );
}

/// The `n` pages where we score worst (F1, key).
fn print_worst(ours: &Ours, n: usize) {
    let mut worst: Vec<(f64, &String)> = ours.scores.iter().map(PageScore::f1).zip(&ours.keys).collect();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("\nworst pages (F1, key):");
    for (f1, key) in worst.iter().take(n) {
        println!("  {f1:.3} {key}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let s = score_page("The talks went on, and on.", "the talks went on and on");
        // Case is kept: "The" and "the" differ.
        assert!(s.tp < 1.0);
        let s = score_page("The talks went on, and on.", "The talks -- went on and on!");
        assert_eq!((s.tp, s.fp, s.false_neg, s.exact), (1.0, 0.0, 0.0, true));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let s = score_page("Hello world", "Hello world");
        assert_eq!(s.tp, 1.0);
        let s = score_page("Hello world", "");
        assert_eq!((s.tp, s.fp, s.false_neg), (0.0, 0.0, 1.0));
        let s = score_page("", "");
        assert_eq!((s.tp, s.fp, s.false_neg), (0.0, 0.0, 0.0));
    }

    #[test]
    fn figures_follow_the_benchmark() {
        let perfect = score_page("a b c d e", "a b c d e");
        let empty = score_page("a b c d e", "");
        let f = figures(&[perfect, empty]);
        // The empty prediction has TP+FP = 0: left out of precision, counted in recall.
        assert_eq!(f.precision, 1.0);
        assert_eq!(f.recall, 0.5);
        assert!((f.f1 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(f.accuracy, 0.5);
    }

    #[test]
    fn extra_text_costs_precision() {
        let s = score_page("one two three four five", "one two three four five six seven");
        assert!(s.fp > 0.0 && s.false_neg == 0.0);
    }
}
