//! `detente bench`: the whole pipeline's throughput and peak memory on a corpus.

use anyhow::{Context, Result};
use clap::Args;
use detente_doc::output::Article;
use detente_ingest::{read_input, Defaults, Input, RawArticle};
use detente_pipeline::Pipeline;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the Reuters-21578 archive is looked for when no corpus is given.
const DEFAULT_REUTERS: &str = "../shared/data/reuters21578/reuters21578.tar.gz";

#[derive(Args)]
pub struct BenchArgs {
    /// The corpus: a Reuters-21578 `.tar.gz` (by its name), or any input `detente code`
    /// reads (files, directories). Default: ../shared/data/reuters21578/reuters21578.tar.gz
    /// when present, else the bundled sample articles.
    pub path: Option<PathBuf>,
    /// Coding threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Code the corpus this many times over (to show how time grows with input size).
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Print the corpus's article texts (title, blank line, body) as JSON Lines
    /// (`{"id", "text"}`) instead of coding them: the input for other tools in
    /// bench/compare.sh.
    #[arg(long)]
    pub print_texts: bool,
    /// Read the whole corpus into memory before the clock starts, so that the figures
    /// cover coding alone (not reading and decompressing). Labelled in the output;
    /// the default streams the corpus and times everything.
    #[arg(long)]
    pub preload: bool,
}

/// The corpus to read.
enum Corpus {
    Reuters(PathBuf),
    Inputs(PathBuf),
    Samples,
}

impl Corpus {
    fn choose(path: Option<&Path>) -> Corpus {
        match path {
            Some(p) if is_reuters(p) => Corpus::Reuters(p.to_path_buf()),
            Some(p) => Corpus::Inputs(p.to_path_buf()),
            None if Path::new(DEFAULT_REUTERS).is_file() => Corpus::Reuters(DEFAULT_REUTERS.into()),
            None => Corpus::Samples,
        }
    }

    fn describe(&self) -> String {
        match self {
            Corpus::Reuters(p) => format!("Reuters-21578 ({})", p.display()),
            Corpus::Inputs(p) => p.display().to_string(),
            Corpus::Samples => "the bundled sample articles".into(),
        }
    }

    /// One pass over the corpus, streamed; unreadable records become errors.
    fn read(&self) -> Box<dyn Iterator<Item = Result<RawArticle, String>>> {
        match self {
            Corpus::Reuters(p) => Box::new(detente_ingest::reuters::stories(p).map(|r| r.map_err(|e| e.to_string()))),
            Corpus::Inputs(p) => Box::new(read_input(&Input::Path(p.clone()), &Defaults::default()).map(|r| r.map_err(|e| e.to_string()))),
            Corpus::Samples => Box::new(crate::code::sample_articles().into_iter().map(Ok)),
        }
    }
}

fn is_reuters(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n.contains("reuters") && n.ends_with(".tar.gz"))
}

/// What one run measured.
#[derive(Debug, Default)]
struct Figures {
    articles: usize,
    sentences: usize,
    bytes: usize,
    events: usize,
    json_bytes: usize,
    errors: usize,
    /// CPU time of the whole process (every thread) while coding.
    cpu_seconds: Option<f64>,
}

pub fn run_bench(args: BenchArgs) -> Result<bool> {
    let corpus = Corpus::choose(args.path.as_deref());
    if args.print_texts {
        return print_texts(&corpus);
    }
    let threads = crate::store_cmd::thread_count(args.threads);
    let repeat = args.repeat.max(1);
    let started = Instant::now();
    let pipeline = Pipeline::with_defaults().context("loading the dictionaries")?;
    let startup = started.elapsed().as_secs_f64();

    let mut figures = Figures::default();
    let mut bytes_read = 0usize;
    // One copy in memory, cloned for each repetition (so --repeat does not multiply it).
    let preloaded: Option<Vec<Result<RawArticle, String>>> = args.preload.then(|| corpus.read().collect());
    let inputs: Box<dyn Iterator<Item = Result<RawArticle, String>> + '_> = match &preloaded {
        Some(articles) => Box::new((0..repeat).flat_map(|_| articles.iter().cloned())),
        None => Box::new((0..repeat).flat_map(|_| corpus.read())),
    };
    let inputs = inputs.inspect(|r| {
        if let Ok(raw) = r {
            bytes_read += raw.body.len() + raw.meta.title.as_ref().map_or(0, String::len);
        }
    });
    // Build and serialise the output record as `detente code` does (on the worker),
    // so that the figure covers the whole job.
    let finish = |doc: detente_doc::Document| {
        let article = Article::from_document(&doc);
        let json = serde_json::to_vec(&article).map_or(0, |j| j.len() + 1);
        (doc.sentences.len(), article.events.len(), json)
    };
    let cpu_before = cpu_seconds();
    let coding = Instant::now();
    detente_pipeline::parallel::code_ordered_then(&pipeline, inputs, threads, threads * 64, finish, |result| match result {
        Ok((sentences, events, json_bytes)) => {
            figures.articles += 1;
            figures.sentences += sentences;
            figures.events += events;
            figures.json_bytes += json_bytes;
        }
        Err(e) => {
            eprintln!("detente: error: {e}");
            figures.errors += 1;
        }
    });
    let seconds = coding.elapsed().as_secs_f64();
    figures.cpu_seconds = cpu_seconds().zip(cpu_before).map(|(after, before)| after - before);
    figures.bytes = bytes_read;
    let peak = peak_resident_bytes();
    report(&args, &corpus, threads, repeat, startup, seconds, &figures, peak)?;
    Ok(figures.errors == 0)
}

#[allow(clippy::too_many_arguments)]
fn report(
    args: &BenchArgs,
    corpus: &Corpus,
    threads: usize,
    repeat: usize,
    startup: f64,
    seconds: f64,
    f: &Figures,
    peak: Option<u64>,
) -> Result<()> {
    let per_second = |n: usize| n as f64 / seconds.max(1e-9);
    let mb = f.bytes as f64 / 1e6;
    let peak_mb = peak.map(|b| b as f64 / 1e6);
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = serde_json::json!({
            "corpus": corpus.describe(),
            "preloaded": args.preload,
            "threads": threads,
            "repeat": repeat,
            "articles": f.articles,
            "sentences": f.sentences,
            "megabytes": mb,
            "events": f.events,
            "errors": f.errors,
            "startup_seconds": startup,
            "seconds": seconds,
            "articles_per_second": per_second(f.articles),
            "sentences_per_second": per_second(f.sentences),
            "sentences_per_second_per_thread": per_second(f.sentences) / threads as f64,
            "megabytes_per_second": mb / seconds.max(1e-9),
            "cpu_seconds": f.cpu_seconds,
            "sentences_per_cpu_second": f.cpu_seconds.map(|c| f.sentences as f64 / c.max(1e-9)),
            "peak_resident_megabytes": peak_mb,
        });
        writeln!(out, "{value}")?;
        return Ok(());
    }
    writeln!(out, "corpus: {} x{repeat}; {threads} coding threads", corpus.describe())?;
    if args.preload {
        writeln!(
            out,
            "        (--preload: read into memory before the clock started; reading and decompressing are not timed)"
        )?;
    }
    writeln!(
        out,
        "read:   {} articles, {} sentences, {mb:.1} MB of text; {} events; {:.1} MB of JSON",
        f.articles,
        f.sentences,
        f.events,
        f.json_bytes as f64 / 1e6
    )?;
    writeln!(out, "start-up (dictionaries): {startup:.2} s")?;
    writeln!(
        out,
        "coding: {seconds:.2} s = {:.0} articles/s, {:.0} sentences/s ({:.0} per thread), {:.2} MB/s",
        per_second(f.articles),
        per_second(f.sentences),
        per_second(f.sentences) / threads as f64,
        mb / seconds.max(1e-9)
    )?;
    if let Some(cpu) = f.cpu_seconds {
        writeln!(
            out,
            "cpu:    {cpu:.2} s of CPU time (all threads) = {:.0} sentences per CPU-second \
             (the per-core figure, less sensitive to other load on the machine)",
            f.sentences as f64 / cpu.max(1e-9)
        )?;
    }
    match peak_mb {
        Some(p) => writeln!(out, "peak resident memory (VmHWM): {p:.1} MB")?,
        None => writeln!(out, "peak resident memory: unknown (no /proc/self/status)")?,
    }
    Ok(())
}

/// The process's peak resident set (VmHWM in /proc/self/status), in bytes.
fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

/// User + system CPU time of the process so far (/proc/self/stat; Linux's USER_HZ is 100).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_cpu_ticks(&stat).map(|ticks| ticks as f64 / 100.0)
}

/// utime + stime, the 14th and 15th fields; the command name (2nd) may hold spaces,
/// so count from its closing parenthesis.
fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

fn print_texts(corpus: &Corpus) -> Result<bool> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut ok = true;
    for result in corpus.read() {
        match result {
            Ok(raw) => {
                let text = match &raw.meta.title {
                    Some(title) => format!("{title}\n\n{}", raw.body),
                    None => raw.body,
                };
                serde_json::to_writer(&mut out, &serde_json::json!({"id": raw.meta.id, "text": text}))?;
                writeln!(out)?;
            }
            Err(e) => {
                eprintln!("detente: error: {e}");
                ok = false;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_peak_memory_from_status() {
        let status = "Name:\tdetente\nVmPeak:\t  900 kB\nVmHWM:\t   51200 kB\nVmRSS:\t 100 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(51200 * 1024));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
    }

    #[test]
    fn reads_cpu_ticks_from_stat() {
        let stat = "4242 (de tente) R 1 2 3 4 5 6 7 8 9 10 250 30 0 0 20 0 3 0 100";
        assert_eq!(parse_cpu_ticks(stat), Some(280));
        assert_eq!(parse_cpu_ticks("garbage"), None);
    }

    #[test]
    fn chooses_the_reader_by_name() {
        assert!(matches!(
            Corpus::choose(Some(Path::new("/data/reuters21578.tar.gz"))),
            Corpus::Reuters(_)
        ));
        assert!(matches!(Corpus::choose(Some(Path::new("news.jsonl"))), Corpus::Inputs(_)));
    }
}
