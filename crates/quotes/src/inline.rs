//! Quotations inside a sentence that no cue of the lexicon introduces and no
//! reported speech holds: `Huckabee is labeling Obama's actions "a blatant,
//! belligerent abuse of power."`, `he began talking about what will happen "if we do
//! not win."`. News puts someone's words in quotation marks; when a quotation is
//! long enough to be more than a name or a scare-quoted term, the sentence around it
//! tells whose words they are.

use crate::direct::Segment;
use crate::lexed::{flags, TokenCues};
use crate::speaker::{cue_kind, is_quote_token, sentence_subject, subject_before, verb_use, word};
use crate::Attribution;
use detente_doc::{Document, Span, TokenKind};

/// The fewest words a loose quotation needs to count as someone's statement; shorter
/// ones are mostly terms, names and scare quotes (`the so-called "peace plan"`).
/// Chosen on PolNeAR train and dev (four words and fewer: more spurious than found).
pub const MIN_WORDS: usize = 5;

/// Words between a speaker and the verb that carries the statement ("has", "also").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "was", "are", "were", "also", "will", "would", "not", "then", "been", "be", "did", "does", "do", "now",
    "again", "still", "even", "later", "once", "often", "can", "could", "may", "might", "should",
];

/// Words inside a noun phrase: determiners and the words after which a lower-case
/// word is still a noun ("the letter", "a conservative website").
const NOUN_PHRASE_WORDS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "of", "for", "and", "this", "that",
];

/// Words before an opening mark that make the quotation a name or a term, not speech.
const NAMING: &[&str] = &["so-called", "called", "named", "dubbed", "titled", "entitled", "nicknamed"];

/// The attribution for a loose quotation `chain` (its segments, in order), when it
/// opens inside a sentence after at least one word, has at least [`MIN_WORDS`]
/// words, and is not a title: speaker the sentence's subject, cue the first verb
/// after it (or the opening mark, when none stands before the quotation).
pub fn quotation_in_sentence(doc: &Document, lex: &TokenCues, chain: &[Segment]) -> Option<Attribution> {
    let first = chain.first()?;
    let n_words: usize = chain.iter().map(|s| word_count(doc, s.content)).sum();
    if n_words < MIN_WORDS || title_like(doc.slice(first.content)) {
        return None;
    }
    let open = doc.tokens.partition_point(|t| t.span.start < first.open);
    let si = doc.sentence_at(first.open)?;
    let sent_first = doc.sentences[si].tokens.0;
    let before: Vec<usize> = (sent_first..open)
        .filter(|&j| doc.tokens[j].kind != TokenKind::Punct && !is_quote_token(doc, j))
        .collect();
    let last_before = *before.last()?;
    // a verb stands before the quotation: a dateline or a name set off by a dash is
    // no statement of its own (`MOSCOW (Reuters) — "..."`)
    if !before.iter().any(|&j| word(doc, j).starts_with(char::is_lowercase)) {
        return None;
    }
    if NAMING.iter().any(|n| word(doc, last_before).eq_ignore_ascii_case(n)) || lex.has(last_before, flags::IN_TIME) && before.len() == 1 {
        return None;
    }
    // a cue verb of the lexicon before the quotation names the speaker as its subject
    // (`Cruz himself said the only way ... is "to go and ask ..."`)
    let listed = (sent_first..open).find(|&j| cue_kind(doc, lex, j).is_some() && verb_use(doc, j));
    if let Some(cue) = listed {
        let speaker = subject_before(doc, lex, sent_first, cue).or_else(|| sentence_subject(doc, cue));
        return Some(Attribution {
            pieces: chain.iter().map(|s| s.content).collect(),
            direct: true,
            cue: doc.tokens[cue].span,
            speaker,
            via: None,
        });
    }
    // otherwise the verb is the first plain lower-case word after the sentence's
    // opening noun phrase, and the speaker that phrase (`Hoff's letter makes a case:`)
    let plain = |j: usize| {
        let w = word(doc, j);
        w.starts_with(char::is_lowercase)
            && w.chars().all(char::is_alphabetic)
            && !AUXILIARIES.iter().any(|a| w.eq_ignore_ascii_case(a))
            && !NOUN_PHRASE_WORDS.iter().any(|a| w.eq_ignore_ascii_case(a))
    };
    let verb = (sent_first + 1..open).find(|&j| plain(j) && !NOUN_PHRASE_WORDS.iter().any(|a| word(doc, j - 1).eq_ignore_ascii_case(a)));
    let speaker = verb
        .and_then(|v| subject_before(doc, lex, sent_first, v))
        .or_else(|| sentence_subject(doc, open));
    let cue = verb.map_or_else(|| doc.tokens[open.min(doc.tokens.len() - 1)].span, |v| doc.tokens[v].span);
    Some(Attribution {
        pieces: chain.iter().map(|s| s.content).collect(),
        direct: true,
        cue,
        speaker,
        via: None,
    })
}

fn word_count(doc: &Document, span: Span) -> usize {
    doc.slice(span).split_whitespace().count()
}

/// True for a title or name in quotation marks: three in four of its longer words
/// capitalised (`"How the Grinch Stole Christmas"`).
fn title_like(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let capitals = long
        .iter()
        .filter(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_uppercase))
        .count();
    !long.is_empty() && capitals * 4 >= long.len() * 3
}
