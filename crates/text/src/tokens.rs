//! Tokens: words (with dotted abbreviations and hyphenated compounds kept whole),
//! numbers, possessive and negation clitics, and punctuation.

use crate::sentences::Abbreviations;
use detente_doc::{Span, Token, TokenKind};

/// Tokenise `range` of `text` (one sentence).
pub fn tokenize(text: &str, range: Span, abbr: &Abbreviations) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, range, abbr, &mut tokens);
    tokens
}

/// Tokenise `range` of `text` (one sentence), appending to `tokens` (the document's
/// token layer, so that no list is built per sentence).
pub fn tokenize_into(text: &str, range: Span, abbr: &Abbreviations, tokens: &mut Vec<Token>) {
    if let Some(s) = text.get(range.start..range.end) {
        // In ASCII text (most news) the i-th character is the i-th byte, so no
        // table of character positions is needed.
        tokenize_chars(s, range.start, s.is_ascii(), abbr, tokens);
    }
}

/// The tokeniser proper over sentence `s` starting at byte `offset` of the text;
/// `ascii` (only for ASCII `s`) indexes characters by byte instead of by a table.
fn tokenize_chars(s: &str, offset: usize, ascii: bool, abbr: &Abbreviations, tokens: &mut Vec<Token>) {
    let cs = SentenceChars::new(s, ascii);
    let mut push = |start: usize, end: usize, kind: TokenKind| {
        tokens.push(Token {
            span: Span::new(offset + cs.byte(start), offset + cs.byte(end)),
            kind,
        });
    };
    let mut i = 0;
    while i < cs.len {
        let Some(c) = cs.at(i) else { break };
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphabetic() {
            kind = TokenKind::Word;
            i = cs.word_end(start, abbr);
            // the "n't" clitic as its own token
            if cs.at(i) == Some('n') && cs.at(i + 1) == Some('\'') && cs.at(i + 2) == Some('t') {
                push(start, i, kind);
                push(i, i + 3, TokenKind::Word);
                i += 3;
                continue;
            }
        } else if c.is_ascii_digit() {
            kind = TokenKind::Number;
            i = cs.number_end(start);
        } else if c == '\'' && cs.at(i + 1).is_some_and(char::is_alphabetic) && i > 0 && cs.at(i - 1).is_some_and(char::is_alphanumeric) {
            // clitic: 's 'd 'm 'll 're 've
            kind = TokenKind::Word;
            i = cs.letters_end(start + 1);
        } else {
            kind = TokenKind::Punct;
            i = if c == '.' { cs.periods_end(start) } else { start + 1 };
        }
        push(start, i, kind);
    }
}

/// One sentence's characters by index: the i-th byte in ASCII text, else from a table
/// of (byte offset, character).
struct SentenceChars<'a> {
    s: &'a str,
    ascii: bool,
    chars: Vec<(usize, char)>,
    /// The number of characters.
    len: usize,
}

impl<'a> SentenceChars<'a> {
    fn new(s: &'a str, ascii: bool) -> Self {
        let chars: Vec<(usize, char)> = if ascii { Vec::new() } else { s.char_indices().collect() };
        let len = if ascii { s.len() } else { chars.len() };
        SentenceChars { s, ascii, chars, len }
    }

    /// Character `i`, if there is one.
    fn at(&self, i: usize) -> Option<char> {
        if self.ascii {
            self.s.as_bytes().get(i).map(|&b| char::from(b))
        } else {
            self.chars.get(i).map(|&(_, c)| c)
        }
    }

    /// The byte offset of character `i` (the sentence's length past its end).
    fn byte(&self, i: usize) -> usize {
        if self.ascii {
            i.min(self.s.len())
        } else {
            self.chars.get(i).map(|&(b, _)| b).unwrap_or(self.s.len())
        }
    }

    /// The end of the word starting with the letter at `start`: letters and digits,
    /// inner apostrophes (O'Brien, but not a clitic or "n't"), hyphens, periods between
    /// letters (U.S.), `&` in a short capitalised word (AT&T), and the closing period
    /// of an abbreviation unless it ends the sentence.
    fn word_end(&self, start: usize, abbr: &Abbreviations) -> usize {
        let at = |i: usize| self.at(i);
        let mut i = start + 1;
        loop {
            match at(i) {
                Some(c) if c.is_alphanumeric() => i += 1,
                // "n't" is split off: "don't" -> "do" + "n't"
                Some('\'') if at(i + 1).is_some_and(char::is_alphabetic) => {
                    if self.is_n_t(i) {
                        i -= 1; // leave "n't" for the next token
                        break;
                    }
                    if self.is_clitic(i) {
                        break;
                    }
                    i += 1; // O'Brien
                }
                Some('-') if at(i + 1).is_some_and(char::is_alphanumeric) => i += 1,
                // U.S, e.g: a period between letters
                Some('.')
                    if at(i + 1).is_some_and(char::is_alphabetic)
                        && at(i + 2).is_none_or(|c| !c.is_lowercase() || at(i + 2) == Some('.'))
                        && i - start <= 3 =>
                {
                    i += 1
                }
                Some('&') if at(i + 1).is_some_and(char::is_uppercase) && i - start <= 2 => i += 1, // AT&T
                _ => break,
            }
        }
        // A closing period belongs to an abbreviation unless it ends the sentence.
        if at(i) == Some('.') && i + 1 < self.len {
            let word = &self.s[self.byte(start)..self.byte(i)];
            if abbr.is_abbreviation(word) {
                i += 1;
            }
        }
        i
    }

    /// Whether the apostrophe at `i` is that of "n't" ending the word ("don't").
    fn is_n_t(&self, i: usize) -> bool {
        self.at(i - 1) == Some('n') && self.at(i + 1) == Some('t') && !self.at(i + 2).is_some_and(char::is_alphabetic)
    }

    /// Whether the apostrophe at `i` starts a clitic ending the word: 's 'S 'd 'm 'll 're 've.
    fn is_clitic(&self, i: usize) -> bool {
        let at = |i: usize| self.at(i);
        matches!(at(i + 1), Some('s' | 'S' | 'd' | 'm')) && !at(i + 2).is_some_and(char::is_alphabetic)
            || matches!(
                (at(i + 1), at(i + 2)),
                (Some('l'), Some('l')) | (Some('r'), Some('e')) | (Some('v'), Some('e'))
            ) && !at(i + 3).is_some_and(char::is_alphabetic)
    }

    /// The end of the number starting with the digit at `start` (`1,000.5`, `10:30`, `3/4`, `2nd`).
    fn number_end(&self, start: usize) -> usize {
        let mut i = start + 1;
        loop {
            match self.at(i) {
                Some(c) if c.is_alphanumeric() => i += 1,
                Some('.' | ',' | ':' | '/') if self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) => i += 1,
                _ => break,
            }
        }
        i
    }

    /// The end of the letters from `i` on.
    fn letters_end(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_alphabetic) {
            i += 1;
        }
        i
    }

    /// The end of the run of periods starting at `start` (an ellipsis is one token).
    fn periods_end(&self, start: usize) -> usize {
        let mut i = start + 1;
        while self.at(i) == Some('.') {
            i += 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::DEFAULT_ABBREVIATIONS;
    use proptest::prelude::*;

    fn toks(s: &str) -> Vec<&str> {
        let abbr = Abbreviations::parse(DEFAULT_ABBREVIATIONS);
        tokenize(s, Span::new(0, s.len()), &abbr).iter().map(|t| t.span.text(s)).collect()
    }

    #[test]
    fn words_clitics_abbreviations() {
        assert_eq!(
            toks("India's U.S. envoy didn't go."),
            vec!["India", "'s", "U.S.", "envoy", "did", "n't", "go", "."]
        );
        assert_eq!(
            toks("Mr. O'Brien's pro-Russian stance"),
            vec!["Mr.", "O'Brien", "'s", "pro-Russian", "stance"]
        );
        assert_eq!(
            toks("3.5 percent, 1,200 troops at 3:30"),
            vec!["3.5", "percent", ",", "1,200", "troops", "at", "3:30"]
        );
        assert_eq!(toks("\"Yes,\" he said..."), vec!["\"", "Yes", ",", "\"", "he", "said", "..."]);
    }

    proptest! {
        #[test]
        fn ascii_shortcut_gives_the_same_tokens(s in "[A-Za-z0-9 .,:/&'\"-]{0,60}") {
            let abbr = Abbreviations::parse(DEFAULT_ABBREVIATIONS);
            let (mut fast, mut table) = (Vec::new(), Vec::new());
            tokenize_chars(&s, 3, true, &abbr, &mut fast);
            tokenize_chars(&s, 3, false, &abbr, &mut table);
            prop_assert_eq!(fast, table);
        }

        #[test]
        fn tokens_are_ordered_and_inside(s in "[A-Za-z0-9 .,'\"-]{0,60}") {
            let abbr = Abbreviations::parse(DEFAULT_ABBREVIATIONS);
            let range = Span::new(0, s.len());
            let mut last = 0;
            for t in tokenize(&s, range, &abbr) {
                prop_assert!(range.contains(t.span));
                prop_assert!(!t.span.is_empty());
                prop_assert!(t.span.start >= last);
                last = t.span.end;
            }
        }
    }
}
