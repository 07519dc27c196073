//! Synthetic stores for benchmarks and load tests: plausible dyads, dates over six
//! years and CAMEO codes across the four QuadClasses, generated deterministically.

use crate::{Result, Store};

/// Create a store at `path` filled with about `n` synthetic events (`n` mentions; draws of an existing key merge) (one article per 10 events, one mention each).
pub fn fill(path: &std::path::Path, n: usize) -> Result<Store> {
    let store = Store::open(path)?;
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
    conn.execute_batch("BEGIN")?;
    let mut article = conn.prepare("INSERT INTO articles (id, text_hash, published, source, text, n_sentences, doc_json, ingested_at) VALUES (?1, ?2, ?3, ?4, 'x', 1, '{}', '2024-01-01T00:00:00Z')")?;
    let mut event = conn
        .prepare("INSERT INTO events (id, date, source_code, target_code, cameo, location, cameo_root, plover, goldstein, quad_class, source_country, target_country, num_mentions, num_sources, num_articles, first_added) VALUES (?1, ?2, ?3, ?4, ?5, '', substr(?5, 1, 2), NULL, ?6, ?7, ?8, ?9, 1, 1, 1, '2024-01-01T00:00:00Z')
                  ON CONFLICT (date, source_code, target_code, cameo, location)
                  DO UPDATE SET num_mentions = num_mentions + 1, num_articles = num_articles + 1 RETURNING id")
        ?;
    let mut mention = conn
        .prepare("INSERT INTO mentions (event_id, article_id, sentence_idx, sentence_start, sentence_end, trigger_start, trigger_end, sentence_text, trigger_text, outlet, date_from) VALUES (?1, ?2, 0, 0, 1, 0, 1, 'x', 'x', ?3, 'text')")
        ?;
    let mut seed = 0x2545F4914F6CDD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    for i in 0..n as i64 {
        let date = start + chrono::Duration::days((next() % 2190) as i64);
        let date = date.format("%Y-%m-%d").to_string();
        if i % 10 == 0 {
            article.execute((i / 10 + 1, format!("hash-{}", i / 10 + 1), &date, "Synthetic"))?;
        }
        let (a, b) = (countries[(next() % 16) as usize], countries[(next() % 16) as usize]);
        let (sa, sb) = (sectors[(next() % 5) as usize], sectors[(next() % 5) as usize]);
        let (code, gold, quad) = codes[(next() % 10) as usize];
        // the same (date, dyad, code) drawn twice is one event with two mentions, as in a real store
        let event_id: i64 = event.query_row(
            (i + 1, &date, format!("{a}{sa}"), format!("{b}{sb}"), code, gold, quad, a, b),
            |r| r.get(0),
        )?;
        mention.execute((event_id, i / 10 + 1, format!("Outlet {}", next() % 50)))?;
    }
    drop((article, event, mention));
    conn.execute_batch("COMMIT; ANALYZE")?;
    Ok(store)
}
