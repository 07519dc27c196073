//! Quote stage of detente: direct quotations (inside quotation marks, split around
//! their cue or running over several paragraphs) and indirect speech ("X said that
//! ...", "according to X, ..."), each with its cue span, its speaker (resolved to an
//! actor where one is mentioned) and the channel it came through ("according to ...").
//!
//! Modules: [`cues`] (the lexicon file), [`direct`] (quotation marks), [`indirect`]
//! (reported speech), [`speaker`] (speaker phrases, actors and channels), and
//! [`learned`]: an optional tagger trained on PolNeAR (an averaged structured
//! perceptron, hand-written; see [`learned::perceptron`] for why) whose
//! attributions join the rules' when a model file is given. No weights ship.

pub mod cues;
pub mod direct;
pub mod indirect;
pub mod inline;
pub mod learned;
pub mod lexed;
pub mod speaker;

pub use cues::{CueError, CueKind, CueLexicon};
use detente_doc::{Document, Quote, Span, Via};
use learned::features::GoldSpans;
use learned::merge::merge;
use learned::perceptron::Sequence;
pub use learned::{MergePolicy, Tagger};
use lexed::TokenCues;
use speaker::{actor_for, channel_after};
use std::sync::Arc;

/// One attributed statement: its content (one piece, or several when a quotation is
/// split around its cue or runs over paragraphs), cue, speaker phrase and channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub pieces: Vec<Span>,
    pub direct: bool,
    pub cue: Span,
    pub speaker: Option<Span>,
    pub via: Option<Via>,
}

/// The quote stage, configured with its cue lexicon and, optionally, a learned
/// tagger whose attributions join the rules' under `merge` (off by default).
#[derive(Clone, Debug)]
pub struct QuoteStage {
    pub lexicon: CueLexicon,
    pub tagger: Option<Arc<Tagger>>,
    pub merge: MergePolicy,
}

impl Default for QuoteStage {
    /// The stage with detente's own lexicon (`dictionaries/quote-cues.txt`).
    fn default() -> Self {
        // The embedded lexicon is checked by a unit test, so it parses.
        QuoteStage::new(CueLexicon::with_defaults().unwrap_or_default())
    }
}

impl QuoteStage {
    pub fn new(lexicon: CueLexicon) -> Self {
        QuoteStage {
            lexicon,
            tagger: None,
            merge: MergePolicy::default(),
        }
    }

    /// The stage with a learned tagger joining the rules (see [`learned`]).
    pub fn with_tagger(mut self, tagger: Tagger) -> Self {
        self.tagger = Some(Arc::new(tagger));
        self
    }

    /// Add the quotes layer (needs sentences, tokens, actors and times).
    pub fn annotate(&self, doc: &mut Document) {
        let mut quotes: Vec<Quote> = Vec::new();
        for a in self.attributions(doc) {
            let speaker = a.speaker.and_then(|s| actor_for(doc, s));
            for piece in &a.pieces {
                quotes.push(Quote {
                    span: *piece,
                    direct: a.direct,
                    speaker,
                    speaker_span: a.speaker,
                    cue: Some(a.cue),
                    via: a.via.clone(),
                });
            }
        }
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        quotes.dedup_by_key(|q| q.span);
        doc.quotes = quotes;
    }

    /// Every attribution in the document, in text order: direct quotations first
    /// tied to their cues, then indirect speech outside them, then partial quotations
    /// inside indirect speech. Quoted words inside no attribution (scare quotes,
    /// titles) are left out.
    /// With a tagger, its attributions join the rules' under the stage's merge policy.
    pub fn attributions(&self, doc: &Document) -> Vec<Attribution> {
        let lex = &TokenCues::new(&self.lexicon, doc);
        let rules = self.rule_attributions(doc, lex);
        match &self.tagger {
            Some(tagger) if self.merge != MergePolicy::Rules => merge(&rules, &tagger.attributions(doc, lex, &rules), self.merge),
            _ => rules,
        }
    }

    /// The rules' and (with a tagger) the tagger's attributions apart, to merge
    /// them in several ways (the evaluation compares the policies).
    pub fn rules_and_learned(&self, doc: &Document) -> (Vec<Attribution>, Option<Vec<Attribution>>) {
        let lex = &TokenCues::new(&self.lexicon, doc);
        let rules = self.rule_attributions(doc, lex);
        let learned = self.tagger.as_ref().map(|t| t.attributions(doc, lex, &rules));
        (rules, learned)
    }

    /// The tagger's training sequences of one document with its gold attributions.
    pub fn training_sequences(&self, doc: &Document, gold: &[GoldSpans], bucket_bits: u32) -> Vec<Sequence> {
        let lex = &TokenCues::new(&self.lexicon, doc);
        let rules = self.rule_attributions(doc, lex);
        learned::training_sequences(doc, lex, &rules, gold, bucket_bits)
    }

    /// The rules' attributions (the default product).
    fn rule_attributions(&self, doc: &Document, lex: &TokenCues) -> Vec<Attribution> {
        let direct = direct::attribute(doc, lex);
        let mut found = direct.found;
        for a in &mut found {
            if a.via.is_none() {
                a.via = via_after_cue(doc, lex, a.cue);
            }
        }
        let mut indirect = indirect::find(doc, lex, &direct.claimed, &direct.quoted, &found);
        // Reported speech that runs into a quotation goes on to the quotation's end,
        // past the sentence breaks inside it ("He said Cruz "has courage. He is ...").
        for a in &mut indirect {
            for piece in &mut a.pieces {
                let runs_on = direct.segments.iter().find(|s| {
                    piece.start < s.open && s.open < piece.end && s.content.end > piece.end && s.paragraph == s_paragraph(doc, piece.start)
                });
                if let Some(seg) = runs_on {
                    piece.end = seg.content.end;
                }
            }
        }
        // Partial quotations: quoted words inside reported speech share its speaker.
        let mut partial = Vec::new();
        for chain in &direct.loose {
            for seg in chain {
                if let Some(host) = indirect.iter().find(|a| a.pieces.iter().any(|p| p.contains(seg.content))) {
                    partial.push(Attribution {
                        pieces: vec![seg.content],
                        direct: true,
                        ..host.clone()
                    });
                }
            }
        }
        // Longer quotations inside a sentence that no cue of ours and no reported
        // speech holds: someone's words all the same (`Huckabee is labeling Obama's
        // actions "a blatant, belligerent abuse of power."`).
        let hosted = |seg: &direct::Segment| partial.iter().any(|a| a.pieces.contains(&seg.content));
        let unhosted: Vec<&Vec<direct::Segment>> = direct.loose.iter().filter(|c| !c.iter().any(hosted)).collect();
        for chain in unhosted {
            partial.extend(inline::quotation_in_sentence(doc, lex, chain));
        }
        found.extend(indirect);
        found.extend(partial);
        drop_nested(&mut found);
        found.sort_by_key(|a| a.pieces.first().map(|p| p.start));
        found
    }
}

/// Reported speech inside what someone else is reported to say (`Comey said several
/// people were prosecuted, and that he considered ...`, `he said they believe ...`)
/// is part of that statement, not a statement of its own: the text vouches only for
/// the outer speaker's words, so the inner cue gets no attribution of its own. (This
/// is also PolNeAR's convention: none of its attributions lies inside another's
/// content.) Quotations keep theirs.
fn drop_nested(found: &mut Vec<Attribution>) {
    let inside = |span: Span, outer: &Attribution| outer.pieces.iter().any(|p| p.contains(span));
    let nested: Vec<bool> = found
        .iter()
        .enumerate()
        .map(|(i, a)| {
            !a.direct
                && found
                    .iter()
                    .enumerate()
                    .any(|(j, b)| j != i && inside(a.cue, b) && a.pieces.iter().all(|&p| inside(p, b)))
        })
        .collect();
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !nested[k - 1]
    });
}

/// The paragraph holding byte `at`.
fn s_paragraph(doc: &Document, at: usize) -> usize {
    doc.paragraphs.partition_point(|p| p.end < at)
}

/// The channel named in the cue's own sentence, after the cue.
fn via_after_cue(doc: &Document, lex: &TokenCues, cue: Span) -> Option<Via> {
    let si = doc.sentence_at(cue.start)?;
    let end = doc.sentences[si].tokens.1;
    let from = doc.tokens.partition_point(|t| t.span.start < cue.end);
    channel_after(doc, lex, from, end)
}

#[cfg(test)]
mod tests;
