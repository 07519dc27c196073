//! `detente code` and `detente demo`.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use detente_doc::output::Article;
use detente_ingest::{read_input_with, Dedup, Defaults, Input, RawArticle, Stats};
use detente_pipeline::Pipeline;
use std::io::{BufWriter, Write};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Indented JSON, for reading.
    Pretty,
    /// A readable summary of events and quotes.
    Summary,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Input files or directories, or `-` for standard input (the default when none is given).
    pub inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD) for articles that do not state one.
    #[arg(long, value_parser = parse_day)]
    pub published: Option<NaiveDate>,
    /// Outlet name for articles that do not state one.
    #[arg(long)]
    pub source: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Extra verb patterns (detente's verbs.txt format, see docs/EVENTS.md) added to the defaults.
    #[arg(long)]
    pub verbs: Option<std::path::PathBuf>,
    /// An actor dictionary of your own (format in docs/ACTORS.md), or a PETRARCH
    /// `*.actors.txt` / `*.agents.txt` file, added to and overriding the shipped ones;
    /// repeat for several files (later ones win).
    #[arg(long = "dictionary", value_name = "FILE")]
    pub dictionaries: Vec<std::path::PathBuf>,
    /// A learned quote tagger from `detente train quotes`, joining the quote rules.
    #[arg(long, value_name = "FILE")]
    pub quote_model: Option<std::path::PathBuf>,
    /// Coding threads (default: every core); output stays in input order.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// The pipeline, with the user's actor dictionaries when any were given: our format,
/// or PETRARCH files recognised by their names (`*.actors.txt`, `*.agents.txt`).
fn pipeline_for(dictionaries: &[std::path::PathBuf]) -> Result<Pipeline> {
    if dictionaries.is_empty() {
        return Pipeline::with_defaults().context("loading the dictionaries");
    }
    let mut dictionary = detente_actors::ActorDictionary::default_dictionary().context("loading the dictionaries")?;
    for path in dictionaries {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let source = String::from_utf8_lossy(&bytes);
        let name = path.display().to_string();
        let file_name = path.file_name().map(|f| f.to_string_lossy().to_lowercase()).unwrap_or_default();
        dictionary = if file_name.ends_with(".actors.txt") || file_name.ends_with(".actors") {
            dictionary.extended(detente_actors::petrarch::parse_actors(&source, &name)?)?
        } else if file_name.ends_with(".agents.txt") || file_name.ends_with(".agents") {
            dictionary.extended(detente_actors::petrarch::parse_agents(&source, &name)?)?
        } else {
            dictionary.with_user_file(&source, &name)?
        };
    }
    Ok(Pipeline::with_actor_dictionary(dictionary)?)
}

#[derive(Args)]
pub struct DemoArgs {
    /// Print the full JSON instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Build a store from the samples and serve the dashboard on it.
    #[arg(long)]
    pub serve: bool,
    /// Address to serve on, with --serve.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
}

/// A `YYYY-MM-DD` command-line date (shared by every command that takes one).
pub(crate) fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected a date as YYYY-MM-DD, got {s:?}"))
}

fn write_article(out: &mut impl Write, pipeline: &Pipeline, article: &Article, format: Format) -> Result<()> {
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, article)?;
            writeln!(out)?;
        }
        Format::Pretty => {
            serde_json::to_writer_pretty(&mut *out, article)?;
            writeln!(out)?;
        }
        Format::Summary => write!(out, "{}", pipeline.summarize(article))?,
    }
    Ok(())
}

/// What the reading thread hands past the coding workers, in its place in the output:
/// an article it printed uncoded (not in English), or an input that failed.
enum Passed {
    Uncoded(Box<Article>),
    Failed(detente_ingest::IngestError),
}

/// Code every input; returns false when any input or record failed. Reading, dedup and
/// the language check happen on this thread; coding runs on `--threads` workers, and
/// articles are written in input order.
pub fn run_code(args: CodeArgs) -> Result<bool> {
    let mut pipeline = pipeline_for(&args.dictionaries)?;
    if let Some(path) = &args.quote_model {
        pipeline.quotes = pipeline.quotes.clone().with_tagger(crate::eval::load_tagger(path)?);
    }
    if let Some(path) = &args.verbs {
        let extra = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        pipeline.events = detente_events::EventStage::with_extra_verbs(&extra).map_err(anyhow::Error::msg)?;
    }
    let defaults = Defaults {
        published: args.published,
        source: args.source.clone(),
    };
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        vec![Input::Stdin]
    } else {
        args.inputs.iter().map(|a| Input::from_arg(a)).collect()
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let stats = Rc::new(Stats::default());
    let mut dedup = Dedup::default();
    let mut counts = Counts::default();
    // Set when output can no longer be written (a closed pipe): reading stops there.
    let stopped = std::cell::Cell::new(false);
    let articles = inputs
        .iter()
        .flat_map(|input| read_input_with(input, &defaults, stats.clone()))
        .take_while(|_| !stopped.get())
        .filter_map(|result| match result {
            Ok(raw) => {
                if let Some(dup) = dedup.check(&raw) {
                    eprintln!("detente: skipped {}: {dup}", raw.meta.origin);
                    counts.duplicates += 1;
                    return None;
                }
                for w in &raw.warnings {
                    eprintln!("detente: warning: {w}");
                }
                if Pipeline::is_uncodable_language(&raw) {
                    counts.not_english += 1;
                    return Some(Err(Passed::Uncoded(Box::new(pipeline.uncoded(raw)))));
                }
                counts.coded += 1;
                Some(Ok(raw))
            }
            Err(e) => Some(Err(Passed::Failed(e))),
        });
    let threads = crate::store_cmd::thread_count(args.threads);
    let mut write_error: Option<anyhow::Error> = None;
    let mut failed = 0usize;
    let progress = progress_bar();
    let mut write = |article: &Article| {
        if write_error.is_none() {
            write_error = write_article(&mut out, &pipeline, article, args.format).err();
            stopped.set(write_error.is_some());
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    };
    // The output record is built on the workers; the calling thread only writes it.
    let build = |doc: detente_doc::Document| Article::from_document(&doc);
    detente_pipeline::parallel::code_ordered_then(&pipeline, articles, threads, threads * 64, build, |result| match result {
        Ok(article) => write(&article),
        Err(Passed::Uncoded(article)) => write(&article),
        Err(Passed::Failed(e)) => {
            eprintln!("detente: error: {e}");
            failed += 1;
        }
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if let Some(e) = write_error {
        return Err(e);
    }
    out.flush()?;
    counts.failed = failed;
    counts.skipped_records = stats.skipped_records.get();
    if counts.worth_reporting() {
        eprintln!("detente: {}", counts.summary());
    }
    Ok(counts.failed == 0)
}

/// A spinner with articles/s on stderr when it is a terminal (the total is not known
/// while input is streamed).
fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles  {per_sec}  {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    Some(bar)
}

/// What one run did with its articles, for the closing summary on stderr.
#[derive(Debug, Default)]
struct Counts {
    coded: usize,
    not_english: usize,
    duplicates: usize,
    skipped_records: usize,
    failed: usize,
}

impl Counts {
    fn worth_reporting(&self) -> bool {
        self.not_english + self.duplicates + self.skipped_records + self.failed > 0
    }

    fn summary(&self) -> String {
        format!(
            "{} articles coded, {} not in English (printed, not coded), {} duplicates skipped, \
             {} archive records skipped (not HTML pages), {} failed",
            self.coded, self.not_english, self.duplicates, self.skipped_records, self.failed
        )
    }
}

/// The sample articles written for the project (`examples/news/`), built into the binary
/// so the demo runs from any directory.
pub const SAMPLES: &[(&str, &str)] = &[
    ("berlin-paris-visit", include_str!("../examples/news/berlin-paris-visit.txt")),
    ("border-clashes", include_str!("../examples/news/border-clashes.txt")),
    ("trade-talks", include_str!("../examples/news/trade-talks.txt")),
    ("sanctions-warning", include_str!("../examples/news/sanctions-warning.txt")),
    ("summit-plans", include_str!("../examples/news/summit-plans.txt")),
];

/// The sample articles as raw articles (their header lines give date and outlet).
pub fn sample_articles() -> Vec<RawArticle> {
    SAMPLES
        .iter()
        .filter_map(|(id, text)| detente_ingest::parse_text_article(text.as_bytes(), id, Some(id.to_string())).ok())
        .collect()
}

pub fn run_demo(args: DemoArgs) -> Result<bool> {
    let pipeline = Pipeline::with_defaults().context("loading the dictionaries")?;
    if args.serve {
        return crate::serve_cmd::serve_demo(&pipeline, sample_articles(), args.addr);
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let format = if args.json { Format::Jsonl } else { Format::Summary };
    let (mut events, mut quotes, mut actors) = (0, 0, 0);
    for raw in sample_articles() {
        let article = Article::from_document(&pipeline.code(raw));
        events += article.events.len();
        quotes += article.quotes.len();
        actors += article.actors.len();
        write_article(&mut out, &pipeline, &article, format)?;
        if !args.json {
            writeln!(out)?;
        }
    }
    if !args.json {
        writeln!(
            out,
            "{} sample articles: {events} events, {quotes} quotes, {actors} actors.",
            SAMPLES.len()
        )?;
        writeln!(out, "Code your own: detente code --format pretty FILE  (see --help)")?;
    }
    out.flush()?;
    Ok(true)
}
