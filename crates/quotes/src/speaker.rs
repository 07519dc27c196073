//! Speakers and channels: the noun phrase that says something, found next to its cue,
//! resolved to an actor of the actors layer; and the channel ("according to a
//! transcript released by the ministry") a statement came through.

use crate::cues::CueKind;
use crate::lexed::{flags, TokenCues};
use detente_doc::{Document, MentionKind, Span, TokenKind, Via};

/// The text of token `i` (empty when out of range).
pub(crate) fn word(doc: &Document, i: usize) -> &str {
    doc.tokens.get(i).map(|t| doc.slice(t.span)).unwrap_or("")
}

/// Straight or typographic double quotation marks.
pub(crate) fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// Byte length of the quotation mark at `at`: two apostrophes (`''`, the old
/// newspaper style) count as one mark.
pub(crate) fn mark_len(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    if rest.starts_with("''") {
        2
    } else {
        rest.chars().next().map_or(1, char::len_utf8)
    }
}

pub(crate) fn is_quote_token(doc: &Document, i: usize) -> bool {
    let w = word(doc, i);
    if w == "'" {
        // one half of a '' mark
        let touches = |j: usize| doc.tokens.get(j).is_some_and(|t| doc.slice(t.span) == "'");
        let span = doc.tokens[i].span;
        return (touches(i + 1) && doc.tokens[i + 1].span.start == span.end)
            || (i > 0 && touches(i - 1) && doc.tokens[i - 1].span.end == span.start);
    }
    w.chars().count() == 1 && w.chars().all(is_quote_mark)
}

/// The kind of cue token `i` is here, if any. A capitalised cue word inside a
/// sentence is part of a name ("the United States", "the Washington Post").
pub(crate) fn cue_kind(doc: &Document, lex: &TokenCues, i: usize) -> Option<CueKind> {
    let kind = lex.verb_at(i)?;
    if word(doc, i).starts_with(char::is_uppercase) && !starts_clause(lex, doc, i) && !lex.has(i, flags::TITLE_HEADLINE) {
        return None;
    }
    Some(kind)
}

/// Words before a cue word that make it a noun ("the report", "his claims") or a
/// passive ("was told", "were calling").
const NOT_BEFORE_A_CUE: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those", "to", "be", "been", "being", "was",
    "were", "is", "are", "no", "any", "some", "of", "for", "with", "'s",
];

/// True when cue word `i` is used as a verb of saying here: not a noun or passive
/// ("the report", "was told"), not an infinitive or relative clause ("asked to
/// speak", "asked not to be named"), not "called by".
pub(crate) fn verb_use(doc: &Document, i: usize) -> bool {
    // "Some said ...", "Most told ...": a quantifier as the subject of a past-tense cue
    let quantifier_subject = i > 0 && lower_in(doc, i - 1, &["some", "any", "no"]) && past_tense(word(doc, i));
    let before = i > 0
        && lower_in(doc, i - 1, NOT_BEFORE_A_CUE)
        && !is_quote_token(doc, i - 1)
        && !quantifier_subject
        && !progressive(doc, i)
        && !gerund_after_preposition(doc, i)
        && catenative_before(doc, i).is_none();
    let after = lower_in(doc, i + 1, &["by", "of", "to", "not"]);
    // "271 pledged delegates", "fewer pledged delegates": a participle used as an adjective
    let counted =
        i > 0 && word(doc, i).ends_with("ed") && (counted_number(word(doc, i - 1)) || lower_in(doc, i - 1, &["fewer", "more", "most"]));
    !before && !after && !counted
}

/// A count ("271", "1,200"), not a year ("A 2008 ad questioned whether ...").
fn counted_number(w: &str) -> bool {
    let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
    !year && w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Forms of "be" that make a following "-ing" cue progressive ("is saying").
pub(crate) const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "'s", "'re", "\u{2019}s", "\u{2019}re"];

/// "The White House is saying that ...", "He's claiming ...": a progressive cue is active.
pub(crate) fn progressive(doc: &Document, i: usize) -> bool {
    i > 0 && word(doc, i).ends_with("ing") && lower_in(doc, i - 1, BE_FORMS)
}

/// Prepositions before a gerund cue that keep it a verb ("for saying that ...").
const GERUND_PREPOSITIONS: &[&str] = &["for", "by", "after", "before", "from", "while", "without", "since"];

/// "criticised for saying that ...", "began by saying ...": a gerund cue after a preposition.
pub(crate) fn gerund_after_preposition(doc: &Document, i: usize) -> bool {
    i > 0 && word(doc, i).ends_with("ing") && lower_in(doc, i - 1, GERUND_PREPOSITIONS)
}

/// Verbs that take a cue as their to-infinitive and leave it the statement's verb:
/// "continues to insist", "went on to say", "appeared to suggest", "tried to argue".
const CATENATIVES: &[&str] = &[
    "continue",
    "continues",
    "continued",
    "continuing",
    "appear",
    "appears",
    "appeared",
    "appearing",
    "seem",
    "seems",
    "seemed",
    "try",
    "tries",
    "tried",
    "trying",
    "began",
    "begin",
    "begins",
    "started",
    "starts",
    "went",
    "go",
    "goes",
    "going",
    "move",
    "moved",
    "rushed",
    "hastened",
    "proceeded",
];

/// For a cue after "to": the token of the verb that governs it ("continues" in
/// "continues to insist", "went" in "went on to say"), if it is one of the catenatives.
pub(crate) fn catenative_before(doc: &Document, i: usize) -> Option<usize> {
    if i < 2 || !lower_in(doc, i - 1, &["to"]) {
        return None;
    }
    let mut v = i - 2;
    if lower_in(doc, v, &["on"]) && v > 0 {
        v -= 1; // "went on to say"
    }
    lower_in(doc, v, CATENATIVES).then_some(v)
}

/// True when token `i` opens its sentence or follows a quotation mark, colon or dash.
fn starts_clause(lex: &TokenCues, doc: &Document, i: usize) -> bool {
    if i == 0 || lex.has(i, flags::SENTENCE_START) {
        return true;
    }
    let prev = word(doc, i - 1);
    is_quote_token(doc, i - 1) || matches!(prev, ":" | "\u{2014}" | "." | "?" | "!")
}

fn is_punct(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct)
}

/// Words that may stand between a speaker and its cue ("Clinton has also said").
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "again",
    "then",
    "previously",
    "repeatedly",
    "reportedly",
    "once",
    "will",
    "would",
    "could",
    "might",
    "may",
    "can",
    "did",
    "does",
    "do",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "not",
    "n't",
    "never",
    "recently",
    "publicly",
    "privately",
    "flatly",
    "often",
    "long",
    "just",
    "even",
    "further",
    "still",
    "already",
    "initially",
    "first",
    "finally",
    "quickly",
    "explicitly",
    "openly",
    "bluntly",
    "angrily",
    "simply",
    "clearly",
    "actually",
    "frequently",
    "famously",
    "separately",
    "earlier",
    "last",
    "late",
    "yesterday",
    "today",
    "tonight",
];

/// Words that end a noun phrase read backwards from a cue.
pub(crate) const BOUNDARIES: &[&str] = &[
    "that", "which", "and", "but", "while", "as", "because", "when", "if", "after", "before", "since", "although", "though", "so", "or",
    "where", "whom", "whose", "what", "how", "why", "than", "until", "unless", "whether", "where", "nor",
];

/// Prepositions that open an adverbial rather than a speaker phrase.
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "over", "during", "to", "from", "with", "after", "before", "under", "into", "about", "against", "through",
    "via", "upon", "without", "within", "amid", "despite", "of",
];

/// Personal pronouns: a speaker on their own.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "me", "us"];

fn lower_in(doc: &Document, i: usize, list: &[&str]) -> bool {
    let w = word(doc, i);
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Tokens that may be part of a noun phrase: words, numbers, and the possessive or
/// abbreviation punctuation inside names ("Clinton's", "U.S.", "AT&T").
fn np_token(doc: &Document, lex: &TokenCues, i: usize) -> bool {
    let w = word(doc, i);
    if is_punct(doc, i) {
        return matches!(w, "'" | "." | "&" | "-" | "/" | "(" | ")" | "%");
    }
    !lex.has(i, flags::BOUNDARY) && (cue_kind(doc, lex, i).is_none() || lex.has(i, flags::POSSESSIVE))
}

/// The speaker before cue token `cue`, not reaching before token `lo`:
/// "the foreign minister said", "Clinton has also said", "X, the foreign minister, said",
/// "an official who asked not to be named said", "she told".
pub fn subject_before(doc: &Document, lex: &TokenCues, lo: usize, cue: usize) -> Option<Span> {
    // "Cruz continues to insist ...": the subject of the governing verb
    if let Some(v) = catenative_before(doc, cue).filter(|&v| v > lo) {
        return subject_before(doc, lex, lo, v);
    }
    let gerund = word(doc, cue).ends_with("ing");
    // "A responded by saying ...", "B began by saying ...": the subject of the verb before "by"
    if gerund && cue >= lo + 2 && lower_in(doc, cue - 1, &["by"]) && word(doc, cue - 2).starts_with(char::is_lowercase) {
        return subject_before(doc, lex, lo, cue - 2);
    }
    let span = subject_before_any(doc, lex, lo, cue)?;
    // "..., with a judge saying ...": the speaker is the phrase after "with"
    if gerund {
        let first = doc.tokens.partition_point(|t| t.span.start < span.start);
        if let Some(with) = (first..cue).rev().find(|&j| lower_in(doc, j, &["with"])) {
            return (with + 1 < cue).then(|| Span::new(doc.tokens[with + 1].span.start, span.end));
        }
    }
    Some(span).filter(|s| !starts_with_preposition(doc, *s))
}

/// True when a phrase opens with a preposition ("in a statement", "at one point"):
/// an adverbial, not a speaker.
fn starts_with_preposition(doc: &Document, span: Span) -> bool {
    let mut words = doc.slice(span).split_whitespace();
    let first = words.next().unwrap_or("");
    // "About half of voters said", "Over 60 percent said": an approximate number
    let second = words.next().unwrap_or("");
    let approximate = ["about", "over", "under"].iter().any(|p| first.eq_ignore_ascii_case(p))
        && (second.starts_with(|c: char| c.is_ascii_digit()) || NUMERALS.iter().any(|n| second.eq_ignore_ascii_case(n)));
    !approximate && PREPOSITIONS.iter().any(|p| first.eq_ignore_ascii_case(p))
}

/// Number words that follow "about" in a speaker phrase ("about half of voters").
const NUMERALS: &[&str] = &[
    "half", "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty",
];

/// Past-tense forms of cue verbs ("said", "warned"), which are not nouns.
fn past_tense(w: &str) -> bool {
    w.ends_with("ed") || matches!(w.to_lowercase().as_str(), "said" | "told" | "wrote" | "thought" | "knew" | "felt")
}

fn subject_before_any(doc: &Document, lex: &TokenCues, lo: usize, cue: usize) -> Option<Span> {
    let mut i = cue;
    // Skip auxiliaries, adverbs and times between the subject and the cue.
    let progressive_cue = progressive(doc, cue);
    while i > lo
        && (lower_in(doc, i - 1, AUXILIARIES) || lex.has(i - 1, flags::IN_TIME) || progressive_cue && lower_in(doc, i - 1, BE_FORMS))
    {
        i -= 1;
        if i > lo && lex.has(i, flags::IN_TIME) && lower_in(doc, i - 1, &["on", "in", "at"]) {
            i -= 1;
        }
    }
    if i == lo {
        return None;
    }
    // "Podesta, who said ...": the speaker is the relative pronoun (as PolNeAR marks
    // it); its actor is the one the relative clause is about (see `actor_for`).
    if word(doc, i - 1).eq_ignore_ascii_case("who") {
        return Some(doc.tokens[i - 1].span);
    }
    // "X, the foreign minister, said": the appositive and the name before it.
    if word(doc, i - 1) == "," {
        let comma = i - 1;
        let open = (lo..comma).rev().take(24).find(|&j| word(doc, j) == ",")?;
        let head = np_back(doc, lex, lo, open)?;
        return Some(Span::new(doc.tokens[head].span.start, doc.tokens[comma - 1].span.end));
    }
    let start = np_back(doc, lex, lo, i)?;
    Some(Span::new(doc.tokens[start].span.start, doc.tokens[i - 1].span.end))
}

/// The first token of the noun phrase ending just before token `end`.
fn np_back(doc: &Document, lex: &TokenCues, lo: usize, end: usize) -> Option<usize> {
    if end <= lo {
        return None;
    }
    if lower_in(doc, end - 1, PRONOUNS) {
        return Some(end - 1);
    }
    let mut start = end;
    while start > lo && end - start < 10 {
        let j = start - 1;
        if np_token(doc, lex, j) || word(doc, j).eq_ignore_ascii_case("who") {
            start -= 1;
        } else {
            break;
        }
    }
    // "an official who asked not to be named": a relative clause belongs to the
    // noun phrase before its "who".
    if start > lo + 1 && !np_token(doc, lex, start - 1) {
        let who = (lo..start).rev().take(8).find(|&j| word(doc, j).eq_ignore_ascii_case("who"));
        if let Some(who) = who.filter(|&w| (w + 1..start).all(|j| !is_punct(doc, j))) {
            if let Some(head) = np_back(doc, lex, lo, who) {
                start = head;
            }
        }
    }
    // Do not start on punctuation or a bare possessive.
    while start < end && (is_punct(doc, start) || word(doc, start).eq_ignore_ascii_case("'s")) {
        start += 1;
    }
    (start < end).then_some(start)
}

/// The speaker after an inverted cue, not reaching token `hi`: "said X, the minister".
pub fn subject_after(doc: &Document, lex: &TokenCues, cue: usize, hi: usize) -> Option<Span> {
    let first = cue + 1;
    if first >= hi || lower_in(doc, first, PREPOSITIONS) {
        return None;
    }
    if lower_in(doc, first, PRONOUNS) {
        return Some(doc.tokens[first].span);
    }
    const STOPS: &[&str] = &[
        "on", "in", "at", "during", "after", "before", "when", "while", "as", "that", "to", "of", "who",
    ];
    let mut end = first;
    while end < hi && end - first < 8 {
        if is_quote_token(doc, end) || lex.has(end, flags::IN_TIME) || lower_in(doc, end, STOPS) && end > first {
            break;
        }
        if is_punct(doc, end) && !matches!(word(doc, end), "'" | "." | "&" | "-") || !np_token(doc, lex, end) {
            break;
        }
        end += 1;
    }
    // A sentence-final period is not part of the name.
    while end > first && is_punct(doc, end - 1) {
        end -= 1;
    }
    (end > first).then(|| Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end))
}

/// For a cue whose subject is elided ("he supported Obama and said, ..."): the
/// first pronoun or actor mention of the cue's sentence, before the cue.
pub fn sentence_subject(doc: &Document, cue: usize) -> Option<Span> {
    let si = doc.sentence_at(doc.tokens.get(cue)?.span.start)?;
    let (first, cue_start) = (doc.sentences[si].tokens.0, doc.tokens[cue].span.start);
    let sent_start = doc.sentences[si].span.start;
    let pronoun = (first..cue)
        .find(|&j| lower_in(doc, j, &["he", "she", "they", "we", "i", "it"]))
        .map(|j| doc.tokens[j].span);
    let mention = doc
        .actors
        .iter()
        .flat_map(|a| &a.mentions)
        .filter(|m| m.span.start >= sent_start && m.span.end <= cue_start)
        .map(|m| m.span)
        .min_by_key(|s| s.start);
    match (pronoun, mention) {
        (Some(p), Some(m)) => Some(if p.start < m.start { p } else { m }),
        (p, m) => p.or(m),
    }
}

/// The actor a speaker phrase refers to: the first actor mention inside it (the
/// head of "Lavrov, the foreign minister"), or one that contains it. A relative
/// pronoun ("Podesta, who said") refers to the mention just before it.
pub fn actor_for(doc: &Document, span: Span) -> Option<usize> {
    if doc.slice(span).eq_ignore_ascii_case("who") {
        return antecedent_actor(doc, span.start);
    }
    let mut best: Option<(usize, usize, bool)> = None;
    for (i, a) in doc.actors.iter().enumerate() {
        for m in &a.mentions {
            let inside = span.contains(m.span) || (m.span.contains(span) && !span.is_empty());
            // A name or title outranks a country adjective inside the phrase
            // ("the Russian foreign minister" is the minister, not Russia).
            let strong = m.kind != MentionKind::Country;
            if inside
                && best.is_none_or(|(_, start, best_strong)| (strong && !best_strong) || (strong == best_strong && m.span.start < start))
            {
                best = Some((i, m.span.start, strong));
            }
        }
    }
    best.map(|(i, _, _)| i)
}

/// The actor of the mention ending right before byte `at`, with only spaces and a
/// comma between ("Podesta, who").
fn antecedent_actor(doc: &Document, at: usize) -> Option<usize> {
    doc.actors.iter().enumerate().find_map(|(i, a)| {
        a.mentions
            .iter()
            .any(|m| {
                m.span.end <= at
                    && doc
                        .text
                        .get(m.span.end..at)
                        .is_some_and(|gap| gap.len() <= 3 && gap.chars().all(|c| c == ',' || c.is_whitespace()))
            })
            .then_some(i)
    })
}

/// The channel a statement came through, in tokens `from..hi` after its cue:
/// "according to a transcript released by the ministry" (the releaser is the
/// channel), "according to state media".
pub fn channel_after(doc: &Document, lex: &TokenCues, from: usize, hi: usize) -> Option<Via> {
    let (phrase_at, len) = (from..hi).find_map(|i| lex.source_phrase(doc, i, hi).map(|n| (i, n)))?;
    let start = phrase_at + len;
    let end = (start..hi)
        .find(|&j| matches!(word(doc, j), "," | "." | ";" | ":") || is_quote_token(doc, j))
        .unwrap_or(hi);
    if end <= start {
        return None;
    }
    // "a transcript released by the ministry": the ministry is the channel.
    let by = (start..end).find(|&j| lower_in(doc, j, &["by", "from"]) && j + 1 < end);
    let first = by.map_or(start, |j| j + 1);
    let span = Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end);
    Some(Via {
        span,
        actor: actor_for(doc, span),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn doc(text: &str) -> Document {
        TextStage::default().build(ArticleMeta::default(), text)
    }

    fn token(doc: &Document, w: &str) -> usize {
        doc.tokens.iter().position(|t| doc.slice(t.span) == w).unwrap()
    }

    #[test]
    fn subject_before_skips_auxiliaries_and_takes_appositives() {
        let lexicon = crate::cues::CueLexicon::with_defaults().unwrap();
        let d = doc("Clinton has also said it.");
        let s = subject_before(&d, &TokenCues::new(&lexicon, &d), 0, token(&d, "said")).unwrap();
        assert_eq!(d.slice(s), "Clinton");
        let d = doc("Sergei Lavrov, the foreign minister, said it.");
        let s = subject_before(&d, &TokenCues::new(&lexicon, &d), 0, token(&d, "said")).unwrap();
        assert_eq!(d.slice(s), "Sergei Lavrov, the foreign minister");
        let d = doc("An official who asked not to be named said it.");
        let s = subject_before(&d, &TokenCues::new(&lexicon, &d), 0, token(&d, "said")).unwrap();
        assert_eq!(d.slice(s), "An official who asked not to be named");
        let d = doc("It failed because he said so.");
        let s = subject_before(&d, &TokenCues::new(&lexicon, &d), 0, token(&d, "said")).unwrap();
        assert_eq!(d.slice(s), "he");
    }

    #[test]
    fn subject_after_stops_at_adverbials() {
        let lexicon = crate::cues::CueLexicon::with_defaults().unwrap();
        let d = doc("\"No,\" said Ivan Petrov, the minister.");
        let cue = token(&d, "said");
        let s = subject_after(&d, &TokenCues::new(&lexicon, &d), cue, d.tokens.len()).unwrap();
        assert_eq!(d.slice(s), "Ivan Petrov");
        let d = doc("\"No,\" said Petrov in Moscow.");
        let s = subject_after(&d, &TokenCues::new(&lexicon, &d), token(&d, "said"), d.tokens.len()).unwrap();
        assert_eq!(d.slice(s), "Petrov");
    }

    #[test]
    fn channel_is_the_releaser() {
        let lexicon = crate::cues::CueLexicon::with_defaults().unwrap();
        let d = doc("No, the spokeswoman said, according to a transcript released by the ministry.");
        let via = channel_after(&d, &TokenCues::new(&lexicon, &d), token(&d, "said"), d.tokens.len()).unwrap();
        assert_eq!(d.slice(via.span), "the ministry");
        let d = doc("He left, according to state media.");
        let via = channel_after(&d, &TokenCues::new(&lexicon, &d), 0, d.tokens.len()).unwrap();
        assert_eq!(d.slice(via.span), "state media");
    }
}
