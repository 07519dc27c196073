//! Coding one sentence, phase by phase ([`EventStage::code_sentence`]).
//!
//! The sentence is read once ([`SentenceCoder::new`]: hidden comma clauses, verb
//! matches, governors of infinitives, terminal and attribution clauses); then each
//! verb match goes through admission (is it its clause's verb?), reach (how far its
//! phrases run, passive or not), reality (modality and negation), composition
//! (PETRARCH-2 folds a governing verb or a passive phrase into the code), source,
//! target, passive and role adjustments, and emission; last come the sentence-level
//! filters of the peers' conventions ([`SentenceCoder::finish`]).

use super::{
    actor_right_before, after_preposition, apply_roles, clause, compose_reported, coordinated_infinitive, coordinated_with,
    drop_attributions, drop_clauses_under_uncoded_verbs, drop_dependent_clauses, drop_repeated_infinitives, eliminated_tail,
    hide_inner_clauses, inside_previous_object, is_attribution, is_base_form_noun, is_gerund_object, is_infinitive_marker, is_passive,
    modality, prepositional_agent, reported_obligations, tabari, trailing_attribution, verbs, Coded, EventStage, ATTRIBUTION_VERBS,
    PREPOSITIONS,
};
use crate::own::{
    attack_phrase_agent, clause_as, drop_agent_phrase_attacks, helps_to_act, is_modified_plural, modifies_phrase_word,
    object_before_preposition, owned_actor, participles_after_passives, phrase_owner,
};
use clause::{MentionRef, SentenceView};
use detente_doc::{Document, Span};
use modality::Reality;
use verbs::Roles;

impl EventStage {
    /// Every action coded in sentence `si`.
    pub(crate) fn code_sentence(&self, doc: &Document, si: usize) -> Vec<Coded> {
        let sentence = doc.slice(doc.sentences[si].span);
        if !self.peer_semantics && modality::is_question(sentence) {
            return Vec::new();
        }
        let coder = SentenceCoder::new(self, doc, si);
        let mut progress = Progress::default();
        for mi in 0..coder.matches.len() {
            coder.code_match(mi, &mut progress);
        }
        coder.finish(progress)
    }

    /// Where the peers' terminal comma clause, read as if absent, begins (the
    /// sentence's length when there is none).
    fn eliminated_from(&self, view: &SentenceView) -> usize {
        // TABARI's terminal clause runs from a comma to the closing full stop: a
        // sentence without one has none ("X, rumored to ..., that Y attacked Z")
        let unterminated = self.tabari.conventions && !view.words.last().is_some_and(|w| matches!(w.as_str(), "." | "!" | "?"));
        // and it pairs commas into inner clauses first: a last comma that closes one
        // opens no terminal clause ("X's minister, in remarks ..., urged Y")
        let paired = self.tabari.conventions && view.words.iter().filter(|w| *w == ",").count() % 2 == 0;
        self.comma_end
            .filter(|_| self.peer_semantics && !unterminated && !paired)
            .and_then(|lengths| eliminated_tail(view, lengths))
            .unwrap_or(view.len())
    }
}

/// What the whole sentence tells each of its verb matches.
struct SentenceCoder<'s> {
    stage: &'s EventStage,
    view: SentenceView<'s>,
    /// Tokens inside comma clauses that the peers' rules read as absent.
    hidden: Vec<bool>,
    matches: Vec<verbs::VerbMatch>,
    /// Verbs that govern a coded infinitive ("refused to withdraw").
    governors: Vec<usize>,
    /// Where the eliminated terminal clause begins.
    eliminated: usize,
    /// The comma opening a trailing attribution (", a senior official said").
    attribution: Option<usize>,
    composes: bool,
    /// For each match, the finite verb it is a reduced relative before ("the
    /// civilians imprisoned for ... were released"), when it is one.
    reduced: Vec<Option<usize>>,
    /// For each match, it is a participle inside a noun phrase, read as a passive
    /// (both empty, read as none, under TABARI's conventions).
    participle: Vec<bool>,
    si: usize,
}

/// What coding the matches so far has left behind.
#[derive(Default)]
struct Progress {
    out: Vec<Coded>,
    /// The last match admitted as a clause's verb.
    last_verb: Option<usize>,
    /// Triggers of governors whose act was composed with their infinitive's.
    removed_triggers: Vec<Span>,
}

/// A match admitted as the verb of its clause.
struct Admitted<'m> {
    mi: usize,
    /// The match once PETRARCH `%` and TABARI `- $` patterns are settled.
    m: verbs::VerbMatch,
    group: usize,
    start: usize,
    /// The earlier verb whose subject (and modality) it shares ("would prohibit aid
    /// to Y and deny entry to Z").
    coordinated: Option<&'m verbs::VerbMatch>,
}

/// How far a verb's phrases run.
struct Reach {
    /// The end of its object window.
    obj_end: usize,
    /// Where the peers stop looking for a target: a trailing attribution or the
    /// eliminated terminal clause.
    peer_end: usize,
    passive: bool,
    /// The comma of a trailing attribution whose speech verb this is (", a senior
    /// official said"): the speaker follows it.
    attribution_comma: Option<usize>,
}

/// The act coded once modality and composition have spoken.
struct Act {
    code: String,
    /// The clause group whose subject acts.
    subject_at: usize,
    trigger_start: usize,
    /// The governor's object, which becomes the target ("asking Obama to help").
    governor_object: Option<Vec<MentionRef>>,
}

impl<'s> SentenceCoder<'s> {
    /// Reading the sentence: the peers' hidden comma clauses, the verb matches
    /// (outside names), the governors of coded infinitives, the eliminated terminal
    /// clause and a trailing attribution.
    fn new(stage: &'s EventStage, doc: &'s Document, si: usize) -> Self {
        let mut view = SentenceView::new(doc, si);
        let mut hidden = match stage.comma_inside.filter(|_| stage.peer_semantics) {
            Some(lengths) => hide_inner_clauses(&mut view, lengths),
            None => vec![false; view.len()],
        };
        if stage.peer_semantics {
            stage.tabari.hide_initial_clause(&mut view, &mut hidden);
            stage.tabari.hide_lone_agents(doc, &mut view);
            stage.tabari.mark_phrase_conjunctions(&mut view);
        }
        let in_names: Vec<bool> = view.mention_of.iter().map(Option::is_some).collect();
        let matches = stage.verbs.find_masked(&view.words, &in_names);
        // verbs that govern a coded infinitive ("refused to withdraw") are coded
        // through it, not on their own
        let governors: Vec<usize> = matches
            .iter()
            .filter_map(|m| {
                let group = clause::verb_group_start(&view, m.first.min(m.verb));
                match modality::reality(&view, clause::clause_start(&view, group), group, m.verb) {
                    Reality::Intent { governor, .. } if governor != group => Some(governor),
                    _ => None,
                }
            })
            .collect();
        let eliminated = stage.eliminated_from(&view);
        let attribution = trailing_attribution(&view);
        // (TABARI reads no participles: read as all false / none)
        let (participle, reduced) = if !stage.tabari.conventions {
            participles(&view, &matches)
        } else {
            (Vec::new(), Vec::new())
        };
        SentenceCoder {
            stage,
            view,
            hidden,
            matches,
            governors,
            eliminated,
            attribution,
            composes: stage.composes(),
            reduced,
            participle,
            si,
        }
    }

    fn is_participle(&self, mi: usize) -> bool {
        self.participle.get(mi).copied().unwrap_or(false)
    }

    fn pattern(&self, m: &verbs::VerbMatch) -> &'s verbs::VerbPattern {
        &self.stage.verbs.patterns[m.pattern]
    }

    /// One match through every phase; what it codes goes to `progress.out`.
    fn code_match(&self, mi: usize, progress: &mut Progress) {
        let Some(clause) = self.admit(mi, &mut progress.last_verb) else {
            return;
        };
        let Some((code, subject_at)) = self.reality_code(&clause) else {
            return;
        };
        let reach = self.reach(&clause);
        let Some(act) = self.compose(&clause, &reach, code, subject_at, &mut progress.removed_triggers) else {
            return;
        };
        let mut sources = self.sources(&clause, &act, &reach);
        let mut targets = self.targets(&clause, &reach, &sources);
        if !self.passive_roles(&clause, &reach, &mut sources, &mut targets) {
            return;
        }
        let Act {
            code,
            trigger_start,
            governor_object,
            ..
        } = act;
        self.assign_roles(&clause, &reach, governor_object, &mut sources, &mut targets);
        let trigger = Span::new(self.view.spans[trigger_start].start, self.view.spans[clause.m.last].end);
        let clause_object = targets.is_empty() && self.clause_object(&clause, &reach).is_some();
        let before = progress.out.len();
        self.emit(&clause, &code, trigger, &sources, targets, &mut progress.out);
        for c in &mut progress.out[before..] {
            c.clause_object = clause_object;
        }
    }

    /// The finite verb of a clause that is the verb's object (composing dictionaries):
    /// a past form of a dictionary verb after it, with no actor between
    /// ("Washington said such a step enjoyed support from Moscow"). PETRARCH-2
    /// (`PETRtree.py`, `VerbPhrase.get_meaning`) builds a verb's own (subject, object)
    /// event only when its verb phrase has no clause (S, SBAR) among its children;
    /// with one, the verb's events are its compositions with the clause's events
    /// (`resolve_events`), so the peers' target search does not read the clause's
    /// actors as the verb's object, and a verb nothing composes with codes nothing.
    fn clause_object(&self, c: &Admitted, reach: &Reach) -> Option<usize> {
        let (view, m) = (&self.view, &c.m);
        if !self.composes || reach.passive || self.pattern(m).nominal {
            return None;
        }
        (m.last + 1..reach.peer_end).find(|&k| !m.slots.contains(&k) && self.stage.verbs.is_finite_past_form(view.word(k)))
    }

    /// Admission: is match `mi` the verb of its own clause? Not when the peers'
    /// comma rules hide it, when it governs a coded infinitive, when it is used as a
    /// noun, or when it stands in the previous verb's object with no conjunction.
    fn admit(&self, mi: usize, last_verb: &mut Option<usize>) -> Option<Admitted<'_>> {
        let (stage, view) = (self.stage, &self.view);
        let found = &self.matches[mi];
        if found.first.min(found.verb) >= self.eliminated || self.hidden[found.verb] {
            return None;
        }
        let m = stage.settle_compound(view, &self.hidden, found)?;
        let pat = self.pattern(&m);
        // "swore to fight": the governor is coded through its infinitive
        if self.governors.contains(&m.verb) && m.slots.iter().all(|&k| view.word(k) == "to") {
            return None;
        }
        // "Calimehtar warned of ...": a past form right after a name is the verb
        let verb_after_name =
            stage.peer_semantics && m.verb > 0 && view.mention_of[m.verb - 1].is_some() && view.word(m.verb).ends_with("ed");
        // "RECENTLY RAISED ITS *" (VOICE): a peer pattern that spells out the words
        // before its verb has said how the verb is used
        let words_before = stage.peer_semantics && m.first < m.verb;
        if view.mention_of[m.verb].is_some()
            || (!pat.nominal && !verb_after_name && (!words_before || stage.tabari.conventions) && stage.noun_use(view, m.verb))
        {
            return None;
        }
        if !pat.nominal
            && !stage.peer_semantics
            && (is_base_form_noun(view, pat, m.verb)
                || is_gerund_object(view, m.verb)
                || is_modified_plural(view, m.verb)
                || helps_to_act(view, pat, &m))
        {
            return None;
        }
        let group = clause::verb_group_start(view, m.first.min(m.verb));
        let start = clause::clause_start(view, group);
        // TABARI/PETRARCH: "... and Gondor asked", "... and then she asked" open a
        // clause of their own
        let opens_clause = stage.peer_semantics && tabari::conjoined_clause(view, group);
        // (TABARI's CODE ALL codes every verb)
        let code_all = stage.peer_semantics && stage.tabari.code_by == tabari::CodeBy::All;
        // (under TABARI's conventions, a verb cancelled as a noun is no verb)
        let previous = if stage.tabari.conventions { *last_verb } else { mi.checked_sub(1) };
        // (the finite verb after a reduced relative is the clause's own: "a report
        // released Tuesday in X alleged that")
        let after_participle = self.reduced.contains(&Some(mi));
        let inside =
            !after_participle && previous.is_some_and(|p| inside_previous_object(view, &self.matches[p], start, group, self.attribution));
        if !pat.nominal && !opens_clause && !code_all && inside {
            return None; // a second verb in one clause without a conjunction: a noun or modifier
        }
        *last_verb = Some(mi);
        // "X would prohibit aid to Y and deny entry to Z": the second verb shares the
        // first one's subject (and, with no auxiliary of its own, its modality)
        let coordinated = (!pat.nominal && !stage.peer_semantics)
            .then(|| coordinated_with(view, &self.matches[..mi], start, group))
            .flatten();
        Some(Admitted {
            mi,
            m,
            group,
            start,
            coordinated,
        })
    }

    /// Modality and negation: the code the clause's reality gives the verb ("did not
    /// meet": nothing; "agreed to meet": an intent, 03x) and the clause group whose
    /// subject acts. Peer patterns carry their own modality: coded as found.
    fn reality_code(&self, c: &Admitted) -> Option<(String, usize)> {
        let (view, m, group, start) = (&self.view, &c.m, c.group, c.start);
        let pat = self.pattern(m);
        let peer = self.stage.peer_semantics;
        let code = match arriving_forces(view, start, group, m.verb) {
            Some(deployment) if !peer && pat.code == "042" => deployment.to_string(),
            _ => pat.code.clone(),
        };
        let reality = match c.coordinated {
            Some(prev) if group == m.verb => {
                let pg = clause::verb_group_start(view, prev.first.min(prev.verb));
                modality::reality(view, clause::clause_start(view, pg), pg, prev.verb)
            }
            _ => match coordinated_infinitive(view, start, group, m.verb).filter(|_| !peer) {
                // "scheduled to give a speech and meet with dissidents": the second
                // verb is as unreal as the infinitive it is coordinated with
                Some(first) => match modality::reality(view, start, first, first) {
                    Reality::Not(why) => Reality::Not(why),
                    _ => modality::reality(view, start, group, m.verb),
                },
                None => modality::reality(view, start, group, m.verb),
            },
        };
        match reality {
            Reality::Not(_) if peer => Some((code.clone(), group)),
            Reality::Intent { governor, .. } if peer => Some((code.clone(), clause::verb_group_start(view, governor))),
            // "started a hunger strike on Monday to protest ...": the purpose is
            // itself a protest (an investigation, a demand)
            Reality::Not(modality::PURPOSE) if matches!(code.get(..2), Some("09" | "10" | "14")) => Some((code.clone(), group)),
            Reality::Not(_) => None,
            Reality::Happened => Some((code.clone(), group)),
            Reality::Intent { governor, kind } => match modality::intent_code(&code, kind)? {
                c if governor == group => Some((c, group)),
                c => Some((c, clause::verb_group_start(view, governor))),
            },
        }
    }

    /// Reach: the verb's object window, where the peers stop looking for a target
    /// (not into a trailing attribution: ", a senior X official said"), whether
    /// the verb is passive, and whether it is an attribution's speech verb.
    fn reach(&self, c: &Admitted) -> Reach {
        let (stage, view, m) = (self.stage, &self.view, &c.m);
        let pat = self.pattern(m);
        // (our coder: a noun phrase matched after the verb, "provide financial aid to
        // India", opens no clause; nor ends the object)
        let next_match = self.matches[c.mi + 1..]
            .iter()
            .find(|n| stage.peer_semantics || !self.pattern(n).nominal)
            .map(|n| n.first)
            .unwrap_or(view.len());
        let mut obj_end = clause::object_end(view, m.last + 1, next_match);
        if !stage.peer_semantics {
            obj_end = obj_end.min(clause_as(view, m.last + 1, obj_end));
        }
        // (TABARI reads one when its comma rules keep it: "..., a clearly
        // inebriated Bree official said today" is a target)
        let attribution_ends = self.attribution.filter(|&a| a > m.last && !stage.tabari.conventions);
        let peer_end = attribution_ends.unwrap_or(view.len()).min(self.eliminated);
        // (nor does our coder: "killing eight people, state media reported" — the
        // attribution's speaker is no victim)
        let obj_end = if stage.peer_semantics {
            obj_end.min(peer_end)
        } else {
            obj_end.min(attribution_ends.unwrap_or(view.len()))
        };
        let has_roles = pat.roles != Roles::default();
        // a pattern word before the verb is no auxiliary ("was in accord": `IN_*`)
        let passive_group = if stage.peer_semantics {
            clause::verb_group_start(view, m.verb)
        } else {
            c.group
        };
        let passive = (pat.passive_voice && self.composes)
            || (!pat.nominal && !has_roles && (is_passive(view, passive_group, m.verb) || self.is_participle(c.mi)));
        let attribution_comma = self
            .attribution
            .filter(|&comma| stage.peer_semantics && comma < c.group && ATTRIBUTION_VERBS.contains(&view.word(m.verb)));
        Reach {
            obj_end,
            peer_end,
            passive,
            attribution_comma,
        }
    }

    /// Composition (PETRARCH-2): a verb in the infinitive complement of another is
    /// coded with it as one event ("wants to help" 033), a negated one as its
    /// rejection ("would not give permission" 124), and a passive verb by the
    /// pattern its "by"/"from" phrase matches ("was blown up ... by a missile" 194).
    /// `None`: the sum has no code, or the phrase's pattern discards the verb.
    fn compose(&self, c: &Admitted, reach: &Reach, code: String, subject_at: usize, removed: &mut Vec<Span>) -> Option<Act> {
        let m = &c.m;
        let mut trigger_start = m.first.min(m.verb);
        let mut governor_object = None;
        let (code, subject_at) = if self.composes {
            let act = self
                .stage
                .composed_act(&self.view, &self.matches[..c.mi], m, c.group, code, removed)?;
            trigger_start = act.trigger_start.unwrap_or(trigger_start);
            governor_object = act.governor_object;
            (act.code, act.subject_at.unwrap_or(subject_at))
        } else {
            (code, subject_at)
        };
        let phrase_code = reach
            .passive
            .then(|| self.stage.passive_phrase_pattern(&self.view, m.verb, reach.peer_end))
            .flatten()
            .filter(|_| self.composes);
        // PETRARCH-2 matches a passive verb's object words in its subject
        // ("Evidence against X was presented": `PRESENT * EVIDENCE`)
        let object_code = || {
            let bare = m.slots.is_empty() && reach.passive && self.composes;
            let words = &self.view.words;
            bare.then(|| self.stage.verbs.object_pattern_in(words, m.verb, c.start..c.group))
                .flatten()
                .map(|p| self.stage.verbs.patterns[p].code.clone())
        };
        let code = match phrase_code.or_else(object_code) {
            Some(c) if c.starts_with("---") => return None,
            Some(c) => c,
            None => code,
        };
        Some(Act {
            code,
            subject_at,
            trigger_start,
            governor_object,
        })
    }

    /// Source: a nominal's agent ("talks by X"), the speaker after an attribution's
    /// comma, the subject shared with a coordinated verb, or the subject of the
    /// acting clause group.
    fn sources(&self, c: &Admitted, act: &Act, reach: &Reach) -> Vec<MentionRef> {
        let (view, m) = (&self.view, &c.m);
        if self.pattern(m).nominal {
            clause::nominal_agent(view, m.first.min(m.verb), m.last + 1, reach.obj_end)
        } else if let Some(comma) = reach.attribution_comma {
            clause::first_chain(view, comma + 1, c.group)
        } else if let Some(prev) = c.coordinated.filter(|_| act.subject_at == c.group) {
            clause::subject(view, clause::verb_group_start(view, prev.first.min(prev.verb)))
        } else if let Some(subject) = self.subject_before_participle(c.mi).filter(|_| act.subject_at == c.group) {
            subject
        } else {
            // (an appositive's relative clause is not the subject's clause)
            let peer_clauses = self.stage.peer_semantics && !self.stage.tabari.conventions && act.subject_at == c.group;
            let appositive = peer_clauses.then(|| appositive_subject(view, &self.matches, c.start, c.group));
            let subject = match appositive.filter(|s| !s.is_empty()) {
                Some(subject) => subject,
                None => clause::subject(view, act.subject_at),
            };
            if subject.is_empty() && m.first < m.verb && act.subject_at == c.group {
                // a pattern word before the subject ("NEITHER *": "Neither X nor Y
                // boycotted"): the subject stands between it and the verb
                clause::subject(view, clause::verb_group_start(view, m.verb))
            } else {
                subject
            }
        }
    }

    /// Target: after a final preposition ("withdraw troops from X") the actor
    /// following it; otherwise the first actor after the verb that no slot matched
    /// ("allow X to land": an infinitive marker, not a preposition). The peers look
    /// further, to the end of the sentence, and past a possessive of the source's.
    fn targets(&self, c: &Admitted, reach: &Reach, sources: &[MentionRef]) -> Vec<MentionRef> {
        let (view, m) = (&self.view, &c.m);
        let pat = self.pattern(m);
        let peer = self.stage.peer_semantics;
        let ends_in_preposition = m
            .slots
            .last()
            .is_some_and(|&k| PREPOSITIONS.contains(&view.word(k)) && !is_infinitive_marker(view, k));
        // (our coder: "blamed Israel for", "accused the United States of violating":
        // the object right after the verb, before the phrase's preposition)
        let object_before_preposition = if peer { None } else { object_before_preposition(view, m) };
        let mut targets = if let Some(object) = object_before_preposition {
            object
        } else if ends_in_preposition || pat.nominal {
            clause::first_chain(view, m.last + 1, reach.obj_end)
        } else {
            // (our coder: a mention modifying a word of the phrase is part of it)
            let mut skip = m.slots.clone();
            if !peer {
                let modifiers = view
                    .mentions
                    .iter()
                    .filter(|t| t.first > m.verb && modifies_phrase_word(view, t, &m.slots));
                skip.extend(modifiers.flat_map(|t| t.first..=t.last));
            }
            let t = clause::first_chain_skipping(view, m.verb + 1, reach.obj_end, &skip);
            if t.first().is_some_and(|c| c.first > m.last) {
                clause::first_chain(view, m.last + 1, reach.obj_end)
            } else {
                t
            }
        };
        if let Some(at) = self.caret_target(c, reach) {
            targets = at;
        }
        if peer && targets.is_empty() && !reach.passive {
            // (not into an infinitive clause of its own, "send a team ... to help
            // identify victims": PETRARCH-2 reads a verb's object phrases, and the
            // infinitive's object is the infinitive's)
            let base_forms = &self.stage.verbs.base_forms;
            let infinitive = (m.last + 1..reach.peer_end)
                .find(|&k| self.composes && view.word(k) == "to" && !m.slots.contains(&k) && base_forms.contains(view.word(k + 1)));
            // nor into a finite clause that is its object
            let end = infinitive
                .into_iter()
                .chain(self.clause_object(c, reach))
                .min()
                .unwrap_or(reach.peer_end);
            targets = clause::first_chain_skipping(view, m.last + 1, end, &m.slots);
        }
        let own_possessive =
            |t: &MentionRef| sources.iter().any(|s| s.actor == t.actor) && matches!(view.word(t.first), "his" | "her" | "its" | "their");
        if peer && !targets.is_empty() && targets.iter().all(own_possessive) {
            // "X renewed his license in Y": a possessive names the owner of the
            // object, not the target, which is the next actor named
            let after = targets.iter().map(|t| t.last).max().unwrap_or(m.last) + 1;
            targets = clause::first_chain(view, after, reach.peer_end);
        }
        if pat.nominal {
            // "by X" named the agent, not the target
            targets.retain(|t| !sources.iter().any(|s| s.first == t.first));
        }
        if !peer && targets.is_empty() {
            // "rejected an Australian ultimatum", "summoned the Russian ambassador"
            targets.extend(phrase_owner(view, m));
        }
        if !peer {
            // "expel leaders of Egypt's Muslim Brotherhood": the owned actor
            for t in &mut targets {
                if let Some(owned) = owned_actor(view, t) {
                    *t = owned;
                }
            }
        }
        targets
    }

    /// Composing dictionaries: the actor at a pattern's `^` place (`* SUMMIT (IN ^)
    /// (ON)`: "attend a summit in Switzerland on the unrest in Iran" -> Switzerland)
    /// is the target, rather than one after the pattern's last preposition (see
    /// [`verbs::VerbPattern::actor_place`]). `None`: no such place, or no actor there.
    fn caret_target(&self, c: &Admitted, reach: &Reach) -> Option<Vec<MentionRef>> {
        let (view, m) = (&self.view, &c.m);
        let pat = self.pattern(m);
        if !self.composes || reach.passive || pat.roles.target.is_some() || pat.roles.compound.is_some() {
            return None;
        }
        let place = pat.actor_place()?;
        let from = match place {
            0 => m.verb + 1,
            n => m.ends.get(n - 1).map_or(m.last, |&e| e) + 1,
        };
        let at = clause::first_chain(view, from, reach.obj_end);
        // (the actor right there, after a determiner at most)
        at.first().is_some_and(|t| t.first <= from + 1).then_some(at)
    }

    /// Passive voice: the agent of its "by" phrase (composing, also of another
    /// preposition) is the source and the subject the target. `false`: nothing is
    /// coded ("X was attacked": the source is there but not an actor).
    fn passive_roles(&self, c: &Admitted, reach: &Reach, sources: &mut Vec<MentionRef>, targets: &mut Vec<MentionRef>) -> bool {
        if !reach.passive {
            return true;
        }
        let (view, m, peer) = (&self.view, &c.m, self.stage.peer_semantics);
        // (PETRARCH-2 reads the passive's phrases, not a window that a noun
        // matched as a later verb cuts short: "killed in an air strike by ...")
        let agent_end = if self.composes {
            clause::object_end(view, m.last + 1, reach.peer_end)
        } else {
            reach.obj_end
        };
        // (a reduced relative's phrases end where its clause's finite verb begins)
        let agent_end = match self.reduced.get(c.mi).copied().flatten().map(|j| &self.matches[j]) {
            Some(main) => agent_end.min(clause::verb_group_start(view, main.first.min(main.verb))),
            None => agent_end,
        };
        let mut agent = clause::by_agent(view, m.last + 1, agent_end);
        // (not past a reduced relative's clause: "the civilians imprisoned for ...
        // were released by X" — X released them)
        let reduced_relative = self.reduced.get(c.mi).copied().flatten().is_some();
        if agent.is_empty() && !peer && !reduced_relative {
            agent = clause::distant_by_agent(view, reach.obj_end);
        }
        if agent.is_empty() && self.composes {
            agent = prepositional_agent(view, m.last + 1, agent_end);
        }
        if agent.is_empty() && !peer {
            // (past the attack noun's own match, which cut the object window)
            agent = attack_phrase_agent(view, m.last + 1, clause::object_end(view, m.last + 1, reach.peer_end));
        }
        if self.is_participle(c.mi) && (agent.is_empty() || sources.is_empty()) {
            // a participle with no actor for its agent or its noun codes nothing
            // (its agent may name the noun phrase instead: `subject_before_participle`)
            return false;
        }
        if !agent.is_empty() {
            *targets = std::mem::replace(sources, agent);
        } else if !peer || targets.is_empty() || (m.last + 1..reach.obj_end).any(|k| view.word(k) == "by") {
            // "allowed to leave Y by elves": the agent is not an actor either
            return false;
        }
        // PETRARCH codes a passive with no agent but with an object as written
        // ("X was criticized over its dispute with Y" -> X -> Y)
        true
    }

    /// Roles that the composition, the pattern or the peers' conventions name: the
    /// governor's object ("asking Obama to help Iran" -> Obama), a pattern's own
    /// roles, TABARI's clause roles and slots, and "talks between X and Y".
    fn assign_roles(
        &self,
        c: &Admitted,
        reach: &Reach,
        governor_object: Option<Vec<MentionRef>>,
        sources: &mut Vec<MentionRef>,
        targets: &mut Vec<MentionRef>,
    ) {
        let (stage, view, m) = (self.stage, &self.view, &c.m);
        let pat = self.pattern(m);
        if let Some(object) = governor_object {
            *targets = object;
        }
        let has_roles = pat.roles != Roles::default();
        if has_roles {
            (*sources, *targets) = apply_roles(
                view,
                m,
                pat,
                std::mem::take(sources),
                std::mem::take(targets),
                stage.tabari.conventions,
            );
            let nearest = actor_right_before(view, &self.hidden, m.first.min(m.verb));
            if let Some(adjacent) = nearest.filter(|_| pat.adjacent_source() && stage.verbs.tabari) {
                *sources = vec![adjacent];
            }
        }
        if stage.peer_semantics && !has_roles && !reach.passive && !pat.nominal && reach.attribution_comma.is_none() {
            stage.tabari.clause_roles(view, c.group, sources, targets);
        }
        if stage.peer_semantics {
            stage.tabari.fill_slots(view, c.group, m.last, sources, targets);
        }
        if pat.nominal && sources.is_empty() && targets.len() >= 2 {
            // "talks between X and Y"
            *sources = std::mem::take(targets);
        }
    }

    /// The subject of the finite verb after a reduced relative (PETRARCH-2's meaning
    /// of the noun phrase holding the participle): the actor the participle follows
    /// ("the civilians imprisoned for ... were released"), or else the participle's
    /// own agent ("a report released in the Rwandan capital alleged": Rwanda).
    fn subject_before_participle(&self, mi: usize) -> Option<Vec<MentionRef>> {
        let p = self.reduced.iter().position(|&main| main == Some(mi))?;
        let (view, participle) = (&self.view, &self.matches[p]);
        let noun = clause::subject(view, participle.verb);
        if !noun.is_empty() {
            return Some(noun);
        }
        let end = clause::verb_group_start(view, self.matches[mi].first.min(self.matches[mi].verb));
        let mut agent = clause::by_agent(view, participle.last + 1, end);
        if agent.is_empty() {
            agent = prepositional_agent(view, participle.last + 1, end);
        }
        (!agent.is_empty()).then_some(agent)
    }

    /// Emission: one record per source and target, none with the source as its own
    /// target; members of a compound subject with no target pair up (PETRARCH/TABARI,
    /// and our reciprocal patterns); a paired code (`[042:043]`) adds the reverse.
    fn emit(&self, c: &Admitted, code: &str, trigger: Span, sources: &[MentionRef], mut targets: Vec<MentionRef>, out: &mut Vec<Coded>) {
        let (peer, pat) = (self.stage.peer_semantics, self.pattern(&c.m));
        let record = |source: MentionRef, target: Option<MentionRef>, code: &str| Coded::new(source, target, code, self.si, trigger);
        if pat.reciprocal && !peer && sources.len() >= 2 {
            // "Israel and Lebanon renewed talks on an Israeli pullback": a target that
            // is one of the subjects is not the other party
            targets.retain(|t| !sources.iter().any(|s| s.actor == t.actor));
        }
        let reciprocal = (pat.reciprocal || peer) && targets.is_empty() && sources.len() >= 2;
        for (si_, s) in sources.iter().enumerate() {
            if reciprocal {
                for (ti, t) in sources.iter().enumerate().filter(|(_, t)| t.actor != s.actor) {
                    // a paired code (`% * [044:045]`): the later member answers
                    let answer = pat.reverse_code.as_deref().filter(|_| peer && ti < si_ && code == pat.code);
                    out.push(record(*s, Some(*t), answer.unwrap_or(code)));
                }
                continue;
            }
            // "X reneged on his commitment": a target that is the source itself
            // leaves the event without a recipient
            let only_self = !peer && targets.iter().all(|t| t.actor == s.actor);
            if targets.is_empty() || only_self {
                out.push(record(*s, None, code));
            }
            for t in targets.iter().filter(|t| t.actor != s.actor) {
                out.push(record(*s, Some(*t), code));
                // (PETRARCH-2 reads the second half of `[042:043]` only for a passive
                // verb, `[:043]`; the UD-PETRARCH validation output codes both halves
                // when the target is a prepositional object: "held talks with X",
                // "received ministers from X", and the first alone for a direct
                // object: "attend the Olympics")
                let reverse = pat
                    .reverse_code
                    .as_deref()
                    .filter(|_| code == pat.code && (!self.composes || after_preposition(&self.view, t)));
                if let Some(rev) = reverse {
                    out.push(record(*t, Some(*s), rev));
                }
            }
        }
    }

    /// The sentence-level filters: governors composed away; with peer semantics the
    /// dyad requirement, dominant codes, attributions, repeated infinitives,
    /// PETRARCH-2's clause selection and composition of reported acts, complements
    /// with no target, TABARI's events per clause; otherwise reported obligations.
    fn finish(&self, progress: Progress) -> Vec<Coded> {
        let (stage, view) = (self.stage, &self.view);
        let Progress {
            mut out, removed_triggers, ..
        } = progress;
        out.retain(|c| !removed_triggers.contains(&c.trigger));
        if !stage.peer_semantics {
            participles_after_passives(view, &mut out);
            drop_agent_phrase_attacks(&mut out);
            out.extend(reported_obligations(view, self.si));
            return out;
        }
        if stage.require_dyad == Some(true) {
            // a dominant code only rules when its event is complete
            out.retain(|c| c.target.is_some() || !c.code.ends_with('!'));
        }
        stage.tabari.dominant_events(&mut out, |c| &mut c.code);
        if stage.require_dyad != Some(false) {
            drop_attributions(view, &mut out);
        }
        if stage.tabari.code_by != tabari::CodeBy::All {
            drop_repeated_infinitives(view, &mut out);
        }
        // PETRARCH-2's clause selection and code composition; TABARI reads clauses its own way
        if !stage.tabari.conventions {
            drop_dependent_clauses(view, &mut out);
            if self.composes {
                drop_clauses_under_uncoded_verbs(view, &mut out);
            }
            compose_reported(view, &mut out, &stage.verbs.transformations);
            // a verb whose object is a clause and that nothing composed with
            out.retain(|c| !c.clause_object);
            if self.composes {
                // UD-PETRARCH (`PETRgraph.py`, the end of `Sentence.get_events`)
                // removes every event still coded a plain statement (010) once
                // the compositions are done
                out.retain(|c| c.code != PLAIN_STATEMENT);
            }
        }
        // a later verb with no target of its own sits in the complement of a
        // coded one ("allowed that Mordor isn't a place to visit"): PETRARCH
        // codes the governing verb only
        let first_with_target = out.iter().filter(|c| c.target.is_some()).map(|c| c.trigger.start).min();
        if let Some(first) = first_with_target {
            let keep_attributions = stage.require_dyad == Some(false);
            out.retain(|c| c.target.is_some() || c.trigger.start < first || (keep_attributions && is_attribution(view, c)));
        }
        if stage.require_dyad == Some(true) {
            out.retain(|c| c.target.is_some());
        }
        stage.tabari.events_per_clause(view, &mut out, |c| c.trigger.start, |c| &mut c.code);
        out
    }
}

/// CAMEO's plain statement ("make statement, not specified below").
const PLAIN_STATEMENT: &str = "010";

/// Words after which a past form is no participle of a noun phrase.
const NOT_AFTER_NOUN: &[&str] = &[
    "to", "and", "or", "but", ",", "he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "not", "n't",
];

/// Words that end the stretch between a reduced relative and its clause's finite verb.
const CLAUSE_BREAKS: &[&str] = &[
    ",", ";", ":", "and", "or", "but", "that", "which", "who", "whom", "whose", "while", "when", "as", "because", "since", "if", "after",
    "before", "said", "says",
];

/// Auxiliaries that make a verb group finite.
const FINITE_AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did",
    "does", "do",
];

/// Past participles inside a noun phrase, which PETRARCH-2 reads as passives (its
/// parse puts them under the noun). Without a parse: a bare "-ed"/"-en" form right
/// after a noun and before a prepositional or time phrase, followed in the same
/// clause by a finite verb (an auxiliary, or "that" after it) with no subject of its
/// own, every actor between standing in a prepositional phrase ("the civilians
/// imprisoned for acting against Moscow were released"; "a report released Tuesday
/// in the Rwandan capital alleged that"); or after an existential "there is/was"
/// ("There were ten soldiers killed in X"). Per match: whether it is such a
/// participle, and the finite verb after it.
fn participles(view: &SentenceView, matches: &[verbs::VerbMatch]) -> (Vec<bool>, Vec<Option<usize>>) {
    let mut participle = vec![false; matches.len()];
    let mut reduced = vec![None; matches.len()];
    let group_of = |n: &verbs::VerbMatch| clause::verb_group_start(view, n.first.min(n.verb));
    let finite = |n: &verbs::VerbMatch| {
        view.words[group_of(n)..n.verb]
            .iter()
            .any(|w| FINITE_AUXILIARIES.contains(&w.as_str()))
            || view.word(n.last + 1) == "that"
    };
    for (i, m) in matches.iter().enumerate() {
        let (v, w) = (m.verb, view.word(m.verb));
        let bare_past = m.first == v && (w.ends_with("ed") || w.ends_with("en")) && group_of(m) == v;
        if v == 0 || !bare_past || NOT_AFTER_NOUN.contains(&view.word(v - 1)) {
            continue;
        }
        let start = clause::clause_start(view, v);
        let existential =
            (start..v.saturating_sub(1)).any(|k| view.word(k) == "there" && matches!(view.word(k + 1), "is" | "are" | "was" | "were"));
        let next = view.word(m.last + 1);
        let adverbial = PREPOSITIONS.contains(&next) || clause::SPEECH_TIME_WORDS.contains(&next);
        let main = matches[i + 1..]
            .iter()
            .position(&finite)
            .map(|j| i + 1 + j)
            .filter(|&j| {
                let between = m.last + 1..group_of(&matches[j]);
                between.clone().all(|k| !CLAUSE_BREAKS.contains(&view.word(k)))
                    && view
                        .mentions
                        .iter()
                        .filter(|t| between.contains(&t.first))
                        .all(|t| after_preposition(view, t))
            })
            .filter(|_| adverbial);
        participle[i] = existential || main.is_some();
        reduced[i] = main;
    }
    (participle, reduced)
}

/// The subject before an appositive that holds a relative clause ("The Syrian
/// Observatory ..., a UK-based group that tracks the war, said"; "X, who visited Y,
/// said"): the verb's clause opens at the relative pronoun and a comma closes it
/// right before the verb, so the subject stands before the comma that opened it.
fn appositive_subject(view: &SentenceView, matches: &[verbs::VerbMatch], start: usize, group: usize) -> Vec<MentionRef> {
    let relative = start.checked_sub(1).filter(|&k| matches!(view.word(k), "that" | "which" | "who"));
    let closed = group > start + 1 && view.word(group - 1) == ",";
    let Some((open, r)) = relative
        .filter(|_| closed)
        .and_then(|r| Some(((0..r).rev().find(|&k| view.word(k) == ",")?, r)))
    else {
        return Vec::new();
    };
    // the appositive between the comma and the pronoun is a noun phrase: no verb
    if matches.iter().any(|m| open < m.verb && m.verb < r) {
        return Vec::new();
    }
    clause::subject(view, open)
}

/// Nouns that count or group troops: "a first batch of", "thousands of".
const FORCE_QUANTITIES: &[&str] = &[
    "deployment",
    "contingent",
    "batch",
    "patch",
    "group",
    "unit",
    "units",
    "wave",
    "detachment",
    "column",
    "convoy",
    "hundreds",
    "thousands",
    "dozens",
    "first",
    "rest",
    "bulk",
];

/// Military units that "arrive in" a country are deployed there, not visiting it:
/// peacekeepers provide protection (074), other forces show force (150). Read from
/// the noun right before the verb group ("NATO peacekeeping troops have arrived").
fn arriving_forces(view: &SentenceView, start: usize, group: usize, verb: usize) -> Option<&'static str> {
    if !view.word(verb).starts_with("arriv") || group == 0 {
        return None;
    }
    let head = view.word(group - 1);
    // "the commander of the troops arrived": the head is the commander; "the first
    // deployment of NATO troops": a quantity of the troops themselves
    let of = (start..group).rev().find(|&k| view.word(k) == "of");
    if of.is_some_and(|k| !k.checked_sub(1).is_some_and(|q| FORCE_QUANTITIES.contains(&view.word(q)))) {
        return None;
    }
    let peacekeeping = (start..group).any(|k| view.word(k).starts_with("peacekeep"));
    match head {
        "peacekeepers" => Some("074"),
        "troops" | "soldiers" | "forces" | "marines" | "paratroopers" | "contingent" | "reinforcements" | "battalion" => {
            Some(if peacekeeping { "074" } else { "150" })
        }
        _ => None,
    }
}
