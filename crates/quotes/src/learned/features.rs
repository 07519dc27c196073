//! The tagger's view of a sentence: per token, hashed sparse features (words around
//! it, suffix and shape, the cue lexicon's bits, quotation marks, the rules' own
//! attributions, the nearest cue candidate, punctuation, actor mentions), and for
//! training the gold BIO labels of source, cue and content.

use super::perceptron::Sequence;
use crate::cues::bits;
use crate::lexed::TokenCues;
use crate::Attribution;
use detente_doc::{Document, Span, TokenKind};

/// The labels: outside, and begin/inside of content, cue and source.
pub mod label {
    pub const O: u8 = 0;
    pub const B_CONTENT: u8 = 1;
    pub const I_CONTENT: u8 = 2;
    pub const B_CUE: u8 = 3;
    pub const I_CUE: u8 = 4;
    pub const B_SOURCE: u8 = 5;
    pub const I_SOURCE: u8 = 6;
    pub const COUNT: usize = 7;
}

/// BIO: an inside label only right after its own begin or inside label.
pub fn allowed(prev: Option<usize>, y: usize) -> bool {
    match y as u8 {
        label::I_CONTENT | label::I_CUE | label::I_SOURCE => prev.is_some_and(|p| p == y || p + 1 == y),
        _ => true,
    }
}

/// One gold attribution in byte spans of the document (contents and cues may come in
/// several pieces).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldSpans {
    pub content: Vec<Span>,
    pub cue: Vec<Span>,
    pub source: Vec<Span>,
}

/// What the rules said about a token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RuleRole {
    None = 0,
    DirectContent,
    IndirectContent,
    Cue,
    Speaker,
}

/// Per-document facts read once: lower-cased words, lexicon bits, quotation state,
/// the rules' roles and actor mentions per token.
pub struct DocFeatures<'a> {
    doc: &'a Document,
    lex: &'a TokenCues<'a>,
    lower: Vec<String>,
    in_quotes: Vec<bool>,
    role: Vec<RuleRole>,
    role_edge: Vec<u8>,
    actor: Vec<bool>,
    mask: u32,
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "\u{201C}" | "\u{201D}" | "''" | "``")
}

impl<'a> DocFeatures<'a> {
    pub fn new(doc: &'a Document, lex: &'a TokenCues<'a>, rules: &[Attribution], bucket_bits: u32) -> Self {
        let n = doc.tokens.len();
        let lower: Vec<String> = doc.tokens.iter().map(|t| doc.slice(t.span).to_lowercase()).collect();
        // Inside quotation marks: toggled by each mark, reset at each paragraph.
        let mut in_quotes = vec![false; n];
        let mut inside = false;
        let mut para = 0;
        for (i, t) in doc.tokens.iter().enumerate() {
            while para < doc.paragraphs.len() && doc.paragraphs[para].end <= t.span.start {
                para += 1;
                inside = false;
            }
            if is_quote_mark(doc.slice(t.span)) {
                inside = !inside;
                in_quotes[i] = true;
            } else {
                in_quotes[i] = inside;
            }
        }
        let mut role = vec![RuleRole::None; n];
        let mut role_edge = vec![0u8; n];
        let token_range = |s: Span| {
            let a = doc.tokens.partition_point(|t| t.span.end <= s.start);
            let b = doc.tokens.partition_point(|t| t.span.start < s.end);
            a..b.max(a)
        };
        for a in rules {
            for p in &a.pieces {
                let r = token_range(*p);
                if let Some(first) = role_edge.get_mut(r.start) {
                    *first |= 1;
                }
                if r.end > r.start {
                    role_edge[r.end - 1] |= 2;
                }
                for i in r {
                    role[i] = if a.direct {
                        RuleRole::DirectContent
                    } else {
                        RuleRole::IndirectContent
                    };
                }
            }
            for i in token_range(a.cue) {
                role[i] = RuleRole::Cue;
            }
            if let Some(s) = a.speaker {
                for i in token_range(s) {
                    role[i] = RuleRole::Speaker;
                }
            }
        }
        let mut actor = vec![false; n];
        for m in doc.actors.iter().flat_map(|a| &a.mentions) {
            for i in token_range(m.span) {
                actor[i] = true;
            }
        }
        DocFeatures {
            doc,
            lex,
            lower,
            in_quotes,
            role,
            role_edge,
            actor,
            mask: (1u32 << bucket_bits) - 1,
        }
    }

    /// True when token `i` is a quotation mark or lies between marks of its paragraph.
    pub fn in_quotes(&self, i: usize) -> bool {
        self.in_quotes.get(i).copied().unwrap_or(false)
    }

    fn word(&self, i: isize, from: usize, to: usize) -> &str {
        if i < from as isize {
            "<s>"
        } else if i >= to as isize {
            "</s>"
        } else {
            &self.lower[i as usize]
        }
    }

    /// The feature sequence of the tokens `from..to` (a sentence).
    pub fn sequence(&self, from: usize, to: usize) -> Sequence {
        let mut seq = Sequence::default();
        let cue_like = bits::VERB | bits::NOUN | bits::SOURCE_START | bits::INTENTION | bits::STANCE | bits::REGARD | bits::PHRASAL;
        let cues: Vec<usize> = (from..to)
            .filter(|&i| self.lex.has(i, cue_like) || self.role[i] == RuleRole::Cue)
            .collect();
        let has_quote = (from..to).any(|i| is_quote_mark(self.doc.slice(self.doc.tokens[i].span)));
        let has_rule = (from..to).any(|i| self.role[i] != RuleRole::None);
        let mut last_punct: Option<usize> = None;
        for i in from..to {
            seq.open_position();
            let mut f = Hasher {
                seq: &mut seq,
                mask: self.mask,
            };
            let ii = i as isize;
            let w = self.word(ii, from, to);
            f.add(0, &[]);
            f.add(1, &[w.as_bytes()]);
            f.add(2, &[self.word(ii - 1, from, to).as_bytes()]);
            f.add(3, &[self.word(ii + 1, from, to).as_bytes()]);
            f.add(4, &[self.word(ii - 2, from, to).as_bytes()]);
            f.add(5, &[self.word(ii + 2, from, to).as_bytes()]);
            f.add(6, &[self.word(ii - 1, from, to).as_bytes(), w.as_bytes()]);
            f.add(7, &[w.as_bytes(), self.word(ii + 1, from, to).as_bytes()]);
            let suffix: String = w.chars().rev().take(3).collect();
            f.add(8, &[suffix.as_bytes()]);
            let token = self.doc.tokens[i];
            let shape = shape(self.doc.slice(token.span), token.kind);
            f.add(9, &[shape.as_bytes()]);
            for (t, j) in [
                (10u8, Some(i)),
                (11, i.checked_sub(1).filter(|&j| j >= from)),
                (12, Some(i + 1).filter(|&j| j < to)),
            ] {
                if let Some(j) = j {
                    let b = self.lex.bits(j);
                    for k in 0..32u8 {
                        if b & (1 << k) != 0 {
                            f.add(t, &[&[k]]);
                        }
                    }
                }
            }
            let q = self.in_quotes[i];
            let q_prev = i > from && self.in_quotes[i - 1];
            f.add(13, &[&[u8::from(q), u8::from(q_prev)]]);
            let role = self.role[i] as u8;
            let role_prev = if i > from { self.role[i - 1] as u8 } else { 9 };
            let role_next = if i + 1 < to { self.role[i + 1] as u8 } else { 9 };
            f.add(15, &[&[role]]);
            f.add(16, &[&[role_prev, role]]);
            f.add(17, &[&[role, role_next]]);
            f.add(18, &[&[role, self.role_edge[i]]]);
            f.add(19, &[&[role, u8::from(q)], w.as_bytes()]);
            if let Some(&c) = cues.iter().min_by_key(|&&c| c.abs_diff(i)) {
                let d = distance_bucket(i as isize - c as isize);
                f.add(20, &[&[d]]);
                f.add(21, &[&[d], self.lower[c].as_bytes()]);
                f.add(22, &[&[d, role]]);
            } else {
                f.add(20, &[b"none"]);
            }
            f.add(
                30,
                &[self.word(ii - 2, from, to).as_bytes(), self.word(ii - 1, from, to).as_bytes()],
            );
            f.add(
                31,
                &[self.word(ii + 1, from, to).as_bytes(), self.word(ii + 2, from, to).as_bytes()],
            );
            f.add(32, &[&[u8::from(q)], self.word(ii - 1, from, to).as_bytes()]);
            // The nearest cue candidates on either side, apart.
            if let Some(&c) = cues.iter().rev().find(|&&c| c < i) {
                f.add(28, &[&[distance_bucket(i as isize - c as isize)], self.lower[c].as_bytes()]);
            }
            if let Some(&c) = cues.iter().find(|&&c| c > i) {
                f.add(29, &[&[distance_bucket(i as isize - c as isize)], self.lower[c].as_bytes()]);
            }
            f.add(23, &[&[u8::from(self.actor[i]), u8::from(i > from && self.actor[i - 1])]]);
            match last_punct {
                Some(p) => f.add(24, &[&[distance_bucket(i as isize - p as isize)], self.lower[p].as_bytes()]),
                None => f.add(24, &[b"none"]),
            }
            f.add(25, &[&[u8::from(i == from), u8::from(i + 1 == to)]]);
            f.add(26, &[&[u8::from(has_quote), u8::from(has_rule), u8::from(cues.is_empty())]]);
            f.add(27, &[shape.as_bytes(), self.word(ii - 1, from, to).as_bytes()]);
            if token.kind == TokenKind::Punct {
                last_punct = Some(i);
            }
        }
        seq
    }
}

/// A signed distance in a few buckets (0, 1, 2, 3-4, 5-8, 9+ either way).
fn distance_bucket(d: isize) -> u8 {
    let a = d.unsigned_abs();
    let b = match a {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        _ => 5,
    };
    if d < 0 {
        b + 8
    } else {
        b
    }
}

/// The word's shape: capitalisation, digits, and punctuation kept as itself.
fn shape(word: &str, kind: TokenKind) -> String {
    if kind == TokenKind::Punct {
        return word.to_string();
    }
    let mut out = String::new();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    out
}

/// FNV-1a over a template number and its values, into the model's buckets.
struct Hasher<'s> {
    seq: &'s mut Sequence,
    mask: u32,
}

impl Hasher<'_> {
    fn add(&mut self, template: u8, parts: &[&[u8]]) {
        let mut h: u64 = 0xcbf29ce484222325;
        let mut eat = |b: u8| {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        };
        eat(template);
        for p in parts {
            for &b in *p {
                eat(b);
            }
            eat(0xff);
        }
        self.seq.feature(((h >> 32) as u32 ^ h as u32) & self.mask);
    }
}

/// The gold labels of tokens `from..to`: cue before source before content where
/// spans overlap; a new piece of any kind opens with its begin label.
pub fn gold_labels(doc: &Document, from: usize, to: usize, gold: &[GoldSpans]) -> Vec<u8> {
    let mut out = Vec::with_capacity(to - from);
    let mut prev_piece: Option<(u8, usize, usize)> = None;
    for i in from..to {
        let t = doc.tokens[i].span;
        let mut found: Option<(u8, usize, usize)> = None;
        for (g, a) in gold.iter().enumerate() {
            for (kind, spans) in [(label::B_CUE, &a.cue), (label::B_SOURCE, &a.source), (label::B_CONTENT, &a.content)] {
                if let Some(p) = spans.iter().position(|s| s.overlaps(t)) {
                    let better = found.is_none_or(|(k, _, _)| rank(kind) < rank(k));
                    if better {
                        found = Some((kind, g, p));
                    }
                }
            }
        }
        out.push(match found {
            None => label::O,
            Some(piece) if prev_piece == Some(piece) => piece.0 + 1,
            Some(piece) => piece.0,
        });
        prev_piece = found;
    }
    out
}

fn rank(kind: u8) -> u8 {
    match kind {
        label::B_CUE => 0,
        label::B_SOURCE => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_labels_follow_their_own_begin() {
        assert!(allowed(Some(label::B_CONTENT as usize), label::I_CONTENT as usize));
        assert!(allowed(Some(label::I_CUE as usize), label::I_CUE as usize));
        assert!(!allowed(Some(label::B_CUE as usize), label::I_CONTENT as usize));
        assert!(!allowed(None, label::I_SOURCE as usize));
        assert!(allowed(None, label::B_SOURCE as usize));
    }

    #[test]
    fn gold_labels_begin_each_piece() {
        use detente_doc::ArticleMeta;
        use detente_text::TextStage;
        let doc = TextStage::default().build(ArticleMeta::default(), "Officials said talks failed and prices rose.");
        let at = |w: &str| {
            let i = doc.text.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let gold = [GoldSpans {
            content: vec![at("talks failed"), at("prices rose")],
            cue: vec![at("said")],
            source: vec![at("Officials")],
        }];
        let (from, to) = doc.sentences[0].tokens;
        use label::*;
        assert_eq!(
            gold_labels(&doc, from, to, &gold),
            vec![B_SOURCE, B_CUE, B_CONTENT, I_CONTENT, O, B_CONTENT, I_CONTENT, O]
        );
    }

    #[test]
    fn distances_and_shapes() {
        assert_eq!(distance_bucket(0), 0);
        assert_eq!(distance_bucket(-1), 9);
        assert_eq!(distance_bucket(7), 4);
        assert_eq!(distance_bucket(-30), 13);
        assert_eq!(shape("McCain", TokenKind::Word), "XxXx");
        assert_eq!(shape("2016", TokenKind::Number), "d");
        assert_eq!(shape(",", TokenKind::Punct), ",");
    }
}
