//! Mistakes our own coder made on real news (AFP/Reuters sentences), one test per
//! mechanism, with the default dictionaries.

use super::*;
use detente_actors::ActorStage;
use detente_doc::ArticleMeta;
use detente_text::TextStage;

fn coded(text: &str) -> Document {
    let mut doc = TextStage::default().build(ArticleMeta::default(), text);
    ActorStage::with_defaults().unwrap().annotate(&mut doc);
    detente_time::TimeStage::new().annotate(&mut doc);
    detente_quotes::QuoteStage::default().annotate(&mut doc);
    EventStage::with_defaults().unwrap().annotate(&mut doc);
    doc
}

/// (source code, CAMEO code, target code) of each event, in order.
fn events(text: &str) -> Vec<(String, String, String)> {
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

fn ev(s: &str, c: &str, t: &str) -> (String, String, String) {
    (s.into(), c.into(), t.into())
}

#[test]
fn a_trailing_attribution_is_no_target() {
    let e = events("Insurgents shelled Aleppo overnight, killing at least eight people, Syrian state media reported.");
    assert!(e.iter().all(|(_, _, t)| t != "SYRMED"), "{e:?}");
    assert!(e.contains(&ev("SYRREB", "190", "SYRCVL")), "{e:?}");
}

#[test]
fn news_media_reporting_is_sourcing_not_a_statement() {
    for text in [
        "Iraq's national security advisor met with Syrian President Bashar Assad on Tuesday, Reuters reports.",
        "Rebels kidnapped dozens of peacekeepers, an AFP correspondent said.",
        "Insurgents shelled Aleppo overnight, Syrian state media reported.",
    ] {
        let doc = coded(text);
        assert!(doc.events.iter().all(|e| e.cameo != "010"), "{text}: {:?}", doc.events);
        // the quotation keeps its attribution
        assert!(doc.quotes.iter().any(|q| q.speaker.is_some()), "{text}");
    }
    // a medium's own act is coded by its verb
    assert_eq!(
        events("Syrian state media accused Turkey of shelling Aleppo."),
        vec![ev("SYRMED", "1123", "TUR")]
    );
    // and anyone else's statement still is one
    assert!(events("France said Russia had attacked Ukraine.").contains(&ev("FRA", "010", "")));
}

#[test]
fn a_plural_noun_after_a_modifier_is_no_verb() {
    assert_eq!(
        events("Ukraine says it has strong evidence proving Russia was behind the chemical attacks"),
        vec![]
    );
    // a verb after an actor is still a verb
    assert_eq!(events("The army attacks rebels in the north."), vec![ev("MIL", "180", "REB")]);
}

#[test]
fn a_passive_after_a_reduced_relative_takes_its_by_agent() {
    // the act is the release, by Putin, of the civilians; the imprisonment has no
    // named agent and codes nothing
    assert_eq!(
        events("The civilians imprisoned for acting against Moscow were released yesterday by Putin himself"),
        vec![ev("RUSGOV", "0841", "RUSCVL")]
    );
    // "soldiers killed": the soldiers are the victims, not the killers
    assert_eq!(events("There were 10 Russian soldiers killed in Ukraine today."), vec![]);
}
