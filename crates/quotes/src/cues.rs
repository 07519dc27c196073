//! The cue lexicon: verbs and phrases that introduce attributed content, read from
//! `dictionaries/quote-cues.txt` (embedded as the default, overridable).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The default lexicon file, compiled in.
pub const DEFAULT_CUES: &str = include_str!("../../../dictionaries/quote-cues.txt");

/// What kind of attribution a cue verb introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// Saying and writing: "said", "told", "warned".
    Speech,
    /// Thinking, knowing and showing: "believes", "fears", "shows".
    Belief,
    /// A cue only next to quotation marks: `he continued: "..."`.
    Quotation,
}

#[derive(Debug, thiserror::Error)]
pub enum CueError {
    #[error("quote cues line {line}: unknown section [{name}]")]
    UnknownSection { line: usize, name: String },
    #[error("quote cues line {line}: entry before any [section]")]
    NoSection { line: usize },
}

/// Cue words and phrases, all lower case.
#[derive(Clone, Debug, Default)]
pub struct CueLexicon {
    verbs: HashMap<String, CueKind>,
    hearer: HashSet<String>,
    quoting: HashSet<String>,
    /// Multi-word source phrases ("according to"), as word lists.
    sources: Vec<Vec<String>>,
    channels: HashSet<String>,
    evidence: HashSet<String>,
    /// Verbs of intention and commitment taking a to-infinitive ("vowed to fight").
    intention: HashSet<String>,
    /// Verbs whose content follows a particle ("called for", "talked about"): verb form -> particles.
    phrasal: HashMap<String, Vec<String>>,
    /// Passive participles that raise their subject: "is expected to", "is said to".
    raising: HashSet<String>,
    /// Verbs of seeming: "X seems stable", "X appears to be moving".
    seeming: HashSet<String>,
    /// Nouns of saying and thinking with a "that" clause: "the claim that ...".
    nouns: HashSet<String>,
    /// Verbs of stance whose object is the content: "X supports the deal".
    stance: HashSet<String>,
    /// Verbs of regarding with an object and "as": "X sees Y as a threat".
    regard: HashSet<String>,
    /// Every listed word with the bits of the lists it is in (see [`bits`]), so a
    /// token is looked up once per document instead of once per list and rule.
    index: HashMap<String, u32>,
}

/// One bit per list of the lexicon, for [`CueLexicon::bits_of`].
pub mod bits {
    pub const SPEECH: u32 = 1;
    pub const BELIEF: u32 = 1 << 1;
    pub const QUOTATION: u32 = 1 << 2;
    pub const HEARER: u32 = 1 << 3;
    pub const QUOTING: u32 = 1 << 4;
    pub const CHANNEL: u32 = 1 << 5;
    pub const EVIDENCE: u32 = 1 << 6;
    pub const INTENTION: u32 = 1 << 7;
    /// A verb form listed with a particle ("called" of "called for").
    pub const PHRASAL: u32 = 1 << 8;
    pub const RAISING: u32 = 1 << 9;
    pub const SEEMING: u32 = 1 << 10;
    pub const NOUN: u32 = 1 << 11;
    /// The first word of a source phrase ("according" of "according to").
    pub const SOURCE_START: u32 = 1 << 12;
    /// A verb of stance with its object as content ("supports", "opposed").
    pub const STANCE: u32 = 1 << 13;
    /// A verb of regarding with its object and "as" ("sees Y as a threat").
    pub const REGARD: u32 = 1 << 14;
    /// Any cue verb (speech, belief or quotation).
    pub const VERB: u32 = SPEECH | BELIEF | QUOTATION;
    /// The first bit free for the per-document flags built on these.
    pub const FIRST_FREE: u32 = 1 << 15;
}

impl CueLexicon {
    /// Parse a lexicon in the `quote-cues.txt` format.
    pub fn parse(source: &str) -> Result<Self, CueError> {
        let mut lex = CueLexicon::default();
        let mut section: Option<String> = None;
        for (i, raw) in source.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                if !matches!(
                    name,
                    "speech"
                        | "belief"
                        | "hearer"
                        | "quoting"
                        | "source"
                        | "channel"
                        | "evidence"
                        | "quotation"
                        | "intention"
                        | "phrasal"
                        | "raising"
                        | "seeming"
                        | "noun"
                        | "stance"
                        | "regard"
                ) {
                    return Err(CueError::UnknownSection {
                        line: i + 1,
                        name: name.to_string(),
                    });
                }
                section = Some(name.to_string());
                continue;
            }
            let Some(name) = section.as_deref() else {
                return Err(CueError::NoSection { line: i + 1 });
            };
            if name == "phrasal" {
                // "call calls called calling | for": the verb forms, then the particle
                let (forms, particle) = line.split_once('|').unwrap_or((line, ""));
                let particle = particle.trim().to_lowercase();
                for form in forms.split_whitespace() {
                    lex.phrasal.entry(form.to_lowercase()).or_default().push(particle.clone());
                }
                continue;
            }
            let words = line.split_whitespace().map(str::to_lowercase);
            match name {
                "speech" => words.for_each(|w| {
                    lex.verbs.insert(w, CueKind::Speech);
                }),
                "belief" => words.for_each(|w| {
                    lex.verbs.entry(w).or_insert(CueKind::Belief);
                }),
                "quotation" => words.for_each(|w| {
                    lex.verbs.entry(w).or_insert(CueKind::Quotation);
                }),
                "hearer" => lex.hearer.extend(words),
                "quoting" => lex.quoting.extend(words),
                "source" => lex.sources.push(words.collect()),
                "evidence" => lex.evidence.extend(words),
                "intention" => lex.intention.extend(words),
                "raising" => lex.raising.extend(words),
                "seeming" => lex.seeming.extend(words),
                "noun" => lex.nouns.extend(words),
                "stance" => lex.stance.extend(words),
                "regard" => lex.regard.extend(words),
                _ => lex.channels.extend(words),
            }
        }
        // Longest phrases first, so "in the words of" wins over a shorter prefix.
        lex.sources.sort_by_key(|p| std::cmp::Reverse(p.len()));
        lex.reindex();
        Ok(lex)
    }

    /// The lexicon shipped with detente.
    pub fn with_defaults() -> Result<Self, CueError> {
        Self::parse(DEFAULT_CUES)
    }

    /// Add the entries of another lexicon file to this one.
    pub fn extend_from(&mut self, source: &str) -> Result<(), CueError> {
        let other = Self::parse(source)?;
        for (w, k) in other.verbs {
            self.verbs.entry(w).or_insert(k);
        }
        self.hearer.extend(other.hearer);
        self.quoting.extend(other.quoting);
        self.sources.extend(other.sources);
        self.sources.sort_by_key(|p| std::cmp::Reverse(p.len()));
        self.channels.extend(other.channels);
        self.evidence.extend(other.evidence);
        self.intention.extend(other.intention);
        self.raising.extend(other.raising);
        self.seeming.extend(other.seeming);
        self.nouns.extend(other.nouns);
        self.stance.extend(other.stance);
        self.regard.extend(other.regard);
        for (form, particles) in other.phrasal {
            self.phrasal.entry(form).or_default().extend(particles);
        }
        self.reindex();
        Ok(())
    }

    /// Rebuild the word -> bits index from the lists.
    fn reindex(&mut self) {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut mark = |words: &mut dyn Iterator<Item = &String>, bit: u32| {
            for w in words {
                *index.entry(w.clone()).or_default() |= bit;
            }
        };
        for (w, kind) in &self.verbs {
            let bit = match kind {
                CueKind::Speech => bits::SPEECH,
                CueKind::Belief => bits::BELIEF,
                CueKind::Quotation => bits::QUOTATION,
            };
            mark(&mut std::iter::once(w), bit);
        }
        mark(&mut self.hearer.iter(), bits::HEARER);
        mark(&mut self.quoting.iter(), bits::QUOTING);
        mark(&mut self.channels.iter(), bits::CHANNEL);
        mark(&mut self.evidence.iter(), bits::EVIDENCE);
        mark(&mut self.intention.iter(), bits::INTENTION);
        mark(&mut self.phrasal.keys(), bits::PHRASAL);
        mark(&mut self.raising.iter(), bits::RAISING);
        mark(&mut self.seeming.iter(), bits::SEEMING);
        mark(&mut self.nouns.iter(), bits::NOUN);
        mark(&mut self.stance.iter(), bits::STANCE);
        mark(&mut self.regard.iter(), bits::REGARD);
        mark(&mut self.sources.iter().filter_map(|p| p.first()), bits::SOURCE_START);
        self.index = index;
    }

    /// The bits of the lists `word` is in (0 for none); `word` in any case.
    pub fn bits_of(&self, word: &str) -> u32 {
        self.bits_of_lower(&lower(word))
    }

    /// [`Self::bits_of`] for a word already in lower case.
    pub fn bits_of_lower(&self, lower_word: &str) -> u32 {
        self.index.get(lower_word).copied().unwrap_or(0)
    }

    /// The kind of cue `word` is, if it is one.
    pub fn verb(&self, word: &str) -> Option<CueKind> {
        self.verbs.get(lower(word).as_ref()).copied()
    }

    /// True for verbs whose object is the listener ("told reporters that").
    pub fn takes_hearer(&self, word: &str) -> bool {
        self.hearer.contains(lower(word).as_ref())
    }

    /// True for "quoted" in "the paper quoted him as saying".
    pub fn is_quoting(&self, word: &str) -> bool {
        self.quoting.contains(lower(word).as_ref())
    }

    /// True for verbs of intention that take a to-infinitive ("vowed to", "plans to").
    pub fn takes_infinitive(&self, word: &str) -> bool {
        self.intention.contains(lower(word).as_ref())
    }

    /// True for passive participles with a to-infinitive and no one named ("is expected to").
    pub fn is_raising(&self, word: &str) -> bool {
        self.raising.contains(lower(word).as_ref())
    }

    /// True for verbs of seeming ("seems", "appeared").
    pub fn is_seeming(&self, word: &str) -> bool {
        self.seeming.contains(lower(word).as_ref())
    }

    /// True for nouns of saying and thinking that take a "that" clause ("claim").
    pub fn is_noun_cue(&self, word: &str) -> bool {
        self.nouns.contains(lower(word).as_ref())
    }

    /// True when `verb` followed by `particle` is a cue ("called for", "pointed out").
    pub fn is_phrasal(&self, verb: &str, particle: &str) -> bool {
        self.phrasal
            .get(lower(verb).as_ref())
            .is_some_and(|ps| ps.iter().any(|p| p.eq_ignore_ascii_case(particle)))
    }

    /// True for nouns naming a channel ("statement", "interview").
    pub fn is_channel(&self, word: &str) -> bool {
        self.channels.contains(lower(word).as_ref())
    }

    /// True for nouns naming evidence that "shows" or "finds" ("poll", "study").
    pub fn is_evidence(&self, word: &str) -> bool {
        self.evidence.contains(lower(word).as_ref())
    }

    /// The length in words of the source phrase ("according to") starting `words`, if any.
    pub fn source_phrase_at<'a>(&self, words: impl Fn(usize) -> Option<&'a str>) -> Option<usize> {
        self.sources
            .iter()
            .find(|phrase| {
                phrase
                    .iter()
                    .enumerate()
                    .all(|(i, p)| words(i).is_some_and(|w| w.eq_ignore_ascii_case(p)))
            })
            .map(Vec::len)
    }
}

/// `word` in lower case, without a copy when it already is (most words are).
pub(crate) fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicon_loads() {
        let lex = CueLexicon::with_defaults().unwrap();
        assert_eq!(lex.verb("Said"), Some(CueKind::Speech));
        assert_eq!(lex.verb("believes"), Some(CueKind::Belief));
        assert_eq!(lex.verb("table"), None);
        assert!(lex.takes_hearer("told"));
        assert!(lex.is_quoting("quoted"));
        assert!(lex.is_channel("statement"));
        assert!(lex.is_evidence("Polls"));
        assert!(lex.takes_infinitive("vowed"));
        assert!(lex.is_raising("expected"));
        assert!(!lex.is_raising("said"));
        assert!(lex.is_seeming("appears"));
        assert!(lex.is_noun_cue("assertion"));
        assert!(!lex.takes_infinitive("said"));
        assert!(lex.is_phrasal("called", "for"));
        assert!(lex.is_phrasal("Pointed", "out"));
        assert!(!lex.is_phrasal("called", "about"));
        let words = ["According", "to", "officials"];
        assert_eq!(lex.source_phrase_at(|i| words.get(i).copied()), Some(2));
    }

    #[test]
    fn bad_sections_are_reported() {
        assert!(matches!(
            CueLexicon::parse("[verbs]\nsay"),
            Err(CueError::UnknownSection { line: 1, .. })
        ));
        assert!(matches!(CueLexicon::parse("say"), Err(CueError::NoSection { line: 1 })));
    }

    #[test]
    fn extension_adds_entries() {
        let mut lex = CueLexicon::with_defaults().unwrap();
        lex.extend_from("[speech]\nopine opines opined").unwrap();
        assert_eq!(lex.verb("opined"), Some(CueKind::Speech));
        lex.extend_from("[intention]\nresolve resolved\n[phrasal]\nharp harped | on")
            .unwrap();
        assert!(lex.takes_infinitive("resolved"));
        assert!(lex.is_phrasal("harped", "on"));
    }
}
