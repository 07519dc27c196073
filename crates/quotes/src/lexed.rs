//! The lexicon read once over a document: each token's list memberships (cue verb,
//! hearer verb, channel noun, ...) and a few facts about its place (opens a sentence,
//! lies in a time expression), as bits, so the rules test bits instead of looking
//! the lower-cased word up again and again.

use crate::cues::{bits, lower, CueKind, CueLexicon};
use crate::speaker::{word, BOUNDARIES};
use detente_doc::Document;
use std::ops::Deref;

/// Per-document bits beside the lexicon's [`bits`].
pub mod flags {
    use crate::cues::bits::FIRST_FREE;
    /// The token opens a sentence.
    pub const SENTENCE_START: u32 = FIRST_FREE;
    /// The token overlaps a time expression of the times layer.
    pub const IN_TIME: u32 = FIRST_FREE << 1;
    /// The token lies in a headline written in title case ("Obama Says Talks Will Resume").
    pub const TITLE_HEADLINE: u32 = FIRST_FREE << 2;
    /// A word that ends a noun phrase read backwards ("that", "and", "when").
    pub const BOUNDARY: u32 = FIRST_FREE << 3;
    /// The possessive "'s".
    pub const POSSESSIVE: u32 = FIRST_FREE << 4;
}

/// The cue lexicon with the bits of one document's tokens.
pub struct TokenCues<'a> {
    pub lexicon: &'a CueLexicon,
    flags: Vec<u32>,
}

impl Deref for TokenCues<'_> {
    type Target = CueLexicon;
    fn deref(&self) -> &CueLexicon {
        self.lexicon
    }
}

impl<'a> TokenCues<'a> {
    /// Read `doc`'s tokens (needs tokens, sentences and times).
    pub fn new(lexicon: &'a CueLexicon, doc: &Document) -> Self {
        let mut flags: Vec<u32> = doc
            .tokens
            .iter()
            .map(|t| {
                let w = lower(doc.slice(t.span));
                let mut f = lexicon.bits_of_lower(&w);
                if BOUNDARIES.contains(&w.as_ref()) {
                    f |= flags::BOUNDARY;
                }
                if w == "'s" {
                    f |= flags::POSSESSIVE;
                }
                f
            })
            .collect();
        for s in &doc.sentences {
            if let Some(f) = flags.get_mut(s.tokens.0) {
                *f |= flags::SENTENCE_START;
            }
        }
        for x in &doc.times {
            let from = doc.tokens.partition_point(|t| t.span.end <= x.span.start);
            for (j, t) in doc.tokens.iter().enumerate().skip(from) {
                if t.span.start >= x.span.end {
                    break;
                }
                if x.span.overlaps(t.span) {
                    flags[j] |= flags::IN_TIME;
                }
            }
        }
        if let Some(head) = doc.headline.filter(|&h| title_case(doc.slice(h))) {
            for (j, t) in doc.tokens.iter().enumerate() {
                if head.contains(t.span) {
                    flags[j] |= flags::TITLE_HEADLINE;
                }
            }
        }
        TokenCues { lexicon, flags }
    }

    /// True when token `i` has any of `bits` (false past the last token).
    pub fn has(&self, i: usize, bits: u32) -> bool {
        self.flags.get(i).is_some_and(|f| f & bits != 0)
    }

    /// Every bit of token `i` (0 past the last token): the learned tagger's features.
    pub fn bits(&self, i: usize) -> u32 {
        self.flags.get(i).copied().unwrap_or(0)
    }

    /// The cue kind of token `i`'s word, if it is a cue verb (whatever its use here).
    pub fn verb_at(&self, i: usize) -> Option<CueKind> {
        let f = self.flags.get(i).copied().unwrap_or(0);
        if f & bits::SPEECH != 0 {
            Some(CueKind::Speech)
        } else if f & bits::BELIEF != 0 {
            Some(CueKind::Belief)
        } else if f & bits::QUOTATION != 0 {
            Some(CueKind::Quotation)
        } else {
            None
        }
    }

    /// The length in words of the source phrase ("according to") starting at token
    /// `i` and ending before token `end`, if any.
    pub fn source_phrase(&self, doc: &Document, i: usize, end: usize) -> Option<usize> {
        if !self.has(i, bits::SOURCE_START) {
            return None;
        }
        self.lexicon.source_phrase_at(|k| (i + k < end).then(|| word(doc, i + k)))
    }

    /// True when token `i` and token `particle` form a phrasal cue ("called for").
    pub fn phrasal(&self, doc: &Document, i: usize, particle: usize) -> bool {
        self.has(i, bits::PHRASAL) && self.lexicon.is_phrasal(word(doc, i), word(doc, particle))
    }
}

/// True for a headline in title case: three in four of its longer words capitalised.
fn title_case(head: &str) -> bool {
    let long: Vec<&str> = head.split_whitespace().filter(|w| w.len() > 3).collect();
    let capitals = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    !long.is_empty() && capitals * 4 >= long.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_doc::{ArticleMeta, Span, Timex, TimexType};
    use detente_text::TextStage;

    #[test]
    fn bits_match_the_lists() {
        let lex = CueLexicon::with_defaults().unwrap();
        for w in [
            "said",
            "told",
            "statement",
            "poll",
            "vowed",
            "called",
            "expected",
            "seems",
            "claim",
            "according",
            "table",
        ] {
            let b = lex.bits_of(w);
            assert_eq!(b & bits::HEARER != 0, lex.takes_hearer(w), "{w}");
            assert_eq!(b & bits::CHANNEL != 0, lex.is_channel(w), "{w}");
            assert_eq!(b & bits::EVIDENCE != 0, lex.is_evidence(w), "{w}");
            assert_eq!(b & bits::INTENTION != 0, lex.takes_infinitive(w), "{w}");
            assert_eq!(b & bits::RAISING != 0, lex.is_raising(w), "{w}");
            assert_eq!(b & bits::SEEMING != 0, lex.is_seeming(w), "{w}");
            assert_eq!(b & bits::NOUN != 0, lex.is_noun_cue(w), "{w}");
            assert_eq!(b & bits::VERB != 0, lex.verb(w).is_some(), "{w}");
        }
        assert_ne!(lex.bits_of("According") & bits::SOURCE_START, 0);
        assert_ne!(lex.bits_of("Called") & bits::PHRASAL, 0);
    }

    #[test]
    fn token_flags_follow_the_document() {
        let lex = CueLexicon::with_defaults().unwrap();
        let meta = ArticleMeta {
            title: Some("He Said Talks Will Resume".into()),
            ..Default::default()
        };
        let mut doc = TextStage::default().build(meta, "She said on Monday that it ended.");
        let monday = doc.text.find("Monday").unwrap();
        doc.times.push(Timex {
            span: Span::new(monday, monday + 6),
            kind: TimexType::Date,
            value: None,
            sentence: 1,
        });
        let cues = TokenCues::new(&lex, &doc);
        let idx = |w: &str| doc.tokens.iter().position(|t| doc.slice(t.span) == w).unwrap();
        assert_eq!(cues.verb_at(idx("said")), Some(CueKind::Speech));
        assert!(cues.has(idx("Monday"), flags::IN_TIME));
        assert!(!cues.has(idx("on"), flags::IN_TIME));
        assert!(cues.has(idx("She"), flags::SENTENCE_START));
        assert!(cues.has(idx("Said"), flags::TITLE_HEADLINE));
        assert!(cues.has(idx("that"), flags::BOUNDARY));
        assert!(!cues.has(doc.tokens.len(), bits::VERB));
    }
}
