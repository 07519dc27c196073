//! Text stage of detente: turns a raw article body into a [`Document`] with
//! normalised text, paragraphs, sentences and tokens.
//!
//! ```
//! use detente_doc::ArticleMeta;
//! use detente_text::TextStage;
//! let stage = TextStage::default();
//! let doc = stage.build(ArticleMeta::default(), "Mr. Smith arrived. He spoke.\n\nSource: Reuters");
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.meta.source.as_deref(), Some("Reuters"));
//! ```

pub mod credits;
pub mod normalize;
pub mod sentences;
pub mod tokens;

use detente_doc::{ArticleMeta, Document, Sentence, Span};
pub use sentences::{Abbreviations, Splitter, DEFAULT_ABBREVIATIONS};

/// The configured text stage (abbreviation dictionary).
#[derive(Clone, Debug, Default)]
pub struct TextStage {
    pub splitter: Splitter,
}

impl TextStage {
    /// Build a document from metadata and a raw body. The title in `meta`, if any,
    /// becomes the first paragraph (the headline) so that it is coded too.
    pub fn build(&self, mut meta: ArticleMeta, body: &str) -> Document {
        let mut paragraphs = normalize::split_paragraphs(&normalize::normalize_chars(body));
        let mut credited_source = None;
        paragraphs.retain(|p| match credits::credit_line(p) {
            Some(outlet) => {
                if credited_source.is_none() {
                    credited_source = outlet;
                }
                false
            }
            None => true,
        });
        if credited_source.is_none() {
            credited_source = paragraphs.first().and_then(|p| credits::dateline_agency(p));
        }
        if meta.source.is_none() {
            meta.source = credited_source;
        }
        let title = meta
            .title
            .as_deref()
            .map(|t| normalize::collapse_spaces(&normalize::normalize_chars(t)));
        let mut doc = Document {
            meta,
            ..Default::default()
        };
        let mut text = String::with_capacity(body.len() + 64);
        let mut para_spans = Vec::with_capacity(paragraphs.len() + 1);
        if let Some(title) = title.filter(|t| !t.is_empty()) {
            para_spans.push(Span::new(0, title.len()));
            doc.headline = Some(Span::new(0, title.len()));
            text.push_str(&title);
        }
        for p in &paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(p);
            para_spans.push(Span::new(start, text.len()));
        }
        doc.text = text;
        doc.paragraphs = para_spans;
        self.split(&mut doc);
        doc
    }

    /// Fill sentences and tokens from the paragraphs.
    fn split(&self, doc: &mut Document) {
        let abbr = &self.splitter.abbreviations;
        for (p, &para) in doc.paragraphs.iter().enumerate() {
            let spans = if Some(para) == doc.headline {
                vec![para.trim(&doc.text)]
            } else {
                self.splitter.split(&doc.text, para)
            };
            for span in spans {
                let first = doc.tokens.len();
                tokens::tokenize_into(&doc.text, span, abbr, &mut doc.tokens);
                doc.sentences.push(Sentence {
                    span,
                    paragraph: p,
                    tokens: (first, doc.tokens.len()),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn title_is_first_paragraph() {
        let meta = ArticleMeta {
            title: Some("Leaders meet".into()),
            ..Default::default()
        };
        let doc = TextStage::default().build(meta, "They met. It went well.");
        assert_eq!(doc.text, "Leaders meet\n\nThey met. It went well.");
        assert_eq!(doc.headline, Some(Span::new(0, 12)));
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.sentences[2].paragraph, 1);
    }

    #[test]
    fn credit_lines_are_removed() {
        let doc = TextStage::default().build(ArticleMeta::default(), "(Photo/AP)\n\nTalks began.\n\nSource: Reuters");
        assert_eq!(doc.text, "Talks began.");
        assert_eq!(doc.meta.source.as_deref(), Some("AP"));
    }

    proptest! {
        #[test]
        fn sentences_lie_in_text_and_do_not_overlap(body in "[A-Za-z .,!?\"'\n]{0,200}", title in proptest::option::of("[A-Za-z ]{0,20}")) {
            let meta = ArticleMeta { title, ..Default::default() };
            let doc = TextStage::default().build(meta, &body);
            let mut last_end = 0;
            for s in &doc.sentences {
                prop_assert!(s.span.end <= doc.text.len());
                prop_assert!(s.span.start >= last_end);
                prop_assert!(!s.span.is_empty());
                prop_assert!(doc.paragraphs[s.paragraph].contains(s.span));
                prop_assert!(doc.text.get(s.span.start..s.span.end).is_some());
                last_end = s.span.end;
            }
        }
    }
}
