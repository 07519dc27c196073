//! Dictionary matching: one Aho-Corasick pass over the whole text (fast on tens of
//! thousands of phrases), then the checks a plain automaton cannot make: word
//! boundaries, case rules and PETRARCH stems.

use crate::dictionary::{ActorDictionary, Entry, EntryKind};
use aho_corasick::{Anchored, Input};
use detente_doc::Span;

/// A dictionary phrase found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    /// Index into [`ActorDictionary::entries`].
    pub entry: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl ActorDictionary {
    /// Every dictionary match in `text` that respects case rules and word boundaries,
    /// in text order and without overlaps (the longest phrase wins).
    pub fn find_all(&self, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        // lower-case demonyms ("tunisian"), kept only before a role ("tunisian rioters")
        let mut lower_case: Vec<Hit> = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.automaton.find(Input::new(text).range(pos..)) else {
                break;
            };
            match self.accept_at(text, m.start(), m.end()) {
                Some(hit) => {
                    pos = hit.span.end.max(m.end());
                    // A stem may have grown over the start of the next match.
                    if hits.last().is_none_or(|last| last.span.end <= hit.span.start) {
                        hits.push(hit);
                    }
                }
                // Rejected (case, boundary): shorter phrases at the same place were
                // hidden by the longest one, so look again from the next character.
                None => {
                    let overlaps = |h: &Hit| lower_case.last().is_some_and(|l| l.span.end > h.span.start);
                    if let Some(hit) = self
                        .lower_case_adjective(text, m.pattern().as_usize(), m.start(), m.end())
                        .filter(|h| !overlaps(h))
                    {
                        lower_case.push(hit);
                    }
                    pos = next_char(text, m.start());
                }
            }
        }
        if !lower_case.is_empty() {
            self.add_lower_case_adjectives(text, lower_case, &mut hits);
        }
        hits
    }

    /// A country adjective written in lower case ("tunisian" for "Tunisian"), as a
    /// candidate: the automaton matches any case, our capitalised entries reject it.
    fn lower_case_adjective(&self, text: &str, entry: usize, start: usize, end: usize) -> Option<Hit> {
        let e = &self.entries[entry];
        if !matches!(e.kind, EntryKind::CountryAdjective { plural: false, .. }) {
            return None;
        }
        let found = &text[start..end];
        let lower_only = !found.chars().any(char::is_uppercase) && e.phrase.chars().any(char::is_lowercase);
        let bytes = text.as_bytes();
        let whole_word = (start == 0 || !is_word_byte(bytes[start - 1])) && bytes.get(end) == Some(&b' ');
        (lower_only && whole_word && e.phrase.to_lowercase() == found).then(|| Hit {
            span: Span::new(start, end),
            entry,
        })
    }

    /// Keep the lower-case adjectives that stand right before a role hit ("tunisian
    /// rioters", "french troops"); elsewhere the word is left alone ("french fries").
    fn add_lower_case_adjectives(&self, text: &str, candidates: Vec<Hit>, hits: &mut Vec<Hit>) {
        let before_role = |c: &Hit| {
            !hits.iter().any(|h| h.span.overlaps(c.span))
                && hits.iter().any(|h| {
                    h.span.start == c.span.end + 1
                        && matches!(self.entries[h.entry].kind, EntryKind::Role { .. })
                        && text.as_bytes().get(c.span.end) == Some(&b' ')
                })
        };
        let kept: Vec<Hit> = candidates.into_iter().filter(before_role).collect();
        if !kept.is_empty() {
            hits.extend(kept);
            hits.sort_by_key(|h| h.span.start);
        }
    }

    /// The longest acceptable phrase starting at `start` and ending by `end`.
    fn accept_at(&self, text: &str, start: usize, end: usize) -> Option<Hit> {
        let mut end = end;
        loop {
            let input = Input::new(text).range(start..end).anchored(Anchored::Yes);
            let m = self.automaton.find(input)?;
            let entry = &self.entries[m.pattern().as_usize()];
            if let Some(e) = accept(entry, text, m.start(), m.end()) {
                return Some(Hit {
                    span: Span::new(m.start(), e),
                    entry: m.pattern().as_usize(),
                });
            }
            end = m.end().checked_sub(1)?;
            if end <= start {
                return None;
            }
        }
    }

    pub fn entry(&self, hit: &Hit) -> &Entry {
        &self.entries[hit.entry]
    }
}

/// Whether `span` is only part of a hyphenated word ("government" in "government-held",
/// "Russia" in "pro-Russia"); a dash between words ("Beijing-- which") does not join.
pub fn inside_hyphenated_word(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let joined_before = span.start >= 2 && bytes[span.start - 1] == b'-' && is_word_byte(bytes[span.start - 2]);
    let joined_after = bytes.get(span.end) == Some(&b'-') && bytes.get(span.end + 1).is_some_and(|&b| is_word_byte(b));
    joined_before || joined_after
}

/// Participles after a hyphen that make the word before them a modifier of the noun
/// that follows ("government-held", "UK-based", "Iranian-backed"): the area, group
/// or militia is the thing named, not the government, Britain or Iran.
const MODIFYING_PARTICIPLES: &[&str] = &[
    "held",
    "controlled",
    "occupied",
    "based",
    "backed",
    "supported",
    "sponsored",
    "funded",
    "allied",
    "aligned",
    "linked",
    "affiliated",
    "dominated",
    "leaning",
    "friendly",
    "born",
    "made",
    "built",
];

/// Whether `span` is joined by a hyphen to a following participle of
/// [`MODIFYING_PARTICIPLES`] ("government" in "government-held", "UK" in "UK-based").
pub fn before_hyphenated_participle(text: &str, span: Span) -> bool {
    let Some(rest) = text.get(span.end..).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    let word_len = rest.bytes().take_while(|&b| is_word_byte(b)).count();
    rest.get(..word_len)
        .is_some_and(|w| MODIFYING_PARTICIPLES.iter().any(|p| p.eq_ignore_ascii_case(w)))
}

/// Whether `span` follows "pro-" or "anti-" ("pro-Russia rebels", "anti-government
/// protesters"): the rebels and protesters are for or against Russia or the
/// government, not theirs.
pub fn after_pro_or_anti(text: &str, span: Span) -> bool {
    let Some(before) = text.get(..span.start).and_then(|b| b.strip_suffix('-')) else {
        return false;
    };
    let word_start = before.bytes().rposition(|b| !is_word_byte(b)).map_or(0, |i| i + 1);
    before
        .get(word_start..)
        .is_some_and(|w| w.eq_ignore_ascii_case("pro") || w.eq_ignore_ascii_case("anti"))
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(text.len(), |c| at + c.len_utf8())
}

/// Where an accepted match ends (stems run to the end of their word), or None.
fn accept(entry: &Entry, text: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let found = &text[start..end];
    if entry.case_sensitive && found != entry.phrase {
        return None;
    }
    if entry.capitalized && !found.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if start > 0 && is_word_byte(bytes[start - 1]) && is_word_byte(bytes[start]) {
        return None;
    }
    let mut end = end;
    if entry.stem {
        while end < bytes.len() && is_word_byte(bytes[end]) {
            end += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    let ends_word = end == bytes.len() || !is_word_byte(bytes[end]) || !is_word_byte(bytes[end - 1]);
    ends_word.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Entry;
    use proptest::prelude::*;

    fn dict(entries: Vec<Entry>) -> ActorDictionary {
        ActorDictionary::from_entries(entries).unwrap()
    }

    fn country(p: &str) -> Entry {
        Entry::new(p, EntryKind::CountryName { code: "XXX".into() })
    }

    #[test]
    fn boundaries_and_case() {
        let d = dict(vec![country("Oman"), country("US"), country("U.S.")]);
        let text = "A woman told us the U.S. and US and Oman agreed.";
        let found: Vec<&str> = d.find_all(text).iter().map(|h| h.span.text(text)).collect();
        assert_eq!(found, vec!["U.S.", "US", "Oman"]);
    }

    #[test]
    fn a_rejected_long_phrase_does_not_hide_a_shorter_one() {
        let d = dict(vec![country("Russia"), country("Russia Today")]);
        let text = "He visited Russia today.";
        let found: Vec<&str> = d.find_all(text).iter().map(|h| h.span.text(text)).collect();
        assert_eq!(found, vec!["Russia"]);
    }

    #[test]
    fn stems_run_to_word_end() {
        let mut e = country("ARGENTIN");
        e.stem = true;
        e.case_sensitive = false;
        let d = dict(vec![e]);
        let text = "Argentina and Argentine officials";
        let found: Vec<&str> = d.find_all(text).iter().map(|h| h.span.text(text)).collect();
        assert_eq!(found, vec!["Argentina", "Argentine"]);
    }

    /// The span of the first `w` in `text`.
    fn span_of(text: &str, w: &str) -> Span {
        let start = text.find(w).unwrap();
        Span::new(start, start + w.len())
    }

    #[test]
    fn hyphenated_words() {
        let text = "a government-held part, pro-Russia rebels, Beijing-- which, Al-Qaeda said";
        let at = |w: &str| span_of(text, w);
        assert!(inside_hyphenated_word(text, at("government")));
        assert!(inside_hyphenated_word(text, at("Russia")));
        assert!(!inside_hyphenated_word(text, at("Beijing")));
        assert!(!inside_hyphenated_word(text, at("Al-Qaeda")));
        assert!(!inside_hyphenated_word(text, at("rebels")));
    }

    #[test]
    fn lower_case_adjectives_only_before_a_role() {
        let role = Entry::new(
            "rioters",
            EntryKind::Role {
                sector: Some("CVL".into()),
                holder: crate::dictionary::Holder::Group,
                prefix: false,
            },
        );
        let adjective = |p: &str| {
            Entry::new(
                p,
                EntryKind::CountryAdjective {
                    code: "TUN".into(),
                    plural: false,
                },
            )
        };
        let d = dict(vec![role, adjective("Tunisian"), adjective("South Tunisian")]);
        let text = "tunisian rioters, tunisian food, Tunisian rioters, south tunisian rioters, tunisianrioters";
        let found: Vec<&str> = d.find_all(text).iter().map(|h| h.span.text(text)).collect();
        assert_eq!(
            found,
            vec!["tunisian", "rioters", "Tunisian", "rioters", "south tunisian", "rioters"]
        );
    }

    #[test]
    fn hyphenated_participles_modify() {
        let text = "a government-held part, a UK-based group, Saudi-led forces, Iran-backed militias, rebel-held-- and state-run TV";
        let at = |w: &str| span_of(text, w);
        assert!(before_hyphenated_participle(text, at("government")));
        assert!(before_hyphenated_participle(text, at("UK")));
        assert!(before_hyphenated_participle(text, at("Iran")));
        assert!(before_hyphenated_participle(text, at("rebel")));
        // "-led" leads; "state-run" is a modifier word of its own
        assert!(!before_hyphenated_participle(text, at("Saudi")));
        assert!(!before_hyphenated_participle(text, at("state")));
        assert!(!before_hyphenated_participle(text, at("forces")));
        let text = "pro-Russia rebels, Anti-government protesters, Al-Qaeda, a pro- and anti-war crowd";
        let at = |w: &str| span_of(text, w);
        assert!(after_pro_or_anti(text, at("Russia")));
        assert!(after_pro_or_anti(text, at("government")));
        assert!(!after_pro_or_anti(text, at("Qaeda")));
        assert!(!after_pro_or_anti(text, at("rebels")));
    }

    #[test]
    fn many_phrases_are_fast() {
        let entries: Vec<Entry> = (0..30_000).map(|i| country(&format!("Name{i} Person"))).collect();
        let d = dict(entries);
        let text = "Name29999 Person met Name1 Person. ".repeat(200);
        let t = std::time::Instant::now();
        assert_eq!(d.find_all(&text).len(), 400);
        assert!(t.elapsed().as_secs() < 5);
    }

    proptest! {
        #[test]
        fn hits_are_ordered_and_on_char_boundaries(s in "[A-Za-zé .,]{0,80}") {
            let mut e = country("ab");
            e.stem = true;
            e.case_sensitive = false;
            let d = dict(vec![e, country("Oman")]);
            let hits = d.find_all(&s);
            for w in hits.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start);
            }
            for h in &hits {
                prop_assert!(s.is_char_boundary(h.span.start) && s.is_char_boundary(h.span.end));
            }
        }
    }
}
