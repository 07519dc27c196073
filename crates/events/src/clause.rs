//! Light clause analysis on tokens, without a parser: the verb group around a
//! trigger, the clause it sits in, the subject region before it and the object window
//! after it, and the actor mentions (in chains: "the US, Japan and South Korea") those
//! regions hold.

use detente_doc::{Document, Span};

/// One sentence prepared for coding: lower-case words and the actor mention (if any)
/// each token belongs to.
pub struct SentenceView {
    pub words: Vec<String>,
    pub spans: Vec<Span>,
    /// Original-case text of each token (capitalisation tells names from verbs).
    pub raw: Vec<String>,
    /// For each token, the index into `mentions` of the mention covering it.
    pub mention_of: Vec<Option<usize>>,
    pub mentions: Vec<MentionRef>,
}

/// An actor mention inside the sentence, with its token range (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MentionRef {
    pub actor: usize,
    pub span: Span,
    pub first: usize,
    pub last: usize,
}

impl SentenceView {
    pub fn new(doc: &Document, si: usize) -> Self {
        let toks = doc.sentence_tokens(si);
        let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
        let raw: Vec<String> = spans.iter().map(|s| doc.slice(*s).to_string()).collect();
        let words = raw.iter().map(|w| w.to_lowercase().replace('’', "'")).collect();
        let sent = doc.sentences[si].span;
        let mut mentions: Vec<MentionRef> = Vec::new();
        for (ai, a) in doc.actors.iter().enumerate() {
            for m in &a.mentions {
                if !sent.contains(m.span) {
                    continue;
                }
                let inside: Vec<usize> = (0..spans.len()).filter(|&i| m.span.contains(spans[i])).collect();
                if let (Some(&first), Some(&last)) = (inside.first(), inside.last()) {
                    mentions.push(MentionRef { actor: ai, span: m.span, first, last });
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

/// Auxiliaries, modals, negators and adverbs that make up a verb group before the verb.
pub const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "'ll", "'d", "'s", "'ve", "not", "n't", "never", "also", "reportedly", "allegedly",
    "already", "again", "now", "then", "later", "formally", "jointly", "repeatedly", "just", "still", "once", "even", "further", "only",
    "publicly", "strongly", "sharply", "officially", "apparently", "recently", "previously", "finally", "yet", "no", "longer", "ever",
];

/// Words that open a new clause: the subject of a verb lies after the nearest one.
const CLAUSE_OPENERS: &[&str] = &[
    ";", ":", "that", "which", "who", "whom", "whose", "where", "if", "unless", "whether", "because", "although", "though", "while", "when",
    "after", "before", "since", "but", "\"", "(", ")", "—", "said", "says", "told", "tells", "added", "stated", "announced", "reported",
    "according", "saying", "insisted", "claimed", "warned", "noted",
];

/// Words that end the object window of a verb.
const OBJECT_ENDERS: &[&str] = &[
    ";", ":", "that", "which", "who", "whom", "whose", "where", "if", "unless", "whether", "because", "although", "though", "while", "when",
    "after", "before", "since", "but", "\"", "(", ")", "—", "said", "says", "told", "according", "amid", "despite", ".", "?", "!",
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

/// The first token of the clause holding position `at` (scanning left).
pub fn clause_start(view: &SentenceView, at: usize) -> usize {
    (0..at).rev().find(|&j| CLAUSE_OPENERS.contains(&view.word(j))).map(|j| j + 1).unwrap_or(0)
}

/// Words allowed between two mentions of one chain ("the US, Japan and South Korea").
fn is_chain_glue(w: &str) -> bool {
    matches!(w, "," | "and" | "the" | "both" | "as" | "well" | "&" | "or")
}

/// Mentions starting from `first` that form one coordinated chain going right.
fn chain_from(view: &SentenceView, first: usize, end: usize) -> Vec<MentionRef> {
    let mut out = vec![view.mentions[first]];
    let mut last = view.mentions[first].last;
    let mut j = last + 1;
    while j < end {
        if let Some(mi) = view.mention_of[j] {
            if view.mentions[mi].first == j && (last + 1..j).any(|k| matches!(view.word(k), "and" | "," | "&" | "or")) {
                out.push(view.mentions[mi]);
                last = view.mentions[mi].last;
                j = last + 1;
                continue;
            }
            break;
        }
        if !is_chain_glue(view.word(j)) {
            break;
        }
        j += 1;
    }
    out
}

/// The subject of a verb group starting at `group`: the actor chain in the clause
/// before it, skipping relative clauses (", which ... ,") and preferring the comma part
/// nearest to the verb that names an actor (so "On Tuesday, X met" and appositives work).
pub fn subject(view: &SentenceView, group: usize) -> Vec<MentionRef> {
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
    // comma parts of the region, dropping relative clauses
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
    let parts: Vec<(usize, usize)> = parts.into_iter().filter(|(a, _)| !matches!(view.word(*a), "which" | "who" | "whose" | "whom")).collect();
    // the nearest part naming an actor; earlier parts that are bare list items join it
    for (pi, &(a, b)) in parts.iter().enumerate().rev() {
        let Some(first) = (a..b).find_map(|k| view.mention_of[k]) else { continue };
        let mut chain = chain_from(view, first, b);
        let mut k = pi;
        while k > 0 {
            let (pa, pb) = parts[k - 1];
            let bare = (pa..pb).all(|t| view.mention_of[t].is_some() || matches!(view.word(t), "the" | "and"));
            let Some(mi) = (pa..pb).find_map(|t| view.mention_of[t]) else { break };
            if !bare || parts[k - 1].1 + 1 != parts[k].0 {
                break;
            }
            chain.insert(0, view.mentions[mi]);
            k -= 1;
        }
        return chain;
    }
    Vec::new()
}

/// The end (exclusive) of the object window that starts at `from`.
pub fn object_end(view: &SentenceView, from: usize, stop_at: usize) -> usize {
    let mut j = from;
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
