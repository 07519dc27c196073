//! The actor dictionaries: countries, roles, organisations and people, read from our own
//! text files (`dictionaries/actors/`, formats in `docs/ACTORS.md`), from a user's
//! override file, or from PETRARCH dictionaries ([`crate::petrarch`]), and compiled into
//! one multi-pattern automaton ([`crate::matching`]).

use crate::people::{parse_people, DatedCode};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use std::collections::HashMap;

/// Up to this many phrases the dictionary is compiled into a full DFA.
const DFA_MAX_PHRASES: usize = 20_000;

pub const DEFAULT_COUNTRIES: &str = include_str!("../../../dictionaries/actors/countries.txt");
pub const DEFAULT_ROLES: &str = include_str!("../../../dictionaries/actors/roles.txt");
pub const DEFAULT_ORGANIZATIONS: &str = include_str!("../../../dictionaries/actors/organizations.txt");
pub const DEFAULT_PEOPLE: &str = include_str!("../../../dictionaries/actors/people.txt");
pub const DEFAULT_PLACES: &str = include_str!("../../../dictionaries/actors/places.txt");
pub const DEFAULT_FAMILY_NAMES: &str = include_str!("../../../dictionaries/actors/family-names.txt");

/// Who a role phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// One holder of a title ("the chancellor").
    Person,
    /// A body of people ("the army", "lawmakers").
    Group,
    /// An unnamed source ("people close to the matter").
    Anonymous,
}

/// What a dictionary phrase means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    CountryName {
        code: String,
    },
    /// An adjective or demonym ("German", "Americans"); `plural` for the people
    /// themselves ("Americans" -> the country's civilians).
    CountryAdjective {
        code: String,
        plural: bool,
    },
    /// A capital or seat of government ("Moscow", "the Kremlin").
    Seat {
        code: String,
    },
    /// A title or role word. `sector` is None for words that say nothing of the sector
    /// ("sources"); `prefix` puts the sector before the country (PETRARCH `NGO~`).
    Role {
        sector: Option<String>,
        holder: Holder,
        prefix: bool,
    },
    Organization {
        code: String,
    },
    /// A sub-national region or a city that is not a seat of government ("Sindh",
    /// "Hebron"): alone a place, never an actor; it gives its country to a role joined
    /// to it ("Sindh police", "the governor of Sindh") and counts as a mention of the
    /// country for the article's country.
    Place {
        code: String,
    },
    /// A named person or entity whose code may depend on the date (the people table,
    /// PETRARCH actors).
    Named {
        codes: Vec<DatedCode>,
        person: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub phrase: String,
    pub kind: EntryKind,
    /// Phrases with a capital letter must match exactly ("US" is not "us").
    pub case_sensitive: bool,
    /// The last word may continue ("ARGENTIN" matches "Argentina"): PETRARCH stems.
    pub stem: bool,
    /// The text must start with a capital letter ("UN" in a PETRARCH file is not "un").
    pub capitalized: bool,
}

impl Entry {
    /// An entry whose case rule follows our files: a capital letter means exact case.
    pub fn new(phrase: &str, kind: EntryKind) -> Self {
        Entry {
            case_sensitive: phrase.chars().any(char::is_uppercase),
            phrase: phrase.to_string(),
            kind,
            stem: false,
            capitalized: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{file}:{line}: {message}")]
    Format { file: String, line: usize, message: String },
    #[error("cannot build the actor automaton: {0}")]
    Build(String),
}

pub(crate) fn format_error(file: &str, line: usize, message: impl Into<String>) -> DictionaryError {
    DictionaryError::Format {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// All actor phrases with their automaton.
#[derive(Clone, Debug)]
pub struct ActorDictionary {
    pub entries: Vec<Entry>,
    pub(crate) automaton: AhoCorasick,
}

/// Tab-separated fields, each a `;`-separated list.
fn fields(line: &str) -> Vec<Vec<String>> {
    line.split('\t')
        .map(|f| f.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        .collect()
}

/// Non-blank, non-comment lines with their 1-based numbers.
pub(crate) fn content_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

impl ActorDictionary {
    /// The dictionaries shipped with detente.
    pub fn default_dictionary() -> Result<Self, DictionaryError> {
        Self::from_entries(default_entries()?)
    }

    /// Compile entries; when a phrase occurs twice (same words, same case rule), the
    /// later entry wins, so user files loaded last override the defaults.
    pub fn from_entries(entries: Vec<Entry>) -> Result<Self, DictionaryError> {
        let mut index: HashMap<(String, bool), usize> = HashMap::new();
        let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
        for e in entries {
            if e.phrase.trim().is_empty() {
                continue;
            }
            let phrase = if e.case_sensitive {
                e.phrase.clone()
            } else {
                e.phrase.to_lowercase()
            };
            let key = (phrase, e.case_sensitive);
            match index.get(&key) {
                Some(&i) => kept[i] = e,
                None => {
                    index.insert(key, kept.len());
                    kept.push(e);
                }
            }
        }
        // A full DFA scans fastest (every article passes through it); for very large
        // user dictionaries (PETRARCH's) the crate's own choice keeps memory down.
        let kind = (kept.len() <= DFA_MAX_PHRASES).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(kind)
            .build(kept.iter().map(|e| e.phrase.as_str()))
            .map_err(|e| DictionaryError::Build(e.to_string()))?;
        Ok(ActorDictionary { entries: kept, automaton })
    }

    /// This dictionary plus `extra` entries, which override same phrases.
    pub fn extended(self, extra: Vec<Entry>) -> Result<Self, DictionaryError> {
        let mut entries = self.entries;
        entries.extend(extra);
        Self::from_entries(entries)
    }

    /// This dictionary plus a user file in our sectioned format (see [`parse_user_file`]).
    pub fn with_user_file(self, source: &str, file: &str) -> Result<Self, DictionaryError> {
        self.extended(parse_user_file(source, file)?)
    }
}

/// The entries of every shipped file.
pub fn default_entries() -> Result<Vec<Entry>, DictionaryError> {
    let mut entries = Vec::new();
    parse_countries(DEFAULT_COUNTRIES, "countries.txt", &mut entries)?;
    parse_roles(DEFAULT_ROLES, "roles.txt", &mut entries)?;
    parse_organizations(DEFAULT_ORGANIZATIONS, "organizations.txt", &mut entries)?;
    parse_people(DEFAULT_PEOPLE, "people.txt", &mut entries)?;
    parse_places(DEFAULT_PLACES, "places.txt", &mut entries)?;
    Ok(entries)
}

/// A user dictionary: sections `[countries]`, `[roles]`, `[organizations]`, `[people]`, `[places]`,
/// each followed by lines in the format of the shipped file of that name.
pub fn parse_user_file(source: &str, file: &str) -> Result<Vec<Entry>, DictionaryError> {
    let mut out = Vec::new();
    let mut section: Option<(String, usize, String)> = None;
    let flush = |section: &Option<(String, usize, String)>, out: &mut Vec<Entry>| -> Result<(), DictionaryError> {
        let Some((name, first_line, body)) = section else {
            return Ok(());
        };
        // Keep line numbers right in messages by padding with the lines before the section.
        let padded = format!("{}{}", "\n".repeat(*first_line), body);
        match name.as_str() {
            "countries" => parse_countries(&padded, file, out),
            "roles" => parse_roles(&padded, file, out),
            "organizations" | "organisations" => parse_organizations(&padded, file, out),
            "people" => parse_people(&padded, file, out),
            "places" => parse_places(&padded, file, out),
            other => Err(format_error(file, *first_line, format!("unknown section [{other}]"))),
        }
    };
    for (i, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            flush(&section, &mut out)?;
            section = Some((name.trim().to_lowercase(), i + 1, String::new()));
        } else if let Some((_, _, body)) = section.as_mut() {
            body.push_str(line);
            body.push('\n');
        } else if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return Err(format_error(
                file,
                i + 1,
                "expected a section header first: [countries], [roles], [organizations], [people] or [places]",
            ));
        }
    }
    flush(&section, &mut out)?;
    Ok(out)
}

/// `code<TAB>names<TAB>adjectives and demonyms<TAB>capitals and seats`.
pub fn parse_countries(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f = fields(text);
        let code = f
            .first()
            .and_then(|c| c.first())
            .cloned()
            .ok_or_else(|| format_error(file, line, "missing country code"))?;
        let list = |i: usize| f.get(i).cloned().unwrap_or_default();
        for name in list(1) {
            out.push(Entry::new(&name, EntryKind::CountryName { code: code.clone() }));
        }
        let adjectives = list(2);
        for adj in &adjectives {
            // "Americans" is the plural of "American"; "Swiss" is not a plural of "Swis".
            let plural = adj
                .strip_suffix('s')
                .is_some_and(|singular| adjectives.iter().any(|a| a == singular));
            out.push(Entry::new(
                adj,
                EntryKind::CountryAdjective {
                    code: code.clone(),
                    plural,
                },
            ));
        }
        for seat in list(3) {
            out.push(Entry::new(&seat, EntryKind::Seat { code: code.clone() }));
        }
    }
    Ok(())
}

/// `phrase<TAB>sector<TAB>person|group|anonymous` (sector `-` for none).
pub fn parse_roles(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f: Vec<&str> = text.split('\t').map(str::trim).collect();
        let (Some(phrase), Some(sector)) = (f.first(), f.get(1)) else {
            return Err(format_error(file, line, "expected `phrase<TAB>sector[<TAB>kind]`"));
        };
        let holder = match f.get(2).copied().unwrap_or("group") {
            "person" => Holder::Person,
            "group" => Holder::Group,
            "anonymous" => Holder::Anonymous,
            other => {
                return Err(format_error(
                    file,
                    line,
                    format!("kind must be person, group or anonymous, not {other:?}"),
                ))
            }
        };
        let sector = (*sector != "-" && !sector.is_empty()).then(|| sector.to_string());
        out.push(Entry {
            phrase: phrase.to_string(),
            kind: EntryKind::Role {
                sector,
                holder,
                prefix: false,
            },
            case_sensitive: phrase.chars().any(char::is_uppercase),
            stem: false,
            capitalized: false,
        });
    }
    Ok(())
}

/// `code<TAB>names and abbreviations`.
pub fn parse_organizations(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f = fields(text);
        let code = f
            .first()
            .and_then(|c| c.first())
            .cloned()
            .ok_or_else(|| format_error(file, line, "missing organisation code"))?;
        for phrase in f.get(1).into_iter().flatten() {
            out.push(Entry::new(phrase, EntryKind::Organization { code: code.clone() }));
        }
    }
    Ok(())
}

/// `code<TAB>names`: regions and cities of a country (`places.txt`).
pub fn parse_places(source: &str, file: &str, out: &mut Vec<Entry>) -> Result<(), DictionaryError> {
    for (line, text) in content_lines(source) {
        let f = fields(text);
        let code = f
            .first()
            .and_then(|c| c.first())
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
            .cloned()
            .ok_or_else(|| format_error(file, line, "expected a three-letter country code"))?;
        let names = f
            .get(1)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| format_error(file, line, "no place names"))?;
        for name in names {
            out.push(Entry::new(name, EntryKind::Place { code: code.clone() }));
        }
    }
    Ok(())
}

/// The family-name-first surnames list ("Xi", "Kim"): one name a line.
pub fn parse_family_names(source: &str) -> std::collections::HashSet<String> {
    content_lines(source).map(|(_, l)| l.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_cover_every_iso_country() {
        let d = ActorDictionary::default_dictionary().unwrap();
        let codes: std::collections::HashSet<&str> = d
            .entries
            .iter()
            .filter_map(|e| match &e.kind {
                EntryKind::CountryName { code } => Some(code.as_str()),
                _ => None,
            })
            .collect();
        assert!(codes.len() >= 249, "{}", codes.len());
        for c in ["USA", "GBR", "KOR", "PRK", "CIV", "TLS", "VAT", "MEA", "WST"] {
            assert!(codes.contains(c), "{c}");
        }
    }

    #[test]
    fn plural_demonyms_are_marked() {
        let mut out = Vec::new();
        parse_countries("USA\tUnited States\tAmerican; Americans\n", "t", &mut out).unwrap();
        assert!(out.iter().any(|e| e.phrase == "Americans"
            && e.kind
                == EntryKind::CountryAdjective {
                    code: "USA".into(),
                    plural: true
                }));
    }

    #[test]
    fn user_file_overrides_defaults() {
        let user = "# mine\n[organizations]\nUSAMED\tAcme News\n[roles]\nchancellor\tLEG\tperson\n";
        let d = ActorDictionary::default_dictionary()
            .unwrap()
            .with_user_file(user, "user.txt")
            .unwrap();
        let chancellor: Vec<&Entry> = d.entries.iter().filter(|e| e.phrase == "chancellor").collect();
        assert_eq!(chancellor.len(), 1);
        assert!(matches!(&chancellor[0].kind, EntryKind::Role { sector: Some(s), .. } if s == "LEG"));
        assert!(d.entries.iter().any(|e| e.phrase == "Acme News"));
    }

    #[test]
    fn places_load_with_their_country_and_user_files_add_more() {
        let d = ActorDictionary::default_dictionary().unwrap();
        let sindh = d.entries.iter().find(|e| e.phrase == "Sindh").unwrap();
        assert_eq!(sindh.kind, EntryKind::Place { code: "PAK".into() });
        assert!(sindh.case_sensitive);
        let user = "[places]\nGBR\tMiddlesbrough; Teesside\n";
        let d = d.with_user_file(user, "u.txt").unwrap();
        assert!(d
            .entries
            .iter()
            .any(|e| e.phrase == "Teesside" && e.kind == EntryKind::Place { code: "GBR".into() }));
        let err = parse_user_file("[places]\nGB\tLeeds\n", "u.txt").unwrap_err().to_string();
        assert!(err.starts_with("u.txt:2:"), "{err}");
    }

    #[test]
    fn user_file_errors_name_the_line() {
        let err = parse_user_file("\n[roles]\nno-sector-here\n", "u.txt").unwrap_err().to_string();
        assert!(err.starts_with("u.txt:3:"), "{err}");
        let err = parse_user_file("USA\tUS\n", "u.txt").unwrap_err().to_string();
        assert!(err.contains("section"), "{err}");
    }
}
