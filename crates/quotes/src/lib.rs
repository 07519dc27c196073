//! Quote stage of detente: direct quotations (inside quotation marks) and indirect
//! speech ("X said that ..."), each with its cue span, its speaker (resolved to an
//! actor where one is mentioned) and the channel it came through ("according to ...").

use detente_doc::{Document, Quote, Span, Via};

/// Verbs and phrases that introduce speech.
pub const CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "stated",
    "warned",
    "declared",
    "insisted",
    "stressed",
    "noted",
    "wrote",
    "explained",
    "replied",
    "announced",
    "argued",
    "claimed",
    "denied",
    "urged",
    "acknowledged",
    "admitted",
    "confirmed",
    "vowed",
    "pledged",
    "accused",
    "complained",
    "cautioned",
    "tweeted",
    "posted",
    "reported",
    "quoted",
];

/// The quote stage.
#[derive(Clone, Debug, Default)]
pub struct QuoteStage;

impl QuoteStage {
    /// Add the quotes layer (needs sentences, tokens and actors).
    pub fn annotate(&self, doc: &mut Document) {
        let mut quotes = Vec::new();
        let mut direct_spans: Vec<Span> = Vec::new();
        let mut last_speaker: Option<(Option<usize>, Option<Span>)> = None;
        for p in 0..doc.paragraphs.len() {
            let para = doc.paragraphs[p];
            let mut cued_in_para = false;
            for (open, close) in quote_pairs(&doc.text, para) {
                let mut content = Span::new(open + 1, close).trim(&doc.text);
                // the comma before a cue belongs to the sentence, not the words quoted
                if doc.slice(content).ends_with(',') {
                    content = Span::new(content.start, content.end - 1);
                }
                if content.is_empty() {
                    continue;
                }
                let words = doc.slice(content).split_whitespace().count();
                let cue = find_cue_after(doc, close + 1).or_else(|| find_cue_before(doc, open));
                match cue {
                    Some((cue, speaker_span)) => {
                        let speaker = speaker_span.and_then(|s| actor_for(doc, s));
                        last_speaker = Some((speaker, speaker_span));
                        cued_in_para = true;
                        quotes.push(Quote {
                            span: content,
                            direct: true,
                            speaker,
                            speaker_span,
                            cue: Some(cue),
                            via: via_after(doc, cue),
                        });
                        direct_spans.push(Span::new(open, close + 1));
                    }
                    // A bare quotation paragraph after a cued one continues that speaker.
                    None if words > 4 && !cued_in_para && starts_paragraph(doc, para, open) => {
                        if let Some((speaker, speaker_span)) = last_speaker {
                            quotes.push(Quote {
                                span: content,
                                direct: true,
                                speaker,
                                speaker_span,
                                cue: None,
                                via: None,
                            });
                            direct_spans.push(Span::new(open, close + 1));
                        }
                    }
                    None => {} // scare quotes and titles: nobody is saying them
                }
            }
        }
        // Indirect speech: "X said (that) ..." outside quotation marks.
        for si in 0..doc.sentences.len() {
            let sent = doc.sentences[si].span;
            if direct_spans.iter().any(|d| d.overlaps(sent)) {
                continue;
            }
            if let Some(q) = indirect(doc, si) {
                quotes.push(q);
            }
        }
        quotes.sort_by_key(|q| q.span.start);
        doc.quotes = quotes;
    }
}

/// Pairs of straight double quotes inside a paragraph (normalisation made all quotes straight).
fn quote_pairs(text: &str, para: Span) -> Vec<(usize, usize)> {
    let positions: Vec<usize> = para.text(text).match_indices('"').map(|(i, _)| para.start + i).collect();
    positions.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0], c[1])).collect()
}

fn starts_paragraph(doc: &Document, para: Span, open: usize) -> bool {
    doc.text[para.start..open].trim().is_empty()
}

fn is_cue(word: &str) -> bool {
    CUES.contains(&word.to_lowercase().as_str())
}

/// `"...," X said` or `"...," said X`: the cue and speaker in the words after the quote.
fn find_cue_after(doc: &Document, from: usize) -> Option<(Span, Option<Span>)> {
    let si = doc.sentence_at(from.saturating_sub(1))?;
    let sent = doc.sentences[si].span;
    let toks: Vec<Span> = doc
        .sentence_tokens(si)
        .iter()
        .map(|t| t.span)
        .filter(|t| t.start >= from)
        .take(8)
        .collect();
    let first = toks.first()?;
    // The cue must follow the quote directly: after punctuation inside or outside the
    // closing mark ("...," he said / "..." , he said), or straight away ("..." said X).
    let punct_inside = doc.text[..from.saturating_sub(1)].ends_with([',', '?', '!', '\u{2014}']);
    let punct_after = matches!(doc.slice(*first), "," | "?" | "!" | "\u{2014}");
    if !punct_inside && !punct_after && !is_cue(doc.slice(*first)) {
        return None;
    }
    let cue_idx = toks.iter().position(|t| is_cue(doc.slice(*t)))?;
    let cue = toks[cue_idx];
    let before: Vec<Span> = toks[..cue_idx]
        .iter()
        .copied()
        .filter(|t| doc.slice(*t).chars().next().is_some_and(char::is_alphanumeric))
        .collect();
    let speaker = if !before.is_empty() {
        Some(Span::new(before[0].start, before[before.len() - 1].end))
    } else {
        // "said X, the foreign minister" - up to the next comma or the sentence end
        let rest: Vec<Span> = doc
            .sentence_tokens(si)
            .iter()
            .map(|t| t.span)
            .filter(|t| t.start >= cue.end)
            .take_while(|t| !matches!(doc.slice(*t), "," | "." | ";" | "\""))
            .collect();
        rest.first().map(|f| Span::new(f.start, rest[rest.len() - 1].end.min(sent.end)))
    };
    Some((cue, speaker))
}

/// `X said: "..."`: the cue and speaker in the words before the opening quote.
fn find_cue_before(doc: &Document, open: usize) -> Option<(Span, Option<Span>)> {
    let si = doc.sentence_at(open)?;
    let toks: Vec<Span> = doc.sentence_tokens(si).iter().map(|t| t.span).filter(|t| t.end <= open).collect();
    let n = toks.len();
    let cue_pos = (n.saturating_sub(4)..n).rev().find(|&i| is_cue(doc.slice(toks[i])))?;
    let speaker = speaker_before(doc, &toks[..cue_pos]);
    Some((toks[cue_pos], speaker))
}

/// The noun phrase just before a cue: back to a comma, a quote or the sentence start.
fn speaker_before(doc: &Document, toks: &[Span]) -> Option<Span> {
    let mut start = toks.len();
    while start > 0 && !matches!(doc.slice(toks[start - 1]), "," | "\"" | ";" | ":" | "\u{2014}") && toks.len() - start < 8 {
        start -= 1;
    }
    (start < toks.len()).then(|| Span::new(toks[start].start, toks[toks.len() - 1].end))
}

/// The actor with a mention inside `span` (the last one, closest to the cue).
fn actor_for(doc: &Document, span: Span) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, a) in doc.actors.iter().enumerate() {
        for m in &a.mentions {
            let inside = span.contains(m.span) || (m.span.contains(span) && !span.is_empty());
            if inside && best.is_none_or(|(_, s)| m.span.start > s) {
                best = Some((i, m.span.start));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// ", according to X" after a cue names the channel.
fn via_after(doc: &Document, cue: Span) -> Option<Via> {
    let si = doc.sentence_at(cue.start)?;
    let sent = doc.sentences[si].span;
    let rest = &doc.text[cue.end..sent.end];
    let idx = rest.find("according to ")?;
    let start = cue.end + idx + "according to ".len();
    let end = sent.end - doc.text[start..sent.end].len() + doc.text[start..sent.end].trim_end_matches(['.', '"']).len();
    let span = Span::new(start, end).trim(&doc.text);
    Some(Via {
        span,
        actor: actor_for(doc, span),
    })
}

/// Indirect speech in sentence `si`: "X said (that) CONTENT" or "CONTENT, X said".
fn indirect(doc: &Document, si: usize) -> Option<Quote> {
    let sent = doc.sentences[si].span;
    let toks: Vec<Span> = doc.sentence_tokens(si).iter().map(|t| t.span).collect();
    let cue_pos = toks
        .iter()
        .position(|t| INDIRECT_CUES.contains(&doc.slice(*t).to_lowercase().as_str()))?;
    if cue_pos == 0 {
        return None;
    }
    let mut speaker = speaker_before(doc, &toks[..cue_pos])?;
    let mut elided = false;
    // drop a leading conjunction: "but the French president said"; a bare one
    // ("X praised Y and said ...") means the subject was elided.
    let first_word = toks.iter().position(|t| t.start == speaker.start)?;
    if matches!(doc.slice(toks[first_word]).to_lowercase().as_str(), "but" | "and" | "while") {
        if first_word + 1 >= cue_pos {
            elided = true;
        } else {
            speaker = Span::new(toks[first_word + 1].start, speaker.end);
        }
    }
    let speaker_start_tok = toks.iter().position(|t| t.start == speaker.start)?;
    let comma_before = speaker_start_tok > 0 && doc.slice(toks[speaker_start_tok - 1]) == ",";
    let content = if comma_before && speaker_start_tok > 1 {
        // "CONTENT, X said (in a statement)."
        Span::new(sent.start, toks[speaker_start_tok - 1].start).trim(&doc.text)
    } else {
        // "X said (on Tuesday) (that) CONTENT." / "X told reporters (that) CONTENT."
        let mut c = cue_pos + 1;
        if let Some(that) = (c..toks.len().min(c + 6)).find(|&i| doc.slice(toks[i]) == "that") {
            c = that + 1;
        } else if doc.slice(toks[cue_pos]).eq_ignore_ascii_case("told") {
            c += 1; // the hearer: "told reporters"
        }
        if c >= toks.len() {
            return None;
        }
        let mut end = sent.end;
        if let Some(i) = doc.text[toks[c].start..sent.end].find(", according to ") {
            end = toks[c].start + i;
        }
        let span = Span::new(toks[c].start, end).trim(&doc.text);
        Span::new(span.start, span.end - usize::from(doc.text[..span.end].ends_with('.')))
    };
    if content.is_empty() || doc.slice(content).split_whitespace().count() < 3 {
        return None;
    }
    let (speaker_actor, speaker_span) = if elided {
        match subject_actor(doc, si, speaker) {
            Some((a, span)) => (Some(a), Some(span)),
            None => (None, None),
        }
    } else {
        (actor_for(doc, speaker), Some(speaker))
    };
    Some(Quote {
        span: content,
        direct: false,
        speaker: speaker_actor,
        speaker_span,
        cue: Some(toks[cue_pos]),
        via: via_after(doc, toks[cue_pos]),
    })
}

/// Cues that introduce indirect speech.
const INDIRECT_CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "warned",
    "insisted",
    "stressed",
    "argued",
    "claimed",
    "announced",
    "added",
];

/// For an elided subject ("X praised Y and said ..."), the sentence's first actor.
fn subject_actor(doc: &Document, si: usize, speaker: Span) -> Option<(usize, Span)> {
    let sent = doc.sentences[si].span;
    doc.actors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            a.mentions
                .iter()
                .find(|m| sent.contains(m.span) && m.span.end <= speaker.start)
                .map(|m| (m.span, i))
        })
        .min_by_key(|(span, _)| span.start)
        .map(|(span, i)| (i, span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_actors::ActorStage;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn quotes(text: &str) -> Document {
        let mut doc = TextStage::default().build(ArticleMeta::default(), text);
        ActorStage::with_defaults().unwrap().annotate(&mut doc);
        QuoteStage.annotate(&mut doc);
        doc
    }

    #[test]
    fn direct_after_and_before() {
        let doc = quotes("\"We are ready to talk,\" the French president said. German Chancellor Olaf Scholz said: \"The door is open.\"");
        assert_eq!(doc.quotes.len(), 2);
        assert_eq!(doc.slice(doc.quotes[0].span), "We are ready to talk");
        assert_eq!(doc.slice(doc.quotes[0].cue.unwrap()), "said");
        assert_eq!(doc.slice(doc.quotes[1].span), "The door is open.");
        assert_eq!(doc.quotes[1].speaker, Some(1));
    }

    #[test]
    fn scare_quotes_have_no_speaker() {
        let doc = quotes("The so-called \"peace plan\" was dropped.");
        assert!(doc.quotes.is_empty());
    }

    #[test]
    fn indirect_with_via() {
        let doc = quotes("The minister said the talks had failed, according to state media.");
        assert_eq!(doc.quotes.len(), 1);
        assert!(!doc.quotes[0].direct);
        assert_eq!(doc.slice(doc.quotes[0].via.as_ref().unwrap().span), "state media");
    }
}
