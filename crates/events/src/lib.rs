//! Event stage of detente: finds who did what to whom in each sentence, without a
//! constituency parser: a verb-pattern dictionary finds the action, the actors layer
//! supplies the source (nearest actor before the trigger) and target (first actor
//! after it), and a set of clause checks keeps out what did not happen (negation,
//! conditionals, questions, plans and expectations).

pub mod cameo;
pub mod verbs;

pub use cameo::{CameoEntry, CameoTable};
use detente_doc::{DateFrom, Document, Event, EventArg, EventEvidence, Span};
pub use verbs::VerbDictionary;

/// Words that, shortly before a trigger, mean the act did not happen.
const NEGATORS: &[&str] = &["not", "n't", "never", "no", "without", "denied", "refused", "declined", "failed"];
/// Words that, shortly before a trigger, mean the act is planned, possible or hoped for.
const IRREALIS: &[&str] = &[
    "will", "would", "could", "may", "might", "should", "shall", "must", "can", "to", "expected", "plans", "planned", "hopes", "hoped",
    "intends", "wants", "'ll", "if", "unless",
];

/// The configured event stage.
#[derive(Clone, Debug)]
pub struct EventStage {
    pub verbs: VerbDictionary,
    pub cameo: CameoTable,
}

impl EventStage {
    pub fn new(verbs: VerbDictionary, cameo: CameoTable) -> Self {
        EventStage { verbs, cameo }
    }

    pub fn with_defaults() -> Result<Self, String> {
        Ok(EventStage {
            verbs: VerbDictionary::default_dictionary()?,
            cameo: CameoTable::default_table()?,
        })
    }

    /// Add the events layer (needs sentences, tokens, actors, times and quotes).
    pub fn annotate(&self, doc: &mut Document) {
        let hits = self.verbs.find_all(&doc.text);
        let mut events: Vec<Event> = Vec::new();
        for (start, end, pi) in hits {
            let trigger = Span::new(start, end);
            let Some(si) = doc.sentence_at(start) else { continue };
            let code = &self.verbs.patterns[pi].code;
            let Some(entry) = self.cameo.get(code) else { continue };
            if is_noun_use(doc, si, trigger) || !self.happened(doc, si, trigger) {
                continue;
            }
            let (source, target) = arguments(doc, si, trigger);
            if source.is_none() {
                continue; // an act with no actor is not an event record
            }
            let pairs = match (source, target) {
                (Some(s), Some(t)) if s.actor == t.actor => continue,
                (Some(s), t) => vec![(s, t)],
                _ => continue,
            };
            let (date, date_from, date_time) = match detente_time::sentence_date(doc, si) {
                Some((ti, v)) => (Some(v), DateFrom::Text, Some(ti)),
                None => match doc.meta.published {
                    Some(p) => (Some(p.format("%Y-%m-%d").to_string()), DateFrom::Published, None),
                    None => (None, DateFrom::None, None),
                },
            };
            let quote = doc.quotes.iter().position(|q| q.span.contains(trigger));
            for (s, t) in pairs {
                let code_of = |a: &EventArg| doc.actors.get(a.actor).and_then(|x| x.code.clone());
                let event = Event {
                    source: Some(s),
                    target: t,
                    source_code: code_of(&s),
                    target_code: t.as_ref().and_then(code_of),
                    cameo: entry.code.clone(),
                    plover: entry.plover.clone(),
                    plover_mode: entry.plover_mode.clone(),
                    goldstein: entry.goldstein,
                    quad_class: entry.quad_class,
                    date: date.clone(),
                    date_from,
                    date_time,
                    location: None,
                    evidence: EventEvidence { sentence: si, trigger },
                    repeats: Vec::new(),
                    quote,
                };
                merge_or_push(&mut events, event);
            }
        }
        doc.events = events;
    }

    /// False for negated, hypothetical, planned or questioned acts.
    fn happened(&self, doc: &Document, si: usize, trigger: Span) -> bool {
        let sent = doc.sentences[si].span;
        let s = doc.slice(sent);
        if s.trim_end_matches(['"', '\'']).ends_with('?') {
            return false;
        }
        let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
        if matches!(first.as_str(), "if" | "had" | "unless" | "should") {
            return false;
        }
        let before: Vec<String> = doc
            .sentence_tokens(si)
            .iter()
            .filter(|t| t.span.end <= trigger.start)
            .rev()
            .take(4)
            .map(|t| doc.slice(t.span).to_lowercase())
            .collect();
        !before
            .iter()
            .any(|w| NEGATORS.contains(&w.as_str()) || IRREALIS.contains(&w.as_str()))
    }
}

/// "the visit", "a meeting", "its attack of": the trigger word used as a noun.
fn is_noun_use(doc: &Document, si: usize, trigger: Span) -> bool {
    let prev = doc
        .sentence_tokens(si)
        .iter()
        .rev()
        .find(|t| t.span.end <= trigger.start)
        .map(|t| doc.slice(t.span).to_lowercase());
    let next = doc
        .sentence_tokens(si)
        .iter()
        .find(|t| t.span.start >= trigger.end)
        .map(|t| doc.slice(t.span).to_lowercase());
    matches!(
        prev.as_deref(),
        Some(
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "this"
                | "that"
                | "these"
                | "those"
                | "of"
                | "for"
                | "after"
                | "before"
                | "during"
                | "drone"
                | "missile"
        )
    ) || next.as_deref() == Some("of")
}

/// Source: the nearest actor mention before the trigger in its sentence (a passive
/// "by X" after the trigger swaps the roles); target: the first mention after it.
fn arguments(doc: &Document, si: usize, trigger: Span) -> (Option<EventArg>, Option<EventArg>) {
    let sent = doc.sentences[si].span;
    let mut before: Option<EventArg> = None;
    let mut after: Option<EventArg> = None;
    for (i, a) in doc.actors.iter().enumerate() {
        for m in &a.mentions {
            if !sent.contains(m.span) {
                continue;
            }
            if m.span.end <= trigger.start && before.is_none_or(|b| m.span.start > b.span.start) {
                before = Some(EventArg { actor: i, span: m.span });
            }
            if m.span.start >= trigger.end && after.is_none_or(|b| m.span.start < b.span.start) {
                after = Some(EventArg { actor: i, span: m.span });
            }
        }
    }
    let passive = {
        let pre = doc.text[sent.start..trigger.start].trim_end().to_lowercase();
        let post = doc.text[trigger.end..sent.end].trim_start().to_lowercase();
        (pre.ends_with(" was") || pre.ends_with(" were") || pre.ends_with(" been") || pre.ends_with(" being")) && post.starts_with("by ")
    };
    if passive {
        (after, before)
    } else {
        (before, after)
    }
}

/// One event reported twice (headline and lead) becomes one event with a repeat.
fn merge_or_push(events: &mut Vec<Event>, event: Event) {
    let same = events.iter_mut().find(|e| {
        let dates_agree = e.date == event.date || e.date_from != DateFrom::Text || event.date_from != DateFrom::Text;
        e.cameo == event.cameo
            && e.source_code == event.source_code
            && e.target_code == event.target_code
            && dates_agree
            && e.evidence.sentence != event.evidence.sentence
    });
    match same {
        Some(e) => {
            // a date stated in the text beats one taken from the publication day
            if e.date_from != DateFrom::Text && event.date_from == DateFrom::Text {
                e.date = event.date.clone();
                e.date_from = event.date_from;
                e.date_time = event.date_time;
            }
            e.repeats.push(event.evidence)
        }
        None => events.push(event),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_actors::ActorStage;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn events(title: Option<&str>, text: &str) -> Vec<(String, String, String)> {
        let meta = ArticleMeta {
            title: title.map(String::from),
            ..Default::default()
        };
        let mut doc = TextStage::default().build(meta, text);
        ActorStage::with_defaults().unwrap().annotate(&mut doc);
        EventStage::with_defaults().unwrap().annotate(&mut doc);
        doc.events
            .iter()
            .map(|e| {
                (
                    e.source_code.clone().unwrap_or_default(),
                    e.cameo.clone(),
                    e.target_code.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn simple_visit_and_passive() {
        assert_eq!(
            events(None, "German Chancellor Olaf Scholz visited France."),
            vec![("DEUGOV".into(), "042".into(), "FRA".into())]
        );
        assert_eq!(
            events(None, "The French president was received by Japan's prime minister."),
            vec![("JPNGOV".into(), "043".into(), "FRAGOV".into())]
        );
    }

    #[test]
    fn negation_and_plans_are_not_coded() {
        assert!(events(None, "Russia did not attack Ukraine.").is_empty());
        assert!(events(None, "Russia is expected to meet Ukraine.").is_empty());
        assert!(events(None, "Will Russia attack Ukraine?").is_empty());
        assert!(events(None, "If Russia attacked Ukraine, sanctions would follow.").is_empty());
    }

    #[test]
    fn headline_and_lead_merge() {
        let meta = ArticleMeta {
            title: Some("Russia attacks Ukraine".into()),
            ..Default::default()
        };
        let mut doc = TextStage::default().build(meta, "Russia attacked Ukraine on Monday.");
        ActorStage::with_defaults().unwrap().annotate(&mut doc);
        EventStage::with_defaults().unwrap().annotate(&mut doc);
        assert_eq!(doc.events.len(), 1);
        assert_eq!(doc.events[0].repeats.len(), 1);
    }
}
