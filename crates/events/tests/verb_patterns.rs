//! Verb patterns of our own lexicon (dictionaries/verbs.txt) added for the PLOVER
//! source-country round: each checked on a sentence of its own.

use detente_actors::ActorStage;
use detente_doc::{ArticleMeta, Document};
use detente_events::EventStage;
use detente_text::TextStage;

fn coded(text: &str) -> Document {
    let meta = ArticleMeta {
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 7),
        ..Default::default()
    };
    let mut doc = TextStage::default().build(meta, text);
    ActorStage::with_defaults().unwrap().annotate(&mut doc);
    EventStage::with_defaults().unwrap().annotate(&mut doc);
    doc
}

fn codes(text: &str) -> Vec<(String, String, String)> {
    coded(text)
        .events
        .iter()
        .map(|e| {
            (
                e.source_code.clone().unwrap_or_default(),
                e.cameo.clone(),
                e.target_code.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn failing_to_reach_agreement_is_a_rejection_both_ways() {
    let got = codes("India and Pakistan failed to reach agreement on Monday.");
    assert!(got.contains(&("IND".into(), "120".into(), "PAK".into())), "{got:?}");
    assert!(got.contains(&("PAK".into(), "120".into(), "IND".into())), "{got:?}");
    let got = codes("Greece failed to agree a deal with Turkey.");
    assert!(got.iter().any(|(s, c, _)| s == "GRC" && c == "120"), "{got:?}");
    // "did not fail" is not coded
    let got = codes("Greece did not fail to reach a deal with Turkey.");
    assert!(got.iter().all(|(_, c, _)| c != "120"), "{got:?}");
}
