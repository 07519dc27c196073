//! The JSON output contract (see `docs/OUTPUT.md`): what `detente code` prints, what
//! the store keeps and what the web service serves. Fields may be added, never renamed.
//!
//! Offsets in the output count **Unicode characters** (scalar values) of `text`, so that
//! Python's `text[start:end]` gives the span's text; every span also carries its `text`.

use crate::{Actor, ActorKind, CharIndex, DateFrom, Document, Event, MentionKind, Quote, Span, Timex, TimexType};
use serde::{Deserialize, Serialize};

/// A span in character offsets with the text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A span without its text (sentences and paragraphs, whose text would repeat the body).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// True when only a summary of the article was available (a feed item).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
    /// Why the article was printed but not coded (`"language"`); its layers are empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<Range>,
    #[serde(default)]
    pub paragraphs: Vec<Range>,
    pub sentences: Vec<Range>,
    pub actors: Vec<OutActor>,
    pub times: Vec<OutTime>,
    pub quotes: Vec<OutQuote>,
    pub events: Vec<OutEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutActor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
    pub mentions: Vec<OutMention>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutTime {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutVia {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutQuote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub direct: bool,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<TextSpan>,
    pub via: Option<OutVia>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutEvent {
    pub source: Option<String>,
    pub target: Option<String>,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    /// The mention that filled the source slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mention: Option<TextSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_mention: Option<TextSpan>,
    pub cameo: String,
    pub cameo_root: String,
    pub plover: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<String>,
    pub goldstein: f32,
    pub quad_class: u8,
    pub date: Option<String>,
    pub date_from: DateFrom,
    pub location: Option<TextSpan>,
    pub sentence: TextSpan,
    pub trigger: TextSpan,
    pub quote: Option<usize>,
    pub mentions: usize,
    /// Sentences and triggers of the further mentions (`mentions - 1` of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats: Vec<OutEvidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutEvidence {
    pub sentence: TextSpan,
    pub trigger: TextSpan,
}

/// The id an actor gets in the output: `A1`, `A2`, ... in layer order.
pub fn actor_id(index: usize) -> String {
    format!("A{}", index + 1)
}

/// Turns a document's layers into their output form (byte spans to character spans).
struct Converter<'a> {
    doc: &'a Document,
    index: CharIndex,
}

impl Converter<'_> {
    fn range(&self, span: Span) -> Range {
        Range {
            start: self.index.char_offset(span.start),
            end: self.index.char_offset(span.end),
        }
    }

    fn text_span(&self, span: Span) -> TextSpan {
        let r = self.range(span);
        TextSpan {
            start: r.start,
            end: r.end,
            text: span.text(&self.doc.text).to_string(),
        }
    }

    /// The span of sentence `i` (empty when there is none).
    fn sentence_span(&self, i: usize) -> Span {
        self.doc.sentences.get(i).map(|s| s.span).unwrap_or_default()
    }

    fn actor(&self, i: usize, a: &Actor) -> OutActor {
        OutActor {
            id: actor_id(i),
            name: a.name.clone(),
            kind: a.kind,
            code: a.code.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            title: a.title.clone(),
            mentions: a
                .mentions
                .iter()
                .map(|m| {
                    let t = self.text_span(m.span);
                    OutMention {
                        start: t.start,
                        end: t.end,
                        text: t.text,
                        kind: m.kind,
                    }
                })
                .collect(),
        }
    }

    fn time(&self, t: &Timex) -> OutTime {
        let s = self.text_span(t.span);
        OutTime {
            start: s.start,
            end: s.end,
            text: s.text,
            kind: t.kind,
            value: t.value.clone(),
        }
    }

    fn quote(&self, q: &Quote) -> OutQuote {
        let s = self.text_span(q.span);
        OutQuote {
            start: s.start,
            end: s.end,
            text: s.text,
            direct: q.direct,
            speaker: q.speaker.map(actor_id),
            speaker_text: q.speaker_span.map(|sp| self.doc.slice(sp).to_string()),
            cue: q.cue.map(|c| self.text_span(c)),
            via: q.via.as_ref().map(|v| {
                let s = self.text_span(v.span);
                OutVia {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    actor: v.actor.map(actor_id),
                }
            }),
        }
    }

    fn event(&self, e: &Event) -> OutEvent {
        OutEvent {
            source: e.source.map(|a| actor_id(a.actor)),
            target: e.target.map(|a| actor_id(a.actor)),
            source_code: e.source_code.clone(),
            target_code: e.target_code.clone(),
            source_mention: e.source.map(|a| self.text_span(a.span)),
            target_mention: e.target.map(|a| self.text_span(a.span)),
            cameo: e.cameo.clone(),
            cameo_root: e.cameo.chars().take(2).collect(),
            plover: e.plover.clone(),
            plover_mode: e.plover_mode.clone(),
            goldstein: e.goldstein,
            quad_class: e.quad_class,
            date: e.date.clone(),
            date_from: e.date_from,
            location: e.location.map(|l| self.text_span(l)),
            sentence: self.text_span(self.sentence_span(e.evidence.sentence)),
            trigger: self.text_span(e.evidence.trigger),
            quote: e.quote,
            mentions: 1 + e.repeats.len(),
            repeats: e
                .repeats
                .iter()
                .map(|r| OutEvidence {
                    sentence: self.text_span(self.sentence_span(r.sentence)),
                    trigger: self.text_span(r.trigger),
                })
                .collect(),
        }
    }
}

impl Article {
    /// Build the output form of a coded document.
    pub fn from_document(doc: &Document) -> Article {
        let conv = Converter {
            doc,
            index: CharIndex::new(&doc.text),
        };
        Article {
            id: doc.meta.id.clone(),
            title: doc.meta.title.clone(),
            published: doc.meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
            source: doc.meta.source.clone(),
            url: doc.meta.url.clone(),
            language: doc.meta.language.clone(),
            author: doc.meta.author.clone(),
            summary_only: doc.meta.summary_only,
            skipped: None,
            text: doc.text.clone(),
            headline: doc.headline.map(|h| conv.range(h)),
            paragraphs: doc.paragraphs.iter().map(|p| conv.range(*p)).collect(),
            sentences: doc.sentences.iter().map(|s| conv.range(s.span)).collect(),
            actors: doc.actors.iter().enumerate().map(|(i, a)| conv.actor(i, a)).collect(),
            times: doc.times.iter().map(|t| conv.time(t)).collect(),
            quotes: doc.quotes.iter().map(|q| conv.quote(q)).collect(),
            events: doc.events.iter().map(|e| conv.event(e)).collect(),
            warnings: doc.warnings.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, ActorMention, Sentence};

    #[test]
    fn offsets_are_characters() {
        let mut doc = Document {
            text: "“Hi,” said Ana.".to_string(),
            ..Default::default()
        };
        let ana = doc.text.find("Ana").unwrap();
        doc.sentences.push(Sentence {
            span: Span::new(0, doc.text.len()),
            paragraph: 0,
            tokens: (0, 0),
        });
        doc.actors.push(Actor {
            name: "Ana".into(),
            kind: ActorKind::Person,
            code: None,
            country: None,
            sector: None,
            title: None,
            mentions: vec![ActorMention {
                span: Span::new(ana, ana + 3),
                kind: MentionKind::Name,
                sentence: 0,
            }],
        });
        let out = Article::from_document(&doc);
        let m = &out.actors[0].mentions[0];
        let chars: Vec<char> = out.text.chars().collect();
        let sliced: String = chars[m.start..m.end].iter().collect();
        assert_eq!(sliced, "Ana");
        assert_eq!(out.sentences[0].end, chars.len());
    }
}
