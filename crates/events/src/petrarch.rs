//! Reader for PETRARCH and TABARI verb dictionaries (`CAMEO.2.0.txt`,
//! `CAMEO.verbpatterns.*.txt`, `PETR.Validate.verbs.txt`, `TABARI.Demo.verbs`), turned
//! into the same [`VerbDictionary`] our own lexicon uses.
//!
//! What is read: synonym sets (`&NAME` then `+member` lines), verb blocks
//! (`--- NAME [code] ---`), verb lines (`MEET {MEETS MET MEETING}`, `+MEET_WITH`,
//! `KLM_NOP_+RST [002]`, TABARI's `ABANDON [345]`) and patterns
//! (`- words * words [code]` with `_` for adjacent words, `&SET` for a synonym set,
//! `[a:b]` paired codes and `[---]` for "matched, do not code").
//! Role markers: `$` source, `+` target, `%` compound, with `^` before a marker
//! skipping one actor, are kept as [`Roles`] and placed by the event stage.
//! What is simplified: phrase brackets (`( )`, `{ }`) only delimit words here, since
//! we have no parse to match them against; words not joined by `_` may be up to six tokens apart; TABARI's
//! time-shift entries are skipped, its `{ a | b }` alternatives expand into one
//! pattern per choice, and its one-word verbs are stems (`RESTOR`).

use crate::verbs::{inflect, RolePos, Roles, Slot, VerbDictionary, VerbPattern, GAP, OPEN_MARK, STEM_MARK};
use std::collections::HashMap;

/// A verb of the current block: the words before the verb word, its forms, the words after.
#[derive(Clone, Debug)]
struct BlockVerb {
    /// The words before the verb word, nearest first, and after it (`_` joins words
    /// with no gap; a space allows one).
    before: Vec<Slot>,
    forms: Vec<String>,
    after: Vec<Slot>,
    /// A TABARI verb written alone is a stem (`RESTOR`, `REFUS`), and so is a form on
    /// the line after it without a closing `_` (`{ ACTING_ ACTUALITY }`).
    stems: Vec<String>,
    /// The verb word as written on the line (its base form).
    lemma: String,
}

/// Read a PETRARCH- or TABARI-format verb dictionary.
pub fn read_verbs(source: &str) -> Result<VerbDictionary, String> {
    let mut reader = VerbReader::new(Dialect::of(source));
    for raw in source.lines() {
        reader.read_line(raw);
    }
    reader.finish()
}

/// Which of the two formats a verb dictionary is written in.
#[derive(Clone, Copy, Debug)]
struct Dialect {
    /// TABARI files have no `--- BLOCK ---` headers, and their verbs are stems.
    tabari: bool,
    /// A PETRARCH-2 file with composition rules was written for UD-PETRARCH's lemma
    /// matching: its pattern nouns also match their regular plurals.
    lemmas: bool,
}

impl Dialect {
    fn of(source: &str) -> Dialect {
        let tabari = !source.lines().any(|l| l.trim_start().starts_with("---"));
        let lemmas = !tabari && source.lines().any(|l| l.trim_start().starts_with("~ "));
        Dialect { tabari, lemmas }
    }
}

/// The reader's state between lines: the synonym sets so far, the current verb block,
/// and the dictionary being built.
struct VerbReader<'a> {
    dialect: Dialect,
    synsets: HashMap<String, Vec<String>>,
    /// The synonym set whose `+member` lines are being read.
    current_set: Option<String>,
    /// The current block's code, with its paired reverse code.
    block_code: Option<(String, Option<String>)>,
    /// The verbs the next patterns apply to.
    verbs: Vec<BlockVerb>,
    /// Whether a pattern line came since the last verb line.
    after_patterns: bool,
    dict: VerbDictionary,
    n_patterns: usize,
    /// The index of the pattern the last verb line made (TABARI's forms on the next
    /// line are added to it).
    last_verb_pattern: Option<usize>,
    /// PETRARCH-2's code composition rules, parsed once the verb codes are known.
    transformation_lines: Vec<&'a str>,
    /// (pattern as written, which verb of the block) -> its index, within the block
    block_patterns: HashMap<(String, usize), usize>,
}

impl<'a> VerbReader<'a> {
    fn new(dialect: Dialect) -> Self {
        VerbReader {
            dialect,
            synsets: HashMap::new(),
            current_set: None,
            block_code: None,
            verbs: Vec::new(),
            after_patterns: false,
            dict: VerbDictionary::empty(dialect.tabari),
            n_patterns: 0,
            last_verb_pattern: None,
            transformation_lines: Vec::new(),
            block_patterns: HashMap::new(),
        }
    }

    /// One line of the file, by what it starts with.
    fn read_line(&mut self, raw: &'a str) {
        let tabari = self.dialect.tabari;
        let t = strip_comment(raw).trim();
        // a comment line inside a PETRARCH synonym set does not end it (`&CURRENCY`
        // has one before its members)
        if t.is_empty() && !tabari && self.current_set.is_some() && !raw.trim().is_empty() {
            return;
        }
        if t.is_empty() || t.starts_with("<") {
            self.current_set = None;
            return;
        }
        // PETRARCH-2's code composition rules (`~ a (b . ATTACK) WANT = a b 021`)
        if !tabari && t.starts_with("~ ") {
            self.transformation_lines.push(t);
            return;
        }
        if let Some(name) = t.strip_prefix('&') {
            self.start_synset(name);
            return;
        }
        if self.read_synset_member(t) {
            return;
        }
        self.current_set = None;
        if t.starts_with("---") {
            self.start_block(t);
        } else if let Some(pattern) = t.strip_prefix('-') {
            self.read_pattern_line(pattern);
        } else if tabari && t.starts_with('{') && !self.after_patterns {
            self.read_tabari_forms(t);
        } else {
            self.add_verb_line(t);
        }
    }

    /// `&NAME`: the `+member` lines after it belong to this set.
    fn start_synset(&mut self, name: &str) {
        let name = name.split_whitespace().next().unwrap_or("").trim_end_matches('_').to_uppercase();
        self.synsets.entry(name.clone()).or_default();
        self.current_set = Some(name);
    }

    /// A `+member` line of the current synonym set; false when the line is not one.
    fn read_synset_member(&mut self, t: &str) -> bool {
        let (Some(set), Some(member)) = (self.current_set.as_ref(), t.strip_prefix('+')) else {
            return false;
        };
        if member.contains('[') {
            return false;
        }
        let members = synset_member(member, &self.synsets, self.dialect.tabari);
        self.synsets.entry(set.clone()).or_default().extend(members);
        true
    }

    /// `--- NAME [code] ---`: a new block, with its code and paired reverse code
    /// ("--- LEFT [032:033] ---").
    fn start_block(&mut self, t: &str) {
        self.block_code = bracket_code(t);
        self.block_patterns.clear();
        self.verbs.clear();
        self.after_patterns = false;
    }

    /// `- words * words [code]`: one pattern per verb of the block (and per choice of
    /// TABARI's `{ a | b }` alternatives).
    fn read_pattern_line(&mut self, pattern: &str) {
        self.after_patterns = true;
        // `[:030]`: only the passive half (PETRARCH-2 reads the verb as a passive)
        let passive_half = passive_only_code(pattern).filter(|_| !self.dialect.tabari);
        let Some((code, reverse)) = bracket_code(pattern).or_else(|| passive_half.clone().map(|c| (c, None))) else {
            return;
        };
        let body = pattern.split('[').next().unwrap_or("");
        for body in expand_alternatives(body) {
            for vi in 0..self.verbs.len() {
                let built = build_pattern(&body, &self.verbs[vi], &code, reverse.clone(), &self.synsets, self.dialect);
                if let Some(mut p) = built {
                    p.passive_voice = passive_half.is_some();
                    self.add_block_pattern(p, vi);
                }
            }
        }
    }

    /// Add a pattern of verb `vi` of the block. PETRARCH keeps a block's patterns in one
    /// tree: a pattern written again for the same verb replaces the earlier code
    /// (`* SUPPORT [051]`, then `* SUPPORT [060]`).
    fn add_block_pattern(&mut self, p: VerbPattern, vi: usize) {
        let key = (p.phrase.clone(), vi);
        if let Some(&earlier) = self.block_patterns.get(&key).filter(|_| self.dialect.lemmas) {
            let old: &mut VerbPattern = &mut self.dict.patterns[earlier];
            old.code = p.code;
            old.reverse_code = p.reverse_code;
            old.passive_voice = p.passive_voice;
            return;
        }
        self.block_patterns.insert(key, self.dict.patterns.len());
        self.push_pattern(p);
    }

    /// TABARI: the forms of the verb on the line before (`{ ACTING_ ACTXD_ ACTUALITY }`).
    fn read_tabari_forms(&mut self, t: &str) {
        if let (Some(v), Some(idx)) = (self.verbs.last_mut(), self.last_verb_pattern) {
            let (forms, stems) = tabari_forms(t);
            v.forms.extend(forms.iter().cloned());
            v.stems.extend(stems.iter().cloned());
            self.dict.add_forms(idx, &forms, &stems);
        }
    }

    /// A verb line: a verb of the block, and a pattern of its own when it has a code
    /// (its own or the block's). In TABARI each verb line owns the patterns after it;
    /// PETRARCH verbs of one block share them.
    fn add_verb_line(&mut self, t: &str) {
        let tabari = self.dialect.tabari;
        if self.after_patterns || tabari {
            self.verbs.clear();
            self.after_patterns = false;
        }
        let Some(mut v) = read_verb_line(t) else { return };
        if !tabari {
            v.stems.clear(); // PETRARCH lists its verb forms
            self.dict.base_forms.insert(v.lemma.clone());
        } else if v.before.is_empty() && v.after.is_empty() && !t.contains(['{', '=']) {
            v.forms.extend(tabari_regular_endings(t));
        }
        if let Some((code, reverse)) = bracket_code(t).or_else(|| self.block_code.clone()) {
            self.last_verb_pattern = Some(self.dict.patterns.len());
            self.push_pattern(verb_line_pattern(&v, t, code, reverse));
        }
        self.verbs.push(v);
    }

    fn push_pattern(&mut self, p: VerbPattern) {
        self.dict.push(p);
        self.n_patterns += 1;
    }

    /// The dictionary, with its composition rules parsed against its verb codes.
    fn finish(mut self) -> Result<VerbDictionary, String> {
        if self.n_patterns == 0 {
            return Err("no verb patterns found: not a PETRARCH/TABARI verb dictionary?".into());
        }
        let codes = crate::compose::verb_codes(&self.dict.patterns);
        self.dict.transformations = self
            .transformation_lines
            .iter()
            .filter_map(|l| crate::compose::Transformation::parse(l, |name| codes.get(&name.to_lowercase()).cloned()))
            .collect();
        Ok(self.dict)
    }
}

/// TABARI's regular endings of a plain one-word verb line also include -ES and -EN
/// ("departes", "departen").
fn tabari_regular_endings(t: &str) -> Vec<String> {
    let lemma = t
        .split(['{', '[', ' ', '\t'])
        .next()
        .unwrap_or("")
        .trim_end_matches(['_', '='])
        .to_lowercase();
    if lemma.chars().all(char::is_alphabetic) && lemma.len() >= 3 {
        vec![format!("{lemma}es"), format!("{lemma}en")]
    } else {
        Vec::new()
    }
}

/// The pattern a verb line with a code makes: the verb with its words, no roles.
fn verb_line_pattern(v: &BlockVerb, line: &str, code: String, reverse: Option<String>) -> VerbPattern {
    VerbPattern {
        before: v.before.clone(),
        verb: Slot {
            forms: v.forms.clone(),
            gap: 0,
        },
        after: v.after.clone(),
        code,
        reverse_code: reverse,
        reciprocal: false,
        nominal: false,
        phrase: line.to_string(),
        roles: Roles::default(),
        verb_stems: v.stems.clone(),
        passive_voice: false,
    }
}

/// A synonym set member as the forms it adds: its words joined by spaces
/// (`GOLDEN_GOBLIN_GALLEONS`, `AUSTRIAN FLORIN` are one phrase each), with a word
/// `&SET` replaced by each member of that earlier set (`&TIETYPES_MEMOS`).
/// In TABARI a space in a member lets other words come between its parts
/// ([`OPEN_MARK`]); `_` does not.
fn synset_member(member: &str, synsets: &HashMap<String, Vec<String>>, tabari: bool) -> Vec<String> {
    let mut phrases = vec![String::new()];
    let groups = member.split(' ').filter(|g| !g.is_empty()).enumerate();
    let words = groups.flat_map(|(gi, g)| {
        let parts = underscore_words(g);
        let n = parts.len();
        // as in patterns, a TABARI word joined by `_` to the next is whole
        parts
            .into_iter()
            .enumerate()
            .map(move |(wi, (w, exact))| ((w, exact || (tabari && wi + 1 < n)), tabari && gi > 0 && wi == 0))
    });
    for ((word, exact), open) in words {
        let mut choices = match word.strip_prefix('&') {
            Some(name) => synsets.get(&name.to_uppercase()).cloned().unwrap_or_default(),
            None => vec![pattern_word(word, tabari && !exact)],
        };
        if open {
            choices = choices.into_iter().map(|c| format!("{OPEN_MARK} {c}")).collect();
        }
        phrases = phrases
            .iter()
            .flat_map(|p| {
                choices
                    .iter()
                    .map(move |c| if p.is_empty() { c.clone() } else { format!("{p} {c}") })
            })
            .collect();
    }
    phrases.retain(|p| !p.is_empty());
    // PETRARCH also matches a member's regular plural (`+WEAPON`: "weapons"), unless a
    // closing `_` makes it exact (`KNIFE_`, with `KNIVES_` listed beside it)
    let last = member.split(' ').next_back().unwrap_or("");
    if !tabari && !last.ends_with('_') && !last.contains('&') {
        let plurals: Vec<String> = phrases.iter().filter_map(|p| regular_plural(p)).collect();
        phrases.extend(plurals);
    }
    phrases
}

/// The regular plural of a phrase's last word ("weapon" -> "weapons", "ally" ->
/// "allies", "press" -> "presses"); None when it is not a plain word.
fn regular_plural(phrase: &str) -> Option<String> {
    let last = phrase.rsplit(' ').next()?;
    if last.len() < 3 || !last.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let plural = if let Some(stem) = last.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u'])) {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| last.ends_with(e)) {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    Some(format!("{}{plural}", &phrase[..phrase.len() - last.len()]))
}

/// A TABARI forms line (`{ BROKE_ BROKEN_ BROKEN_DOWN_ ACTUALITY }`): exact forms
/// (closed by `_`; a form of several words by its first) and stems (the others).
fn tabari_forms(line: &str) -> (Vec<String>, Vec<String>) {
    let inner = line.trim_start_matches('{').split('}').next().unwrap_or("");
    let (mut forms, mut stems) = (Vec::new(), Vec::new());
    for form in inner.split_whitespace() {
        let words = underscore_words(form);
        let Some(&(first, exact)) = words.first() else { continue };
        let w = first.to_lowercase();
        if !w.chars().all(char::is_alphabetic) {
            continue;
        }
        if exact || words.len() > 1 || form.ends_with('_') || w.len() < 4 {
            forms.push(w);
        } else {
            stems.push(w);
        }
    }
    (forms, stems)
}

/// The words of a `_`-joined chunk, each with whether it must match exactly: in
/// TABARI a word followed by a closing `_` (`KRONER_`, `GENEVA__CONVENTIONS`) is
/// exact, any other is a stem.
fn underscore_words(chunk: &str) -> Vec<(&str, bool)> {
    let pieces: Vec<&str> = chunk.split('_').collect();
    pieces
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .map(|(k, w)| (*w, pieces.get(k + 1).is_some_and(|n| n.is_empty())))
        .collect()
}

/// A dictionary word as a slot form: lower-cased, a contraction split as our
/// tokenizer splits it (`DIDN'T` -> "did n't"), and a TABARI stem of three or more
/// letters marked as such (`DOLLAR` matches "dollars"); TABARI's `~` marks a stem
/// too (`REAL~_PLEASANT`: "really pleasant").
fn pattern_word(word: &str, stem: bool) -> String {
    let lower = word.to_lowercase();
    let (w, stem) = match lower.strip_suffix('~') {
        Some(head) => (head.to_string(), true),
        None => (lower, stem),
    };
    if let Some(head) = w.strip_suffix("n't").filter(|h| !h.is_empty()) {
        return format!("{head} n't");
    }
    // "anti- Gondor": a hyphen before a space is a token of its own
    if let Some(head) = w.strip_suffix('-').filter(|h| h.chars().all(char::is_alphabetic) && !h.is_empty()) {
        return format!("{head} -");
    }
    if stem && w.len() >= 3 && w.chars().all(char::is_alphabetic) {
        return format!("{w}{STEM_MARK}");
    }
    w
}

/// TABARI's `{ a | b }` alternatives as one pattern body per choice
/// (`DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS` -> `DEMAND_GENEVA__CONVENTIONS`,
/// `DEMAND_INTERNATIONAL_CONVENTIONS`); braces without `|` are phrase brackets and stay.
fn expand_alternatives(body: &str) -> Vec<String> {
    let group = body.match_indices('{').find_map(|(open, _)| {
        let close = body[open..].find('}')? + open;
        body[open + 1..close].contains('|').then_some((open, close))
    });
    let Some((open, close)) = group else {
        return vec![body.to_string()];
    };
    body[open + 1..close]
        .split('|')
        .flat_map(|choice| expand_alternatives(&format!("{}{}{}", &body[..open], choice.trim(), &body[close + 1..])))
        .take(64) // a guard against pathological nesting
        .collect()
}

fn strip_comment(line: &str) -> &str {
    let cut = line.find('#').into_iter().chain(line.find(';')).min().unwrap_or(line.len());
    &line[..cut]
}

/// `[042:043]` -> ("042", Some("043")); `[---]` -> ("---", None); `[:020]` -> None.
/// The code of a pattern that gives only the passive half of a paired code (`[:030]`).
fn passive_only_code(s: &str) -> Option<String> {
    let open = s.find('[')?;
    let close = s[open..].find(']')? + open;
    let code = s[open + 1..close].trim().strip_prefix(':')?.trim();
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())).then(|| code.to_string())
}

fn bracket_code(s: &str) -> Option<(String, Option<String>)> {
    let open = s.find('[')?;
    let close = s[open..].find(']')? + open;
    let inner = s[open + 1..close].trim();
    let (a, b) = match inner.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim().to_string()).filter(|b| !b.is_empty() && b != "---")),
        None => (inner, None),
    };
    if a.is_empty() {
        return None;
    }
    let a = if a.replace(' ', "") == "---" {
        "---".to_string()
    } else {
        a.to_string()
    };
    Some((a, b))
}

fn exact(word: &str, gap: usize) -> Slot {
    Slot {
        forms: vec![word.to_lowercase()],
        gap,
    }
}

/// `MEET {MEETS MET MEETING}`, `+MEET_WITH {+MET_WITH}`, `KLM_NOP_+RST [002]`, `ABANDON [345]`,
/// `HAVE NOTHING TO DO WITH [022]` (words apart by a space may have others between them).
fn read_verb_line(t: &str) -> Option<BlockVerb> {
    let head = t.split(['{', '[']).next()?.trim();
    // (word, joined by `_` to the one before)
    let items: Vec<(&str, bool)> = head
        .split_whitespace()
        .flat_map(|chunk| chunk.split('_').filter(|w| !w.is_empty()).enumerate().map(|(k, w)| (w, k > 0)))
        .collect();
    let words: Vec<&str> = items.iter().map(|(w, _)| *w).collect();
    // the verb word is the one marked `+`, else the first
    let vi = words.iter().position(|w| w.starts_with('+') && w.len() > 1).unwrap_or(0);
    // (`BAN=` in TABARI's demo dictionary: read as the plain verb)
    // (`BAN=`: TABARI's mark for a word without endings: "ban", not "baned")
    let no_endings = words.get(vi)?.ends_with('=');
    let verb = words.get(vi)?.trim_start_matches('+').trim_end_matches('=').to_lowercase();
    if verb.is_empty() || !verb.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
        return None;
    }
    let mut forms = if no_endings { vec![verb.clone()] } else { inflect(&verb) };
    if let (Some(o), Some(c)) = (t.find('{'), t.find('}')) {
        if o < c {
            for f in t[o + 1..c].split_whitespace() {
                let fw: Vec<&str> = f.split('_').filter(|w| !w.is_empty()).collect();
                let vf = fw
                    .iter()
                    .find(|w| w.starts_with('+'))
                    .or(fw.first())
                    .map(|w| w.trim_start_matches('+').to_lowercase());
                if let Some(vf) = vf {
                    forms.push(vf);
                }
            }
        }
    }
    forms.sort();
    forms.dedup();
    let word_slot = |k: usize, joined: bool| exact(items[k].0.trim_start_matches('+'), if joined { 0 } else { GAP });
    // before the verb, nearest first: a slot's gap is the one towards the verb
    let before = (0..vi).rev().map(|k| word_slot(k, items[k + 1].1)).collect();
    let after = (vi + 1..items.len()).map(|k| word_slot(k, items[k].1)).collect();
    // TABARI: a one-word verb without listed forms and without a closing `_` is a stem
    let stems = (words.len() == 1 && !t.contains('{') && !head.ends_with(['_', '=']) && verb.len() >= 4)
        .then(|| verb.clone())
        .into_iter()
        .collect();
    Some(BlockVerb {
        before,
        forms,
        after,
        stems,
        lemma: verb,
    })
}

/// How many tokens may come between two words of a TABARI pattern written with a
/// space: TABARI's open match takes any number of words up to a clause barrier
/// (`.` `;` `:`); sixty tokens is more than its clauses hold.
const TABARI_GAP: usize = 60;

/// One pattern body (`SUGGESTED_+ * DEMAND_&SET (TO BORDER)`) applied to one verb.
fn build_pattern(
    body: &str,
    verb: &BlockVerb,
    code: &str,
    reverse: Option<String>,
    synsets: &HashMap<String, Vec<String>>,
    dialect: Dialect,
) -> Option<VerbPattern> {
    let words = PatternWords::parse(body, synsets, dialect);
    let star = words.items.iter().position(|(w, _)| w == "*")?;
    let mut roles = Roles::default();
    let after = words.slots_after_verb(star, verb.after.clone(), &mut roles);
    roles.mutual_compound = dialect.tabari && roles.source.is_none() && matches!(roles.compound, Some(RolePos::After { .. }));
    let before = words.slots_before_verb(star, verb.before.clone(), &mut roles);
    Some(VerbPattern {
        before,
        verb: Slot {
            forms: verb.forms.clone(),
            gap: 0,
        },
        after,
        code: code.to_string(),
        reverse_code: reverse,
        reciprocal: false,
        nominal: false,
        phrase: body.trim().to_string(),
        roles,
        verb_stems: verb.stems.clone(),
        passive_voice: false,
    })
}

/// The words of a pattern body, with what each needs to become a [`Slot`].
struct PatternWords<'a> {
    /// (word, joined by `_` to the one before)
    items: Vec<(String, bool)>,
    /// Whether each word is matched whole (not as a stem, not with its plural).
    exact_words: Vec<bool>,
    synsets: &'a HashMap<String, Vec<String>>,
    dialect: Dialect,
    /// The gap allowed between words written apart.
    open_gap: usize,
}

impl<'a> PatternWords<'a> {
    /// Tokens with their adjacency: `_` joins, spaces separate; brackets only delimit.
    fn parse(body: &str, synsets: &'a HashMap<String, Vec<String>>, dialect: Dialect) -> Self {
        let cleaned: String = body
            .chars()
            .map(|c| if matches!(c, '(' | ')' | '{' | '}') { ' ' } else { c })
            .collect();
        let mut items: Vec<(String, bool)> = Vec::new();
        let mut exact_words: Vec<bool> = Vec::new();
        for chunk in cleaned.split_whitespace() {
            let words = underscore_words(chunk);
            let n = words.len();
            for (k, (w, exact)) in words.into_iter().enumerate() {
                items.push((w.to_string(), k > 0));
                // TABARI: a word joined by `_` to the next is whole (`NOTED_WOULD` is not
                // "notedown would"; `NOTED WOULD` is)
                exact_words.push(exact || (dialect.tabari && k + 1 < n));
            }
        }
        PatternWords {
            items,
            exact_words,
            synsets,
            dialect,
            open_gap: if dialect.tabari { TABARI_GAP } else { GAP },
        }
    }

    /// The slot word `k` matches with `gap` towards the verb; none for a role marker,
    /// `^`, an unknown or empty synonym set, or an empty word.
    fn slot(&self, k: usize, gap: usize) -> Option<Slot> {
        let w = self.items[k].0.as_str();
        if matches!(w, "$" | "+" | "%" | "^") {
            return None;
        }
        if let Some(name) = w.strip_prefix('&') {
            let forms = self.synsets.get(&name.trim_end_matches('_').to_uppercase())?.clone();
            return (!forms.is_empty()).then_some(Slot { forms, gap });
        }
        let w = w.trim_start_matches(['+', '$', '%']);
        let stem = self.dialect.tabari && !self.exact_words[k];
        let mut forms = vec![pattern_word(w, stem)];
        // a PETRARCH pattern noun also matches its regular plural ("assurances" for
        // ASSURANCE: UD-PETRARCH compares lemmas), unless a closing `_` makes it exact
        if self.dialect.lemmas && !self.exact_words[k] {
            forms.extend(regular_plural(&forms[0]).filter(|p| !p.contains(' ')));
        }
        (!w.is_empty()).then_some(Slot { forms, gap })
    }

    /// The verb's own words after it, then the pattern's words after the `*` (at
    /// `star`), placing the role markers found there.
    fn slots_after_verb(&self, star: usize, mut after: Vec<Slot>, roles: &mut Roles) -> Vec<Slot> {
        let mut pending_gap = 0;
        // `^` right before a marker skips an actor; elsewhere it is only a gap
        let mut skip = 0;
        for (k, (w, joined)) in self.items.iter().enumerate().skip(star + 1) {
            let gap = if *joined && pending_gap == 0 { 0 } else { self.open_gap };
            if let Some(role) = role_of(roles, w) {
                *role = Some(RolePos::After { slot: after.len(), skip });
                skip = 0;
                pending_gap = self.open_gap;
                continue;
            }
            match self.slot(k, gap) {
                Some(s) => {
                    after.push(s);
                    pending_gap = 0;
                    skip = 0;
                }
                None => {
                    pending_gap = self.open_gap;
                    skip += usize::from(w == "^");
                }
            }
        }
        after
    }

    /// The verb's own words before it, then the pattern's words before the `*`, nearest
    /// first, placing the role markers found there.
    fn slots_before_verb(&self, star: usize, mut before: Vec<Slot>, roles: &mut Roles) -> Vec<Slot> {
        for k in (0..star).rev() {
            let (w, _) = &self.items[k];
            if let Some(role) = role_of(roles, w) {
                *role = Some(RolePos::Before { slot: before.len() });
                continue;
            }
            let joined_next = self.items.get(k + 1).is_some_and(|n| n.1);
            if let Some(s) = self.slot(k, if joined_next { 0 } else { self.open_gap }) {
                before.push(s);
            }
        }
        before
    }
}

/// The role a marker token names: `$` source, `+` target, `%` compound.
fn role_of<'a>(roles: &'a mut Roles, token: &str) -> Option<&'a mut Option<RolePos>> {
    match token {
        "$" => Some(&mut roles.source),
        "+" => Some(&mut roles.target),
        "%" => Some(&mut roles.compound),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&WEAPON
+MISSILE
+ROCKET_LAUNCHER

---  MEET_PEOPLE   [040]  ---
+MEET_WITH {+MET_WITH +MEETS_WITH }
MEET {MEETS MET MEETING}
- * (FOR TALKS)                                       [036:036]     # MEET
- * PAYMENT                                           [061]         # MEET
- * &WEAPON [---]

---  RUSH   [---]  ---
RUSH
- * AID                                               [070]         # RUSH
";

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn reads_blocks_verbs_patterns_and_synsets() {
        let d = read_verbs(SAMPLE).unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("Arnor met Gondor").as_deref(), Some("040"));
        assert_eq!(code("Arnor met with Gondor").as_deref(), Some("040"));
        assert_eq!(code("Arnor met Gondor for talks").as_deref(), Some("036"));
        assert_eq!(code("Arnor met the payment").as_deref(), Some("061"));
        assert_eq!(code("Arnor met a missile").as_deref(), Some("---"));
        assert_eq!(code("Arnor rushed aid to Gondor").as_deref(), Some("070"));
        assert_eq!(code("Arnor rushed home").as_deref(), Some("---"));
        let p = d.patterns.iter().find(|p| p.code == "036").unwrap();
        assert_eq!(p.reverse_code.as_deref(), Some("036"));
    }

    #[test]
    fn tabari_verb_lines() {
        let d = read_verbs("ABANDON  [345] ;pas 15 Jul 2003\n- * DIPLOMATIC TIES [901]\nKLM_NOP_+RST [002]\n").unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they abandoned diplomatic ties").as_deref(), Some("901"));
        assert_eq!(code("they abandoned it").as_deref(), Some("345"));
        assert_eq!(code("klm nop rst").as_deref(), Some("002"));
        // a TABARI verb is a stem
        let d = read_verbs("RESTOR  [064] ;pas\n").unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they restored ties").as_deref(), Some("064"));
        assert_eq!(code("they restore ties").as_deref(), Some("064"));
        // of any length: TABARI matches nouns too ("by its resumption of ties")
        assert_eq!(code("the restoration").as_deref(), Some("064"));
        assert_eq!(code("the rest").as_deref(), None);
        // a verb line of several words is a phrase, not its first word
        let d = read_verbs("HAVE NOTHING TO DO WITH  [022]\nCLAMP CURFEW [212]\n").unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they have nothing to do with it").as_deref(), Some("022"));
        assert_eq!(code("they have advantages").as_deref(), None);
        assert_eq!(code("they clamp a curfew").as_deref(), Some("212"));
        // TABARI's regular endings include -es and -en; `BAN=` is the verb "ban"
        let d = read_verbs("DEPART_ [032]\nBAN= [191]\n").unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they departes now").as_deref(), Some("032"));
        assert_eq!(code("they departen now").as_deref(), Some("032"));
        assert_eq!(code("they departx now").as_deref(), None);
        assert_eq!(code("they will ban it").as_deref(), Some("191"));
    }

    #[test]
    fn petrarch_synset_members_match_their_plurals() {
        let d = read_verbs("&WEAPON\n+WEAPON\n+KNIFE_\n+ALLY\n\n--- RECEIVE [---] ---\nRECEIVE {RECEIVES RECEIVED}\n- * &WEAPON [072]\n")
            .unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they received weapons").as_deref(), Some("072"));
        assert_eq!(code("they received a weapon").as_deref(), Some("072"));
        assert_eq!(code("they received allies").as_deref(), Some("072"));
        // a closing `_` keeps the member exact
        assert_eq!(code("they received knifes").as_deref(), Some("---"));
        assert_eq!(regular_plural("press").as_deref(), Some("presses"));
        assert_eq!(regular_plural("nuclear weapon").as_deref(), Some("nuclear weapons"));
    }

    #[test]
    fn tabari_patterns_belong_to_the_verb_line_before_them() {
        let d = read_verbs("URGE  [102]\nCALLED_ON  [094]\n- $ *  [095]\n").unwrap();
        let codes: Vec<&str> = d.patterns.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, vec!["102", "094", "095"]);
    }

    #[test]
    fn trailing_hyphen_is_its_own_token() {
        assert_eq!(pattern_word("ANTI-", true), "anti -");
    }

    #[test]
    fn tabari_tilde_marks_a_stem() {
        assert_eq!(pattern_word("REAL~", false), format!("real{STEM_MARK}"));
        assert_eq!(pattern_word("NEAT~", true), format!("neat{STEM_MARK}"));
    }

    #[test]
    fn tabari_pattern_words_are_stems_unless_closed_by_underscore() {
        let d = read_verbs(
            "<SYNSETS>\n&MONEY\n+DOLLAR\n+KRONER_\n&NEG\n+DIDN'T\n</SYNSETS>\n\
             CONTRIBUT  [070]\n- * &MONEY [903]\n- * FRANC [904]\n- * GENEVA__CONVENTIONS [905]\nCLASH [223]\n- &NEG * [906]\n",
        )
        .unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they contribute dollars").as_deref(), Some("903"));
        assert_eq!(code("they contribute kroner").as_deref(), Some("903"));
        // `KRONER_` is exact
        assert_eq!(code("they contribute kronerz").as_deref(), Some("070"));
        assert_eq!(code("they contribute francs").as_deref(), Some("904"));
        assert_eq!(code("they contribute geneva conventions").as_deref(), Some("905"));
        assert_eq!(code("they contribute genevan conventions").as_deref(), Some("070"));
        // a contraction is split as the tokenizer splits it
        assert_eq!(code("they did n't clash").as_deref(), Some("906"));
    }

    #[test]
    fn tabari_forms_on_the_line_after_the_verb() {
        let d = read_verbs("ACT_ [100]\n{ ACTING_ ACTXD_ ACTUALITY  }\n- * RESOLUTION  [102]\n").unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they actxd now").as_deref(), Some("100"));
        // a form without a closing `_` is a stem
        assert_eq!(code("they actualityss now").as_deref(), Some("100"));
        assert_eq!(code("they actxd on a resolution").as_deref(), Some("102"));
        assert_eq!(code("they actuate now").as_deref(), None);
    }

    #[test]
    fn block_codes_keep_their_reverse_code() {
        let d = read_verbs("--- LEFT  [032:033]  ---\nLEFT    # note\n").unwrap();
        let m = d.find(&words("he left for Gondor"));
        let p = &d.patterns[m[0].pattern];
        assert_eq!((p.code.as_str(), p.reverse_code.as_deref()), ("032", Some("033")));
    }

    #[test]
    fn role_markers() {
        let d = read_verbs(
            "--- CELEBRATE [181] ---\nCELEBRATE\n- * IFTAR IN ^ + [045]\n- + HOSTING * MAY_DAY $ [046]\n\
             - % HAVE * [191]\n- NOTED + * [115]\n- * THEIR ^ ABOUT + [162]\n",
        )
        .unwrap();
        let roles = |code: &str| d.patterns.iter().find(|p| p.code == code).unwrap().roles;
        let after = |slot, skip| Some(RolePos::After { slot, skip });
        // IFTAR, IN, then one actor skipped
        assert_eq!(roles("045").target, after(2, 1));
        // `+` beyond HOSTING: the clause subject; `$` after MAY and DAY
        assert_eq!(roles("046").target, Some(RolePos::Before { slot: 1 }));
        assert_eq!(roles("046").source, after(2, 0));
        assert_eq!(roles("191").compound, Some(RolePos::Before { slot: 1 }));
        // between NOTED and the verb
        assert_eq!(roles("115").target, Some(RolePos::Before { slot: 0 }));
        // `^` followed by a word is only a gap
        assert_eq!(roles("162").target, after(2, 0));
        assert_eq!(roles("181"), Roles::default());
        // PETRARCH: "agrees with X and Y" codes the subject against each member
        let d = read_verbs("--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n").unwrap();
        let p = d.patterns.iter().find(|p| p.code == "031").unwrap();
        assert!(p.roles.compound.is_some() && !p.roles.mutual_compound);
        // TABARI: `HAS * WITH %` pairs the members with one another
        let d = read_verbs("EXCHANG  [---]\n- HAS * WITH %  [067]\n").unwrap();
        let p = d.patterns.iter().find(|p| p.code == "067").unwrap();
        assert!(p.roles.mutual_compound);
    }

    #[test]
    fn synset_members_are_whole_phrases_and_may_nest() {
        let d = read_verbs(
            "&TIE\n+MILITARY\n+CULTURAL\n&TIEPHRASE\n+&TIE_MEMOS\n&NEG\n+DID N'T\n+REALLY_DID_NOT\n&MONEY\n+AUSTRIAN FLORIN\n\n\
             --- SEND [070] ---\nSEND\n- * &TIEPHRASE [901]\n- * &MONEY [902]\n- &NEG * [903]\n",
        )
        .unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they send cultural memos").as_deref(), Some("901"));
        assert_eq!(code("they send austrian florin").as_deref(), Some("902"));
        // "austrian" alone is not the member "austrian florin"
        assert_eq!(code("they send austrian wine").as_deref(), Some("070"));
        assert_eq!(code("they did n't send it").as_deref(), Some("903"));
        assert_eq!(code("they really did not send it").as_deref(), Some("903"));
        assert_eq!(code("they did send it").as_deref(), Some("070"));
    }

    #[test]
    fn a_verb_inside_a_later_pattern_is_part_of_it() {
        let d = read_verbs("--- INDICATE [101] ---\nINDICATE\n\n--- ACT [100] ---\nACT\n- INDICATED SHOULD * [1011]\n").unwrap();
        let m = d.find(&words("Ethiopia indicated it should have acted against Libya"));
        let codes: Vec<&str> = m.iter().map(|m| d.patterns[m.pattern].code.as_str()).collect();
        assert_eq!(codes, vec!["1011"]);
    }

    #[test]
    fn tabari_alternatives_expand() {
        assert_eq!(
            expand_alternatives("SUGGESTED + * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS "),
            vec![
                "SUGGESTED + * DEMAND_GENEVA__CONVENTIONS ",
                "SUGGESTED + * DEMAND_INTERNATIONAL_CONVENTIONS "
            ]
        );
        assert_eq!(expand_alternatives("- * (FOR TALKS) {X}"), vec!["- * (FOR TALKS) {X}"]);
        let d = read_verbs("--- DEMAND [100] ---\nDEMAND\n- * { GENEVA | HAGUE } CONVENTIONS [161]\n").unwrap();
        let code = |s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code("they demand hague conventions").as_deref(), Some("161"));
        assert_eq!(code("they demand other conventions").as_deref(), Some("100"));
    }

    #[test]
    fn a_composing_dictionary_keeps_the_last_of_a_repeated_pattern_and_matches_plurals() {
        let src = "--- GRANT [060] ---\nGIVE\nPROVIDE\n- * SUPPORT [051]\n- * SUPPORT [060]\n- * ASSURANCE [030]\n\n\
                   ######## TRANSFORMATIONS ########\n~ a (a b Q) GIVE = a b Q\n";
        let dict = read_verbs(src).unwrap();
        assert_eq!(dict.transformations.len(), 1);
        let code = |d: &VerbDictionary, s: &str| d.find(&words(s)).first().map(|m| d.patterns[m.pattern].code.clone());
        assert_eq!(code(&dict, "provide support").as_deref(), Some("060"));
        assert_eq!(code(&dict, "give assurances").as_deref(), Some("030"));
        // a file without composition rules keeps the first and matches as written
        let plain = read_verbs(src.split("########").next().unwrap_or_default()).unwrap();
        assert_eq!(code(&plain, "provide support").as_deref(), Some("051"));
        assert_eq!(code(&plain, "give assurances").as_deref(), Some("060"));
    }

    #[test]
    fn rejects_non_dictionaries() {
        assert!(read_verbs("hello world\n").is_err());
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn reader_never_panics(s in "(---|&SET|\\+|- | \\* |\\[|\\]|:|\\{|\\}|_|#|;|[A-Z ]|\n){0,60}") {
            let _ = read_verbs(&s);
        }
    }
}
