//! The verb lexicon (`dictionaries/verbs.txt`): phrases that name an action and the
//! CAMEO code they give. Matching works on a sentence's lower-cased word tokens, so
//! patterns may leave gaps (`sign ... agreement`) and may come from PETRARCH
//! dictionaries (see `petrarch.rs`), whose patterns are read into the same form.
//!
//! Our format, one code per line: `code<TAB>phrase; phrase; ...`
//! - a phrase starts with its verb: `lemma` (regular -s/-ed/-ing forms are made) or
//!   `lemma/past/participle` for irregular verbs; the words after it are literal;
//! - `...` between words allows up to six other tokens there (`sign ... accord`);
//! - `a|b` gives alternatives for one word (`hold/held/held talks|consultations with`);
//!   an alternative of several adjacent words joins them with `_`
//!   (`impose ... curfew|martial_law`);
//! - a phrase starting with `=` is a noun phrase matched as written (`=talks between`);
//! - a phrase starting with `~` is a verb whose forms are all listed (`~freed|frees`),
//!   for verbs whose base form is mostly another word class ("free", "aid");
//! - a phrase ending in ` <>` is reciprocal: "X and Y met" codes X->Y and Y->X;
//! - `code:code` codes a second event in reverse (target -> source), e.g. a visit
//!   that is also "receive a visit".

use std::collections::{HashMap, HashSet};

pub const DEFAULT_VERBS: &str = include_str!("../../../dictionaries/verbs.txt");

/// Most tokens a `...` gap may skip.
pub const GAP: usize = 6;

/// One word slot of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Accepted lower-case forms.
    pub forms: Vec<String>,
    /// How many other tokens may come before this slot (0: adjacent).
    pub gap: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VerbPattern {
    /// Slots before the verb, nearest first (PETRARCH `- &MILITARY * ...`).
    pub before: Vec<Slot>,
    /// The verb (or head noun) and the slots after it.
    pub verb: Slot,
    pub after: Vec<Slot>,
    pub code: String,
    pub reverse_code: Option<String>,
    pub reciprocal: bool,
    /// A noun phrase trigger (`=talks between`): not subject to the noun-use filter.
    pub nominal: bool,
    /// The phrase as written, for messages and documentation.
    pub phrase: String,
    /// Where a PETRARCH pattern says the source and target are (`$`, `+`, `%`).
    pub roles: Roles,
    /// TABARI verb stems: any word one begins.
    pub verb_stems: Vec<String>,
    /// A PETRARCH-2 code with only its passive half (`[:030]`, "received assurances
    /// from X"): the verb is read as a passive, its source in a "by"/"from"/"in"
    /// phrase and its subject the target.
    pub passive_voice: bool,
}

/// Where an actor of a PETRARCH pattern is read: before the verb, or the actor chain
/// after the `slot`-th word after the verb (0: right after the verb), skipping `skip`
/// actors first (`^`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RolePos {
    /// Before the verb, with `slot` of the pattern's words between it and the verb
    /// (`NOTED + *`: 1). Outside all of them, it is the clause subject.
    Before {
        slot: usize,
    },
    After {
        slot: usize,
        skip: usize,
    },
}

/// The source (`$`), target (`+`) and compound (`%`) slots of a PETRARCH pattern; all
/// `None` for our own patterns (subject and object found by the clause analysis).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub source: Option<RolePos>,
    pub target: Option<RolePos>,
    /// `%`: a compound actor (two or more) whose members act on one another.
    pub compound: Option<RolePos>,
    /// A `%` after the verb pairs its members with one another (TABARI) rather than
    /// making them the subject's targets (PETRARCH: "agrees with X and Y").
    pub mutual_compound: bool,
}

impl VerbPattern {
    /// How specific the pattern is; with `tabari`, a `- $ *` pattern (which needs an
    /// actor before the verb) outranks the bare verb.
    fn weight(&self, tabari: bool) -> usize {
        // a pattern that asks for a compound actor is more specific than the bare verb
        self.before.len() + self.after.len() + usize::from(self.roles.compound.is_some()) + usize::from(tabari && self.adjacent_source())
    }

    /// With `tabari`, the slots that are one word rather than a synonym set: at equal
    /// weight a written word outranks a set (`- * DOLLAR` over `- * &CURRENCY`).
    fn literal_words(&self, tabari: bool) -> usize {
        if !tabari {
            return 0;
        }
        self.before.iter().chain(&self.after).filter(|s| s.forms.len() == 1).count()
    }

    /// The place of a `^` after the verb that no role marker follows (`* SUMMIT (IN ^)
    /// (ON)`): how many of the pattern's slots after the verb stand before it. In the
    /// Phoenix dictionary such a `^` marks where an actor stands (`CONDEMN * KILLING
    /// (OF ^)`); UD-PETRARCH (`PETRgraph.py`, `match_noun` in
    /// `get_verb_code_per_triplet`) passes over it without skipping anything, and the
    /// target is the first actor of the verb's object phrase, the one at the `^`.
    pub fn actor_place(&self) -> Option<usize> {
        let cleaned: String = self
            .phrase
            .chars()
            .map(|c| if matches!(c, '(' | ')' | '{' | '}') { ' ' } else { c })
            .collect();
        let items: Vec<&str> = cleaned
            .split_whitespace()
            .flat_map(|c| c.split('_'))
            .filter(|w| !w.is_empty())
            .collect();
        let star = items.iter().position(|w| *w == "*")?;
        let rest = &items[star + 1..];
        let caret = rest.iter().position(|w| *w == "^")?;
        if rest.get(caret + 1).is_some_and(|w| matches!(*w, "$" | "+" | "%")) {
            return None; // `^ +`: one actor skipped before the target
        }
        let is_slot = |w: &&&str| !matches!(**w, "$" | "+" | "%" | "^");
        let total = rest.iter().filter(is_slot).count();
        let offset = self.after.len().checked_sub(total)?;
        Some(offset + rest[..caret].iter().filter(is_slot).count())
    }

    /// TABARI `- $ *`: the source is the actor nearest before the verb, and the
    /// pattern applies only when there is one.
    pub fn adjacent_source(&self) -> bool {
        self.before.is_empty() && self.roles.source == Some(RolePos::Before { slot: 0 })
    }
}

#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    pub patterns: Vec<VerbPattern>,
    /// Verb form -> patterns whose verb slot accepts it.
    by_form: HashMap<String, Vec<usize>>,
    /// TABARI verb stems (`RESTOR` matches "restore", "restored"): stem, pattern.
    stems: Vec<(String, usize)>,
    /// Read from a TABARI file: `- $ *` outranks the bare verb.
    pub tabari: bool,
    /// Base forms of the verbs of a PETRARCH-2 file: after "to", such a word starts
    /// an infinitive, whose words belong to that verb and not to an earlier pattern
    /// (`WANT * HELP` is not "wants to help"). Empty: no such limit.
    pub base_forms: HashSet<String>,
    /// A PETRARCH-2 file's `~` transformation lines (see `compose.rs`).
    pub transformations: Vec<crate::compose::Transformation>,
}

/// A pattern matched in a sentence: token indexes (into the sentence's word list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbMatch {
    pub pattern: usize,
    /// Index of the verb token.
    pub verb: usize,
    /// First and last matched token (inclusive).
    pub first: usize,
    pub last: usize,
    /// The tokens the slots after the verb matched.
    pub slots: Vec<usize>,
    /// The last token each slot after the verb matched, in order.
    pub ends: Vec<usize>,
    /// The token each slot before the verb matched, nearest first.
    pub starts: Vec<usize>,
}

/// The inflected forms of a verb written `lemma` or `lemma/past/participle`.
pub fn inflect(verb: &str) -> Vec<String> {
    let parts: Vec<&str> = verb.split('/').collect();
    let lemma = parts[0];
    let consonant_y = lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey") && !lemma.ends_with("oy");
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') {
        format!("{lemma}es")
    } else if consonant_y {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let stem = lemma.strip_suffix('e').filter(|_| !lemma.ends_with("ee")).unwrap_or(lemma);
    let mut forms = vec![lemma.to_string(), third, format!("{stem}ing")];
    if parts.len() >= 3 {
        forms.extend(parts[1..].iter().map(|p| p.to_string()));
    } else if lemma.ends_with('e') {
        forms.push(format!("{lemma}d"));
    } else if consonant_y {
        forms.push(format!("{}ied", &lemma[..lemma.len() - 1]));
    } else {
        forms.push(format!("{lemma}ed"));
    }
    forms.sort();
    forms.dedup();
    forms
}

impl VerbDictionary {
    /// An empty dictionary, read from a TABARI file or not.
    pub(crate) fn empty(tabari: bool) -> Self {
        VerbDictionary {
            tabari,
            ..VerbDictionary::default()
        }
    }

    /// Read our own format (see the module documentation).
    pub fn parse(source: &str) -> Result<Self, String> {
        let mut dict = VerbDictionary::default();
        dict.extend_from(source)?;
        Ok(dict)
    }

    pub fn default_dictionary() -> Result<Self, String> {
        Self::parse(DEFAULT_VERBS)
    }

    /// Add the patterns of another file in our format.
    pub fn extend_from(&mut self, source: &str) -> Result<(), String> {
        for (i, line) in source.lines().enumerate() {
            let line = line.trim_end();
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((codes, phrases)) = line.split_once('\t') else {
                return Err(format!("verbs.txt:{}: expected `code<TAB>phrase; phrase`", i + 1));
            };
            let (code, reverse) = match codes.trim().split_once(':') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (codes.trim().to_string(), None),
            };
            // (`:code`: the reverse event only, "received weapons from Y" is Y -> X)
            let reverse_only = code.is_empty()
                && reverse
                    .as_ref()
                    .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()));
            if !reverse_only && (code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit())) {
                return Err(format!("verbs.txt:{}: bad CAMEO code {code:?}", i + 1));
            }
            for phrase in phrases.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let pattern = parse_phrase(phrase, &code, reverse.clone()).map_err(|e| format!("verbs.txt:{}: {e}", i + 1))?;
                self.push(pattern);
            }
        }
        Ok(())
    }

    pub fn push(&mut self, pattern: VerbPattern) {
        let idx = self.patterns.len();
        for f in &pattern.verb.forms {
            self.by_form.entry(f.clone()).or_default().push(idx);
        }
        for stem in &pattern.verb_stems {
            self.stems.push((stem.clone(), idx));
        }
        self.patterns.push(pattern);
    }

    /// More verb forms and stems for the pattern at `idx` (TABARI lists a verb's forms
    /// on the line after it).
    pub fn add_forms(&mut self, idx: usize, forms: &[String], stems: &[String]) {
        let Some(pattern) = self.patterns.get_mut(idx) else { return };
        for f in forms {
            if !pattern.verb.forms.contains(f) {
                pattern.verb.forms.push(f.clone());
                self.by_form.entry(f.clone()).or_default().push(idx);
            }
        }
        for stem in stems {
            pattern.verb_stems.push(stem.clone());
            self.stems.push((stem.clone(), idx));
        }
    }

    /// The best pattern at each token (most slots matched), left to right; a match
    /// never starts inside an earlier one. `words` are lower-case tokens; `limit` is
    /// the exclusive end of the clause for each position's forward search.
    pub fn find(&self, words: &[String]) -> Vec<VerbMatch> {
        self.find_masked(words, &[])
    }

    /// As [`find`](Self::find), but no verb is taken at a position marked `true` in
    /// `not_verbs` (tokens of actor names: "the United States").
    pub fn find_masked(&self, words: &[String], not_verbs: &[bool]) -> Vec<VerbMatch> {
        let mut out: Vec<VerbMatch> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if out.last().is_some_and(|m| m.last >= i) || not_verbs.get(i).copied().unwrap_or(false) {
                continue;
            }
            let candidates = self.candidates(w);
            if candidates.is_empty() {
                continue;
            }
            if let Some(m) = self.best_among(&candidates, words, i, &[], not_verbs) {
                // a verb that is a word before another pattern's verb
                // ("indicated it should have acted": `INDICATED SHOULD *`) is part of it
                out.retain(|prev| prev.verb < m.first);
                out.push(m);
            }
        }
        out
    }

    /// The best pattern whose verb is `words[verb]`, other than those in `exclude`
    /// (a PETRARCH `%` pattern whose subject turned out not to be compound).
    pub fn best_at(&self, words: &[String], verb: usize, exclude: &[usize]) -> Option<VerbMatch> {
        let candidates = self.candidates(words.get(verb)?);
        self.best_among(&candidates, words, verb, exclude, &[])
    }

    /// The patterns whose verb is `word`: by form, or by a TABARI verb stem it begins
    /// ("restor" + "ing", "resum" + "ption": TABARI matches nouns as well).
    fn candidates(&self, word: &str) -> Vec<usize> {
        let mut out = self.by_form.get(word).cloned().unwrap_or_default();
        for (stem, p) in &self.stems {
            if word.starts_with(stem.as_str()) && !out.contains(p) {
                out.push(*p);
            }
        }
        out
    }

    /// `names` marks the tokens of actor names (may be empty: none known).
    fn best_among(&self, candidates: &[usize], words: &[String], verb: usize, exclude: &[usize], names: &[bool]) -> Option<VerbMatch> {
        candidates
            .iter()
            .filter(|p| !exclude.contains(p))
            .filter_map(|&p| self.match_at(p, words, verb, names))
            .max_by_key(|m| {
                (
                    self.patterns[m.pattern].weight(self.tabari),
                    self.patterns[m.pattern].literal_words(self.tabari),
                    self.joined_words(m),
                    usize::MAX - m.last,
                    self.literal_slots(m, words),
                    usize::MAX - m.pattern,
                )
            })
    }

    fn match_at(&self, p: usize, words: &[String], verb: usize, names: &[bool]) -> Option<VerbMatch> {
        let pat = &self.patterns[p];
        let mut last = verb;
        let mut slots = Vec::new();
        let mut ends = Vec::new();
        for slot in &pat.after {
            let from = last + 1;
            let to = (from + slot.gap + 1).min(words.len());
            let (hit, end) = (from..to)
                .take_while(|&j| !is_barrier(&words[j]) || slot.forms.contains(&words[j]))
                .find_map(|j| slot_match_at(slot, words, j).map(|end| (j, end)))?;
            // "agreed on Wednesday" is a date, not the "agree on" phrase
            if is_time_preposition(&words[hit]) && words.get(hit + 1).is_some_and(|n| is_time_word(n)) {
                return None;
            }
            last = end;
            slots.extend(hit..=end);
            ends.push(end);
        }
        if !self.infinitive_scope(words, verb, &slots, names) {
            return None;
        }
        let mut first = verb;
        let mut starts = Vec::new();
        let clause_from = self.infinitive_governor(words, verb).unwrap_or(0);
        for slot in &pat.before {
            let to = first;
            let from = to.saturating_sub(slot.gap + 1).max(clause_from);
            let hit = (from..to)
                .rev()
                .take_while(|&j| !is_barrier(&words[j]))
                .find_map(|j| slot_match_ending_at(slot, words, j))?;
            first = hit;
            starts.push(hit);
        }
        Some(VerbMatch {
            pattern: p,
            verb,
            first,
            last,
            slots,
            ends,
            starts,
        })
    }
}

impl VerbDictionary {
    /// Our format: the words that multi-word alternatives of the match cover beyond
    /// one per slot ("launched an air strike": `air_strike` outranks `strike`).
    fn joined_words(&self, m: &VerbMatch) -> usize {
        if self.tabari {
            return 0;
        }
        m.slots.len().saturating_sub(m.ends.len())
    }

    /// With a PETRARCH-2 file that composes codes (whose pattern nouns match their
    /// plurals too): how many slots matched the word as written, so that of two
    /// equally long patterns `* SANCTIONS` beats `* SANCTION` on "sanctions".
    fn literal_slots(&self, m: &VerbMatch, words: &[String]) -> usize {
        if self.transformations.is_empty() {
            return 0;
        }
        let pat = &self.patterns[m.pattern];
        pat.after
            .iter()
            .zip(&m.ends)
            .filter(|(slot, &end)| slot.forms.first().is_some_and(|f| words.get(end) == Some(f)))
            .count()
    }

    /// The most specific pattern of the verb at `verb` that has words only before the
    /// verb, all of them found in `phrase` (a passive's "by" phrase, where PETRARCH-2
    /// looks for the active subject's words).
    pub fn subject_pattern_in(&self, words: &[String], verb: usize, phrase: std::ops::Range<usize>) -> Option<usize> {
        self.one_sided_pattern_in(words, verb, phrase, |pat| (&pat.before, &pat.after))
    }

    /// The most specific pattern of the verb at `verb` that has words only after the
    /// verb, all of them found in `phrase` (a passive's subject, where PETRARCH-2
    /// looks for the active object's words: "Evidence against X was presented" is
    /// `PRESENT * EVIDENCE`).
    pub fn object_pattern_in(&self, words: &[String], verb: usize, phrase: std::ops::Range<usize>) -> Option<usize> {
        self.one_sided_pattern_in(words, verb, phrase, |pat| (&pat.after, &pat.before))
    }

    /// The most specific role-free pattern of the verb at `verb` with words only on
    /// the side `sides` picks first (the other side empty), each found in `phrase`.
    /// A word outranks a synonym set (`MISSILE *` before `&WEAPON *`).
    fn one_sided_pattern_in(
        &self,
        words: &[String],
        verb: usize,
        phrase: std::ops::Range<usize>,
        sides: impl Fn(&VerbPattern) -> (&Vec<Slot>, &Vec<Slot>),
    ) -> Option<usize> {
        self.candidates(words.get(verb)?)
            .into_iter()
            .filter(|&p| {
                let pat = &self.patterns[p];
                let (side, other) = sides(pat);
                !side.is_empty()
                    && other.is_empty()
                    && pat.roles == Roles::default()
                    && side
                        .iter()
                        .all(|slot| phrase.clone().any(|j| slot_match_at(slot, words, j).is_some()))
            })
            .max_by_key(|&p| {
                let side = sides(&self.patterns[p]).0;
                let forms: usize = side.iter().map(|s| s.forms.len()).sum();
                (side.len(), usize::MAX - forms, usize::MAX - p)
            })
    }

    /// A past form ("-ed") of a dictionary verb: without a parse, the finite verb
    /// of a clause of its own when it follows another verb ("said such a step
    /// enjoyed support").
    pub(crate) fn is_finite_past_form(&self, word: &str) -> bool {
        word.ends_with("ed") && self.by_form.contains_key(word)
    }

    /// The pattern words after `verb` stay in its own phrase, out of an infinitive
    /// or a clause with a modal that follows it ("agreed to lift the sanctions" is no
    /// `AGREE * (TO SANCTIONS)`, "said they will attack" no `SAY * ATTACK`), unless
    /// the pattern spells out the "to" and the infinitive's verb (`* TO LEAVE`) or the
    /// modal (`WILL NOT *`).
    fn infinitive_scope(&self, words: &[String], verb: usize, slots: &[usize], names: &[bool]) -> bool {
        if self.base_forms.is_empty() {
            return true;
        }
        let Some(&furthest) = slots.iter().max() else { return true };
        let is_modal = |w: &str| {
            matches!(
                w,
                "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "shall" | "'ll" | "wo"
            )
        };
        let infinitive = |k: usize| words[k] == "to" && words.get(k + 1).is_some_and(|w| self.base_forms.contains(w));
        // nor into a finite clause of its own: a past form of a dictionary verb
        // ("said such a step enjoyed support" is no `SAY * SUPPORT`)
        let finite = |k: usize| !slots.contains(&k) && self.is_finite_past_form(&words[k]);
        if (verb + 1..furthest).any(finite)
            || (verb + 1..furthest).any(|k| !slots.contains(&k) && self.subordinate_clause_at(words, k, names))
        {
            return false;
        }
        match (verb + 1..furthest).find(|&k| is_modal(&words[k]) || infinitive(k)) {
            Some(k) if is_modal(&words[k]) => slots.contains(&k),
            Some(to) => slots.contains(&to) && slots.contains(&(to + 1)),
            None => true,
        }
    }
}

impl VerbDictionary {
    /// A present-tense form ("-s") of a dictionary verb at `k` that is the finite
    /// verb of a subordinate clause with a subject of its own: a subordinator, then
    /// an actor's name or a personal pronoun, then the verb ("comes a day before
    /// Sarkozy heads to Beijing"). PETRARCH-2 reads a verb's pattern words in its own
    /// noun and prepositional phrases (`PETRtree.py`, `VerbPhrase.match_pattern`:
    /// `match_noun`/`match_prep` over the verb phrase's NP and PP children), never
    /// inside a clause (S, SBAR) below it. `names`: the tokens of actor names.
    fn subordinate_clause_at(&self, words: &[String], k: usize, names: &[bool]) -> bool {
        let w = &words[k];
        if !(w.ends_with('s') && !w.ends_with("ss") && self.by_form.contains_key(w)) || k < 2 {
            return false;
        }
        let subject_start = if matches!(words[k - 1].as_str(), "he" | "she" | "it" | "they" | "we") {
            k - 1
        } else if names.get(k - 1).copied().unwrap_or(false) {
            let mut s = k - 1;
            while s > 0 && names.get(s - 1).copied().unwrap_or(false) {
                s -= 1;
            }
            if s > 0 && words[s - 1] == "the" {
                s -= 1;
            }
            s
        } else {
            return false;
        };
        subject_start > 0 && SUBORDINATORS.contains(&words[subject_start - 1].as_str())
    }

    /// For a verb that is an infinitive with a subject of its own ("want Obama to
    /// head back"), its governing verb: the nearest dictionary verb before the
    /// subject. PETRARCH-2's `VerbPhrase.get_S` climbs past a "to" clause to the
    /// governor's clause only when the infinitive has no subject of its own ("A
    /// wants to help B"); with one, the infinitive's clause is its own, and the
    /// words before the governor (its subject: "The USA tanks might want") are no
    /// pattern words of the infinitive's verb. The governor itself may be one (the
    /// PETRARCH-2 unit tests' `+ HOSTING * TABASKI` on "hosting X to celebrate").
    /// Only for PETRARCH-2 files.
    fn infinitive_governor(&self, words: &[String], verb: usize) -> Option<usize> {
        if self.base_forms.is_empty() || verb < 3 || words[verb - 1] != "to" {
            return None;
        }
        let to = verb - 1;
        let governor = (to.saturating_sub(GAP + 1)..to)
            .rev()
            .take_while(|&j| !is_barrier(&words[j]) && words[j] != ",")
            .find(|&j| self.by_form.contains_key(&words[j]))?;
        // (no subject between: "wants to help" reads the governor's clause)
        (governor + 1 < to).then_some(governor)
    }
}

/// Words that open a subordinate (adverbial or complement) clause.
const SUBORDINATORS: &[&str] = &[
    "before", "after", "as", "when", "while", "because", "since", "until", "although", "though", "whereas", "once", "unless", "if",
    "whether", "that",
];

/// Ends a TABARI stem word in a slot form: `dollar*` matches "dollar", "dollars".
pub const STEM_MARK: char = '*';

/// A part of a slot form that lets other words come before the next part (a TABARI
/// synonym-set member written with a space: `+AUSTRIAN FLORIN` is "Austrian gold
/// florin" too).
pub const OPEN_MARK: &str = "...";

/// `word` is the form's `part`: the same word, or for a stem part (`dollar*`) a word
/// it begins that is at most three letters longer.
fn part_matches(word: &str, part: &str) -> bool {
    match part.strip_suffix(STEM_MARK) {
        Some(stem) => word.starts_with(stem) && word.len() <= stem.len() + 3,
        None => word == part,
    }
}

/// The last token of `slot` matched at `at`: a one-word form, or a form of several
/// words (written with spaces) matched on adjacent tokens; the longest form wins.
fn slot_match_at(slot: &Slot, words: &[String], at: usize) -> Option<usize> {
    slot.forms.iter().filter_map(|f| form_end_at(f, words, at)).max()
}

/// The last token of the form `f` matched on the tokens from `at`, in one pass over
/// its words (this runs for every form of every slot at every candidate position).
/// After an [`OPEN_MARK`] part, the next word may come up to [`GAP`] tokens later.
fn form_end_at(f: &str, words: &[String], at: usize) -> Option<usize> {
    if !f.contains(' ') {
        // most forms are one word: no parts to split, no open gaps to look for
        return words.get(at).is_some_and(|w| part_matches(w, f)).then_some(at);
    }
    let mut next = at;
    let mut open = false;
    for part in f.split(' ') {
        if part == OPEN_MARK {
            open = true;
            continue;
        }
        if open {
            let hit = (next..(next + GAP + 1).min(words.len()))
                .take_while(|&j| j == next || !is_barrier(&words[j - 1]))
                .find(|&j| part_matches(&words[j], part))?;
            next = hit + 1;
            open = false;
        } else {
            if !words.get(next).is_some_and(|w| part_matches(w, part)) {
                return None;
            }
            next += 1;
        }
    }
    next.checked_sub(1)
}

/// The first token of `slot` matched so that it ends at `end` (a form of several
/// words, such as the PETRARCH synonym `DID N'T`, ends there); the longest form wins.
fn slot_match_ending_at(slot: &Slot, words: &[String], end: usize) -> Option<usize> {
    slot.forms
        .iter()
        .filter_map(|f| {
            if !f.contains(' ') {
                return words.get(end).is_some_and(|w| part_matches(w, f)).then_some(end);
            }
            if f.contains(OPEN_MARK) {
                // an open form has no fixed length: its earliest start that ends here
                let parts = f.split(' ').count();
                let from = (end + 1).saturating_sub(parts * (GAP + 1));
                return (from..=end).find(|&start| form_end_at(f, words, start) == Some(end));
            }
            let start = (end + 1).checked_sub(f.split(' ').count())?;
            form_end_at(f, words, start).map(|_| start)
        })
        .min()
}

fn is_time_preposition(w: &str) -> bool {
    matches!(w, "on" | "in" | "at" | "during" | "until" | "by")
}

/// Day and month names and relative day words, which after a preposition make a
/// date rather than the preposition of a phrase.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "tonight"
            | "tomorrow"
            | "yesterday"
    )
}

/// Tokens a gap never crosses.
fn is_barrier(w: &str) -> bool {
    matches!(w, "." | ";" | ":" | "?" | "!" | "\"")
}

fn parse_phrase(phrase: &str, code: &str, reverse_code: Option<String>) -> Result<VerbPattern, String> {
    let (phrase_body, reciprocal) = match phrase.strip_suffix("<>") {
        Some(p) => (p.trim_end(), true),
        None => (phrase, false),
    };
    let (body, nominal) = match phrase_body.strip_prefix('=') {
        Some(p) => (p, true),
        None => (phrase_body, false),
    };
    let (body, literal) = match body.strip_prefix('~') {
        Some(p) => (p, true),
        None => (body, nominal),
    };
    let mut words = body.split_whitespace();
    let head = words.next().ok_or("empty phrase")?;
    let verb = Slot {
        forms: if literal {
            head.split('|').map(str::to_lowercase).collect()
        } else {
            head.split('|').flat_map(|h| inflect(&h.to_lowercase())).collect()
        },
        gap: 0,
    };
    let mut after = Vec::new();
    let mut gap = 0;
    for w in words {
        if w == "..." {
            gap = GAP;
            continue;
        }
        after.push(Slot {
            forms: w.split('|').map(|a| a.replace('_', " ").to_lowercase()).collect(),
            gap,
        });
        gap = 0;
    }
    Ok(VerbPattern {
        before: Vec::new(),
        verb,
        after,
        code: code.to_string(),
        reverse_code,
        reciprocal,
        nominal,
        phrase: phrase.to_string(),
        roles: Roles::default(),
        verb_stems: Vec::new(),
        passive_voice: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn inflections() {
        assert_eq!(inflect("visit"), vec!["visit", "visited", "visiting", "visits"]);
        assert_eq!(inflect("meet/met/met"), vec!["meet", "meeting", "meets", "met"]);
        assert!(inflect("criticize").contains(&"criticized".to_string()));
        assert!(inflect("deploy").contains(&"deployed".to_string()));
    }

    #[test]
    fn longest_pattern_wins_and_gaps_work() {
        let d = VerbDictionary::parse("040\thold/held/held talks with\n043\thold/held/held\n057\tsign ... accord|agreement\n").unwrap();
        let m = d.find(&words("They held talks with him"));
        assert_eq!(m.len(), 1);
        assert_eq!(d.patterns[m[0].pattern].code, "040");
        assert_eq!((m[0].first, m[0].last), (1, 3));
        let m = d.find(&words("They signed a new trade accord"));
        assert_eq!(d.patterns[m[0].pattern].code, "057");
        assert!(d.find(&words("They signed . accord")).is_empty());
    }

    #[test]
    fn alternatives_of_several_words() {
        let d = VerbDictionary::parse("1724\timpose ... curfew|martial_law|state_of_emergency\n").unwrap();
        let m = d.find(&words("They imposed a state of emergency today"));
        assert_eq!((m[0].first, m[0].last), (1, 5));
        assert_eq!(m[0].slots, vec![3, 4, 5]);
        assert_eq!(d.find(&words("They imposed a curfew")).len(), 1);
        assert!(d.find(&words("They imposed martial rule")).is_empty());
    }

    #[test]
    fn a_date_is_not_the_phrase_preposition() {
        let d = VerbDictionary::parse("030\tagree/agreed/agreed\n057\tagree/agreed/agreed on|upon\n").unwrap();
        let m = d.find(&words("They agreed on Wednesday that"));
        assert_eq!(d.patterns[m[0].pattern].code, "030");
        let m = d.find(&words("They agreed on a pact"));
        assert_eq!(d.patterns[m[0].pattern].code, "057");
    }

    #[test]
    fn flags_and_reverse_codes() {
        let d = VerbDictionary::parse("042:043\tvisit\n040\t=talks between <>\n").unwrap();
        assert_eq!(d.patterns[0].reverse_code.as_deref(), Some("043"));
        assert!(d.patterns[1].nominal && d.patterns[1].reciprocal);
        assert!(VerbDictionary::parse("4x\tvisit\n").is_err());
    }

    #[test]
    fn bundled_verbs_parse() {
        let d = VerbDictionary::default_dictionary().unwrap();
        assert!(d.patterns.len() > 300);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lexicon_reader_and_matcher_never_panic(src in "([0-9]{2,4}(:[0-9]{3})?\t[a-z/|=~ .<>;]{0,30}\n){0,5}", text in "[a-z .]{0,60}") {
            if let Ok(d) = VerbDictionary::parse(&src) {
                let words: Vec<String> = text.split_whitespace().map(String::from).collect();
                for m in d.find(&words) {
                    prop_assert!(m.first <= m.verb && m.verb <= m.last && m.last < words.len());
                }
            }
        }
    }
}
