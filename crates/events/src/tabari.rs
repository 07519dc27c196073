//! TABARI's coding conventions, for a stage that codes with TABARI's dictionaries
//! (peer semantics): default codes for missing actors (`DEFAULT:`), pronouns that
//! stand for an actor named earlier in the sentence or in the story's previous
//! sentence (`FORWARD:`), and how many events a sentence gives (`SET: CODE BY
//! CLAUSE / SENTENCE`, `SET: CODE ALL`, dominant codes `[031!]`). All of it is off by
//! default; `detente eval events --suite tabari` switches it on as the records' own
//! `OPTION:` lines ask.

use crate::clause::{self, MentionRef, SentenceView};

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
    /// Pronouns (he, she, it, they; him, her, them) stand for the sentence's first
    /// actor named before them.
    pub pronouns: bool,
    /// `FORWARD:` the code a subject pronoun with no antecedent in its sentence stands
    /// for: the first actor named in the story's previous sentence.
    pub forwarded: Option<String>,
    pub code_by: CodeBy,
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

    fn defaults_on(&self) -> bool {
        self.default_source.is_some() || self.default_target.is_some()
    }

    /// Fills the source and target a verb at `group..=last` was left without:
    /// pronouns first, then the `DEFAULT:` codes.
    pub(crate) fn fill_slots(&self, view: &SentenceView, group: usize, last: usize, sources: &mut Vec<MentionRef>, targets: &mut Vec<MentionRef>) {
        if self.pronouns && sources.is_empty() {
            if let Some(k) = subject_pronoun(view, group) {
                let antecedent = clause::first_chain(view, 0, k);
                if !antecedent.is_empty() {
                    *sources = antecedent;
                } else if self.forwarded.is_some() {
                    *sources = vec![stand_in(view, FORWARDED, k)];
                }
            }
        }
        if self.pronouns && targets.is_empty() {
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
