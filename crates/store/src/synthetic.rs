//! Synthetic stores for benchmarks and load tests, generated deterministically and
//! skewed like real news event data: countries drawn by a Zipf law (a few, led by the
//! USA, Russia and China, take most events; a long tail takes the rest), a third of the
//! events domestic, sectors and CAMEO codes drawn with unequal weights (statements and
//! consultations common, force rare), dates over six years. The biggest dyads
//! (USA-RUS, USA-CHN) hold tens of thousands of events, most dyads a handful.
//! Mentions carry a realistic evidence sentence, and each article's text is its
//! mentions' sentences (so offsets hold); the full-text index is left empty.

use crate::{Result, Store};

/// Countries in rough order of how often the news names them (Zipf rank).
pub const COUNTRIES: [&str; 50] = [
    "USA", "RUS", "CHN", "UKR", "ISR", "GBR", "FRA", "DEU", "IRN", "IND", "TUR", "JPN", "PSE", "SYR", "KOR", "PRK", "SAU", "PAK", "AFG",
    "IRQ", "EGY", "BRA", "CAN", "AUS", "MEX", "ITA", "ESP", "POL", "NGA", "ZAF", "VEN", "TWN", "LBN", "YEM", "QAT", "ARE", "KEN", "ETH",
    "SDN", "COL", "ARG", "IDN", "PHL", "VNM", "THA", "MMR", "BLR", "GEO", "ARM", "AZE",
];

/// Actor sectors with their weights ("" is the country itself).
const SECTORS: [(&str, u32); 8] = [
    ("", 35),
    ("GOV", 30),
    ("MIL", 10),
    ("BUS", 7),
    ("MED", 6),
    ("OPP", 5),
    ("CVL", 4),
    ("JUD", 3),
];

/// CAMEO codes: (code, Goldstein, QuadClass, weight, verb for the evidence sentence).
pub const CODES: [(&str, f64, i64, u32, &str); 20] = [
    ("010", 0.0, 1, 14, "made a statement about"),
    ("020", 3.0, 1, 4, "appealed to"),
    ("036", 4.0, 1, 6, "expressed intent to meet"),
    ("040", 1.0, 1, 8, "consulted"),
    ("042", 1.9, 1, 6, "visited"),
    ("043", 2.8, 1, 6, "hosted"),
    ("046", 7.0, 1, 3, "negotiated with"),
    ("051", 3.4, 1, 6, "praised"),
    ("057", 8.0, 1, 2, "signed an agreement with"),
    ("061", 6.4, 2, 3, "cooperated economically with"),
    ("071", 7.4, 2, 2, "provided economic aid to"),
    ("073", 7.4, 2, 1, "provided humanitarian aid to"),
    ("111", -2.0, 3, 5, "criticized"),
    ("112", -2.0, 3, 5, "accused"),
    ("120", -4.0, 3, 3, "rejected a proposal from"),
    ("130", -4.4, 3, 3, "threatened"),
    ("163", -8.0, 4, 1, "imposed an embargo on"),
    ("173", -5.0, 4, 4, "arrested citizens of"),
    ("190", -10.0, 4, 5, "used force against"),
    ("193", -10.0, 4, 3, "fought"),
];

/// A deterministic xorshift generator.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An index drawn with the given cumulative weights.
    fn weighted(&mut self, cumulative: &[u64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(1).max(1);
        let x = self.next() % total;
        cumulative.partition_point(|&c| c <= x)
    }
}

fn cumulative(weights: impl Iterator<Item = u64>) -> Vec<u64> {
    weights
        .scan(0u64, |acc, w| {
            *acc += w;
            Some(*acc)
        })
        .collect()
}

/// One drawn mention: its event key and evidence.
struct Mention {
    date: String,
    source: String,
    target: String,
    code: usize,
    sentence: String,
    verb: (usize, usize),
    source_end: usize,
    target_span: (usize, usize),
}

/// Create a store at `path` filled with `n` synthetic mentions (draws of an existing
/// event key merge into that event), ten mentions per article; the dyad aggregate is
/// built at the end and the planner statistics gathered.
pub fn fill(path: &std::path::Path, n: usize) -> Result<Store> {
    let mut store = Store::open(path)?;
    let weights = Weights::new();
    let mut draw = Draw(0x2545F4914F6CDD1D);
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let conn = store.connection();
    // Index pages of a million rows inserted in random key order: keep them in memory.
    conn.execute_batch("PRAGMA cache_size = -1048576; BEGIN")?;
    {
        let mut inserts = Inserts::prepare(conn)?;
        let mut drawn = 0;
        while drawn < n {
            let outlet = format!("Outlet {}", draw.next() % 50);
            let day = start + chrono::Duration::days((draw.next() % 2190) as i64);
            let date = day.format("%Y-%m-%d").to_string();
            let batch: Vec<Mention> = (0..10.min(n - drawn)).map(|_| draw.mention(&weights, &date, &outlet)).collect();
            drawn += batch.len();
            inserts.article(&format!("synthetic-{drawn}"), &date, &outlet, &batch)?;
        }
    }
    conn.execute_batch(&format!(
        "UPDATE events SET first_mention = (SELECT min(m.id) FROM mentions m WHERE m.event_id = events.id);
         UPDATE events SET json = {}; COMMIT",
        crate::query::event_json("events", "events.first_mention")
    ))?;
    store.rebuild_aggregates()?;
    store
        .connection()
        .execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA cache_size = -2000")?;
    Ok(store)
}

/// The cumulative weights the draws choose from: countries by a Zipf law, sectors
/// and CAMEO codes by their listed weights.
struct Weights {
    countries: Vec<u64>,
    sectors: Vec<u64>,
    codes: Vec<u64>,
}

impl Weights {
    fn new() -> Self {
        Weights {
            countries: cumulative((1..=COUNTRIES.len() as u64).map(|rank| 1_000_000 / rank)),
            sectors: cumulative(SECTORS.iter().map(|s| s.1 as u64)),
            codes: cumulative(CODES.iter().map(|c| c.3 as u64)),
        }
    }
}

impl Draw {
    /// One mention of an article of `outlet` dated `date`: its dyad, code and sentence.
    fn mention(&mut self, weights: &Weights, date: &str, outlet: &str) -> Mention {
        let a = COUNTRIES[self.weighted(&weights.countries)];
        // a third of the news is domestic
        let b = if self.next().is_multiple_of(3) {
            a
        } else {
            COUNTRIES[self.weighted(&weights.countries)]
        };
        let source = format!("{a}{}", SECTORS[self.weighted(&weights.sectors)].0);
        let target = format!("{b}{}", SECTORS[self.weighted(&weights.sectors)].0);
        let code = self.weighted(&weights.codes);
        let verb = CODES[code].4;
        let head = format!("Officials of {source} ");
        let sentence = format!("{head}{verb} {target} on {date}, according to a report by {outlet}.");
        let verb_start = head.chars().count();
        let verb_end = verb_start + verb.chars().count();
        Mention {
            date: date.to_string(),
            source_end: head.chars().count() - 1,
            target_span: (verb_end + 1, verb_end + 1 + target.chars().count()),
            source,
            target,
            code,
            sentence,
            verb: (verb_start, verb_end),
        }
    }
}

/// The three insert statements of a synthetic store.
struct Inserts<'c> {
    article: rusqlite::Statement<'c>,
    event: rusqlite::Statement<'c>,
    mention: rusqlite::Statement<'c>,
}

impl<'c> Inserts<'c> {
    fn prepare(conn: &'c rusqlite::Connection) -> Result<Self> {
        let article = conn.prepare(
            "INSERT INTO articles (text_hash, published, source, text, n_sentences, doc_json, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '{}', '2024-01-01T00:00:00Z') RETURNING id",
        )?;
        let event = conn.prepare(
            "INSERT INTO events (date, source_code, target_code, cameo, location, cameo_root, plover, goldstein, quad_class, source_country,
                target_country, num_mentions, num_sources, num_articles, first_added)
             VALUES (?1, ?2, ?3, ?4, '', substr(?4, 1, 2), NULL, ?5, ?6, substr(?2, 1, 3), substr(?3, 1, 3), 1, 1, 1, '2024-01-01T00:00:00Z')
             ON CONFLICT (date, source_code, target_code, cameo, location)
             DO UPDATE SET num_mentions = num_mentions + 1, num_articles = num_articles + 1, num_sources = num_sources + 1 RETURNING id",
        )?;
        let mention = conn.prepare(
            "INSERT INTO mentions (event_id, article_id, sentence_idx, sentence_start, sentence_end, trigger_start, trigger_end,
                source_start, source_end, target_start, target_end, sentence_text, trigger_text, source_name, target_name, outlet, date_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'text')",
        )?;
        Ok(Inserts { article, event, mention })
    }

    /// An article made of the batch's sentences (`hash` stands for its text hash), each
    /// mention merged into its event.
    fn article(&mut self, hash: &str, date: &str, outlet: &str, batch: &[Mention]) -> Result<()> {
        let text = batch.iter().map(|m| m.sentence.as_str()).collect::<Vec<_>>().join(" ");
        let article_id: i64 = self
            .article
            .query_row((hash, date, outlet, &text, batch.len() as i64), |r| r.get(0))?;
        let mut offset = 0;
        for (i, m) in batch.iter().enumerate() {
            let (code, goldstein, quad, _, verb) = CODES[m.code];
            let event_id: i64 = self
                .event
                .query_row((&m.date, &m.source, &m.target, code, goldstein, quad), |r| r.get(0))?;
            let end = offset + m.sentence.chars().count();
            self.mention.execute(rusqlite::params![
                event_id,
                article_id,
                i as i64,
                offset as i64,
                end as i64,
                (offset + m.verb.0) as i64,
                (offset + m.verb.1) as i64,
                (offset + m.source_end) as i64,
                (offset + m.target_span.0) as i64,
                (offset + m.target_span.1) as i64,
                m.sentence,
                verb,
                format!("Officials of {}", m.source),
                m.target,
                outlet,
            ])?;
            offset = end + 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_small_synthetic_store_is_sound_and_skewed() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::fill(&dir.path().join("s.db"), 3000).unwrap();
        let counts = store.counts().unwrap();
        assert_eq!(counts.mentions, 3000);
        // the aggregate agrees with the events, and mentions point into their articles
        let report = store.check().unwrap();
        let problems: Vec<&String> = report.problems.iter().filter(|p| !p.starts_with("articles_fts")).collect();
        assert!(problems.is_empty(), "{problems:?}");
        let top: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM events WHERE source_country = 'USA'", [], |r| r.get(0))
            .unwrap();
        let tail: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM events WHERE source_country = 'AZE'", [], |r| r.get(0))
            .unwrap();
        assert!(top > 10 * tail.max(1), "USA {top} vs AZE {tail}");
    }
}
