//! A cheap first pass that rules out, for one sentence, the patterns that cannot
//! match it, so that only the few that might are run in full.
//!
//! Nothing here is written for a particular pattern: each pattern's syntax tree is
//! read (with `regex-syntax`, the parser the `regex` crate itself uses) to find a
//! set of literal strings of which every match must contain at least one ("the
//! required literals": a month name for a date, a unit word for a duration). One
//! Aho-Corasick scan of the sentence over all patterns' literals then says which
//! patterns may match. A pattern without such a set (one that can match almost
//! anything) is always run. Literals are compared ignoring ASCII case, so the
//! filter only ever lets more through than the exact rule would: it never drops a
//! match.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::{BTreeSet, HashMap};

/// A set of literals, ASCII letters lower-cased.
type Literals = BTreeSet<Vec<u8>>;

/// Most strings a pattern piece may stand for and still be treated as a finite set.
const MAX_EXACT: usize = 256;
/// Most characters in a class that is expanded into single-character literals.
const MAX_CLASS_CHARS: u32 = 16;
/// Most literals in one pattern's required set.
const MAX_REQUIRED: usize = 512;

/// Which patterns may match a text: built once from the pattern sources.
pub struct Prefilter {
    /// All patterns' required literals (none when no pattern has any).
    scanner: Option<AhoCorasick>,
    /// For each literal of the scanner, the patterns that require it.
    literal_patterns: Vec<Vec<usize>>,
    /// The patterns that must always run (no required literal was found).
    always: PatternSet,
}

impl Prefilter {
    /// A filter for `patterns`, given as regex sources in the order they are run.
    /// A source `regex-syntax` cannot parse is always run (the regex crate will
    /// have reported it already).
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut always = PatternSet::empty();
        let mut by_literal: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (index, source) in patterns.into_iter().enumerate() {
            always.grow_to(index + 1);
            match regex_syntax::parse(source).ok().and_then(|hir| required(&hir)) {
                Some(literals) => {
                    for literal in literals {
                        by_literal.entry(literal).or_default().push(index);
                    }
                }
                None => always.insert(index),
            }
        }
        let mut literals: Vec<(Vec<u8>, Vec<usize>)> = by_literal.into_iter().collect();
        literals.sort();
        let scanner = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(literals.iter().map(|(l, _)| l))
            .ok();
        match scanner {
            Some(scanner) if !literals.is_empty() => Prefilter {
                scanner: Some(scanner),
                literal_patterns: literals.into_iter().map(|(_, p)| p).collect(),
                always,
            },
            _ => {
                // No scanner: every pattern runs (correct, only slower).
                let mut all = always;
                for (_, patterns) in &literals {
                    for &p in patterns {
                        all.insert(p);
                    }
                }
                Prefilter {
                    scanner: None,
                    literal_patterns: Vec::new(),
                    always: all,
                }
            }
        }
    }

    /// The patterns that may match somewhere in `text` (a superset of those that do).
    pub fn possible(&self, text: &str) -> PatternSet {
        let mut set = self.always.clone();
        if let Some(scanner) = &self.scanner {
            for found in scanner.find_overlapping_iter(text) {
                for &p in &self.literal_patterns[found.pattern().as_usize()] {
                    set.insert(p);
                }
            }
        }
        set
    }

    /// How many patterns have required literals (the rest always run).
    pub fn filtered_patterns(&self) -> usize {
        self.always.len() - self.always.count()
    }
}

/// A small set of pattern indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternSet {
    bits: Vec<u64>,
    len: usize,
}

impl PatternSet {
    fn empty() -> PatternSet {
        PatternSet { bits: Vec::new(), len: 0 }
    }

    fn grow_to(&mut self, len: usize) {
        self.len = self.len.max(len);
        self.bits.resize(self.len.div_ceil(64), 0);
    }

    fn insert(&mut self, index: usize) {
        self.grow_to(index + 1);
        self.bits[index / 64] |= 1 << (index % 64);
    }

    pub fn contains(&self, index: usize) -> bool {
        self.bits.get(index / 64).is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    /// The number of patterns the set is about (members or not).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of members.
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Literals of which every match of `hir` contains at least one (never the empty
/// string), or `None` when there is no such useful set.
fn required(hir: &Hir) -> Option<Literals> {
    let best = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(_) | HirKind::Class(_) => None, // covered by `exact` below
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Alternation(branches) => {
            let mut union = Literals::new();
            for branch in branches {
                union.extend(required(branch)?);
                if union.len() > MAX_REQUIRED {
                    return None;
                }
            }
            Some(minimise(union))
        }
        HirKind::Concat(parts) => {
            let mut options: Vec<Literals> = parts.iter().filter_map(required).collect();
            // Runs of parts that each stand for a finite set of strings, joined.
            let mut run: Option<Literals> = None;
            for part in parts {
                match (exact(part), run.take()) {
                    (Some(next), Some(so_far)) => match product(&so_far, &next) {
                        Some(joined) => run = Some(joined),
                        None => {
                            options.push(so_far);
                            run = Some(next);
                        }
                    },
                    (Some(next), None) => run = Some(next),
                    (None, Some(so_far)) => options.push(so_far),
                    (None, None) => {}
                }
            }
            options.extend(run);
            options
                .into_iter()
                .filter(|s| !s.contains(&Vec::new()))
                .min_by(|a, b| cost(a).total_cmp(&cost(b)))
        }
    };
    let whole = exact(hir).filter(|s| !s.contains(&Vec::new()));
    match (best, whole) {
        (Some(a), Some(b)) => Some(if cost(&b) < cost(&a) { minimise(b) } else { a }),
        (a, b) => a.or(b.map(minimise)),
    }
}

/// The finite set of strings `hir` matches, when small enough.
fn exact(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(Literals::from([Vec::new()])),
        HirKind::Literal(literal) => Some(Literals::from([fold(&literal.0)])),
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if size > MAX_CLASS_CHARS {
                return None;
            }
            let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            Some(chars.map(|c| fold(c.encode_utf8(&mut [0; 4]).as_bytes())).collect())
        }
        HirKind::Class(Class::Bytes(class)) => {
            let size: u32 = class.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if size > MAX_CLASS_CHARS {
                return None;
            }
            Some(
                class
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|b| fold(&[b]))
                    .collect(),
            )
        }
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Repetition(rep) => {
            let max = rep.max?;
            let one = exact(&rep.sub)?;
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
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat()))
            .collect(),
    )
}

/// ASCII letters lower-cased (the scanner ignores ASCII case).
fn fold(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// Drop literals that contain another literal of the set: a text holding the
/// longer one holds the shorter one too, so the set says the same.
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

/// A rough chance that a text holds one of the literals: short literals are
/// common, long ones rare, and each literal adds to the chance.
fn cost(set: &Literals) -> f64 {
    set.iter().map(|l| 8f64.powi(-(l.len().min(12) as i32))).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::recognizer::Recognizer;
    use proptest::prelude::*;
    use regex::Regex;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).ok()?;
        required(&hir).map(|s| s.into_iter().map(|l| String::from_utf8_lossy(&l).into_owned()).collect())
    }

    #[test]
    fn finds_the_most_selective_required_literals() {
        let ago = literals(r"\b(?:the )?(?P<n>\d+) (?:years|months) ago\b");
        assert_eq!(ago, Some(vec![" months ago".into(), " years ago".into()]));
        assert_eq!(literals(r"\b(?:Jan|Feb)\b\d+"), Some(vec!["feb".into(), "jan".into()]));
        assert_eq!(literals(r"\d+/\d+"), Some(vec!["/".into()]));
        assert_eq!(literals(r"\b(?:every|each)\b"), Some(vec!["each".into(), "every".into()]));
        assert_eq!(literals(r"\w+"), None);
        assert_eq!(literals(r"(?:May)?\d"), None);
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
            "y*",
            "(?:mid-)?",
            "-",
            "(?-i:Z)",
            ".",
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
