//! Store behaviour on articles coded by the real pipeline.

use detente_doc::output::Article;
use detente_ingest::parse_json_article;
use detente_pipeline::Pipeline;
use detente_store::{Dyad, EventQuery, Period, QuoteQuery, Store, TrendQuery};

fn coded(pipeline: &Pipeline, json: &str) -> Article {
    let raw = parse_json_article(json, "test").expect("test article parses");
    Article::from_document(&pipeline.code(raw))
}

fn fixture() -> (tempfile::TempDir, Store, Pipeline) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("t.db")).expect("store opens");
    (dir, store, Pipeline::with_defaults().expect("dictionaries"))
}

const A: &str = r#"{"id":"a","url":"https://one.example/a","source":"One","published":"2024-03-07","title":"Russia attacks Ukraine","text":"Russia attacked Ukraine on Tuesday. \"We will respond,\" the Ukrainian president said."}"#;
const B: &str = r#"{"id":"b","url":"https://two.example/b","source":"Two","published":"2024-03-08","text":"Russia attacked Ukraine on Tuesday, officials said."}"#;
const C: &str = r#"{"id":"c","url":"https://three.example/c","source":"Three","published":"2024-04-02","text":"France praised Germany. Germany criticized France on Monday."}"#;

#[test]
fn reingest_changes_nothing() {
    let (_d, mut store, p) = fixture();
    let batch = vec![coded(&p, A), coded(&p, B)];
    let first = store.ingest_batch(&batch).unwrap();
    assert_eq!(first.added, 2);
    let before = store.counts().unwrap();
    let again = store.ingest_batch(&batch).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 2));
    assert_eq!(store.counts().unwrap(), before);
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap());
}

#[test]
fn same_event_from_two_outlets_is_one_record() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A), coded(&p, B)]).unwrap();
    let rows = store
        .events(&EventQuery {
            dyad: Some(Dyad::parse("RUS:UKR", true).unwrap()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let e = &rows[0];
    assert_eq!((e.cameo.as_str(), e.date.as_str()), ("180", "2024-03-05"));
    assert_eq!(e.num_articles, 2);
    assert_eq!(e.num_sources, 2);
    assert_eq!(e.num_mentions, 3); // headline + lead in A, lead in B
                                   // the trend counts the merged event once, with all its mentions
    let trend = store
        .trend(&TrendQuery {
            dyad: Dyad::parse("RUS:UKR", false).unwrap(),
            period: Period::Day,
            since: None,
            until: None,
        })
        .unwrap();
    assert_eq!((trend.len(), trend[0].events, trend[0].mentions), (1, 1, 3), "{trend:?}");
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap());
}

#[test]
fn corrected_article_updates_the_dyad_trend() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A), coded(&p, B)]).unwrap();
    let trend = |store: &Store| {
        store
            .trend(&TrendQuery {
                dyad: Dyad::parse("RUS:UKR", true).unwrap(),
                period: Period::Month,
                since: None,
                until: None,
            })
            .unwrap()
    };
    assert_eq!(trend(&store)[0].mentions, 3);
    // B's new version no longer reports the attack: one mention fewer, same event
    let corrected = B.replace(
        "Russia attacked Ukraine on Tuesday, officials said.",
        "Officials said little on Tuesday.",
    );
    store.ingest_batch(&[coded(&p, &corrected)]).unwrap();
    let after = trend(&store);
    assert_eq!((after[0].events, after[0].mentions), (1, 2), "{after:?}");
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap());
}

#[test]
fn a_version_1_store_is_migrated_with_its_aggregate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let p = Pipeline::with_defaults().unwrap();
    {
        let mut store = Store::open(&path).unwrap();
        store.ingest_batch(&[coded(&p, A), coded(&p, C)]).unwrap();
        // back to what schema 1 had
        store
            .connection()
            .execute_batch(
                "DROP TABLE dyad_periods; DROP INDEX events_source; DROP INDEX events_target; DROP INDEX events_root;
                 DROP INDEX events_dyad; ALTER TABLE events DROP COLUMN first_mention; ALTER TABLE events DROP COLUMN json;
                 CREATE INDEX events_dyad ON events(source_country, target_country, date);
                 CREATE INDEX events_target_dyad ON events(target_country, source_country, date); PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let old = Store::open_read_only(&path).unwrap();
    assert_eq!(old.schema_version(), 1);
    let q = TrendQuery {
        dyad: Dyad::parse("FRA:DEU", false).unwrap(),
        period: Period::Month,
        since: None,
        until: None,
    };
    let before = old.trend(&q).unwrap();
    let page = EventQuery {
        dyad: Some(Dyad::parse("FRA:DEU", false).unwrap()),
        limit: 10,
        ..Default::default()
    };
    // an old store read as it is: no page indexes, first mentions searched
    let events_before = old.events(&page).unwrap();
    assert!(!events_before.is_empty());
    // and as JSON rendered on the fly
    let mut sentences = Vec::new();
    old.events_page_json(&page, None, |_, event| {
        let event: serde_json::Value = serde_json::from_str(event).unwrap();
        sentences.push(event["sentence"].as_str().map(String::from));
        Ok(())
    })
    .unwrap();
    assert_eq!(sentences, events_before.iter().map(|e| e.sentence.clone()).collect::<Vec<_>>());
    drop(old);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version(), detente_store::SCHEMA_VERSION);
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap());
    let after = store.trend(&q).unwrap();
    assert_eq!(store.events(&page).unwrap(), events_before);
    assert_eq!(after.len(), before.len());
    assert_eq!((after[0].events, after[0].quad), (before[0].events, before[0].quad));
}

#[test]
fn corrected_article_replaces_its_events() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A)]).unwrap();
    let corrected = A
        .replace("Russia attacked Ukraine on Tuesday.", "Russia praised Ukraine on Tuesday.")
        .replace("Russia attacks Ukraine", "Russia praises Ukraine");
    let report = store.ingest_batch(&[coded(&p, &corrected)]).unwrap();
    assert_eq!(report.replaced, 1);
    let rows = store
        .events(&EventQuery {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert!(rows.iter().all(|r| r.cameo != "180"), "{rows:?}");
    assert_eq!(store.counts().unwrap().articles, 1);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn check_finds_a_wrong_first_mention() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A)]).unwrap();
    assert!(store.check().unwrap().is_ok());
    store
        .connection()
        .execute_batch("UPDATE events SET first_mention = NULL WHERE id = (SELECT min(id) FROM events)")
        .unwrap();
    let report = store.check().unwrap();
    assert!(report.problems.iter().any(|p| p.contains("first mention")), "{report:?}");
}

#[test]
fn check_finds_a_stale_stored_event() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A)]).unwrap();
    store
        .connection()
        .execute_batch("UPDATE events SET json = json_set(json, '$.sentence', 'no such sentence') WHERE id = (SELECT min(id) FROM events)")
        .unwrap();
    let report = store.check().unwrap();
    assert!(report.problems.iter().any(|p| p.contains("stored JSON")), "{report:?}");
}

#[test]
fn trend_by_month_both_directions() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, C)]).unwrap();
    let rows = store
        .trend(&TrendQuery {
            dyad: Dyad::parse("FRA:DEU", false).unwrap(),
            period: Period::Month,
            since: None,
            until: None,
        })
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].period, "2024-04");
    assert_eq!(rows[0].events, 2);
    assert_eq!(rows[0].quad, [1, 0, 1, 0]);
    let weekly = store
        .trend(&TrendQuery {
            dyad: Dyad::parse("FRA:DEU", true).unwrap(),
            period: Period::Week,
            since: None,
            until: None,
        })
        .unwrap();
    assert_eq!(weekly.len(), 1);
    assert_eq!(weekly[0].period, "2024-W14");
}

#[test]
fn quotes_by_speaker_and_text() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A)]).unwrap();
    let by_speaker = store
        .quotes(&QuoteQuery {
            speaker: Some("president".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_speaker.len(), 1, "{by_speaker:?}");
    let by_text = store
        .quotes(&QuoteQuery {
            text: Some("respond".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_text.len(), 1);
    let none = store
        .quotes(&QuoteQuery {
            text: Some("\"unbalanced".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn exports_have_the_right_shape() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A), coded(&p, B), coded(&p, C)]).unwrap();
    let mut tsv = Vec::new();
    let n = store.export_gdelt_events(&mut tsv).unwrap();
    assert!(n >= 3);
    let text = String::from_utf8(tsv).unwrap();
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), detente_store::export::GDELT_EVENT_COLUMNS, "{line}");
    }
    let mut mentions = Vec::new();
    store.export_gdelt_mentions(&mut mentions).unwrap();
    for line in String::from_utf8(mentions).unwrap().lines() {
        assert_eq!(line.split('\t').count(), detente_store::export::GDELT_MENTION_COLUMNS);
    }
    for export in [Store::export_jsonl, Store::export_plover] {
        let mut out = Vec::new();
        export(&store, &mut out).unwrap();
        for line in String::from_utf8(out).unwrap().lines() {
            let _: serde_json::Value = serde_json::from_str(line).unwrap();
        }
    }
}

#[test]
fn stored_article_reads_back() {
    let (_d, mut store, p) = fixture();
    let a = coded(&p, A);
    store.ingest_batch(std::slice::from_ref(&a)).unwrap();
    assert_eq!(store.article(1).unwrap(), Some(a));
}

#[test]
fn bad_dyads_are_refused() {
    assert!(Dyad::parse("USA", false).is_err());
    assert!(Dyad::parse("U$A:CHN", false).is_err());
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_with_the_same_rows() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let (dir, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A), coded(&p, B), coded(&p, C)]).unwrap();
    let path = dir.path().join("events.parquet");
    let n = store.export_parquet(std::fs::File::create(&path).unwrap()).unwrap();
    assert_eq!(n as i64, store.counts().unwrap().events);
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), n as i64);
    let cameos: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().get_string(4).unwrap().clone())
        .collect();
    let expected: Vec<String> = store
        .events(&EventQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.cameo))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    assert_eq!(cameos, expected);
}

#[test]
fn words_narrow_event_pages() {
    let (_d, mut store, p) = fixture();
    store.ingest_batch(&[coded(&p, A), coded(&p, B), coded(&p, C)]).unwrap();
    let page = |text: &str, dyad: Option<&str>| {
        store
            .events(&EventQuery {
                text: Some(text.into()),
                dyad: dyad.map(|d| Dyad::parse(d, false).unwrap()),
                limit: 10,
                ..Default::default()
            })
            .unwrap()
    };
    let praised = page("praised", None);
    assert!(
        !praised.is_empty()
            && praised
                .iter()
                .all(|e| e.source_code.starts_with("FRA") || e.source_code.starts_with("DEU")),
        "{praised:?}"
    );
    assert_eq!(page("attacked", Some("UKR:RUS")).len(), 1);
    assert!(page("attacked", Some("FRA:DEU")).is_empty());
}
