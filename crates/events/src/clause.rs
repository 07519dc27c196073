//! Light clause analysis on tokens, without a parser: the verb group around a
//! trigger, the clause it sits in, the subject region before it and the object window
//! after it, and the actor mentions (in chains: "the US, Japan and South Korea") those
//! regions hold.

use detente_doc::{Document, Span};

/// One sentence prepared for coding: lower-case words and the actor mention (if any)
/// each token belongs to.
pub struct SentenceView<'a> {
    pub words: Vec<String>,
    pub spans: Vec<Span>,
    /// Original-case text of each token (capitalisation tells names from verbs),
    /// borrowed from the document.
    pub raw: Vec<&'a str>,
    /// For each token, the index into `mentions` of the mention covering it.
    pub mention_of: Vec<Option<usize>>,
    pub mentions: Vec<MentionRef>,
    /// Tokens of "and" / "or" that join two words of one noun phrase rather than two
    /// clauses (TABARI's designated nouns and adjectives: "sheep and goats").
    pub phrase_conjunctions: Vec<usize>,
}

/// An actor mention inside the sentence, with its token range (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MentionRef {
    pub actor: usize,
    pub span: Span,
    pub first: usize,
    pub last: usize,
}

impl<'a> SentenceView<'a> {
    pub fn new(doc: &'a Document, si: usize) -> Self {
        let toks = doc.sentence_tokens(si);
        let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
        let raw: Vec<&str> = spans.iter().map(|s| doc.slice(*s)).collect();
        let words = raw.iter().map(|w| normal_word(w)).collect();
        let sent = doc.sentences[si].span;
        let mut mentions: Vec<MentionRef> = Vec::new();
        for (ai, a) in doc.actors.iter().enumerate() {
            for m in &a.mentions {
                if !sent.contains(m.span) {
                    continue;
                }
                let inside = |i: &usize| m.span.contains(spans[*i]);
                if let (Some(first), Some(last)) = ((0..spans.len()).find(inside), (0..spans.len()).rfind(inside)) {
                    mentions.push(MentionRef {
                        actor: ai,
                        span: m.span,
                        first,
                        last,
                    });
                }
            }
        }
        mentions.sort_by_key(|m| (m.first, usize::MAX - m.last));
        let mut mention_of = vec![None; spans.len()];
        for (mi, m) in mentions.iter().enumerate() {
            for slot in mention_of.iter_mut().take(m.last + 1).skip(m.first) {
                if slot.is_none() {
                    *slot = Some(mi);
                }
            }
        }
        SentenceView {
            words,
            spans,
            raw,
            mention_of,
            mentions,
            phrase_conjunctions: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map(String::as_str).unwrap_or("")
    }
}

/// A token lower-cased, with a typographic apostrophe made plain (one copy, and no
/// case mapping for the common all-lower-case ASCII word).
fn normal_word(word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        word.to_lowercase().replace('’', "'")
    } else {
        word.to_string()
    }
}

/// Auxiliaries, modals, negators and adverbs that make up a verb group before the verb.
pub const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "having",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "'ll",
    "wo",
    "ca",
    "'d",
    "'s",
    "'ve",
    "not",
    "n't",
    "never",
    "also",
    "reportedly",
    "allegedly",
    "already",
    "again",
    "now",
    "then",
    "later",
    "formally",
    "jointly",
    "repeatedly",
    "just",
    "still",
    "once",
    "even",
    "further",
    "only",
    "publicly",
    "strongly",
    "sharply",
    "officially",
    "apparently",
    "recently",
    "previously",
    "finally",
    "yet",
    "no",
    "longer",
    "ever",
];

/// Words that open a new clause: the subject of a verb lies after the nearest one.
const CLAUSE_OPENERS: &[&str] = &[
    ";",
    ":",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "if",
    "unless",
    "whether",
    "because",
    "although",
    "though",
    "while",
    "when",
    "after",
    "before",
    "since",
    "but",
    "\"",
    "(",
    ")",
    "—",
    "–",
    "-",
    "--",
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "announced",
    "reported",
    "according",
    "saying",
    "insisted",
    "claimed",
    "warned",
    "noted",
];

/// Words that end the object window of a verb.
const OBJECT_ENDERS: &[&str] = &[
    ";",
    ":",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "if",
    "unless",
    "whether",
    "because",
    "although",
    "though",
    "while",
    "when",
    "after",
    "before",
    "since",
    "but",
    "\"",
    "(",
    ")",
    "—",
    "said",
    "says",
    "told",
    "according",
    "amid",
    "despite",
    ".",
    "?",
    "!",
];

/// Index of the first token of the verb group ending just before `verb`.
pub fn verb_group_start(view: &SentenceView, verb: usize) -> usize {
    let mut i = verb;
    while i > 0 {
        let w = view.word(i - 1);
        let adverb = w.ends_with("ly") && w.len() > 4 && view.mention_of[i - 1].is_none();
        if AUXILIARIES.contains(&w) || adverb {
            i -= 1;
        } else {
            break;
        }
    }
    i
}

/// The first token of the clause holding position `at` (scanning left). A closed
/// parenthesis before `at` is skipped whole: "The Revolutionary United Front (RUF)
/// announced" is one clause.
pub fn clause_start(view: &SentenceView, at: usize) -> usize {
    let mut j = at;
    while j > 0 {
        j -= 1;
        let w = view.word(j);
        if w == ")" {
            if let Some(open) = (0..j).rev().find(|&k| view.word(k) == "(") {
                j = open;
                continue;
            }
        }
        if CLAUSE_OPENERS.contains(&w) && (!matches!(w, "-" | "–") || is_free_standing(view, j)) {
            return j + 1;
        }
    }
    0
}

/// A token with space on both sides: a dash, not a hyphen ("30-day").
fn is_free_standing(view: &SentenceView, k: usize) -> bool {
    let spaced_before = k == 0 || view.spans[k - 1].end < view.spans[k].start;
    let spaced_after = view.spans.get(k + 1).is_none_or(|n| view.spans[k].end < n.start);
    spaced_before && spaced_after
}

/// Words allowed between two mentions of one chain ("the US, Japan and South Korea").
pub fn is_chain_glue(w: &str) -> bool {
    matches!(w, "," | "and" | "the" | "both" | "as" | "well" | "&" | "or" | "nor")
}

/// Mentions starting from `first` that form one coordinated chain going right.
fn chain_from(view: &SentenceView, first: usize, end: usize) -> Vec<MentionRef> {
    let mut out = vec![view.mentions[first]];
    let mut last = view.mentions[first].last;
    let mut j = last + 1;
    while j < end {
        if let Some(mi) = view.mention_of[j] {
            if view.mentions[mi].first == j && (last + 1..j).any(|k| matches!(view.word(k), "and" | "," | "&" | "or" | "nor")) {
                if !out.iter().any(|m| m.actor == view.mentions[mi].actor) {
                    out.push(view.mentions[mi]);
                }
                last = view.mentions[mi].last;
                j = last + 1;
                continue;
            }
            break;
        }
        if !is_chain_glue(view.word(j)) {
            // "Fornost and the evil awful Gondor": up to two modifiers after a conjunction
            let conjoined = (last + 1..j).any(|k| matches!(view.word(k), "and" | "," | "&" | "or" | "nor"));
            let modifier = |k: usize| view.raw[k].chars().all(|c| c.is_ascii_lowercase() || c == '-');
            let next_mention = (j..(j + 3).min(end)).find(|&k| view.mention_of[k].is_some());
            // "Pakistan, a key U.S. ally, refused": after a bare comma, "a"/"an" opens
            // an appositive, not a list member
            let appositive =
                matches!(view.word(j), "a" | "an") && !(last + 1..j).any(|k| matches!(view.word(k), "and" | "&" | "or" | "nor"));
            match next_mention {
                Some(k) if conjoined && !appositive && k > j && (j..k).all(modifier) => {
                    j = k;
                    continue;
                }
                _ => break,
            }
        }
        j += 1;
    }
    out
}

/// The subject of a verb group starting at `group`: the actor chain in the clause
/// before it, skipping relative clauses (", which ... ,") and preferring the comma part
/// nearest to the verb that names an actor (so "On Tuesday, X met" and appositives work).
pub fn subject(view: &SentenceView, group: usize) -> Vec<MentionRef> {
    subject_depth(view, group, 0)
}

const PRONOUN_SUBJECTS: &[&str] = &["it", "they", "he", "she", "we", "i", "the", "country", "government"];

/// Time words that may follow a speech verb before its reported clause.
pub const SPEECH_TIME_WORDS: &[&str] = &[
    "on",
    "here",
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "this",
    "week",
    "earlier",
    "later",
    "also",
    "again",
    "late",
    "night",
];

fn subject_depth(view: &SentenceView, group: usize, depth: usize) -> Vec<MentionRef> {
    let found = subject_in_clause(view, group);
    if !found.is_empty() || depth > 2 {
        return found;
    }
    // "X said it would ...", "X said that they ...": a pronoun subject of reported
    // speech is the speaker
    let start = clause_start(view, group);
    // time words may stand between the speech verb and the pronoun ("said on
    // Friday they would ...", "said today it had ...")
    let only_pronouns = (start..group).all(|k| PRONOUN_SUBJECTS.contains(&view.word(k)) || SPEECH_TIME_WORDS.contains(&view.word(k)))
        && (start..group).any(|k| PRONOUN_SUBJECTS.contains(&view.word(k)));
    let speech = |w: &str| {
        matches!(
            w,
            "said" | "says" | "that" | "announced" | "stated" | "added" | "insisted" | "claimed" | "warned" | "noted" | "told"
        )
    };
    if start > 0 && only_pronouns && speech(view.word(start - 1)) {
        // "announced Thursday that it has ...": the speech verb before "that" and
        // time words heads the clause whose subject is the speaker
        let mut sv = start - 1;
        if view.word(sv) == "that" {
            let before = (0..sv).rev().find(|&k| !SPEECH_TIME_WORDS.contains(&view.word(k)));
            if let Some(k) = before.filter(|&k| speech(view.word(k))) {
                sv = k;
            }
        }
        return subject_depth(view, verb_group_start(view, sv), depth + 1);
    }
    found
}

fn subject_in_clause(view: &SentenceView, group: usize) -> Vec<MentionRef> {
    let start = clause_start(view, group);
    if start > 0 && matches!(view.word(start - 1), "which" | "who" | "that") && start >= 2 {
        // a relative clause: its subject is the antecedent before the pronoun
        let before = start - 1;
        if view.word(before - 1) == "," || view.mention_of[before - 1].is_some() {
            let ante_end = if view.word(before - 1) == "," { before - 1 } else { before };
            if let Some(mi) = (0..ante_end).rev().find_map(|k| view.mention_of[k]) {
                let m = view.mentions[mi];
                if ante_end - m.last <= 2 {
                    return vec![m];
                }
            }
        }
    }
    // comma parts of the region, dropping relative clauses and introductory phrases
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut from = start;
    for j in start..=group {
        if j == group || view.word(j) == "," {
            if j > from {
                parts.push((from, j));
            }
            from = j + 1;
        }
    }
    // "Before leaving for Beijing, President Bush ...": a part opened by a gerund is
    // an adverbial phrase, not the subject
    let gerund = |a: usize| {
        view.word(a).ends_with("ing") && view.mention_of[a].is_none() && view.raw[a].chars().next().is_some_and(char::is_lowercase)
    };
    let skipped = |a: usize, b: usize| {
        matches!(view.word(a), "which" | "who" | "whose" | "whom") || INTRODUCTORY.contains(&view.word(a)) || (gerund(a) && b < group)
    };
    // "Sarkozy heads to Beijing ..., seeking to mend ties": a place of arrival or
    // stay is no subject
    let subject_at = |k: usize| {
        let mi = view.mention_of[k]?;
        let located = k > 0 && view.mentions[mi].first == k && matches!(view.word(k - 1), "to" | "in" | "at" | "into" | "near");
        (!located).then_some(mi)
    };
    let head = parts
        .iter()
        .find(|&&(a, b)| !skipped(a, b) && (a..b).any(|k| subject_at(k).is_some()));
    let Some(&(a, b)) = head else {
        return subject_after_introduction(view, &parts, group);
    };
    let Some(mut first) = (a..b).find_map(subject_at) else {
        return Vec::new();
    };
    // "Montenegro Municipality Association (AKK) officials demanded": a mention
    // inside a name that modifies a later mention is not the head of the subject
    loop {
        let chain = chain_from(view, first, group);
        let end = chain.iter().map(|m| m.last).max().unwrap_or(view.mentions[first].last);
        let next = (end + 1..b).find_map(|k| view.mention_of[k].map(|mi| (k, mi)));
        match next {
            Some((k, mi)) if k > end + 1 && (end + 1..k).all(|j| is_name_word(view, j)) => first = mi,
            _ => return chain,
        }
    }
}

/// "said on Tuesday their forces had ...": with no comma after the introductory
/// phrase, the subject is the last part's first mention that does not stand right
/// after a preposition (so "In Paris" stays a place).
fn subject_after_introduction(view: &SentenceView, parts: &[(usize, usize)], group: usize) -> Vec<MentionRef> {
    let Some(&(a, b)) = parts.last().filter(|(a, b)| b == &group && INTRODUCTORY.contains(&view.word(*a))) else {
        return Vec::new();
    };
    let first = (a + 1..b).find_map(|k| {
        let mi = view.mention_of[k]?;
        let starts = view.mentions[mi].first == k;
        let after_preposition = matches!(
            view.word(k - 1),
            "in" | "at" | "near" | "of" | "from" | "by" | "with" | "against" | "to" | "on" | "for" | "the"
        );
        (starts && !after_preposition).then_some(mi)
    });
    first.map(|mi| chain_from(view, mi, group)).unwrap_or_default()
}

/// A capitalised word or a parenthesis: part of a name ("Municipality Association (AKK)").
fn is_name_word(view: &SentenceView, k: usize) -> bool {
    matches!(view.word(k), "(" | ")") || view.raw[k].chars().next().is_some_and(char::is_uppercase)
}

/// Words that open an introductory phrase before the subject ("On Tuesday, ...").
const INTRODUCTORY: &[&str] = &[
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "with",
    "under",
    "following",
    "despite",
    "amid",
    "as",
    "by",
    "for",
    "from",
    "since",
    "while",
    "when",
    "meanwhile",
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
    "separately",
    "however",
    "also",
    "still",
    "but",
    "and",
    "according",
    "speaking",
    "asked",
];

/// The end (exclusive) of the object window that starts at `from`.
pub fn object_end(view: &SentenceView, from: usize, stop_at: usize) -> usize {
    let mut j = from;
    // "demanded that X ...", "urged that X ...": the object is the embedded subject
    if view.word(from) == "that" && from + 1 < stop_at {
        j = from + 1;
    }
    while j < stop_at.min(view.len()) {
        let w = view.word(j);
        if OBJECT_ENDERS.contains(&w) {
            break;
        }
        if w == "," {
            // a list goes on after a comma; anything else ends the object
            let next_is_actor = (j + 1..(j + 3).min(view.len())).any(|k| view.mention_of[k].is_some_and(|m| view.mentions[m].first == k))
                && (j + 1..view.len()).find_map(|k| view.mention_of[k]).is_some();
            let chain_before = (from..j).any(|k| view.mention_of[k].is_some());
            if !(next_is_actor && chain_before) {
                break;
            }
        }
        j += 1;
    }
    j
}

/// The first actor chain in `[from, end)`.
pub fn first_chain(view: &SentenceView, from: usize, end: usize) -> Vec<MentionRef> {
    match (from..end).find_map(|k| view.mention_of[k]) {
        Some(mi) => chain_from(view, mi, end),
        None => Vec::new(),
    }
}

/// The actor chain after "by" in `[from, end)` (the agent of a passive verb).
pub fn by_agent(view: &SentenceView, from: usize, end: usize) -> Vec<MentionRef> {
    match (from..end).find(|&k| view.word(k) == "by") {
        Some(k) => first_chain(view, k + 1, end),
        None => Vec::new(),
    }
}

/// The agent of a passive whose "by" phrase lies beyond the object window, after
/// commas ("has been accused of misusing funds, much of it embezzled, by officials"):
/// searched up to the end of the clause, with the actor right after "by".
pub fn distant_by_agent(view: &SentenceView, from: usize) -> Vec<MentionRef> {
    let end = (from..view.len())
        .find(|&k| OBJECT_ENDERS.contains(&view.word(k)))
        .unwrap_or(view.len());
    let agent = (from..end).filter(|&k| view.word(k) == "by").find_map(|k| {
        (k + 1..(k + 4).min(end))
            .find_map(|j| view.mention_of[j])
            .filter(|&mi| (k + 1..view.mentions[mi].first).all(|j| !matches!(view.word(j), "," | "and")))
    });
    agent.map(|mi| chain_from(view, mi, end)).unwrap_or_default()
}

/// The agent of a noun trigger: an actor right before it ("Russia's attack",
/// "Russian shelling") or after "by" in its window ("an attack by rebels").
pub fn nominal_agent(view: &SentenceView, head: usize, from: usize, end: usize) -> Vec<MentionRef> {
    let mut k = head;
    while k > 0 && matches!(view.word(k - 1), "'s" | "'" | "s") {
        k -= 1;
    }
    if let Some(mi) = k.checked_sub(1).and_then(|i| view.mention_of[i]) {
        return vec![view.mentions[mi]];
    }
    by_agent(view, from, end)
}

/// The first actor chain in `[from, end)` whose first mention covers none of `skip`.
pub fn first_chain_skipping(view: &SentenceView, from: usize, end: usize, skip: &[usize]) -> Vec<MentionRef> {
    let first = (from..end).filter_map(|k| view.mention_of[k]).find(|&mi| {
        let m = view.mentions[mi];
        // a mention that is a matched word, or modifies one ("an official protest")
        let after_determiner = m.first > 0 && matches!(view.word(m.first - 1), "a" | "an" | "the" | "its" | "their" | "his" | "her");
        let modifies_slot = after_determiner && skip.contains(&(m.last + 1));
        !modifies_slot && !skip.iter().any(|s| (m.first..=m.last).contains(s))
    });
    match first {
        Some(mi) => chain_from(view, mi, end),
        None => Vec::new(),
    }
}
