//! Commands over the event store: `ingest`, `events`, `trend`, `quotes`, `export`, `check`.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use detente_doc::output::Article;
use detente_ingest::{read_input, Defaults, Input};
use detente_pipeline::Pipeline;
use detente_store::{BatchReport, Dyad, EventQuery, Period, QuoteQuery, Store, TrendQuery};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Args)]
pub struct IngestArgs {
    /// The store (an SQLite file; created when missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Input files (text, JSON Lines), or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Articles per transaction: a kill loses at most one uncommitted batch.
    #[arg(long, default_value_t = 200)]
    pub batch: usize,
    /// Publication date (YYYY-MM-DD) for articles that do not state one.
    #[arg(long, value_parser = crate::code::parse_day)]
    pub published: Option<NaiveDate>,
    /// Outlet name for articles that do not state one.
    #[arg(long)]
    pub source: Option<String>,
    /// Coding threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// The number of coding threads: the user's choice or every available core.
pub fn thread_count(choice: Option<usize>) -> usize {
    choice
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
        .max(1)
}

/// Code and store every input; returns false when any input or article failed.
pub fn run_ingest(args: IngestArgs) -> Result<bool> {
    let pipeline = Pipeline::with_defaults().context("loading the dictionaries")?;
    let mut store = Store::open(&args.db).with_context(|| format!("opening the store {}", args.db.display()))?;
    let defaults = Defaults {
        published: args.published,
        source: args.source.clone(),
    };
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} articles  {per_sec}  {elapsed}  {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(bar)
    } else {
        None
    };
    let mut total = BatchReport::default();
    let mut read_errors = 0usize;
    let mut batch: Vec<Article> = Vec::with_capacity(args.batch);
    let flush = |batch: &mut Vec<Article>, store: &mut Store, total: &mut BatchReport| -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let report = store.ingest_batch(batch).context("writing a batch to the store")?;
        for (article, reason) in &report.failed {
            eprintln!("detente: error: article {article} not stored: {reason}");
        }
        total.merge(&report);
        batch.clear();
        Ok(())
    };
    let inputs = args.inputs.iter().flat_map(|arg| read_input(&Input::from_arg(arg), &defaults));
    let threads = thread_count(args.threads);
    let mut write_error: Option<anyhow::Error> = None;
    detente_pipeline::parallel::code_ordered(&pipeline, inputs, threads, threads * 64, |result| match result {
        Ok(doc) => {
            for w in &doc.warnings {
                eprintln!("detente: warning: {w}");
            }
            batch.push(Article::from_document(&doc));
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            if batch.len() >= args.batch.max(1) && write_error.is_none() {
                if let Err(e) = flush(&mut batch, &mut store, &mut total) {
                    write_error = Some(e);
                }
                if let Some(bar) = &progress {
                    bar.set_message(format!(
                        "{} stored, {} already there",
                        total.added + total.replaced,
                        total.duplicates
                    ));
                }
            }
        }
        Err(e) => {
            eprintln!("detente: error: {e}");
            read_errors += 1;
        }
    });
    if let Some(e) = write_error {
        return Err(e);
    }
    flush(&mut batch, &mut store, &mut total)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let counts = store.counts()?;
    eprintln!(
        "detente: {} articles added, {} replaced by a newer version, {} already stored (skipped), {} failed; {} event mentions added. Store: {} articles, {} events, {} mentions.",
        total.added,
        total.replaced,
        total.duplicates,
        total.failed.len() + read_errors,
        total.mentions,
        counts.articles,
        counts.events,
        counts.mentions
    );
    Ok(total.failed.is_empty() && read_errors == 0)
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
}

#[derive(Args)]
pub struct EventsArgs {
    #[arg(long)]
    pub db: PathBuf,
    /// Two actors, `A:B` (country codes such as USA:CHN, or with sectors, USAGOV:CHNMIL); both directions unless --directed.
    #[arg(long)]
    pub dyad: Option<String>,
    /// Only events from the first actor of the dyad to the second.
    #[arg(long)]
    pub directed: bool,
    /// Events with this actor code (prefix) on either side.
    #[arg(long)]
    pub actor: Option<String>,
    /// First date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Last date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// CAMEO root (04) or code (042) prefix.
    #[arg(long, alias = "cameo")]
    pub root: Option<String>,
    /// PLOVER event type (CONSULT, ASSAULT ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// Words to find in the reporting articles.
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

pub fn run_events(args: EventsArgs) -> Result<bool> {
    let store = Store::open_read_only(&args.db)?;
    let dyad = args.dyad.as_deref().map(|d| Dyad::parse(d, args.directed)).transpose()?;
    let q = EventQuery {
        dyad,
        actor: args.actor,
        since: args.since,
        until: args.until,
        cameo: args.root,
        plover: args.plover,
        text: args.search,
        limit: args.limit,
        offset: 0,
    };
    let rows = store.events(&q)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        TableFormat::Json => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        TableFormat::Table => {
            writeln!(
                out,
                "{:<10}  {:<10} {:<5} {:<10} {:<9} {:>6} {:>4} {:>4}  evidence",
                "date", "source", "cameo", "target", "plover", "gold", "ment", "src"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<10}  {:<10} {:<5} {:<10} {:<9} {:>6.1} {:>4} {:>4}  {}",
                    r.date,
                    r.source_code,
                    r.cameo,
                    r.target_code,
                    r.plover.as_deref().unwrap_or("-"),
                    r.goldstein,
                    r.num_mentions,
                    r.num_sources,
                    r.sentence.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(Args)]
pub struct TrendArgs {
    #[arg(long)]
    pub db: PathBuf,
    /// Two actors, `A:B` (e.g. USA:CHN).
    #[arg(long)]
    pub dyad: String,
    /// Only events from A to B (otherwise both directions).
    #[arg(long)]
    pub directed: bool,
    /// Period: day, week (ISO) or month.
    #[arg(long, default_value = "week")]
    pub by: String,
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub until: Option<String>,
    /// Write CSV instead of a table.
    #[arg(long)]
    pub csv: bool,
}

pub fn run_trend(args: TrendArgs) -> Result<bool> {
    let store = Store::open_read_only(&args.db)?;
    let q = TrendQuery {
        dyad: Dyad::parse(&args.dyad, args.directed)?,
        period: Period::parse(&args.by)?,
        since: args.since,
        until: args.until,
    };
    let rows = store.trend(&q)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.csv {
        writeln!(out, "period,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean,cooperative_share,mentions")?;
        for r in &rows {
            writeln!(
                out,
                "{},{},{},{},{},{},{:.2},{:.3},{:.3},{}",
                r.period,
                r.events,
                r.quad[0],
                r.quad[1],
                r.quad[2],
                r.quad[3],
                r.goldstein_sum,
                r.goldstein_mean,
                r.cooperative_share,
                r.mentions
            )?;
        }
    } else {
        writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
            "period", "events", "vcoop", "mcoop", "vconf", "mconf", "gold.sum", "mean", "coop%"
        )?;
        for r in &rows {
            writeln!(
                out,
                "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9.1} {:>7.2} {:>5.0}%",
                r.period,
                r.events,
                r.quad[0],
                r.quad[1],
                r.quad[2],
                r.quad[3],
                r.goldstein_sum,
                r.goldstein_mean,
                r.cooperative_share * 100.0
            )?;
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(Args)]
pub struct QuotesArgs {
    #[arg(long)]
    pub db: PathBuf,
    /// Words in the speaker's name, description or title ("foreign minister").
    #[arg(long)]
    pub speaker: Option<String>,
    /// Words to find in the quotes.
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

pub fn run_quotes(args: QuotesArgs) -> Result<bool> {
    let store = Store::open_read_only(&args.db)?;
    let rows = store.quotes(&QuoteQuery {
        speaker: args.speaker,
        text: args.search,
        limit: args.limit,
        offset: 0,
    })?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for r in &rows {
        match args.format {
            TableFormat::Json => {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
            TableFormat::Table => {
                let speaker = r.speaker_name.as_deref().or(r.speaker_text.as_deref()).unwrap_or("(unattributed)");
                let code = r.speaker_code.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
                let mark = if r.direct { "\"" } else { "" };
                writeln!(
                    out,
                    "{}  {speaker}{code}: {mark}{}{mark}",
                    r.published.as_deref().unwrap_or("undated"),
                    r.text
                )?;
            }
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 event table (61 tab-separated columns).
    Gdelt,
    /// Merged events with all their mentions, one JSON object per line.
    Jsonl,
    /// PLOVER-style JSON Lines (POLECAT field names).
    Plover,
    /// Apache Parquet (needs the `parquet` feature).
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    pub db: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (standard output when omitted, except for Parquet).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// With `--format gdelt`: also write the GDELT mentions table to this file.
    #[arg(long)]
    pub mentions: Option<PathBuf>,
}

fn create(path: &PathBuf) -> Result<BufWriter<std::fs::File>> {
    Ok(BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
    ))
}

pub fn run_export(args: ExportArgs) -> Result<bool> {
    let store = Store::open_read_only(&args.db)?;
    if let ExportFormat::Parquet = args.format {
        return export_parquet(&store, args.out.as_ref());
    }
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(create(p)?),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let n = match args.format {
        ExportFormat::Gdelt => store.export_gdelt_events(&mut out)?,
        ExportFormat::Jsonl => store.export_jsonl(&mut out)?,
        ExportFormat::Plover => store.export_plover(&mut out)?,
        ExportFormat::Parquet => 0,
    };
    out.flush()?;
    eprintln!("detente: {n} events exported");
    if let Some(path) = &args.mentions {
        if !matches!(args.format, ExportFormat::Gdelt) {
            bail!("--mentions goes with --format gdelt");
        }
        let mut m = create(path)?;
        let n = store.export_gdelt_mentions(&mut m)?;
        m.flush()?;
        eprintln!("detente: {n} mentions exported to {}", path.display());
    }
    Ok(true)
}

#[cfg(feature = "parquet")]
fn export_parquet(store: &Store, out: Option<&PathBuf>) -> Result<bool> {
    let Some(path) = out else { bail!("Parquet needs --out FILE") };
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let n = store.export_parquet(file)?;
    eprintln!("detente: {n} events exported to {}", path.display());
    Ok(true)
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(_store: &Store, _out: Option<&PathBuf>) -> Result<bool> {
    bail!("this detente was built without Parquet support; rebuild with `cargo build --release --features parquet`")
}

#[derive(Args)]
pub struct ImportArgs {
    /// The store (an SQLite file; created when missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Output directories of the Spark job (their `articles/` table is read), or
    /// Parquet files with a `json` column of coded articles.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
}

#[cfg(feature = "parquet")]
pub fn run_import(args: ImportArgs) -> Result<bool> {
    let mut store = Store::open(&args.db).with_context(|| format!("opening the store {}", args.db.display()))?;
    let mut total = BatchReport::default();
    for input in &args.inputs {
        let report = store
            .import_parquet(input, args.batch)
            .with_context(|| format!("importing {}", input.display()))?;
        for (article, reason) in &report.failed {
            eprintln!("detente: error: article {article} not stored: {reason}");
        }
        total.merge(&report);
    }
    eprintln!(
        "detente: {} articles added, {} replaced, {} already stored, {} event mentions, {} failed",
        total.added,
        total.replaced,
        total.duplicates,
        total.mentions,
        total.failed.len()
    );
    Ok(total.failed.is_empty())
}

#[cfg(not(feature = "parquet"))]
pub fn run_import(args: ImportArgs) -> Result<bool> {
    let _ = args.batch;
    bail!(
        "cannot import {} input(s) into {}: this detente was built without Parquet support; \
         rebuild with `cargo build --release --features parquet`",
        args.inputs.len(),
        args.db.display()
    )
}

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long)]
    pub db: PathBuf,
}

pub fn run_check(args: CheckArgs) -> Result<bool> {
    if !args.db.exists() {
        bail!("{}: no such store", args.db.display());
    }
    let store = Store::open(&args.db)?;
    let report = store.check()?;
    let counts = store.counts()?;
    if report.is_ok() {
        println!(
            "{}: ok ({} articles, {} events, {} mentions, {} quotes)",
            args.db.display(),
            counts.articles,
            counts.events,
            counts.mentions,
            counts.quotes
        );
    } else {
        for p in &report.problems {
            println!("{}: problem: {p}", args.db.display());
        }
    }
    Ok(report.is_ok())
}
