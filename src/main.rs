//! `detente`: the command-line front of the detente event coder. Thin by design:
//! argument parsing and output here, all the work in the library crates.

mod bench_cmd;
mod code;
mod eval;
mod serve_cmd;
mod store_cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turn news articles into coded event data (who did what to whom, CAMEO and PLOVER),
/// with actors, quotes, time expressions and evidence spans.
#[derive(Parser)]
#[command(name = "detente", version, about, long_about = None, after_help = "Examples:\n  detente code --published 2024-03-05 article.txt\n  detente code --format pretty article.txt\n  cat articles.jsonl | detente code -\n  detente demo\n  detente ingest --db news.db articles.jsonl\n  detente trend --db news.db --dyad USA:CHN --by month")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles and print one JSON object per article (JSON Lines).
    ///
    /// Inputs are detected by content: plain text (the first line is the title when
    /// a blank line follows it), JSON Lines (one article per line with `text` and
    /// optionally `id`, `url`, `title`, `published`, `source`, `author`, `language`),
    /// HTML pages, RSS/Atom feeds (one article per item) and WARC archives (HTML
    /// responses). Gzip is decompressed, directories are walked, `-` reads standard
    /// input. Duplicates (same URL or text) are coded once; articles not in English
    /// are printed uncoded with `"skipped": "language"`. The exit status is non-zero
    /// when any input or record failed; the others are still coded.
    Code(code::CodeArgs),
    /// Code the bundled sample articles and print a readable summary.
    Demo(code::DemoArgs),
    /// Code articles and add them to a store (idempotent: stored articles are skipped).
    Ingest(store_cmd::IngestArgs),
    /// Load coded articles from Parquet (the `articles` table of the Spark job's output)
    /// into a store (idempotent, merging events as `ingest` does; needs the `parquet` feature).
    Import(store_cmd::ImportArgs),
    /// List merged events from a store, with their evidence.
    Events(store_cmd::EventsArgs),
    /// A dyad's cooperation and conflict per day, week or month.
    Trend(store_cmd::TrendArgs),
    /// Quotes in a store, by speaker or words.
    Quotes(store_cmd::QuotesArgs),
    /// Export a store: GDELT 2.0 TSV, JSON Lines, PLOVER JSON or Parquet.
    Export(store_cmd::ExportArgs),
    /// Check a store's integrity and invariants.
    Check(store_cmd::CheckArgs),
    /// Serve the HTTP API (/v1) and the web dashboard over a store.
    Serve(serve_cmd::ServeArgs),
    /// Measure the whole pipeline on a corpus: articles/s, sentences/s, MB/s, peak memory.
    Bench(bench_cmd::BenchArgs),
    /// Score detente on a benchmark and print the figures.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a learned component on a benchmark's training compartment.
    #[command(subcommand)]
    Train(eval::TrainCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<bool> = match cli.command {
        Command::Code(args) => code::run_code(args),
        Command::Demo(args) => code::run_demo(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => eval::train(cmd),
        Command::Bench(args) => bench_cmd::run_bench(args),
        Command::Ingest(args) => store_cmd::run_ingest(args),
        Command::Import(args) => store_cmd::run_import(args),
        Command::Events(args) => store_cmd::run_events(args),
        Command::Trend(args) => store_cmd::run_trend(args),
        Command::Quotes(args) => store_cmd::run_quotes(args),
        Command::Export(args) => store_cmd::run_export(args),
        Command::Check(args) => store_cmd::run_check(args),
        Command::Serve(args) => serve_cmd::run_serve(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("detente: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
