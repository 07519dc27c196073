//! The boilerplate list (`dictionaries/ingest/boilerplate.txt`): CSS selectors of
//! elements removed before the article is found, and patterns of whole paragraphs
//! (captions, credits, share prompts, bylines) dropped from the extracted text.

use dom_query::Document;
use regex::{Regex, RegexBuilder};
use std::sync::LazyLock;

/// The list shipped with detente.
pub const DEFAULT_BOILERPLATE: &str = include_str!("../../../../dictionaries/ingest/boilerplate.txt");

#[derive(Clone, Debug)]
pub struct Boilerplate {
    selectors: Vec<String>,
    lines: Vec<Regex>,
}

impl Boilerplate {
    /// Parse a list; an error names the line that is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut selectors = Vec::new();
        let mut lines = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(sel) = line.strip_prefix("select:") {
                for one in sel.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    if dom_query::Matcher::new(one).is_err() {
                        return Err(format!("line {}: bad CSS selector {one:?}", i + 1));
                    }
                    selectors.push(one.to_string());
                }
            } else if let Some(pattern) = line.strip_prefix("line:") {
                let re = RegexBuilder::new(&format!("^(?:{})$", pattern.trim()))
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| format!("line {}: bad pattern: {e}", i + 1))?;
                lines.push(re);
            } else {
                return Err(format!("line {}: expected `select:` or `line:`", i + 1));
            }
        }
        Ok(Boilerplate { selectors, lines })
    }

    /// The shipped list (compiled once per process; clones share the compiled patterns).
    pub fn default_list() -> Self {
        static SHIPPED: LazyLock<Boilerplate> = LazyLock::new(|| {
            // The shipped file is checked by a test; an empty list is the safe fallback.
            Boilerplate::parse(DEFAULT_BOILERPLATE).unwrap_or(Boilerplate {
                selectors: Vec::new(),
                lines: Vec::new(),
            })
        });
        SHIPPED.clone()
    }

    /// Remove the listed elements from a page. Class names are matched by substring,
    /// so an element that looks like the article itself is kept whatever its class
    /// says (`url-breadcrumb` on the article wrapper, say): one holding a third of the
    /// page text, 40% of its paragraph text, or the headline or article element.
    pub fn strip(&self, doc: &Document) {
        let total = doc.select("body").text().len().max(1);
        let paragraphs = paragraph_text(&doc.select("body")).max(1);
        for sel in &self.selectors {
            for node in doc.select(sel).nodes() {
                if matches!(node.node_name().as_deref(), Some("body" | "html")) {
                    continue;
                }
                let selection = dom_query::Selection::from(*node);
                let holds_article = node.text().len() * 3 >= total
                    || paragraph_text(&selection) * 5 >= paragraphs * 2
                    || selection.select("h1, article, [itemprop=articleBody]").exists();
                if !holds_article {
                    node.remove_from_parent();
                }
            }
        }
    }

    /// The text with each paragraph trimmed, boilerplate paragraphs dropped, and
    /// paragraphs separated by one blank line.
    pub fn filter_lines(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            let line = line.replace('\u{ad}', "");
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if line.is_empty() || self.lines.iter().any(|re| re.is_match(&line)) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&line);
        }
        out
    }
}

/// Length of the text in `<p>` elements below `sel`.
fn paragraph_text(sel: &dom_query::Selection) -> usize {
    sel.select("p").iter().map(|p| p.text().len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_parses() {
        let b = Boilerplate::parse(DEFAULT_BOILERPLATE).unwrap();
        assert!(b.selectors.len() > 10 && b.lines.len() > 5);
    }

    #[test]
    fn bad_lines_are_named() {
        assert!(Boilerplate::parse("line: (").unwrap_err().starts_with("line 1"));
        assert!(Boilerplate::parse("# c\nfoo").unwrap_err().starts_with("line 2"));
    }

    #[test]
    fn drops_captions_and_prompts_keeps_text() {
        let b = Boilerplate::default_list();
        let text =
            "Advertisement\nThe talks went on.\n  \nMinisters in Geneva (Image: GETTY )\nShare this article\nBy Ana Lima\nThey agreed.";
        assert_eq!(b.filter_lines(text), "The talks went on.\n\nThey agreed.");
    }

    #[test]
    fn bylines_go_sentences_starting_with_by_stay() {
        let b = Boilerplate::default_list();
        for byline in [
            "By Ana Lima",
            "BY JOHN SMITH",
            "By: Jane Doe and Bob Roe, Reuters",
            "By Jane Doe | Staff Writer",
            "By John O'Neill - The Associated Press",
            "By Maria Lopez, for the Guardian",
        ] {
            assert_eq!(b.filter_lines(byline), "", "{byline}");
        }
        for text in [
            "Byzantine Empire Rises.",
            "bYAA AA A.",
            "By Monday, Russia had withdrawn its troops.",
            "By the way, he said.",
            "By March 2024 the talks had stalled.",
        ] {
            assert_eq!(b.filter_lines(text), text, "{text}");
        }
    }
}
