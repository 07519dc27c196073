//! Actor stage of detente: finds countries, seats of government, officials by title,
//! organisations and anonymous sources, codes them in the CAMEO actor scheme
//! (country + sector, e.g. `DEUGOV`), and follows each through the article (surnames,
//! titles alone, pronouns), adding [`Actor`]s with all their mentions to the document.

pub mod dictionary;

use detente_doc::{Actor, ActorKind, ActorMention, Document, MentionKind, Span, Token, TokenKind};
pub use dictionary::{ActorDictionary, DictionaryError, Entry, EntryKind};
use std::collections::HashMap;

/// Words after which a country or capital names a place, not an actor.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "near",
    "into",
    "across",
    "throughout",
    "inside",
    "outside",
    "toward",
    "towards",
    "via",
    "around",
    "of",
];
const PRONOUNS: &[&str] = &["he", "she", "him", "his", "her"];
const NAME_STOP: &[&str] = &[
    "The", "A", "An", "On", "In", "At", "But", "And", "He", "She", "It", "They", "We", "I", "This", "That", "Mr.", "Mrs.", "Ms.",
];

/// The configured actor stage.
#[derive(Clone, Debug)]
pub struct ActorStage {
    pub dictionary: ActorDictionary,
}

/// One recognised reference before it is attached to an actor.
struct Candidate {
    span: Span,
    kind: MentionKind,
    actor_kind: ActorKind,
    key: String,
    name: String,
    country: Option<String>,
    sector: Option<String>,
    title: Option<String>,
    code_override: Option<String>,
}

impl ActorStage {
    pub fn new(dictionary: ActorDictionary) -> Self {
        ActorStage { dictionary }
    }

    /// The stage with detente's own dictionaries.
    pub fn with_defaults() -> Result<Self, DictionaryError> {
        Ok(ActorStage {
            dictionary: ActorDictionary::default_dictionary()?,
        })
    }

    /// Add the actors layer to `doc` (needs sentences and tokens).
    pub fn annotate(&self, doc: &mut Document) {
        let hits = self.dictionary.find_all(&doc.text);
        let mut builder = Builder::default();
        for si in 0..doc.sentences.len() {
            let sent = doc.sentences[si].span;
            let toks = doc.sentence_tokens(si).to_vec();
            let sent_hits: Vec<(Span, &Entry)> = hits
                .iter()
                .filter(|(s, e, _)| sent.contains(Span::new(*s, *e)))
                .map(|&(s, e, i)| (Span::new(s, e), &self.dictionary.entries[i]))
                .collect();
            let mut covered: Vec<Span> = Vec::new();
            let mut h = 0;
            while h < sent_hits.len() {
                let (span, entry) = &sent_hits[h];
                let (cand, used) = self.candidate(doc, &toks, &sent_hits, h, *span, entry);
                h += used.max(1);
                if let Some(c) = cand {
                    covered.push(c.span);
                    builder.add(c, si);
                }
            }
            builder.names_and_pronouns(doc, &toks, si, &covered);
        }
        builder.finish(doc);
    }

    /// Build a candidate from hit `h` (and the hits it combines with); returns how many hits it used.
    fn candidate(
        &self,
        doc: &Document,
        toks: &[Token],
        hits: &[(Span, &Entry)],
        h: usize,
        span: Span,
        entry: &Entry,
    ) -> (Option<Candidate>, usize) {
        let text = &doc.text;
        let prev = prev_word(text, toks, span.start).map(str::to_lowercase);
        let after_place_prep = prev.as_deref().is_some_and(|w| PLACE_PREPOSITIONS.contains(&w));
        match &entry.kind {
            EntryKind::CountryName { code } | EntryKind::CountryAdjective { code } => {
                // country word + role ("German chancellor", "India's army")
                if let Some((
                    rspan,
                    Entry {
                        kind: EntryKind::Role { sector, person },
                        ..
                    },
                )) = hits.get(h + 1)
                {
                    let gap = &text[span.end..rspan.start];
                    if gap.trim().is_empty() || gap.trim() == "'s" || is_adjectives(gap) {
                        let c = self.role_candidate(doc, toks, span.cover(*rspan), *rspan, sector, *person, Some(code.clone()));
                        return (Some(c), 2);
                    }
                }
                if matches!(entry.kind, EntryKind::CountryAdjective { .. }) || after_place_prep {
                    return (None, 1);
                }
                let name = span.text(text).to_string();
                (
                    Some(Candidate {
                        span,
                        kind: MentionKind::Country,
                        actor_kind: ActorKind::Country,
                        key: format!("C:{code}"),
                        name,
                        country: Some(code.clone()),
                        sector: None,
                        title: None,
                        code_override: None,
                    }),
                    1,
                )
            }
            EntryKind::Seat { code } => {
                if after_place_prep {
                    return (None, 1);
                }
                let span = with_article(text, toks, span);
                let name = span.text(text).to_string();
                (
                    Some(Candidate {
                        span,
                        kind: MentionKind::Metonym,
                        actor_kind: ActorKind::Country,
                        key: format!("G:{code}"),
                        name,
                        country: Some(code.clone()),
                        sector: Some("GOV".into()),
                        title: None,
                        code_override: None,
                    }),
                    1,
                )
            }
            EntryKind::Role { sector, person } => {
                // "the foreign minister of India"
                let mut country = None;
                let mut full = span;
                if let Some((
                    cspan,
                    Entry {
                        kind: EntryKind::CountryName { code },
                        ..
                    },
                )) = hits.get(h + 1)
                {
                    if text[span.end..cspan.start].trim() == "of" {
                        country = Some(code.clone());
                        full = span.cover(*cspan);
                    }
                }
                let used = if country.is_some() { 2 } else { 1 };
                (Some(self.role_candidate(doc, toks, full, span, sector, *person, country)), used)
            }
            EntryKind::Organization { code } => {
                let span = with_article(text, toks, span);
                let name = span.text(text).trim_start_matches("the ").to_string();
                (
                    Some(Candidate {
                        span,
                        kind: MentionKind::Name,
                        actor_kind: ActorKind::Organization,
                        key: format!("O:{code}"),
                        name,
                        country: None,
                        sector: None,
                        title: None,
                        code_override: Some(code.clone()),
                    }),
                    1,
                )
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn role_candidate(
        &self,
        doc: &Document,
        toks: &[Token],
        span: Span,
        role: Span,
        sector: &str,
        person: bool,
        country: Option<String>,
    ) -> Candidate {
        let text = &doc.text;
        let title = role.text(text).to_lowercase();
        let prev = prev_word(text, toks, span.start).map(str::to_lowercase);
        let former = prev.as_deref() == Some("former") || prev.as_deref() == Some("ex");
        let sector = if former { "ELI".to_string() } else { sector.to_string() };
        // A capitalised name right after the title: "Chancellor Olaf Scholz".
        let name_span = name_after(text, toks, span.end);
        let anonymous = matches!(
            prev.as_deref(),
            Some("a" | "an" | "one" | "two" | "several" | "some" | "senior" | "other")
        ) || anonymous_before(text, span.start);
        let mut full = with_article(text, toks, span);
        if former {
            full = Span::new(full.start.min(word_start_before(text, span.start)), full.end);
        }
        if let Some(ns) = name_span {
            let name = ns.text(text).to_string();
            let surname = name.rsplit(' ').next().unwrap_or(&name).to_string();
            return Candidate {
                span: span.cover(ns),
                kind: MentionKind::Name,
                actor_kind: ActorKind::Person,
                key: format!("P:{surname}"),
                name,
                country,
                sector: Some(sector),
                title: Some(title),
                code_override: None,
            };
        }
        let actor_kind = if anonymous {
            ActorKind::Anonymous
        } else if person {
            ActorKind::Person
        } else {
            ActorKind::Group
        };
        let kind = if anonymous { MentionKind::Description } else { MentionKind::Title };
        let key = if anonymous {
            format!("N:{}:{}", full.start, title)
        } else {
            format!("T:{}:{}", country.as_deref().unwrap_or(""), title)
        };
        let name = full.text(text).to_string();
        Candidate {
            span: full,
            kind,
            actor_kind,
            key,
            name,
            country,
            sector: Some(sector),
            title: Some(title),
            code_override: None,
        }
    }
}

fn is_adjectives(gap: &str) -> bool {
    let g = gap.trim();
    !g.is_empty()
        && g.split_whitespace().count() <= 2
        && g.split_whitespace().all(|w| {
            matches!(
                w,
                "'s" | "top" | "senior" | "former" | "new" | "chief" | "deputy" | "acting" | "outgoing"
            )
        })
}

fn anonymous_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let last2: Vec<&str> = before.rsplit(' ').take(2).collect();
    last2.len() == 2
        && matches!(last2[1].to_lowercase().as_str(), "a" | "an")
        && matches!(
            last2[0],
            "senior" | "high-ranking" | "top" | "government" | "military" | "western" | "european"
        )
}

fn word_start_before(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end();
    before.rfind(' ').map(|i| i + 1).unwrap_or(0)
}

/// The word token ending just before `offset`, if any.
fn prev_word<'a>(text: &'a str, toks: &[Token], offset: usize) -> Option<&'a str> {
    toks.iter()
        .rev()
        .find(|t| t.span.end <= offset)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.text(text))
}

/// Extend a span to include a preceding "the".
fn with_article(text: &str, toks: &[Token], span: Span) -> Span {
    match toks.iter().rev().find(|t| t.span.end <= span.start) {
        Some(t) if t.span.text(text).eq_ignore_ascii_case("the") && text[t.span.end..span.start].trim().is_empty() => {
            Span::new(t.span.start, span.end)
        }
        _ => span,
    }
}

fn is_name_token(text: &str, t: &Token) -> bool {
    let w = t.span.text(text);
    t.kind == TokenKind::Word
        && w.chars().next().is_some_and(char::is_uppercase)
        && !NAME_STOP.contains(&w)
        && w.chars().filter(|c| c.is_uppercase()).count() < w.chars().count().max(2)
}

/// A run of one to four capitalised words starting right after `offset`.
fn name_after(text: &str, toks: &[Token], offset: usize) -> Option<Span> {
    let i = toks.iter().position(|t| t.span.start >= offset)?;
    if !text[offset..toks[i].span.start].trim().is_empty() {
        return None;
    }
    let mut end = i;
    while end < toks.len()
        && end - i < 4
        && is_name_token(text, &toks[end])
        && (end == i || text[toks[end - 1].span.end..toks[end].span.start] == *" ")
    {
        end += 1;
    }
    (end > i).then(|| Span::new(toks[i].span.start, toks[end - 1].span.end))
}

#[derive(Default)]
struct Builder {
    actors: Vec<Actor>,
    keys: HashMap<String, usize>,
    /// surname -> actor, for later bare-surname mentions
    surnames: HashMap<String, usize>,
    /// title -> most recent person actor holding it
    titles: HashMap<String, usize>,
    last_person: Option<usize>,
}

impl Builder {
    fn add(&mut self, c: Candidate, sentence: usize) {
        let mention = ActorMention {
            span: c.span,
            kind: c.kind,
            sentence,
        };
        let mut key = c.key.clone();
        // "the chancellor" after "Chancellor Olaf Scholz" is Scholz.
        if c.kind == MentionKind::Title && c.actor_kind == ActorKind::Person {
            if let Some(title) = &c.title {
                if let Some(&idx) = self.titles.get(title) {
                    let a = &self.actors[idx];
                    if c.country.is_none() || a.country == c.country {
                        self.actors[idx].mentions.push(mention);
                        self.last_person = Some(idx);
                        return;
                    }
                }
            }
        }
        if c.kind == MentionKind::Name && c.actor_kind == ActorKind::Person {
            key = c.key.clone();
        }
        let idx = match self.keys.get(&key) {
            Some(&idx) => {
                let a = &mut self.actors[idx];
                a.mentions.push(mention);
                // the most informative mention fills what is missing
                if a.country.is_none() && c.country.is_some() {
                    a.country = c.country.clone();
                }
                if a.title.is_none() {
                    a.title = c.title.clone();
                }
                if c.name.len() > a.name.len() && c.actor_kind == ActorKind::Person {
                    a.name = c.name.clone();
                }
                idx
            }
            None => {
                self.actors.push(Actor {
                    name: c.name.clone(),
                    kind: c.actor_kind,
                    code: c.code_override.clone(),
                    country: c.country.clone(),
                    sector: c.sector.clone(),
                    title: c.title.clone(),
                    mentions: vec![mention],
                });
                let idx = self.actors.len() - 1;
                self.keys.insert(key, idx);
                idx
            }
        };
        if c.actor_kind == ActorKind::Person {
            if c.kind == MentionKind::Name {
                if let Some(surname) = c.name.rsplit(' ').next() {
                    self.surnames.insert(surname.to_string(), idx);
                }
            }
            if let Some(t) = &c.title {
                self.titles.insert(t.clone(), idx);
            }
            self.last_person = Some(idx);
        }
    }

    /// Bare surnames of known people, and pronouns, in sentence `si`.
    fn names_and_pronouns(&mut self, doc: &Document, toks: &[Token], si: usize, covered: &[Span]) {
        let text = &doc.text;
        for t in toks {
            if covered.iter().any(|c| c.overlaps(t.span)) {
                continue;
            }
            let w = t.span.text(text);
            if let Some(&idx) = self.surnames.get(w) {
                self.actors[idx].mentions.push(ActorMention {
                    span: t.span,
                    kind: MentionKind::Name,
                    sentence: si,
                });
                self.last_person = Some(idx);
            } else if PRONOUNS.contains(&w.to_lowercase().as_str()) {
                if let Some(idx) = self.last_person {
                    self.actors[idx].mentions.push(ActorMention {
                        span: t.span,
                        kind: MentionKind::Pronoun,
                        sentence: si,
                    });
                }
            }
        }
    }

    fn finish(mut self, doc: &mut Document) {
        for a in &mut self.actors {
            a.mentions.sort_by_key(|m| m.span.start);
            if a.code.is_none() {
                let code = format!("{}{}", a.country.as_deref().unwrap_or(""), a.sector.as_deref().unwrap_or(""));
                a.code = (!code.is_empty()).then_some(code);
            }
        }
        doc.actors = self.actors;
    }
}

/// The actor (index) and mention span covering byte `offset`, if any.
pub fn actor_at(doc: &Document, span: Span) -> Option<(usize, Span)> {
    doc.actors
        .iter()
        .enumerate()
        .find_map(|(i, a)| a.mentions.iter().find(|m| m.span.overlaps(span)).map(|m| (i, m.span)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn code(text: &str) -> Document {
        let mut doc = TextStage::default().build(ArticleMeta::default(), text);
        ActorStage::with_defaults().unwrap().annotate(&mut doc);
        doc
    }

    fn codes(doc: &Document) -> Vec<(String, String)> {
        doc.actors
            .iter()
            .map(|a| (a.name.clone(), a.code.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn official_with_country_title_and_name() {
        let doc = code("German Chancellor Olaf Scholz met the French president. Scholz said he was pleased.");
        let scholz = &doc.actors[0];
        assert_eq!(scholz.name, "Olaf Scholz");
        assert_eq!(scholz.code.as_deref(), Some("DEUGOV"));
        assert_eq!(scholz.mentions.len(), 3, "{:?}", scholz.mentions);
        assert!(codes(&doc).iter().any(|(_, c)| c == "FRAGOV"));
    }

    #[test]
    fn capital_as_government_but_not_as_place() {
        let doc = code("Moscow has warned Kyiv. Talks were held in Moscow.");
        let c = codes(&doc);
        assert!(c.contains(&("Moscow".into(), "RUSGOV".into())));
        assert_eq!(doc.actors[0].mentions.len(), 1);
    }

    #[test]
    fn possessive_country_and_anonymous() {
        let doc = code("India's foreign minister spoke to a senior official.");
        let c = codes(&doc);
        assert!(c.contains(&("India's foreign minister".into(), "INDGOV".into())), "{c:?}");
        assert!(doc.actors.iter().any(|a| a.kind == ActorKind::Anonymous));
    }

    #[test]
    fn lowercase_us_is_not_a_country() {
        let doc = code("They told us about the US plan.");
        assert_eq!(doc.actors.iter().filter(|a| a.country.as_deref() == Some("USA")).count(), 1);
    }
}
