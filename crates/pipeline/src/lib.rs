//! The detente pipeline: one [`Pipeline`] holds every stage, configured once per
//! process (dictionaries compiled into automata at construction), and codes articles:
//! text -> actors -> times -> quotes -> events.
//!
//! ```
//! use detente_pipeline::Pipeline;
//! let pipeline = Pipeline::with_defaults().unwrap();
//! let article = pipeline.code_text("Russia attacked Ukraine.", None);
//! assert_eq!(article.events[0].cameo, "180");
//! ```

pub use chrono::NaiveDate;
pub mod parallel;

use detente_actors::ActorStage;
use detente_doc::output::Article;
use detente_doc::{ArticleMeta, Document};
use detente_events::EventStage;
use detente_ingest::RawArticle;
use detente_quotes::QuoteStage;
use detente_text::TextStage;
use detente_time::TimeStage;
use std::fmt::Write as _;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("actor dictionary: {0}")]
    Actors(#[from] detente_actors::DictionaryError),
    #[error("event dictionaries: {0}")]
    Events(String),
}

/// Every stage, configured.
pub struct Pipeline {
    pub text: TextStage,
    pub actors: ActorStage,
    pub times: TimeStage,
    pub quotes: QuoteStage,
    pub events: EventStage,
}

impl Pipeline {
    /// The pipeline with detente's own dictionaries.
    pub fn with_defaults() -> Result<Self, PipelineError> {
        Ok(Pipeline {
            text: TextStage::default(),
            actors: ActorStage::with_defaults()?,
            times: TimeStage::new(),
            quotes: QuoteStage::default(),
            events: EventStage::with_defaults().map_err(PipelineError::Events)?,
        })
    }

    /// The pipeline with detente's own dictionaries except for actors, which come from
    /// `dictionary` (detente's plus user files, or PETRARCH dictionaries).
    pub fn with_actor_dictionary(dictionary: detente_actors::ActorDictionary) -> Result<Self, PipelineError> {
        let mut pipeline = Self::with_defaults()?;
        pipeline.actors = ActorStage::new(dictionary);
        Ok(pipeline)
    }

    /// Code one article read by the ingest stage.
    pub fn code(&self, raw: RawArticle) -> Document {
        let mut doc = self.text.build(raw.meta, &raw.body);
        doc.warnings.extend(raw.warnings);
        self.annotate(&mut doc);
        doc
    }

    /// True for an article the stages cannot code yet: its language is known and not English.
    pub fn is_uncodable_language(raw: &RawArticle) -> bool {
        raw.meta.language.as_deref().is_some_and(|l| l != "en")
    }

    /// An article printed with its text and metadata but no layers, marked
    /// `"skipped": "language"` until the stages learn more languages.
    pub fn uncoded(&self, raw: RawArticle) -> Article {
        let mut doc = self.text.build(raw.meta, &raw.body);
        doc.warnings.extend(raw.warnings);
        let mut article = Article::from_document(&doc);
        article.skipped = Some("language".into());
        article
    }

    /// Run every stage after the text stage on a built document.
    pub fn annotate(&self, doc: &mut Document) {
        self.actors.annotate(doc);
        self.times.annotate(doc);
        self.quotes.annotate(doc);
        self.events.annotate(doc);
    }

    /// Convenience: code a bare text (with an optional publication date) to the output form.
    pub fn code_text(&self, text: &str, published: Option<NaiveDate>) -> Article {
        let meta = ArticleMeta {
            published,
            origin: "text".into(),
            ..Default::default()
        };
        let doc = self.code(RawArticle {
            meta,
            body: text.to_string(),
            warnings: Vec::new(),
        });
        Article::from_document(&doc)
    }

    /// A readable summary of a coded article: its events with CAMEO names and evidence,
    /// then its quotes with their speakers.
    pub fn summarize(&self, article: &Article) -> String {
        let mut out = String::new();
        let title = article.title.as_deref().or(article.id.as_deref()).unwrap_or("(untitled)");
        let _ = writeln!(
            out,
            "== {title}  [{}; {}]",
            article.published.as_deref().unwrap_or("no date"),
            article.source.as_deref().unwrap_or("no source")
        );
        let actor_name = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| article.actors.iter().find(|a| &a.id == id))
                .map(|a| a.name.clone())
                .unwrap_or_else(|| "-".into())
        };
        if article.events.is_empty() {
            let _ = writeln!(out, "   (no events)");
        }
        for e in &article.events {
            let name = self.events.cameo.get(&e.cameo).map(|c| c.name.to_lowercase()).unwrap_or_default();
            let _ = writeln!(
                out,
                "   {} -[{} {}]-> {}  {}  \"{}\"{}",
                e.source_code.as_deref().unwrap_or("---"),
                e.cameo,
                name,
                e.target_code.as_deref().unwrap_or("---"),
                e.date.as_deref().unwrap_or("undated"),
                e.sentence.text,
                if e.mentions > 1 {
                    format!("  (x{})", e.mentions)
                } else {
                    String::new()
                }
            );
            let _ = writeln!(
                out,
                "      {} / {}  plover {}  goldstein {:+.1}",
                actor_name(&e.source),
                actor_name(&e.target),
                e.plover.as_deref().unwrap_or("-"),
                e.goldstein
            );
        }
        for q in &article.quotes {
            let speaker = q
                .speaker
                .as_ref()
                .map(|_| actor_name(&q.speaker))
                .or_else(|| q.speaker_text.clone())
                .unwrap_or_else(|| "(unattributed)".into());
            let via = q.via.as_ref().map(|v| format!(" (via {})", v.text)).unwrap_or_default();
            let mark = if q.direct { "\"" } else { "" };
            let _ = writeln!(out, "   quote  {speaker}{via}: {mark}{}{mark}", q.text);
        }
        out
    }
}
