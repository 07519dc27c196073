//! Event stage of detente: who did what to whom in each sentence, without a
//! constituency parser.
//!
//! For each sentence: the verb lexicon ([`verbs`]) finds the actions; light clause
//! analysis ([`clause`]) finds each action's verb group, its subject (source) and
//! object (target) among the actor mentions, handling passives, coordinated actors,
//! relative clauses and reported speech; [`modality`] drops what did not happen
//! (negation, modals, conditionals, counterfactuals, questions) and recodes
//! infinitival intents ("agreed to meet" -> 036); [`merge`] folds repeats. Every event
//! keeps its evidence: sentence, trigger and the mentions that filled its slots.

pub mod cameo;
pub mod clause;
pub mod compose;
pub mod eval;
pub mod merge;
pub mod modality;
mod own;
pub mod petrarch;
mod sentence;
pub mod tabari;
pub mod verbs;

pub use cameo::{CameoEntry, CameoTable};
use clause::{MentionRef, SentenceView};
use detente_doc::{DateFrom, Document, Event, EventArg, EventEvidence, Span};
use verbs::RolePos;
pub use verbs::VerbDictionary;

/// Prepositions that end a phrase whose target follows them.
const PREPOSITIONS: &[&str] = &[
    "to", "from", "with", "on", "against", "at", "into", "in", "for", "upon", "of", "between", "by", "over", "toward", "towards",
];

/// The configured event stage.
#[derive(Clone, Debug)]
pub struct EventStage {
    pub verbs: VerbDictionary,
    pub cameo: CameoTable,
    /// Keep events whose code is not in the CAMEO table (the WEIS-era codes of the
    /// PETRARCH/TABARI test dictionaries), with Goldstein 0 and QuadClass 0.
    pub keep_unknown_codes: bool,
    /// Code as PETRARCH/TABARI do with their own dictionaries: their patterns carry
    /// the modality themselves, so a matched verb is coded as found (no negation,
    /// intent or hypothetical filter), and the target may lie anywhere after the verb.
    pub peer_semantics: bool,
    /// PETRARCH's `require_dyad` option, with peer semantics: `Some(true)` keeps only
    /// events with both a source and a target; `Some(false)` keeps every event, the
    /// speech verb of a trailing attribution (", a senior official said") included;
    /// `None` keeps events without a target but drops trailing attributions.
    pub require_dyad: Option<bool>,
    /// PETRARCH/TABARI's terminal comma-clause elimination (`comma_emin`,
    /// `comma_emax`), with peer semantics: a last comma-delimited clause of that many
    /// words is read as if it were not there (nothing coded in it, no actor taken from
    /// it). `None`, or a maximum of 0: off.
    pub comma_end: Option<(usize, usize)>,
    /// The same for comma-delimited clauses inside the sentence (`comma_min`,
    /// `comma_max`): no actor is taken and nothing is coded between the commas.
    pub comma_inside: Option<(usize, usize)>,
    /// TABARI's conventions (default codes, pronouns, events per clause), with peer
    /// semantics; all off by default.
    pub tabari: tabari::TabariOptions,
}

/// An infinitive and the verb governing it, as PETRARCH-2 codes them.
enum Composition {
    /// Not coded at all; nor is the governor (an index into the earlier matches)
    /// when the two make a sum with no code.
    Drop { governor: Option<usize> },
    /// One event: the composed code, the governor (an index into the earlier
    /// matches), and the governor's object when it becomes the target.
    With {
        code: String,
        governor: usize,
        object: Option<Vec<MentionRef>>,
    },
}

/// A match's act after PETRARCH-2's composition ([`EventStage::composed_act`]).
struct ComposedAct {
    code: String,
    /// Where the trigger starts when a governing verb was folded in.
    trigger_start: Option<usize>,
    /// The clause group whose subject is the source, when it is the governor's.
    subject_at: Option<usize>,
    /// The governor's object, which becomes the target ("asking Obama to help").
    governor_object: Option<Vec<MentionRef>>,
}

/// One coded action before it becomes an [`Event`].
struct Coded {
    source: MentionRef,
    target: Option<MentionRef>,
    code: String,
    si: usize,
    trigger: Span,
    /// Set for a speaker's statement: the quotation it introduces.
    quote: Option<usize>,
    /// The verb's object is a finite clause (composing dictionaries): PETRARCH-2
    /// codes such a verb only composed with the clause's events.
    clause_object: bool,
}

impl Coded {
    /// An act of `source` on `target` at `trigger` in sentence `si`, with no quotation
    /// and no clause object.
    fn new(source: MentionRef, target: Option<MentionRef>, code: impl Into<String>, si: usize, trigger: Span) -> Self {
        Coded {
            source,
            target,
            code: code.into(),
            si,
            trigger,
            quote: None,
            clause_object: false,
        }
    }
}

impl EventStage {
    pub fn new(verbs: VerbDictionary, cameo: CameoTable) -> Self {
        EventStage {
            verbs,
            cameo,
            keep_unknown_codes: false,
            peer_semantics: false,
            require_dyad: None,
            comma_end: None,
            comma_inside: None,
            tabari: tabari::TabariOptions::default(),
        }
    }

    /// The stage with detente's own verb lexicon and CAMEO table.
    pub fn with_defaults() -> Result<Self, String> {
        Ok(EventStage::new(VerbDictionary::default_dictionary()?, CameoTable::default_table()?))
    }

    /// Our defaults plus user patterns in our format.
    pub fn with_extra_verbs(extra: &str) -> Result<Self, String> {
        let mut stage = Self::with_defaults()?;
        stage.verbs.extend_from(extra)?;
        Ok(stage)
    }

    /// A PETRARCH/TABARI-format CAMEO verb dictionary instead of ours.
    pub fn from_petrarch_verbs(source: &str) -> Result<Self, String> {
        Ok(EventStage {
            keep_unknown_codes: true,
            peer_semantics: true,
            ..EventStage::new(petrarch::read_verbs(source)?, CameoTable::default_table()?)
        })
    }

    /// Add the events layer (needs sentences, tokens, actors, times and quotes).
    // Not inlined: one call per document, and `bench/instructions.sh` finds the
    // stage's cost under this name.
    #[inline(never)]
    pub fn annotate(&self, doc: &mut Document) {
        let mut events: Vec<Event> = Vec::new();
        for si in 0..doc.sentences.len() {
            let mut coded = self.code_sentence(doc, si);
            if !self.peer_semantics {
                coded.extend(statements(doc, si, &coded));
            }
            for c in coded {
                if let Some(e) = self.to_event(doc, c) {
                    for e in split_code_alternatives(e) {
                        merge::merge_or_push(&mut events, e);
                    }
                }
            }
        }
        doc.events = events;
    }

    /// The act that `m` (at clause group `group`, coded `code`) makes under PETRARCH-2's
    /// composition: with the verb it is the infinitive complement of ("wants to help"),
    /// negated ("would not give permission"), or as it is. `None`: nothing is coded,
    /// as PETRARCH-2 codes a sum with no CAMEO code. A governor folded into `m` has
    /// its trigger added to `removed_triggers`, so that its own event goes.
    fn composed_act(
        &self,
        view: &SentenceView,
        earlier: &[verbs::VerbMatch],
        m: &verbs::VerbMatch,
        group: usize,
        code: String,
        removed_triggers: &mut Vec<Span>,
    ) -> Option<ComposedAct> {
        let mut act = ComposedAct {
            code,
            trigger_start: None,
            subject_at: None,
            governor_object: None,
        };
        let own_group = clause::verb_group_start(view, m.verb);
        let mut top_group = group;
        match self.compose_infinitive(view, earlier, own_group, &act.code) {
            Some(Composition::Drop { governor }) => {
                if let Some(g) = governor.map(|g| &earlier[g]) {
                    removed_triggers.push(Span::new(view.spans[g.first.min(g.verb)].start, view.spans[g.last].end));
                }
                return None;
            }
            Some(Composition::With { code, governor, object }) => {
                let g = &earlier[governor];
                let g_first = g.first.min(g.verb);
                removed_triggers.push(Span::new(view.spans[g_first].start, view.spans[g.last].end));
                top_group = clause::verb_group_start(view, g_first);
                act = ComposedAct {
                    code,
                    trigger_start: Some(g_first),
                    subject_at: Some(top_group),
                    governor_object: object,
                };
            }
            None => {}
        }
        let trigger_start = act.trigger_start.unwrap_or(m.first.min(m.verb));
        if view.words[top_group..trigger_start].iter().any(|w| w == "not") {
            act.code = compose::negate(&act.code)?;
        }
        Some(act)
    }

    /// PETRARCH-2's code composition applies: peer semantics with a PETRARCH-2
    /// dictionary that states its composition rules (a TRANSFORMATIONS section).
    fn composes(&self) -> bool {
        self.peer_semantics && !self.tabari.conventions && !self.verbs.transformations.is_empty()
    }

    /// The verb whose group starts at `group` is an infinitive ("to help") in the
    /// complement of an earlier match, right before it or before its object ("asking
    /// Obama to help"): the code of the two as one event (`compose.rs`), or `Drop` when
    /// the sum means nothing or the governor is a passive ("was pressured by Congress
    /// to help": PETRARCH-2 reads no complement there). `None`: not such an infinitive.
    fn compose_infinitive(&self, view: &SentenceView, earlier: &[verbs::VerbMatch], group: usize, lower: &str) -> Option<Composition> {
        let to = group.checked_sub(1).filter(|&k| view.word(k) == "to")?;
        // the governor's object: one actor chain between it and "to"
        let mut k = to;
        while k > 0 && (view.mention_of[k - 1].is_some() || (k < to && clause::is_chain_glue(view.word(k - 1)))) {
            k -= 1;
        }
        let object = if k < to { clause::first_chain(view, k, to) } else { Vec::new() };
        if !object.is_empty() && k >= 2 && matches!(view.word(k - 1), "by" | "from") && earlier.iter().any(|g| g.last + 2 == k) {
            return Some(Composition::Drop { governor: None });
        }
        let governor = earlier.iter().rposition(|g| g.last + 1 == k)?;
        let upper = &self.verbs.patterns[earlier[governor].pattern].code;
        let relation = if object.is_empty() {
            compose::LowerSource::Absent
        } else {
            compose::LowerSource::Other
        };
        let (code, object) = match compose::transform(&self.verbs.transformations, upper, lower, relation) {
            Some((code, compose::ResultTarget::LowerSource)) => (code, Some(object)),
            Some((code, compose::ResultTarget::LowerTarget)) => (code, None),
            // an act with its own subject composes only below the speech level;
            // above it the pair is a nested event, which PETRARCH-2 never codes
            // (`match_transform` leaves `(a, (b, c, Q), P)` as it is and
            // `get_events` keeps only actor targets): neither verb is coded
            None if !object.is_empty() && compose::to_ontology(lower).is_none_or(|v| v >= 0x1000) => {
                return Some(Composition::Drop { governor: Some(governor) })
            }
            None => match compose::compose(upper, lower) {
                Some(code) => (code, (!object.is_empty()).then_some(object)),
                None => return Some(Composition::Drop { governor: Some(governor) }),
            },
        };
        Some(Composition::With { code, governor, object })
    }

    /// The code of the pattern of the passive verb at `verb` whose words before the
    /// verb (the active subject) stand in its "by" or "from" phrase, if any.
    fn passive_phrase_pattern(&self, view: &SentenceView, verb: usize, end: usize) -> Option<String> {
        let phrase_end = clause::object_end(view, verb + 1, end);
        let by = (verb + 1..phrase_end).find(|&k| matches!(view.word(k), "by" | "from"))?;
        let p = self.verbs.subject_pattern_in(&view.words, verb, by + 1..phrase_end)?;
        Some(self.verbs.patterns[p].code.clone())
    }

    /// The verb at `k` is used as a noun: by our filter, or under TABARI's
    /// conventions only right after a determiner ("was in an accord with"), with a
    /// noun ending ("Estonia donate's cash") or capitalised inside the sentence ("is
    /// about To Restore ties": a name, to TABARI).
    fn noun_use(&self, view: &SentenceView, k: usize) -> bool {
        if self.tabari.conventions {
            let capital =
                k > 0 && view.raw[k].chars().next().is_some_and(char::is_uppercase) && view.raw[k].chars().any(char::is_lowercase);
            return (k > 0 && matches!(view.word(k - 1), "a" | "an" | "the")) || view.word(k + 1) == "'s" || capital;
        }
        is_noun_use(view, k) || (self.composes() && modified_plural_noun(view, k))
    }

    /// The match at `found`'s verb once PETRARCH `%` patterns are checked: a pattern
    /// that asks for a compound actor gives way to the next best when there is none.
    /// So does a TABARI `- $ *` pattern with no actor right before its verb.
    fn settle_compound(&self, view: &SentenceView, hidden: &[bool], found: &verbs::VerbMatch) -> Option<verbs::VerbMatch> {
        let mut m = found.clone();
        let mut tried = Vec::new();
        loop {
            let pat = &self.verbs.patterns[m.pattern];
            if pat.adjacent_source() && self.verbs.tabari && actor_right_before(view, hidden, m.first.min(m.verb)).is_none() {
                tried.push(m.pattern);
                m = self.verbs.best_at(&view.words, found.verb, &tried)?;
                continue;
            }
            let Some(pos) = pat.roles.compound else { return Some(m) };
            let members = role_actors(view, &m, pos, &[], self.tabari.conventions);
            if members.len() >= 2 {
                return Some(m);
            }
            tried.push(m.pattern);
            m = self.verbs.best_at(&view.words, found.verb, &tried)?;
        }
    }

    fn to_event(&self, doc: &Document, c: Coded) -> Option<Event> {
        let unknown;
        let entry = match self.cameo.get(&c.code) {
            Some(e) => e,
            None if self.keep_unknown_codes && c.code != "---" => {
                unknown = CameoEntry {
                    code: c.code.clone(),
                    name: String::new(),
                    goldstein: 0.0,
                    quad_class: 0,
                    plover: None,
                    plover_mode: None,
                };
                &unknown
            }
            None => return None,
        };
        // a TABARI stand-in (a default code, a forwarded actor) names no mention
        let arg = |m: &MentionRef| {
            doc.actors.get(m.actor).map(|_| EventArg {
                actor: m.actor,
                span: m.span,
            })
        };
        let code_of = |m: &MentionRef| match doc.actors.get(m.actor) {
            Some(x) => x.code.clone(),
            None => self.tabari.stand_in_code(m.actor).map(String::from),
        };
        let (date, date_from, date_time) = match detente_time::event_date(doc, c.si, c.trigger) {
            Some((ti, v)) => (Some(v), DateFrom::Text, Some(ti)),
            None => match doc.meta.published {
                Some(p) => (Some(p.format("%Y-%m-%d").to_string()), DateFrom::Published, None),
                None => (None, DateFrom::None, None),
            },
        };
        Some(Event {
            source_code: code_of(&c.source),
            target_code: c.target.as_ref().and_then(code_of),
            source: arg(&c.source),
            target: c.target.as_ref().and_then(arg),
            cameo: entry.code.clone(),
            plover: entry.plover.clone(),
            plover_mode: entry.plover_mode.clone(),
            goldstein: entry.goldstein,
            quad_class: entry.quad_class,
            date,
            date_from,
            date_time,
            location: None,
            evidence: EventEvidence {
                sentence: c.si,
                trigger: c.trigger,
            },
            repeats: Vec::new(),
            quote: c.quote.or_else(|| doc.quotes.iter().position(|q| q.span.contains(c.trigger))),
        })
    }
}

/// "X said Y had attacked Z": besides Y -> Z, X made a statement (CAMEO 010), coded
/// with the speech verb as trigger and tied to the quotation. Only quotations that
/// carry a coded action make a statement event, so plain remarks do not.
fn statements(doc: &Document, si: usize, coded: &[Coded]) -> Vec<Coded> {
    let sentence = doc.sentences[si].span;
    let mut out: Vec<Coded> = Vec::new();
    for (qi, q) in doc.quotes.iter().enumerate() {
        let (Some(speaker), Some(speaker_span), Some(cue)) = (q.speaker, q.speaker_span, q.cue) else {
            continue;
        };
        if !sentence.contains(cue) || out.iter().any(|c| c.trigger == cue) || own::is_news_medium(doc, speaker) {
            continue;
        }
        // "security sources said", "witnesses said": an anonymous source, with no
        // code to count, is sourcing too
        if doc.actors.get(speaker).is_none_or(|a| a.code.is_none()) {
            continue;
        }
        // "a report alleged that ...": the speech verb is coded already (112)
        if coded.iter().any(|c| c.trigger.start < cue.end && cue.start < c.trigger.end) {
            continue;
        }
        let reports_action = coded.iter().any(|c| {
            q.span.contains(c.trigger)
                && c.source.actor != speaker
                && !own::same_side(doc, speaker, c.source.actor)
                && !own::co_speaker(doc, speaker_span, c.source.actor)
        });
        if reports_action {
            let source = MentionRef {
                actor: speaker,
                span: speaker_span,
                first: 0,
                last: 0,
            };
            out.push(Coded {
                quote: Some(qi),
                ..Coded::new(source, None, "010", si, cue)
            });
        }
    }
    out
}

/// Speech verbs whose reported clause, when it says another actor must or should do
/// something, makes the speaker's statement a demand.
const DEMAND_SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "concluded",
    "insisted",
    "stated",
    "declared",
    "added",
    "reiterated",
    "argued",
];

/// "Russia said that Sudan must return the helicopter", "the Forum concluded that the
/// US must allocate ...": the speaker demands it of the reported subject (CAMEO 100,
/// PLOVER REQUEST). The reported act itself did not happen and is not coded.
fn reported_obligations(view: &SentenceView, si: usize) -> Vec<Coded> {
    let mut out = Vec::new();
    for k in 1..view.len() {
        if !matches!(view.word(k), "must" | "should") {
            continue;
        }
        let group = clause::verb_group_start(view, k + 1).min(k);
        let start = clause::clause_start(view, group);
        // the speech verb before the clause, over "that" and time words
        let speech = (start.saturating_sub(5)..start)
            .rev()
            .take_while(|&j| {
                j + 1 == start || {
                    let w = view.word(j + 1);
                    w == "that" || clause::SPEECH_TIME_WORDS.contains(&w)
                }
            })
            .find(|&j| DEMAND_SPEECH_VERBS.contains(&view.word(j)));
        let Some(sv) = speech else { continue };
        let addressees = clause::subject(view, group);
        let speakers = clause::subject(view, clause::verb_group_start(view, sv));
        let trigger = Span::new(view.spans[sv].start, view.spans[k].end);
        for s in &speakers {
            for t in addressees.iter().filter(|t| t.actor != s.actor) {
                out.push(Coded::new(*s, Some(*t), "100", si, trigger));
            }
        }
    }
    out
}

/// Speech verbs that, after the reported clause (", a senior official said"), only
/// attribute it.
const ATTRIBUTION_VERBS: &[&str] = &["said", "says", "reported", "added", "stated", "announced"];

/// Peer semantics: the trailing attribution of an already coded action is not an
/// event of its own ("X restored ties with Y, a senior official said" is X -> Y only).
/// The actors at a PETRARCH pattern's role marker (see [`verbs::RolePos`]); `subject`
/// is the clause subject already found for the verb.
/// With `nearest` (TABARI), a marker before the pattern's first word is the actor
/// chain right before it ("Mordor with Fornost and Gondor welcomed": `% *`), not the
/// clause subject.
fn role_actors(view: &SentenceView, m: &verbs::VerbMatch, pos: RolePos, subject: &[MentionRef], nearest: bool) -> Vec<MentionRef> {
    if let (true, RolePos::Before { slot }) = (nearest, pos) {
        if slot >= m.starts.len() {
            let chain = tabari::chain_right_before(view, clause::verb_group_start(view, m.first.min(m.verb)));
            if !chain.is_empty() {
                return chain;
            }
        }
    }
    match pos {
        // between two of the pattern's words before the verb ("NOTED + *")
        RolePos::Before { slot } if slot < m.starts.len() => {
            let end = if slot == 0 { m.verb } else { m.starts[slot - 1] };
            let chain = clause::first_chain(view, m.starts[slot] + 1, end);
            match chain.is_empty() && nearest {
                // TABARI: "said he regretted" (`SAID $ *`): the pronoun's antecedent
                true => tabari::pronoun_antecedent(view, m.starts[slot] + 1, end),
                false => chain,
            }
        }
        RolePos::Before { .. } if m.first == m.verb && !subject.is_empty() => subject.to_vec(),
        RolePos::Before { .. } => clause::subject(view, clause::verb_group_start(view, m.first.min(m.verb))),
        RolePos::After { slot, skip } => {
            let mut from = if slot == 0 {
                m.verb + 1
            } else {
                m.ends.get(slot - 1).map_or(m.last, |&e| e) + 1
            };
            for _ in 0..skip {
                match (from..view.len()).find_map(|k| view.mention_of[k]) {
                    Some(mi) => from = view.mentions[mi].last + 1,
                    None => return Vec::new(),
                }
            }
            clause::first_chain(view, from, view.len())
        }
    }
}

/// Sources and targets as a PETRARCH pattern's `$`, `+` and `%` markers place them;
/// an unmarked role keeps the clause analysis (`subject`, `object`), except that a
/// source read after the verb makes the subject the target, and a target read at the
/// subject makes the object the source.
fn apply_roles(
    view: &SentenceView,
    m: &verbs::VerbMatch,
    pat: &verbs::VerbPattern,
    subject: Vec<MentionRef>,
    object: Vec<MentionRef>,
    nearest: bool,
) -> (Vec<MentionRef>, Vec<MentionRef>) {
    let roles = pat.roles;
    let at = |pos: RolePos| role_actors(view, m, pos, &subject, nearest);
    let is_subject = |pos: RolePos| matches!(pos, RolePos::Before { slot } if slot >= m.starts.len());
    if let Some(pos) = roles.compound {
        let members = at(pos);
        if is_subject(pos) || roles.mutual_compound {
            // a compound actor: its members act on one another (TABARI, also after
            // the verb: "exchanged prisoners with X and Y" -> X -> Y and Y -> X)
            return (members, Vec::new());
        }
        let source = roles.source.map(at).unwrap_or_else(|| subject.clone());
        return (source, members);
    }
    match (roles.source, roles.target) {
        (Some(s), Some(t)) => (at(s), at(t)),
        (Some(s), None) if is_subject(s) => (at(s), object),
        // TABARI `SAID $ *`: a source between the pattern's words acts on the object
        (Some(s @ RolePos::Before { .. }), None) if nearest => (at(s), object),
        (Some(s), None) => (at(s), subject.clone()),
        (None, Some(t)) if is_subject(t) => (object, at(t)),
        (None, Some(t @ RolePos::Before { .. })) => {
            let outer = clause::subject(view, clause::verb_group_start(view, m.first.min(m.verb)));
            (outer, at(t))
        }
        (None, Some(t)) => (subject.clone(), at(t)),
        (None, None) => (subject.clone(), object),
    }
}

/// The actor mention nearest before the verb group of the verb at `verb` in its
/// TABARI clause, over hidden comma clauses ("Gollum, centre of a row ..., called on").
fn actor_right_before(view: &SentenceView, hidden: &[bool], verb: usize) -> Option<MentionRef> {
    let group = clause::verb_group_start(view, verb);
    let start = tabari::clause_start(view, group);
    (start..group)
        .rev()
        .filter(|&k| !hidden.get(k).copied().unwrap_or(false))
        .find_map(|k| view.mention_of[k])
        .map(|mi| view.mentions[mi])
}

/// "Gollum abandoned efforts to stop an anti-Gondor parade": an infinitive that codes
/// the same source and target as an earlier verb of the sentence is that verb's
/// complement, and PETRARCH codes the governing verb only.
fn drop_repeated_infinitives(view: &SentenceView, coded: &mut Vec<Coded>) {
    let infinitive = |c: &Coded| {
        let k = view.spans.iter().position(|s| s.start == c.trigger.start);
        k.and_then(|k| k.checked_sub(1)).is_some_and(|k| view.word(k) == "to")
    };
    let actor = |m: &Option<MentionRef>| m.map(|m| m.actor);
    let earlier: Vec<(usize, usize, Option<usize>)> = coded.iter().map(|c| (c.trigger.start, c.source.actor, actor(&c.target))).collect();
    coded.retain(|c| {
        !(infinitive(c)
            && c.target.is_some()
            && earlier
                .iter()
                .any(|&(start, s, t)| start < c.trigger.start && s == c.source.actor && t == actor(&c.target)))
    });
}

/// PETRARCH codes a clause, not the adverbial clauses hanging on it: a participle after
/// a comma (", killing eight people", ", offering support to Lebanon") or a purpose
/// infinitive ("met with X on Tuesday to discuss ...") whose source already has an
/// earlier event in the sentence is part of that event. An infinitive right after the
/// earlier trigger ("agreed to restore") is its complement and stays.
fn drop_dependent_clauses(view: &SentenceView, coded: &mut Vec<Coded>) {
    let position = |start: usize| view.spans.iter().position(|s| s.start == start);
    let dependent = |c: &Coded| {
        let Some(k) = position(c.trigger.start).filter(|&k| k > 0) else {
            return false;
        };
        let before = view.word(k - 1);
        let participle = before == "," && view.word(k).ends_with("ing");
        let purpose = before == "to" && k >= 2;
        // for a purpose, a word stands between the earlier trigger and "to"
        let apart = |e: &Coded| participle || view.spans[k - 2].start >= e.trigger.end;
        (participle || purpose)
            && coded
                .iter()
                .any(|e| e.source.actor == c.source.actor && e.trigger.end < c.trigger.start && apart(e))
    };
    let keep: Vec<bool> = coded.iter().map(|c| !dependent(c)).collect();
    let mut i = 0;
    coded.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Composing dictionaries: an "-s" form after a determiner and one plain modifier,
/// ending its phrase ("evidence ... behind the chemical attacks"), is a plural noun.
/// UD-PETRARCH (`PETRgraph.py`, `Sentence.get_phrases`) builds its verb triplets only
/// from the tokens its parse tags VERB; a determiner and an adjective before the
/// word make it a noun for the tagger. (Our own coder's noun test for the same
/// shape is `own::is_modified_plural`.)
fn modified_plural_noun(view: &SentenceView, k: usize) -> bool {
    let phrase_ends = |w: &str| w.is_empty() || matches!(w, "." | "," | ";" | ":" | "and" | "or") || PREPOSITIONS.contains(&w);
    k >= 2
        && view.word(k).ends_with('s')
        && matches!(view.word(k - 2), "the" | "a" | "an" | "its" | "their" | "his" | "her")
        && view.mention_of[k - 1].is_none()
        && view.mention_of[k - 2].is_none()
        && phrase_ends(view.word(k + 1))
}

/// Words that open an adverbial clause after a verb's phrase.
const ADVERBIAL_SUBORDINATORS: &[&str] = &[
    "before", "after", "as", "when", "while", "because", "since", "until", "once", "unless",
];

/// PETRARCH-2 composing: a verb the dictionary matches but does not code (`[---]`),
/// whose subject is an actor and whose phrase holds no actor before an adverbial
/// clause ("The statement by the French presidency comes a day before Sarkozy heads
/// to Beijing ..."), swallows that clause's events. Its verb phrase has the clause
/// among its children and no object of its own, so `VerbPhrase.get_meaning`
/// (`PETRtree.py`) builds no event of its own and folds each of the clause's events
/// into (subject, event, code 0) (`resolve_events`), which `get_events` drops (a
/// nested event is no actor target, and the code is zero). The clause runs to a
/// ";" or a coordinated ", and"/", but" clause.
fn drop_clauses_under_uncoded_verbs(view: &SentenceView, coded: &mut Vec<Coded>) {
    let position = |start: usize| view.spans.iter().position(|s| s.start == start);
    let mut swallowed: Vec<std::ops::Range<usize>> = Vec::new();
    for c in coded.iter().filter(|c| c.code.starts_with("---")) {
        let Some(from) = view.spans.iter().position(|s| s.start >= c.trigger.end) else {
            continue;
        };
        let Some(opener) = (from..view.len()).find(|&k| {
            view.mention_of[k].is_some()
                || matches!(view.word(k), "," | ";" | "and" | "but")
                || ADVERBIAL_SUBORDINATORS.contains(&view.word(k))
        }) else {
            continue;
        };
        let subject_follows = (opener + 1..(opener + 3).min(view.len())).any(|k| view.mention_of[k].is_some());
        if !ADVERBIAL_SUBORDINATORS.contains(&view.word(opener)) || !subject_follows {
            continue;
        }
        let end = (opener + 1..view.len())
            .find(|&k| view.word(k) == ";" || (view.word(k) == "," && matches!(view.word(k + 1), "and" | "but")))
            .unwrap_or(view.len());
        swallowed.push(opener + 1..end);
    }
    if swallowed.is_empty() {
        return;
    }
    coded.retain(|c| !position(c.trigger.start).is_some_and(|k| swallowed.iter().any(|r| r.contains(&k))));
}

/// The actor mention `t` is the object of a preposition ("with X", "from the X").
fn after_preposition(view: &SentenceView, t: &MentionRef) -> bool {
    let mut k = t.first;
    while k > 0 && is_determiner(view.word(k - 1)) {
        k -= 1;
    }
    k > 0 && PREPOSITIONS.contains(&view.word(k - 1))
}

/// PETRARCH-2 reads a passive's source in a phrase after "from" or "in" as it does
/// after "by" ("were killed in Israeli tank shelling" -> ISR, "was fired at it from
/// the Gaza Strip" -> the Gaza Strip): the first actor chain of the first such phrase
/// that names one (a "by" or "of" inside it belongs to the phrase).
fn prepositional_agent(view: &SentenceView, from: usize, end: usize) -> Vec<MentionRef> {
    (from..end)
        .filter(|&k| matches!(view.word(k), "from" | "in"))
        .find_map(|k| {
            let phrase_end = (k + 2..end)
                .find(|&j| PREPOSITIONS.contains(&view.word(j)) && !matches!(view.word(j), "by" | "of") || view.word(j) == ",")
                .unwrap_or(end);
            let chain = clause::first_chain(view, k + 1, phrase_end);
            (!chain.is_empty()).then_some(chain)
        })
        .unwrap_or_default()
}

/// `act` stands in a clause of its own after "but", coordinate with the one ending
/// before `from`: its subject follows the "but". Or it stands in a second "that"
/// complement coordinated with a first whose predicate is no verb ("alleged that
/// France was aware ..., and that the French military ... helped"): UD-PETRARCH
/// (`PETRgraph.py`, `Sentence.get_events`) composes the root verb's events with the
/// verbs that depend on it as `ccomp`, `advcl` or `xcomp` and with their `conj`
/// verbs; the second complement is the `conj` of the first one's head, which for a
/// copula ("was aware") is an adjective or noun, no verb, so nothing composes it.
fn coordinate_clause(view: &SentenceView, from: usize, act: &Coded) -> bool {
    let subject = act.source.span.start;
    let between = |k: usize| view.spans[k].start >= from && view.spans[k].end <= subject;
    let copular = |k: usize| {
        matches!(view.word(k), "is" | "are" | "was" | "were") && !["ed", "en", "ing"].iter().any(|end| view.word(k + 1).ends_with(end))
    };
    (0..view.len()).filter(|&k| between(k)).any(|k| {
        let second_complement =
            matches!(view.word(k), "and" | "or") && view.word(k + 1) == "that" && (0..k).any(|j| view.spans[j].start >= from && copular(j));
        view.word(k) == "but" || second_complement
    })
}

/// PETRARCH-2's composition of a statement with the acts in its complement: with a
/// dictionary's transformation lines, a later act by the speaker or by another actor
/// is composed with an earlier event whose code a line's upper verb covers (SAY: 01x,
/// CLAIM: 11x, WANT: 03x): "X said they will attack Z" -> X 015 Z (`(a b ATTACK) SAY`),
/// "X said it would not give permission to Z" -> X 124 Z (`(a b Q) SAY`). An act
/// below the speech level that no line names is summed with the statement, and a sum
/// with no code ("X said Y helped Z", 0x1040) leaves neither coded. Without such lines
/// (the unit-test dictionaries), only speech with violence composes (see
/// [`compose_reported_violence`]).
///
/// A clause after "but" with a subject of its own ("X said ... but China remained
/// mum") is coordinate with the statement, not its complement: PETRARCH-2's parse
/// puts it beside the statement's clause, and a verb composes only with the
/// clauses below it (`PETRtree.py`, `VerbPhrase.get_meaning`).
fn compose_reported(view: &SentenceView, coded: &mut Vec<Coded>, rules: &[compose::Transformation]) {
    if rules.is_empty() {
        compose_reported_violence(coded);
        return;
    }
    // (speech-level upper verbs only: a line for an uncoded verb, ATTEMPT, covers
    // every material act)
    let is_upper = |c: &Coded| {
        compose::to_ontology(&c.code).is_some_and(|v| v >= 0x1000 && rules.iter().any(|r| r.upper >= 0x1000 && r.covers_upper(v)))
    };
    let mut consumed = vec![false; coded.len()];
    let mut composed: Vec<Coded> = Vec::new();
    for i in 0..coded.len() {
        if consumed[i] || !is_upper(&coded[i]) {
            continue;
        }
        let speech = coded[i].trigger;
        let group = statement_group(coded, i, is_upper);
        let acts: Vec<usize> = (0..coded.len())
            .filter(|&k| !consumed[k] && !group.contains(&k) && coded[k].trigger.start > speech.end)
            .filter(|&k| !coordinate_clause(view, speech.end, &coded[k]))
            .collect();
        let mut used = false;
        for &a in &acts {
            let act = &coded[a];
            // "X and Y said they will attack": each speaker's own act
            let own = group.iter().find(|&&g| coded[g].source.actor == act.source.actor);
            let speakers: Vec<usize> = match own {
                Some(&g) => vec![g],
                None => group.clone(),
            };
            let relation = if own.is_some() {
                compose::LowerSource::Same
            } else {
                compose::LowerSource::Other
            };
            let mut results = Vec::new();
            for &g in &speakers {
                let upper = &coded[g];
                let result = match compose::transform(rules, &upper.code, &act.code, relation) {
                    Some((code, compose::ResultTarget::LowerSource)) => Some((code, Some(act.source))),
                    Some((code, compose::ResultTarget::LowerTarget)) => Some((code, act.target)),
                    None if compose::to_ontology(&act.code).is_some_and(|v| (0..0x1000).contains(&v)) => {
                        // summed; a sum with no code leaves nothing
                        compose::compose(&upper.code, &act.code).map(|c| (c, Some(act.source)))
                    }
                    None => continue,
                };
                results.push((upper.source, result));
            }
            if results.is_empty() {
                continue;
            }
            consumed[a] = true;
            used = true;
            for (source, result) in results {
                if let Some((code, target)) = result {
                    // an act on the speaker itself leaves the statement without a recipient
                    let target = target.filter(|t| t.actor != source.actor);
                    composed.push(Coded::new(source, target, code, act.si, speech));
                }
            }
        }
        if used {
            for &g in &group {
                consumed[g] = true;
            }
        }
    }
    replace_composed(coded, &consumed, composed);
}

/// "X said Y attacked Z" is X accusing Y (112); "X said they attacked Z" (the speaker
/// itself), X claiming the act (015): PETRARCH-2 composes a statement (010) or a claim
/// (110) with the violent act (18x-20x) in its complement into one event instead of
/// coding both.
fn compose_reported_violence(coded: &mut Vec<Coded>) {
    let is_speech = |c: &Coded| c.code == "010" || c.code == "110";
    let is_violent = |c: &Coded| matches!(c.code.get(..2), Some("18" | "19" | "20"));
    let mut consumed = vec![false; coded.len()];
    let mut composed: Vec<Coded> = Vec::new();
    for i in 0..coded.len() {
        if consumed[i] || !is_speech(&coded[i]) {
            continue;
        }
        let trigger = coded[i].trigger;
        let group = statement_group(coded, i, is_speech);
        let acts: Vec<usize> = (0..coded.len())
            .filter(|&k| !consumed[k] && is_violent(&coded[k]) && coded[k].trigger.start > trigger.end)
            .collect();
        if acts.is_empty() {
            continue;
        }
        let mut speakers: Vec<MentionRef> = Vec::new();
        for &k in &group {
            if !speakers.iter().any(|s| s.actor == coded[k].source.actor) {
                speakers.push(coded[k].source);
            }
        }
        for &k in group.iter().chain(&acts) {
            consumed[k] = true;
        }
        for &a in &acts {
            let act = &coded[a];
            let event = |source: MentionRef, target: Option<MentionRef>, code: &str| Coded::new(source, target, code, act.si, trigger);
            match speakers.iter().find(|s| s.actor == act.source.actor) {
                Some(&speaker) => composed.push(event(speaker, act.target, "015")),
                None => composed.extend(speakers.iter().map(|&s| event(s, Some(act.source), "112"))),
            }
        }
    }
    if !composed.is_empty() {
        replace_composed(coded, &consumed, composed);
    }
}

/// The statement at `coded[i]` and every later event of the same trigger that is one
/// too (a compound subject gives several), by index.
fn statement_group(coded: &[Coded], i: usize, is_statement: impl Fn(&Coded) -> bool) -> Vec<usize> {
    let trigger = coded[i].trigger;
    (i..coded.len())
        .filter(|&k| coded[k].trigger == trigger && is_statement(&coded[k]))
        .collect()
}

/// Drops the `consumed` events (those folded into a composition) and adds the
/// `composed` ones, each once.
fn replace_composed(coded: &mut Vec<Coded>, consumed: &[bool], composed: Vec<Coded>) {
    let mut k = 0;
    coded.retain(|_| {
        k += 1;
        !consumed[k - 1]
    });
    for c in composed {
        let same =
            |e: &Coded| e.source.actor == c.source.actor && e.target.map(|t| t.actor) == c.target.map(|t| t.actor) && e.code == c.code;
        if !coded.iter().any(same) {
            coded.push(c);
        }
    }
}

/// The comma that opens a trailing attribution (", the agency WFNA said on Thursday"):
/// the last comma of the sentence with a speech verb within eight words after it.
fn trailing_attribution(view: &SentenceView) -> Option<usize> {
    let comma = view.words.iter().rposition(|w| w == ",")?;
    let speech = view.words[comma + 1..]
        .iter()
        .take(8)
        .any(|w| ATTRIBUTION_VERBS.contains(&w.as_str()));
    speech.then_some(comma)
}

/// Hides the actor mentions of each comma-delimited clause inside the sentence of
/// `min..=max` words (PETRARCH/TABARI drop such clauses before coding), except the
/// members of a list of actors ("Mordor, the Shire, Fornost and Bree"); returns which
/// tokens were hidden.
fn hide_inner_clauses(view: &mut SentenceView, (min, max): (usize, usize)) -> Vec<bool> {
    let mut hidden = vec![false; view.len()];
    if max == 0 {
        return hidden;
    }
    let commas: Vec<usize> = (0..view.len()).filter(|&k| view.word(k) == ",").collect();
    for pair in commas.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let words = (a + 1..b).filter(|&k| view.word(k).chars().any(char::is_alphanumeric)).count();
        let in_list = a > 0 && view.mention_of[a - 1].is_some() && view.mention_of.get(a + 1).is_some_and(Option::is_some);
        let list_end = view.mention_of.get(b - 1).is_some_and(Option::is_some)
            && matches!(view.words.get(b + 1).map(String::as_str), Some("and" | "or"));
        if !(min..=max).contains(&words) || in_list || list_end {
            continue;
        }
        hidden[a + 1..b].fill(true);
        view.mention_of[a + 1..b].fill(None);
    }
    hidden
}

/// The comma opening a last comma-delimited clause of `min..=max` words (counting
/// words, not punctuation), which PETRARCH/TABARI drop before coding.
fn eliminated_tail(view: &SentenceView, (min, max): (usize, usize)) -> Option<usize> {
    if max == 0 {
        return None;
    }
    let comma = view.words.iter().rposition(|w| w == ",")?;
    // a comma inside a list of actors ("with Mordor, Rohan, Fornost and Bree") does not
    // open a clause
    let after = view.words.get(comma + 1).map(String::as_str);
    if comma > 0
        && view.mention_of[comma - 1].is_some()
        && (after == Some("and") || view.mention_of.get(comma + 1).is_some_and(Option::is_some))
    {
        return None;
    }
    let words = view.words[comma + 1..]
        .iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (min..=max).contains(&words).then_some(comma)
}

/// `c` is the speech verb of an attribution after a comma (", a senior official said").
fn is_attribution(view: &SentenceView, c: &Coded) -> bool {
    let Some(k) = view.spans.iter().position(|s| s.start == c.trigger.start) else {
        return false;
    };
    let after_comma = view.words[..k].iter().rev().take(8).any(|w| w == ",");
    after_comma && ATTRIBUTION_VERBS.contains(&view.word(k))
}

fn drop_attributions(view: &SentenceView, coded: &mut Vec<Coded>) {
    let first_action = coded.iter().filter(|c| !is_attribution(view, c)).map(|c| c.trigger.start).min();
    if let Some(first) = first_action {
        coded.retain(|c| !(is_attribution(view, c) && c.trigger.start > first));
    }
}

/// The match at `group` lies in the object of the previous match in the same clause
/// with no conjunction before it ("launched a rocket attack"): not a verb of its own.
/// A trailing attribution's speech verb (", a senior official said") is a verb of its own.
fn inside_previous_object(view: &SentenceView, prev: &verbs::VerbMatch, start: usize, group: usize, attribution: Option<usize>) -> bool {
    let before = group.checked_sub(1).map(|i| view.word(i)).unwrap_or("");
    let attribution_between = attribution.is_some_and(|comma| prev.last < comma && comma < group);
    // "The Russian building was demolished", "The US State department has advised":
    // a match right before this verb's auxiliary, or before one noun before it, is
    // in its subject (`is_noun_use`)
    let noun_between = prev.last + 2 == group && view.mention_of[prev.last + 1].is_none() && !view.word(prev.last + 1).contains(['-', ',']);
    let subject_head = (prev.last + 1 == group || noun_between) && clause::AUXILIARIES.contains(&view.word(group));
    prev.last < group
        && start <= prev.verb
        && !attribution_between
        && !subject_head
        && !matches!(before, "to" | "and" | "or" | "," | "then" | "but")
}

/// A PETRARCH actor with several codes (`THE_SHIRE [FRO/BIL/SAM]`, written `FRO/BIL/SAM`)
/// is each of them: one event per source code and target code.
fn split_code_alternatives(event: Event) -> Vec<Event> {
    let several = |c: &Option<String>| c.as_deref().is_some_and(|c| c.contains('/'));
    if !several(&event.source_code) && !several(&event.target_code) {
        return vec![event];
    }
    let alternatives = |c: &Option<String>| -> Vec<Option<String>> {
        match c {
            Some(c) => c.split('/').filter(|p| !p.is_empty()).map(|p| Some(p.to_string())).collect(),
            None => vec![None],
        }
    };
    let targets = alternatives(&event.target_code);
    let mut out = Vec::new();
    for source in alternatives(&event.source_code) {
        for target in &targets {
            let mut e = event.clone();
            e.source_code = source.clone();
            e.target_code = target.clone();
            out.push(e);
        }
    }
    out
}

/// The earlier match whose predicate the verb group at `group` is coordinated with
/// ("... and deny entry"): the group follows "and"/"or"/"then" (after an object,
/// not between two subjects), and the earlier verb is in the same clause.
fn coordinated_with<'a>(view: &SentenceView, earlier: &'a [verbs::VerbMatch], start: usize, group: usize) -> Option<&'a verbs::VerbMatch> {
    let mut k = group.checked_sub(1)?;
    if !matches!(view.word(k), "and" | "or" | "then") {
        return None;
    }
    if k > 0 && view.word(k - 1) == "," {
        k -= 1;
    }
    // "Russia and China met" is a compound subject, not two predicates
    if k > 0
        && view.mention_of[k - 1].is_some()
        && (start..k - 1).all(|j| view.mention_of[j].is_some() || clause::is_chain_glue(view.word(j)))
    {
        return None;
    }
    earlier.iter().rev().find(|p| p.last < k && p.verb >= start)
}

/// The first verb of an infinitive ("to give") earlier in the clause that a bare verb
/// after "and"/"or" continues ("scheduled to give a speech and meet ...").
fn coordinated_infinitive(view: &SentenceView, start: usize, group: usize, verb: usize) -> Option<usize> {
    let before = group.checked_sub(1)?;
    if group != verb || !matches!(view.word(before), "and" | "or") {
        return None;
    }
    (start..before)
        .rev()
        .find(|&k| view.word(k) == "to" && view.mention_of.get(k + 1).is_some_and(Option::is_none) && !is_determiner(view.word(k + 1)))
        .map(|k| k + 1)
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "these" | "those"
    )
}

/// Phrases whose verb is written as a plain lemma or with an irregular past that
/// differs from it: the base form ("force", "attack", "protest") is then mostly a
/// noun, unless a subject, "to", a modal or "do" stands right before it.
fn is_base_form_noun(view: &SentenceView, pat: &verbs::VerbPattern, verb: usize) -> bool {
    if pat.phrase.starts_with(['=', '~']) {
        return false;
    }
    let head = pat.phrase.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = head.split('/').collect();
    let base_differs = parts.len() == 1 || parts.get(1).is_some_and(|past| past != &parts[0]);
    if !base_differs || !head.split(['/', '|']).any(|l| l.eq_ignore_ascii_case(view.word(verb))) || parts[0] != view.word(verb) {
        return false;
    }
    // quotation marks around the verb ("to unite and ``mobilize''") do not count
    let Some(prev) = (0..verb).rev().find(|&k| !matches!(view.word(k), "\"" | "``" | "'" | "`")) else {
        return true;
    };
    let p = view.word(prev);
    let verbal_before = matches!(
        p,
        "to" | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "did"
            | "do"
            | "does"
            | "not"
            | "n't"
            | "never"
            | "they"
            | "we"
            | "i"
            | "you"
            | "and"
            | "or"
            | "also"
            | "'ll"
            | "'d"
            | "jointly"
            | "then"
            | "who"
            | "that"
    );
    let subject_before = view.mention_of[prev].is_some() || (p.len() > 3 && p.ends_with('s') && !p.ends_with("ss")) || p.ends_with("ly");
    !(verbal_before || subject_before)
}

/// "a trip aimed at pushing for a ceasefire", "talks on ending the war": a gerund
/// after a preposition names an aim or topic, not an act.
fn is_gerund_object(view: &SentenceView, verb: usize) -> bool {
    let prev = verb.checked_sub(1).map(|i| view.word(i)).unwrap_or("");
    view.word(verb).ends_with("ing") && matches!(prev, "at" | "for" | "about" | "towards" | "toward" | "on" | "in" | "over")
}

/// "to" before a word that starts no noun phrase: "allowed the planes to land".
fn is_infinitive_marker(view: &SentenceView, k: usize) -> bool {
    let next = view.word(k + 1);
    view.word(k) == "to"
        && view.mention_of.get(k + 1).is_some_and(Option::is_none)
        && !matches!(
            next,
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "these" | "those"
        )
        && view
            .raw
            .get(k + 1)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// "the visit", "a meeting", "Russia's attack": the trigger word used as a noun.
fn is_noun_use(view: &SentenceView, verb: usize) -> bool {
    let prev = verb.checked_sub(1).map(|i| view.word(i)).unwrap_or("");
    let next = view.word(verb + 1);
    let determiner = matches!(
        prev,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "this" | "these" | "those" | "of" | "for" | "during" | "'s" | "new"
    );
    // capitalised inside a sentence and not after a name: part of a title or name
    // (a word in capitals throughout, as in a headline set in capitals, says nothing)
    let raw = &view.raw[verb];
    let capital = verb > 0
        && raw.chars().next().is_some_and(char::is_uppercase)
        && raw.chars().any(char::is_lowercase)
        && view.mention_of[verb - 1].is_none();
    // "the US State department": capitalised after a name and before a plain
    // lower-case noun, a part of the name of a body
    let next_raw = view.raw.get(verb + 1).copied().unwrap_or("");
    let name_part = verb > 0
        && raw.chars().next().is_some_and(char::is_uppercase)
        && raw.chars().any(char::is_lowercase)
        && view.mention_of[verb - 1].is_some()
        && view.mention_of.get(verb + 1).is_some_and(Option::is_none)
        && next_raw.chars().next().is_some_and(char::is_lowercase)
        && next_raw.chars().all(|c| c.is_alphabetic())
        && !is_determiner(next)
        && !PREPOSITIONS.contains(&next)
        && !matches!(
            next,
            "he" | "she"
                | "it"
                | "they"
                | "we"
                | "that"
                | "not"
                | "also"
                | "and"
                | "or"
                | "would"
                | "will"
                | "has"
                | "had"
                | "have"
                | "is"
                | "was"
        );
    // "the visit of", but not the passive "was accused of"
    let passive_of = view.word(verb).ends_with("ed") && matches!(prev, "was" | "were" | "been" | "be" | "is" | "are" | "being");
    // "The Russian building was demolished": right before a finite auxiliary, the
    // word heads the subject (a verb there would need a subject of its own)
    let subject_head = matches!(next, "was" | "were" | "is" | "are" | "has" | "had" | "have")
        && verb > 0
        && !matches!(
            prev,
            "to" | "and" | "or" | "," | "who" | "which" | "that" | "it" | "they" | "he" | "she" | "we" | "i" | "you"
        )
        && !clause::AUXILIARIES.contains(&prev);
    // "a 500-page report", "a two-day visit": after a hyphenated modifier
    let hyphenated_modifier = verb > 0
        && view.mention_of[verb - 1].is_none()
        && prev.contains('-')
        && !view.raw[verb - 1].chars().any(char::is_uppercase)
        && prev.split('-').all(|part| !part.is_empty())
        && !prev.ends_with("ed");
    determiner || (next == "of" && !passive_of) || capital || name_part || subject_head || hyphenated_modifier
}

/// A passive verb group: a form of "be" and a verb that is not the base or -ing form.
fn is_passive(view: &SentenceView, group: usize, verb: usize) -> bool {
    let be = view.words[group..verb]
        .iter()
        .any(|w| matches!(w.as_str(), "was" | "were" | "been" | "being" | "is" | "are" | "be"));
    let w = view.word(verb);
    // "is committed to", "is opposed to": adjectives, not passives
    let adjective = matches!(w, "committed" | "determined" | "prepared" | "opposed" | "resolved" | "engaged")
        && matches!(view.word(verb + 1), "to" | "in");
    be && !adjective && !w.ends_with("ing") && view.words[group..verb].last().is_some_and(|l| l != "to")
}

#[cfg(test)]
mod news_tests;
#[cfg(test)]
mod tests;
