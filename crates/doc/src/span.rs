//! Half-open byte ranges into a document's normalised text.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of **byte** offsets into [`crate::Document::text`].
///
/// Inside the pipeline spans count bytes, because that is what Rust string slicing
/// needs; the JSON writer ([`crate::output`]) converts them to character offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the ends are swapped if given backwards.
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span { start: end, end: start }
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies wholly inside `self`.
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this span covers, or `""` when the span does not fit `text`
    /// (out of range or not on character boundaries) rather than panicking.
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Shrink the span so it starts and ends on non-whitespace characters.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.text(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            return Span {
                start: self.start,
                end: self.start,
            };
        }
        Span {
            start: self.start + lead,
            end: self.end - trail,
        }
    }
}

/// Converts byte offsets of one text into character (Unicode scalar value) offsets.
pub struct CharIndex {
    /// `chars_before[b]` = number of chars that start before byte `b`, for every byte
    /// offset 0..=len (offsets inside a character map to that character's index + 1).
    /// Empty for ASCII text, where character and byte offsets are the same.
    chars_before: Vec<u32>,
    /// The text's length when it is ASCII (no table needed).
    ascii_len: Option<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                chars_before: Vec::new(),
                ascii_len: Some(text.len()),
            };
        }
        let mut chars_before = Vec::with_capacity(text.len() + 1);
        let mut count = 0u32;
        for (i, ch) in text.char_indices() {
            // bytes of this char: its first byte sees `count`, the rest `count + 1`
            chars_before.push(count);
            for _ in 1..ch.len_utf8() {
                chars_before.push(count + 1);
            }
            let _ = i;
            count += 1;
        }
        chars_before.push(count);
        CharIndex {
            chars_before,
            ascii_len: None,
        }
    }

    /// Character offset of byte offset `byte` (clamped to the text's end).
    #[inline]
    pub fn char_offset(&self, byte: usize) -> usize {
        if let Some(len) = self.ascii_len {
            return byte.min(len);
        }
        let last = self.chars_before.len() - 1;
        self.chars_before[byte.min(last)] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn char_index_counts_multibyte() {
        let text = "a“b”c";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_offset(0), 0);
        assert_eq!(idx.char_offset(1), 1);
        assert_eq!(idx.char_offset(4), 2); // after the 3-byte quote
        assert_eq!(idx.char_offset(text.len()), 5);
    }

    #[test]
    fn text_never_panics_off_boundary() {
        let text = "é";
        assert_eq!(Span::new(0, 1).text(text), "");
        assert_eq!(Span::new(0, 9).text(text), "");
    }

    proptest! {
        #[test]
        fn cover_contains_both(a in 0usize..100, b in 0usize..100, c in 0usize..100, d in 0usize..100) {
            let x = Span::new(a, b);
            let y = Span::new(c, d);
            let z = x.cover(y);
            prop_assert!(z.contains(x) && z.contains(y));
        }

        #[test]
        fn overlap_is_symmetric(a in 0usize..50, b in 0usize..50, c in 0usize..50, d in 0usize..50) {
            let x = Span::new(a, b);
            let y = Span::new(c, d);
            prop_assert_eq!(x.overlaps(y), y.overlaps(x));
        }

        #[test]
        fn char_offsets_are_monotonic(s in "\\PC{0,40}") {
            let idx = CharIndex::new(&s);
            let mut last = 0;
            for (b, _) in s.char_indices() {
                let c = idx.char_offset(b);
                prop_assert!(c >= last);
                last = c;
            }
            prop_assert_eq!(idx.char_offset(s.len()), s.chars().count());
        }

        #[test]
        fn ascii_offsets_are_byte_offsets(s in "[ -~]{0,40}", b in 0usize..50) {
            let idx = CharIndex::new(&s);
            prop_assert_eq!(idx.char_offset(b), s.len().min(b));
            // the same figure as the table built for non-ASCII text gives
            let wide = format!("{s}é");
            prop_assert_eq!(CharIndex::new(&wide).char_offset(b.min(s.len())), idx.char_offset(b));
        }

        #[test]
        fn trim_stays_inside(s in "[ a-z]{0,20}", a in 0usize..20, b in 0usize..20) {
            let span = Span::new(a.min(s.len()), b.min(s.len()));
            let t = span.trim(&s);
            prop_assert!(span.contains(t));
        }
    }
}
