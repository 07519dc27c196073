//! A learned attribution tagger on top of the rules (optional; off by default).
//!
//! Each sentence is labelled token by token with BIO labels for source, cue and
//! content by an averaged structured perceptron ([`perceptron`]) over hashed sparse
//! features ([`features`]: words, suffixes, shapes, the cue lexicon's bits, quotation
//! marks, the rules' own attributions, the nearest cue candidate, punctuation, actor
//! mentions). The labels become attributions ([`decode`]) and join the rules'
//! ([`merge`]). It is trained on PolNeAR's train compartment (`detente train quotes`);
//! PolNeAR has no licence beyond research use, so no trained weights ship with
//! detente: a model file is given at run time (`--quote-model FILE`).

pub mod decode;
pub mod features;
pub mod merge;
pub mod perceptron;

use crate::lexed::TokenCues;
use crate::speaker;
use crate::Attribution;
use detente_doc::Document;
use features::{label, DocFeatures, GoldSpans};
pub use merge::MergePolicy;
use perceptron::{Sequence, Trainer, Weights};
use std::io::{Read, Write};

/// Hash buckets per label: 2^20.
pub const DEFAULT_BUCKET_BITS: u32 = 20;

/// The largest table a model file may ask for (2^22 buckets, about 120 MB of
/// weights): a damaged or hostile header must not make the loader allocate
/// gigabytes before the file runs out.
pub const MAX_BUCKET_BITS: u32 = 22;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("reading or writing the model: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a detente quote model (bad header or size)")]
    Format,
}

/// The trained tagger: the perceptron's averaged weights and its hash size.
#[derive(Clone, PartialEq)]
pub struct Tagger {
    pub bucket_bits: u32,
    pub weights: Weights,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tagger({} buckets x {} labels)", self.weights.buckets(), self.weights.labels)
    }
}

/// The fewest words a reported-speech content of the tagger's may have.
pub const MIN_WORDS: usize = 4;

/// The word and number tokens inside `pieces`.
fn words_in(doc: &Document, pieces: &[detente_doc::Span]) -> usize {
    doc.tokens
        .iter()
        .filter(|t| t.kind != detente_doc::TokenKind::Punct && pieces.iter().any(|p| p.contains(t.span)))
        .count()
}

const MAGIC: &[u8; 8] = b"DTQTAG01";

impl Tagger {
    /// The attributions the tagger reads in `doc`, given the rules' (they are features).
    pub fn attributions(&self, doc: &Document, lex: &TokenCues, rules: &[Attribution]) -> Vec<Attribution> {
        let feats = DocFeatures::new(doc, lex, rules, self.bucket_bits);
        let labels: Vec<Vec<u8>> = doc
            .sentences
            .iter()
            .map(|s| self.weights.viterbi(&feats.sequence(s.tokens.0, s.tokens.1), &features::allowed))
            .collect();
        let mut found = decode::attributions(doc, &labels, &|i| feats.in_quotes(i));
        // No source labelled in the sentence: the rules' subject of the cue, if any.
        for a in found.iter_mut().filter(|a| a.speaker.is_none()) {
            let cue = doc.tokens.partition_point(|t| t.span.end <= a.cue.start);
            let Some(si) = doc.sentence_at(a.cue.start) else { continue };
            a.speaker = speaker::subject_before(doc, lex, doc.sentences[si].tokens.0, cue).or_else(|| speaker::sentence_subject(doc, cue));
        }
        // Short contents the tagger cuts off mid-phrase ("offered some", "is worried
        // about its electoral") are right too seldom to add (dev: 49 of 185).
        found.retain(|a| a.direct || words_in(doc, &a.pieces) >= MIN_WORDS);
        found
    }

    /// Write the model: a header, the transition weights, then the non-zero emission
    /// weights as (index, weight) pairs, little-endian.
    pub fn save(&self, out: &mut impl Write) -> Result<(), ModelError> {
        out.write_all(MAGIC)?;
        for v in [self.bucket_bits, self.weights.labels as u32, self.weights.trans.len() as u32] {
            out.write_all(&v.to_le_bytes())?;
        }
        for w in &self.weights.trans {
            out.write_all(&w.to_le_bytes())?;
        }
        let nonzero: Vec<(u32, f32)> = self
            .weights
            .emit
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i as u32, *w))
            .collect();
        out.write_all(&(nonzero.len() as u32).to_le_bytes())?;
        for (i, w) in nonzero {
            out.write_all(&i.to_le_bytes())?;
            out.write_all(&w.to_le_bytes())?;
        }
        Ok(())
    }

    /// Read a model written by [`Tagger::save`].
    pub fn load(input: &mut impl Read) -> Result<Self, ModelError> {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes)?;
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], ModelError> {
            let s = bytes.get(at..at + n).ok_or(ModelError::Format)?;
            at += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err(ModelError::Format);
        }
        let mut word = || -> Result<[u8; 4], ModelError> { take(4)?.try_into().map_err(|_| ModelError::Format) };
        let bucket_bits = u32::from_le_bytes(word()?);
        let labels = u32::from_le_bytes(word()?) as usize;
        let trans_len = u32::from_le_bytes(word()?) as usize;
        if !(1..=MAX_BUCKET_BITS).contains(&bucket_bits) || labels != label::COUNT || trans_len != (labels + 1) * labels {
            return Err(ModelError::Format);
        }
        let mut weights = Weights::new(labels, 1 << bucket_bits);
        for w in weights.trans.iter_mut() {
            *w = f32::from_le_bytes(word()?);
        }
        let count = u32::from_le_bytes(word()?) as usize;
        for _ in 0..count {
            let i = u32::from_le_bytes(word()?) as usize;
            let w = f32::from_le_bytes(word()?);
            *weights.emit.get_mut(i).ok_or(ModelError::Format)? = w;
        }
        Ok(Tagger { bucket_bits, weights })
    }
}

/// Training sequences (one per sentence) of one document with its gold attributions;
/// `rules` are the rules' attributions on it (features, as when tagging).
pub fn training_sequences(doc: &Document, lex: &TokenCues, rules: &[Attribution], gold: &[GoldSpans], bucket_bits: u32) -> Vec<Sequence> {
    let feats = DocFeatures::new(doc, lex, rules, bucket_bits);
    doc.sentences
        .iter()
        .map(|s| {
            let mut seq = feats.sequence(s.tokens.0, s.tokens.1);
            seq.gold = features::gold_labels(doc, s.tokens.0, s.tokens.1, gold);
            seq
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Train the tagger on `data` for `epochs` passes in a fixed shuffled order.
pub fn train(data: &[Sequence], epochs: usize, bucket_bits: u32) -> Tagger {
    let mut trainer = Trainer::new(label::COUNT, 1 << bucket_bits);
    for e in 0..epochs {
        trainer.epoch(data, &perceptron::shuffled(data.len(), e as u64), &features::allowed);
    }
    Tagger {
        bucket_bits,
        weights: trainer.averaged(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_reads_back_as_written() {
        let mut weights = Weights::new(label::COUNT, 1 << 4);
        weights.emit[3] = 1.5;
        weights.emit[100] = -2.0;
        weights.trans[5] = 0.25;
        let tagger = Tagger { bucket_bits: 4, weights };
        let mut bytes = Vec::new();
        tagger.save(&mut bytes).unwrap();
        assert_eq!(Tagger::load(&mut bytes.as_slice()).unwrap(), tagger);
        assert!(Tagger::load(&mut &bytes[..bytes.len() - 1]).is_err());
        assert!(Tagger::load(&mut &b"garbage"[..]).is_err());
    }

    #[test]
    fn a_header_asking_for_a_huge_table_is_refused_before_allocating() {
        let tagger = Tagger {
            bucket_bits: 4,
            weights: Weights::new(label::COUNT, 1 << 4),
        };
        let mut bytes = Vec::new();
        tagger.save(&mut bytes).unwrap();
        // the bucket bits follow the 8-byte magic
        bytes[8..12].copy_from_slice(&(MAX_BUCKET_BITS + 1).to_le_bytes());
        assert!(matches!(Tagger::load(&mut bytes.as_slice()), Err(ModelError::Format)));
    }

    proptest::proptest! {
        /// Any bytes after a plausible header give a model or an error, never a panic.
        #[test]
        fn arbitrary_bodies_never_panic(bits in 1u32..6, tail in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let mut bytes = MAGIC.to_vec();
            let labels = label::COUNT as u32;
            for v in [bits, labels, (labels + 1) * labels] {
                bytes.extend(v.to_le_bytes());
            }
            bytes.extend(tail);
            let _ = Tagger::load(&mut bytes.as_slice());
        }
    }
}
