//! A cheap first pass that rules out, for one sentence, the patterns that cannot
//! match it, so that only the few that might are run in full.
//!
//! Nothing here is written for a particular pattern: each pattern's syntax tree is
//! read (with `regex-syntax`, the parser the `regex` crate itself uses) to find
//! sets of literal strings such that every match contains a literal of each set
//! ("required literals": a month name for a date; a unit word and "ago" for "three
//! years ago"). One Aho-Corasick scan of the sentence over all patterns' literals
//! then says which patterns may match. A pattern without such a set (one that can
//! match almost anything) is always run.
//!
//! What surrounds a literal in the pattern is kept when it is cheap to check: a
//! word boundary (`\b`), or a run of characters that are not word characters
//! (`\s+`), so that "mar" followed by a space rules out "market".
//!
//! The filter only ever lets more through than the exact rule would, never less:
//! literals are compared ignoring ASCII case, and a boundary or a non-word
//! neighbour is only ruled out where the neighbouring characters are ASCII.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::collections::{BTreeSet, HashMap};

/// A set of marked literals: text with ASCII letters lower-cased, where
/// [`BOUNDARY`] and [`GAP`] stand for what the pattern requires at that place.
type Literals = BTreeSet<Vec<u8>>;

/// A word boundary (never a byte of UTF-8 text).
const BOUNDARY: u8 = 0xFF;
/// One or more characters that are not word characters (never a byte of UTF-8 text).
const GAP: u8 = 0xFE;

/// Most strings a pattern piece may stand for and still be treated as a finite set.
const MAX_EXACT: usize = 256;
/// Most characters in a class that is expanded into single-character literals.
const MAX_CLASS_CHARS: u32 = 16;
/// Most characters in a class examined for word characters (a larger one is
/// assumed to hold some).
const MAX_GAP_CLASS_CHARS: u32 = 4096;
/// Most literals in one required set.
const MAX_REQUIRED: usize = 512;
/// Most required sets kept for one pattern (the most selective ones).
const MAX_SETS: usize = 3;

/// Which patterns may match a text: built once from the pattern sources.
pub struct Prefilter {
    /// All patterns' required literals (none when no pattern has any).
    scanner: Option<AhoCorasick>,
    /// For each literal of the scanner, the required sets it belongs to and
    /// what each needs around it.
    literal_uses: Vec<Vec<Use>>,
    /// For each pattern, its required sets (indices into the sets seen by a scan);
    /// a pattern with none always runs.
    pattern_sets: Vec<Vec<usize>>,
    /// The number of required sets over all patterns.
    set_count: usize,
}

/// One required set's use of a scanned literal, with the conditions around it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Use {
    set: usize,
    before: Edge,
    after: Edge,
}

/// What must hold at one end of a scanned literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Edge {
    Anything,
    /// A word boundary.
    Boundary,
    /// The neighbouring character is not a word character.
    NonWord,
}

impl Prefilter {
    /// A filter for `patterns`, given as regex sources in the order they are run.
    /// A source `regex-syntax` cannot parse is always run (the regex crate will
    /// have reported it already).
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut uses_by_text: HashMap<Vec<u8>, Vec<Use>> = HashMap::new();
        let mut pattern_sets = Vec::new();
        let mut set_count = 0;
        for source in patterns {
            let sets = regex_syntax::parse(source)
                .map(|hir| most_selective(required(&hir)))
                .unwrap_or_default();
            let mut ids = Vec::new();
            for set in sets {
                for literal in &set {
                    if let Some(needle) = Needle::of(literal) {
                        uses_by_text.entry(needle.text).or_default().push(Use {
                            set: set_count,
                            before: needle.before,
                            after: needle.after,
                        });
                    }
                }
                ids.push(set_count);
                set_count += 1;
            }
            pattern_sets.push(ids);
        }
        let mut literals: Vec<(Vec<u8>, Vec<Use>)> = uses_by_text.into_iter().collect();
        literals.sort();
        let scanner = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(literals.iter().map(|(l, _)| l))
            .ok()
            .filter(|_| !literals.is_empty());
        if scanner.is_none() {
            // Nothing to scan for (or no automaton): every pattern runs, which is
            // correct, only slower.
            pattern_sets.iter_mut().for_each(Vec::clear);
        }
        Prefilter {
            scanner,
            literal_uses: literals.into_iter().map(|(_, uses)| uses).collect(),
            pattern_sets,
            set_count,
        }
    }

    /// The patterns that may match somewhere in `text` (a superset of those that do).
    pub fn possible(&self, text: &str) -> PatternSet {
        let mut seen = PatternSet::with_len(self.set_count);
        if let Some(scanner) = &self.scanner {
            for found in scanner.find_overlapping_iter(text) {
                for u in &self.literal_uses[found.pattern().as_usize()] {
                    if !seen.contains(u.set) && u.before.may_hold_before(text, found.start()) && u.after.may_hold_after(text, found.end()) {
                        seen.insert(u.set);
                    }
                }
            }
        }
        let mut possible = PatternSet::with_len(self.pattern_sets.len());
        for (pattern, sets) in self.pattern_sets.iter().enumerate() {
            if sets.iter().all(|&s| seen.contains(s)) {
                possible.insert(pattern);
            }
        }
        possible
    }

    /// How many patterns have required literals (the rest always run).
    pub fn filtered_patterns(&self) -> usize {
        self.pattern_sets.iter().filter(|s| !s.is_empty()).count()
    }
}

impl Edge {
    /// Whether the condition may hold just before byte `at` of `text`.
    fn may_hold_before(self, text: &str, at: usize) -> bool {
        match self {
            Edge::Anything => true,
            Edge::Boundary => maybe_boundary(text, at),
            Edge::NonWord => !text.get(..at).and_then(|t| t.chars().next_back()).is_some_and(is_ascii_word),
        }
    }

    /// Whether the condition may hold just after byte `at` of `text` (`at` ends the literal).
    fn may_hold_after(self, text: &str, at: usize) -> bool {
        match self {
            Edge::Anything => true,
            Edge::Boundary => maybe_boundary(text, at),
            Edge::NonWord => !text.get(at..).and_then(|t| t.chars().next()).is_some_and(is_ascii_word),
        }
    }
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// False only where `at` is certainly not a word boundary under either of the
/// regex crate's definitions (Unicode or ASCII): both neighbours are ASCII (or
/// the edge of the text) and both are word characters or both are not.
fn maybe_boundary(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    let after = text.get(at..).and_then(|t| t.chars().next());
    let side = |c: Option<char>| match c {
        None => Some(false),
        Some(c) if c.is_ascii() => Some(is_ascii_word(c)),
        Some(_) => None,
    };
    match (side(before), side(after)) {
        (Some(a), Some(b)) => a != b,
        _ => true,
    }
}

/// What the scanner looks for to find a marked literal: one stretch of its text
/// (between gaps; the most selective one) with the conditions at its ends. A
/// boundary inside the stretch is not checked (that only lets more through).
#[derive(Debug, PartialEq)]
struct Needle {
    text: Vec<u8>,
    before: Edge,
    after: Edge,
}

impl Needle {
    /// `None` for a literal without any text (it rules nothing out).
    fn of(literal: &[u8]) -> Option<Needle> {
        let pieces: Vec<&[u8]> = literal.split(|&b| b == GAP).collect();
        let last = pieces.len() - 1;
        pieces
            .iter()
            .enumerate()
            .filter_map(|(i, piece)| {
                let mut before = if i > 0 { Edge::NonWord } else { Edge::Anything };
                let mut after = if i < last { Edge::NonWord } else { Edge::Anything };
                let mut piece: &[u8] = piece;
                if let Some(rest) = piece.strip_prefix(&[BOUNDARY]) {
                    piece = rest;
                    before = Edge::Boundary;
                }
                if let Some(rest) = piece.strip_suffix(&[BOUNDARY]) {
                    piece = rest;
                    after = Edge::Boundary;
                }
                let text: Vec<u8> = piece.iter().copied().filter(|&b| b != BOUNDARY).collect();
                (!text.is_empty()).then_some(Needle { text, before, after })
            })
            .min_by(|a, b| a.cost().total_cmp(&b.cost()))
    }

    /// A rough chance that a text holds the needle: short ones are common, long
    /// ones rare; a condition at an end halves it.
    fn cost(&self) -> f64 {
        let edges = [self.before, self.after].iter().filter(|e| **e != Edge::Anything).count();
        8f64.powi(-(self.text.len().min(12) as i32)) / f64::from(1 << edges)
    }
}

/// A rough chance that a text holds one of the literals (each adds to the chance).
fn cost(set: &Literals) -> f64 {
    set.iter().map(|l| Needle::of(l).map_or(1.0, |n| n.cost())).sum()
}

/// A small set of indices (patterns, or required sets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternSet {
    bits: Vec<u64>,
}

impl PatternSet {
    fn with_len(len: usize) -> PatternSet {
        PatternSet {
            bits: vec![0; len.div_ceil(64)],
        }
    }

    fn insert(&mut self, index: usize) {
        if let Some(word) = self.bits.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    pub fn contains(&self, index: usize) -> bool {
        self.bits.get(index / 64).is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    /// The number of members.
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// The few most selective of a pattern's required sets, leaving out any set that a
/// more selective one implies (each of whose literals contains one of its own).
fn most_selective(mut sets: Vec<Literals>) -> Vec<Literals> {
    sets.sort_by(|a, b| cost(a).total_cmp(&cost(b)));
    let mut kept: Vec<Literals> = Vec::new();
    for set in sets {
        let implied = kept.iter().any(|k| k.iter().all(|l| set.iter().any(|s| contains(l, s))));
        if !implied && kept.len() < MAX_SETS {
            kept.push(set);
        }
    }
    kept
}

/// Sets of literals such that every match of `hir` contains a literal of each set
/// (none holds a literal without text); empty when nothing useful is known.
fn required(hir: &Hir) -> Vec<Literals> {
    let sets = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Literal(_) | HirKind::Class(_) => exact(hir).into_iter().collect(),
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Alternation(branches) => one_of(branches).into_iter().collect(),
        HirKind::Concat(parts) => {
            let mut sets: Vec<Literals> = parts.iter().flat_map(required).collect();
            sets.extend(runs(parts));
            sets
        }
    };
    let mut sets: Vec<Literals> = sets.into_iter().filter(|s| !has_blank(s)).map(minimise).collect();
    sets.sort_by(|a, b| cost(a).total_cmp(&cost(b)));
    sets.truncate(MAX_SETS * 3);
    sets
}

/// The literals of runs of consecutive parts of a concatenation that each stand
/// for a finite set of strings, joined. A gap ends a run and stays with the words
/// on both sides of it as a condition; a part holding gaps inside is left out of
/// runs (its own required sets stand for it), so that optional words ("(?:early )?")
/// do not spread a set over words that need not occur.
fn runs(parts: &[Hir]) -> Vec<Literals> {
    let gap = Literals::from([vec![GAP]]);
    let mut found = Vec::new();
    let mut run: Option<Literals> = None;
    for part in parts {
        let part = exact(part).filter(|set| *set == gap || set.iter().all(|l| !l.contains(&GAP)));
        match (part, run.take()) {
            (Some(next), Some(so_far)) if next == gap => {
                found.extend(product(&so_far, &gap));
                run = Some(gap.clone());
            }
            (Some(next), Some(so_far)) => match product(&so_far, &next) {
                Some(joined) => run = Some(joined),
                None => {
                    found.push(so_far);
                    run = Some(next);
                }
            },
            (Some(next), None) => run = Some(next),
            (None, Some(so_far)) => found.push(so_far),
            (None, None) => {}
        }
    }
    found.extend(run);
    found
}

/// One set for an alternation: each branch's most selective set, together.
fn one_of(branches: &[Hir]) -> Option<Literals> {
    let mut union = Literals::new();
    for branch in branches {
        union.extend(required(branch).into_iter().next()?);
        if union.len() > MAX_REQUIRED {
            return None;
        }
    }
    Some(minimise(union))
}

/// The finite set of strings `hir` matches, when small enough (with [`BOUNDARY`]
/// for a word boundary and [`GAP`] for a run of non-word characters).
fn exact(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Look(look) if is_boundary(*look) => Some(Literals::from([vec![BOUNDARY]])),
        HirKind::Empty | HirKind::Look(_) => Some(Literals::from([Vec::new()])),
        HirKind::Literal(literal) if literal.0.iter().any(|&b| b == BOUNDARY || b == GAP) => None,
        HirKind::Literal(literal) => Some(Literals::from([fold(&literal.0)])),
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            let mut chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            if size <= MAX_CLASS_CHARS {
                Some(chars.map(|c| fold(c.encode_utf8(&mut [0; 4]).as_bytes())).collect())
            } else if size <= MAX_GAP_CLASS_CHARS && chars.all(|c| matches!(regex_syntax::try_is_word_character(c), Ok(false))) {
                Some(Literals::from([vec![GAP]]))
            } else {
                None
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            let size: u32 = class.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            let mut bytes = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            if size <= MAX_CLASS_CHARS && class.ranges().iter().all(|r| r.end() < GAP) {
                Some(bytes.map(|b| fold(&[b])).collect())
            } else if bytes.all(|b| !regex_syntax::is_word_byte(b)) {
                Some(Literals::from([vec![GAP]]))
            } else {
                None
            }
        }
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Repetition(rep) => {
            let one = exact(&rep.sub)?;
            if one.iter().all(|l| l == &[GAP]) {
                // A run of runs of non-word characters is one run (or none).
                return Some(if rep.min == 0 {
                    Literals::from([Vec::new(), vec![GAP]])
                } else {
                    one
                });
            }
            let max = rep.max?;
            let mut power = Literals::from([Vec::new()]);
            let mut all = Literals::new();
            for count in 0..=max {
                if count >= rep.min {
                    all.extend(power.iter().cloned());
                }
                if count < max {
                    power = product(&power, &one)?;
                }
            }
            (all.len() <= MAX_EXACT).then_some(all)
        }
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(Literals::from([Vec::new()]), |acc, part| product(&acc, &exact(part)?)),
        HirKind::Alternation(branches) => {
            let mut union = Literals::new();
            for branch in branches {
                union.extend(exact(branch)?);
                if union.len() > MAX_EXACT {
                    return None;
                }
            }
            Some(union)
        }
    }
}

/// Every `a` followed by every `b`, when the result stays small.
fn product(a: &Literals, b: &Literals) -> Option<Literals> {
    if a.len().saturating_mul(b.len()) > MAX_EXACT {
        return None;
    }
    Some(a.iter().flat_map(|x| b.iter().map(move |y| join(x, y))).collect())
}

/// `x` then `y`. Marks that meet become one: a gap if either is one (a gap next to
/// a boundary, or two gaps, are at least a gap), else a boundary.
fn join(x: &[u8], y: &[u8]) -> Vec<u8> {
    let is_mark = |b: &u8| *b == BOUNDARY || *b == GAP;
    let mut out = x.to_vec();
    let mut rest = y;
    while let (Some(&last), Some(&first)) = (out.last(), rest.first()) {
        if !is_mark(&last) || !is_mark(&first) {
            break;
        }
        if first == GAP {
            out.pop();
            out.push(GAP);
        }
        rest = &rest[1..];
    }
    out.extend_from_slice(rest);
    out
}

/// Word-boundary assertions: `\b` and its start and end forms (not the half ones,
/// which hold at places that are no boundary).
fn is_boundary(look: Look) -> bool {
    matches!(
        look,
        Look::WordAscii | Look::WordUnicode | Look::WordStartAscii | Look::WordEndAscii | Look::WordStartUnicode | Look::WordEndUnicode
    )
}

/// True when a literal of the set holds no text (only marks, or nothing): every
/// text "contains" it, so the set rules nothing out.
fn has_blank(set: &Literals) -> bool {
    set.iter().any(|l| Needle::of(l).is_none())
}

/// ASCII letters lower-cased (the scanner ignores ASCII case).
fn fold(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// Drop literals that contain another literal of the set: a text holding the
/// longer one holds the shorter one too (marks included), so the set says the same.
fn minimise(set: Literals) -> Literals {
    let mut by_length: Vec<Vec<u8>> = set.into_iter().collect();
    by_length.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for literal in by_length {
        if !kept.iter().any(|k| contains(&literal, k)) {
            kept.push(literal);
        }
    }
    kept.into_iter().collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::recognizer::Recognizer;
    use proptest::prelude::*;
    use regex::Regex;

    /// The required sets of `pattern`, most selective first, marks written `\b` and `~`.
    fn literals(pattern: &str) -> Vec<Vec<String>> {
        let render = |l: &Vec<u8>| {
            let bytes: Vec<u8> = l
                .iter()
                .flat_map(|&b| match b {
                    BOUNDARY => b"\\b".to_vec(),
                    GAP => b"~".to_vec(),
                    b => vec![b],
                })
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let hir = regex_syntax::parse(pattern).unwrap();
        most_selective(required(&hir))
            .iter()
            .map(|set| set.iter().map(render).collect())
            .collect()
    }

    #[test]
    fn finds_the_most_selective_required_literals() {
        let ago = literals(r"\b(?:the )?(?P<n>\d+) (?:years|months) ago\b");
        assert_eq!(ago, [[" months ago\\b", " years ago\\b"]]);
        // Two sets when neither implies the other.
        assert_eq!(literals(r"\b(?:May|June) \d+(?:st|th)\b").len(), 2);
        assert_eq!(literals(r"\b(?:Jan|Feb)\b\d+"), [["\\bfeb\\b", "\\bjan\\b"]]);
        assert_eq!(literals(r"\d+/\d+"), [["/"]]);
        assert_eq!(literals(r"(?:every|each)\B"), [["each", "every"]]);
        assert!(literals(r"\w+").is_empty());
        assert!(literals(r"(?:May)?\d").is_empty());
        assert!(literals(r"\b(?:the)?\b").is_empty());
    }

    #[test]
    fn runs_of_non_word_characters_are_kept_as_gaps() {
        assert_eq!(literals(r"\bMar\s+\d")[0], ["\\bmar~"]);
        assert_eq!(literals(r"(?i)\d+[-\s]+day\b")[0], ["~day\\b"]);
        let filter = Prefilter::new([r"\bMar\s+\d", r"\d+[-\s]+day\b", r"(?:\s|,)*to\s*"]);
        let possible = |text: &str| (0..3).map(|i| filter.possible(text).contains(i)).collect::<Vec<_>>();
        assert_eq!(possible("the market today"), [false, false, true]);
        assert_eq!(possible("Mar 3 and a 2-day trip"), [true, true, false]);
        assert_eq!(possible("3 Monday"), [false, false, false]);
        // A non-ASCII neighbour might be a non-word character: let it through.
        assert_eq!(possible("3\u{2003}day mar\u{2003}4"), [true, true, false]);
    }

    #[test]
    fn word_boundaries_around_literals_are_checked() {
        let filter = Prefilter::new([r"\bmar\b", r"(?-u:\b)est"]);
        let possible = |text: &str| (0..2).map(|i| filter.possible(text).contains(i)).collect::<Vec<_>>();
        assert_eq!(possible("the market"), [false, false]);
        assert_eq!(possible("Mar 3"), [true, false]);
        assert_eq!(possible("_mar"), [false, false]);
        assert_eq!(possible("interest, est."), [false, true]);
        // Beside a non-ASCII letter the filter cannot tell, so it lets the text through.
        assert_eq!(possible("émar"), [true, false]);
    }

    #[test]
    fn every_required_set_must_be_seen() {
        let filter = Prefilter::new([r"\b\d+ (?:days|weeks) ago\b"]);
        assert!(filter.possible("3 weeks ago").contains(0));
        assert!(!filter.possible("weeks passed; long ago").contains(0));
    }

    #[test]
    fn case_insensitive_patterns_keep_unicode_case_partners() {
        // (?i)k also matches the Kelvin sign; the filter must let that through.
        let filter = Prefilter::new([r"(?i)\bkilo\b"]);
        assert!(filter.possible("3 \u{212A}ilo").contains(0));
        assert!(filter.possible("KILO").contains(0));
        assert!(!filter.possible("kil o").contains(0));
    }

    #[test]
    fn patterns_without_literals_always_run() {
        let filter = Prefilter::new([r"\w+", r"(?i)april", r"(unparsable"]);
        let set = filter.possible("nothing here");
        assert!(set.contains(0) && !set.contains(1) && set.contains(2));
        assert_eq!(filter.filtered_patterns(), 1);
    }

    /// The filter never rules out a time pattern that matches (the property the
    /// recogniser relies on), over sentences full of temporal vocabulary.
    #[test]
    fn never_rules_out_a_matching_time_pattern() {
        let recognizer = Recognizer::new(&Lexicon::default());
        let sentences = [
            "On Tuesday, March 3rd, 1998 at 10:30 a.m. EST the board met.",
            "Profits rose 12 pct in the first quarter of fiscal 1987 from a year earlier.",
            "The company said late last month it expects sales to grow in the coming years.",
            "Every other Friday evening since the 1980s, twice a week, nearly three-and-a-half years ago.",
            "the nineties, nineteen eighty-seven, two thousand and one, the 21st century, mid-morning",
            "12/31/86 and 1987-03-04T12:00 and noon Monday, the year-ago period, Christmas Eve",
            "He spoke overnight; the following day, earlier this week, this summer of 1986, daily.",
            "Nothing temporal is said in this sentence about the merger.",
        ];
        for sentence in sentences {
            let possible = recognizer.prefilter.possible(sentence);
            for (index, (re, rule)) in recognizer.patterns.iter().enumerate() {
                assert!(
                    possible.contains(index) || !re.is_match(sentence),
                    "{rule:?} ruled out in {sentence:?}"
                );
            }
        }
        // Most patterns have a required literal, and a plain sentence rules most out.
        let total = recognizer.patterns.len();
        assert!(recognizer.prefilter.filtered_patterns() * 4 >= total * 3);
        assert!(recognizer.prefilter.possible(sentences[7]).count() * 2 < total);
    }

    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "May",
            "(?i)may",
            "(?i:kilo)",
            r"\d{1,2}",
            r"\d+",
            "[ab]",
            "[a-z]",
            r"\s+",
            r"\b",
            "(?:the )?",
            "x?",
            "(?:ago|hence)",
            "(?i)[ks]",
            "(?:de|Δ)",
            r"\s+",
            r"[-\s]*",
            r"(?:\s|,)",
            "y*",
            "(?:mid-)?",
            "-",
            "(?-i:Z)",
            ".",
            r"\B",
            r"(?-u:\b)",
            r"\b{start}",
            r"\b{end}",
            r"\b{start-half}",
        ])
        .prop_map(str::to_string)
    }

    fn pattern() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::collection::vec(piece(), 1..5).prop_map(|p| p.concat()), 1..3).prop_map(|branches| {
            if branches.len() == 1 {
                branches.concat()
            } else {
                format!("(?:{})", branches.join("|"))
            }
        })
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "may",
                "MAY",
                "May",
                "kilo",
                "\u{212A}ilo",
                "3",
                "12",
                " ",
                "the ",
                "ago",
                "Hence",
                "x",
                "b",
                "z",
                "Z",
                "Δ",
                "de",
                "mid-",
                "-",
                "é",
                "\u{2003}",
                "\n",
                ",",
                "_",
                ".",
                "s",
                "ſ",
            ]),
            0..12,
        )
        .prop_map(|w| w.concat())
    }

    proptest! {
        /// Whatever the pattern and the text, a pattern that matches is never ruled out.
        #[test]
        fn a_match_is_never_ruled_out(patterns in prop::collection::vec(pattern(), 1..4), text in text()) {
            let filter = Prefilter::new(patterns.iter().map(String::as_str));
            let possible = filter.possible(&text);
            for (index, source) in patterns.iter().enumerate() {
                let re = Regex::new(source).unwrap();
                prop_assert!(possible.contains(index) || !re.is_match(&text), "{source:?} ruled out in {text:?}");
            }
        }
    }
}
