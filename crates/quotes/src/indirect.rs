//! Indirect speech and paraphrase: "X said (that) ...", "X told reporters ...",
//! "..., X said", "according to X, ...", "the paper quoted him as saying ...",
//! ", adding that ...".

use crate::cues::{bits, CueKind};
use crate::lexed::{flags, TokenCues};
use crate::speaker::{
    channel_after, cue_kind, gerund_after_preposition, is_quote_token, sentence_subject, subject_after, subject_before, verb_use, word,
};
use crate::Attribution;
use detente_doc::{Document, Span, TokenKind};

/// Belief verbs that take a bare clause ("I think he is wrong"); the others
/// ("shows", "found") need "that" to be read as attribution.
const BARE_CLAUSE_BELIEFS: &[&str] = &[
    "think", "thinks", "thought", "believe", "believes", "believed", "hope", "hopes", "hoped", "fear", "fears", "feared", "expect",
    "expects", "expected", "know", "knows", "knew", "feel", "feels", "felt", "doubt", "doubts", "doubted",
];

/// Words that open an indirect question or topic after "asked".
const QUESTION_WORDS: &[&str] = &["if", "whether", "why", "how", "what", "when", "where", "who", "which", "about"];

/// Words after a comma that start a clause outside the reported content.
const CLAUSE_BREAKS: &[&str] = &[
    "because", "although", "though", "whereas", "which", "but", "even", "while", "compared", "when", "as", "just", "despite",
];

/// Subject pronouns and finite auxiliaries: words of a clause, not of an adverbial
/// between a cue and its "that" ("said he was sure that ...").
const CLAUSE_WORDS: &[&str] = &[
    "he", "she", "they", "it", "i", "we", "is", "was", "were", "are", "has", "had", "have", "would", "will", "could", "can", "did",
];

/// Finite auxiliaries and copulas: a phrase holding one is a clause.
const AUXILIARIES: &[&str] = &[
    "is", "was", "were", "are", "has", "had", "have", "would", "will", "could", "can", "did", "should",
];

/// Prepositions that open an adverbial between a cue and its "that".
const PREPOSITIONS: &[&str] = &["in", "on", "at", "during", "after", "before", "from", "while", "to"];

/// Evidence nouns that, after "in", name the source of a trailing claim ("leads in the polls").
const POLL_NOUNS: &[&str] = &["poll", "polls", "polling", "survey", "surveys"];

/// Platforms named after "on"/"in" before reported content ("said on Twitter that").
const MEDIA: &[&str] = &[
    "twitter",
    "facebook",
    "television",
    "tv",
    "radio",
    "cnn",
    "fox",
    "msnbc",
    "nbc",
    "abc",
    "cbs",
    "instagram",
    "x",
];

/// Words that open an adverbial after a trailing cue ("..., she said on Tuesday").
const ADVERBIAL_STARTS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "from",
    "to",
    "of",
    "last",
    "this",
    "earlier",
    "later",
    "as",
    "about",
    "with",
    "via",
    "through",
    "recently",
    "yesterday",
    "today",
    "tonight",
    "late",
    "early",
    "afterward",
    "privately",
    "publicly",
    "again",
    "repeatedly",
    "too",
    "then",
];

/// One sentence's tokens and where its content may end (before the final period).
struct Sentence {
    /// Index in `doc.sentences`.
    index: usize,
    first: usize,
    end: usize,
    /// Direct quotations whose cue lies in this sentence.
    direct: Vec<Attribution>,
    /// Quoted stretches overlapping this sentence.
    quoted: Vec<Span>,
}

/// Indirect attributions in every sentence, skipping the tokens inside `claimed`
/// spans (direct quotations and their cue clauses, found before).
/// `direct` holds the direct quotations found before (for ", adding that ..." after
/// a quotation, and "according to" naming a quotation's channel).
/// Cues inside `quoted` stretches are not read: reported speech inside a quotation
/// belongs to the quotation.
pub fn find(doc: &Document, lex: &TokenCues, claimed: &[Span], quoted: &[Span], direct: &[Attribution]) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    // A statement that runs on over the sentences after its own ("WALLACE: ...",
    // "He added: ..."): they belong to it.
    let mut covered_until = 0;
    for (index, s) in doc.sentences.iter().enumerate() {
        if s.span.start < covered_until {
            continue;
        }
        let mut end = s.tokens.1;
        while end > s.tokens.0 && (matches!(word(doc, end - 1), "." | "?" | "!" | ")") || is_quote_token(doc, end - 1)) {
            end -= 1;
        }
        let sent = Sentence {
            index,
            first: s.tokens.0,
            end,
            direct: direct.iter().filter(|a| s.span.contains(a.cue)).cloned().collect(),
            quoted: quoted.iter().copied().filter(|q| q.overlaps(s.span)).collect(),
        };
        let before = out.len();
        in_sentence(doc, lex, &sent, claimed, &mut out);
        // One cue may be found twice (as trailing and as forward cue); keep the first.
        let mut seen: Vec<Span> = Vec::new();
        let mut k = before;
        while k < out.len() {
            if seen.contains(&out[k].cue) {
                out.remove(k);
            } else {
                seen.push(out[k].cue);
                k += 1;
            }
        }
        for a in &out[before..] {
            covered_until = a.pieces.iter().map(|p| p.end).fold(covered_until, usize::max);
        }
    }
    out
}

fn is_claimed(doc: &Document, claimed: &[Span], i: usize) -> bool {
    let t = doc.tokens[i].span;
    claimed.iter().any(|c| c.contains(t))
}

fn span_of(doc: &Document, first: usize, end: usize) -> Option<Span> {
    (first < end).then(|| Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end))
}

fn words_in(doc: &Document, first: usize, end: usize) -> usize {
    (first..end).filter(|&i| doc.tokens[i].kind != TokenKind::Punct).count()
}

fn lower_is(doc: &Document, i: usize, list: &[&str]) -> bool {
    let w = word(doc, i);
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// The content tokens `[first, end)` cut before another attribution starts inside it
/// (", according to", ", adding that") and before a claimed direct quotation.
fn content_end(doc: &Document, lex: &TokenCues, claimed: &[Span], first: usize, end: usize) -> usize {
    for j in first..end {
        if is_claimed(doc, claimed, j) && !(first..j).all(|k| is_claimed(doc, claimed, k)) {
            return j;
        }
        // "X said A and said that B": the second cue starts another statement
        if j > first && lower_is(doc, j, &["and", "but"]) && j + 1 < end && cue_kind(doc, lex, j + 1).is_some() {
            return if word(doc, j - 1) == "," { j - 1 } else { j };
        }
        if word(doc, j) == "," && j + 1 < end {
            // "..., a senior official said.": a trailing cue closes the content
            let trailing_cue = (j + 1..end.min(j + 10)).find(|&k| cue_kind(doc, lex, k).is_some());
            if trailing_cue.is_some_and(|k| end - k <= 4 && (j + 1..k).all(|m| word(doc, m) != ",")) {
                return j;
            }
            // ", because ...", ", which ...": a clause of the writer's, not the content
            if lower_is(doc, j + 1, CLAUSE_BREAKS) {
                return j;
            }
            let next = word(doc, j + 1);
            let participle = next.ends_with("ing") && cue_kind(doc, lex, j + 1).is_some();
            let source = lex.source_phrase(doc, j + 1, end).is_some();
            if participle || source {
                return j;
            }
        }
    }
    end
}

fn in_sentence(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], out: &mut Vec<Attribution>) {
    let first_here = out.len();
    let mut skip_to = s.first;
    for i in s.first..s.end {
        if i == s.first && is_claimed(doc, claimed, i) {
            // `Asked why ..., Sanders said: "..."`: the question opens the cue clause
            // of a quotation; it ends at its comma, before the quotation.
            let question =
                asked_question(doc, lex, s, &[], i).filter(|a| a.pieces.iter().all(|p| !s.quoted.iter().any(|q| q.overlaps(*p))));
            out.extend(question);
            continue;
        }
        if i < skip_to || is_claimed(doc, claimed, i) || is_claimed(doc, &s.quoted, i) {
            continue;
        }
        if let Some(n) = lex.source_phrase(doc, i, s.end) {
            skip_to = i + n;
            according_to(doc, lex, s, claimed, i, n, first_here, out);
            continue;
        }
        if i == s.first && lower_is(doc, i, &["in"]) {
            if let Some(a) = in_the_poll(doc, lex, s, claimed) {
                out.push(a);
            }
            continue;
        }
        if lex.has(i, bits::QUOTING) {
            if let Some(next) = quoted_as_saying(doc, lex, s, claimed, i, out) {
                skip_to = next;
            }
            continue;
        }
        if i == s.first {
            if let Some(a) = speaker_colon(doc, lex, s, claimed) {
                out.push(a);
                break;
            }
        }
        if let Some(a) = passive_question(doc, lex, s, claimed, i)
            .or_else(|| asked_question(doc, lex, s, claimed, i))
            .or_else(|| raised_passive(doc, lex, s, claimed, i))
            .or_else(|| seeming(doc, lex, s, claimed, i))
            .or_else(|| regard_as(doc, lex, s, claimed, i))
            .or_else(|| noun_cue(doc, lex, s, claimed, i))
        {
            out.push(a);
            continue;
        }
        if let Some(a) = complement_cue(doc, lex, s, claimed, i, &out[first_here..]) {
            skip_to = i + 1;
            out.push(a);
            continue;
        }
        if let Some(a) = verb_cue(doc, lex, s, claimed, i, &out[first_here..]) {
            out.push(a);
        }
    }
    if out.len() == first_here && s.direct.is_empty() {
        out.extend(poll_after(doc, lex, s, claimed));
    }
}

/// A cue verb at `i` used as a verb ("X said the plan ...", "the plan, X said, ..."):
/// its speaker and the content it introduces. `earlier` are the sentence's
/// attributions so far.
fn verb_cue(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize, earlier: &[Attribution]) -> Option<Attribution> {
    let kind = cue_kind(doc, lex, i).filter(|&k| k != CueKind::Quotation)?;
    // nouns and passives ("the report", "was told"), infinitives and relative
    // clauses ("asked not to be named", "who asked to speak")
    if !verb_use(doc, i) {
        return None;
    }
    if word(doc, i).starts_with(char::is_uppercase) && i == s.first {
        return None; // "Say it again", "Reports say": a cue needs a speaker before or after it
    }
    if let Some(a) = trailing(doc, lex, s, i) {
        return Some(a);
    }
    let speaker = verb_cue_speaker(doc, lex, s, i, earlier)?;
    let first = content_start(doc, lex, kind, s, i)?;
    let end = verb_cue_content_end(doc, lex, s, claimed, i, first);
    if words_in(doc, first, end) < 2 {
        return None;
    }
    let content = span_of(doc, first, end)?;
    Some(Attribution {
        pieces: vec![content],
        direct: false,
        cue: doc.tokens[i].span,
        speaker: Some(speaker),
        via: channel_after(doc, lex, end, s.end),
    })
}

/// The speaker of a cue that has no subject of its own (", saying ...", "and then
/// added ..."): the latest attribution before it in the sentence, else the
/// sentence's first subject.
fn speaker_carried_over(doc: &Document, lex: &TokenCues, s: &Sentence, i: usize, earlier: &[Attribution]) -> Option<Span> {
    let cue_start = doc.tokens[i].span.start;
    s.direct
        .iter()
        .chain(earlier)
        .filter(|a| a.cue.start < cue_start)
        .max_by_key(|a| a.cue.start)
        .and_then(|a| a.speaker)
        .or_else(|| first_subject(doc, lex, s, i))
}

/// Who says the cue verb at `i`. A participle after a comma, or a verb sharing the
/// subject of the clause before ("X praised Y and said ..."), has the speaker of the
/// nearest attribution before it (or the sentence's first subject); otherwise the
/// subject before the verb, the sentence's subject for a gerund after a preposition,
/// or an appositive subject.
fn verb_cue_speaker(doc: &Document, lex: &TokenCues, s: &Sentence, i: usize, earlier: &[Attribution]) -> Option<Span> {
    let participle = word(doc, i).ends_with("ing") && i > s.first && word(doc, i - 1) == ",";
    let conjunction = |j: usize| j > s.first && lower_is(doc, j - 1, &["and", "but"]);
    let elided =
        conjunction(i) || i > s.first && lower_is(doc, i - 1, &["then", "also", "later", "again", "quickly"]) && conjunction(i - 1);
    if participle || elided {
        speaker_carried_over(doc, lex, s, i, earlier)
    } else {
        subject_before(doc, lex, s.first, i)
            .or_else(|| {
                // "Oz was criticised for saying ...": the sentence's subject
                gerund_after_preposition(doc, i).then(|| sentence_subject(doc, i)).flatten()
            })
            .or_else(|| appositive_subject(doc, lex, s, i))
    }
}

/// Where the content of the cue verb at `i`, starting at token `first`, ends.
fn verb_cue_content_end(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize, first: usize) -> usize {
    let mut end = content_end(doc, lex, claimed, first, s.end);
    if i > s.first && lower_is(doc, i - 1, &["who"]) {
        // "X, who said the plan was vetted, said ...": the relative clause ends at its comma
        end = (first..end).find(|&j| word(doc, j) == ",").unwrap_or(end);
    }
    if first > s.first && word(doc, first - 1) == ":" && end == s.end {
        end = colon_statement_end(doc, s, claimed, first, end);
    }
    end
}

/// "Sanders has sagged in the polls", "Trump leads by 9 points in the latest Fox
/// poll": a sentence with no other cue whose evidence is a trailing phrase opened by
/// "in" (cue "in", source the phrase, content the clause before it).
fn poll_after(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span]) -> Option<Attribution> {
    let noun = (s.first + 3..s.end).find(|&k| lex.has(k, bits::EVIDENCE) && lower_is(doc, k, POLL_NOUNS))?;
    let at = (noun.saturating_sub(8).max(s.first + 2)..noun)
        .rev()
        .find(|&j| lower_is(doc, j, &["in"]))?;
    // the words between "in" and the noun form a noun phrase ("the latest CNN/ORC"),
    // not a verb phrase ("head to the polls")
    let phrase = (at + 1..noun).all(|j| {
        let w = word(doc, j);
        matches!(w, "-" | "/" | "'s" | "." | "&")
            || doc.tokens[j].kind != TokenKind::Punct
                && cue_kind(doc, lex, j).is_none()
                && !lower_is(doc, j, &["to", "of", "after", "for", "that"])
                && !(w.ends_with("ing") && w.starts_with(char::is_lowercase))
    });
    let ends = noun + 1 >= s.end
        || matches!(word(doc, noun + 1), "," | ";" | "-" | "\u{2014}")
        || lex.has(noun + 1, flags::IN_TIME)
        || lower_is(doc, noun + 1, &["since", "released", "conducted", "taken"]);
    if !phrase || !ends || (s.first..at).any(|j| is_claimed(doc, claimed, j)) {
        return None;
    }
    // the clause before it: after the last comma ("While Clinton leads in Iowa, she
    // trails ..."), without a leading conjunction ("But Trump leads ...")
    let mut first = (s.first..at).rev().find(|&j| word(doc, j) == ",").map_or(s.first, |j| j + 1);
    while first < at && lower_is(doc, first, &["but", "and", "still", "yet", "so"]) {
        first += 1;
    }
    // a relative or participle clause, or an adverbial, is no claim of its own
    let opener = word(doc, first);
    let fragment = lower_is(
        doc,
        first,
        &["who", "which", "where", "with", "in", "among", "depending", "despite"],
    ) || opener.ends_with("ing") && opener.starts_with(char::is_lowercase);
    if fragment || words_in(doc, first, at) < 3 || (first..at).any(|j| matches!(word(doc, j), ":" | ";")) {
        return None;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, first, at)?],
        direct: false,
        cue: doc.tokens[at].span,
        speaker: span_of(doc, at + 1, noun + 1),
        via: None,
    })
}

/// "Brianne Stone, 29, of Huntsville, Ala., says ...": a name opening the sentence,
/// with appositions set off by commas up to the cue (no verb, cue or quotation among them).
fn appositive_subject(doc: &Document, lex: &TokenCues, s: &Sentence, cue: usize) -> Option<Span> {
    let first = s.first + usize::from(lower_is(doc, s.first, &["and", "but"]));
    if cue < first + 3 || cue > first + 16 || word(doc, cue - 1) != "," || !word(doc, first).starts_with(char::is_uppercase) {
        return None;
    }
    let plain = (first..cue - 1).all(|j| {
        cue_kind(doc, lex, j).is_none() && !is_quote_token(doc, j) && !lower_is(doc, j, AUXILIARIES) && !matches!(word(doc, j), ":" | ";")
    });
    let named = (first..cue - 1)
        .take_while(|&j| word(doc, j) != ",")
        .all(|j| word(doc, j).starts_with(char::is_uppercase) || word(doc, j) == ".");
    (plain && named).then(|| span_of(doc, first, cue - 1)).flatten()
}

/// "The governor added: It's typical of her. She knows nothing.": a statement set off
/// by a colon with no quotation marks runs to its paragraph's end.
fn colon_statement_end(doc: &Document, s: &Sentence, claimed: &[Span], first: usize, end: usize) -> usize {
    let para_end = paragraph_of(doc, s).1;
    let mut last = para_end;
    while last > end && (matches!(word(doc, last - 1), "." | "?" | "!") || is_quote_token(doc, last - 1)) {
        last -= 1;
    }
    if (first..last).any(|j| is_claimed(doc, claimed, j) || is_quote_token(doc, j)) {
        end
    } else {
        last.max(end)
    }
}

/// The subject of the sentence's first clause, for ", adding that ..." with no
/// attribution before it: the noun phrase before the first verb-like cue or comma.
fn first_subject(doc: &Document, lex: &TokenCues, s: &Sentence, cue: usize) -> Option<Span> {
    let comma = (s.first..cue).find(|&j| word(doc, j) == ",");
    // "In an interview, Trump doubled down and said ...": the subject follows the opener
    let start = if lower_is(doc, s.first, SENTENCE_OPENERS) {
        comma? + 1
    } else {
        s.first
    };
    let limit = if start == s.first { comma.unwrap_or(cue) } else { cue };
    let verb_at = (start + 1..limit).find(|&j| {
        let w = word(doc, j);
        w.starts_with(char::is_lowercase) && w != "'s"
    })?;
    subject_before(doc, lex, start, verb_at)
}

/// Words opening an adverbial before a sentence's subject ("In an interview, ...").
const SENTENCE_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "asked",
    "with",
    "for",
    "by",
    "from",
    "as",
    "when",
    "while",
    "since",
    "despite",
    "although",
    "though",
    "if",
    "unlike",
    "like",
    "amid",
    "following",
    "earlier",
    "later",
    "last",
    "this",
    "but",
    "and",
    "still",
    "yet",
];

/// Where the content after a forward cue starts: after "that", after the hearer of
/// "told", after times and "in a statement"; `None` when the cue takes no clause here.
fn content_start(doc: &Document, lex: &TokenCues, kind: CueKind, s: &Sentence, cue: usize) -> Option<usize> {
    let window = (cue + 1..s.end.min(cue + 9)).take_while(|&j| !matches!(word(doc, j), "." | ";") && !is_quote_token(doc, j));
    let that = window.clone().find(|&j| word(doc, j).eq_ignore_ascii_case("that") && j + 1 < s.end);
    if let Some(t) = that {
        // "said that" directly, or after a hearer / adverbials without commas in between
        let clean =
            (cue + 1..t).all(|j| word(doc, j) != ",") || lex.has(cue, bits::HEARER) || (cue + 1..t).any(|j| lex.has(j, bits::CHANNEL));
        // "said he was tickled that ...": a clause of its own before "that" opens the content
        let clause = (cue + 1..t).any(|j| lower_is(doc, j, CLAUSE_WORDS));
        if clean && !clause {
            return Some(t + 1);
        }
    }
    // "said during a town hall in Buffalo, New York, that ...": a longer adverbial
    // (opened by a preposition or a time, no clause of its own) before "that"
    if that.is_none() && (lower_is(doc, cue + 1, PREPOSITIONS) || lex.has(cue + 1, flags::IN_TIME)) {
        let far = (cue + 2..s.end.min(cue + 25))
            .take_while(|&j| {
                !matches!(word(doc, j), ";" | ":")
                    && !is_quote_token(doc, j)
                    && cue_kind(doc, lex, j).is_none()
                    && !lower_is(doc, j, CLAUSE_WORDS)
            })
            .find(|&j| word(doc, j).eq_ignore_ascii_case("that") && j + 1 < s.end && word(doc, j - 1) == ",");
        if let Some(t) = far {
            return Some(t + 1);
        }
    }
    // "shows", "found" take a bare object only from evidence ("a poll showed Clinton ahead")
    let evidence_subject = (s.first..cue).rev().take(10).any(|j| lex.has(j, bits::EVIDENCE));
    if kind == CueKind::Belief && !lower_is(doc, cue, BARE_CLAUSE_BELIEFS) && !evidence_subject {
        return None;
    }
    let mut j = cue + 1;
    // the hearer ("told reporters"), unless the content starts at once ("asked if ...")
    if lex.has(cue, bits::HEARER) && !lower_is(doc, j, QUESTION_WORDS) {
        j = skip_noun_phrase(doc, j, s.end);
    }
    // adverbials: times, "in a statement", "on Twitter", "in an interview with CNN"
    loop {
        if j < s.end && lex.has(j, flags::IN_TIME) {
            j += 1;
        } else if j < s.end && lower_is(doc, j, &["in", "on", "during", "at"]) {
            let mut after = skip_noun_phrase(doc, j + 1, s.end);
            // "in a statement", "on Twitter"; not "called on Baku to ..."
            let mut channel = (j + 1..after).any(|k| lex.has(k, bits::CHANNEL) || lower_is(doc, k, MEDIA));
            if !channel {
                // "on Glenn Beck's radio program": a channel noun ending a longer phrase
                let nouns = (after..s.end.min(after + 3)).take_while(|&k| {
                    word(doc, k).starts_with(char::is_lowercase) && !lower_is(doc, k, DETERMINERS) && !lower_is(doc, k, &["that"])
                });
                if let Some(k) = nouns.filter(|&k| lex.has(k, bits::CHANNEL)).last() {
                    channel = true;
                    after = k + 1;
                }
            }
            if channel {
                j = after;
                if j < s.end && lower_is(doc, j, &["with"]) {
                    j = skip_noun_phrase(doc, j + 1, s.end);
                }
            } else {
                break;
            }
        } else if j < s.end && matches!(word(doc, j), "," | ":" | "\u{2014}") {
            j += 1;
        } else {
            break;
        }
    }
    (j < s.end).then_some(j)
}

/// Past a short noun phrase: "reporters", "the crowd", "The New York Times", "CNN's Jake Tapper".
fn skip_noun_phrase(doc: &Document, from: usize, end: usize) -> usize {
    let mut j = from;
    if j < end && lower_is(doc, j, &["the", "a", "an", "his", "her", "their", "its"]) {
        j += 1;
    }
    let start = j;
    while j < end && j - start < 5 {
        let w = word(doc, j);
        let capital = w.starts_with(char::is_uppercase) || w == "'s" || w == "'";
        if capital || j == start {
            j += 1;
            if !capital {
                break;
            }
        } else {
            break;
        }
    }
    j
}

/// "CONTENT, X said (on Tuesday)." / "CONTENT, said X." / "A, X said, B."
fn trailing(doc: &Document, lex: &TokenCues, s: &Sentence, cue: usize) -> Option<Attribution> {
    let inverted = cue > s.first && word(doc, cue - 1) == ",";
    let (speaker, comma) = if inverted {
        // "X, a veteran of the CIA, said ..." reads forward, not as "CONTENT, said X"
        // (also after an opening conjunction: "And X, one of ..., said ...")
        let opening = s.first + usize::from(lower_is(doc, s.first, &["and", "but"]));
        let before = subject_before(doc, lex, s.first, cue);
        if before.is_some_and(|b| b.start == doc.tokens[opening].span.start) {
            return None;
        }
        let after = subject_after(doc, lex, cue, s.end)?;
        // "said Trump will win": a clause, not a speaker
        let (from, to) = (cue + 1, doc.tokens.partition_point(|t| t.span.start < after.end));
        if (from..to).any(|j| lower_is(doc, j, AUXILIARIES)) {
            return None;
        }
        (after, cue - 1)
    } else {
        let sp = subject_before(doc, lex, s.first, cue)?;
        let at = doc.tokens.partition_point(|t| t.span.start < sp.start);
        if at == s.first || word(doc, at - 1) != "," {
            return None;
        }
        (sp, at - 1)
    };
    let speaker_end = doc.tokens.partition_point(|t| t.span.start < speaker.end).max(cue + 1);
    // What follows the cue clause: nothing, or an adverbial ("on Tuesday", "in a
    // statement"), then the sentence end or ", REST" (a parenthetical cue).
    let mut k = speaker_end;
    if !inverted && lex.has(cue, bits::HEARER) {
        k = skip_noun_phrase(doc, k, s.end);
    }
    let tail = k;
    while k < s.end && word(doc, k) != "," {
        k += 1;
    }
    let adverbial = |j: usize| lower_is(doc, j, ADVERBIAL_STARTS) || lex.has(j, flags::IN_TIME);
    if k > tail && (k - tail > 6 || !adverbial(tail)) {
        return None;
    }
    let head_first = (s.first..comma).find(|&j| !is_quote_token(doc, j))?;
    if words_in(doc, head_first, comma) < 2 {
        return None;
    }
    let mut pieces = vec![span_of(doc, head_first, comma)?];
    let mut via = None;
    if k < s.end {
        let rest = k + 1;
        if lex.source_phrase(doc, rest, s.end).is_some() {
            via = channel_after(doc, lex, rest, s.end);
        } else if words_in(doc, rest, s.end) >= 2 {
            pieces.push(span_of(doc, rest, s.end)?);
        }
    }
    Some(Attribution {
        pieces,
        direct: false,
        cue: doc.tokens[cue].span,
        speaker: Some(speaker),
        via,
    })
}

/// "according to X, CONTENT" and "CONTENT, according to X"; when the sentence
/// already has an attribution, "according to" names its channel instead.
#[allow(clippy::too_many_arguments)]
fn according_to(
    doc: &Document,
    lex: &TokenCues,
    s: &Sentence,
    claimed: &[Span],
    at: usize,
    n: usize,
    first_here: usize,
    out: &mut Vec<Attribution>,
) {
    let after = at + n;
    let stop = (after..s.end)
        .find(|&j| matches!(word(doc, j), "," | ";" | ":") || is_quote_token(doc, j))
        .unwrap_or(s.end);
    let Some(source) = span_of(doc, after, stop) else { return };
    if !s.direct.is_empty() {
        return; // the quotation's channel, read with it
    }
    if out.len() > first_here {
        if let Some(last) = out.last_mut() {
            if last.via.is_none() {
                last.via = channel_after(doc, lex, at, s.end);
            }
        }
        return;
    }
    let lead = (s.first..at).filter(|&j| !is_quote_token(doc, j) && word(doc, j) != ",").count();
    // What follows "according to X,": the content, or its second half when the
    // phrase stands inside it ("G4S receives, according to one report, $234 million").
    let first = stop + usize::from(stop < s.end);
    let end = content_end(doc, lex, claimed, first, s.end);
    let rest = (words_in(doc, first, end) >= 2).then(|| span_of(doc, first, end)).flatten();
    let mut pieces = Vec::new();
    if lead > 0 {
        let mut before_end = at;
        while before_end > s.first && word(doc, before_end - 1) == "," {
            before_end -= 1;
        }
        let head = (s.first..before_end).find(|&j| !is_quote_token(doc, j)).unwrap_or(before_end);
        pieces.extend(
            (words_in(doc, head, before_end) >= 1)
                .then(|| span_of(doc, head, before_end))
                .flatten(),
        );
    }
    pieces.extend(rest);
    if pieces.is_empty() {
        return;
    }
    let cue = Span::new(doc.tokens[at].span.start, doc.tokens[after - 1].span.end);
    out.push(Attribution {
        pieces,
        direct: false,
        cue,
        speaker: Some(source),
        via: None,
    });
}

/// "the newspaper quoted him as saying CONTENT": the quoted one speaks, the
/// newspaper is the channel. Returns the token to continue from.
fn quoted_as_saying(
    doc: &Document,
    lex: &TokenCues,
    s: &Sentence,
    claimed: &[Span],
    at: usize,
    out: &mut Vec<Attribution>,
) -> Option<usize> {
    let as_at = (at + 1..s.end.min(at + 8)).find(|&j| word(doc, j).eq_ignore_ascii_case("as"))?;
    let saying = as_at + 1;
    cue_kind(doc, lex, saying)?;
    let speaker = span_of(doc, at + 1, as_at)?;
    let mut first = saying + 1;
    if first < s.end && matches!(word(doc, first), "that" | "," | ":") {
        first += 1;
    }
    let via = subject_before(doc, lex, s.first, at).map(|span| detente_doc::Via {
        span,
        actor: crate::speaker::actor_for(doc, span),
    });
    let end = content_end(doc, lex, claimed, first, s.end);
    let content = span_of(doc, first, end)?;
    out.push(Attribution {
        pieces: vec![content],
        direct: false,
        cue: doc.tokens[at].span,
        speaker: Some(speaker),
        via,
    });
    Some(saying + 1)
}

/// "In the latest poll, 40 percent back Sanders": a sentence opening with "In" and a
/// phrase naming evidence before its first comma.
fn in_the_poll(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span]) -> Option<Attribution> {
    let comma = (s.first + 1..s.end.min(s.first + 14)).find(|&j| word(doc, j) == ",")?;
    if !(s.first + 1..comma).any(|j| lex.has(j, bits::EVIDENCE)) {
        return None;
    }
    let first = comma + 1;
    let end = content_end(doc, lex, claimed, first, s.end);
    if words_in(doc, first, end) < 3 {
        return None;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, first, end)?],
        direct: false,
        cue: doc.tokens[s.first].span,
        speaker: span_of(doc, s.first + 1, comma),
        via: None,
    })
}

/// "Asked about the deal, ...", "Asked on Monday whether he would run, ...", "...,
/// she said when asked if ...", "Asked by a reporter why ...": a question put to
/// someone by an asker who goes unnamed (or is named after "by"); the content is the
/// question, from its question word to the clause's end.
fn asked_question(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], at: usize) -> Option<Attribution> {
    if !lex.has(at, bits::HEARER) || !word(doc, at).ends_with("ed") {
        return None;
    }
    let opens =
        at == s.first || lower_is(doc, at - 1, &["when", "after", "once", "if", "as", "before", "while"]) || word(doc, at - 1) == ",";
    if !opens {
        return None;
    }
    // the asker ("by a reporter") and adverbials ("on Fox News", "during a debate", times)
    let mut j = at + 1;
    let mut asker = None;
    let limit = s.end.min(at + 12);
    while j < limit && !lower_is(doc, j, QUESTION_WORDS) {
        if lower_is(doc, j, &["by"]) && asker.is_none() {
            let after = skip_noun_phrase(doc, j + 1, s.end);
            asker = span_of(doc, j + 1, after);
            j = after;
        } else if lower_is(
            doc,
            j,
            &[
                "on",
                "in",
                "during",
                "at",
                "in",
                "last",
                "this",
                "later",
                "earlier",
                "again",
                "repeatedly",
            ],
        ) {
            j = skip_noun_phrase(doc, j + 1, s.end);
        } else if lex.has(j, flags::IN_TIME) || word(doc, j).ends_with("ly") && word(doc, j).starts_with(char::is_lowercase) {
            // times and adverbs: "Asked on Monday whether", "Asked specifically what"
            j += 1;
        } else {
            return None;
        }
    }
    if j >= limit {
        return None;
    }
    let first = j + usize::from(lower_is(doc, j, &["about"]));
    let end = content_end(doc, lex, claimed, first, s.end);
    let end = (first..end).find(|&k| word(doc, k) == ",").unwrap_or(end);
    if words_in(doc, first, end) < 1 || is_claimed(doc, claimed, first) {
        return None;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, first, end)?],
        direct: false,
        cue: doc.tokens[at].span,
        speaker: asker,
        via: None,
    })
}

/// "Trump's claim that there were thousands of shootings", "the charge that he lied":
/// a noun of saying or thinking with its "that" clause; the speaker is the possessor
/// ("Trump's", "his"), or no one. A clause with no subject of its own after "that"
/// ("the claim that was made") is a relative clause, no content.
fn noun_cue(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize) -> Option<Attribution> {
    if !lex.has(i, bits::NOUN) || !lower_is(doc, i + 1, &["that"]) || i == s.first {
        return None;
    }
    let first = i + 2;
    // the clause after "that" opens with its subject, not a verb ("that was made")
    let opener = word(doc, first);
    let relative = opener.is_empty()
        || lower_is(
            doc,
            first,
            &[
                "is", "was", "are", "were", "has", "had", "have", "would", "will", "could", "can", "may", "might", "should", "did", "does",
                "do", "had",
            ],
        )
        || opener.ends_with("ed") && opener.starts_with(char::is_lowercase);
    // "said in a statement that ...": the channel of the verb before, which is the cue
    let channel = lex.has(i, bits::CHANNEL) && (i.saturating_sub(3).max(s.first)..i).any(|j| lower_is(doc, j, &["in"]));
    if relative || channel || is_claimed(doc, claimed, i) {
        return None;
    }
    let end = content_end(doc, lex, claimed, first, s.end);
    if words_in(doc, first, end) < 3 || is_claimed(doc, claimed, first) {
        return None;
    }
    // the possessor: "Trump's claim", "his latest claim"
    let mut k = i;
    while k > s.first
        && k + 3 > i
        && word(doc, k - 1).starts_with(char::is_lowercase)
        && !lower_is(doc, k - 1, &["'s", "his", "her", "their", "its", "our", "my", "your"])
    {
        k -= 1;
    }
    let speaker = if k > s.first && lower_is(doc, k - 1, &["his", "her", "their", "its", "our", "my", "your"]) {
        Some(doc.tokens[k - 1].span)
    } else if k > s.first + 1 && lower_is(doc, k - 1, &["'s"]) {
        let start = (s.first..k - 1)
            .rev()
            .take_while(|&j| word(doc, j).starts_with(char::is_uppercase))
            .last()?;
        span_of(doc, start, k - 1)
    } else {
        None
    };
    Some(Attribution {
        pieces: vec![span_of(doc, first, end)?],
        direct: false,
        cue: doc.tokens[i].span,
        speaker,
        via: None,
    })
}

/// "Mr. Obama sees Mr. Netanyahu as captured by a hard-line philosophy", "developers
/// see golf courses as wasted space", "he cast himself as an outsider": a verb of
/// regarding with its object and "as" (within a dozen words, no comma, quotation or
/// clause between); the content is the object and what it is taken for, the speaker
/// the verb's subject. Passives ("is seen as", "viewed by some as") are left out.
fn regard_as(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize) -> Option<Attribution> {
    if !lex.has(i, bits::REGARD) || word(doc, i).starts_with(char::is_uppercase) || !verb_use(doc, i) {
        return None;
    }
    let as_at = (i + 2..s.end.min(i + 14))
        .take_while(|&j| {
            !matches!(word(doc, j), "," | ";" | ":" | "." | "?" | "!" | "(")
                && !is_quote_token(doc, j)
                && !lower_is(doc, j, &["that", "by", "and", "but", "who", "which"])
                && cue_kind(doc, lex, j).is_none()
        })
        .find(|&j| lower_is(doc, j, &["as"]))?;
    let speaker = subject_before(doc, lex, s.first, i)?;
    let end = content_end(doc, lex, claimed, i + 1, s.end);
    if end <= as_at + 1 {
        return None;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, i + 1, end)?],
        direct: false,
        cue: doc.tokens[i].span,
        speaker: Some(speaker),
        via: channel_after(doc, lex, end, s.end),
    })
}

/// Words after "appeared" that make it a verb of appearing, not of seeming.
const NOT_SEEMING: &[&str] = &[
    "on",
    "in",
    "at",
    "with",
    "before",
    "from",
    "for",
    "by",
    "as",
    "during",
    "after",
    "into",
    "over",
    "under",
    "onstage",
    "alongside",
    "and",
    "or",
    "but",
    "briefly",
    "live",
    "together",
    "outside",
    "inside",
    "here",
    "there",
    "again",
    "only",
    "twice",
    "once",
];

/// "The statistics appear to be fabricated", "New Hampshire seems stable", "To
/// Harrison, his stare seemed to reflect sadness": an impression with no one (or
/// the one after "To") behind it; the content is the subject and what it seems.
fn seeming(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize) -> Option<Attribution> {
    if !lex.has(i, bits::SEEMING) || i == s.first || !word(doc, i).starts_with(char::is_lowercase) {
        return None;
    }
    let next = i + 1;
    if next >= s.end
        || !word(doc, next).starts_with(char::is_lowercase)
        || lower_is(doc, next, NOT_SEEMING)
        || lower_is(doc, i - 1, DETERMINERS)
    {
        return None;
    }
    if lower_is(doc, next, &["to"]) && (!word(doc, next + 1).starts_with(char::is_lowercase) || lower_is(doc, next + 1, DETERMINERS)) {
        return None;
    }
    let subject = if lower_is(doc, i - 1, &["which", "who", "that"]) {
        Some(doc.tokens[i - 1].span)
    } else {
        subject_before(doc, lex, s.first, i)
    }?;
    let end = content_end(doc, lex, claimed, next, s.end);
    if words_in(doc, next, end) < 1 || is_claimed(doc, claimed, next) || is_claimed(doc, claimed, i - 1) {
        return None;
    }
    // "To Harrison, ...": the one it seems so to
    let comma = (s.first..i).find(|&j| word(doc, j) == ",");
    let speaker = comma
        .filter(|_| lower_is(doc, s.first, &["to"]))
        .and_then(|c| span_of(doc, s.first + 1, c));
    Some(Attribution {
        pieces: vec![impression(subject, span_of(doc, next, end)?)],
        direct: false,
        cue: doc.tokens[i].span,
        speaker,
        via: None,
    })
}

/// The content of an impression or expectation: from its subject to the end of what
/// is seemed or expected, as one span. PolNeAR marks the subject and the infinitive
/// as two pieces around the cue; one span reads better for users (a lone "He" is no
/// statement) and still overlaps the gold content.
fn impression(subject: Span, content: Span) -> Span {
    Span::new(subject.start.min(content.start), subject.end.max(content.end))
}

/// "The birth is expected to coincide with the conventions", "which is expected to
/// draw a large audience": an expectation (belief, report) with no one named; the
/// content is the subject and the to-infinitive, the cue "is expected".
fn raised_passive(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize) -> Option<Attribution> {
    if !lex.has(i, bits::RAISING) || i < s.first + 2 || !lower_is(doc, i + 1, &["to"]) {
        return None;
    }
    let verb = word(doc, i + 2);
    if !verb.starts_with(char::is_lowercase) || lower_is(doc, i + 2, DETERMINERS) {
        return None;
    }
    let mut be = i - 1;
    while be > s.first
        && lower_is(
            doc,
            be,
            &["not", "n't", "also", "widely", "still", "now", "generally", "largely", "already"],
        )
    {
        be -= 1;
    }
    if !lower_is(doc, be, crate::speaker::BE_FORMS) || be == s.first {
        return None;
    }
    let subject = if lower_is(doc, be - 1, &["which", "who", "that"]) {
        Some(doc.tokens[be - 1].span)
    } else {
        subject_before(doc, lex, s.first, be)
    }?;
    let first = i + 1;
    let end = content_end(doc, lex, claimed, first, s.end);
    if words_in(doc, first, end) < 2 || is_claimed(doc, claimed, first) || is_claimed(doc, claimed, be - 1) {
        return None;
    }
    Some(Attribution {
        pieces: vec![impression(subject, span_of(doc, first, end)?)],
        direct: false,
        cue: Span::new(doc.tokens[be].span.start, doc.tokens[i].span.end),
        speaker: None,
        via: None,
    })
}

/// Words before a verb that make it a noun or an infinitive ("his plans to", "to call for").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those", "to", "no", "any", "some", "'s",
];

/// "X vowed to fight on", "X plans to run", "X called for a ban", "X talked about the
/// wall", ", pointing out that ...": a verb of intention with its to-infinitive (the
/// content starts at "to"), or a verb with the particle that opens its content (the
/// cue covers both words).
fn complement_cue(
    doc: &Document,
    lex: &TokenCues,
    s: &Sentence,
    claimed: &[Span],
    i: usize,
    earlier: &[Attribution],
) -> Option<Attribution> {
    let w = word(doc, i);
    if !w.starts_with(char::is_lowercase) || i == s.first || lower_is(doc, i - 1, DETERMINERS) {
        return None;
    }
    let next = i + 1;
    let stance = lex.has(i, bits::STANCE) && !lex.has(i, bits::VERB | bits::INTENTION);
    let (first, cue_last, min_words) = if lex.has(i, bits::INTENTION) {
        let to = next + usize::from(lower_is(doc, next, &["not"]));
        // "to" and then a verb, not "agreed to the deal": the word after is lower case
        let verb_after =
            word(doc, to + 1).starts_with(char::is_lowercase) && !lower_is(doc, to + 1, &["the", "a", "an", "his", "her", "their"]);
        if !lower_is(doc, to, &["to"]) || !verb_after {
            return None;
        }
        (next, i, 2)
    } else if next < s.end && lex.phrasal(doc, i, next) {
        (next + 1, next, 1)
    } else if stance && next < s.end && clearly_verb(doc, i) && !matches!(word(doc, next), "," | "." | ";" | ":") {
        (next, i, 1)
    } else {
        return None;
    };
    let participle = w.ends_with("ing") && word(doc, i - 1) == ",";
    let speaker = if participle {
        speaker_carried_over(doc, lex, s, i, earlier)
    } else {
        subject_before(doc, lex, s.first, i)
    }?;
    let mut end = content_end(doc, lex, claimed, first, s.end);
    if stance && cue_last == i {
        end = object_end(doc, lex, first, end);
    }
    if words_in(doc, first, end) < min_words || is_claimed(doc, claimed, first) {
        return None;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, first, end)?],
        direct: false,
        cue: Span::new(doc.tokens[i].span.start, doc.tokens[cue_last].span.end),
        speaker: Some(speaker),
        via: None,
    })
}

/// Words before a present-tense or base form that make it a verb ("who supports",
/// "they back", "will oppose"), not a noun ("strong support", "the attacks").
const VERB_BEFORE: &[&str] = &[
    "who",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "it",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
    "n't",
    "not",
    "also",
    "still",
    "strongly",
    "now",
    "all",
    "both",
    "never",
    "generally",
    "overwhelmingly",
];

/// True when stance word `i` is used as a verb here: a past tense after its subject
/// ("Democrats opposed the bill"), or another form after a pronoun, "who", a modal
/// or an adverb.
fn clearly_verb(doc: &Document, i: usize) -> bool {
    if !verb_use(doc, i) {
        return false;
    }
    let w = word(doc, i);
    w.ends_with("ed") || lower_is(doc, i - 1, VERB_BEFORE)
}

/// Words that end the object of a stance verb: the clauses and adverbials after it
/// ("supports the deal because ...", "backed Clinton in the primary").
const OBJECT_STOPS: &[&str] = &[
    "because", "which", "who", "when", "while", "as", "if", "after", "before", "since", "despite", "although", "though", "even", "but",
    "in", "at", "during", "on", "over", "amid", "by", "than", "so", "until", "unless", "where", "whether", "is", "are", "was", "were",
    "has", "have", "had", "will", "would",
];

/// Where the object of a stance verb ends: before the first comma, clause word,
/// adverbial preposition, time or auxiliary (the main verb after a relative clause,
/// "voters who oppose the deal are ...") after its first word.
fn object_end(doc: &Document, lex: &TokenCues, first: usize, end: usize) -> usize {
    (first + 1..end)
        .find(|&j| {
            matches!(word(doc, j), "," | ";" | ":" | "(" | "\u{2014}" | "-") || lower_is(doc, j, OBJECT_STOPS) || lex.has(j, flags::IN_TIME)
        })
        .unwrap_or(end)
}

/// Labels that open a headline or paragraph with a colon and name no speaker.
const LABELS: &[&str] = &[
    "watch",
    "video",
    "exclusive",
    "breaking",
    "update",
    "updated",
    "analysis",
    "opinion",
    "editorial",
    "live",
    "photos",
    "related",
    "note",
    "read",
    "source",
    "sources",
    "correction",
    "clarification",
    "listen",
    "explainer",
    "factbox",
    "timeline",
    "q",
    "more",
    "also",
    "see",
    "transcript",
    "editor",
    "editors",
    "warning",
    "spoiler",
    "tags",
    "topics",
    "share",
];

/// True for a phrase that reads as a name: capitalised words (and the dots,
/// hyphens and possessives inside names), no label, at most five tokens.
fn name_like(doc: &Document, first: usize, end: usize) -> bool {
    end > first
        && end - first <= 5
        && (first..end).all(|j| {
            let w = word(doc, j);
            w.starts_with(char::is_uppercase) || matches!(w, "'s" | "." | "-")
        })
        && !(first..end).any(|j| lower_is(doc, j, LABELS))
}

/// True for a transcript speaker label: upper-case words ("WALLACE", "JAKE TAPPER").
fn all_caps(doc: &Document, first: usize, end: usize) -> bool {
    end > first
        && end - first <= 4
        && (first..end).all(|j| {
            let w = word(doc, j);
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
        })
        && !(first..end).any(|j| lower_is(doc, j, LABELS))
}

/// The token range of the paragraph that sentence `s` belongs to.
fn paragraph_of(doc: &Document, s: &Sentence) -> (usize, usize) {
    crate::direct::paragraph_tokens(doc, doc.sentences.get(s.index).map_or(0, |x| x.paragraph))
}

/// "Graham: Trump's rhetoric is destroying the party" (a headline) and transcript
/// lines "WALLACE: Let's start with ..." (a paragraph opening with an upper-case label):
/// a short phrase naming someone, a colon, and what they said, to the paragraph's end.
fn speaker_colon(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span]) -> Option<Attribution> {
    let in_headline = doc
        .headline
        .is_some_and(|h| doc.tokens.get(s.first).is_some_and(|t| h.contains(t.span)));
    // The colon first: it rules out almost every sentence without a scan of the paragraphs.
    let colon = (s.first + 1..s.end.min(s.first + 6)).find(|&j| word(doc, j) == ":")?;
    let (para_first, para_end) = paragraph_of(doc, s);
    if !in_headline && s.first != para_first {
        return None;
    }
    let speaker = span_of(doc, s.first, colon)?;
    let known = if in_headline {
        let names = (s.first..colon).all(|j| {
            let w = word(doc, j);
            w.starts_with(char::is_uppercase) || w == "'s" || w == "."
        });
        let evidence = (s.first..colon).any(|j| lex.has(j, bits::EVIDENCE));
        names && (crate::speaker::actor_for(doc, speaker).is_some() || evidence || name_like(doc, s.first, colon))
    } else {
        all_caps(doc, s.first, colon)
    };
    // "Super Tuesday: what to watch": a date names no one
    let dated = doc.times.iter().any(|t| t.span.overlaps(speaker));
    let first = colon + 1;
    if !known || dated || is_claimed(doc, claimed, first) || words_in(doc, first, s.end) < 3 {
        return None;
    }
    let first = first + usize::from(is_quote_token(doc, first));
    // the statement runs to the paragraph's end, over its sentences
    let mut end = para_end.max(s.end);
    while end > first && (matches!(word(doc, end - 1), "." | "?" | "!") || is_quote_token(doc, end - 1)) {
        end -= 1;
    }
    if (first..end).any(|j| is_claimed(doc, claimed, j)) {
        end = s.end;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, first, end)?],
        direct: false,
        cue: doc.tokens[colon].span,
        speaker: Some(speaker),
        via: None,
    })
}

/// "X was asked whether/about/why ...": a question put to X by someone unnamed; the
/// content is the question (from "whether" or "about") up to the clause's end.
fn passive_question(doc: &Document, lex: &TokenCues, s: &Sentence, claimed: &[Span], i: usize) -> Option<Attribution> {
    if i == s.first || !lex.has(i, bits::HEARER) || !word(doc, i).ends_with("ed") {
        return None;
    }
    let passive = lower_is(doc, i - 1, &["was", "were", "been", "being", "is", "are", "be"]);
    if !passive || !lower_is(doc, i + 1, QUESTION_WORDS) {
        return None;
    }
    let first = i + 1;
    let end = content_end(doc, lex, claimed, first, s.end);
    let end = (first..end).find(|&j| word(doc, j) == ",").unwrap_or(end);
    if words_in(doc, first, end) < 2 {
        return None;
    }
    Some(Attribution {
        pieces: vec![span_of(doc, first, end)?],
        direct: false,
        cue: doc.tokens[i].span,
        speaker: None,
        via: None,
    })
}
