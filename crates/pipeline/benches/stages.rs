//! Per-stage and whole-pipeline benchmarks on realistic news text
//! (`cargo bench -p detente-pipeline`).
//!
//! The corpus is the first 300 Reuters-21578 stories (../shared/data/reuters21578, or
//! the archive named by DETENTE_REUTERS) when present, else the project's sample
//! articles (examples/news). Each stage is timed alone on documents that already carry
//! the layers it reads; throughput is reported in sentences.

use detente_doc::Document;
use detente_ingest::RawArticle;
use detente_pipeline::Pipeline;
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use std::sync::LazyLock;

fn main() {
    let corpus = &*CORPUS;
    println!(
        "corpus: {} ({} articles, {} sentences, {} bytes)",
        corpus.name,
        corpus.raw.len(),
        corpus.sentences,
        corpus.bytes
    );
    divan::main();
}

const SAMPLES: &[(&str, &str)] = &[
    ("berlin-paris-visit", include_str!("../../../examples/news/berlin-paris-visit.txt")),
    ("border-clashes", include_str!("../../../examples/news/border-clashes.txt")),
    ("trade-talks", include_str!("../../../examples/news/trade-talks.txt")),
    ("sanctions-warning", include_str!("../../../examples/news/sanctions-warning.txt")),
    ("summit-plans", include_str!("../../../examples/news/summit-plans.txt")),
];

const REUTERS_STORIES: usize = 300;

struct Corpus {
    name: String,
    raw: Vec<RawArticle>,
    sentences: usize,
    bytes: usize,
}

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::with_defaults().expect("dictionaries"));

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let path = std::env::var("DETENTE_REUTERS").unwrap_or_else(|_| {
        format!(
            "{}/../../../shared/data/reuters21578/reuters21578.tar.gz",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let reuters: Vec<RawArticle> = if std::path::Path::new(&path).is_file() {
        detente_ingest::reuters::stories(path.as_ref())
            .filter_map(Result::ok)
            .take(REUTERS_STORIES)
            .collect()
    } else {
        Vec::new()
    };
    let (name, raw) = if reuters.is_empty() {
        let samples = SAMPLES
            .iter()
            .filter_map(|(id, text)| detente_ingest::parse_text_article(text.as_bytes(), id, Some(id.to_string())).ok())
            .collect();
        ("sample articles (examples/news)".to_string(), samples)
    } else {
        (format!("first {} Reuters-21578 stories", reuters.len()), reuters)
    };
    let built = after(&raw, 0);
    Corpus {
        name,
        sentences: built.iter().map(|d| d.sentences.len()).sum(),
        bytes: raw.iter().map(|r| r.body.len()).sum(),
        raw,
    }
});

/// The corpus's documents after the text stage and the first `stages` later stages.
fn after(raw: &[RawArticle], stages: usize) -> Vec<Document> {
    let p = &*PIPELINE;
    raw.iter()
        .map(|r| {
            let mut doc = p.text.build(r.meta.clone(), &r.body);
            let steps: [&dyn Fn(&mut Document); 3] = [&|d| p.actors.annotate(d), &|d| p.times.annotate(d), &|d| p.quotes.annotate(d)];
            for step in steps.iter().take(stages) {
                step(&mut doc);
            }
            doc
        })
        .collect()
}

/// Time `stage` over the corpus's documents prepared by the `prepared` earlier stages.
fn bench_stage(bencher: Bencher, prepared: usize, stage: impl Fn(&Pipeline, &mut Document) + Sync) {
    let corpus = &*CORPUS;
    let docs = after(&corpus.raw, prepared);
    bencher
        .counter(ItemsCount::new(corpus.sentences))
        .with_inputs(|| docs.clone())
        .bench_local_values(|mut docs| {
            for doc in &mut docs {
                stage(&PIPELINE, doc);
            }
            docs
        });
}

#[divan::bench(sample_count = 20)]
fn text(bencher: Bencher) {
    let corpus = &*CORPUS;
    bencher.counter(ItemsCount::new(corpus.sentences)).bench(|| {
        corpus
            .raw
            .iter()
            .map(|r| PIPELINE.text.build(r.meta.clone(), &r.body))
            .collect::<Vec<_>>()
    });
}

#[divan::bench(sample_count = 20)]
fn actors(bencher: Bencher) {
    bench_stage(bencher, 0, |p, d| p.actors.annotate(d));
}

#[divan::bench(sample_count = 20)]
fn times(bencher: Bencher) {
    bench_stage(bencher, 1, |p, d| p.times.annotate(d));
}

#[divan::bench(sample_count = 20)]
fn quotes(bencher: Bencher) {
    bench_stage(bencher, 2, |p, d| p.quotes.annotate(d));
}

#[divan::bench(sample_count = 20)]
fn events(bencher: Bencher) {
    bench_stage(bencher, 3, |p, d| p.events.annotate(d));
}

/// The whole pipeline, raw article in, output article (the JSON contract) out.
#[divan::bench(sample_count = 20)]
fn whole_pipeline(bencher: Bencher) {
    let corpus = &*CORPUS;
    bencher
        .counter(ItemsCount::new(corpus.sentences))
        .counter(BytesCount::new(corpus.bytes))
        .with_inputs(|| corpus.raw.clone())
        .bench_local_values(|raw| {
            raw.into_iter()
                .map(|r| detente_doc::output::Article::from_document(&PIPELINE.code(r)))
                .collect::<Vec<_>>()
        });
}
