//! TABARI's reading of its actors file, beside PETRARCH's ([`crate::petrarch`]), for
//! [`crate::ActorStage::tabari`] only (the TABARI validation suite): PETRARCH treats a
//! space in a phrase like `_`, TABARI does not.
//!
//! - A space lets other words come between a phrase's parts, `_` does not:
//!   `PRINCE DOL_AMROTH` is "the Prince of Dol_Amroth", `AL GORE` is 'Al "The Weasel"
//!   Gore'. The words between stay in one clause (no `,` `;` `:` or bracket) and name no
//!   other actor. Where a phrase is in the file both ways (`AL_GORE`, `AL GORE`), the
//!   words side by side are the `_` one's.
//! - A phrase closed by `_` still takes the regular noun endings ("Libyas" for
//!   `LIBYA_`; "Libya's" splits as a possessive anyway); one closed by `=` takes none
//!   (`MOUSE=` is not "Mouses").
//! - `[--- <950630]` and `[### ...]` with a date: on those days the phrase is matched
//!   (its words are no other actor's) but names no actor.
//!
//! ```
//! use detente_actors::tabari::parse_tabari;
//! let (dict, phrases) = parse_tabari("PRINCE DOL_AMROTH  [--- <950630] [DOL]\nLIBYA_ [LBY]\n", "").unwrap();
//! assert!(dict.entries.iter().any(|e| e.phrase == "LIBYAS"));
//! assert_eq!(phrases.spaced_count(), 1);
//! ```

use crate::dictionary::{ActorDictionary, DictionaryError, Entry};
use crate::petrarch::{parse_actors, parse_agents, petrarch_day, split_codes};
use chrono::NaiveDate;
use detente_doc::Span;
use std::collections::HashMap;
use std::path::Path;

/// A day range, either end open.
type DayRange = (Option<NaiveDate>, Option<NaiveDate>);

/// What TABARI matches beyond the automaton: spaced phrases with words between their
/// parts, and phrases null-coded on some days.
#[derive(Clone, Debug, Default)]
pub struct TabariPhrases {
    spaced: Vec<SpacedPhrase>,
    /// Lower-case phrase -> the days on which it names no actor.
    null_coded: HashMap<String, Vec<DayRange>>,
    /// The `<NOUN>` and `<ADJECTIVE>` sections' words, lower case (the events stage
    /// reads "sheep and goats" as one noun phrase).
    pub nouns: Vec<String>,
    pub adjectives: Vec<String>,
}

/// `PRINCE DOL_AMROTH`: parts ("prince"), ("dol", "amroth") in order, others between.
#[derive(Clone, Debug)]
struct SpacedPhrase {
    parts: Vec<Vec<String>>,
    /// The last word may continue (a TABARI stem).
    stem: bool,
    /// The last word takes noun endings (closed by `_`).
    noun_endings: bool,
    entry: Entry,
}

/// One phrase of an actors-file entry as written.
struct RawPhrase {
    /// As written, `=` read as `_`.
    text: String,
    spaced: bool,
    closed: bool,
    exact: bool,
}

/// An entry of the actors file: its phrases' lines, and its null-coded days.
struct RawBlock {
    lines: Vec<String>,
    phrases: Vec<RawPhrase>,
    null_days: Vec<DayRange>,
}

/// Read TABARI actors and agents files (as [`ActorDictionary::from_petrarch`] does,
/// plus TABARI's phrase conventions).
pub fn parse_tabari(actors: &str, agents: &str) -> Result<(ActorDictionary, TabariPhrases), DictionaryError> {
    let agents = parse_agents(agents, "agents")?;
    let (actors, phrases) = parse_tabari_actors(actors, "actors")?;
    let mut entries = agents;
    entries.extend(actors);
    Ok((ActorDictionary::from_entries(entries)?, phrases))
}

/// The same from files on disk.
pub fn parse_tabari_files(actors: &[&Path], agents: &[&Path]) -> Result<(ActorDictionary, TabariPhrases), DictionaryError> {
    let read = |p: &Path| {
        std::fs::read(p)
            .map(|b| String::from_utf8(b.clone()).unwrap_or_else(|_| b.iter().map(|&c| c as char).collect()))
            .map_err(|e| crate::dictionary::format_error(&p.display().to_string(), 0, e.to_string()))
    };
    let mut entries = Vec::new();
    for p in agents {
        entries.extend(parse_agents(&read(p)?, &p.display().to_string())?);
    }
    let mut phrases = TabariPhrases::default();
    for p in actors {
        let (more, found) = parse_tabari_actors(&read(p)?, &p.display().to_string())?;
        entries.extend(more);
        phrases.spaced.extend(found.spaced);
        for (k, v) in found.null_coded {
            phrases.null_coded.entry(k).or_default().extend(v);
        }
        phrases.nouns.extend(found.nouns);
        phrases.adjectives.extend(found.adjectives);
    }
    Ok((ActorDictionary::from_entries(entries)?, phrases))
}

/// The entries of a TABARI actors file, in the order the automaton wants them (later
/// wins: noun-ending forms first, then spaced phrases, then the rest), and the
/// phrases only TABARI matches.
fn parse_tabari_actors(source: &str, file: &str) -> Result<(Vec<Entry>, TabariPhrases), DictionaryError> {
    let mut endings = Vec::new();
    let mut spaced_entries = Vec::new();
    let mut rest = Vec::new();
    let mut phrases = TabariPhrases::default();
    for block in raw_blocks(source) {
        let entries = parse_actors(&block.lines.join("\n"), file)?;
        if entries.len() != block.phrases.len() {
            continue; // no code: nothing to match
        }
        for (mut entry, raw) in entries.into_iter().zip(&block.phrases) {
            // the text's hyphens are spaces to TABARI (`BARAD-DUR`: "Barad-Dur")
            entry.phrase = matching_text(&entry.phrase);
            let mut forms = vec![entry.phrase.clone()];
            if raw.closed && !raw.exact {
                for ending in noun_endings(&entry.phrase) {
                    let mut e = entry.clone();
                    e.phrase = format!("{}{ending}", entry.phrase);
                    forms.push(e.phrase.clone());
                    endings.push(e);
                }
            }
            if !block.null_days.is_empty() {
                for f in forms {
                    phrases
                        .null_coded
                        .entry(f.to_lowercase())
                        .or_default()
                        .extend(block.null_days.iter().copied());
                }
            }
            if raw.spaced {
                let parts: Vec<Vec<String>> = raw
                    .text
                    .split(' ')
                    .map(|part| part.split('_').filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>())
                    .filter(|part| !part.is_empty())
                    .collect();
                phrases.spaced.push(SpacedPhrase {
                    parts,
                    stem: entry.stem,
                    noun_endings: raw.closed && !raw.exact,
                    entry: entry.clone(),
                });
                spaced_entries.push(entry);
            } else {
                rest.push(entry);
            }
        }
    }
    phrases.spaced.retain(|p| p.parts.len() >= 2);
    phrases.nouns = section_words(source, "NOUN");
    phrases.adjectives = section_words(source, "ADJECTIVE");
    let mut out = endings;
    out.extend(spaced_entries);
    out.extend(rest);
    Ok((out, phrases))
}

/// The text as TABARI matches it: `_` and a hyphen inside a word are spaces
/// ("Al-Gore" is `AL_GORE`), keeping every byte offset.
pub fn matching_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
    text.char_indices()
        .map(|(i, c)| match c {
            '_' => ' ',
            '-' if i > 0 && word(i - 1) && word(i + 1) => ' ',
            _ => c,
        })
        .collect()
}

/// The words of a `<NAME>` ... `</NAME>` section, lower case, without `_`.
fn section_words(source: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut inside = false;
    let mut out = Vec::new();
    for line in source.lines() {
        let text = line.split(';').next().unwrap_or("").trim();
        if text.eq_ignore_ascii_case(&open) {
            inside = true;
        } else if text.eq_ignore_ascii_case(&close) {
            inside = false;
        } else if inside && !text.is_empty() {
            out.push(text.trim_end_matches(['_', '=']).replace('_', " ").to_lowercase());
        }
    }
    out
}

/// Regular noun endings of a phrase's last word.
fn noun_endings(phrase: &str) -> Vec<&'static str> {
    let lower = phrase.to_lowercase();
    if ["s", "x", "z", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
        vec!["ES"]
    } else {
        vec!["S"]
    }
}

/// The entries of an actors file as written: a head line, `+` synonyms, code lines.
/// TABARI comments start with `;` anywhere or `#` at the start of a line (`[###]` is a
/// code); null codes are taken out of the lines into the block's null days, and `=`
/// (no endings) is read as `_` by the PETRARCH reader.
fn raw_blocks(source: &str) -> impl Iterator<Item = RawBlock> {
    let mut blocks: Vec<RawBlock> = Vec::new();
    for raw_line in source.lines() {
        let text = raw_line.split(';').next().unwrap_or("");
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        let (head, codes) = split_codes(text.trim());
        let head = head.trim();
        let null_days: Vec<DayRange> = codes.iter().filter_map(|c| null_range(c)).collect();
        let kept: Vec<String> = codes
            .iter()
            .filter(|c| !c.trim().starts_with("###") && !c.trim().starts_with("---"))
            .map(|c| format!("[{c}]"))
            .collect();
        let phrase = head.strip_prefix('+').unwrap_or(head).trim();
        let line = format!("{} {}", head.replacen('=', "_", 1), kept.join(" "));
        let raw = (!phrase.is_empty()).then(|| RawPhrase {
            text: phrase.replace('=', "_"),
            spaced: phrase.trim_end_matches(['_', '=']).contains(' '),
            closed: phrase.ends_with('_'),
            exact: phrase.ends_with('='),
        });
        match (head.starts_with('+') || head.is_empty(), blocks.last_mut()) {
            (true, Some(b)) => {
                b.lines.push(line);
                b.phrases.extend(raw);
                b.null_days.extend(null_days);
            }
            (true, None) => {}
            (false, _) => blocks.push(RawBlock {
                lines: vec![line],
                phrases: raw.into_iter().collect(),
                null_days,
            }),
        }
    }
    blocks.into_iter()
}

/// `--- <950630`, `### >990101`, `--- 950101-951231`, `###`: the days a null code
/// covers.
fn null_range(inner: &str) -> Option<DayRange> {
    let inner = inner.trim();
    let (code, date) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    if !matches!(code.trim(), "---" | "###") {
        return None;
    }
    let date = date.trim();
    if date.is_empty() {
        return Some((None, None));
    }
    if let Some(d) = date.strip_prefix('<') {
        Some((None, petrarch_day(d)?.pred_opt()))
    } else if let Some(d) = date.strip_prefix('>') {
        Some((Some(petrarch_day(d)?), None))
    } else {
        let (a, b) = date.split_once('-')?;
        Some((Some(petrarch_day(a)?), Some(petrarch_day(b)?)))
    }
}

/// A word of the sentence (letters and digits) for matching spaced phrases.
fn words(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[span.start..span.end].char_indices() {
        let at = span.start + i;
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(Span::new(s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, span.end));
    }
    out
}

impl TabariPhrases {
    pub fn spaced_count(&self) -> usize {
        self.spaced.len()
    }

    /// Whether `phrase` names no actor on `day`.
    fn is_null(&self, phrase: &str, day: Option<NaiveDate>) -> bool {
        let Some(ranges) = self.null_coded.get(&phrase.to_lowercase()) else {
            return false;
        };
        let Some(day) = day else { return false };
        ranges
            .iter()
            .any(|(from, to)| from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t))
    }

    /// TABARI's matches in one sentence: spaced phrases with words between their parts
    /// replace the hits they cover, and null-coded phrases are dropped. `text` is the
    /// text as matched (`_` read as a space).
    pub fn refine<'a>(&'a self, text: &str, sentence: Span, day: Option<NaiveDate>, hits: &mut Vec<(Span, &'a Entry)>) {
        if !self.spaced.is_empty() {
            let words = words(text, sentence);
            let lower: Vec<String> = words.iter().map(|w| w.text(text).to_lowercase()).collect();
            let mut found: Vec<(Span, &'a Entry)> = Vec::new();
            for p in &self.spaced {
                for start in 0..words.len() {
                    if let Some(span) = p.match_at(text, &words, &lower, start, hits) {
                        found.push((span, &p.entry));
                        break;
                    }
                }
            }
            for (span, entry) in found {
                let covered = hits.iter().all(|(h, _)| !h.overlaps(span) || span.contains(*h));
                if covered {
                    hits.retain(|(h, _)| !h.overlaps(span));
                    hits.push((span, entry));
                }
            }
            hits.sort_by_key(|(s, _)| s.start);
        }
        if !self.null_coded.is_empty() {
            hits.retain(|(_, e)| !self.is_null(&e.phrase, day));
        }
    }
}

impl SpacedPhrase {
    /// The span of this phrase starting at word `start` with at least one word between
    /// two of its parts (side by side, the automaton has it), or None.
    fn match_at(&self, text: &str, words: &[Span], lower: &[String], start: usize, hits: &[(Span, &Entry)]) -> Option<Span> {
        let mut at = start;
        let mut gapped = false;
        let last_part = self.parts.len() - 1;
        for (pi, part) in self.parts.iter().enumerate() {
            let fits = |i: usize| {
                part.iter().enumerate().all(|(k, w)| {
                    let Some(word) = lower.get(i + k) else { return false };
                    let last = pi == last_part && k == part.len() - 1;
                    word == w
                        || (last && self.stem && word.starts_with(w.as_str()))
                        || (last && self.noun_endings && (word.strip_suffix('s') == Some(w) || word.strip_suffix("es") == Some(w)))
                })
            };
            if pi == 0 {
                if !fits(at) {
                    return None;
                }
            } else {
                let gap_start = words[at - 1].end;
                let next = (at..words.len())
                    .take_while(|&i| clause_gap(text, Span::new(gap_start, words[i].start)))
                    .find(|&i| fits(i))?;
                let gap = Span::new(gap_start, words[next].start);
                if next > at {
                    gapped = true;
                    if hits.iter().any(|(h, _)| h.overlaps(gap)) {
                        return None;
                    }
                }
                at = next;
            }
            at += part.len();
        }
        gapped.then(|| Span::new(words[start].start, words[at - 1].end))
    }
}

/// Text between a phrase's parts that stays in the clause.
fn clause_gap(text: &str, gap: Span) -> bool {
    !gap.text(text).contains([',', ';', ':', '(', ')', '.', '?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::EntryKind;

    const ACTORS: &str = "AL_GORE  [AGR] ;  pas\n#AL_GORZ [XXX] ; a comment\nENT  [### <890101] [ENT]\nAL GORE  [TEN]\nPRINCE DOL_AMROTH  [--- <950630] [DOL]\nGONDOR [GON]\nLIBYA_  [LBY]\nMOUSE= [MUS]\nDURTHANG ORC  [MORORC]\n";

    fn refined<'a>(phrases: &'a TabariPhrases, dict: &'a ActorDictionary, text: &str, day: &str) -> Vec<(String, String)> {
        let mut hits: Vec<(Span, &Entry)> = dict.find_all(text).iter().map(|h| (h.span, dict.entry(h))).collect();
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        phrases.refine(text, Span::new(0, text.len()), day, &mut hits);
        hits.iter()
            .map(|(s, e)| {
                let code = match &e.kind {
                    EntryKind::CountryName { code } => code.clone(),
                    EntryKind::Named { codes, .. } => crate::people::resolve(codes, day).unwrap_or_default(),
                    _ => String::new(),
                };
                (s.text(text).to_string(), code)
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn a_space_lets_words_come_between_and_underscore_does_not() {
        let (dict, phrases) = parse_tabari(ACTORS, "").unwrap();
        let text = "Ithilen warned Al \"The Weasel\" Gore of the Prince of Dol Amroth in Gondor.";
        assert_eq!(
            refined(&phrases, &dict, text, "1999-08-09"),
            vec![
                pair("Al \"The Weasel\" Gore", "TEN"),
                pair("Prince of Dol Amroth", "DOL"),
                pair("Gondor", "GON")
            ]
        );
        // side by side, the `_` phrase
        assert_eq!(
            refined(&phrases, &dict, "They warned Al Gore.", "1999-08-09"),
            vec![pair("Al Gore", "AGR")]
        );
        // `DOL_AMROTH` needs its words side by side
        assert!(refined(&phrases, &dict, "the Prince of Dol and Amroth", "1999-08-09").is_empty());
    }

    #[test]
    fn parts_stay_in_one_clause_and_name_no_other_actor() {
        let (dict, phrases) = parse_tabari(ACTORS, "").unwrap();
        assert_eq!(
            refined(&phrases, &dict, "near Durthang and an Orc leader", "1999-08-09"),
            vec![pair("Durthang and an Orc", "MORORC")]
        );
        assert!(refined(&phrases, &dict, "near Durthang, and an Orc leader", "1999-08-09").is_empty());
        assert_eq!(
            refined(&phrases, &dict, "Durthang and Gondor and Orc", "1999-08-09"),
            vec![pair("Gondor", "GON")]
        );
    }

    #[test]
    fn a_dated_null_code_matches_but_names_no_actor() {
        let (dict, phrases) = parse_tabari(ACTORS, "").unwrap();
        let text = "ties with the Prince of Dol Amroth in Gondor";
        assert_eq!(refined(&phrases, &dict, text, "1995-01-01"), vec![pair("Gondor", "GON")]);
        // `#` inside brackets is a code, not a comment
        assert_eq!(refined(&phrases, &dict, "after Ent crowds", "1995-01-01"), vec![pair("Ent", "ENT")]);
        assert!(refined(&phrases, &dict, "after Ent crowds", "1988-01-01").is_empty());
        assert_eq!(
            refined(&phrases, &dict, text, "1996-01-01"),
            vec![pair("Prince of Dol Amroth", "DOL"), pair("Gondor", "GON")]
        );
    }

    #[test]
    fn noun_endings_after_underscore_but_not_after_equals() {
        let (dict, phrases) = parse_tabari(ACTORS, "").unwrap();
        assert_eq!(
            refined(&phrases, &dict, "Libyas and Mouse and Mouses", "1999-08-09"),
            vec![pair("Libyas", "LBY"), pair("Mouse", "MUS")]
        );
    }

    #[test]
    fn noun_and_adjective_sections() {
        let (_, phrases) = parse_tabari(
            "<NOUN>\nGOATS  \nFORCES_  ;JW\n</NOUN>\n<ADJECTIVE>\nAWFUL\n</ADJECTIVE>\nGONDOR [GON]\n",
            "",
        )
        .unwrap();
        assert_eq!(phrases.nouns, vec!["goats", "forces"]);
        assert_eq!(phrases.adjectives, vec!["awful"]);
    }

    #[test]
    fn hyphens_are_spaces() {
        let (dict, phrases) = parse_tabari("AL_GORE  [AGR]\nBARAD-DUR  [MOR]\n", "").unwrap();
        let text = matching_text("the Al-Gore group and Barad-Dur and anti- Gondor");
        assert_eq!(text.len(), "the Al-Gore group and Barad-Dur and anti- Gondor".len());
        assert_eq!(
            refined(&phrases, &dict, &text, "1999-08-09"),
            vec![pair("Al Gore", "AGR"), pair("Barad Dur", "MOR")]
        );
        assert!(text.contains("anti- Gondor"));
    }

    #[test]
    fn null_ranges() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(null_range("--- <950630"), Some((None, day("1995-06-29"))));
        assert_eq!(null_range("### >990101"), Some((day("1999-01-01"), None)));
        assert_eq!(null_range("DOL"), None);
        assert_eq!(null_range("###"), Some((None, None)));
        assert_eq!(null_range("GON <950630"), None);
    }
}
