//! Construction-by-construction tests of the coder, with the default dictionaries.

use super::*;
use detente_actors::ActorStage;
use detente_doc::ArticleMeta;
use detente_text::TextStage;

fn coded_doc(title: Option<&str>, text: &str) -> Document {
    let meta = ArticleMeta {
        title: title.map(String::from),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 7),
        ..Default::default()
    };
    coded_with(meta, text)
}

/// `text` through every stage with the default dictionaries.
pub(super) fn coded_with(meta: ArticleMeta, text: &str) -> Document {
    let mut doc = TextStage::default().build(meta, text);
    ActorStage::with_defaults().unwrap().annotate(&mut doc);
    detente_time::TimeStage::new().annotate(&mut doc);
    detente_quotes::QuoteStage::default().annotate(&mut doc);
    EventStage::with_defaults().unwrap().annotate(&mut doc);
    doc
}

/// (source code, CAMEO code, target code) of each event, in order.
fn events(text: &str) -> Vec<(String, String, String)> {
    triples(&coded_doc(None, text))
}

/// (source code, CAMEO code, target code) of each event of `doc`, in order.
pub(super) fn triples(doc: &Document) -> Vec<(String, String, String)> {
    doc.events
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

pub(super) fn ev(s: &str, c: &str, t: &str) -> (String, String, String) {
    (s.into(), c.into(), t.into())
}

#[test]
fn active_and_passive() {
    assert_eq!(
        events("German Chancellor Olaf Scholz visited France."),
        vec![ev("DEUGOV", "042", "FRA")]
    );
    assert_eq!(
        events("The French president was received by Japan's prime minister."),
        vec![ev("JPNGOV", "043", "FRAGOV")]
    );
    // a passive without a named agent has no source: not coded
    assert!(events("Ukraine was attacked on Monday.").is_empty());
}

#[test]
fn meetings_and_talks() {
    assert_eq!(events("Russia met with China on Monday."), vec![ev("RUS", "040", "CHN")]);
    assert_eq!(events("Russia held talks with China."), vec![ev("RUS", "040", "CHN")]);
    let mut r = events("Russia and China met in Beijing.");
    r.sort();
    assert_eq!(r, vec![ev("CHN", "040", "RUS"), ev("RUS", "040", "CHN")]);
    let mut r = events("There were talks between Russia and China on Monday.");
    r.sort();
    assert_eq!(r, vec![ev("CHN", "040", "RUS"), ev("RUS", "040", "CHN")]);
}

#[test]
fn compound_subjects_and_objects() {
    let mut r = events("The United States, Japan and South Korea condemned the missile test.");
    r.sort();
    assert_eq!(r, vec![ev("JPN", "111", ""), ev("KOR", "111", ""), ev("USA", "111", "")]);
    let mut r = events("France condemned Russia and Iran.");
    r.sort();
    assert_eq!(r, vec![ev("FRA", "111", "IRN"), ev("FRA", "111", "RUS")]);
}

#[test]
fn relative_clauses_and_appositives() {
    assert_eq!(
        events("Moscow, which has massed troops near the border, accused Kyiv of provocations."),
        vec![ev("RUSGOV", "150", ""), ev("RUSGOV", "1123", "UKRGOV")]
    );
    assert_eq!(
        events("Olaf Scholz, the German chancellor, criticized China."),
        vec![ev("DEUGOV", "111", "CHN")]
    );
}

#[test]
fn introductory_phrases_do_not_hide_the_subject() {
    assert_eq!(events("On Tuesday, Germany criticized China."), vec![ev("DEU", "111", "CHN")]);
}

#[test]
fn infinitival_complements() {
    // the appeal is coded, the urged act is not
    assert_eq!(events("France urged Russia to withdraw its troops."), vec![ev("FRA", "020", "RUS")]);
    // agreeing to meet is an intent to meet
    assert_eq!(events("Russia agreed to meet Ukraine."), vec![ev("RUS", "036", "UKR")]);
    // refusing to withdraw is a refusal to yield
    assert_eq!(
        events("Russia refused to withdraw troops from Ukraine."),
        vec![ev("RUS", "1246", "UKR")]
    );
    // threatening to attack is a threat
    assert_eq!(events("Iran threatened to attack Israel."), vec![ev("IRN", "138", "ISR")]);
}

#[test]
fn reported_speech() {
    let doc = coded_doc(None, "France said Russia had attacked Ukraine.");
    let r: Vec<_> = doc
        .events
        .iter()
        .map(|e| (e.source_code.clone().unwrap_or_default(), e.cameo.clone()))
        .collect();
    assert!(r.contains(&("RUS".into(), "180".into())), "{r:?}");
    let attack = doc.events.iter().find(|e| e.cameo == "180").unwrap();
    assert_eq!(attack.target_code.as_deref(), Some("UKR"));
    // and France's statement, tied to the same quotation
    let statement = doc.events.iter().find(|e| e.cameo == "010").expect("statement coded");
    assert_eq!(statement.source_code.as_deref(), Some("FRA"));
    assert_eq!(doc.slice(statement.evidence.trigger), "said");
    assert!(statement.quote.is_some() && statement.quote == attack.quote);
}

#[test]
fn plain_remarks_are_not_statement_events() {
    assert!(events("France said the weather was fine.").is_empty());
}

#[test]
fn event_in_a_quote_points_at_it() {
    let doc = coded_doc(None, "\"Russia attacked Ukraine,\" France said.");
    let attack = doc.events.iter().find(|e| e.cameo == "180").expect("attack coded");
    assert!(attack.quote.is_some());
}

#[test]
fn issue_targets_stay_empty() {
    assert_eq!(events("Germany criticized the new tariffs."), vec![ev("DEU", "111", "")]);
}

#[test]
fn negation_is_not_coded() {
    assert!(events("Russia did not attack Ukraine.").is_empty());
    assert!(events("Russia never met Ukraine.").is_empty());
    assert_eq!(events("Russia denied attacking Ukraine."), vec![]);
    assert!(events("Russia refused to attack Ukraine.").is_empty());
}

#[test]
fn hypotheticals_are_not_coded() {
    assert!(events("Russia is expected to visit Ukraine.").is_empty());
    assert!(events("Russia could attack Ukraine.").is_empty());
    assert!(events("Will Russia attack Ukraine?").is_empty());
    assert!(events("If Russia attacked Ukraine, sanctions would follow.").is_empty());
    assert!(events("Had the talks collapsed, France would have sanctioned Russia.").is_empty());
}

#[test]
fn future_acts_are_intents() {
    assert_eq!(events("Russia will meet Ukraine next week."), vec![ev("RUS", "036", "UKR")]);
    assert_eq!(events("Iran said it would attack Israel."), vec![ev("IRN", "138", "ISR")]);
    assert!(events("Iran would have attacked Israel.").is_empty());
}

#[test]
fn requested_acts_are_not_coded() {
    assert_eq!(
        events("France demanded that Russia withdraw its troops."),
        vec![ev("FRA", "105", "RUS")]
    );
}

#[test]
fn plans_and_hopes_are_intents() {
    assert_eq!(events("Russia hopes to meet Ukraine."), vec![ev("RUS", "036", "UKR")]);
    assert_eq!(events("Russia plans to visit China."), vec![ev("RUS", "036", "CHN")]);
}

#[test]
fn headline_and_lead_merge() {
    let doc = coded_doc(Some("Russia attacks Ukraine"), "Russia attacked Ukraine on Monday.");
    assert_eq!(doc.events.len(), 1);
    assert_eq!(doc.events[0].repeats.len(), 1);
}

#[test]
fn evidence_spans() {
    let doc = coded_doc(None, "Russia attacked Ukraine.");
    let e = &doc.events[0];
    assert_eq!(doc.slice(e.evidence.trigger), "attacked");
    assert_eq!(doc.slice(e.source.unwrap().span), "Russia");
    assert_eq!(doc.slice(e.target.unwrap().span), "Ukraine");
}

#[test]
fn negated_future_is_a_refusal_negated_past_is_nothing() {
    assert_eq!(events("Russia won't meet Ukraine."), vec![ev("RUS", "125", "UKR")]);
    assert!(events("Russia didn't meet Ukraine.").is_empty());
}

#[test]
fn an_intent_verb_without_a_coded_act_is_a_general_intent() {
    assert_eq!(events("Serbia promised to democratize the country."), vec![ev("SRB", "030", "")]);
}

#[test]
fn nominal_triggers_take_their_own_agent() {
    // "France condemned" is coded; the attack's agent is Russia, not France
    let mut r = events("France condemned Russia's attack on Ukraine.");
    r.sort();
    assert!(r.contains(&ev("RUS", "180", "UKR")), "{r:?}");
    assert!(!r.iter().any(|e| e.0 == "FRA" && e.1 == "180"), "{r:?}");
}

#[test]
fn an_unknown_verb_between_to_and_a_gerund_keeps_the_infinitive() {
    assert_eq!(events("Russia prepared to resume shelling Ukraine."), vec![ev("RUS", "138", "UKR")]);
}

#[test]
fn a_mention_modifying_the_phrase_is_not_the_target() {
    assert_eq!(
        events("Serbia lodged an official protest with Albania."),
        vec![ev("SRB", "114", "ALB")]
    );
}

#[test]
fn distinct_dates_stay_distinct_events() {
    let doc = coded_doc(None, "Russia met China on Monday. Russia met China again on Wednesday.");
    assert_eq!(doc.events.len(), 2, "{:?}", doc.events);
    assert_ne!(doc.events[0].date, doc.events[1].date);
}

/// A tiny PETRARCH-format verb dictionary and a pipeline with peer semantics
/// (our actors, their verbs), as `detente eval events --dictionaries` builds it.
fn peer_events(text: &str) -> Vec<(String, String, String)> {
    peer_events_with(text, |_| {})
}

/// `peer_events` with the stage's peer options set by `configure`.
fn peer_events_with(text: &str, configure: impl Fn(&mut EventStage)) -> Vec<(String, String, String)> {
    peer_events_of(PEER_VERBS, text, configure)
}

const PEER_VERBS: &str = "--- RESTORE [064] ---\nRESTORE {RESTORES RESTORED RESTORING}\n\n\
                 --- RENEW [064] ---\nRENEW {RENEWS RENEWED RENEWING}\n- NEITHER * [081]\n\n\
                 --- SAID [023] ---\nSAID\n\n\
                 --- FIRE [194] ---\nFIRE {FIRES FIRED FIRING}\n\n\
                 --- CELEBRATE [181] ---\nCELEBRATE {CELEBRATES CELEBRATED}\n- * IFTAR IN ^ + [045]\n\n\
                 --- AGREE [081] ---\nAGREE {AGREES AGREED}\n- % * [030:030]\n\n\
                 --- FREE [060] ---\nFREE {FREES FREED}\n- + * FROM $ [066]\n\n\
                 --- CRITICIZE [121] ---\nCRITICIZE {CRITICIZES CRITICIZED}\n\n\
                 --- WARN [160] ---\nWARN {WARNS WARNED}\n\n\
                 --- ABANDON [345] ---\nABANDON {ABANDONS ABANDONED}\n\n\
                 --- VOICE [020] ---\nVOICE\n- RECENTLY RAISED ITS * [042]\n\n\
                 --- ALLOW [080] ---\nALLOW {ALLOWS ALLOWED}\n- * LEAVE [066]\n";

/// Events coded by a stage built from the PETRARCH verb file `verbs`.
fn peer_events_of(verbs: &str, text: &str, configure: impl Fn(&mut EventStage)) -> Vec<(String, String, String)> {
    let mut stage = EventStage::from_petrarch_verbs(verbs).unwrap();
    configure(&mut stage);
    let mut doc = TextStage::default().build(ArticleMeta::default(), text);
    let mut actors = ActorStage::with_defaults().unwrap();
    actors.places = false;
    actors.context_country = false;
    actors.annotate(&mut doc);
    detente_time::TimeStage::new().annotate(&mut doc);
    detente_quotes::QuoteStage::default().annotate(&mut doc);
    stage.annotate(&mut doc);
    let mut out = triples(&doc);
    out.sort();
    out
}

#[test]
fn peer_semantics_code_the_verb_as_found() {
    // their patterns carry modality: "is about to restore" is the act
    assert_eq!(
        peer_events("France is about to restore full diplomatic ties with Germany."),
        vec![ev("FRA", "064", "DEU")]
    );
    // while our own coder reads it as an expectation, not an act
    assert!(events("France is about to restore full diplomatic ties with Germany.")
        .iter()
        .all(|e| e.1 != "064"));
}

#[test]
fn peer_semantics_drop_trailing_attribution() {
    assert_eq!(
        peer_events("France restored diplomatic ties with Germany on Friday, a senior official said on Saturday."),
        vec![ev("FRA", "064", "DEU")]
    );
}

#[test]
fn peer_pattern_words_before_the_verb_override_the_noun_filter() {
    // "its voice" would be a noun, but the pattern spells out the words before it
    assert_eq!(
        peer_events("France has recently raised its voice for Germany."),
        vec![ev("FRA", "042", "DEU")]
    );
}

#[test]
fn a_verb_in_capitals_is_still_a_verb() {
    // (a capitalised word inside a sentence is read as part of a name; one in capitals
    // throughout, as in headlines set in capitals, is not)
    assert_eq!(
        peer_events("France RESTORED diplomatic ties with Germany on Friday."),
        vec![ev("FRA", "064", "DEU")]
    );
}

#[test]
fn peer_require_dyad_drops_events_without_a_target() {
    let text = "France restored diplomatic ties on Friday.";
    assert_eq!(peer_events(text), vec![ev("FRA", "064", "")]);
    assert!(peer_events_with(text, |s| s.require_dyad = Some(true)).is_empty());
}

#[test]
fn peer_without_require_dyad_codes_the_attribution_by_its_speaker() {
    let text = "France restored diplomatic ties with Germany on Friday, the Spanish foreign minister said on Saturday.";
    let mut expected = vec![ev("FRA", "064", "DEU"), ev("ESPGOV", "023", "")];
    expected.sort();
    assert_eq!(peer_events_with(text, |s| s.require_dyad = Some(false)), expected);
    // PETRARCH's terminal comma-clause elimination drops a short attribution
    let short = |s: &mut EventStage| {
        s.require_dyad = Some(false);
        s.comma_end = Some((2, 8));
    };
    assert_eq!(peer_events_with(text, short), vec![ev("FRA", "064", "DEU")]);
    // but not the last member of a list of actors
    let mut expected = vec![ev("FRA", "064", "DEU"), ev("FRA", "064", "ESP"), ev("FRA", "064", "ITA")];
    expected.sort();
    assert_eq!(
        peer_events_with("France restored diplomatic ties with Germany, Spain and Italy.", short),
        expected
    );
}

#[test]
fn peer_inner_comma_clauses_are_dropped_but_not_lists() {
    let inside = |s: &mut EventStage| s.comma_inside = Some((2, 8));
    let text = "France restored diplomatic ties, as Italy had asked, with Spain on Friday.";
    assert_eq!(peer_events_with(text, inside), vec![ev("FRA", "064", "ESP")]);
    assert_eq!(peer_events(text), vec![ev("FRA", "064", "ITA")]);
    let list = "France restored diplomatic ties with Germany, Spain, Italy and Greece.";
    assert_eq!(peer_events_with(list, inside).len(), 4);
}

#[test]
fn peer_semantics_target_anywhere_after_the_verb() {
    // a country after "at" is an actor for PETRARCH dictionaries
    assert_eq!(
        peer_events("North Korea fired two artillery shells at South Korea on Thursday."),
        vec![ev("PRK", "194", "KOR")]
    );
}

#[test]
fn petrarch_target_marker_after_skipped_actor() {
    // `- * IFTAR IN ^ +`: the target follows the actor after "in"
    assert_eq!(
        peer_events("France celebrated Iftar in Spain with the leaders of Germany."),
        vec![ev("FRA", "045", "DEU")]
    );
}

#[test]
fn petrarch_compound_marker_needs_a_compound_subject() {
    // `- % * [030:030]` codes the members of a compound subject both ways
    assert_eq!(
        peer_events("France and Germany agree that the dispute should be settled."),
        vec![ev("DEU", "030", "FRA"), ev("FRA", "030", "DEU")]
    );
    // a single subject falls back to the verb's own code
    assert_eq!(peer_events("France agreed with Germany."), vec![ev("FRA", "081", "DEU")]);
}

#[test]
fn petrarch_source_marker_after_the_verb() {
    // `- + * FROM $`: the subject is the target, the actor after "from" the source
    assert_eq!(peer_events("France was freed from Germany."), vec![ev("DEU", "066", "FRA")]);
}

#[test]
fn peer_past_form_after_a_name_is_a_verb_even_before_of() {
    assert_eq!(peer_events("France warned of Germany."), vec![ev("FRA", "160", "DEU")]);
}

#[test]
fn peer_infinitive_repeating_an_earlier_event_is_its_complement() {
    assert_eq!(
        peer_events("France abandoned efforts to renew ties with Germany."),
        vec![ev("FRA", "345", "DEU")]
    );
}

#[test]
fn pattern_word_before_the_subject() {
    // `- NEITHER * [081]`: the subject stands between "neither" and the verb, and
    // "nor" joins it
    assert_eq!(
        peer_events("Neither France nor Germany renewed ties with Spain."),
        vec![ev("DEU", "081", "ESP"), ev("FRA", "081", "ESP")]
    );
}

#[test]
fn peer_passive_without_agent_is_coded_as_written() {
    assert_eq!(
        peer_events("France was criticized over its dispute with Germany."),
        vec![ev("FRA", "121", "DEU")]
    );
}

#[test]
fn peer_target_that_is_the_source_itself_moves_on() {
    // "its" is France: PETRARCH reads no pronouns, so the target is Germany
    assert_eq!(peer_events("France renewed its license in Germany."), vec![ev("FRA", "064", "DEU")]);
}

#[test]
fn peer_semantics_pair_a_compound_subject_without_target() {
    assert_eq!(
        peer_events("France and Germany have renewed diplomatic ties after a break."),
        vec![ev("DEU", "064", "FRA"), ev("FRA", "064", "DEU")]
    );
}

#[test]
fn reported_obligation_is_a_demand() {
    // the speaker demands the act of the reported subject; the act itself is not coded
    assert_eq!(
        events("Russia said on Tuesday that Sudan must return the helicopter."),
        vec![ev("RUS", "100", "SDN")]
    );
    // "it must" is the speaker itself: no demand
    assert!(events("Russia said it must respond.").iter().all(|e| e.1 != "100"));
}

#[test]
fn pronoun_after_speech_and_time_words_is_the_speaker() {
    assert_eq!(
        events("Switzerland said today it had expelled two Russian diplomats."),
        vec![ev("CHE", "166", "RUSGOV")]
    );
}

#[test]
fn coordinated_subject_with_modifiers() {
    let mut r = events("Britain and the old ally France condemned the attack.");
    r.sort();
    assert_eq!(r, vec![ev("FRA", "111", ""), ev("GBR", "111", "")]);
}

#[test]
fn peer_semantics_keep_the_governing_event_only() {
    // a later verb without a target of its own is not coded beside a targeted one
    assert_eq!(
        peer_events("France restored diplomatic ties with Germany to fire in the air."),
        vec![ev("FRA", "064", "DEU")]
    );
}

#[test]
fn peer_semantics_compose_reported_violence() {
    let verbs = "--- SAY [010] ---\nSAY {SAYS SAID}\n\n--- CLAIM [110] ---\nCLAIM {CLAIMS CLAIMED}\n\n\
                 --- ATTACK [190] ---\nATTACK {ATTACKS ATTACKED}\n";
    // another actor's attack: an accusation of that actor
    assert_eq!(
        peer_events_of(verbs, "Russia said Ukraine had attacked Poland.", |_| {}),
        vec![ev("RUS", "112", "UKR")]
    );
    // the speaker's own attack: a claim of responsibility
    assert_eq!(
        peer_events_of(verbs, "Russia claimed that it had attacked Poland.", |_| {}),
        vec![ev("RUS", "015", "POL")]
    );
    // our own semantics keep the act (and the statement)
    assert!(events("Russia said Ukraine had attacked Poland.")
        .iter()
        .any(|(s, _, t)| s == "UKR" && t == "POL"));
}

/// A PETRARCH-2 dictionary with a TRANSFORMATIONS section: code composition is on.
const COMPOSING_VERBS: &str = "--- SAY [010] ---\nSAY {SAYS SAID}\n\n--- ASK [---] ---\nASK [020]\n\n\
                 --- DEMAND [100] ---\nWANT [030]\n- * HELP [023]\n\n--- AGREE [050] ---\nAGREE\n- * (TO SANCTIONS) [163]\n\n\
                 --- LIFT [---] ---\nLIFT\n- * SANCTIONS [085]\n\n--- AID [060] ---\nHELP [070]\n\n\
                 --- ALLOW [080] ---\nGIVE {GIVES GAVE GIVEN}\n\n--- RETREAT [087] ---\n+HEAD_BACK [0874]\n\n\
                 --- PRESSURE [170] ---\nPRESSURE\n\n--- FIGHT [190] ---\nATTACK\n- MISSILE * [194]\n\n\
                 --- KILL [190] ---\nKILL\n\n--- RECEIVE [---] ---\nRECEIVE\n- * ASSURANCE [:030]\n- * ENVOY [043:042]\n\n\
                 --- HOLD [---] ---\nHOLD {HOLDS HELD}\n- * TALKS [046:046]\n\n--- ATTEND [042:043] ---\nATTEND\n\n\
                 &CURRENCY\n# a comment line does not end the set\n+DOLLAR\n\n--- SEND [---] ---\nSEND {SENDS SENT}\n- * &CURRENCY [071]\n\n\
                 ######## TRANSFORMATIONS ##########\n~ a (b . ATTACK) WANT = a b 021\n~ a (a b Q) SAY = a b Q\n\
                 ~ a (a b ATTACK) SAY = a b 015\n~ a (b . ATTACK) SAY = a b 112\n";

#[test]
fn peer_composition_of_an_infinitive_with_its_governor() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // intend + aid: 033; the pattern word HELP is not the infinitive "to help"
    assert_eq!(code("France wants to help Germany."), vec![ev("FRA", "033", "DEU")]);
    // appeal + aid with the governor's object as the target: 023
    assert_eq!(code("France is asking Germany to help Poland."), vec![ev("FRA", "023", "DEU")]);
    // the more specific lower act wins, and `(TO SANCTIONS)` does not reach into "to lift"
    assert_eq!(
        code("France agreed to lift the sanctions on Germany."),
        vec![ev("FRA", "085", "DEU")]
    );
    // a transformation line: wanting another actor to attack is an appeal to it
    assert_eq!(code("France wants Germany to attack Poland."), vec![ev("FRA", "021", "DEU")]);
    // a sum with no CAMEO code is not coded at all
    assert!(code("France might want Germany to head back.").is_empty());
    // a passive governor reads no complement
    assert_eq!(
        code("France is being pressured by Germany to help Poland."),
        vec![ev("DEU", "170", "FRA")]
    );
    // without a TRANSFORMATIONS section (the unit-test dictionaries) nothing composes
    let plain = COMPOSING_VERBS.split("########").next().unwrap_or_default();
    assert_eq!(
        peer_events_of(plain, "France is asking Germany to help Poland.", |_| {}).first(),
        Some(&ev("FRA", "020", "DEU"))
    );
}

#[test]
fn peer_composition_of_a_statement_with_its_complement() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // the speakers' own attack is a claim, each speaker's (`(a b ATTACK) SAY`)
    assert_eq!(
        code("France and Germany said they will attack Poland."),
        vec![ev("DEU", "015", "POL"), ev("FRA", "015", "POL")]
    );
    // the pattern word of SAY * ATTACK stays out of the clause with a modal
    assert_eq!(code("France said Germany will attack Poland."), vec![ev("FRA", "112", "DEU")]);
    // an act below the speech level by another actor sums to nothing: not coded
    assert!(code("France said Germany helped Poland.").is_empty());
}

#[test]
fn peer_passives_as_petrarch_2_reads_them() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // the source after "in" or "from"
    assert_eq!(
        code("Four Polish soldiers were killed in French shelling."),
        vec![ev("FRA", "190", "POLMIL")]
    );
    // the active subject's pattern words are read in the "by" phrase
    assert_eq!(
        code("The Polish embassy was attacked by a French missile."),
        vec![ev("FRA", "194", "POLGOV")]
    );
    // a passive-only code: the verb reads as a passive, the plural matches the noun
    assert_eq!(
        code("Polish rebels received assurances from France."),
        vec![ev("FRA", "030", "POLREB")]
    );
}

#[test]
fn peer_paired_codes_with_a_composing_dictionary() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // a direct object: the first half only
    assert_eq!(code("France attended the Polish summit."), vec![ev("FRA", "042", "POL")]);
    // a prepositional object: both halves
    assert_eq!(
        code("France held talks with Poland."),
        vec![ev("FRA", "046", "POL"), ev("POL", "046", "FRA")]
    );
    // a synonym set with a comment line among its members
    assert_eq!(code("France sent dollars to Poland."), vec![ev("FRA", "071", "POL")]);
}

#[test]
fn peer_composition_of_a_negated_act() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // "not" makes the act its rejection: yield 080 -> 124
    assert_eq!(
        code("France said it would not give permission to Germany."),
        vec![ev("FRA", "124", "DEU")]
    );
    // a negation with no reject code is not coded
    assert!(code("France did not attack Germany.").is_empty());
}

#[test]
fn peer_semantics_skip_participle_and_purpose_clauses() {
    // ", firing ...": a participle after a coded clause belongs to it
    assert_eq!(
        peer_events("France restored diplomatic ties with Germany, firing at Spain."),
        vec![ev("FRA", "064", "DEU")]
    );
    // "... on Monday to criticize ...": a purpose of the coded act
    assert_eq!(
        peer_events("France restored ties with Germany on Monday to criticize Spain."),
        vec![ev("FRA", "064", "DEU")]
    );
}

#[test]
fn abbreviation_in_parentheses_stays_in_the_subject() {
    assert_eq!(
        events("The North Atlantic Treaty Organization (NATO) condemned Russia."),
        vec![ev("IGOWSTNAT", "111", "RUS")]
    );
    // a dateline's agency is not the subject
    assert_eq!(
        events("YEREVAN (Reuters) - Armenia condemned Azerbaijan."),
        vec![ev("ARM", "111", "AZE")]
    );
}

#[test]
fn coordinated_predicates_share_subject_and_modality() {
    // "and would deny": the subject is the speaker of the first predicate, not Iran
    assert_eq!(
        events("The United States said it would prohibit all aid to Iran and would deny entry to Russia."),
        vec![ev("USA", "131", "IRN"), ev("USA", "137", "RUS")]
    );
    // the bomb is no actor: neither "killed" nor "wounded" has a source
    assert!(events("A roadside bomb killed one U.S. soldier and wounded two others.").is_empty());
}

#[test]
fn aspectual_verbs_report_the_act() {
    assert_eq!(
        events("The United States continued to send arms to Pakistan."),
        vec![ev("USA", "072", "PAK")]
    );
    assert_eq!(events("Egyptian police began shelling the town."), vec![ev("EGYCOP", "194", "")]);
    assert!(events("The United States did not continue to send arms to Pakistan.").is_empty());
}

#[test]
fn will_unless_is_an_ultimatum() {
    assert_eq!(
        events("Nigeria said it will withdraw its peacekeepers from Chad unless the rebels agree to talks."),
        vec![ev("NGA", "130", "TCD")]
    );
}

#[test]
fn base_forms_after_a_modifier_are_nouns() {
    // "peace-keeping force" is not "force" (170 coerce)
    assert_eq!(
        events("France is ready to contribute 4,000 troops to an international peace-keeping force in Liberia."),
        vec![ev("FRA", "0334", "")]
    );
}

#[test]
fn phrases_with_multi_word_alternatives() {
    assert_eq!(events("Thailand imposed martial law."), vec![ev("THA", "172", "")]);
}

#[test]
fn a_target_that_is_the_source_is_no_recipient() {
    assert_eq!(events("Zambia reneged on its commitment."), vec![ev("ZMB", "120", "")]);
}

#[test]
fn adjectival_participles_are_not_passive() {
    assert_eq!(events("Israel is opposed to French mediation."), vec![ev("ISR", "110", "FRA")]);
    assert_eq!(events("Israel was opposed by France."), vec![ev("FRA", "110", "ISR")]);
}

#[test]
fn gerunds_after_prepositions_name_aims() {
    assert!(events("The UN chief began a trip aimed at pushing for a ceasefire.").is_empty());
}

#[test]
fn reciprocal_target_among_the_subjects() {
    let mut r = events("Israel and Lebanon renewed negotiations on an Israeli pullback.");
    r.sort();
    assert_eq!(r, vec![ev("ISR", "046", "LBN"), ev("LBN", "046", "ISR")]);
}

#[test]
fn speaker_before_time_words_and_that() {
    assert_eq!(
        events("Nigeria announced Thursday that it had called off the strike."),
        vec![ev("NGA", "080", "")]
    );
}

#[test]
fn a_name_that_modifies_the_subject_head() {
    assert_eq!(
        events("Montenegro Municipality Association (AKK) officials demanded support from Serbia."),
        vec![ev("GOV", "102", "SRB")]
    );
}

#[test]
fn purpose_of_a_completed_act() {
    // protesting by shunning work is a protest
    assert_eq!(
        events("Palestinians shunned work on Monday to protest the settlements."),
        vec![ev("PSECVL", "143", ""), ev("PSECVL", "141", "")]
    );
    assert!(events("Palestinians did not shun work on Monday to protest the settlements.").is_empty());
    // the purpose of a planned act, or an attack as a purpose, is not coded
    assert_eq!(
        events("Turkey plans to hold talks on Monday to protest the decision."),
        vec![ev("TUR", "036", "")]
    );
    assert_eq!(
        events("France sent troops to Mali on Wednesday to attack the rebels."),
        vec![ev("FRA", "150", "MLI")]
    );
}

#[test]
fn subject_after_an_introductory_phrase_without_comma() {
    // "its forces" are Serbia's (the actors stage's its/their rule)
    let r = events("Serbia said on Tuesday its forces had completed their withdrawal from Bosnia.");
    assert!(r.contains(&ev("SRBMIL", "0874", "BIH")), "{r:?}");
}

#[test]
fn passive_agents_after_of_phrases_and_commas() {
    assert_eq!(
        events("Aristide was accused of corruption by Haitian officials."),
        vec![ev("HTIGOV", "1121", "")]
    );
    assert_eq!(
        events("Eight people were killed in an air strike, the worst this year, by government forces."),
        vec![ev("MIL", "190", "CVL")]
    );
}

#[test]
fn allowing_someone_to_act_is_a_concession() {
    assert_eq!(
        events("Turkey refused to allow United Nations planes to land."),
        vec![ev("TUR", "124", "IGOUNO")]
    );
    // "allowed" as a participle, with nothing to do: no concession by anyone
    assert!(events("The pilot was allowed into the UK.").is_empty());
}

#[test]
fn coordinated_with_a_planned_infinitive() {
    // "scheduled to give a speech and meet": the meeting is planned, not held
    assert!(events("President Bush scheduled to give a speech here and meet with exiled dissidents from Myanmar.").is_empty());
    // a gerund phrase before the subject is not the subject
    assert_eq!(
        events("Before leaving for Beijing on Thursday, Russia condemned Ukraine."),
        vec![ev("RUS", "111", "UKR")]
    );
}

#[test]
fn an_actor_with_several_codes_is_one_event_per_code() {
    let event = Event {
        source_code: Some("FRO/BIL".into()),
        target_code: Some("ELR/GAL".into()),
        source: None,
        target: None,
        cameo: "064".into(),
        plover: None,
        plover_mode: None,
        goldstein: 0.0,
        quad_class: 1,
        date: None,
        date_from: DateFrom::None,
        date_time: None,
        location: None,
        evidence: EventEvidence {
            sentence: 0,
            trigger: Span::new(0, 1),
        },
        repeats: Vec::new(),
        quote: None,
    };
    let pairs: Vec<(Option<String>, Option<String>)> = split_code_alternatives(event.clone())
        .into_iter()
        .map(|e| (e.source_code, e.target_code))
        .collect();
    let pair = |s: &str, t: &str| (Some(s.to_string()), Some(t.to_string()));
    assert_eq!(
        pairs,
        vec![pair("FRO", "ELR"), pair("FRO", "GAL"), pair("BIL", "ELR"), pair("BIL", "GAL")]
    );
    let single = Event {
        source_code: Some("GON".into()),
        target_code: None,
        ..event
    };
    assert_eq!(split_code_alternatives(single.clone()), vec![single]);
}

#[test]
fn peer_passive_with_an_uncoded_by_agent_is_not_coded() {
    // PETRARCH: the source is the "by" phrase, which is no actor
    assert_eq!(peer_events("France was allowed to leave Germany by elves."), vec![]);
    // with no "by" phrase the passive is coded as written
    assert_eq!(peer_events("France was allowed to leave Germany."), vec![ev("FRA", "066", "DEU")]);
}

/// A tiny TABARI-format verb dictionary (stems, a dominant code) coded as the TABARI
/// suite codes: peer semantics, complete events only, TABARI's conventions on.
fn tabari_events(text: &str, configure: impl Fn(&mut tabari::TabariOptions)) -> Vec<(String, String, String)> {
    let verbs = "RESTOR  [064]\nURGE  [102]\nASSIST  [092]\nASK  [090]\nPROMISE  [050]\n\
                 ATTEND  [031!]\nLEFT_ [032:033]\nASSAIL  [122]\nSAID  [023?]\nPRAISE  [041]\n\
                 CALLED_ON  [094]\n- $ *  [095]\nACCORD  [075]\nBAN= [191]\nDONATE_ [073]\n";
    let mut stage = EventStage::from_petrarch_verbs(verbs).unwrap();
    stage.require_dyad = Some(true);
    stage.tabari.conventions = true;
    configure(&mut stage.tabari);
    let mut doc = TextStage::default().build(ArticleMeta::default(), text);
    let mut actors = ActorStage::with_defaults().unwrap();
    actors.places = false;
    actors.context_country = false;
    actors.annotate(&mut doc);
    stage.annotate(&mut doc);
    let mut out = triples(&doc);
    out.sort();
    out
}

#[test]
fn tabari_default_codes_fill_missing_actors() {
    let defaults = |prior: bool, after: bool| {
        move |o: &mut tabari::TabariOptions| {
            o.read_option(&format!(
                "DEFAULT: SOURCE [DEFSRC] {} TARGET [DEFTAR] {}",
                if prior { "PRIOR" } else { "" },
                if after { "AFTER" } else { "" }
            ));
        }
    };
    let no_subject = "Fxrnost restored full diplomatic ties with France on Friday.";
    assert!(tabari_events(no_subject, |_| {}).is_empty());
    assert_eq!(tabari_events(no_subject, defaults(true, true)), vec![ev("DEFSRC", "064", "FRA")]);
    // without PRIOR the first actor after the verb acts
    assert_eq!(tabari_events(no_subject, defaults(false, true)), vec![ev("FRA", "064", "DEFTAR")]);
    let compound = "France and Germany restored full diplomatic ties on Friday.";
    assert_eq!(
        tabari_events(compound, defaults(true, true)),
        vec![ev("DEU", "064", "DEFTAR"), ev("FRA", "064", "DEFTAR")]
    );
    // without AFTER the second member of the subject is the target
    assert_eq!(tabari_events(compound, defaults(true, false)), vec![ev("FRA", "064", "DEU")]);
    // stand-ins name no actor mention
    let mut doc = TextStage::default().build(ArticleMeta::default(), no_subject);
    ActorStage::with_defaults().unwrap().annotate(&mut doc);
    let mut stage = EventStage::from_petrarch_verbs("RESTOR  [064]\n").unwrap();
    stage.tabari.read_option("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER");
    stage.annotate(&mut doc);
    assert!(doc
        .events
        .iter()
        .any(|e| e.source.is_none() && e.source_code.as_deref() == Some("DEFSRC")));
}

#[test]
fn tabari_pronouns_stand_for_the_first_actor_or_the_forwarded_one() {
    let text = "France urged Germany on Monday to calm down and then it asked Spain to help.";
    assert_eq!(tabari_events(text, |_| {}), vec![ev("FRA", "090", "ESP"), ev("FRA", "102", "DEU")]);
    // an object pronoun: "asked him"
    let text = "France urged Germany to calm down and Spain asked it to take a greater role.";
    assert_eq!(tabari_events(text, |_| {}), vec![ev("ESP", "090", "FRA"), ev("FRA", "102", "DEU")]);
    // "then it requested that Italy assist": the target stands before the verb
    let text = "France urged Germany to calm down and then it requested that Italy assist with the talks.";
    assert_eq!(tabari_events(text, |_| {}), vec![ev("FRA", "092", "ITA"), ev("FRA", "102", "DEU")]);
    // FORWARD: a pronoun with no antecedent is the previous sentence's first actor
    let text = "He has also asked Spain to provide help in mediating the conflict.";
    assert!(tabari_events(text, |_| {}).is_empty());
    assert_eq!(
        tabari_events(text, |o| o.forwarded = Some("FRA".into())),
        vec![ev("FRA", "090", "ESP")]
    );
}

#[test]
fn tabari_codes_one_event_per_clause_unless_asked_otherwise() {
    let text = "France urged Germany on Monday to assist it in the talks.";
    assert_eq!(tabari_events(text, |_| {}), vec![ev("FRA", "102", "DEU")]);
    assert_eq!(
        tabari_events(text, |o| o.code_by = tabari::CodeBy::All),
        vec![ev("FRA", "092", "DEU"), ev("FRA", "102", "DEU")]
    );
    let text = "France urged Germany to calm down but Spain promised aid to Italy on Friday.";
    assert_eq!(tabari_events(text, |_| {}), vec![ev("ESP", "050", "ITA"), ev("FRA", "102", "DEU")]);
    assert_eq!(
        tabari_events(text, |o| o.code_by = tabari::CodeBy::Sentence),
        vec![ev("FRA", "102", "DEU")]
    );
    // "or assail X": a clause with no actor before its verb takes the previous clause's
    let text = "France praised the plan for Germany or assailed Italy on Thursday.";
    assert!(tabari_events(text, |_| {}).contains(&ev("FRA", "122", "ITA")));
}

#[test]
fn tabari_dominant_code_is_the_only_event_when_coding_all() {
    let text = "France left for the capital on Wednesday to attend meetings of the trade committee with Germany.";
    let all = |o: &mut tabari::TabariOptions| o.code_by = tabari::CodeBy::All;
    assert_eq!(tabari_events(text, all), vec![ev("FRA", "031", "DEU")]);
    assert!(!tabari_events(text, |_| {}).contains(&ev("FRA", "031!", "DEU")));
}

#[test]
fn tabari_question_marked_code_gives_way_in_its_clause() {
    assert_eq!(
        tabari_events("France said it would praise Germany for the deal.", |_| {}),
        vec![ev("FRA", "041", "DEU")]
    );
    // alone in its clause it is coded, without the mark
    assert_eq!(
        tabari_events("France said on Friday that Germany was wrong.", |_| {}),
        vec![ev("FRA", "023", "DEU")]
    );
}

#[test]
fn tabari_source_marker_needs_an_actor_before_the_verb() {
    assert_eq!(
        tabari_events("France called on Germany to act now.", |_| {}),
        vec![ev("FRA", "095", "DEU")]
    );
    // the nearest actor before the verb acts
    assert_eq!(
        tabari_events("France with the support of Spain called on Germany to act now.", |_| {}),
        vec![ev("ESP", "095", "DEU")]
    );
}

#[test]
fn tabari_verb_after_a_determiner_is_a_noun() {
    assert!(tabari_events("France reached an accord with Germany on Friday.", |_| {}).is_empty());
    assert_eq!(
        tabari_events("France will accord Germany a new status.", |_| {}),
        vec![ev("FRA", "075", "DEU")]
    );
}

#[test]
fn tabari_words_without_endings_and_nouns_by_ending_or_capital() {
    // `BAN=` is "ban" only
    assert_eq!(
        tabari_events("France will ban Germany from the games.", |_| {}),
        vec![ev("FRA", "191", "DEU")]
    );
    assert!(tabari_events("France is baning Germany from the games.", |_| {}).is_empty());
    // a noun ending is no verb, nor is a capitalised word inside the sentence
    assert_eq!(
        tabari_events("France will donate cash to Germany on Friday.", |_| {}),
        vec![ev("FRA", "073", "DEU")]
    );
    assert!(tabari_events("France donate's cash to Germany on Friday.", |_| {}).is_empty());
    assert_eq!(
        tabari_events("France is about to restore ties with Germany.", |_| {}),
        vec![ev("FRA", "064", "DEU")]
    );
    assert!(tabari_events("France is about To Restore ties with Germany.", |_| {}).is_empty());
}

/// TABARI-conventions coding of `text` with the TABARI verbs file `verbs`.
fn tabari_code(verbs: &str, text: &str) -> Vec<(String, String, String)> {
    let mut stage = EventStage::from_petrarch_verbs(verbs).unwrap();
    stage.require_dyad = Some(true);
    stage.tabari.conventions = true;
    let mut doc = TextStage::default().build(ArticleMeta::default(), text);
    let mut actors = ActorStage::with_defaults().unwrap();
    actors.places = false;
    actors.annotate(&mut doc);
    stage.annotate(&mut doc);
    triples(&doc)
}

const CURRENCY_VERBS: &str =
    "&CURRENCY\n+DOLLAR\n+EURO\n+AUSTRIAN FLORIN\n+GOLDEN_GOBLIN_GALLEONS\nCONTRIBUT  [070]\n- * &CURRENCY [903]\n- * DOLLAR [071]\n";

#[test]
fn tabari_a_written_word_outranks_a_synonym_set() {
    let code = |text: &str| tabari_code(CURRENCY_VERBS, text);
    assert_eq!(
        code("France will contribute a million dollars to Germany."),
        vec![ev("FRA", "071", "DEU")]
    );
    assert_eq!(
        code("France will contribute a million euros to Germany."),
        vec![ev("FRA", "903", "DEU")]
    );
}

#[test]
fn tabari_a_space_in_a_set_member_lets_words_between() {
    let code = |text: &str| tabari_code(CURRENCY_VERBS, text);
    assert_eq!(
        code("France will contribute a million Austrian gold florin to Germany."),
        vec![ev("FRA", "903", "DEU")]
    );
    assert_eq!(
        code("France will contribute a million golden goblin galleons to Germany."),
        vec![ev("FRA", "903", "DEU")]
    );
    assert_eq!(
        code("France will contribute a million golden old goblin galleons to Germany."),
        vec![ev("FRA", "070", "DEU")]
    );
}

#[test]
fn tabari_a_space_in_a_pattern_takes_any_number_of_words() {
    let verbs = "ACCUS  [120]\n- * OF CRIMES [121]\n";
    let text = "France accused Germany of very many old and quite serious and grave crimes.";
    assert_eq!(tabari_code(verbs, text), vec![ev("FRA", "121", "DEU")]);
    // not over a clause barrier
    let text = "France accused Germany of lying; crimes were not named.";
    assert_eq!(tabari_code(verbs, text), vec![ev("FRA", "120", "DEU")]);
}

#[test]
fn tabari_and_between_designated_nouns_joins_one_noun_phrase() {
    let text = "France's sheep and goats of Germany praised Spain on Friday.";
    assert_eq!(tabari_events(text, |_| {}), vec![ev("DEU", "041", "ESP")]);
    let lists = |o: &mut tabari::TabariOptions| o.nouns = vec!["sheep".into(), "goats".into()];
    assert_eq!(tabari_events(text, lists), vec![ev("FRA", "041", "ESP")]);
}

#[test]
fn tabari_a_word_joined_by_underscore_is_whole() {
    let verbs = "BOYCOTT  [191]\n- NOTED_WOULD NOW *  [173]\n- NOTED WOULD *  [174]\n";
    assert_eq!(
        tabari_code(verbs, "France noted would now boycott Germany on Saturday."),
        vec![ev("FRA", "173", "DEU")]
    );
    // "notedown" begins with the stem NOTED, but not with the whole word `NOTED_`
    assert_eq!(
        tabari_code(verbs, "France notedown would now boycott Germany on Saturday."),
        vec![ev("FRA", "174", "DEU")]
    );
}

/// `COMPOSING_VERBS` with the verbs of the clause-attachment tests.
fn clause_verbs() -> String {
    let extra = "--- RELEASE [080] ---\nRELEASE [084]\n- * CIVILIANS [0841]\n\n--- IMPRISON [173] ---\nIMPRISON\n\n\
                 --- ALLEGE [110] ---\nALLEGE\n\n--- PRESENT [---] ---\nPRESENT\n- * EVIDENCE [1124]\n\n\
                 --- DEMOLISH [1712] ---\nDEMOLISH\n\n--- BUILD [---] ---\nBUILD {BUILDS BUILT BUILDING}\n\n\
                 --- STATE [010] ---\nSTATE {STATES STATED}\n\n--- ADVISE [---] ---\nADVISE\n- * AGAINST TRAVEL [160]\n\n\
                 --- VOICE [010] ---\nVOICE {VOICES VOICED}\n- * SUPPORT [051]\n\n--- ENJOY [---] ---\nENJOY\n\n";
    COMPOSING_VERBS.replacen("######## TRANSFORMATIONS", &format!("{extra}######## TRANSFORMATIONS"), 1)
}

#[test]
fn peer_participles_in_noun_phrases_read_as_passives() {
    let verbs = clause_verbs();
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // an existential "there were ... killed in X": X is the source
    assert_eq!(
        code("There were ten Polish soldiers killed in France today."),
        vec![ev("FRA", "190", "POLMIL")]
    );
    // a reduced relative with no actor as its agent codes nothing; the finite verb
    // after it is the clause's own, its subject the noun the participle follows
    assert_eq!(
        code("The Polish soldiers imprisoned for acting against France were released yesterday by Germany."),
        vec![ev("DEU", "084", "POLMIL")]
    );
    // a participle after a noun that is no actor: its agent names the noun phrase
    assert_eq!(
        code("A report released on Tuesday in the Polish capital alleged that France was aware of the plans."),
        vec![ev("POL", "110", "FRA")]
    );
    // a past form with an object is the main verb ("warned Germany would ...")
    assert_eq!(
        code("France imprisoned Polish soldiers in Germany."),
        vec![ev("FRA", "173", "POLMIL")]
    );
}

#[test]
fn peer_passive_verbs_match_object_words_in_their_subject() {
    let verbs = clause_verbs();
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    assert_eq!(
        code("Evidence against Poland was presented by France."),
        vec![ev("FRA", "1124", "POL")]
    );
    assert_eq!(code("The civilians were released by France."), vec![ev("FRA", "0841", "CVL")]);
    // the active reading is unchanged
    assert_eq!(code("France presented evidence against Poland."), vec![ev("FRA", "1124", "POL")]);
}

#[test]
fn peer_subject_heads_and_appositive_relatives() {
    let verbs = clause_verbs();
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // a verb form right before a finite auxiliary heads the subject
    assert_eq!(
        code("The Polish building was demolished by France."),
        vec![ev("FRA", "1712", "POL")]
    );
    // a capitalised word after a name and before a plain noun is part of a name
    assert_eq!(
        code("The US State department has advised against travel to France."),
        vec![ev("USA", "160", "FRA")]
    );
    // the subject before an appositive that holds a relative clause, not the
    // actor inside it
    assert_eq!(
        code("Poland, a country that borders Germany, said France attacked Germany, Hungary and Austria."),
        vec![ev("POL", "112", "FRA")]
    );
    assert_eq!(
        code("Poland, which borders Germany, said France attacked Germany in a separate, rebel-held town."),
        vec![ev("POL", "112", "FRA")]
    );
}

#[test]
fn peer_target_search_stops_at_an_infinitive_clause() {
    let verbs = clause_verbs();
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // the victims are the infinitive's object, not the sending's target
    assert_eq!(
        code("France sent dollars on Monday to help identify the Polish victims."),
        vec![ev("FRA", "071", "")]
    );
    assert_eq!(code("France sent dollars on Monday to Poland."), vec![ev("FRA", "071", "POL")]);
}

#[test]
fn peer_pattern_words_stay_out_of_a_finite_complement_clause() {
    let verbs = clause_verbs();
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    assert_eq!(code("France voiced support for Poland."), vec![ev("FRA", "051", "POL")]);
    // "support" belongs to "enjoyed", the verb of the complement clause, and so
    // does "Poland": the statement has no object and composes with nothing
    assert!(code("France voiced hopes that the plan enjoyed support from Poland.").is_empty());
}

#[test]
fn peer_a_verb_whose_object_is_a_clause_codes_only_composed() {
    let verbs = clause_verbs();
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // the clause's actor is not the statement's target, and nothing composes
    assert!(code("France said the plan enjoyed support from Poland.").is_empty());
    // an actor before the clause's verb: the statement composes with its act
    assert_eq!(code("France said Germany attacked Poland."), vec![ev("FRA", "112", "DEU")]);
    // a clause after "but" is coordinate, not the statement's complement
    assert_eq!(
        code("France said the plan enjoyed support, but Germany attacked Poland."),
        vec![ev("DEU", "190", "POL")]
    );
    // without composition rules (the unit-test dictionaries) the peers' target
    // search still reads the clause's actor
    let plain = verbs.split("########").next().unwrap_or_default();
    assert_eq!(
        peer_events_of(plain, "France said the plan enjoyed support from Poland.", |_| {}),
        vec![ev("FRA", "010", "POL")]
    );
}

/// The codes of the pattern matched at each verb of `text` (lower-cased words), with
/// the tokens at `names` marked as actor names.
fn pattern_codes(verbs: &str, text: &str, names: &[usize]) -> Vec<String> {
    let d = petrarch::read_verbs(verbs).unwrap();
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let mask: Vec<bool> = (0..words.len()).map(|k| names.contains(&k)).collect();
    d.find_masked(&words, &mask)
        .iter()
        .map(|m| d.patterns[m.pattern].code.clone())
        .collect()
}

const CLAUSE_SCOPE_VERBS: &str = "--- ARRIVE [040] ---\nCOME {COMES CAME COMING} [---]\n- * (TO) [040]\n\n\
                 --- HEAD [060] ---\nHEAD\n- TANKS * BACK [0874]\n- * BACK [040]\n- * (TO) [042:043]\n\n\
                 --- WANT [030] ---\nWANT\n\n--- HOST [043] ---\nHOST {HOSTS HOSTED HOSTING}\n\n\
                 --- CELEBRATE [181] ---\nCELEBRATE\n- + HOSTING * TABASKI [042]\n\n\
                 --- CRITICIZE [111] ---\nCRITICIZE\n\n\
                 --- ATTEND [042:043] ---\nATTEND\n- * SUMMIT (IN ^) (ON) [042:043]\n\n";

#[test]
fn peer_pattern_words_stay_out_of_a_subordinate_clause() {
    // "to" belongs to "heads", the verb of a clause with its own subject (an actor
    // or a pronoun after a subordinator): COME matches bare, HEAD its own pattern
    let text = "France comes a day before Germany heads to Poland";
    assert_eq!(pattern_codes(CLAUSE_SCOPE_VERBS, text, &[0, 5, 8]), vec!["---", "042"]);
    assert_eq!(
        pattern_codes(CLAUSE_SCOPE_VERBS, "France comes a day before he heads to Poland", &[0, 8]),
        vec!["---", "042"]
    );
    // a preposition of the verb's own phrase still matches
    assert_eq!(pattern_codes(CLAUSE_SCOPE_VERBS, "France comes to Poland", &[0, 3]), vec!["040"]);
    // "before the heads ...": no subject before the "-s" form, no clause
    assert_eq!(
        pattern_codes(CLAUSE_SCOPE_VERBS, "France comes before the heads to Poland", &[0, 6])[0],
        "040"
    );
}

#[test]
fn peer_pattern_words_stay_out_of_the_governing_clause_of_an_infinitive() {
    // "tanks" is the governor's subject, outside the clause of "Obama to head back"
    let text = "The USA tanks might want Obama to head back";
    assert_eq!(pattern_codes(CLAUSE_SCOPE_VERBS, text, &[1, 5]), vec!["030", "040"]);
    assert_eq!(pattern_codes(CLAUSE_SCOPE_VERBS, "The USA tanks head back", &[1]), vec!["0874"]);
    // without a subject of its own the infinitive reads the governor's clause (and
    // the governor, inside the match, is no verb of its own)
    assert_eq!(pattern_codes(CLAUSE_SCOPE_VERBS, "The tanks want to head back", &[]), vec!["0874"]);
    // the governor itself may be a pattern word (`+ HOSTING * TABASKI`, not HOST's 043)
    let text = "Mordor will be hosting Osgiliath to celebrate Tabaski";
    assert_eq!(pattern_codes(CLAUSE_SCOPE_VERBS, text, &[0, 4]), vec!["042"]);
}

#[test]
fn peer_an_infinitive_with_its_own_subject_above_the_speech_level_is_a_nested_event() {
    let verbs = COMPOSING_VERBS.replacen(
        "######## TRANSFORMATIONS",
        "--- CRITICIZE [111] ---\nCRITICIZE\n\n######## TRANSFORMATIONS",
        1,
    );
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // want (030) + criticize (111) with Germany as the criticizer: no sum, no line
    assert!(code("France wants Germany to criticize Poland.").is_empty());
    // a transformation line still names the pair
    assert_eq!(code("France wants Germany to attack Poland."), vec![ev("FRA", "021", "DEU")]);
    // without a subject of its own the two compose as before
    assert_eq!(code("France wants to help Germany."), vec![ev("FRA", "033", "DEU")]);
}

#[test]
fn peer_an_uncoded_verb_swallows_its_adverbial_clause() {
    let verbs = COMPOSING_VERBS.replacen(
        "######## TRANSFORMATIONS",
        &format!("{CLAUSE_SCOPE_VERBS}######## TRANSFORMATIONS"),
        1,
    );
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // COME is matched but not coded, its subject an actor: the clause's events fold
    // into (France, event, 0), which codes nothing
    assert!(code("France comes a day before Germany heads to Poland.").is_empty());
    // a subject that is no actor leaves the clause's events as they are
    assert_eq!(
        code("The statement comes a day before Germany heads to Poland."),
        vec![ev("DEU", "042", "POL"), ev("POL", "043", "DEU")]
    );
    // the unit-test dictionaries (no composition) are not affected
    let plain = verbs.split("########").next().unwrap_or_default();
    assert_eq!(
        peer_events_of(plain, "France comes a day before Germany heads to Poland.", |_| {}),
        vec![ev("DEU", "042", "POL"), ev("POL", "043", "DEU")]
    );
}

#[test]
fn peer_a_second_complement_after_a_copular_first_does_not_compose() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // the first complement's head is an adjective: the second hangs off it
    assert_eq!(
        code("France said that Poland was aware of it, and that Germany attacked Spain."),
        vec![ev("DEU", "190", "ESP")]
    );
    // a single complement composes
    assert_eq!(code("France said that Germany attacked Spain."), vec![ev("FRA", "112", "DEU")]);
}

#[test]
fn peer_a_caret_in_a_pattern_marks_the_target() {
    let verbs = COMPOSING_VERBS.replacen(
        "######## TRANSFORMATIONS",
        &format!("{CLAUSE_SCOPE_VERBS}######## TRANSFORMATIONS"),
        1,
    );
    let code = |text: &str| peer_events_of(&verbs, text, |_| {});
    // the actor at `(IN ^)`, not the one after the last preposition `(ON)`
    let coded = code("France attended a summit in Germany on the unrest in Poland.");
    assert!(coded.contains(&ev("FRA", "042", "DEU")), "{coded:?}");
    assert!(!coded.iter().any(|e| e.2 == "POL"), "{coded:?}");
}

#[test]
fn peer_plain_statements_are_dropped_after_composition() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // a statement that composed with nothing
    assert!(code("France said to Germany that the weather was fine.").is_empty());
    // one that composed is kept as its composition
    assert_eq!(code("France said Germany will attack Poland."), vec![ev("FRA", "112", "DEU")]);
    // the unit-test dictionaries keep plain statements
    let plain = COMPOSING_VERBS.split("########").next().unwrap_or_default();
    assert_eq!(
        peer_events_of(plain, "France said to Germany that the weather was fine.", |_| {}),
        vec![ev("FRA", "010", "DEU")]
    );
}

#[test]
fn peer_a_modified_plural_at_the_end_of_its_phrase_is_a_noun() {
    let code = |text: &str| peer_events_of(COMPOSING_VERBS, text, |_| {});
    // "the chemical attacks": a determiner and a modifier make it a plural noun
    assert!(code("France said Germany was behind the chemical attacks.").is_empty());
    // a finite verb after a subject still composes with the statement
    assert_eq!(code("France said Germany attacks Poland."), vec![ev("FRA", "112", "DEU")]);
}
