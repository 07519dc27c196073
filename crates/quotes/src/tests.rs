//! One test per pattern the stage handles.

use super::*;
use detente_actors::ActorStage;
use detente_doc::ArticleMeta;
use detente_text::TextStage;
use detente_time::TimeStage;

/// The stages before this one, built once for all tests (the time stage compiles
/// its patterns, slow in a debug build).
fn stages() -> &'static (ActorStage, TimeStage) {
    static STAGES: std::sync::OnceLock<(ActorStage, TimeStage)> = std::sync::OnceLock::new();
    STAGES.get_or_init(|| (ActorStage::with_defaults().unwrap(), TimeStage::new()))
}

/// The actors, times and quotes stages on a built document.
fn code(mut doc: Document) -> Document {
    let (actors, times) = stages();
    actors.annotate(&mut doc);
    times.annotate(&mut doc);
    QuoteStage::default().annotate(&mut doc);
    doc
}

fn coded(text: &str) -> Document {
    code(TextStage::default().build(ArticleMeta::default(), text))
}

/// (content, cue, speaker words, direct) of every quote.
fn summary(doc: &Document) -> Vec<(String, String, String, bool)> {
    doc.quotes
        .iter()
        .map(|q| {
            (
                doc.slice(q.span).to_string(),
                q.cue.map(|c| doc.slice(c).to_string()).unwrap_or_default(),
                q.speaker_span.map(|s| doc.slice(s).to_string()).unwrap_or_default(),
                q.direct,
            )
        })
        .collect()
}

fn q(content: &str, cue: &str, speaker: &str, direct: bool) -> (String, String, String, bool) {
    (content.into(), cue.into(), speaker.into(), direct)
}

#[test]
fn quote_then_speaker_and_cue() {
    let doc = coded("\"We are ready to talk,\" the French president said.");
    assert_eq!(summary(&doc), vec![q("We are ready to talk", "said", "the French president", true)]);
}

#[test]
fn speaker_and_colon_then_quote() {
    let doc = coded("German Chancellor Olaf Scholz said: \"The door is open.\"");
    assert_eq!(
        summary(&doc),
        vec![q("The door is open.", "said", "German Chancellor Olaf Scholz", true)]
    );
    assert!(doc.quotes[0].speaker.is_some());
}

#[test]
fn inverted_cue_with_apposition() {
    let doc = coded("\"We will not yield,\" said Ivan Petrov, the foreign minister.");
    assert_eq!(summary(&doc), vec![q("We will not yield", "said", "Ivan Petrov", true)]);
}

#[test]
fn quote_split_around_its_cue() {
    let doc = coded("\"The first part,\" she said, \"and the rest of it.\"");
    assert_eq!(
        summary(&doc),
        vec![
            q("The first part", "said", "she", true),
            q("and the rest of it.", "said", "she", true)
        ]
    );
    assert_eq!(doc.quotes[0].cue, doc.quotes[1].cue);
}

#[test]
fn quote_over_several_paragraphs() {
    let text = "The minister spoke at length. \"We have tried every road to peace,\" he said. \"We will keep trying.\n\n\"Nobody should doubt that we mean it.\"\n\nThe talks resume on Monday.";
    let doc = coded(text);
    let s = summary(&doc);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(s[1].0, "We will keep trying.");
    assert_eq!(s[2].0, "Nobody should doubt that we mean it.");
    assert!(s.iter().all(|x| x.2 == "he" && x.1 == "said"));
}

#[test]
fn bare_quotation_paragraph_keeps_the_speaker() {
    let text = "\"We are ready,\" the spokeswoman said.\n\n\"There is no other way forward for us.\"";
    let s = summary(&coded(text));
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[1], q("There is no other way forward for us.", "said", "the spokeswoman", true));
}

#[test]
fn he_added_and_pronoun_speaker_resolves() {
    let text = "Russian Foreign Minister Sergei Lavrov spoke on Monday. \"It is a mistake,\" he added.";
    let doc = coded(text);
    assert_eq!(summary(&doc), vec![q("It is a mistake", "added", "he", true)]);
    let lavrov = doc.actors.iter().position(|a| a.name.contains("Lavrov"));
    assert!(lavrov.is_some());
    assert_eq!(doc.quotes[0].speaker, lavrov);
}

#[test]
fn partial_quote_inside_reported_speech() {
    let doc = coded("The minister said the relationship was \"at a crossroads\" after the vote.");
    let s = summary(&doc);
    assert!(s.contains(&q("at a crossroads", "said", "The minister", true)), "{s:?}");
    assert!(
        s.contains(&q(
            "the relationship was \"at a crossroads\" after the vote",
            "said",
            "The minister",
            false
        )),
        "{s:?}"
    );
}

#[test]
fn scare_quotes_and_titles_have_no_speaker() {
    assert!(coded("The so-called \"peace plan\" was dropped.").quotes.is_empty());
    assert!(coded("She starred in \"The Long Road Home\" last year.").quotes.is_empty());
}

#[test]
fn indirect_said_that_and_told_reporters() {
    let s = summary(&coded("The minister said that the talks had failed."));
    assert_eq!(s, vec![q("the talks had failed", "said", "The minister", false)]);
    let s = summary(&coded("Mr. Biden told reporters the sanctions would stay in place."));
    assert_eq!(s, vec![q("the sanctions would stay in place", "told", "Mr. Biden", false)]);
    let s = summary(&coded("The president told reporters on Tuesday that he would veto the bill."));
    assert_eq!(s, vec![q("he would veto the bill", "told", "The president", false)]);
}

#[test]
fn indirect_speech_verbs() {
    for (verb, text) in [
        ("warned", "China warned that it would retaliate against any tariffs."),
        ("stressed", "The envoy stressed that no deal had been reached."),
        ("insisted", "Moscow insisted it had no troops in the region."),
        ("denied", "The ministry denied that its forces had crossed the border."),
        ("accused", "Iran accused Israel of sabotage at the plant."),
    ] {
        let s = summary(&coded(text));
        assert_eq!(s.len(), 1, "{text}: {s:?}");
        assert_eq!(s[0].1, verb);
        assert!(!s[0].3);
    }
}

#[test]
fn trailing_cue_and_parenthetical_cue() {
    let s = summary(&coded("The talks had failed, the minister said on Tuesday."));
    assert_eq!(s, vec![q("The talks had failed", "said", "the minister", false)]);
    let s = summary(&coded("The economy, Trump said, is rigged against workers."));
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0].0, "The economy");
    assert_eq!(s[1].0, "is rigged against workers");
}

#[test]
fn according_to_before_and_after() {
    let s = summary(&coded("According to the ministry, five soldiers were killed."));
    assert_eq!(s, vec![q("five soldiers were killed", "According to", "the ministry", false)]);
    let s = summary(&coded("Five soldiers were killed, according to the ministry."));
    assert_eq!(s, vec![q("Five soldiers were killed", "according to", "the ministry", false)]);
}

#[test]
fn possessive_statement_as_speaker() {
    let doc = coded("The ministry's statement said the border would stay closed.");
    let s = summary(&doc);
    assert_eq!(
        s,
        vec![q("the border would stay closed", "said", "The ministry's statement", false)]
    );
}

#[test]
fn chained_source_names_the_channel() {
    let doc = coded("\"We have no plans to attend,\" the spokeswoman said, according to a transcript released by the ministry.");
    assert_eq!(doc.quotes.len(), 1, "{:?}", summary(&doc));
    let quote = &doc.quotes[0];
    assert_eq!(doc.slice(quote.speaker_span.unwrap()), "the spokeswoman");
    assert_eq!(doc.slice(quote.via.as_ref().unwrap().span), "the ministry");
}

#[test]
fn newspaper_quoted_him_as_saying() {
    let doc = coded("The newspaper quoted him as saying the army would withdraw.");
    assert_eq!(doc.quotes.len(), 1);
    let quote = &doc.quotes[0];
    assert_eq!(doc.slice(quote.span), "the army would withdraw");
    assert_eq!(doc.slice(quote.speaker_span.unwrap()), "him");
    assert_eq!(doc.slice(quote.via.as_ref().unwrap().span), "The newspaper");
}

#[test]
fn media_and_anonymous_and_collective_sources() {
    let s = summary(&coded("State television reported that the president had resigned."));
    assert_eq!(s, vec![q("the president had resigned", "reported", "State television", false)]);
    let s = summary(&coded("An official who asked not to be named said the plan was dead."));
    assert_eq!(
        s,
        vec![q("the plan was dead", "said", "An official who asked not to be named", false)]
    );
    let s = summary(&coded("Diplomats said the vote would be delayed."));
    assert_eq!(s, vec![q("the vote would be delayed", "said", "Diplomats", false)]);
    let s = summary(&coded("The ministry said in a statement that the ambassador had been recalled."));
    assert_eq!(s, vec![q("the ambassador had been recalled", "said", "The ministry", false)]);
}

#[test]
fn adding_continues_the_speaker() {
    let doc = coded("\"It is over,\" the senator said, adding that a vote would come soon.");
    let s = summary(&doc);
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[1], q("a vote would come soon", "adding", "the senator", false));
}

#[test]
fn typographic_quotes_are_read_too() {
    // Documents built without normalisation (the evaluation) keep curly marks.
    let mut doc = coded("x");
    doc.text = "\u{201C}We are ready,\u{201D} she said.".into();
    let mut rebuilt = TextStage::default().build(ArticleMeta::default(), "\"We are ready,\" she said.");
    rebuilt.text = doc.text.clone();
    // Rebuild spans on the curly text: split and tokenise it directly.
    let splitter = detente_text::Splitter::default();
    let para = Span::new(0, rebuilt.text.len());
    rebuilt.paragraphs = vec![para];
    rebuilt.sentences.clear();
    rebuilt.tokens = detente_text::tokens::tokenize(&rebuilt.text, para, &splitter.abbreviations);
    rebuilt.sentences.push(detente_doc::Sentence {
        span: para,
        paragraph: 0,
        tokens: (0, rebuilt.tokens.len()),
    });
    rebuilt.actors.clear();
    QuoteStage::default().annotate(&mut rebuilt);
    assert_eq!(rebuilt.quotes.len(), 1);
    assert_eq!(rebuilt.slice(rebuilt.quotes[0].span), "We are ready");
}

#[test]
fn long_apposition_and_second_cue() {
    let doc = coded("Mike Morrell, a 30-year veteran of the CIA who retired as acting director in 2013, said the approach put forward by Trump is insufficient.");
    let s = summary(&doc);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(
        s[0].2, "Mike Morrell, a 30-year veteran of the CIA who retired as acting director in 2013",
        "{s:?}"
    );
    let s = summary(&coded(
        "He said the attacks have given his campaign momentum and said that Trump did not represent the party.",
    ));
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0].0, "the attacks have given his campaign momentum");
    assert_eq!(s[1].0, "Trump did not represent the party");
}

#[test]
fn title_case_headline_cues() {
    let meta = ArticleMeta {
        title: Some("Glenn Beck Says Trump Poses A Threat To Democracy".into()),
        ..Default::default()
    };
    let doc = code(TextStage::default().build(meta, "Body text here."));
    let s = summary(&doc);
    assert_eq!(s, vec![q("Trump Poses A Threat To Democracy", "Says", "Glenn Beck", false)]);
    // in running text a capitalised cue word is a name
    assert!(coded("He moved to the United States last year.").quotes.is_empty());
}

#[test]
fn colon_after_a_named_speaker_is_the_cue() {
    let s = summary(&coded("Secretary of State John Kerry: \"We will not stand by.\""));
    assert_eq!(s, vec![q("We will not stand by.", ":", "Secretary of State John Kerry", true)]);
    assert!(coded("The message was simple: \"Go home.\"").quotes.is_empty());
}

#[test]
fn called_on_and_a_trailing_cue() {
    let s = summary(&coded("The bloc called on Baku and Yerevan to return to talks."));
    assert_eq!(s, vec![q("on Baku and Yerevan to return to talks", "called", "The bloc", false)]);
    // with a trailing cue the call is what the official said: one attribution
    let s = summary(&coded(
        "The bloc called on Baku and Yerevan to return to talks, a senior EU official said.",
    ));
    assert_eq!(
        s,
        vec![q(
            "The bloc called on Baku and Yerevan to return to talks",
            "said",
            "a senior EU official",
            false
        )]
    );
}

#[test]
fn evidence_shows_and_in_the_poll() {
    let s = summary(&coded("A new poll showed Clinton ahead by four points."));
    assert_eq!(s, vec![q("Clinton ahead by four points", "showed", "A new poll", false)]);
    assert!(coded("The president showed restraint.").quotes.is_empty());
    let s = summary(&coded("In the latest Gallup survey, 40 percent of voters back Sanders."));
    assert_eq!(
        s,
        vec![q("40 percent of voters back Sanders", "In", "the latest Gallup survey", false)]
    );
}

#[test]
fn that_after_a_clause_of_its_own_stays_in_the_content() {
    let s = summary(&coded("He said he was tickled that lately he is often asked about her views."));
    // (the question nested in it, "asked about her views", is an attribution too)
    assert_eq!(
        s[0],
        q("he was tickled that lately he is often asked about her views", "said", "He", false)
    );
    let s = summary(&coded("She told reporters on Monday that the talks had failed."));
    assert_eq!(s, vec![q("the talks had failed", "told", "She", false)]);
}

#[test]
fn apposition_then_cue_reads_forward() {
    let s = summary(&coded(
        "And North Carolina's Ada Fisher, one of only a handful of RNC members, said Trump will exceed expectations.",
    ));
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Trump will exceed expectations");
    assert_eq!(s[0].1, "said");
}

#[test]
fn name_with_age_and_place_as_speaker() {
    let s = summary(&coded(
        "Brianne Stone, 29, of Huntsville, Ala., says her biggest concern is global warming.",
    ));
    assert_eq!(
        s,
        vec![q(
            "her biggest concern is global warming",
            "says",
            "Brianne Stone, 29, of Huntsville, Ala.",
            false
        )]
    );
}

#[test]
fn counted_participle_is_no_cue() {
    assert!(coded("Clinton leads Sanders by 271 pledged delegates.").quotes.is_empty());
    let s = summary(&coded("A Clinton ad in 2008 questioned whether Obama was ready."));
    assert_eq!(s.len(), 1, "{s:?}");
}

#[test]
fn that_after_a_longer_adverbial() {
    let s = summary(&coded(
        "Cruz said during a taping of a town hall meeting in Buffalo, New York, that the state is wrong.",
    ));
    assert_eq!(s, vec![q("the state is wrong", "said", "Cruz", false)]);
}

#[test]
fn evidence_subject_with_a_long_name() {
    let s = summary(&coded(
        "A poll from Marquette Law School released Wednesday found Clinton leading Trump by 15 points.",
    ));
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Clinton leading Trump by 15 points");
}

#[test]
fn quotation_after_and_added_shares_the_subject() {
    let s = summary(&coded(
        "Suu Kyi said it was too early to congratulate winners but added, \"I think you all have an idea of the results.\"",
    ));
    assert!(
        s.contains(&q("it was too early to congratulate winners", "said", "Suu Kyi", false)),
        "{s:?}"
    );
    assert!(
        s.contains(&q("I think you all have an idea of the results.", "added", "Suu Kyi", true)),
        "{s:?}"
    );
}

#[test]
fn cue_with_its_own_content_after_a_full_stop_opens_the_next_statement() {
    let s = summary(&coded(
        "Perez lobbies for a higher minimum wage: \"No one who works full time should live in poverty.\" He says paid leave is next.",
    ));
    assert!(s.contains(&q("paid leave is next", "says", "He", false)), "{s:?}");
    assert!(!s.iter().any(|x| x.0.starts_with("No one") && x.1 == "says"), "{s:?}");
    // a cue before a colon introduces the quotation after it
    let s = summary(&coded("Trump said: \"We won.\" Pence added: \"And we will win again.\""));
    assert!(s.contains(&q("And we will win again.", "added", "Pence", true)), "{s:?}");
    assert!(s.contains(&q("We won.", "said", "Trump", true)), "{s:?}");
    // a trailing cue with only an adverbial after it is still the quotation's
    let s = summary(&coded("\"We will not back down.\" Trump said on Tuesday."));
    assert_eq!(s, vec![q("We will not back down.", "said", "Trump", true)]);
}

#[test]
fn trailing_poll_phrase() {
    let s = summary(&coded("Trump leads Clinton by nine points in the latest Fox News poll."));
    assert_eq!(
        s,
        vec![q("Trump leads Clinton by nine points", "in", "the latest Fox News poll", false)]
    );
    let s = summary(&coded("But Sanders has sagged in the polls."));
    assert_eq!(s, vec![q("Sanders has sagged", "in", "the polls", false)]);
    // another cue in the sentence reads it; "in" before a place is no source
    let s = summary(&coded("Trump said he leads in the polls."));
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].1, "said");
    assert!(coded("Turnout was high in the state of Ohio.").quotes.is_empty());
}

#[test]
fn according_to_inside_the_content() {
    let s = summary(&coded("The company receives, according to one report, $234 million in contracts."));
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0].0, "The company receives");
    assert_eq!(s[1].0, "$234 million in contracts");
    assert!(s.iter().all(|x| x.2 == "one report"));
}

#[test]
fn partial_quote_running_past_the_sentence() {
    let doc = coded("He said Cruz \"has courage to fight. He is not afraid of anyone.\" The crowd cheered.");
    let s = summary(&doc);
    assert!(
        s.iter()
            .any(|x| x.0 == "Cruz \"has courage to fight. He is not afraid of anyone." && !x.3),
        "{s:?}"
    );
}

#[test]
fn he_continued_only_with_quotation_marks() {
    let s = summary(&coded("He continued: \"We will win this fight.\""));
    assert_eq!(s, vec![q("We will win this fight.", "continued", "He", true)]);
    assert!(coded("The fighting continued through the night near the border.").quotes.is_empty());
}

#[test]
fn newspaper_apostrophe_marks_with_a_nested_quote() {
    let s = summary(&coded("''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said."));
    assert_eq!(
        s,
        vec![q(
            "We are told all the time, 'Kosovo is a special case,'",
            "said",
            "Mr. Putin",
            true
        )]
    );
    let s = summary(&coded("Sen. Marco Rubio (R-Florida) said: \"It reminds us of this.\""));
    assert_eq!(s, vec![q("It reminds us of this.", "said", "Sen. Marco Rubio (R-Florida)", true)]);
}

#[test]
fn dash_after_a_named_speaker_is_the_cue() {
    let doc = coded("President Joe Biden \u{2014} \"We will build the bridge.\"");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        summary(&doc),
        vec![q("We will build the bridge.", "\u{2014}", "President Joe Biden", true)],
        "{names:?}"
    );
}

#[test]
fn long_speaker_after_a_quotation_and_elided_subject() {
    let s = summary(&coded(
        "\"They expect us to know this,\" Terrie Rizzo, the Democratic chair of Palm Beach County, said of the Clintons.",
    ));
    assert_eq!(
        s,
        vec![q(
            "They expect us to know this",
            "said",
            "Terrie Rizzo, the Democratic chair of Palm Beach County",
            true
        )]
    );
    let s = summary(&coded("\"Donors are worried,\" spokesman Stuart Roy said."));
    assert_eq!(s, vec![q("Donors are worried", "said", "spokesman Stuart Roy", true)]);
    let s = summary(&coded(
        "Years ago, he backed the senator and said, \"She has done nothing for us.\"",
    ));
    assert_eq!(s, vec![q("She has done nothing for us.", "said", "he", true)]);
}

#[test]
fn questions_asked() {
    let s = summary(&coded("Asked about the sanctions, the minister said nothing had changed."));
    assert!(s.contains(&q("the sanctions", "Asked", "", false)), "{s:?}");
    assert!(s.contains(&q("nothing had changed", "said", "the minister", false)), "{s:?}");
    let s = summary(&coded("A reporter asked whether the talks would resume."));
    assert_eq!(s, vec![q("whether the talks would resume", "asked", "A reporter", false)]);
}

#[test]
fn adverbials_are_not_speakers() {
    let s = summary(&coded(
        "Jennifer Palmieri, communications director for the campaign, said in a statement: \"This act of terror is a tragedy.\"",
    ));
    assert_eq!(
        s,
        vec![q(
            "This act of terror is a tragedy.",
            "said",
            "Jennifer Palmieri, communications director for the campaign",
            true
        )]
    );
}

#[test]
fn abbreviations_in_a_speaker_phrase() {
    let s = summary(&coded("\"It is a dog whistle,\" Rep. Gwen Moore (D-Wis.) said Friday."));
    assert_eq!(s, vec![q("It is a dog whistle", "said", "Rep. Gwen Moore (D-Wis.)", true)]);
}

#[test]
fn intention_verbs_take_a_to_infinitive() {
    let doc = coded("Headline here\n\nThe senator vowed to fight on until the convention. The campaign refused to answer questions.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("to fight on until the convention", "vowed", "The senator", false)),
        "{got:?}"
    );
    assert!(got.contains(&q("to answer questions", "refused", "The campaign", false)), "{got:?}");
    // a noun ("his pledge to"), or "to" before a noun phrase, is no intention cue
    let doc = coded("Headline here\n\nThe union agreed to the deal on Monday.");
    assert!(summary(&doc).is_empty(), "{:?}", summary(&doc));
}

#[test]
fn phrasal_cues_open_their_content_with_a_particle() {
    let doc = coded("Headline here\n\nSanders called for a ban on fracking. Clinton talked about the economy in Ohio.");
    let got = summary(&doc);
    assert!(got.contains(&q("a ban on fracking", "called for", "Sanders", false)), "{got:?}");
    assert!(got.contains(&q("the economy in Ohio", "talked about", "Clinton", false)), "{got:?}");
    let doc = coded("Headline here\n\nThe moderator pointed out that Trump had not answered the question.");
    let got = summary(&doc);
    assert!(
        got.contains(&q(
            "that Trump had not answered the question",
            "pointed out",
            "The moderator",
            false
        )),
        "{got:?}"
    );
}

/// A document whose headline is `title`.
fn coded_with_title(title: &str, body: &str) -> Document {
    let meta = ArticleMeta {
        title: Some(title.into()),
        ..Default::default()
    };
    code(TextStage::default().build(meta, body))
}

#[test]
fn headline_name_and_colon() {
    let doc = coded_with_title("Obama: Congress must act on guns now", "The president spoke on Sunday.");
    let got = summary(&doc);
    assert!(got.contains(&q("Congress must act on guns now", ":", "Obama", false)), "{got:?}");
    // a topic before the colon names nobody
    let doc = coded_with_title("Super Tuesday: what to watch tonight", "Voters go to the polls.");
    assert!(summary(&doc).is_empty(), "{:?}", summary(&doc));
    // the same shape in the body is no headline
    let doc = coded("Headline here\n\nObama: Congress must act on guns now.");
    assert!(summary(&doc).is_empty(), "{:?}", summary(&doc));
}

#[test]
fn passive_question_has_no_speaker() {
    let doc = coded("Headline here\n\nThe senator was asked about securing the border on Monday.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("about securing the border on Monday", "asked", "", false)),
        "{got:?}"
    );
}

#[test]
fn quantified_and_gerund_speakers() {
    let doc = coded("Headline here\n\nAbout half of the voters said they want change. Some said they were angry.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("they want change", "said", "About half of the voters", false)),
        "{got:?}"
    );
    assert!(got.contains(&q("they were angry", "said", "Some", false)), "{got:?}");
    let doc = coded("Headline here\n\nThe ruling came with a federal judge saying the law violated the Constitution.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("the law violated the Constitution", "saying", "a federal judge", false)),
        "{got:?}"
    );
    let doc = coded("Headline here\n\nA Chinese official responded by saying Japan should be careful.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("Japan should be careful", "saying", "A Chinese official", false)),
        "{got:?}"
    );
}

#[test]
fn content_stops_before_a_writers_clause() {
    let doc = coded("Headline here\n\nSeventy percent said they like Clinton, compared with 40 percent last year.");
    let got = summary(&doc);
    assert!(got.contains(&q("they like Clinton", "said", "Seventy percent", false)), "{got:?}");
}

/// True when `doc` has the quote `want` (content, cue, speaker words, direct).
fn has(doc: &Document, want: (String, String, String, bool)) -> bool {
    summary(doc).contains(&want)
}

#[test]
fn progressive_and_catenative_cues() {
    let doc = coded("The White House is saying that revelations about the tax returns show the need for reform.");
    let want = q(
        "revelations about the tax returns show the need for reform",
        "saying",
        "The White House",
        false,
    );
    assert!(has(&doc, want), "{:?}", summary(&doc));
    let doc = coded("Cruz continues to insist that the election is rigged.");
    assert!(
        has(&doc, q("the election is rigged", "insist", "Cruz", false)),
        "{:?}",
        summary(&doc)
    );
    // an infinitive after a verb that is no catenative stays no cue
    let doc = coded("An official who asked not to be named left early.");
    assert!(summary(&doc).is_empty(), "{:?}", summary(&doc));
}

#[test]
fn gerund_after_a_preposition() {
    let doc = coded("Congress rebuked Dr. Oz for saying that green coffee extract was a magic cure.");
    let got = summary(&doc);
    assert!(
        got.iter()
            .any(|g| g.0 == "green coffee extract was a magic cure" && g.1 == "saying"),
        "{got:?}"
    );
}

#[test]
fn transcript_lines_and_colon_statements() {
    let doc = coded(
        "Headline here\n\nWALLACE: Let's start with the debate. Why would Trump do that?\n\nPENCE: Well, Clinton thinks this is a show.",
    );
    let got = summary(&doc);
    assert!(
        got.contains(&q("Let's start with the debate. Why would Trump do that", ":", "WALLACE", false)),
        "{got:?}"
    );
    // the line's own sentences are not read again ("Clinton thinks ...")
    assert!(
        got.contains(&q("Well, Clinton thinks this is a show", ":", "PENCE", false)),
        "{got:?}"
    );
    assert_eq!(got.len(), 2, "{got:?}");
    let doc = coded("Headline here\n\nThe governor added: It's typical of her. She knows nothing.");
    assert_eq!(
        summary(&doc),
        vec![q("It's typical of her. She knows nothing", "added", "The governor", false)]
    );
}

#[test]
fn cue_closing_the_paragraph_before_a_quotation() {
    let doc = coded("Headline here\n\nHe said:\n\n\"We have a situation where our cities are suffering.\"");
    assert_eq!(
        summary(&doc),
        vec![q("We have a situation where our cities are suffering.", "said", "He", true)]
    );
}

#[test]
fn voices_listed_with_a_dash_or_signed_below() {
    // a closing mark where an opening one belongs still opens the quotation
    let doc = coded(
        "Headline here\n\nSonya Herridge \u{2015} \u{201D}Mr. Trump embodies the legacy of racism. He has empowered racists.\u{201D}",
    );
    let got = summary(&doc);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "Sonya Herridge");
    assert!(got[0].0.starts_with("Mr. Trump embodies"), "{got:?}");
    // a dateline is no speaker
    let doc = coded("Headline here\n\nMOSCOW (Reuters) \u{2014} \"We will respond to this provocation.\"");
    assert!(summary(&doc).is_empty(), "{:?}", summary(&doc));
    let doc = coded("Headline here\n\n\"Great speech. She is ready. She never quits.\"\n\n- President Obama, tweeting after the speech.");
    assert_eq!(
        summary(&doc),
        vec![q("Great speech. She is ready. She never quits.", "-", "President Obama", true)]
    );
}

#[test]
fn lead_in_words_before_a_quotation_with_a_trailing_cue() {
    let doc = coded("However laudable the goal, using the capital gains tax \"is a misguided approach,\" Mr. Burman said.");
    assert_eq!(
        summary(&doc),
        vec![q(
            "However laudable the goal, using the capital gains tax \"is a misguided approach",
            "said",
            "Mr. Burman",
            true
        )]
    );
}

#[test]
fn a_quotation_with_its_own_cue_later_is_not_chained() {
    let doc = coded("\"This just isn't right,\" Warren said. \"You squeezed employees\" to drive up the stock price, she said.");
    let got = summary(&doc);
    assert!(got.contains(&q("This just isn't right", "said", "Warren", true)), "{got:?}");
    assert!(
        got.iter()
            .any(|g| g.1 == "said" && g.2 == "she" && g.0.contains("drive up the stock price")),
        "{got:?}"
    );
}

#[test]
fn a_quotation_as_the_subject_of_a_verb_is_not_said() {
    let doc = coded("The city said that the advertisement \"unmistakably and wrongfully\" suggests that Phoenix supports him.");
    let got = summary(&doc);
    assert!(!got.iter().any(|g| g.1 == "suggests"), "{got:?}");
    assert!(got.iter().any(|g| g.1 == "said" && g.2 == "The city"), "{got:?}");
}

#[test]
fn long_apposition_before_a_trailing_cue() {
    let doc = coded("\"I would have been sitting in Siberia for a long time,\" Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone.");
    let got = summary(&doc);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].2.starts_with("Mr. Daniloff, now 81"), "{got:?}");
}

#[test]
fn cue_before_a_quotation_that_ends_its_sentence() {
    let doc =
        coded("A source said, \"He will try to be more friendly.\" At the same time, the person added, \"you saw the endorsements.\"");
    let got = summary(&doc);
    assert!(
        got.contains(&q("He will try to be more friendly.", "said", "A source", true)),
        "{got:?}"
    );
    assert!(
        got.contains(&q("you saw the endorsements.", "added", "the person", true)),
        "{got:?}"
    );
}

#[test]
fn elided_subject_without_a_comma() {
    let doc = coded("The Arizona Republican survived five years in a prison and says such techniques are inhumane.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("such techniques are inhumane", "says", "The Arizona Republican", false)),
        "{got:?}"
    );
}

#[test]
fn questions_put_by_someone_unnamed() {
    let doc = coded("Asked on Monday whether Mr. Clinton would hold a cabinet position, Mrs. Clinton said no.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("whether Mr. Clinton would hold a cabinet position", "Asked", "", false)),
        "{got:?}"
    );
    let doc = coded("\"You bet I would,\" Christie said when asked whether he would issue a quarantine.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("whether he would issue a quarantine", "asked", "", false)),
        "{got:?}"
    );
    let doc = coded("When asked by a reporter whether this differed, Trump said nothing.");
    let got = summary(&doc);
    assert!(got.contains(&q("whether this differed", "asked", "a reporter", false)), "{got:?}");
}

#[test]
fn raised_passives_and_seeming() {
    let doc = coded("The birth is expected to coincide with the national conventions.");
    let got = summary(&doc);
    assert!(
        got.contains(&q(
            "The birth is expected to coincide with the national conventions",
            "is expected",
            "",
            false
        )),
        "{got:?}"
    );
    // one span from the subject on: no subject-only piece
    assert_eq!(got.len(), 1, "{got:?}");
    let doc = coded("The statistics appear to be fabricated.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("The statistics appear to be fabricated", "appear", "", false)),
        "{got:?}"
    );
    let doc = coded("To Harrison, his stare seemed to reflect sadness.");
    let got = summary(&doc);
    assert!(
        got.contains(&q("his stare seemed to reflect sadness", "seemed", "Harrison", false)),
        "{got:?}"
    );
    // appearing somewhere is not seeming
    assert!(coded("He appeared on CNN on Sunday.").quotes.is_empty());
    // "expected" before a noun phrase is no raised passive
    assert!(coded("The result was expected by most.").quotes.is_empty());
}

#[test]
fn nouns_of_saying_with_a_that_clause() {
    let doc = coded("Trump's claim that there were thousands of shootings in Chicago is true.");
    let got = summary(&doc);
    assert!(
        got.iter()
            .any(|g| g.1 == "claim" && g.2 == "Trump" && g.0.starts_with("there were thousands of shootings")),
        "{got:?}"
    );
    // a relative clause after the noun is no content
    assert!(coded("The claim that was made last week is false.").quotes.is_empty());
}

#[test]
fn channel_and_topic_phrases_between_cue_and_content() {
    let doc = coded("Cruz said on Glenn Beck's radio program the race is a dead heat.");
    assert!(
        has(&doc, q("the race is a dead heat", "said", "Cruz", false)),
        "{:?}",
        summary(&doc)
    );
    let doc = coded("Mr. Trump said of the episode \"I don't like it.\"");
    assert!(has(&doc, q("I don't like it.", "said", "Mr. Trump", true)), "{:?}", summary(&doc));
}

#[test]
fn a_percentage_speaks() {
    let doc = coded("On economic issues, 42% say they are liberal.");
    assert_eq!(summary(&doc), vec![q("they are liberal", "say", "42%", false)]);
}

#[test]
fn relative_pronoun_speaks_for_its_antecedent() {
    let doc = coded("The plan was backed by Vladimir Putin, who said the talks had failed.");
    let got = summary(&doc);
    assert!(got.contains(&q("the talks had failed", "said", "who", false)), "{got:?}");
    let quote = doc.quotes.iter().find(|x| doc.slice(x.span) == "the talks had failed").unwrap();
    let actor = quote.speaker.expect("'who' resolves to the mention before it");
    assert!(doc.actors[actor].mentions.iter().any(|m| doc.slice(m.span).contains("Putin")));
}

#[test]
fn stance_verbs_take_their_object_as_content() {
    let got = summary(&coded("Senate Democrats opposed the immigration bill in a vote on Tuesday."));
    assert!(
        got.contains(&q("the immigration bill", "opposed", "Senate Democrats", false)),
        "{got:?}"
    );
    let got = summary(&coded("Voters who denounce the deal are angry."));
    assert!(got.contains(&q("the deal", "denounce", "who", false)), "{got:?}");
    // a noun, not a verb of stance: no attribution
    let got = summary(&coded("The strong opposition of the unions was clear."));
    assert!(got.is_empty(), "{got:?}");
    // present forms need a clear subject: a pronoun, "who", a modal
    let got = summary(&coded("The president's attacks on the press continued."));
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn unlisted_verb_before_a_colon_cues_a_quotation() {
    let got = summary(&coded("Trump boomed: \"Let's defeat her in November.\""));
    assert_eq!(got, vec![q("Let's defeat her in November.", "boomed:", "Trump", true)]);
    let got = summary(&coded("Rubio fired back forcefully: \"They are going to lose.\""));
    assert_eq!(got, vec![q("They are going to lose.", "fired back forcefully:", "Rubio", true)]);
    // no subject before the verb: a label, not a speaker
    let got = summary(&coded("Updated: \"The vote is delayed.\""));
    assert!(got.iter().all(|x| x.1 != "Updated:"), "{got:?}");
}

#[test]
fn question_opening_a_quotation_cue_clause() {
    let doc = coded("Asked why he trailed so badly among minority voters, Sanders said: \"We are working on it.\"");
    let got = summary(&doc);
    assert!(got.contains(&q("We are working on it.", "said", "Sanders", true)), "{got:?}");
    assert!(
        got.contains(&q("why he trailed so badly among minority voters", "Asked", "", false)),
        "{got:?}"
    );
    let got = summary(&coded("Asked specifically what should be done, Carson said they should leave."));
    assert!(got.contains(&q("what should be done", "Asked", "", false)), "{got:?}");
}

#[test]
fn quotations_signed_on_their_line() {
    let doc = coded(
        "Voices\n\n\u{201C}He represents our greatest shame.\u{201D} \u{2015} Sonya Herridge\n\n\u{201C}He is ignorant of our culture.\u{201D} \u{2015} Pamela Padilla",
    );
    let got = summary(&doc);
    // (the text stage writes the horizontal bar as an em dash)
    assert!(
        got.contains(&q("He represents our greatest shame.", "\u{2014}", "Sonya Herridge", true)),
        "{got:?}"
    );
    assert!(
        got.contains(&q("He is ignorant of our culture.", "\u{2014}", "Pamela Padilla", true)),
        "{got:?}"
    );
    // a dash and a lower-case clause is the writer's, not a signature
    let got = summary(&coded("He called it \"a disgrace\" \u{2014} and then he left."));
    assert!(got.iter().all(|x| x.1 != "\u{2014}"), "{got:?}");
}

#[test]
fn longer_quotation_inside_a_sentence_with_an_unlisted_verb() {
    let doc = coded("Former Gov. Mike Huckabee is labeling the actions \"a blatant and belligerent abuse of power.\"");
    assert_eq!(
        summary(&doc),
        vec![q(
            "a blatant and belligerent abuse of power.",
            "labeling",
            "Former Gov. Mike Huckabee",
            true
        )]
    );
}

#[test]
fn longer_quotation_after_the_object_of_a_listed_verb() {
    let doc = coded("Gowdy referenced an inspector general's report that \"less than one percent of the emails\" were kept.");
    let s = summary(&doc);
    assert!(
        s.iter().any(|x| x.0 == "less than one percent of the emails" && x.2 == "Gowdy"),
        "{s:?}"
    );
}

#[test]
fn short_names_and_titles_in_quotation_marks_are_no_statement() {
    // a scare-quoted term, a title in title case, and a long name after "so-called"
    assert!(coded("The so-called \"peace plan\" was dropped.").quotes.is_empty());
    assert!(coded("She starred in \"How the Grinch Stole Christmas\" in 2000.")
        .quotes
        .is_empty());
    assert!(coded("The group drafted the so-called \"plan to end all plans for ever\" in May.")
        .quotes
        .is_empty());
}

#[test]
fn verbs_of_regarding_with_as() {
    let doc = coded("Developers see golf courses as wasted space.");
    assert_eq!(summary(&doc), vec![q("golf courses as wasted space", "see", "Developers", false)]);
    let doc = coded("Trump has portrayed himself as a shrewd manipulator of the tax code.");
    assert_eq!(
        summary(&doc),
        vec![q("himself as a shrewd manipulator of the tax code", "portrayed", "Trump", false)]
    );
    // a passive, and "as" in a clause of its own, are no statements
    assert!(coded("The plan is seen as a success.").quotes.is_empty());
    assert!(coded("She saw the report and left as soon as she could.").quotes.is_empty());
}

#[test]
fn reported_speech_inside_reported_speech_is_one_statement() {
    let s = summary(&coded("Comey said the aides believed the server was secure."));
    assert_eq!(s, vec![q("the aides believed the server was secure", "said", "Comey", false)]);
    // a quotation inside reported speech is still a piece of it
    let s = summary(&coded("He said the relationship was \"at a crossroads\" now."));
    assert!(s.iter().any(|x| x.0 == "at a crossroads" && x.3), "{s:?}");
}

#[test]
fn a_statement_named_as_the_channel_is_no_cue_of_its_own() {
    let s = summary(&coded("The ministry said in a statement that the talks would resume."));
    assert_eq!(s, vec![q("the talks would resume", "said", "The ministry", false)]);
}

/// Gold spans of `doc` by their words (each found once in the text).
fn gold(doc: &Document, source: &str, cue: &str, content: &str) -> learned::features::GoldSpans {
    let span = |w: &str| {
        let at = doc.text.find(w).unwrap();
        Span::new(at, at + w.len())
    };
    learned::features::GoldSpans {
        content: vec![span(content)],
        cue: vec![span(cue)],
        source: vec![span(source)],
    }
}

#[test]
fn a_trained_tagger_adds_what_the_rules_miss() {
    let stage = QuoteStage::default();
    let bits = 16;
    let mut data = Vec::new();
    let examples = [
        ("Senator Hall championed", "the new farm bill for many months"),
        ("The mayor championed", "a plan to rebuild the old bridge"),
        ("Ms. Diaz championed", "the tax credit for working families"),
        ("The union championed", "higher wages for all city workers"),
        ("Mr. Okafor championed", "the reform of the prison system"),
        ("The governor championed", "a ban on new coal plants statewide"),
    ];
    for (who, what) in examples {
        let (source, cue) = who.rsplit_once(' ').unwrap();
        let doc = coded(&format!("{who} {what}. The weather stayed cold in the north."));
        data.extend(stage.training_sequences(&doc, &[gold(&doc, source, cue, what)], bits));
    }
    let tagger = learned::train(&data, 10, bits);
    let text = "The council championed a new park near the river. The weather stayed cold in the north.";
    assert!(summary(&coded(text)).is_empty(), "no rule for this cue");
    let mut doc = code(TextStage::default().build(ArticleMeta::default(), text));
    stage.clone().with_tagger(tagger).annotate(&mut doc);
    assert_eq!(
        summary(&doc),
        vec![q("a new park near the river", "championed", "The council", false)]
    );
}

#[test]
fn a_tagger_that_finds_nothing_leaves_the_rules_as_they_are() {
    let text = "\"We will not give in,\" the minister said on Monday. Diplomats said talks would resume.";
    let tagger = Tagger {
        bucket_bits: 8,
        weights: learned::perceptron::Weights::new(learned::features::label::COUNT, 1 << 8),
    };
    let mut doc = code(TextStage::default().build(ArticleMeta::default(), text));
    QuoteStage::default().with_tagger(tagger).annotate(&mut doc);
    assert_eq!(summary(&doc), summary(&coded(text)));
    assert_eq!(doc.quotes.len(), 2);
}
