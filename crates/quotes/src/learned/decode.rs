//! From labels to attributions: the chunks of each sentence, each content paired with
//! the nearest cue of its sentence and that cue with the nearest source; a content
//! opening a sentence with no cue continues the attribution that ended the sentence
//! before in the same paragraph (quotations running over sentences).

use super::features::label;
use crate::Attribution;
use detente_doc::{Document, Span, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Content,
    Cue,
    Source,
}

/// A labelled stretch of tokens `from..to` (indices into the labels given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub part: Part,
    pub from: usize,
    pub to: usize,
}

/// The chunks of a label sequence (an inside label with no begin opens a chunk too).
pub fn chunks(labels: &[u8]) -> Vec<Chunk> {
    let part_of = |y: u8| match y {
        label::B_CONTENT | label::I_CONTENT => Some(Part::Content),
        label::B_CUE | label::I_CUE => Some(Part::Cue),
        label::B_SOURCE | label::I_SOURCE => Some(Part::Source),
        _ => None,
    };
    let begins = |y: u8| matches!(y, label::B_CONTENT | label::B_CUE | label::B_SOURCE);
    let mut out: Vec<Chunk> = Vec::new();
    for (i, &y) in labels.iter().enumerate() {
        let Some(part) = part_of(y) else { continue };
        match out.last_mut() {
            Some(c) if c.to == i && c.part == part && !begins(y) => c.to = i + 1,
            _ => out.push(Chunk { part, from: i, to: i + 1 }),
        }
    }
    out
}

/// The token distance between two chunks (0 when they touch or overlap).
fn gap(a: &Chunk, b: &Chunk) -> usize {
    if a.to <= b.from {
        b.from - a.to
    } else {
        a.from.saturating_sub(b.to)
    }
}

/// Where the previous sentence's last attribution stands, for continuations.
struct Open {
    attribution: usize,
    paragraph: usize,
    ends_sentence: bool,
}

/// Attributions from the labels of each sentence (`labels[s]` for `doc.sentences[s]`).
/// `in_quotes(i)` says whether token `i` lies in quotation marks (content there is direct).
pub fn attributions(doc: &Document, labels: &[Vec<u8>], in_quotes: &dyn Fn(usize) -> bool) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    let mut open: Option<Open> = None;
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let Some(ys) = labels.get(s) else { break };
        let base = sentence.tokens.0;
        let paragraph = doc.paragraphs.partition_point(|p| p.end <= sentence.span.start);
        let words = |c: &Chunk| trim(doc, base + c.from, base + c.to);
        let all = chunks(ys);
        let cues: Vec<&Chunk> = all.iter().filter(|c| c.part == Part::Cue).collect();
        let sources: Vec<&Chunk> = all.iter().filter(|c| c.part == Part::Source).collect();
        let last_word = (base..sentence.tokens.1).rev().find(|&i| doc.tokens[i].kind != TokenKind::Punct);
        let first_word = (base..sentence.tokens.1).find(|&i| doc.tokens[i].kind != TokenKind::Punct);
        let mut next_open: Option<Open> = None;
        // Attribution index per cue chunk of this sentence.
        let mut by_cue: Vec<Option<usize>> = vec![None; cues.len()];
        for content in all.iter().filter(|c| c.part == Part::Content) {
            let Some((from, to)) = words(content) else { continue };
            let piece = Span::new(doc.tokens[from].span.start, doc.tokens[to - 1].span.end);
            let ends_sentence = Some(to - 1) == last_word;
            let nearest = (0..cues.len()).min_by_key(|&k| gap(cues[k], content));
            let index = match nearest {
                Some(k) => {
                    let index = match by_cue[k] {
                        Some(index) => {
                            out[index].pieces.push(piece);
                            index
                        }
                        None => {
                            let cue = cues[k];
                            let source = sources.iter().min_by_key(|c| gap(c, cue)).and_then(|c| words(c));
                            out.push(Attribution {
                                pieces: vec![piece],
                                direct: in_quotes(from),
                                cue: Span::new(doc.tokens[base + cue.from].span.start, doc.tokens[base + cue.to - 1].span.end),
                                speaker: source.map(|(a, b)| Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end)),
                                via: None,
                            });
                            out.len() - 1
                        }
                    };
                    by_cue[k] = Some(index);
                    index
                }
                None => {
                    // No cue here: carry on the attribution that ended the sentence before.
                    let continues = open
                        .as_ref()
                        .filter(|o| o.ends_sentence && o.paragraph == paragraph && Some(from) == first_word);
                    let Some(o) = continues else { continue };
                    let a = &mut out[o.attribution];
                    if let Some(last) = a.pieces.last_mut() {
                        last.end = piece.end;
                    }
                    o.attribution
                }
            };
            next_open = Some(Open {
                attribution: index,
                paragraph,
                ends_sentence,
            });
        }
        open = next_open;
    }
    out
}

/// Tokens `from..to` without punctuation at either end, if any word is left.
fn trim(doc: &Document, mut from: usize, mut to: usize) -> Option<(usize, usize)> {
    while from < to && doc.tokens[from].kind == TokenKind::Punct {
        from += 1;
    }
    while to > from && doc.tokens[to - 1].kind == TokenKind::Punct {
        to -= 1;
    }
    (from < to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learned::features::label::*;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    #[test]
    fn chunks_open_at_each_begin() {
        let ys = [O, B_CONTENT, I_CONTENT, B_CONTENT, O, B_CUE, I_CUE, I_SOURCE];
        assert_eq!(
            chunks(&ys),
            vec![
                Chunk {
                    part: Part::Content,
                    from: 1,
                    to: 3
                },
                Chunk {
                    part: Part::Content,
                    from: 3,
                    to: 4
                },
                Chunk {
                    part: Part::Cue,
                    from: 5,
                    to: 7
                },
                Chunk {
                    part: Part::Source,
                    from: 7,
                    to: 8
                },
            ]
        );
    }

    fn labelled(text: &str, tags: &[&str]) -> (Document, Vec<Vec<u8>>) {
        let doc = TextStage::default().build(ArticleMeta::default(), text);
        let mut labels = Vec::new();
        let mut k = 0;
        for s in &doc.sentences {
            let n = s.tokens.1 - s.tokens.0;
            let ys = tags[k..k + n]
                .iter()
                .map(|t| match *t {
                    "C" => B_CONTENT,
                    "c" => I_CONTENT,
                    "Q" => B_CUE,
                    "q" => I_CUE,
                    "S" => B_SOURCE,
                    "s" => I_SOURCE,
                    _ => O,
                })
                .collect();
            labels.push(ys);
            k += n;
        }
        assert_eq!(k, tags.len(), "one tag per token");
        (doc, labels)
    }

    #[test]
    fn pairs_content_with_the_nearest_cue_and_source() {
        let (doc, labels) = labelled(
            "The minister said talks failed, and the envoy agreed.",
            &["S", "s", "Q", "C", "c", "o", "o", "o", "o", "o", "o"],
        );
        let found = attributions(&doc, &labels, &|_| false);
        assert_eq!(found.len(), 1);
        let a = &found[0];
        assert_eq!(doc.slice(a.pieces[0]), "talks failed");
        assert_eq!(doc.slice(a.cue), "said");
        assert_eq!(a.speaker.map(|s| doc.slice(s)), Some("The minister"));
    }

    #[test]
    fn a_cueless_content_continues_the_sentence_before_or_is_dropped() {
        let (doc, labels) = labelled(
            "He said it ended. It will not resume.\n\nPrices rose.",
            &["S", "Q", "C", "c", "c", "C", "c", "c", "c", "c", "C", "c", "c"],
        );
        let found = attributions(&doc, &labels, &|_| false);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pieces.len(), 1);
        assert_eq!(doc.slice(found[0].pieces[0]), "it ended. It will not resume");
    }

    #[test]
    fn two_contents_share_one_cue() {
        let (doc, labels) = labelled(
            "\"We won,\" she said, \"and we will win again.\"",
            &["C", "c", "c", "c", "c", "S", "Q", "o", "C", "c", "c", "c", "c", "c", "c", "c"],
        );
        let found = attributions(&doc, &labels, &|_| true);
        assert_eq!(found.len(), 1);
        let pieces: Vec<&str> = found[0].pieces.iter().map(|p| doc.slice(*p)).collect();
        assert_eq!(pieces, vec!["We won", "and we will win again"]);
        assert!(found[0].direct);
    }
}
