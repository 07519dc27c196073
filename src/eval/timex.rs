//! `detente eval timex`: TempEval-3 task A (temporal expression extent, type and
//! value) on TimeML documents, by default te3-platinum from
//! `../shared/data/tempeval3/`. Reads `.tml` files from a folder or straight out of
//! a `.tar.gz` archive; the scoring itself is `detente_time::eval`.

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use detente_time::eval::{parse_timeml, tag_raw_text, Difference, Scores, TimemlDoc};
use detente_time::TimeStage;
use flate2::read::GzDecoder;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

const DEFAULT_DATA: &str = "../shared/data/tempeval3";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Split {
    /// te3-platinum, the TempEval-3 test set (20 documents).
    Platinum,
    /// TimeBank + AQUAINT training documents (TBAQ-cleaned, 256 documents).
    Train,
    /// The TimeBank part of the training documents.
    Timebank,
    /// The AQUAINT part of the training documents.
    Aquaint,
}

#[derive(clap::Args)]
pub struct Args {
    /// TempEval-3 data: the folder holding the archives (default
    /// ../shared/data/tempeval3), or one `.tar.gz` archive or folder of `.tml` files.
    pub path: Option<PathBuf>,
    /// Which documents to score when PATH is the data folder.
    #[arg(long, value_enum, default_value = "platinum")]
    pub split: Split,
    /// Score a stored system output instead of detente (a `.tar.gz` or folder of
    /// TimeML files named like the gold ones), e.g. HeidelTime's, to check the scorer.
    #[arg(long)]
    pub system: Option<PathBuf>,
    /// Print every missed, spurious and mismatched expression, and their counts by kind.
    #[arg(long)]
    pub errors: bool,
}

pub fn run(args: Args) -> Result<bool> {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DATA));
    let (source, under) = locate(&path, args.split)?;
    let gold = read_tml_files(&source, under)?;
    if gold.is_empty() {
        bail!("no .tml files found in {}", source.display());
    }
    let system_docs = match &args.system {
        Some(p) => Some(read_tml_files(p, None)?),
        None => None,
    };
    let stage = TimeStage::new();
    let mut scores = Scores::default();
    let started = std::time::Instant::now();
    let mut tally = detente_time::eval::ErrorTally::default();
    for (name, gold_source) in &gold {
        let doc = parse_timeml(gold_source).with_context(|| format!("reading {name}"))?;
        let (system_text, system) = match &system_docs {
            Some(docs) => {
                let base = file_name(name);
                let Some((_, sys_source)) = docs.iter().find(|(n, _)| file_name(n) == base) else {
                    bail!("no system output for {name}");
                };
                let sys: TimemlDoc = parse_timeml(sys_source).with_context(|| format!("reading system {base}"))?;
                (sys.text, sys.timexes)
            }
            None => {
                let ours = tag_raw_text(&stage, &doc.text, doc.dct);
                (doc.text.clone(), ours)
            }
        };
        let diffs = scores.add(&doc.text, &doc.timexes, &system_text, &system);
        if args.errors {
            print_differences(name, &doc.text, &system_text, &diffs);
            tally.add(&diffs);
        }
    }
    let who = if args.system.is_some() { "stored system output" } else { "detente" };
    println!("TempEval-3 task A ({who}) on {} documents from {}", gold.len(), source.display());
    print!("{scores}");
    if args.errors {
        print!("{tally}");
    }
    eprintln!("({:.1} s)", started.elapsed().as_secs_f64());
    Ok(true)
}

/// The archive or folder to read, and the sub-folder to keep (for the two
/// halves of the training archive).
fn locate(path: &Path, split: Split) -> Result<(PathBuf, Option<&'static str>)> {
    let archive = |name: &str| path.join(name);
    if path.join("te3-platinum.tar.gz").exists() || path.join("TBAQ-cleaned.tar.gz").exists() {
        return Ok(match split {
            Split::Platinum => (archive("te3-platinum.tar.gz"), None),
            Split::Train => (archive("TBAQ-cleaned.tar.gz"), None),
            Split::Timebank => (archive("TBAQ-cleaned.tar.gz"), Some("TimeBank/")),
            Split::Aquaint => (archive("TBAQ-cleaned.tar.gz"), Some("AQUAINT/")),
        });
    }
    if !path.exists() {
        bail!(
            "TempEval-3 data not found at {} (pass the folder holding te3-platinum.tar.gz, an archive, or a folder of .tml files)",
            path.display()
        );
    }
    Ok((path.to_path_buf(), None))
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `(path, content)` of every `.tml` file in a `.tar.gz` or under a folder, sorted
/// by path; `under` keeps only paths containing that folder name.
fn read_tml_files(path: &Path, under: Option<&str>) -> Result<Vec<(String, String)>> {
    let mut files = BTreeMap::new();
    if path.is_dir() {
        collect_dir(path, &mut files)?;
    } else {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let mut archive = tar::Archive::new(GzDecoder::new(file));
        for entry in archive.entries().with_context(|| format!("reading {}", path.display()))? {
            let mut entry = entry?;
            let name = entry.path()?.to_string_lossy().into_owned();
            if name.ends_with(".tml") && !file_name(&name).starts_with("._") {
                let mut text = String::new();
                entry.read_to_string(&mut text).with_context(|| format!("reading {name}"))?;
                files.insert(name, text);
            }
        }
    }
    Ok(files
        .into_iter()
        .filter(|(name, _)| under.is_none_or(|u| name.contains(u)))
        .collect())
}

fn collect_dir(dir: &Path, files: &mut BTreeMap<String, String>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let p = entry?.path();
        if p.is_dir() {
            collect_dir(&p, files)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            files.insert(p.to_string_lossy().into_owned(), text);
        }
    }
    Ok(())
}

fn print_differences(name: &str, gold_text: &str, system_text: &str, diffs: &[Difference]) {
    let show = |text: &str, a: &detente_time::eval::Annotation| {
        let span = text
            .get(a.start..a.end)
            .unwrap_or("?")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        format!("[{span}] {} {}", a.kind, a.value)
    };
    let context = |text: &str, a: &detente_time::eval::Annotation| {
        let from = text[..a.start.min(text.len())].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let to = text[a.end.min(text.len())..]
            .char_indices()
            .nth(30)
            .map_or(text.len(), |(i, _)| a.end + i);
        text.get(from..to).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let base = file_name(name);
    for d in diffs {
        match d {
            Difference::Missed(g) => println!("MISS {base}: {} | {}", show(gold_text, g), context(gold_text, g)),
            Difference::Spurious(s) => println!("SPUR {base}: {} | {}", show(system_text, s), context(system_text, s)),
            Difference::Mismatch { gold, system } => println!(
                "DIFF {base}: gold {} / ours {} | {}",
                show(gold_text, gold),
                show(system_text, system),
                context(gold_text, gold)
            ),
        }
    }
}
