//! Store benchmarks (run with `cargo bench -p detente-store`; prints figures, asserts nothing):
//! 1. ingest of the Reuters-21578 corpus (../shared/data/reuters21578, or the path in
//!    DETENTE_REUTERS) into an empty store: articles per second and database size;
//! 2. trend and event queries on a synthetic store of a million events: median and p99 latency.

use detente_doc::output::Article;
use detente_ingest::RawArticle;
use detente_pipeline::Pipeline;
use detente_store::{Dyad, EventQuery, Period, Store, TrendQuery};
use std::io::Read;
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

/// The Reuters-21578 SGML stories with a body, dated by their <DATE>.
fn read_reuters(path: &str) -> std::io::Result<Vec<RawArticle>> {
    let file = std::fs::File::open(path)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut articles = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if !name.ends_with(".sgm") {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let text = String::from_utf8_lossy(&bytes);
        for doc in text.split("</REUTERS>") {
            let field = |tag: &str| {
                doc.split(&format!("<{tag}>"))
                    .nth(1)
                    .and_then(|s| s.split(&format!("</{tag}>")).next())
                    .map(unescape)
            };
            let Some(body) = field("BODY") else { continue };
            let published =
                field("DATE").and_then(|d| chrono::NaiveDate::parse_from_str(d.trim().get(..11).unwrap_or(""), "%d-%b-%Y").ok());
            let id = doc
                .split("NEWID=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(|s| format!("reuters-{s}"));
            let meta = detente_doc::ArticleMeta {
                id,
                title: field("TITLE"),
                published,
                source: Some("Reuters".into()),
                url: None,
                origin: name.clone(),
            };
            articles.push(RawArticle {
                meta,
                body: body.trim_end_matches("Reuter\n&#3;").to_string(),
                warnings: Vec::new(),
            });
        }
    }
    Ok(articles)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#3;", "")
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

/// Fill a store with `n` synthetic events (one article per 10 events, one mention each).
fn synthesize(path: &std::path::Path, n: usize) -> Store {
    let store = Store::open(path).expect("store");
    let conn = store.connection();
    let countries = [
        "USA", "CHN", "RUS", "UKR", "FRA", "DEU", "IND", "JPN", "BRA", "IRN", "ISR", "GBR", "TUR", "KOR", "PRK", "SAU",
    ];
    let sectors = ["", "GOV", "MIL", "MED", "BUS"];
    let codes = [
        ("042", 1.9, 1),
        ("040", 1.0, 1),
        ("051", 3.4, 1),
        ("061", 6.4, 2),
        ("073", 7.4, 2),
        ("111", -2.0, 3),
        ("112", -2.0, 3),
        ("130", -4.4, 3),
        ("173", -5.0, 4),
        ("190", -10.0, 4),
    ];
    conn.execute_batch("BEGIN").expect("begin");
    let mut article = conn.prepare("INSERT INTO articles (id, text_hash, published, source, text, n_sentences, doc_json, ingested_at) VALUES (?1, ?2, ?3, ?4, 'x', 1, '{}', '2024-01-01T00:00:00Z')").expect("prepare");
    let mut event = conn
        .prepare("INSERT INTO events (id, date, source_code, target_code, cameo, location, cameo_root, plover, goldstein, quad_class, source_country, target_country, num_mentions, num_sources, num_articles, first_added) VALUES (?1, ?2, ?3, ?4, ?5, '', substr(?5, 1, 2), NULL, ?6, ?7, ?8, ?9, 1, 1, 1, '2024-01-01T00:00:00Z')")
        .expect("prepare");
    let mut mention = conn
        .prepare("INSERT INTO mentions (event_id, article_id, sentence_idx, sentence_start, sentence_end, trigger_start, trigger_end, sentence_text, trigger_text, outlet, date_from) VALUES (?1, ?2, 0, 0, 1, 0, 1, 'x', 'x', ?3, 'text')")
        .expect("prepare");
    let mut seed = 0x2545F4914F6CDD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    for i in 0..n as i64 {
        let date = start + chrono::Duration::days((next() % 2190) as i64);
        let date = date.format("%Y-%m-%d").to_string();
        if i % 10 == 0 {
            article.execute(rusqlite_params(i / 10 + 1, &date)).expect("article");
        }
        let (a, b) = (countries[(next() % 16) as usize], countries[(next() % 16) as usize]);
        let (sa, sb) = (sectors[(next() % 5) as usize], sectors[(next() % 5) as usize]);
        let (code, gold, quad) = codes[(next() % 10) as usize];
        event
            .execute((i + 1, &date, format!("{a}{sa}"), format!("{b}{sb}"), code, gold, quad, a, b))
            .expect("event");
        mention
            .execute((i + 1, i / 10 + 1, format!("Outlet {}", next() % 50)))
            .expect("mention");
    }
    drop((article, event, mention));
    conn.execute_batch("COMMIT; ANALYZE").expect("commit");
    store
}

fn rusqlite_params(id: i64, date: &str) -> (i64, String, String, &'static str) {
    (id, format!("hash-{id}"), date.to_string(), "Synthetic")
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
    let t = Instant::now();
    let store = synthesize(path, n);
    println!("synthetic store: {n} events built in {:.1} s", t.elapsed().as_secs_f64());
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
