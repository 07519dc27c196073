//! Sentence splitting that survives abbreviations, initials, decimals and quotations.
//!
//! Written here rather than taken from a crate because the splitter must work on our
//! normalised text with byte spans, never cross a paragraph boundary, keep closing
//! quotation marks with their sentence, and read its abbreviations from our own
//! dictionary file so users can extend it.

use detente_doc::Span;
use std::collections::HashSet;

/// The default abbreviation list (`dictionaries/abbreviations.txt`).
pub const DEFAULT_ABBREVIATIONS: &str = include_str!("../../../dictionaries/abbreviations.txt");

/// Words that commonly open a sentence; after a weak abbreviation ("U.S.", "Inc.")
/// a sentence break is assumed only when one of these follows.
const OPENERS: &[&str] = &[
    "A",
    "An",
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Some",
    "Many",
    "Most",
    "Both",
    "After",
    "Before",
    "When",
    "While",
    "Meanwhile",
    "However",
    "Also",
    "If",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Officials",
    "Analysts",
    "Police",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "On",
    "Since",
    "Still",
    "Then",
    "Now",
];

/// Abbreviations that do not end sentences, loaded from a dictionary file.
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    /// Almost never end a sentence (titles before names: "Mr", "Gen").
    strong: HashSet<String>,
    /// End a sentence only before a common opener word ("Inc", "U.S").
    weak: HashSet<String>,
}

impl Abbreviations {
    /// Parse the dictionary format: one abbreviation per line without its final
    /// period, optionally followed by a tab and `strong`; `#` starts a comment.
    pub fn parse(source: &str) -> Self {
        let mut abbr = Abbreviations::default();
        abbr.extend(source);
        abbr
    }

    /// Add (or override) entries from another file in the same format.
    pub fn extend(&mut self, source: &str) {
        for line in source.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            let word = word.trim_end_matches('.').to_string();
            if parts.next() == Some("strong") {
                self.weak.remove(&word);
                self.strong.insert(word);
            } else {
                self.strong.remove(&word);
                self.weak.insert(word);
            }
        }
    }

    pub fn is_strong(&self, word: &str) -> bool {
        self.strong.contains(word)
    }

    /// True for any listed abbreviation, a single capital (an initial) or a dotted
    /// form such as `U.S` or `a.m`.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.strong.contains(word) || self.weak.contains(word) || is_initial(word) || is_dotted(word)
    }
}

impl std::default::Default for Splitter {
    fn default() -> Self {
        Splitter {
            abbreviations: Abbreviations::parse(DEFAULT_ABBREVIATIONS),
        }
    }
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{')
}

/// Splits paragraphs into sentences.
#[derive(Clone, Debug)]
pub struct Splitter {
    pub abbreviations: Abbreviations,
}

impl Splitter {
    pub fn new(abbreviations: Abbreviations) -> Self {
        Splitter { abbreviations }
    }

    /// Sentence spans inside `range` of `text` (a paragraph). The spans are trimmed,
    /// non-empty, in order, do not overlap, and lie inside `range`.
    pub fn split(&self, text: &str, range: Span) -> Vec<Span> {
        let Some(para) = text.get(range.start..range.end) else {
            return Vec::new();
        };
        // In ASCII text (most news) the i-th character is the i-th byte, so no
        // table of character positions is needed.
        self.split_chars(text, range, para, para.is_ascii())
    }

    /// [`Self::split`] over `para` (the text of `range`); `ascii` (only for ASCII
    /// text) indexes characters by byte instead of by a table.
    fn split_chars(&self, text: &str, range: Span, para: &str, ascii: bool) -> Vec<Span> {
        let table: Vec<(usize, char)> = if ascii { Vec::new() } else { para.char_indices().collect() };
        let len = if ascii { para.len() } else { table.len() };
        let char_at = |i: usize| {
            if ascii {
                (i, char::from(para.as_bytes()[i]))
            } else {
                table[i]
            }
        };
        let mut spans = Vec::new();
        let mut start = 0usize; // byte offset within para
        let mut i = 0usize;
        while i < len {
            let (pos, c) = char_at(i);
            if !is_terminal(c) {
                i += 1;
                continue;
            }
            // Run of terminal punctuation ("?!", "...").
            let mut j = i;
            while j + 1 < len && is_terminal(char_at(j + 1).1) {
                j += 1;
            }
            let single_period = j == i && c == '.';
            // Closing quotes and brackets belong to the sentence they close.
            let mut k = j;
            while k + 1 < len && is_closing(char_at(k + 1).1) {
                k += 1;
            }
            let end_byte = char_at(k).0 + char_at(k).1.len_utf8();
            if k + 1 < len && !char_at(k + 1).1.is_whitespace() {
                i = k + 1; // "3.5", "U.S.-led", "example.com"
                continue;
            }
            let next_word = next_word(para, end_byte);
            if self.is_boundary(para, pos, single_period, next_word) {
                let span = Span::new(range.start + start, range.start + end_byte).trim(text);
                if !span.is_empty() {
                    spans.push(span);
                }
                start = end_byte;
            }
            i = k + 1;
        }
        let rest = Span::new(range.start + start, range.end).trim(text);
        if !rest.is_empty() {
            spans.push(rest);
        }
        spans
    }

    fn is_boundary(&self, para: &str, period_pos: usize, single_period: bool, next: Option<&str>) -> bool {
        let Some(next) = next else { return true }; // end of paragraph
        let first = next.trim_start_matches(is_opening).chars().next();
        let starts_sentence = match first {
            Some(c) => c.is_uppercase() || c.is_ascii_digit(),
            None => is_opening(next.chars().next().unwrap_or(' ')),
        };
        if !starts_sentence {
            return false;
        }
        if !single_period {
            return true;
        }
        let word = word_before(para, period_pos);
        if word.is_empty() {
            return true;
        }
        let abbr = &self.abbreviations;
        if abbr.is_strong(word) {
            return false;
        }
        if abbr.is_abbreviation(word) {
            let bare = next.trim_start_matches(is_opening);
            let bare = bare.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
            return OPENERS.contains(&bare);
        }
        true
    }
}

/// The word ending just before byte `pos` (the period), without leading brackets or quotes.
fn word_before(para: &str, pos: usize) -> &str {
    let before = &para[..pos];
    let start = before.rfind(|c: char| c.is_whitespace()).map(|i| i + 1).unwrap_or(0);
    before[start..].trim_start_matches(|c: char| is_opening(c) || c == '\u{2014}')
}

/// The next whitespace-delimited word after byte `from`, if any.
fn next_word(para: &str, from: usize) -> Option<&str> {
    let rest = para.get(from..)?.trim_start();
    if rest.is_empty() {
        return None;
    }
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Vec<&str> {
        let s = Splitter::default();
        s.split(text, Span::new(0, text.len())).iter().map(|sp| sp.text(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5. They talked.";
        assert_eq!(
            split(t),
            vec!["Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5.", "They talked."]
        );
    }

    #[test]
    fn dotted_abbreviation_before_opener_splits() {
        assert_eq!(
            split("He flew to the U.S. The talks begin today."),
            vec!["He flew to the U.S.", "The talks begin today."]
        );
    }

    #[test]
    fn initials_and_decimals() {
        let t = "John F. Kennedy spoke. Growth was 3.5 percent. No. 10 Downing Street replied.";
        assert_eq!(
            split(t),
            vec![
                "John F. Kennedy spoke.",
                "Growth was 3.5 percent.",
                "No. 10 Downing Street replied."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let t = "\"We are ready. We will go,\" he said. \"Are you?\" she asked. \"Yes.\" Then silence.";
        assert_eq!(
            split(t),
            vec![
                "\"We are ready.",
                "We will go,\" he said.",
                "\"Are you?\" she asked.",
                "\"Yes.\"",
                "Then silence."
            ]
        );
    }

    #[test]
    fn lowercase_after_period_continues() {
        assert_eq!(
            split("It cost 5 mln dlrs. vs. last year's figure."),
            vec!["It cost 5 mln dlrs. vs. last year's figure."]
        );
    }

    #[test]
    fn user_entries_extend_defaults() {
        let mut s = Splitter::default();
        assert_eq!(s.split("Ask Sheikh. Xyz now.", Span::new(0, 20)).len(), 2);
        s.abbreviations.extend("Sheikh\tstrong\n");
        assert_eq!(s.split("Ask Sheikh. Xyz now.", Span::new(0, 20)).len(), 1);
    }

    proptest! {
        #[test]
        fn ascii_shortcut_gives_the_same_sentences(t in "[A-Za-z0-9 .!?\"'(),]{0,120}") {
            let s = Splitter::default();
            let range = Span::new(0, t.len());
            prop_assert_eq!(s.split_chars(&t, range, &t, true), s.split_chars(&t, range, &t, false));
        }

        #[test]
        fn sentences_inside_and_ordered(t in "[A-Za-z .!?\"',]{0,120}") {
            let s = Splitter::default();
            let range = Span::new(0, t.len());
            let spans = s.split(&t, range);
            let mut last_end = 0;
            for sp in &spans {
                prop_assert!(range.contains(*sp));
                prop_assert!(!sp.is_empty());
                prop_assert!(sp.start >= last_end);
                last_end = sp.end;
            }
        }

        #[test]
        fn no_text_is_lost(t in "[A-Za-z .!?]{0,120}") {
            let s = Splitter::default();
            let spans = s.split(&t, Span::new(0, t.len()));
            let kept: usize = spans.iter().map(|sp| sp.text(&t).chars().filter(|c| !c.is_whitespace()).count()).sum();
            prop_assert_eq!(kept, t.chars().filter(|c| !c.is_whitespace()).count());
        }
    }
}
