//! Store benchmarks (run with `cargo bench -p detente-store`; prints figures, asserts nothing):
//! 1. ingest of the Reuters-21578 corpus (../shared/data/reuters21578, or the path in
//!    DETENTE_REUTERS) into an empty store: articles per second and database size;
//! 2. trend and event queries on a synthetic store of a million events: median and p99 latency.

use detente_doc::output::Article;
use detente_ingest::RawArticle;
use detente_pipeline::Pipeline;
use detente_store::{Dyad, EventQuery, Period, Store, TrendQuery};
use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reuters = std::env::var("DETENTE_REUTERS").unwrap_or_else(|_| {
        format!(
            "{}/../../../shared/data/reuters21578/reuters21578.tar.gz",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    match read_reuters(&reuters) {
        Ok(articles) => bench_ingest(&articles, &dir.path().join("reuters.db")),
        Err(e) => println!("reuters ingest: skipped ({reuters}: {e})"),
    }
    bench_queries(&dir.path().join("synthetic.db"), 1_000_000);
}

/// The Reuters-21578 stories with a body, dated by their <DATE> (detente_ingest::reuters).
fn read_reuters(path: &str) -> Result<Vec<RawArticle>, detente_ingest::reuters::ReutersError> {
    detente_ingest::reuters::stories(std::path::Path::new(path)).collect()
}

fn bench_ingest(articles: &[RawArticle], path: &std::path::Path) {
    let pipeline = Pipeline::with_defaults().expect("dictionaries");
    let mut store = Store::open(path).expect("store");
    let started = Instant::now();
    let mut coding = Duration::ZERO;
    for chunk in articles.chunks(500) {
        let t = Instant::now();
        let coded: Vec<Article> = chunk
            .iter()
            .cloned()
            .map(|raw| Article::from_document(&pipeline.code(raw)))
            .collect();
        coding += t.elapsed();
        store.ingest_batch(&coded).expect("batch");
    }
    let total = started.elapsed();
    store
        .connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let counts = store.counts().expect("counts");
    println!(
        "reuters ingest: {} articles in {:.1} s = {:.0} articles/s (coding {:.1} s, storing {:.1} s, one thread); store {:.1} MB; {} events, {} mentions",
        articles.len(),
        total.as_secs_f64(),
        articles.len() as f64 / total.as_secs_f64(),
        coding.as_secs_f64(),
        (total - coding).as_secs_f64(),
        size as f64 / 1e6,
        counts.events,
        counts.mentions
    );
}

fn measure(label: &str, runs: usize, mut f: impl FnMut() -> usize) {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        rows = f();
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label}: median {:.1} ms, p99 {:.1} ms, max {:.1} ms ({rows} rows, {runs} runs)",
        ms(times[runs / 2]),
        ms(times[(runs * 99) / 100]),
        ms(times[runs - 1])
    );
}

fn bench_queries(path: &std::path::Path, n: usize) {
    // DETENTE_SYNTHETIC_DB keeps the synthetic store between runs (built when missing).
    let kept = std::env::var("DETENTE_SYNTHETIC_DB").ok().map(std::path::PathBuf::from);
    let store = match &kept {
        Some(p) if p.exists() => Store::open(p).expect("synthetic store"),
        _ => {
            let t = Instant::now();
            let store = detente_store::synthetic::fill(kept.as_deref().unwrap_or(path), n).expect("synthetic store");
            println!("synthetic store: {n} mentions built in {:.1} s", t.elapsed().as_secs_f64());
            store
        }
    };
    println!("synthetic store: {} events", store.counts().expect("counts").events);
    let dyads = ["USA:CHN", "RUS:UKR", "ISR:IRN", "FRA:DEU"];
    let mut k = 0;
    measure("trend (dyad, both directions, by week, 6 years)", 40, || {
        k += 1;
        let q = TrendQuery {
            dyad: Dyad::parse(dyads[k % 4], false).expect("dyad"),
            period: Period::Week,
            since: None,
            until: None,
        };
        store.trend(&q).expect("trend").len()
    });
    measure("trend (dyad, one direction, by month, one year)", 40, || {
        k += 1;
        let q = TrendQuery {
            dyad: Dyad::parse(dyads[k % 4], true).expect("dyad"),
            period: Period::Month,
            since: Some("2023-01-01".into()),
            until: Some("2023-12-31".into()),
        };
        store.trend(&q).expect("trend").len()
    });
    measure("events (dyad + CAMEO root + date range, 50 newest)", 40, || {
        k += 1;
        let q = EventQuery {
            dyad: Some(Dyad::parse(dyads[k % 4], false).expect("dyad")),
            cameo: Some("19".into()),
            since: Some("2022-01-01".into()),
            limit: 50,
            ..Default::default()
        };
        store.events(&q).expect("events").len()
    });
    measure("events (actor, 50 newest)", 40, || {
        k += 1;
        let q = EventQuery {
            actor: Some(["USA", "CHN", "RUS", "IRN"][k % 4].into()),
            limit: 50,
            ..Default::default()
        };
        store.events(&q).expect("events").len()
    });
}
