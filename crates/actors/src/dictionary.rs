//! The actor dictionaries: countries, roles and organisations, read from our own
//! text files (`dictionaries/actors/`) and compiled into one multi-pattern automaton.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub const DEFAULT_COUNTRIES: &str = include_str!("../../../dictionaries/actors/countries.txt");
pub const DEFAULT_ROLES: &str = include_str!("../../../dictionaries/actors/roles.txt");
pub const DEFAULT_ORGANIZATIONS: &str = include_str!("../../../dictionaries/actors/organizations.txt");

/// What a dictionary phrase means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    CountryName {
        code: String,
    },
    CountryAdjective {
        code: String,
    },
    /// A capital or seat of government ("Moscow", "the Kremlin").
    Seat {
        code: String,
    },
    Role {
        sector: String,
        person: bool,
    },
    Organization {
        code: String,
    },
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub phrase: String,
    pub kind: EntryKind,
    /// Phrases with a capital letter must match exactly ("US" is not "us").
    pub case_sensitive: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{file}:{line}: {message}")]
    Format { file: String, line: usize, message: String },
    #[error("cannot build the actor automaton: {0}")]
    Build(String),
}

/// All actor phrases with their automaton.
#[derive(Clone, Debug)]
pub struct ActorDictionary {
    pub entries: Vec<Entry>,
    automaton: AhoCorasick,
}

fn fields(line: &str) -> Vec<Vec<String>> {
    line.split('\t')
        .map(|f| f.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        .collect()
}

fn content_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

impl ActorDictionary {
    /// The dictionaries shipped with detente.
    pub fn default_dictionary() -> Result<Self, DictionaryError> {
        let mut entries = Vec::new();
        parse_countries(DEFAULT_COUNTRIES, "countries.txt", &mut entries)?;
        parse_roles(DEFAULT_ROLES, "roles.txt", &mut entries)?;
        parse_organizations(DEFAULT_ORGANIZATIONS, "organizations.txt", &mut entries)?;
        Self::from_entries(entries)
    }

    pub fn from_entries(entries: Vec<Entry>) -> Result<Self, DictionaryError> {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|e| e.phrase.as_str()))
            .map_err(|e| DictionaryError::Build(e.to_string()))?;
        Ok(ActorDictionary { entries, automaton })
    }

    /// Every dictionary match in `text` that respects case rules and word boundaries:
    /// (start, end, entry index).
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        self.automaton
            .find_iter(text)
            .filter_map(|m| {
                let e = &self.entries[m.pattern().as_usize()];
                if e.case_sensitive && text[m.start()..m.end()] != e.phrase {
                    return None;
                }
                let left_ok = m.start() == 0 || !is_word(bytes[m.start() - 1]);
                let right_ok = m.end() == bytes.len() || !is_word(bytes[m.end()]) || e.phrase.ends_with('.');
                (left_ok && right_ok).then_some((m.start(), m.end(), m.pattern().as_usize()))
            })
            .collect()
    }
}

pub fn parse_countries(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f = fields(text);
        let code = f.first().and_then(|c| c.first()).cloned().ok_or_else(|| DictionaryError::Format {
            file: file.into(),
            line,
            message: "missing country code".into(),
        })?;
        let mut push = |i: usize, make: &dyn Fn(String) -> EntryKind| {
            for phrase in f.get(i).into_iter().flatten() {
                out.push(Entry {
                    case_sensitive: phrase.chars().any(char::is_uppercase),
                    kind: make(code.clone()),
                    phrase: phrase.clone(),
                });
            }
        };
        push(1, &|code| EntryKind::CountryName { code });
        push(2, &|code| EntryKind::CountryAdjective { code });
        push(3, &|code| EntryKind::Seat { code });
    }
    Ok(())
}

pub fn parse_roles(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f: Vec<&str> = text.split('\t').map(str::trim).collect();
        let (Some(phrase), Some(sector)) = (f.first(), f.get(1)) else {
            return Err(DictionaryError::Format {
                file: file.into(),
                line,
                message: "expected `phrase<TAB>sector`".into(),
            });
        };
        let person = f.get(2).is_some_and(|k| *k == "person");
        out.push(Entry {
            phrase: phrase.to_string(),
            kind: EntryKind::Role {
                sector: sector.to_string(),
                person,
            },
            case_sensitive: false,
        });
    }
    Ok(())
}

pub fn parse_organizations(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f = fields(text);
        let code = f.first().and_then(|c| c.first()).cloned().ok_or_else(|| DictionaryError::Format {
            file: file.into(),
            line,
            message: "missing organisation code".into(),
        })?;
        for phrase in f.get(1).into_iter().flatten() {
            out.push(Entry {
                phrase: phrase.clone(),
                kind: EntryKind::Organization { code: code.clone() },
                case_sensitive: phrase.chars().any(char::is_uppercase),
            });
        }
    }
    Ok(())
}
