//! Direct quotations: text inside quotation marks (straight or typographic), joined
//! across paragraphs when a quotation runs on, and tied to the cue next to it.

use crate::cues::bits;
use crate::lexed::{flags, TokenCues};
use crate::speaker::{cue_kind, is_quote_mark, is_quote_token, mark_len, sentence_subject, subject_after, subject_before, word, PRONOUNS};
use crate::Attribution;
use detente_doc::{Document, Span};

/// One stretch of quoted text inside a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark; `None` when the quotation runs on past the paragraph.
    pub close: Option<usize>,
    /// The quoted words, without the marks, surrounding spaces or a trailing comma.
    pub content: Span,
    pub paragraph: usize,
    /// True when this segment opens its paragraph and continues an unclosed quotation
    /// from the paragraph before (news style: a mark opens each paragraph, the last closes).
    pub continues: bool,
}

impl Segment {
    /// The span from the opening mark to the closing one (or the paragraph end).
    pub fn outer(&self, doc: &Document) -> Span {
        let end = match self.close {
            Some(c) => c + mark_len(&doc.text, c),
            None => self.content.end,
        };
        Span::new(self.open, end)
    }
}

/// Every quoted segment of the document, in order.
pub fn segments(doc: &Document) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (p, &para) in doc.paragraphs.iter().enumerate() {
        let text = para.text(&doc.text);
        let mut open: Option<usize> = None;
        let first_in_para = out.len();
        let mut skip_until = 0;
        for (i, c) in text.char_indices() {
            if i < skip_until {
                continue;
            }
            let mut at = para.start + i;
            // A run of apostrophes: '' is a mark; in ''' the single one is a nested
            // quotation's mark, inside the double one ('''Kosovo ... case,''').
            let run = text[i..].bytes().take_while(|&b| b == b'\'').count();
            let c = if run >= 2 {
                skip_until = i + run;
                if open.is_some() {
                    at += run - 2;
                }
                '"'
            } else {
                c
            };
            if !is_quote_mark(c) {
                continue;
            }
            match open {
                // A closing-only mark with nothing open is a stray (or an inch sign),
                // unless it stands where an opening one would (a typo: `Smith ― ”We ...`).
                None if c == '\u{201D}' && !opens_word(text, i) => {}
                None => open = Some(at),
                // A second opening typographic mark restarts the quotation.
                Some(_) if matches!(c, '\u{201C}' | '\u{201E}') => open = Some(at),
                Some(o) => {
                    push_segment(doc, &mut out, o, Some(at), p);
                    open = None;
                }
            }
        }
        if let Some(o) = open {
            push_segment(doc, &mut out, o, None, p);
        }
        let previous_runs_on = first_in_para > 0 && out[first_in_para - 1].close.is_none();
        if let Some(first) = out.get_mut(first_in_para) {
            first.continues = previous_runs_on && doc.text[para.start..first.open].trim().is_empty();
        }
    }
    out
}

/// True when the mark at byte `i` of `text` stands after a space (or at the start)
/// and before a letter or digit, where an opening mark goes.
fn opens_word(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i..].chars().nth(1);
    before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric)
}

fn push_segment(doc: &Document, out: &mut Vec<Segment>, open: usize, close: Option<usize>, paragraph: usize) {
    let after_open = open + mark_len(&doc.text, open);
    let end = close.unwrap_or(doc.paragraphs[paragraph].end);
    let mut content = Span::new(after_open, end).trim(&doc.text);
    // The comma before a cue belongs to the sentence, not to the words quoted.
    while doc.slice(content).ends_with([',', '\u{2014}']) {
        content = Span::new(content.start, content.end - 1).trim(&doc.text);
    }
    if !content.is_empty() {
        out.push(Segment {
            open,
            close,
            content,
            paragraph,
            continues: false,
        });
    }
}

/// Segments joined into quotations: a segment that continues one from the paragraph
/// before joins its chain. Each chain is a list of indices into `segs`.
pub fn chains(segs: &[Segment]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        match out.last_mut() {
            Some(chain) if s.continues => chain.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// A cue found next to a quotation: its span (a verb, or "according to") and the speaker phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub cue: Span,
    pub speaker: Option<Span>,
    /// The tokens `[first, last)` the cue clause covers, so that other passes skip them.
    pub tokens: (usize, usize),
}

/// Token index range of paragraph `p`.
pub fn paragraph_tokens(doc: &Document, p: usize) -> (usize, usize) {
    let mut first = usize::MAX;
    let mut last = 0;
    for s in doc.sentences.iter().filter(|s| s.paragraph == p) {
        first = first.min(s.tokens.0);
        last = last.max(s.tokens.1);
    }
    if first == usize::MAX {
        (0, 0)
    } else {
        (first, last)
    }
}

/// `Senator Smith: "..."` (or `Smith - "..."`, as in lists of voices): a colon or
/// dash after a bare speaker is the cue, when the phrase before it names an actor.
fn colon_cue(doc: &Document, lex: &TokenCues, lo: usize, end: usize, para_first: usize) -> Option<CueMatch> {
    if end == lo || !matches!(word(doc, end - 1), ":" | "\u{2014}" | "\u{2015}" | "-") {
        return None;
    }
    let colon = end - 1;
    let start = (lo..colon).find(|&j| !is_quote_token(doc, j))?;
    if colon - start > 8 || (start..colon).any(|j| cue_kind(doc, lex, j).is_some() || matches!(word(doc, j), "," | ";")) {
        return None;
    }
    let speaker = Span::new(doc.tokens[start].span.start, doc.tokens[colon - 1].span.end);
    let names_actor = doc.actors.iter().flat_map(|a| &a.mentions).any(|m| m.span.overlaps(speaker));
    // or a paragraph opening with a name (`Sonya Herridge ― "..."`, `Pollster Daron Shaw: "..."`)
    let capital = |j: usize| word(doc, j).starts_with(char::is_uppercase);
    // (or a sentence opening with one before a colon: `... agree. Pollster Daron Shaw: "..."`)
    let opens = start == para_first || word(doc, colon) == ":" && lex.has(start, flags::SENTENCE_START);
    let name = opens && capital(start) && capital(colon - 1) && !PRONOUNS.contains(&word(doc, colon - 1).to_lowercase().as_str());
    // a dateline before a dash is no speaker: `WASHINGTON (Reuters) — "..."`
    let dateline = word(doc, colon) != ":" && (doc.slice(speaker).contains('(') || !doc.slice(speaker).chars().any(char::is_lowercase));
    (!dateline && (names_actor || name)).then_some(CueMatch {
        cue: doc.tokens[colon].span,
        speaker: Some(speaker),
        tokens: (start, end),
    })
}

/// `Trump boomed: "..."`, `Rubio fired back forcefully: "..."`: a past-tense verb
/// the lexicon does not list (and up to two words after it), then a colon and the
/// quotation, after a subject that is a pronoun or a capitalised phrase.
fn verb_colon_cue(doc: &Document, lex: &TokenCues, lo: usize, end: usize) -> Option<CueMatch> {
    if end < lo + 3 || word(doc, end - 1) != ":" {
        return None;
    }
    let colon = end - 1;
    let lower_word = |j: usize| {
        let w = word(doc, j);
        w.starts_with(char::is_lowercase) && w.chars().all(char::is_alphabetic) && !lex.has(j, flags::BOUNDARY)
    };
    let verb = (colon.saturating_sub(3).max(lo + 1)..colon).find(|&j| word(doc, j).ends_with("ed") && (j..colon).all(lower_word))?;
    let speaker = subject_before(doc, lex, lo, verb)?;
    let opener = word(doc, doc.tokens.partition_point(|t| t.span.start < speaker.start));
    if !(opener.starts_with(char::is_uppercase) || PRONOUNS.contains(&opener.to_lowercase().as_str())) {
        return None;
    }
    Some(CueMatch {
        cue: Span::new(doc.tokens[verb].span.start, doc.tokens[colon].span.end),
        speaker: Some(speaker),
        tokens: (lo, end),
    })
}

/// Lower-case words that may open a speaker phrase.
fn speaker_opener(w: &str) -> bool {
    const OPENERS: &[&str] = &[
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "one",
        "another",
        "some",
        "many",
        "several",
        "two",
        "three",
        "both",
        "most",
        "few",
        "other",
        "others",
        "officials",
        "critics",
        "supporters",
        "aides",
        "analysts",
        "experts",
        "diplomats",
        "sources",
        "people",
        "this",
        "that",
        "these",
        "those",
        "former",
        "senior",
    ];
    let lower = w.to_lowercase();
    PRONOUNS.contains(&lower.as_str()) || OPENERS.contains(&lower.as_str())
}

/// True for punctuation that ends a sentence, but not the period of a short
/// capitalised abbreviation ("Rep.", "(D-Wis.)").
fn is_sentence_end(doc: &Document, i: usize) -> bool {
    match word(doc, i) {
        ";" | "?" | "!" => true,
        "." => {
            let abbreviation = i > 0 && doc.tokens[i - 1].span.end == doc.tokens[i].span.start && {
                let prev = word(doc, i - 1).rsplit('-').next().unwrap_or("");
                prev.len() <= 4 && prev.starts_with(char::is_uppercase) && prev.chars().all(char::is_alphabetic)
            };
            !abbreviation
        }
        _ => false,
    }
}

/// `"...," X said` / `"...," said X` / `"..." X added`: the cue right after a closing mark.
pub fn cue_after(doc: &Document, lex: &TokenCues, close: usize, para_end_tok: usize) -> Option<CueMatch> {
    let after = close + mark_len(&doc.text, close);
    let first = doc.tokens.partition_point(|t| t.span.start < after);
    let mut hi = first;
    while hi < para_end_tok && hi - first < 30 && !is_quote_token(doc, hi) && !is_sentence_end(doc, hi) {
        hi += 1;
    }
    let lo = if word(doc, first) == "," { first + 1 } else { first };
    // A source phrase straight after the quotation: "...", according to X.
    if let Some(n) = lex.source_phrase(doc, lo, hi) {
        let speaker = subject_after(doc, lex, lo + n - 1, hi);
        let cue = Span::new(doc.tokens[lo].span.start, doc.tokens[lo + n - 1].span.end);
        return Some(CueMatch {
            cue,
            speaker,
            tokens: (first, hi),
        });
    }
    // News sets a cue off with punctuation (`"...," she said`, `"...?" he asked`);
    // without it only a short phrase may stand between (`"..." Trump said`).
    let before_close = doc.text[..close].trim_end();
    let punctuated = before_close.ends_with([',', '?', '!', '\u{2014}', '-']) || first < hi && word(doc, first) == ",";
    // (a long apposition may stand before the cue: `"...," Rizzo, the chair of ..., said`)
    let reach = if punctuated { 30 } else { 4 };
    let cue_at = (lo..hi.min(lo + reach)).find(|&i| cue_kind(doc, lex, i).is_some())?;
    let speaker = if cue_at == lo {
        // `"..." suggests that ...` with nothing setting the cue off: the quotation
        // is the verb's subject, not what someone said
        let after = subject_after(doc, lex, cue_at, hi);
        if after.is_none() && !punctuated {
            return None;
        }
        after
    } else {
        // Everything between the quotation and the cue must be the speaker phrase,
        // opening with a name, a pronoun or a determiner ("by waiting to" is none).
        let opener = word(doc, lo);
        let plausible = punctuated || opener.starts_with(char::is_uppercase) || speaker_opener(opener);
        let phrase = subject_before(doc, lex, lo, cue_at).filter(|p| p.start == doc.tokens[lo].span.start);
        // `"...," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said`: after a
        // punctuated quotation, all that stands before the cue is the speaker
        let named = opener.starts_with(char::is_uppercase) || speaker_opener(opener);
        let whole = (punctuated && named).then(|| {
            let mut last = cue_at;
            while last > lo && (word(doc, last - 1) == "," || lower_in_auxiliaries(doc, last - 1)) {
                last -= 1;
            }
            (last > lo).then(|| Span::new(doc.tokens[lo].span.start, doc.tokens[last - 1].span.end))
        });
        let phrase = phrase.or(whole.flatten())?;
        if !plausible {
            return None;
        }
        Some(phrase)
    };
    // The clause claimed ends with the cue or the speaker after it, so that
    // ", adding that ..." stays free for the indirect pass.
    let speaker_end = speaker.map_or(0, |s| doc.tokens.partition_point(|t| t.span.start < s.end));
    // `"... in poverty." He says not enacting laws ...`: after a quotation that ends
    // its sentence, a cue with content of its own opens the next statement
    let after_cue = (cue_at + 1).max(speaker_end);
    let own_content = after_cue < hi && {
        let w = word(doc, after_cue);
        w.starts_with(char::is_lowercase)
            && !ADVERBIAL_STARTS.iter().any(|a| w.eq_ignore_ascii_case(a))
            && !lex.has(after_cue, flags::IN_TIME)
            || w.eq_ignore_ascii_case("that")
            || w == ":"
    };
    if before_close.ends_with(['.', '!', '?']) && !punctuated_after(doc, first) && own_content {
        return None;
    }
    Some(CueMatch {
        cue: doc.tokens[cue_at].span,
        speaker,
        tokens: (first, (cue_at + 1).max(speaker_end)),
    })
}

/// True when a comma follows the closing mark (`"...", he said`).
fn punctuated_after(doc: &Document, first: usize) -> bool {
    first < doc.tokens.len() && word(doc, first) == ","
}

/// Words that open an adverbial after a trailing cue (`"...," she said on Tuesday`).
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
    "as",
    "about",
    "with",
    "via",
    "through",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "yesterday",
    "today",
    "tonight",
    "again",
    "repeatedly",
    "then",
    "and",
    "but",
];

/// `X said: "..."` / `X told reporters, "..."`: the cue just before an opening mark.
/// Only for quotations that end a clause (`X said "peace" was near` is a partial quote).
pub fn cue_before(
    doc: &Document,
    lex: &TokenCues,
    seg: &Segment,
    after_close_tok: Option<usize>,
    para: (usize, usize),
) -> Option<CueMatch> {
    // (a quotation ending its own sentence, `said, "... colleagues." At the same time`, ends it too)
    let ends_sentence = seg.close.is_some() && doc.text[..seg.close.unwrap_or(0)].trim_end().ends_with(['.', '?', '!']);
    if let Some(t) = after_close_tok.filter(|&t| t < para.1 && !ends_sentence) {
        let w = word(doc, t);
        if !(matches!(w, "." | "?" | "!" | ";" | ")" | "," | ":" | "\u{2014}") || is_quote_token(doc, t)) {
            return None;
        }
    }
    let end = doc.tokens.partition_point(|t| t.span.start < seg.open).max(para.0);
    let mut lo = end;
    while lo > para.0 && end - lo < 30 && !is_quote_token(doc, lo - 1) && !is_sentence_end(doc, lo - 1) {
        lo -= 1;
    }
    let mut last = end;
    if last > lo && matches!(word(doc, last - 1), ":" | "," | "\u{2014}") {
        last -= 1;
    }
    if last == lo {
        return None;
    }
    // The cue stands within a few words of the mark: "said in a statement on Tuesday:".
    let Some(cue_at) = (lo..last).rev().take(6).find(|&i| cue_kind(doc, lex, i).is_some()) else {
        return verb_colon_cue(doc, lex, lo, end).or_else(|| colon_cue(doc, lex, lo, end, para.0));
    };
    // The quotation must open the cue's content: `said: "`, `told reporters, "`,
    // `said "`, `said that "`. Words in between (`said the deal "failed"`) make it a
    // partial quotation inside reported speech.
    // (`said of the episode "..."`, `told CNN "..."`: a short phrase about the topic or hearer)
    let topic = end - cue_at <= 6
        && (word(doc, cue_at + 1).eq_ignore_ascii_case("of")
            || lex.has(cue_at, bits::HEARER) && word(doc, cue_at + 1).starts_with(char::is_uppercase));
    let opens_content =
        cue_at + 1 == end || last < end || topic || (cue_at + 2 == end && word(doc, cue_at + 1).eq_ignore_ascii_case("that"));
    if !opens_content {
        return None;
    }
    if doc.slice(doc.tokens[cue_at].span).ends_with("ing") && cue_at > lo && word(doc, cue_at - 1) == "," {
        // ", adding: "..."": the subject is further back; leave it to the caller.
        return Some(CueMatch {
            cue: doc.tokens[cue_at].span,
            speaker: None,
            tokens: (lo, end),
        });
    }
    if let Some(m) = elided_subject_cue(doc, lex, lo, cue_at, end) {
        return Some(m);
    }
    let speaker = subject_before(doc, lex, lo, cue_at)
        .or_else(|| subject_after(doc, lex, cue_at, last))
        .or_else(|| sentence_subject(doc, cue_at));
    Some(CueMatch {
        cue: doc.tokens[cue_at].span,
        speaker,
        tokens: (lo, end),
    })
}

/// `X said it was too early but added, "..."`: a cue after "and"/"but" shares the
/// subject of the clause before, and claims only itself, so that clause's own cue
/// stays free for reported speech.
fn elided_subject_cue(doc: &Document, lex: &TokenCues, lo: usize, cue_at: usize, end: usize) -> Option<CueMatch> {
    let mut conj = cue_at.checked_sub(1)?;
    if conj > lo && ["also", "then", "later"].iter().any(|a| word(doc, conj).eq_ignore_ascii_case(a)) {
        conj -= 1;
    }
    if conj <= lo || !["and", "but"].iter().any(|a| word(doc, conj).eq_ignore_ascii_case(a)) {
        return None;
    }
    // the clause before must have a cue of its own (the first one: "said she thinks")
    let earlier = (lo..conj).find(|&k| cue_kind(doc, lex, k).is_some() && crate::speaker::verb_use(doc, k))?;
    let speaker = subject_before(doc, lex, lo, earlier).or_else(|| sentence_subject(doc, cue_at));
    Some(CueMatch {
        cue: doc.tokens[cue_at].span,
        speaker,
        tokens: (conj, end),
    })
}

/// Words between a speaker and its cue ("has", "also") that a speaker phrase leaves out.
fn lower_in_auxiliaries(doc: &Document, i: usize) -> bool {
    const AUX: &[&str] = &["has", "have", "had", "also", "later", "then", "again", "once", "would", "will"];
    AUX.iter().any(|a| word(doc, i).eq_ignore_ascii_case(a))
}

/// A quotation paragraph signed on the next line: `"..."` then `- Bernie Sanders.`
/// or `—President Obama, tweeting after the speech.`; the dash is the cue.
/// `"..." ― Sonya Herridge` (a list of voices), `"..." — Paul Ryan (@SpeakerRyan)` (an
/// embedded post): a dash right after the closing mark, then a capitalised name that
/// ends its line (or is followed by a handle in brackets).
fn signed_inline(doc: &Document, close: usize, para_end_tok: usize) -> Option<CueMatch> {
    let after = close + mark_len(&doc.text, close);
    let dash = doc.tokens.partition_point(|t| t.span.start < after);
    if dash + 1 >= para_end_tok || !matches!(word(doc, dash), "-" | "\u{2014}" | "\u{2013}" | "\u{2015}") {
        return None;
    }
    let dash_span = doc.tokens[dash].span;
    if !doc.text.get(after..dash_span.start).is_some_and(|gap| gap.trim().is_empty()) {
        return None;
    }
    let line_end = doc.text[dash_span.end..].find('\n').map_or(doc.text.len(), |k| dash_span.end + k);
    let stop = (dash + 1..para_end_tok)
        .find(|&j| doc.tokens[j].span.start >= line_end || matches!(word(doc, j), "(" | "," | ";") || is_sentence_end(doc, j))
        .unwrap_or(para_end_tok);
    let name_word = |j: usize| word(doc, j).starts_with(char::is_uppercase) || matches!(word(doc, j), "." | "-" | "'s");
    if stop == dash + 1 || stop - dash > 6 || !word(doc, dash + 1).starts_with(char::is_uppercase) || !(dash + 1..stop).all(name_word) {
        return None;
    }
    // the name ends its line, its sentence, or the paragraph; or a handle follows
    let ends = stop >= para_end_tok || doc.tokens[stop].span.start >= line_end || matches!(word(doc, stop), "(" | "." | "!" | "?");
    ends.then(|| CueMatch {
        cue: dash_span,
        speaker: Some(Span::new(doc.tokens[dash + 1].span.start, doc.tokens[stop - 1].span.end)),
        tokens: (dash, stop),
    })
}

fn signed_after(doc: &Document, seg: &Segment) -> Option<CueMatch> {
    let next = seg.paragraph + 1;
    if seg.close.is_none() || next >= doc.paragraphs.len() || seg.paragraph == 0 {
        return None;
    }
    let after_close = seg.close? + mark_len(&doc.text, seg.close?);
    if !doc.text[after_close..doc.paragraphs[seg.paragraph].end].trim().is_empty() {
        return None;
    }
    let (first, end) = paragraph_tokens(doc, next);
    if end <= first + 1 || !matches!(word(doc, first), "-" | "\u{2014}" | "\u{2013}" | "\u{2015}") {
        return None;
    }
    let stop = (first + 1..end)
        .find(|&j| matches!(word(doc, j), "," | ";" | "(") || is_sentence_end(doc, j))
        .unwrap_or(end);
    let capital = |j: usize| word(doc, j).starts_with(char::is_uppercase);
    if stop == first + 1 || stop - first > 7 || !capital(first + 1) || !capital(stop - 1) {
        return None;
    }
    Some(CueMatch {
        cue: doc.tokens[first].span,
        speaker: Some(Span::new(doc.tokens[first + 1].span.start, doc.tokens[stop - 1].span.end)),
        tokens: (first, end),
    })
}

/// `He said:` closing one paragraph, the quotation opening the next.
fn cue_closing_paragraph_before(
    doc: &Document,
    lex: &TokenCues,
    seg: &Segment,
    after_close_tok: Option<usize>,
    para: (usize, usize),
) -> Option<CueMatch> {
    let opens_paragraph = doc.text[doc.paragraphs[seg.paragraph].start..seg.open].trim().is_empty();
    if seg.paragraph == 0 || !opens_paragraph {
        return None;
    }
    let before = paragraph_tokens(doc, seg.paragraph - 1);
    if before.1 <= before.0 || word(doc, before.1 - 1) != ":" {
        return None;
    }
    cue_before(doc, lex, seg, after_close_tok, (before.0, para.1))
}

/// Direct quotations tied to their cues, the quoted chains no cue claimed (partial
/// quotes and scare quotes, decided later), and the spans the cued ones cover.
pub struct DirectQuotes {
    pub found: Vec<Attribution>,
    pub loose: Vec<Vec<Segment>>,
    pub claimed: Vec<Span>,
    /// Every quoted stretch, marks included, attributed or not.
    pub quoted: Vec<Span>,
    /// The quoted segments themselves.
    pub segments: Vec<Segment>,
}

fn words(doc: &Document, span: Span) -> usize {
    doc.slice(span).split_whitespace().count()
}

/// True when the text before `open` in its paragraph is empty or ends a clause,
/// so a quotation there can continue the quoted speaker ("...," he said. "More.").
fn opens_clause(doc: &Document, seg: &Segment) -> bool {
    let para = doc.paragraphs[seg.paragraph];
    let before = doc.text[para.start..seg.open].trim_end();
    before.is_empty() || before.ends_with(['.', ',', ':', '?', '!', ';']) || before.ends_with(is_quote_mark) || before.ends_with("''")
}

/// Find the direct quotations of a document and attribute each.
pub fn attribute(doc: &Document, lex: &TokenCues) -> DirectQuotes {
    let segs = segments(doc);
    let mut out = DirectQuotes {
        found: Vec::new(),
        loose: Vec::new(),
        claimed: Vec::new(),
        quoted: segs.iter().map(|s| s.outer(doc)).collect(),
        segments: segs.clone(),
    };
    // The last attributed quotation: its cue and speaker and the paragraph it ended in.
    let mut last: Option<(CueMatch, usize)> = None;
    for chain in chains(&segs) {
        let parts: Vec<Segment> = chain.iter().map(|&k| segs[k]).collect();
        let (Some(first), Some(end)) = (parts.first().copied(), parts.last().copied()) else {
            continue;
        };
        let n_words: usize = parts.iter().map(|s| words(doc, s.content)).sum();
        let para_first = paragraph_tokens(doc, first.paragraph);
        let para_end = paragraph_tokens(doc, end.paragraph);
        let after_close = end.close.map(|c| {
            let after = c + mark_len(&doc.text, c);
            doc.tokens.partition_point(|t| t.span.start < after)
        });
        let cued = end
            .close
            .and_then(|c| cue_after(doc, lex, c, para_end.1).or_else(|| signed_inline(doc, c, para_end.1)))
            .or_else(|| cue_before(doc, lex, &first, after_close, para_first))
            .or_else(|| cue_closing_paragraph_before(doc, lex, &first, after_close, para_first))
            .or_else(|| signed_after(doc, &end));
        let found = match cued {
            Some(mut m) => {
                if m.speaker.is_none() {
                    // ", adding: "..."": the speaker of the quotation before.
                    m.speaker = last.and_then(|(l, _)| l.speaker);
                }
                Some(m)
            }
            // Another quotation by the speaker just quoted: later in the same
            // paragraph, or a bare quotation paragraph right after.
            None => last
                .filter(|&(_, p)| {
                    n_words >= 3
                        && opens_clause(doc, &first)
                        && !cue_later_in_sentence(doc, lex, &end)
                        && (p == first.paragraph
                            || p + 1 == first.paragraph && doc.text[doc.paragraphs[first.paragraph].start..first.open].trim().is_empty())
                })
                .map(|(m, _)| CueMatch { tokens: (0, 0), ..m }),
        };
        match found {
            Some(m) => {
                out.claimed.extend(parts.iter().map(|s| s.outer(doc)));
                if let Some(span) = span_of_tokens(doc, m.tokens) {
                    out.claimed.push(span);
                }
                out.claimed.push(m.cue);
                let mut pieces: Vec<Span> = parts.iter().map(|s| s.content).collect();
                if parts.len() == 1 && end.close.is_some_and(|c| m.cue.start > c) {
                    if let (Some(lead), Some(piece)) = (lead_in(doc, lex, &first), pieces.first_mut()) {
                        *piece = Span::new(lead, piece.end);
                    }
                }
                out.found.push(Attribution {
                    pieces,
                    direct: true,
                    cue: m.cue,
                    speaker: m.speaker,
                    via: None,
                });
                last = Some((m, end.paragraph));
            }
            None => out.loose.push(parts),
        }
    }
    out
}

/// `"...", continuing words, she said`: a cue later in the quotation's sentence
/// (after its closing mark) belongs to this sentence, not to the speaker before.
fn cue_later_in_sentence(doc: &Document, lex: &TokenCues, seg: &Segment) -> bool {
    let Some(close) = seg.close else { return false };
    let Some(si) = doc.sentence_at(close) else { return false };
    let from = doc.tokens.partition_point(|t| t.span.start < close + mark_len(&doc.text, close));
    let end = doc.sentences[si].tokens.1;
    let mut j = from;
    while j < end && !is_quote_token(doc, j) {
        if cue_kind(doc, lex, j).is_some() && crate::speaker::verb_use(doc, j) {
            return true;
        }
        j += 1;
    }
    false
}

/// `However laudable the goal, using the tax ''is a misguided approach,'' he said`:
/// the words of the sentence before a quotation that a trailing cue closes are part
/// of what was said. The start of those words, when there are some and no cue or
/// colon among them.
fn lead_in(doc: &Document, lex: &TokenCues, seg: &Segment) -> Option<usize> {
    let si = doc.sentence_at(seg.open)?;
    let first = doc.sentences[si].tokens.0;
    let open = doc.tokens.partition_point(|t| t.span.start < seg.open);
    if open < first + 2 || doc.tokens[first].span.start < doc.paragraphs[seg.paragraph].start {
        return None;
    }
    let clean = (first..open).all(|j| cue_kind(doc, lex, j).is_none() && !is_quote_token(doc, j) && !matches!(word(doc, j), ":" | ";"));
    let words = (first..open)
        .filter(|&j| doc.tokens[j].kind != detente_doc::TokenKind::Punct)
        .count();
    (clean && words >= 2).then(|| doc.tokens[first].span.start)
}

fn span_of_tokens(doc: &Document, (first, end): (usize, usize)) -> Option<Span> {
    (first < end && end <= doc.tokens.len()).then(|| Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end))
}
