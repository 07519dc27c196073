//! The one document model every detente stage reads and adds to.
//!
//! A [`Document`] holds the normalised text of one article and a set of standoff
//! layers (paragraphs, sentences, tokens, actors, times, quotes, events). Every
//! layer points into the text with [`Span`]s; no stage copies or edits the text
//! after normalisation, so any span from any stage can be shown to an analyst
//! as evidence. [`output`] turns a document into the stable JSON contract
//! documented in `docs/OUTPUT.md`.

pub mod output;
mod span;

pub use span::{CharIndex, Span};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is known about an article apart from its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Where the article came from, for messages: a file name, `file:line`, `-`.
    pub origin: String,
    /// The article's language (ISO 639-1), when detected or given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The author or authors as the page names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// True when the input carried only a summary (a feed item without its full text).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
}

/// One article with its layers. Stages fill the layers in order:
/// text -> actors -> times -> quotes -> events.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub meta: ArticleMeta,
    /// Normalised text: the title (if any) as the first paragraph, then the body;
    /// paragraphs are separated by a blank line (`"\n\n"`).
    pub text: String,
    /// The title's span in `text`, when the article has one.
    pub headline: Option<Span>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub actors: Vec<Actor>,
    pub times: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Problems met while reading or coding this article that did not stop it.
    pub warnings: Vec<String>,
}

impl Document {
    /// The text a span covers.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// Index of the sentence containing byte `offset`, if any.
    #[inline]
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The tokens of sentence `i`.
    #[inline]
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) => self.tokens.get(s.tokens.0..s.tokens.1).unwrap_or(&[]),
            None => &[],
        }
    }
}

/// A sentence: its span, the paragraph it lies in, and its tokens `[first, last)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    pub tokens: (usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A word, number or punctuation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Country,
    Organization,
    Group,
    Anonymous,
}

/// How an actor is referred to at one place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name, possibly with its title ("German Chancellor Olaf Scholz").
    Name,
    /// A title or role alone ("the chancellor", "the German leader").
    Title,
    /// A country name, adjective or demonym used for the country itself.
    Country,
    /// A capital or seat standing for a government ("Moscow has warned").
    Metonym,
    /// A pronoun resolved to an earlier mention.
    Pronoun,
    /// An anonymous description ("a senior official").
    Description,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    pub span: Span,
    pub kind: MentionKind,
    pub sentence: usize,
}

/// One real-world entity with every place the article mentions it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    /// CAMEO actor code: country (ISO alpha-3 or CAMEO group) + sector codes, e.g. `DEUGOV`.
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
    pub mentions: Vec<ActorMention>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression, normalised in TimeML TIMEX3 terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3 value (`2024-03-05`, `2024-W10`, `PT3H`, `PAST_REF` ...); `None` when
    /// it needs an anchor the article lacks.
    pub value: Option<String>,
    pub sentence: usize,
}

/// A channel a statement passed through ("according to state media").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Via {
    pub span: Span,
    pub actor: Option<usize>,
}

/// A statement attributed to a speaker, quoted directly or reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The content only, without quotation marks or the cue.
    pub span: Span,
    /// True for words inside quotation marks, false for indirect speech.
    pub direct: bool,
    /// Index into [`Document::actors`].
    pub speaker: Option<usize>,
    /// The words used for the speaker here ("he", "the minister").
    pub speaker_span: Option<Span>,
    pub cue: Option<Span>,
    pub via: Option<Via>,
}

/// An actor filling the source or target slot of an event, with the mention that did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventArg {
    pub actor: usize,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFrom {
    /// A time expression governing the event's clause.
    Text,
    /// The article's publication date.
    Published,
    /// Neither: the article has no date and the text gives none.
    None,
}

/// Where one mention of an event was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEvidence {
    pub sentence: usize,
    pub trigger: Span,
}

/// Who did what to whom, coded in CAMEO and PLOVER.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub source: Option<EventArg>,
    pub target: Option<EventArg>,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    pub goldstein: f32,
    pub quad_class: u8,
    pub date: Option<String>,
    pub date_from: DateFrom,
    /// Index into [`Document::times`] of the expression that dated the event.
    pub date_time: Option<usize>,
    pub location: Option<Span>,
    /// The first mention: its sentence and trigger.
    pub evidence: EventEvidence,
    /// Further mentions of the same event in this article (headline and lead, say).
    pub repeats: Vec<EventEvidence>,
    /// Index into [`Document::quotes`] when the event was stated inside a quote.
    pub quote: Option<usize>,
}
