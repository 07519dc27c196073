//! `detente eval quotes [DIR] [--split train|dev|test]`: attribution detection on
//! PolNeAR, PARC-style (content, source and cue; one-to-one matching).
//!
//! Each article's raw text is turned into a Document with the same character
//! offsets as the original (see [`polnear::build_document`]), the actors, times and
//! quotes stages run on it, and our attributions (contents in one or several pieces)
//! are scored against the gold ones of the first annotator file in sorted order.

mod polnear;
mod score;

use anyhow::{Context, Result};
use detente_doc::{CharIndex, Document, Span};
use detente_pipeline::Pipeline;
use detente_quotes::learned::{self, features::GoldSpans, perceptron::Sequence, MergePolicy, Tagger};
use detente_quotes::Attribution;
use score::{prf, Counts, Item};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The benchmark data: PolNeAR-data.tar.gz, the folder holding it, or an unpacked
    /// PolNeAR-data folder (default: ../shared/data/polnear).
    pub path: Option<PathBuf>,
    /// Which compartment to score (develop on train and dev, report on test).
    #[arg(long, default_value = "test", value_parser = ["train", "dev", "test"])]
    pub split: String,
    /// Print up to N missed, spurious and wrongly sourced attributions (for error analysis).
    #[arg(long, default_value_t = 0)]
    pub show: usize,
    /// Print the N cue words with the most missed gold attributions, and the N with
    /// the most spurious finds (error analysis by cue, lower-cased).
    #[arg(long, default_value_t = 0)]
    pub by_cue: usize,
    /// Write each article's text, gold and predicted attributions and matched pairs
    /// as JSON lines to this file (character ranges; for error analysis by script).
    #[arg(long)]
    pub dump: Option<PathBuf>,
    /// A tagger trained by `detente train quotes`; without one, one is trained on the
    /// train compartment in this run (PolNeAR's weights are not shipped).
    #[arg(long)]
    pub quote_model: Option<PathBuf>,
    /// Score the rules only (no tagger trained or loaded).
    #[arg(long)]
    pub rules_only: bool,
    /// How the tagger's attributions join the rules' in the second full block and in
    /// --show/--by-cue/--dump: rules, model, add-new, add-new-bounds.
    #[arg(long, default_value = "add-new-bounds", value_parser = ["rules", "model", "add-new", "add-new-bounds"])]
    pub merge: String,
    /// Training passes when the tagger is trained in this run.
    #[arg(long, default_value_t = DEFAULT_EPOCHS)]
    pub epochs: usize,
}

/// `detente train quotes`: the learned tagger on PolNeAR's train compartment.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// The benchmark data, as for `detente eval quotes` (default: ../shared/data/polnear).
    #[arg(long)]
    pub polnear: Option<PathBuf>,
    /// Where to write the model (PolNeAR is for research use only: keep it out of the repository).
    #[arg(long)]
    pub out: PathBuf,
    /// Training passes.
    #[arg(long, default_value_t = DEFAULT_EPOCHS)]
    pub epochs: usize,
}

/// Training passes over PolNeAR train (chosen on dev).
const DEFAULT_EPOCHS: usize = 5;

fn default_data(path: Option<PathBuf>) -> PathBuf {
    path.unwrap_or_else(|| PathBuf::from("../shared/data/polnear"))
}

/// A gold attribution in the document's byte spans (`byte_at[c]` is char `c`'s byte).
fn gold_spans(g: &polnear::GoldAttribution, byte_at: &[usize]) -> GoldSpans {
    let spans = |r: &polnear::Ranges| -> Vec<Span> {
        r.iter()
            .filter_map(|&(s, e)| Some(Span::new(*byte_at.get(s)?, *byte_at.get(e)?)))
            .filter(|s| s.end > s.start)
            .collect()
    };
    GoldSpans {
        content: spans(&g.content),
        cue: spans(&g.cue),
        source: spans(&g.source),
    }
}

/// Train the tagger on PolNeAR train; prints what it took.
pub fn train_tagger(path: &Path, epochs: usize, pipeline: &Pipeline) -> Result<Tagger> {
    let started = Instant::now();
    let articles = polnear::load(path, "train").with_context(|| format!("loading PolNeAR from {}", path.display()))?;
    let bits = learned::DEFAULT_BUCKET_BITS;
    let sequences_of = |article: &polnear::Article| {
        let mut doc: Document = polnear::build_document(&article.text, &article.name, &pipeline.text.splitter);
        pipeline.actors.annotate(&mut doc);
        pipeline.times.annotate(&mut doc);
        let byte_at: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).chain([doc.text.len()]).collect();
        let gold: Vec<GoldSpans> = article.gold.iter().map(|g| gold_spans(g, &byte_at)).collect();
        pipeline.quotes.training_sequences(&doc, &gold, bits)
    };
    // The articles in as many slices as there are cores, coded side by side and
    // joined in order (training sees the same sequences whatever the core count).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let slice = articles.len().div_ceil(threads).max(1);
    let data: Vec<Sequence> = std::thread::scope(|scope| {
        let workers: Vec<_> = articles
            .chunks(slice)
            .map(|part| scope.spawn(move || part.iter().flat_map(sequences_of).collect::<Vec<Sequence>>()))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| anyhow::anyhow!("a training worker panicked")))
            .collect::<Result<Vec<Vec<Sequence>>>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    let read = started.elapsed().as_secs_f64();
    let tagger = learned::train(&data, epochs, bits);
    let nonzero = tagger.weights.emit.iter().filter(|w| **w != 0.0).count();
    println!(
        "tagger trained on PolNeAR train: {} articles, {} sentences, {} tokens, {epochs} passes; {:.1} s reading + {:.1} s training; {} non-zero weights ({:.1} MB as a model file)",
        articles.len(),
        data.len(),
        data.iter().map(Sequence::len).sum::<usize>(),
        read,
        started.elapsed().as_secs_f64() - read,
        nonzero,
        (nonzero * 8) as f64 / 1e6
    );
    Ok(tagger)
}

pub fn run_train(args: TrainArgs) -> Result<bool> {
    let pipeline = Pipeline::with_defaults()?;
    let tagger = train_tagger(&default_data(args.polnear), args.epochs, &pipeline)?;
    let file = std::fs::File::create(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    let mut out = std::io::BufWriter::new(file);
    tagger.save(&mut out).with_context(|| format!("writing {}", args.out.display()))?;
    println!("model written to {}", args.out.display());
    Ok(true)
}

/// Load a model written by `detente train quotes`.
pub fn load_tagger(path: &Path) -> Result<Tagger> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    Tagger::load(&mut std::io::BufReader::new(file)).with_context(|| format!("reading the quote model {}", path.display()))
}

fn char_ranges(index: &CharIndex, spans: impl IntoIterator<Item = Span>) -> polnear::Ranges {
    spans
        .into_iter()
        .map(|s| (index.char_offset(s.start), index.char_offset(s.end)))
        .collect()
}

fn predicted_item(index: &CharIndex, a: &Attribution) -> Item {
    Item {
        content: char_ranges(index, a.pieces.iter().copied()),
        source: char_ranges(index, a.speaker),
        cue: char_ranges(index, [a.cue]),
    }
}

fn gold_item(g: &polnear::GoldAttribution) -> Item {
    Item {
        content: g.content.clone(),
        source: g.source.clone(),
        cue: g.cue.clone(),
    }
}

/// Double quotation marks of any style, including the old newspaper `''`.
fn has_quote_marks(text: &[char], ranges: &polnear::Ranges) -> bool {
    ranges.iter().any(|&(s, e)| {
        text.get(s..e.min(text.len()))
            .is_some_and(|cs| cs.iter().any(|c| matches!(c, '"' | '\u{201C}' | '\u{201D}')) || cs.windows(2).any(|w| w == ['\'', '\'']))
    })
}

fn show_ranges(text: &[char], ranges: &polnear::Ranges) -> String {
    ranges
        .iter()
        .map(|&(s, e)| {
            text.get(s..e.min(text.len()))
                .map(|c| c.iter().collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// One statement per cue: a partial quotation inside reported speech, the parts of
/// a split quotation and a quotation's further paragraphs share their cue, and
/// PolNeAR annotates them as one attribution with a discontinuous content.
fn merge_by_cue(found: Vec<Attribution>) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    for a in found {
        match out.iter_mut().find(|b| b.cue == a.cue) {
            Some(b) => {
                for piece in a.pieces {
                    if !b.pieces.iter().any(|p| p.contains(piece)) {
                        b.pieces.push(piece);
                    }
                }
                b.direct |= a.direct;
            }
            None => out.push(a),
        }
    }
    out
}

/// Scores for all attributions and for those whose content has quotation marks.
#[derive(Default)]
struct Totals {
    all: Counts,
    quoted: Counts,
}

pub fn run(args: Args) -> Result<bool> {
    let path = default_data(args.path.clone());
    let started = Instant::now();
    let articles = polnear::load(&path, &args.split).with_context(|| format!("loading PolNeAR from {}", path.display()))?;
    let pipeline = pipeline_with_tagger(&args, &path)?;
    let chosen = MergePolicy::parse(&args.merge).unwrap_or_default();
    let policies: Vec<MergePolicy> = if pipeline.quotes.tagger.is_none() {
        vec![MergePolicy::Rules]
    } else {
        MergePolicy::ALL.to_vec()
    };
    let mut totals: Vec<Totals> = policies.iter().map(|_| Totals::default()).collect();
    let mut diagnostics = Diagnostics::new(&args)?;
    for article in &articles {
        let doc = annotate(&pipeline, article);
        let (rules, learned) = pipeline.quotes.rules_and_learned(&doc);
        let scored = ScoredArticle::new(article, &doc);
        for (policy, total) in policies.iter().zip(&mut totals) {
            let found = merge_by_cue(learned::merge::merge(&rules, learned.as_deref().unwrap_or(&[]), *policy));
            let (pred, pairs) = scored.add_scores(&found, total);
            // Diagnostics on the chosen policy's output (the rules' alone without a tagger).
            if *policy != chosen && policies.len() > 1 {
                continue;
            }
            diagnostics.add(&scored, &found, &pred, &pairs)?;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "PolNeAR {} compartment: {} articles (annotator: the first .ann file in sorted order), {:.1} s",
        args.split,
        articles.len(),
        elapsed
    );
    print_totals(&policies, &totals, chosen);
    if args.by_cue > 0 {
        diagnostics.by_cue.print(args.by_cue);
    }
    Ok(true)
}

/// Our pipeline, with the learned tagger (`--quote-model`, else trained on PolNeAR
/// train in this run) unless `--rules-only`.
fn pipeline_with_tagger(args: &Args, path: &Path) -> Result<Pipeline> {
    let mut pipeline = Pipeline::with_defaults()?;
    if args.rules_only {
        return Ok(pipeline);
    }
    let tagger = match &args.quote_model {
        Some(p) => Some(load_tagger(p)?),
        // A folder with no train compartment (a test fixture, a partial copy): rules only.
        None => match train_tagger(path, args.epochs, &pipeline) {
            Ok(tagger) => Some(tagger),
            Err(e) => {
                println!("no tagger trained ({e:#}): rules only");
                None
            }
        },
    };
    if let Some(tagger) = tagger {
        pipeline.quotes = pipeline.quotes.clone().with_tagger(tagger);
    }
    Ok(pipeline)
}

/// An article through the stages before the quote stage.
fn annotate(pipeline: &Pipeline, article: &polnear::Article) -> Document {
    let mut doc: Document = polnear::build_document(&article.text, &article.name, &pipeline.text.splitter);
    pipeline.actors.annotate(&mut doc);
    pipeline.times.annotate(&mut doc);
    doc
}

/// An article with its gold attributions, ready to score what a policy found.
struct ScoredArticle<'a> {
    article: &'a polnear::Article,
    index: CharIndex,
    chars: Vec<char>,
    gold: Vec<Item>,
    /// The gold attributions whose content has quotation marks.
    gold_quoted: Vec<Item>,
}

impl<'a> ScoredArticle<'a> {
    fn new(article: &'a polnear::Article, doc: &Document) -> Self {
        let chars: Vec<char> = article.text.chars().collect();
        let gold: Vec<Item> = article.gold.iter().map(gold_item).collect();
        let gold_quoted: Vec<Item> = gold.iter().filter(|g| has_quote_marks(&chars, &g.content)).cloned().collect();
        ScoredArticle {
            article,
            index: CharIndex::new(&doc.text),
            chars,
            gold,
            gold_quoted,
        }
    }

    /// Score the attributions found against the gold ones (all, and those with
    /// quotation marks), adding to `total`; returns the predicted items and the
    /// matched (gold, predicted) pairs.
    fn add_scores(&self, found: &[Attribution], total: &mut Totals) -> (Vec<Item>, Vec<(usize, usize)>) {
        let text = &self.article.text;
        let pred: Vec<Item> = found.iter().map(|a| predicted_item(&self.index, a)).collect();
        let (counts, pairs) = score::score(text, &self.gold, &pred);
        total.all.add(counts);
        let pred_quoted: Vec<Item> = found
            .iter()
            .zip(&pred)
            .filter(|(a, p)| a.direct || has_quote_marks(&self.chars, &p.content))
            .map(|(_, p)| p.clone())
            .collect();
        total.quoted.add(score::score(text, &self.gold_quoted, &pred_quoted).0);
        (pred, pairs)
    }
}

/// Error analysis asked for: errors by cue (`--by-cue`), the JSON dump (`--dump`) and
/// the errors shown (`--show`).
struct Diagnostics {
    by_cue_on: bool,
    by_cue: CueErrors,
    dump: Option<std::io::BufWriter<std::fs::File>>,
    show: usize,
    shown: usize,
}

impl Diagnostics {
    fn new(args: &Args) -> Result<Self> {
        let dump = match &args.dump {
            Some(p) => Some(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            None => None,
        };
        Ok(Diagnostics {
            by_cue_on: args.by_cue > 0,
            by_cue: CueErrors::default(),
            dump,
            show: args.show,
            shown: 0,
        })
    }

    fn add(&mut self, scored: &ScoredArticle, found: &[Attribution], pred: &[Item], pairs: &[(usize, usize)]) -> Result<()> {
        if self.by_cue_on {
            self.by_cue.add(&scored.chars, &scored.gold, pred, pairs);
        }
        if let Some(out) = self.dump.as_mut() {
            let direct: Vec<bool> = found.iter().map(|a| a.direct).collect();
            write_dump(out, scored.article, &scored.gold, pred, &direct, pairs)?;
        }
        if self.shown < self.show {
            self.shown += show_errors(scored.article, &scored.chars, &scored.gold, pred, pairs, self.show - self.shown);
        }
        Ok(())
    }
}

/// The rules' block and the chosen policy's, then every policy's F1 on one line each.
fn print_totals(policies: &[MergePolicy], totals: &[Totals], chosen: MergePolicy) {
    for (policy, total) in policies.iter().zip(totals) {
        if *policy == MergePolicy::Rules {
            println!("\n=== rules only (the default product) ===");
        } else if *policy == chosen {
            println!("\n=== rules + tagger trained on PolNeAR train (merge: {}) ===", policy.name());
        } else {
            continue;
        }
        print_block("all attributions", &total.all);
        print_block("attributions whose content has quotation marks", &total.quoted);
    }
    if policies.len() > 1 {
        println!("\nmerge policies (content F1 / end-to-end F1 / quoted content F1 / P / R):");
        for (policy, total) in policies.iter().zip(totals) {
            let f = |c: &Counts, hits: usize| prf(hits, c.predicted, c.gold);
            let (p, r, content) = f(&total.all, total.all.matched);
            println!(
                "  {:<16} {:.3} / {:.3} / {:.3}   P {p:.3} R {r:.3}",
                policy.name(),
                content,
                f(&total.all, total.all.both_ok).2,
                f(&total.quoted, total.quoted.matched).2
            );
        }
    }
}

fn item_json(i: &Item) -> serde_json::Value {
    serde_json::json!({"content": i.content, "source": i.source, "cue": i.cue})
}

/// One JSON line per article for `--dump`: its text, gold and predicted items and the
/// matched (gold, predicted) index pairs.
fn write_dump(
    out: &mut impl std::io::Write,
    article: &polnear::Article,
    gold: &[Item],
    pred: &[Item],
    direct: &[bool],
    pairs: &[(usize, usize)],
) -> Result<()> {
    let line = serde_json::json!({
        "name": article.name,
        "text": article.text,
        "gold": gold.iter().map(item_json).collect::<Vec<_>>(),
        "pred": pred.iter().map(item_json).collect::<Vec<_>>(),
        "direct": direct,
        "pairs": pairs,
    });
    writeln!(out, "{line}")?;
    Ok(())
}

/// Unmatched gold and predicted attributions counted by their cue's words.
#[derive(Default)]
struct CueErrors {
    missed: std::collections::HashMap<String, usize>,
    spurious: std::collections::HashMap<String, usize>,
}

impl CueErrors {
    fn add(&mut self, text: &[char], gold: &[Item], pred: &[Item], pairs: &[(usize, usize)]) {
        for (g, item) in gold.iter().enumerate() {
            if !pairs.iter().any(|&(x, _)| x == g) {
                *self.missed.entry(show_ranges(text, &item.cue).to_lowercase()).or_default() += 1;
            }
        }
        for (p, item) in pred.iter().enumerate() {
            if !pairs.iter().any(|&(_, y)| y == p) {
                *self.spurious.entry(show_ranges(text, &item.cue).to_lowercase()).or_default() += 1;
            }
        }
    }

    fn print(&self, n: usize) {
        for (title, counts) in [("missed gold attributions", &self.missed), ("spurious finds", &self.spurious)] {
            let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            println!("\n{title} by cue (top {n}):");
            for (cue, count) in rows.into_iter().take(n) {
                println!("  {count:>5}  {cue}");
            }
        }
    }
}

fn print_block(title: &str, c: &Counts) {
    println!("\n{title}: {} gold, {} predicted", c.gold, c.predicted);
    println!("  {:<40} {:>6} {:>6} {:>6}", "", "P", "R", "F1");
    let row = |name: &str, hits: usize| {
        let (p, r, f) = prf(hits, c.predicted, c.gold);
        println!("  {name:<40} {p:>6.3} {r:>6.3} {f:>6.3}");
    };
    row("content, overlap (token Jaccard >= 0.5)", c.matched);
    row("content, exact (same words)", c.matched_exact);
    row("end-to-end (content overlap + source)", c.both_ok);
    let acc = |n: usize| if c.matched == 0 { 0.0 } else { n as f64 / c.matched as f64 };
    println!(
        "  source accuracy on matched contents: {:.3} ({} of {})",
        acc(c.source_ok),
        c.source_ok,
        c.matched
    );
    println!(
        "  cue accuracy on matched contents:    {:.3} ({} of {})",
        acc(c.cue_ok),
        c.cue_ok,
        c.matched
    );
}

/// Print the article's misses, spurious finds and wrong sources; returns how many lines.
fn show_errors(article: &polnear::Article, text: &[char], gold: &[Item], pred: &[Item], pairs: &[(usize, usize)], limit: usize) -> usize {
    let mut lines = Vec::new();
    for (g, item) in gold.iter().enumerate() {
        if !pairs.iter().any(|&(x, _)| x == g) {
            // BOUND: we found the cue but drew the content differently
            let same_cue = pred.iter().find(|p| score::overlaps(&p.cue, &item.cue));
            lines.push(format!(
                "{}  [{}] <{}> {}{}",
                if same_cue.is_some() { "BOUND" } else { "MISS " },
                show_ranges(text, &item.source),
                show_ranges(text, &item.cue),
                show_ranges(text, &item.content),
                same_cue
                    .map(|p| format!("\n      ours: {}", show_ranges(text, &p.content)))
                    .unwrap_or_default()
            ));
        }
    }
    for (p, item) in pred.iter().enumerate() {
        match pairs.iter().find(|&&(_, y)| y == p) {
            None => lines.push(format!(
                "EXTRA [{}] <{}> {}",
                show_ranges(text, &item.source),
                show_ranges(text, &item.cue),
                show_ranges(text, &item.content)
            )),
            Some(&(g, _)) if !score::source_ok(&gold[g], item) => lines.push(format!(
                "SRC   ours [{}] gold [{}] <{}> {}",
                show_ranges(text, &item.source),
                show_ranges(text, &gold[g].source),
                show_ranges(text, &item.cue),
                show_ranges(text, &item.content)
            )),
            Some(_) => {}
        }
    }
    lines.truncate(limit);
    if !lines.is_empty() {
        println!("== {} ({})", article.name, article.annotator);
        for l in &lines {
            println!("{l}");
        }
    }
    lines.len()
}
