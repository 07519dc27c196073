//! Following actors through an article: candidates with the same key are one actor;
//! a title alone ("the chancellor", "the Indian leader") joins the most recent person
//! with that title or country; a bare surname ("Scholz", "Xi") joins the person it
//! belongs to; a pronoun joins the most recent person in subject position (the first
//! person mentioned in its sentence before it, else in the latest earlier sentence).
//! An actor's code comes from its most informative mention.

use crate::phrase::{surname, Candidate};
use detente_doc::{Actor, ActorKind, ActorMention, Document, MentionKind, Span, Token, TokenKind};
use std::collections::{HashMap, HashSet};

const PRONOUNS: &[&str] = &["he", "she", "him", "his", "her", "hers"];

/// One of [`PRONOUNS`] in any case (no lower-case copy for the common ASCII word).
fn is_pronoun(word: &str) -> bool {
    if word.is_ascii() {
        PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(word))
    } else {
        PRONOUNS.contains(&word.to_lowercase().as_str())
    }
}
/// Titles of people who serve in other countries: an envoy in Tehran is not Iran's.
const SERVES_ABROAD: &[&str] = &["envoy", "ambassador", "diplomat", "peacekeeper"];
/// Sectors of people who speak and act across borders: a cleric, activist, journalist
/// or businessman named (by name) in an article about one country is not taken to be of it
/// ("Archbishop Desmond Tutu called for sanctions against Nigeria").
const BORDERLESS_PERSONS: &[&str] = &["REL", "NGO", "MED", "BUS", "EDU"];
/// Titles that any head of government or state may be called by later.
const GENERIC_TITLES: &[&str] = &["leader", "head of state", "head of government"];

/// What an actor knows so far, with how informative its best mention was.
struct Facts {
    score: u8,
    code: Option<String>,
    country: Option<String>,
    sector: Option<String>,
    prefix: bool,
}

/// More specific mentions win: a name with its title in the text, then a full
/// dictionary code, then a country with a sector.
fn informativeness(c: &Candidate) -> u8 {
    let mut s = 0;
    if c.kind == MentionKind::Name && c.title.is_some() && c.sector.is_some() {
        s += 5;
    }
    if c.code.is_some() {
        s += 4;
    }
    if c.country.is_some() {
        s += 2;
    }
    if c.sector.is_some() {
        s += 1;
    }
    s
}

#[derive(Default)]
pub struct Builder {
    actors: Vec<Actor>,
    facts: Vec<Facts>,
    keys: HashMap<String, usize>,
    /// surname -> person actor, for later bare-surname mentions
    surnames: HashMap<String, usize>,
    /// title -> most recent person actor holding it
    titles: HashMap<String, usize>,
}

impl Builder {
    /// Attach a candidate found in sentence `sentence`.
    pub fn add(&mut self, c: Candidate, sentence: usize, family_names: &HashSet<String>) {
        let idx = self.find_existing(&c).unwrap_or_else(|| self.create(&c));
        self.push_mention(idx, c.span, c.kind, sentence);
        for &(span, kind) in &c.also {
            self.push_mention(idx, span, kind, sentence);
        }
        self.learn(idx, &c);
        if c.actor_kind == ActorKind::Person {
            if c.kind == MentionKind::Name {
                self.surnames.insert(surname(&c.name, family_names), idx);
            }
            if let Some(t) = &c.title {
                self.titles.insert(t.clone(), idx);
            }
        }
        self.keys.entry(c.key.clone()).or_insert(idx);
    }

    fn find_existing(&self, c: &Candidate) -> Option<usize> {
        if let Some(&idx) = self.keys.get(&c.key) {
            return Some(idx);
        }
        let title_alone = c.kind == MentionKind::Title && c.actor_kind == ActorKind::Person;
        let title = c.title.as_deref()?;
        if !title_alone {
            return None;
        }
        let compatible = |idx: usize| {
            let f = &self.facts[idx];
            let country = f
                .country
                .clone()
                .or_else(|| f.code.as_ref().and_then(|c| c.get(..3).map(str::to_string)));
            c.country.is_none() || country == c.country
        };
        // "the chancellor" after "Chancellor Olaf Scholz"
        if let Some(&idx) = self.titles.get(title) {
            if compatible(idx) {
                return Some(idx);
            }
        }
        // "the Indian leader" after "Indian Prime Minister Narendra Modi"
        if GENERIC_TITLES.contains(&title) && c.country.is_some() {
            return (0..self.actors.len())
                .rev()
                .find(|&i| self.actors[i].kind == ActorKind::Person && self.actors[i].title.is_some() && compatible(i));
        }
        None
    }

    fn create(&mut self, c: &Candidate) -> usize {
        self.actors.push(Actor {
            name: c.name.clone(),
            kind: c.actor_kind,
            code: None,
            country: None,
            sector: None,
            title: c.title.clone(),
            mentions: Vec::new(),
        });
        self.facts.push(Facts {
            score: 0,
            code: None,
            country: None,
            sector: None,
            prefix: false,
        });
        self.actors.len() - 1
    }

    fn push_mention(&mut self, idx: usize, span: Span, kind: MentionKind, sentence: usize) {
        let a = &mut self.actors[idx];
        if a.mentions.iter().any(|m| m.span.overlaps(span)) {
            return;
        }
        a.mentions.push(ActorMention { span, kind, sentence });
    }

    /// Keep the most informative mention's facts; fill gaps from the others.
    fn learn(&mut self, idx: usize, c: &Candidate) {
        let score = informativeness(c);
        let f = &mut self.facts[idx];
        if score > f.score {
            f.score = score;
            f.code = c.code.clone().or(f.code.take());
            f.country = c.country.clone().or(f.country.take());
            f.sector = c.sector.clone().or(f.sector.take());
            f.prefix = c.prefix;
        } else {
            f.country = f.country.take().or(c.country.clone());
            f.sector = f.sector.take().or(c.sector.clone());
        }
        let a = &mut self.actors[idx];
        if a.title.is_none() {
            a.title = c.title.clone();
        }
        if a.name.is_empty() {
            a.name = c.name.clone();
        }
        if c.kind == MentionKind::Name && c.actor_kind == a.kind && c.name.len() > a.name.len() {
            a.name = c.name.clone();
        }
    }

    /// Bare surnames of known people, and pronouns, in sentence `si`.
    pub fn names_and_pronouns(&mut self, text: &str, toks: &[Token], si: usize, covered: &[Span]) {
        for t in toks {
            if t.kind != TokenKind::Word || covered.iter().any(|c| c.overlaps(t.span)) {
                continue;
            }
            let w = t.span.text(text);
            if let Some(&idx) = self.surnames.get(w) {
                self.push_mention(idx, t.span, MentionKind::Name, si);
            } else if is_pronoun(w) {
                if let Some(idx) = self.subject_for_pronoun(si, t.span.start) {
                    self.push_mention(idx, t.span, MentionKind::Pronoun, si);
                }
            }
        }
    }

    /// The first person mentioned in sentence `si` before `offset`, else the subject of
    /// the latest earlier sentence that mentions a person.
    fn subject_for_pronoun(&self, si: usize, offset: usize) -> Option<usize> {
        self.first_person_in(si, offset)
            .or_else(|| (0..si).rev().find_map(|s| self.first_person_in(s, usize::MAX)))
    }

    /// The person actor with the earliest non-pronoun mention in sentence `si` that
    /// ends before `offset`.
    fn first_person_in(&self, si: usize, offset: usize) -> Option<usize> {
        self.actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Person)
            .flat_map(|(i, a)| {
                a.mentions
                    .iter()
                    .filter(|m| m.sentence == si && m.span.end <= offset && m.kind != MentionKind::Pronoun)
                    .map(move |m| (m.span.start, i))
            })
            .min()
            .map(|(_, i)| i)
    }

    /// Compose codes and hand the actors to the document; `context_country` fills
    /// the country of titled actors that have none (see `ActorStage::context_country`).
    pub fn finish(mut self, doc: &mut Document, context_country: Option<&str>) {
        for (a, mut f) in self.actors.iter_mut().zip(self.facts) {
            let abroad = a.title.as_deref().is_some_and(|t| SERVES_ABROAD.iter().any(|w| t.contains(w)));
            // a full name (two words or more): "the fundamentalist Umma" may be a party
            let borderless = a.kind == ActorKind::Person
                && a.name.contains(' ')
                && a.mentions.iter().any(|m| m.kind == MentionKind::Name)
                && f.sector.as_deref().is_some_and(|s| BORDERLESS_PERSONS.contains(&s));
            if f.country.is_none() && f.code.is_none() && f.sector.is_some() && a.kind != ActorKind::Country && !abroad && !borderless {
                f.country = context_country.map(str::to_string);
            }
            a.mentions.sort_by_key(|m| m.span.start);
            if a.name.is_empty() {
                a.name = a.mentions.first().map(|m| doc.slice(m.span).to_string()).unwrap_or_default();
            }
            a.code = f.code.clone().or_else(|| compose(&f));
            a.country = f.country.or_else(|| f.code.as_ref().and_then(|c| c.get(..3).map(str::to_string)));
            a.sector = f.sector.or_else(|| {
                f.code
                    .as_ref()
                    .and_then(|c| c.get(3..))
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            });
        }
        doc.actors = self.actors;
    }
}

/// Country + sector (or sector + country for prefix sectors); None when both unknown.
fn compose(f: &Facts) -> Option<String> {
    let country = f.country.as_deref().unwrap_or("");
    let sector = f.sector.as_deref().unwrap_or("");
    let code = if f.prefix {
        format!("{sector}{country}")
    } else {
        format!("{country}{sector}")
    };
    (!code.is_empty()).then_some(code)
}
