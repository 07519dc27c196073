//! Misspelt country names and adjectives ("Ethopia", "Venezula", "Portugese"): a
//! capitalised word that no dictionary phrase matched, one interior letter away from a
//! country name or adjective of seven letters or more, stands for it.
//!
//! The rule is kept narrow for precision, as measured on news text (Reuters-21578,
//! BBC, CoNLL-2003; see docs/ACTORS.md): only country names and singular adjectives
//! (not people's names: "Schroder" is more often the bank than the chancellor), only
//! names of seven letters or more ("Haitai", "Gambon" and "Childe" are not Haiti,
//! Gabon and Chile), never the first, last or second-to-last letter ("Americas",
//! "Mexicanos", "Guineas"), and never one of a doubled letter ("Cameron" is not
//! Cameroon). A word that could be two countries is left alone.

use crate::dictionary::{ActorDictionary, EntryKind};
use crate::matching::Hit;
use detente_doc::{Span, Token, TokenKind};
use std::collections::HashMap;

/// Shortest name or adjective a misspelling is looked for.
const MIN_NAME_LEN: usize = 7;

/// The index of country names and their one-letter deletions.
#[derive(Clone, Debug, Default)]
pub struct FuzzyNames {
    /// Exact names -> entry (None when two countries share the spelling).
    names: HashMap<String, Option<usize>>,
    /// Names less one interior letter -> entry (None when ambiguous).
    deletions: HashMap<String, Option<usize>>,
    /// The names' shapes (first letter, last two letters, length; see [`shape`]),
    /// sorted: a misspelling keeps the first and the last two letters and is one
    /// letter longer or shorter, so a word is hashed only when a name has the shape
    /// (most capitalised words, people's and companies' names, have none).
    shapes: Vec<u32>,
}

/// First letter, last two letters and length of an ASCII word of 3+ letters.
fn shape(w: &[u8], len: usize) -> u32 {
    let n = w.len();
    (u32::from(w[0]) << 24) | (u32::from(w[n - 2]) << 16) | (u32::from(w[n - 1]) << 8) | (len.min(255) as u32)
}

/// A plain capitalised ASCII word ("Ethiopia", not "UN" or "al-Thani").
fn is_capitalised_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_lowercase())
}

/// The interior positions a misspelling may touch in an ASCII word: not the first,
/// last or second-to-last letter, and not one of a doubled letter.
fn interior_positions(w: &str) -> impl Iterator<Item = usize> + '_ {
    let b = w.as_bytes();
    (1..b.len().saturating_sub(2)).filter(move |&i| b[i] != b[i - 1] && b[i] != b[i + 1])
}

/// `w` less its byte `i`, written into `buf`.
fn without<'b>(w: &str, i: usize, buf: &'b mut String) -> &'b str {
    buf.clear();
    buf.push_str(&w[..i]);
    buf.push_str(&w[i + 1..]);
    buf
}

fn insert(map: &mut HashMap<String, Option<usize>>, key: String, entry: usize, code_of: &dyn Fn(usize) -> String) {
    map.entry(key)
        .and_modify(|e| {
            if e.is_some_and(|old| code_of(old) != code_of(entry)) {
                *e = None;
            }
        })
        .or_insert(Some(entry));
}

impl FuzzyNames {
    pub fn new(dictionary: &ActorDictionary) -> Self {
        let code = |i: usize| match &dictionary.entries[i].kind {
            EntryKind::CountryName { code } | EntryKind::CountryAdjective { code, .. } => code.clone(),
            _ => String::new(),
        };
        let mut f = FuzzyNames::default();
        for (i, e) in dictionary.entries.iter().enumerate() {
            let usable = matches!(
                e.kind,
                EntryKind::CountryName { .. } | EntryKind::CountryAdjective { plural: false, .. }
            );
            if !usable || e.phrase.len() < MIN_NAME_LEN || !is_capitalised_word(&e.phrase) {
                continue;
            }
            insert(&mut f.names, e.phrase.clone(), i, &code);
            f.shapes.push(shape(e.phrase.as_bytes(), e.phrase.len()));
            let mut buf = String::new();
            for p in interior_positions(&e.phrase) {
                insert(&mut f.deletions, without(&e.phrase, p, &mut buf).to_string(), i, &code);
            }
        }
        f.shapes.sort_unstable();
        f.shapes.dedup();
        f
    }

    /// The dictionary entry a misspelt word stands for, if exactly one country fits.
    pub fn lookup(&self, word: &str) -> Option<usize> {
        if word.len() < MIN_NAME_LEN - 1 || !is_capitalised_word(word) {
            return None;
        }
        let w = word.as_bytes();
        let has = |len: usize| self.shapes.binary_search(&shape(w, len)).is_ok();
        if !has(w.len() + 1) && !has(w.len() - 1) {
            return None;
        }
        if self.names.contains_key(word) {
            return None;
        }
        // the word lacks a letter ("Ethopia"), or has one too many ("Ethiiopia")
        let mut found = self.deletions.get(word).copied();
        let mut buf = String::with_capacity(word.len());
        for p in interior_positions(word) {
            if let Some(&e) = self.names.get(without(word, p, &mut buf)) {
                match (found, e) {
                    (None, e) => found = Some(e),
                    (Some(Some(a)), Some(b)) if a == b => {}
                    _ => return None,
                }
            }
        }
        found.flatten()
    }

    /// Add a hit for every word token not covered by `hits` that is a misspelt country;
    /// `hits` stays in text order.
    pub fn add_hits(&self, text: &str, tokens: &[Token], hits: &mut Vec<Hit>) {
        let mut added = Vec::new();
        let mut h = 0;
        let bytes = text.as_bytes();
        // (every token passes here: the cheapest tests first)
        let candidate = |t: &&Token| {
            t.kind == TokenKind::Word && t.span.len() >= MIN_NAME_LEN - 1 && bytes.get(t.span.start).is_some_and(u8::is_ascii_uppercase)
        };
        for t in tokens.iter().filter(candidate) {
            while h < hits.len() && hits[h].span.end <= t.span.start {
                h += 1;
            }
            if hits.get(h).is_some_and(|x| x.span.start < t.span.end) {
                continue;
            }
            if let Some(entry) = self.lookup(t.span.text(text)) {
                added.push(Hit {
                    span: Span::new(t.span.start, t.span.end),
                    entry,
                });
            }
        }
        if !added.is_empty() {
            hits.extend(added);
            hits.sort_by_key(|x| x.span.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fuzzy() -> (ActorDictionary, FuzzyNames) {
        let d = ActorDictionary::default_dictionary().unwrap();
        let f = FuzzyNames::new(&d);
        (d, f)
    }

    fn code(d: &ActorDictionary, f: &FuzzyNames, w: &str) -> Option<String> {
        f.lookup(w).map(|i| match &d.entries[i].kind {
            EntryKind::CountryName { code } | EntryKind::CountryAdjective { code, .. } => code.clone(),
            _ => String::new(),
        })
    }

    #[test]
    fn one_interior_letter_missing_or_extra() {
        let (d, f) = fuzzy();
        assert_eq!(code(&d, &f, "Ethopia").as_deref(), Some("ETH"));
        assert_eq!(code(&d, &f, "Venezula").as_deref(), Some("VEN"));
        assert_eq!(code(&d, &f, "Portugese").as_deref(), Some("PRT"));
        assert_eq!(code(&d, &f, "Japansese").as_deref(), Some("JPN"));
        assert_eq!(code(&d, &f, "Malysia").as_deref(), Some("MYS"));
    }

    #[test]
    fn near_misses_that_are_other_words_are_not_countries() {
        let (d, f) = fuzzy();
        for w in [
            "Cameron",
            "Americas",
            "Mexicanos",
            "Guineas",
            "Haitai",
            "Gambon",
            "Childe",
            "Ethiopia",
            "ethopia",
        ] {
            assert_eq!(code(&d, &f, w), None, "{w}");
        }
    }

    #[test]
    fn hits_are_added_in_text_order_and_only_over_uncovered_words() {
        let (d, f) = fuzzy();
        let text = "Ethopia and Kenya met Venezula.";
        let tok = |a: usize, b: usize| Token {
            span: Span::new(a, b),
            kind: TokenKind::Word,
        };
        let tokens = vec![tok(0, 7), tok(8, 11), tok(12, 17), tok(18, 21), tok(22, 30)];
        let kenya = d.find_all(text);
        let mut hits = kenya.clone();
        f.add_hits(text, &tokens, &mut hits);
        let spans: Vec<&str> = hits.iter().map(|h| h.span.text(text)).collect();
        assert_eq!(spans, ["Ethopia", "Kenya", "Venezula"]);
    }
}
