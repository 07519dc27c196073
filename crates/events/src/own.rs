//! Rules of our own coder for real news (peer semantics never use them): who
//! counts as a speaker of a statement event (sourcing is not a statement), nouns that
//! look like verbs, targets inside and around a matched phrase, and passive agents
//! named in attack phrases or after a reduced relative. See docs/EVENTS.md.

use super::{clause, is_determiner, is_infinitive_marker, verbs, Coded, PREPOSITIONS};
use clause::{MentionRef, SentenceView};
use detente_doc::{Document, Span};

/// The speaker speaks for the actor whose act it reports: the same actor code ("The
/// EU called on ..., a senior EU official said"), or an official of the country that
/// acts ("Japan will provide aid, Kishida said"). Announcing one's own side's act is
/// that act, not a statement about another's.
pub(crate) fn same_side(doc: &Document, speaker: usize, actor: usize) -> bool {
    let (Some(s), Some(a)) = (doc.actors.get(speaker), doc.actors.get(actor)) else {
        return false;
    };
    let official = matches!(s.sector.as_deref(), Some("GOV" | "MIL" | "SPY" | "LEG"));
    (s.code.is_some() && s.code == a.code) || (official && a.code.is_some() && a.code == s.country)
}

/// `actor` is named in one chain with the speaker ("Obama and Putin said they will
/// attack Iraq"): it speaks too, and its act is its own announcement.
pub(crate) fn co_speaker(doc: &Document, speaker_span: Span, actor: usize) -> bool {
    let Some(a) = doc.actors.get(actor) else {
        return false;
    };
    a.mentions.iter().any(|m| {
        let (from, to) = if m.span.end <= speaker_span.start {
            (m.span.end, speaker_span.start)
        } else if speaker_span.end <= m.span.start {
            (speaker_span.end, m.span.start)
        } else {
            return false;
        };
        matches!(doc.slice(Span::new(from, to)).trim(), "and" | "," | ", and" | "or")
    })
}

/// The actor is a news organisation or reporter (sector `MED`: "Reuters", "an AFP
/// correspondent", "state media"). Its reporting of another's act is the news's
/// sourcing, not a political statement: the quotation keeps the attribution, and
/// no statement event is coded for it. A medium's own act is still coded by its
/// verb ("state media accused the government": 112).
pub(crate) fn is_news_medium(doc: &Document, actor: usize) -> bool {
    doc.actors
        .get(actor)
        .and_then(|a| a.sector.as_deref())
        .is_some_and(|sector| sector.ends_with("MED"))
}

/// "the chemical attacks", "Russia's deadly raids": an -s form after a determiner
/// and one modifier is a plural noun, not a verb (a verb there would need the
/// modifier for its subject, and a subject that is no actor codes nothing anyway).
/// (Composing peer dictionaries use their own test, `modified_plural_noun` in
/// lib.rs, which imitates UD-PETRARCH's tagger instead.)
pub(crate) fn is_modified_plural(view: &SentenceView, verb: usize) -> bool {
    let w = view.word(verb);
    if verb < 2 || !w.ends_with('s') || w.ends_with("ss") || view.mention_of[verb - 1].is_some() {
        return false;
    }
    let modifier = view.word(verb - 1);
    let plain_word = modifier.chars().all(|c| c.is_alphabetic() || c == '-')
        && view.raw[verb - 1].chars().next().is_some_and(char::is_lowercase)
        && !modifier.ends_with("ly")
        && !clause::AUXILIARIES.contains(&modifier)
        && !matches!(
            modifier,
            "also" | "then" | "now" | "still" | "never" | "not" | "who" | "which" | "that"
        );
    let det = view.word(verb - 2);
    plain_word && (is_determiner(det) || det == "'s" || matches!(det, "of" | "by" | "after" | "against" | "in" | "on"))
}

/// A lower-case mention right before a word of the matched phrase modifies that
/// word ("offering further military support to Lebanon", "conducting military
/// exercises"): it is part of the phrase, not its target. A capitalised name or
/// demonym there is an indirect object or the owner ("gave Ukraine weapons",
/// "rejected an Australian ultimatum"), and so are a plural and a possessive pronoun
/// ("meet hostage-takers demands").
pub(crate) fn modifies_phrase_word(view: &SentenceView, t: &MentionRef, slots: &[usize]) -> bool {
    // (one word, or an article and one word: "lodged an official protest"; a plural
    // or a possessive pronoun there is the owner: "meet hostage-takers demands",
    // "rejected their demands")
    let raw = view.raw[t.last];
    let with_article = t.last == t.first + 1 && matches!(view.word(t.first), "a" | "an" | "the");
    let one_word = (t.first == t.last && !is_determiner(view.word(t.first))) || with_article;
    let lower = raw.chars().next().is_some_and(char::is_lowercase);
    slots.contains(&(t.last + 1)) && one_word && !raw.ends_with('s') && lower
}

/// Nouns that name an attack in a phrase giving a passive's agent ("were killed in
/// Israeli tank shelling", "wounded in a Russian air strike").
const ATTACK_NOUNS: &[&str] = &[
    "shelling",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "raid",
    "raids",
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "bombardment",
    "fire",
    "gunfire",
    "ambush",
    "assault",
    "offensive",
    "shellfire",
    "barrage",
];

/// The agent of a passive named in an attack phrase after "in" or "during": the
/// actor that modifies the attack noun ("were killed in Israeli tank shelling" ->
/// Israel), with at most two plain words between them.
pub(crate) fn attack_phrase_agent(view: &SentenceView, from: usize, end: usize) -> Vec<MentionRef> {
    (from..end)
        .filter(|&k| matches!(view.word(k), "in" | "during"))
        .find_map(|k| {
            let mi = (k + 1..(k + 3).min(end)).find_map(|j| view.mention_of[j])?;
            let m = view.mentions[mi];
            let noun = (m.last + 1..(m.last + 4).min(end)).find(|&j| ATTACK_NOUNS.contains(&view.word(j)))?;
            let plain =
                (m.last + 1..noun).all(|j| view.mention_of[j].is_none() && view.word(j).chars().all(|c| c.is_alphabetic() || c == '-'));
            plain.then_some(vec![m])
        })
        .unwrap_or_default()
}

/// "A camp for Congolese refugees was attacked by Burundian militiamen, killing at
/// least 156 people": the participle after a passive acts with the passive's agent,
/// not its subject (the victims). An event of ", V-ing" whose source is the target of
/// an earlier passive (its agent found after its trigger) takes that agent.
pub(crate) fn participles_after_passives(view: &SentenceView, coded: &mut [Coded]) {
    let passives: Vec<(usize, usize, MentionRef)> = coded
        .iter()
        .filter(|e| e.source.span.start > e.trigger.end)
        .filter_map(|e| Some((e.trigger.end, e.target?.actor, e.source)))
        .collect();
    for c in coded.iter_mut() {
        let Some(k) = view.spans.iter().position(|s| s.start == c.trigger.start) else {
            continue;
        };
        if k == 0 || view.word(k - 1) != "," || !view.word(k).ends_with("ing") {
            continue;
        }
        if let Some(&(_, _, agent)) = passives
            .iter()
            .find(|&&(end, victim, _)| end <= c.trigger.start && victim == c.source.actor)
        {
            c.source = agent;
        }
    }
}

/// "Four civilians were killed in Israeli tank shelling": the shelling named in the
/// passive's agent phrase is the killing's own act, not a second event. Drops a
/// violent act with no target whose source is the agent found after an earlier
/// violent act's trigger.
pub(crate) fn drop_agent_phrase_attacks(coded: &mut Vec<Coded>) {
    let violent = |c: &Coded| matches!(c.code.get(..2), Some("18" | "19" | "20"));
    let agents: Vec<(usize, usize)> = coded
        .iter()
        .filter(|e| violent(e) && e.target.is_some() && e.source.span.start > e.trigger.end)
        .map(|e| (e.source.actor, e.source.span.start))
        .collect();
    coded.retain(|c| !(violent(c) && c.target.is_none() && agents.iter().any(|&(a, at)| a == c.source.actor && c.source.span.start == at)));
}

/// "the French military helped to plan and carry out killings": a bare aid verb
/// ("help", "assist") followed by an infinitive, with no recipient between, joins
/// in that act rather than aiding anyone; the act is the infinitive's.
pub(crate) fn helps_to_act(view: &SentenceView, pat: &verbs::VerbPattern, m: &verbs::VerbMatch) -> bool {
    pat.code.starts_with("07") && m.last == m.verb && is_infinitive_marker(view, m.verb + 1)
}

/// The "as" in `[from, end)` that opens a clause of its own ("visits Paris as Berlin
/// and Paris seek a common line"): an actor follows it, and it is no part of "as
/// well as" or "such as". `end` when there is none.
pub(crate) fn clause_as(view: &SentenceView, from: usize, end: usize) -> usize {
    (from..end)
        .find(|&k| {
            let next = if is_determiner(view.word(k + 1)) { k + 2 } else { k + 1 };
            view.word(k) == "as"
                && k > 0
                && !matches!(view.word(k - 1), "well" | "such" | "same" | "so")
                && view.mention_of.get(next).is_some_and(Option::is_some)
        })
        .unwrap_or(end)
}

/// The named actor that `t` owns right after it ("Egypt's Muslim Brotherhood",
/// "Russia's Wagner group"), when there is one.
pub(crate) fn owned_actor(view: &SentenceView, t: &MentionRef) -> Option<MentionRef> {
    let mut k = t.last + 1;
    if !matches!(view.word(k), "'s" | "'") {
        return None;
    }
    k += 1;
    let mi = view.mention_of.get(k).copied().flatten()?;
    // (a name: "the United States' military policies" are the policies' owner's)
    let name = view.raw[k].chars().next().is_some_and(char::is_uppercase);
    (view.mentions[mi].first == k && name).then(|| view.mentions[mi])
}

/// The actor chain right after the verb of `m` (a determiner allowed) that ends right
/// before one of the phrase's words that is a preposition: "blamed Israel for",
/// "accused the United States of violating". `None` when there is none.
pub(crate) fn object_before_preposition(view: &SentenceView, m: &verbs::VerbMatch) -> Option<Vec<MentionRef>> {
    let start = if is_determiner(view.word(m.verb + 1)) {
        m.verb + 2
    } else {
        m.verb + 1
    };
    let mi = view.mention_of.get(start).copied().flatten()?;
    let chain = clause::first_chain(view, start, m.last);
    let last = chain.iter().map(|t| t.last).max()?;
    let next = last + 1;
    let before_preposition = m.slots.contains(&next) && PREPOSITIONS.contains(&view.word(next)) && !is_infinitive_marker(view, next);
    // ("withdraw its troops from": a mention of the phrase's own words is no object)
    let own_words = chain.iter().any(|t| (t.first..=t.last).any(|k| m.slots.contains(&k)));
    (view.mentions[mi].first <= start && before_preposition && !own_words).then_some(chain)
}

/// The capitalised owner of a noun of the matched phrase, inside the phrase: a
/// mention right before the noun ("rejected an *Australian* ultimatum") or one that
/// ends with it ("summoned *the Russian ambassador*", "summoned *Niger's
/// ambassador*"): the actor the act is aimed at.
pub(crate) fn phrase_owner(view: &SentenceView, m: &verbs::VerbMatch) -> Option<MentionRef> {
    view.mentions
        .iter()
        .find(|t| {
            let before_noun = t.last < m.last && m.slots.contains(&(t.last + 1));
            let ends_with_noun = t.first < t.last && m.slots.contains(&t.last);
            let capital = (t.first..=t.last)
                .take_while(|k| !m.slots.contains(k))
                .any(|k| view.raw[k].chars().next().is_some_and(char::is_uppercase));
            t.first > m.verb && t.first <= m.last && (before_noun || ends_with_noun) && capital
        })
        .copied()
}
