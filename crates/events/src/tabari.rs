//! TABARI's coding conventions, for a stage that codes with TABARI's dictionaries
//! (peer semantics): default codes for missing actors (`DEFAULT:`), pronouns that
//! stand for an actor named earlier in the sentence or in the story's previous
//! sentence (`FORWARD:`), and how many events a sentence gives (`SET: CODE BY
//! CLAUSE / SENTENCE`, `SET: CODE ALL`, dominant codes `[031!]`). All of it is off by
//! default; `detente eval events --suite tabari` switches it on as the records' own
//! `OPTION:` lines ask.

use crate::clause::{self, MentionRef, SentenceView};
use detente_doc::Document;

/// Stand-in actor indices for a slot filled by a code rather than by an actor mention
/// of the document (they index nothing in `Document::actors`).
pub(crate) const DEFAULT_SOURCE: usize = usize::MAX;
pub(crate) const DEFAULT_TARGET: usize = usize::MAX - 1;
pub(crate) const FORWARDED: usize = usize::MAX - 2;

/// How many events TABARI takes from a sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodeBy {
    /// One event (per actor pair) for each clause: the first coded verb of the clause.
    #[default]
    Clause,
    /// Only the sentence's first coded verb.
    Sentence,
    /// Every coded verb; one with no actors of its own takes its clause's actors.
    All,
}

/// TABARI options in force for a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TabariOptions {
    /// `DEFAULT: SOURCE [X]`: the code given to a missing source.
    pub default_source: Option<String>,
    /// `PRIOR`: only an actor before the verb is a source; without it, a sentence with
    /// no subject takes its source from the actors after the verb.
    pub source_prior: bool,
    /// `DEFAULT: TARGET [Y]`: the code given to a missing target.
    pub default_target: Option<String>,
    /// `AFTER`: only an actor after the verb is a target; without it, the second
    /// member of a compound subject is the target of the first.
    pub target_after: bool,
    /// TABARI's own reading of a sentence: pronouns (he, she, it, they; him, her,
    /// them) stand for the sentence's first actor named before them; a clause runs
    /// from one conjunction to the next, its source is its first actor, its target
    /// the first actor after the verb (or, with none there, the next actor before it),
    /// and it gives one event (`code_by`).
    pub conventions: bool,
    /// `FORWARD:` the code a subject pronoun with no antecedent in its sentence stands
    /// for: the first actor named in the story's previous sentence.
    pub forwarded: Option<String>,
    pub code_by: CodeBy,
    /// `COMMA: BMIN = a BMAX = b`: an initial comma-delimited clause of `a..=b`
    /// words is read as if it were not there (`None`: TABARI's default, off).
    pub initial_clause: Option<(usize, usize)>,
    /// `SET: CONVERT AGENT = TRUE`: an agent named without an actor ("a senior
    /// official") is an actor of its own; otherwise, with `conventions`, it is none.
    pub lone_agents: bool,
    /// The actors file's designated nouns and adjectives (`<NOUN>`, `<ADJECTIVE>`),
    /// lower case: "and" between two nouns or two adjectives ("sheep and goats",
    /// "awful and evil") joins one noun phrase, not two clauses.
    pub nouns: Vec<String>,
    pub adjectives: Vec<String>,
}

const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "it", "they"];
const OBJECT_PRONOUNS: &[&str] = &["him", "her", "it", "them"];
/// Words that may stand between a subject pronoun and its verb ("he has also asked").
const PRONOUN_GAP: &[&str] = &["also", "again", "then", "now", "later", "has", "have", "had", "would", "will"];

impl TabariOptions {
    /// Applies one `OPTION:` line of a TABARI file (`DEFAULT: SOURCE [DEFSRC] PRIOR
    /// TARGET [DEFTAR] AFTER`, `DEFAULT: OFF`, `SET: CODE BY SENTENCE`, `SET: CODE
    /// ALL`, `SET: CODE BY CLAUSE`); returns whether the line was one of these.
    pub fn read_option(&mut self, option: &str) -> bool {
        let upper = option.to_uppercase();
        let words: Vec<&str> = upper.split_whitespace().collect();
        match words.as_slice() {
            ["DEFAULT:", "OFF", ..] => {
                self.default_source = None;
                self.default_target = None;
                self.source_prior = false;
                self.target_after = false;
                true
            }
            ["DEFAULT:", rest @ ..] => {
                let mut i = 0;
                while i < rest.len() {
                    let code = rest.get(i + 1).map(|c| c.trim_matches(['[', ']']).to_string());
                    match rest[i] {
                        "SOURCE" => {
                            self.default_source = code;
                            i += 1;
                        }
                        "TARGET" => {
                            self.default_target = code;
                            i += 1;
                        }
                        "PRIOR" => self.source_prior = true,
                        "AFTER" => self.target_after = true,
                        _ => {}
                    }
                    i += 1;
                }
                true
            }
            ["SET:", "CODE", "BY", "SENTENCE", ..] => {
                self.code_by = CodeBy::Sentence;
                true
            }
            ["SET:", "CODE", "BY", "CLAUSE", ..] => {
                self.code_by = CodeBy::Clause;
                true
            }
            ["SET:", "CODE", "ALL", ..] => {
                self.code_by = CodeBy::All;
                true
            }
            _ => false,
        }
    }

    /// The code standing in for a stand-in actor index, if it is one.
    pub(crate) fn stand_in_code(&self, actor: usize) -> Option<&str> {
        match actor {
            DEFAULT_SOURCE => self.default_source.as_deref(),
            DEFAULT_TARGET => self.default_target.as_deref(),
            FORWARDED => self.forwarded.as_deref(),
            _ => None,
        }
    }

    /// TABARI's source and target for a verb at `group..=last` (with `conventions`):
    /// the clause's first actor acts, or, in a clause with none before its verb ("...
    /// or assail Arnor"), the previous clause's; with no target after the verb, the
    /// actor nearest before the verb, after the source, is the target ("then it
    /// requested that Elrond assist").
    pub(crate) fn clause_roles(&self, view: &SentenceView, group: usize, sources: &mut Vec<MentionRef>, targets: &mut Vec<MentionRef>) {
        if !self.conventions {
            return;
        }
        let start = clause_start(view, group);
        let mut first = self.first_actor(view, start, group);
        if first.is_none() && start > 0 {
            first = self.first_actor(view, clause_start(view, start - 1), start - 1);
        }
        let Some((end, chain)) = first else { return };
        *sources = chain;
        let named_after = targets.iter().any(|t| t.first > group);
        if !named_after && end < group {
            // the actor nearest before the verb ("... after Ent crowds burned")
            let mut from = end + 1;
            let mut nearest = Vec::new();
            loop {
                let chain: Vec<MentionRef> = clause::first_chain(view, from, group);
                let Some(last) = chain.iter().map(|m| m.last).max() else { break };
                from = last + 1;
                let others: Vec<MentionRef> = chain.into_iter().filter(|t| !sources.iter().any(|s| s.actor == t.actor)).collect();
                if !others.is_empty() {
                    nearest = others;
                }
            }
            if !nearest.is_empty() {
                *targets = nearest;
            }
        }
    }

    /// The first actor chain or subject pronoun in `[from, to)`, with the position
    /// of its last token; a pronoun stands for its antecedent or forwarded actor.
    fn first_actor(&self, view: &SentenceView, from: usize, to: usize) -> Option<(usize, Vec<MentionRef>)> {
        for k in from..to.min(view.len()) {
            if let Some(mi) = view.mention_of[k] {
                let chain = clause::first_chain(view, k, to);
                let end = chain.iter().map(|m| m.last).max().unwrap_or(view.mentions[mi].last);
                return Some((end, chain));
            }
            if SUBJECT_PRONOUNS.contains(&view.word(k)) {
                let antecedent = clause::first_chain(view, 0, k);
                if !antecedent.is_empty() {
                    return Some((k, antecedent));
                }
                if self.forwarded.is_some() {
                    return Some((k, vec![stand_in(view, FORWARDED, k)]));
                }
            }
        }
        None
    }

    /// With `CODE ALL`, keeps only the events of a dominant code (`[031!]`) when one
    /// is coded in the sentence; drops the dominance mark from every code.
    pub(crate) fn dominant_events<T>(&self, coded: &mut Vec<T>, code: impl Fn(&mut T) -> &mut String) {
        if self.code_by == CodeBy::All && coded.iter_mut().any(|c| code(c).ends_with('!')) {
            coded.retain_mut(|c| code(c).ends_with('!'));
        }
        for c in coded.iter_mut() {
            let code = code(c);
            if code.ends_with('!') {
                code.pop();
            }
        }
    }

    /// Keeps the events TABARI takes from a sentence (with `conventions`): a code
    /// marked `?` (`SAID [023?]`) gives way to any other code of its clause ("Frodo
    /// said he has deep satisfaction toward X" is the satisfaction), and the mark
    /// is dropped; then those of the first coded verb of each clause
    /// (`CodeBy::Clause`) or of the sentence (`CodeBy::Sentence`), or all of them
    /// (`CodeBy::All`).
    pub(crate) fn events_per_clause<T>(
        &self,
        view: &SentenceView,
        coded: &mut Vec<T>,
        trigger_start: impl Fn(&T) -> usize,
        code: impl Fn(&mut T) -> &mut String,
    ) {
        if !self.conventions {
            return;
        }
        let token = |start: usize| view.spans.iter().position(|s| s.start >= start).unwrap_or(0);
        let clause_of = |start: usize| clause_start(view, token(start));
        let mut firm_clauses: Vec<usize> = Vec::new();
        for c in coded.iter_mut() {
            if !code(c).ends_with('?') {
                firm_clauses.push(clause_of(trigger_start(c)));
            }
        }
        coded.retain_mut(|c| !(code(c).ends_with('?') && firm_clauses.contains(&clause_of(trigger_start(c)))));
        for c in coded.iter_mut() {
            let code = code(c);
            if code.ends_with('?') {
                code.pop();
            }
        }
        if self.code_by == CodeBy::All {
            return;
        }
        let clause_of = |start: usize| match self.code_by {
            CodeBy::Sentence => 0,
            _ => clause_of(start),
        };
        let mut first_in_clause: Vec<(usize, usize)> = Vec::new();
        for c in coded.iter() {
            let start = trigger_start(c);
            let clause = clause_of(start);
            match first_in_clause.iter_mut().find(|(cl, _)| *cl == clause) {
                Some((_, first)) => *first = (*first).min(start),
                None => first_in_clause.push((clause, start)),
            }
        }
        coded.retain(|c| {
            let start = trigger_start(c);
            first_in_clause.iter().any(|&(cl, first)| cl == clause_of(start) && first == start)
        });
    }

    /// Hides the initial comma-delimited clause when `initial_clause` asks for it
    /// (no actor taken from it, nothing coded in it).
    pub(crate) fn hide_initial_clause(&self, view: &mut SentenceView, hidden: &mut [bool]) {
        let Some((min, max)) = self.initial_clause else { return };
        let Some(comma) = view.words.iter().position(|w| w == ",") else {
            return;
        };
        let words = (0..comma).filter(|&k| view.word(k).chars().any(char::is_alphanumeric)).count();
        if (min..=max).contains(&words) {
            hidden[..comma].fill(true);
            view.mention_of[..comma].fill(None);
        }
    }

    /// With `conventions`, marks each "and" / "or" between two designated nouns or
    /// two designated adjectives as inside a noun phrase.
    pub(crate) fn mark_phrase_conjunctions(&self, view: &mut SentenceView) {
        if !self.conventions {
            return;
        }
        let both = |list: &[String], k: usize| k > 0 && [k - 1, k + 1].iter().all(|&j| list.iter().any(|w| *w == view.word(j)));
        view.phrase_conjunctions = (0..view.len())
            .filter(|&k| matches!(view.word(k), "and" | "or") && (both(&self.nouns, k) || both(&self.adjectives, k)))
            .collect();
    }

    /// With `conventions` and without `lone_agents`, an agent named without an
    /// actor ("a senior official": code `GOV`, no country) is not an actor.
    pub(crate) fn hide_lone_agents(&self, doc: &Document, view: &mut SentenceView) {
        if !self.conventions || self.lone_agents {
            return;
        }
        for k in 0..view.len() {
            let Some(mi) = view.mention_of[k] else { continue };
            let lone = doc
                .actors
                .get(view.mentions[mi].actor)
                .is_some_and(|a| a.country.is_none() && a.sector.is_some() && a.code == a.sector);
            if lone {
                view.mention_of[k] = None;
            }
        }
    }

    fn defaults_on(&self) -> bool {
        self.default_source.is_some() || self.default_target.is_some()
    }

    /// Fills the source and target a verb at `group..=last` was left without:
    /// pronouns first, then the `DEFAULT:` codes.
    pub(crate) fn fill_slots(
        &self,
        view: &SentenceView,
        group: usize,
        last: usize,
        sources: &mut Vec<MentionRef>,
        targets: &mut Vec<MentionRef>,
    ) {
        if self.conventions && sources.is_empty() {
            if let Some(k) = subject_pronoun(view, group) {
                let antecedent = clause::first_chain(view, 0, k);
                if !antecedent.is_empty() {
                    *sources = antecedent;
                } else if self.forwarded.is_some() {
                    *sources = vec![stand_in(view, FORWARDED, k)];
                }
            }
        }
        if self.conventions && targets.is_empty() {
            if let Some(k) = object_pronoun(view, last + 1) {
                let antecedent = clause::first_chain(view, 0, k);
                if !antecedent.iter().any(|a| sources.iter().any(|s| s.actor == a.actor)) {
                    *targets = antecedent;
                }
            }
        }
        if !self.defaults_on() {
            return;
        }
        if sources.is_empty() {
            if !self.source_prior && !targets.is_empty() {
                // no actor before the verb: the first one after it acts
                *sources = vec![targets.remove(0)];
            } else if self.default_source.is_some() {
                *sources = vec![stand_in(view, DEFAULT_SOURCE, group)];
            }
        }
        if targets.is_empty() {
            if !self.target_after && sources.len() >= 2 {
                // "X and Y restored ties": Y is the target of X
                *targets = sources.split_off(1);
                targets.truncate(1);
            } else if self.default_target.is_some() && !sources.is_empty() {
                *targets = vec![stand_in(view, DEFAULT_TARGET, last)];
            }
        }
    }
}

/// Where TABARI's clause holding `at` begins: after the last ";", "but", or "and" /
/// "or" that does not join two actors, before `at`.
pub(crate) fn clause_start(view: &SentenceView, at: usize) -> usize {
    // "Fornost and the evil awful Gondor", "Mordor, the awful Fornost, and good
    // Gondor" (modifiers after "the" or a list's comma; "Ithilen or assail Arnor" is
    // two clauses)
    let joins_actors = |k: usize| {
        let comma = k >= 2 && view.word(k - 1) == ",";
        let before = k.checked_sub(if comma { 2 } else { 1 });
        let after_actor = before.is_some_and(|b| view.mention_of[b].is_some());
        let modifiers = comma || view.word(k + 1) == "the";
        let modifier = |j: usize| view.raw.get(j).is_some_and(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
        let next = if modifiers {
            (k + 1..(k + 5).min(view.len())).find(|&j| !modifier(j))
        } else {
            Some(k + 1)
        };
        after_actor && next.is_some_and(|j| view.mention_of.get(j).is_some_and(Option::is_some))
    };
    (0..at.min(view.len()))
        .rev()
        .find(|&k| match view.word(k) {
            ";" | "but" => true,
            "and" | "or" => !joins_actors(k) && !view.phrase_conjunctions.contains(&k),
            _ => false,
        })
        .map_or(0, |k| k + 1)
}

/// The actor chain nearest before position `at` in its clause: "Mordor with
/// Fornost and Gondor welcomed" -> Fornost, Gondor.
pub(crate) fn chain_right_before(view: &SentenceView, at: usize) -> Vec<MentionRef> {
    let start = clause_start(view, at);
    let Some(last) = (start..at).rev().find_map(|k| view.mention_of[k]) else {
        return Vec::new();
    };
    let last = view.mentions[last];
    // the longest chain that runs up to it
    (start..=last.first)
        .filter(|&p| view.mention_of[p].is_some_and(|mi| view.mentions[mi].first == p))
        .map(|p| clause::first_chain(view, p, at))
        .find(|chain| chain.iter().any(|m| m.actor == last.actor && m.first == last.first))
        .unwrap_or_else(|| vec![last])
}

/// The antecedent of the first subject pronoun in `[from, to)`: the sentence's first
/// actor chain before it.
pub(crate) fn pronoun_antecedent(view: &SentenceView, from: usize, to: usize) -> Vec<MentionRef> {
    (from..to.min(view.len()))
        .find(|&k| SUBJECT_PRONOUNS.contains(&view.word(k)))
        .map(|k| clause::first_chain(view, 0, k))
        .unwrap_or_default()
}

/// The verb group at `group` has its own subject (an actor or a pronoun) after a
/// conjunction ("... and Gondor asked", "... and then she asked"): a new clause.
pub(crate) fn conjoined_clause(view: &SentenceView, group: usize) -> bool {
    let Some(before) = group.checked_sub(1) else {
        return false;
    };
    let subject_start = match view.mention_of[before] {
        Some(mi) => view.mentions[mi].first,
        None if SUBJECT_PRONOUNS.contains(&view.word(before)) => before,
        None => return false,
    };
    let mut k = subject_start;
    while k > 0 && view.word(k - 1) == "then" {
        k -= 1;
    }
    k > 0 && matches!(view.word(k - 1), "and" | "but" | "or")
}

fn stand_in(view: &SentenceView, actor: usize, k: usize) -> MentionRef {
    MentionRef {
        actor,
        span: view.spans[k.min(view.len().saturating_sub(1))],
        first: k,
        last: k,
    }
}

/// A subject pronoun right before the verb group at `group` ("then it requested",
/// "he has also asked").
fn subject_pronoun(view: &SentenceView, group: usize) -> Option<usize> {
    let mut k = group.checked_sub(1)?;
    for _ in 0..3 {
        let w = view.word(k);
        if SUBJECT_PRONOUNS.contains(&w) {
            return Some(k);
        }
        if !PRONOUN_GAP.contains(&w) {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    None
}

/// An object pronoun right after the verb phrase ending before `from` ("asked him").
fn object_pronoun(view: &SentenceView, from: usize) -> Option<usize> {
    (from < view.len() && OBJECT_PRONOUNS.contains(&view.word(from))).then_some(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_are_read_and_reset() {
        let mut o = TabariOptions::default();
        assert!(o.read_option(" DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER "));
        assert_eq!(o.default_source.as_deref(), Some("DEFSRC"));
        assert_eq!(o.default_target.as_deref(), Some("DEFTAR"));
        assert!(o.source_prior && o.target_after);
        assert!(o.read_option("DEFAULT: OFF"));
        assert_eq!(o, TabariOptions::default());
        assert!(o.read_option("DEFAULT: SOURCE [DEFSRC]  TARGET [DEFTAR] AFTER"));
        assert!(!o.source_prior && o.target_after);
    }

    #[test]
    fn code_by_options_are_read() {
        let mut o = TabariOptions::default();
        assert!(o.read_option("SET: CODE BY SENTENCE"));
        assert_eq!(o.code_by, CodeBy::Sentence);
        assert!(o.read_option("SET: CODE ALL"));
        assert_eq!(o.code_by, CodeBy::All);
        assert!(o.read_option("set: code by clause"));
        assert_eq!(o.code_by, CodeBy::Clause);
        assert!(!o.read_option("SET: MINIMUM WORDS = 4"));
    }

    proptest::proptest! {
        #[test]
        fn reading_any_option_line_does_not_panic(line in ".{0,60}") {
            let mut o = TabariOptions::default();
            o.read_option(&line);
            o.read_option(&format!("DEFAULT: {line}"));
        }
    }
}
