//! Mistakes our own coder made on real news (AFP/Reuters sentences), one test per
//! mechanism, with the default dictionaries.

use super::tests::{coded_with, ev};
use super::*;
use detente_doc::ArticleMeta;

/// Undated: people's roles are read without a publication day.
fn coded(text: &str) -> Document {
    coded_with(ArticleMeta::default(), text)
}

/// (source code, CAMEO code, target code) of each event, in order.
fn events(text: &str) -> Vec<(String, String, String)> {
    super::tests::triples(&coded(text))
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

#[test]
fn weapons_name_the_kind_of_attack() {
    // a multi-word alternative outranks the one word it contains
    assert_eq!(
        events("The United States launched an air strike against Islamic State."),
        vec![ev("USA", "195", "IMGREBISI")]
    );
    // rockets and batteries fired at a target are artillery, bullets small arms
    assert_eq!(events("Russia fired rockets at Ukraine."), vec![ev("RUS", "194", "UKR")]);
    assert_eq!(
        events("The United States fired anti-aircraft batteries at Russia."),
        vec![ev("USA", "194", "RUS")]
    );
    assert_eq!(events("Police fired rubber bullets at protesters."), vec![ev("COP", "193", "CVL")]);
    assert_eq!(events("Insurgents bombarded Aleppo."), vec![ev("SYRREB", "194", "")]);
}

#[test]
fn receiving_from_an_actor_is_that_actors_act() {
    assert_eq!(
        events("Georgian demonstrators received weapons from the Georgian government."),
        vec![ev("GEOGOV", "072", "GEOCVL")]
    );
    assert_eq!(
        events("Georgian demonstrators received assurances from the Georgian government."),
        vec![ev("GEOGOV", "030", "GEOCVL")]
    );
    // receiving a person is still hosting a visit
    assert_eq!(
        events("Georgian demonstrators received ministers from the Georgian government."),
        vec![ev("GEOCVL", "043", "GEOGOV")]
    );
}

#[test]
fn an_attack_phrase_names_the_passive_agent() {
    assert_eq!(
        events("Four civilians were killed in Israeli tank shelling in Gaza on Friday."),
        vec![ev("ISR", "190", "PSECVL")]
    );
    let e = events("Four civilians were killed in an Israeli air strike on Friday.");
    assert!(
        matches!(&e[..], [(s, c, t)] if s == "ISR" && c == "190" && t.ends_with("CVL")),
        "{e:?}"
    );
    // a place after "in" is no agent
    assert!(events("Four civilians were killed in Gaza on Friday.").is_empty());
}

#[test]
fn a_modifier_inside_the_phrase_is_not_its_target() {
    assert_eq!(
        events("Russia is conducting military exercises in Alaska"),
        vec![ev("RUS", "150", "")]
    );
    let e = events("General David Petraeus met Lebanese officials, offering further military support to Lebanon.");
    assert!(
        e.iter().any(|(_, _, t)| t == "LBN") && e.iter().all(|(_, _, t)| t != "MIL"),
        "{e:?}"
    );
    // the owner of the phrase's noun stays its target
    let e = events("The U.S. said it would not meet hostage-takers demands to release prisoners in Iraq.");
    assert!(e.iter().any(|(_, _, t)| !t.is_empty()), "{e:?}");
}

#[test]
fn a_coded_speech_verb_makes_no_second_statement() {
    let e = events("A report released Tuesday in the Rwandan capital alleged that France was aware of preparations for the genocide.");
    assert!(e.contains(&ev("RWA", "112", "FRA")), "{e:?}");
    assert!(e.iter().all(|(_, c, _)| c != "010"), "{e:?}");
}

#[test]
fn helping_to_act_is_no_aid() {
    let e = events("Rwanda alleged that the French military helped to plan and carry out killings.");
    assert!(e.iter().all(|(_, c, _)| c != "070"), "{e:?}");
    assert_eq!(events("France helped Rwanda."), vec![ev("FRA", "070", "RWA")]);
}

#[test]
fn as_opens_a_clause_of_its_own() {
    let e = events("Merkel visits Paris as Berlin and Paris seek a common line.");
    assert!(e.iter().all(|(_, _, t)| t != "DEUGOV"), "{e:?}");
    // an "as" before no actor opens no clause
    assert_eq!(
        events("France condemned as unacceptable the remarks by Russia."),
        vec![ev("FRA", "111", "RUS")]
    );
}

#[test]
fn a_noun_phrase_match_does_not_end_the_object() {
    assert_eq!(
        events("Japan will provide financial aid to India for a high-speed railway."),
        vec![ev("JPN", "0331", "IND")]
    );
}

#[test]
fn announcing_ones_own_sides_act_is_no_statement() {
    let text = "The European Union called on Baku and Yerevan to return to negotiations, a senior EU official said.";
    assert!(events(text).iter().all(|(_, c, _)| c != "010"));
    let text = "Japan will provide financial aid to India, Kishida said.";
    assert!(events(text).iter().all(|(_, c, _)| c != "010"));
    // "they" of a compound speaker are the speakers
    let e = events("Obama and Putin said they will attack Iraq");
    assert_eq!(e, vec![ev("USAGOV", "138", "IRQ"), ev("RUSGOV", "138", "IRQ")]);
}

#[test]
fn facing_pressure_from_an_actor_is_that_actors_act() {
    assert_eq!(
        events("Obama faces pressure from Congress to help Iran."),
        vec![ev("LEG", "100", "USAGOV")]
    );
    assert_eq!(
        events("Israel faced criticism from France on Monday."),
        vec![ev("FRA", "111", "ISR")]
    );
}

#[test]
fn plain_news_verbs() {
    assert_eq!(
        events("Germany expressed appreciation for China's assistance."),
        vec![ev("DEU", "051", "CHN")]
    );
    assert_eq!(
        events("Egyptian police opened fire on Monday night."),
        vec![ev("EGYCOP", "193", "")]
    );
}

#[test]
fn an_anonymous_source_makes_no_statement() {
    let e = events("Egyptian police detained twelve protesters on Monday, security sources said.");
    assert_eq!(e, vec![ev("EGYCOP", "173", "EGYCVL")]);
}

#[test]
fn an_actor_owned_by_a_country_is_the_target() {
    assert_eq!(
        events("Qatar expelled leaders of Egypt's Muslim Brotherhood."),
        vec![ev("QAT", "174", "EGYOPPMUS")]
    );
}

#[test]
fn the_object_before_the_phrases_preposition_is_the_target() {
    assert_eq!(
        events("Palestinians blamed Israel for the attack."),
        vec![ev("PSECVL", "112", "ISR")]
    );
    assert_eq!(
        events("France accused the United States of violating the truce."),
        vec![ev("FRA", "1123", "USA")]
    );
    // the phrase's own words are no object
    let e = events("Syria withdrew its troops from Lebanon.");
    assert!(e.iter().all(|(_, _, t)| t == "LBN"), "{e:?}");
}

#[test]
fn a_demonym_on_the_phrases_noun_names_its_owner() {
    assert_eq!(
        events("Serbia flatly rejected an Australian ultimatum."),
        vec![ev("SRB", "124", "AUS")]
    );
    // or ends with it
    assert_eq!(
        events("France summoned the Russian ambassador on Monday."),
        vec![ev("FRA", "114", "RUSGOV")]
    );
    assert_eq!(events("France summoned Niger's ambassador."), vec![ev("FRA", "114", "NERGOV")]);
}

#[test]
fn a_participle_after_a_passive_acts_with_its_agent() {
    let e = events("A camp for Congolese refugees was attacked by Burundian militiamen, killing at least 156 people.");
    assert!(e.iter().all(|(s, _, _)| s == "BDIREB"), "{e:?}");
}

#[test]
fn an_appositive_after_a_comma_is_no_list_member() {
    assert_eq!(
        events("Pakistan, a key U.S. ally, refused to meet Iraq."),
        vec![ev("PAK", "125", "IRQ")]
    );
    // a list still is one
    assert_eq!(
        events("The US, Japan and South Korea condemned North Korea."),
        vec![ev("USA", "111", "PRK"), ev("JPN", "111", "PRK"), ev("KOR", "111", "PRK")]
    );
}

#[test]
fn a_promise_not_to_yield_is_a_refusal() {
    assert_eq!(
        events("Sharon has vowed not to return the Golan Heights to Syria."),
        vec![ev("ISRGOV", "1243", "SYR")]
    );
    // and no intent to cooperate, whatever the act
    assert!(events("Israel pledged not to attack Lebanon.")
        .iter()
        .all(|(_, c, _)| !c.starts_with("03")));
}

#[test]
fn a_place_of_arrival_is_no_subject_of_a_participle() {
    // the capital after "heads to" is the visit's host, not who seeks
    let e = events("The statement comes a day before Dupont heads to Beijing for the Games, seeking to mend ties with China.");
    assert!(e.iter().all(|(s, _, _)| !s.starts_with("CHN")), "{e:?}");
}

#[test]
fn an_attempted_use_of_force_is_the_act_other_attempts_are_not() {
    // trying to hack, storm or seize is itself a hostile act
    assert_eq!(
        events("North Korea has tried to hack into the computers of South Korean army officers."),
        vec![ev("PRK", "176", "KORMIL")]
    );
    assert_eq!(
        events("Rebels attempted to storm the Egyptian embassy."),
        vec![ev("EGYREB", "180", "EGYGOV")]
    );
    // an attempt to cooperate did not happen, nor did a failed or denied attempt
    assert!(events("Russia tried to meet Ukraine.").is_empty());
    assert!(events("North Korea did not try to hack into the computers of South Korean officers.").is_empty());
    // "in an attempt to": a noun, the purpose of another act
    assert!(events("Russia shelled Ukraine in an attempt to seize Kharkiv.")
        .iter()
        .all(|(_, c, _)| c != "192"));
}

#[test]
fn ordering_patrols_mobilizes_police() {
    let e = events("The government of Pakistan ordered patrols by police and paramilitary soldiers.");
    assert!(e.iter().any(|(_, c, _)| c == "153"), "{e:?}");
}

#[test]
fn forces_arriving_in_a_country_are_deployed_not_visiting() {
    let codes = |text: &str| events(text).into_iter().map(|(_, c, _)| c).collect::<Vec<_>>();
    assert_eq!(
        codes("The first deployment of NATO peacekeeping troops have arrived in Bosnia."),
        vec!["074"]
    );
    assert_eq!(codes("Russian troops arrived in Belarus on Monday."), vec!["150"]);
    // a person arriving still visits, also one who commands troops
    assert_eq!(codes("The commander of the Russian troops arrived in Moscow."), vec!["042"]);
    assert_eq!(codes("Russian President Vladimir Putin arrived in Minsk."), vec!["042"]);
}

#[test]
fn ordering_a_paper_to_stop_publishing_is_a_sanction_not_a_demand() {
    let e =
        events("Nicaragua's Sandinista government today ordered the opposition newspaper La Prensa to suspend publication indefinitely.");
    assert_eq!(e.first().map(|(_, c, _)| c.as_str()), Some("172"), "{e:?}");
    // an order to act against a third party stays a demand
    let e = events("The president ordered the army to close the border.");
    assert!(e.iter().all(|(_, c, _)| c != "172"), "{e:?}");
}

#[test]
fn withdrawing_inspectors_is_a_sanction_not_a_retreat() {
    assert_eq!(
        events("The OSCE withdrew its observers from Georgia."),
        vec![ev("IGOEUROSC", "1662", "GEO")]
    );
    // announced for the future, it is a threat, not an intent to de-escalate
    let e = events("Kofi Annan announced on Monday that he will withdraw weapons inspectors from Iraq.");
    assert!(e.iter().any(|(_, c, t)| c == "131" && t == "IRQ"), "{e:?}");
    // troops still retreat
    assert_eq!(events("Russia withdrew its troops from Georgia."), vec![ev("RUS", "0874", "GEO")]);
}
