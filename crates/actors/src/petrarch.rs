//! Import of PETRARCH/TABARI-style dictionaries, so users can bring the dictionaries
//! they already have (the Phoenix dictionaries, the PETRARCH validation dictionaries).
//!
//! ```
//! use detente_actors::ActorDictionary;
//! let actors = "GONDOR [GON]\n+MINAS_TIRITH\nGOLLUM\n\t[HOB <950601]\n\t[HOBGOV 950601-990815]\n";
//! let agents = "POLICE {} [~COP]\nHUMAN_RIGHTS_BODY [NGO~]\n";
//! let dict = ActorDictionary::from_petrarch(actors, agents).unwrap();
//! assert!(dict.entries.iter().any(|e| e.phrase == "MINAS TIRITH"));
//! ```
//!
//! Actors files (`*.actors.txt`): an entry is a phrase (words joined by `_` or spaces),
//! optional synonyms on following lines starting with `+`, and one or more codes in
//! brackets, on the phrase's line or on indented lines: `[CODE]`, `[CODE >YYMMDD]`,
//! `[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]` (6- or 8-digit dates). A phrase ending in
//! `_` must match whole words; otherwise its last word may continue (a stem: `ARGENTIN`
//! matches "Argentina"). `[---]` means "no code" and is skipped. A phrase whose only
//! code is an undated three-letter code is a country (so agents attach to it);
//! others are named actors with dated codes ([`crate::people::resolve`]).
//!
//! Agents files (`*.agents.txt`): `PHRASE {PLURALS} [~SEC]` gives a role whose sector
//! follows the country (`police` + Egypt -> `EGYCOP`); `[SEC~]` puts it before
//! (`NGO~` -> `NGOEGY`). `{}` means no plural; without braces the regular plural is
//! added. `!NAME! = A, B` defines a substitution set used as `!NAME!` in phrases.
//! `#` and `;` (TABARI) start a comment, and `<!-- ... -->` blocks are comments. A code with a
//! malformed date restriction is skipped (the rest of the file still loads).

use crate::dictionary::{format_error, ActorDictionary, DictionaryError, Entry, EntryKind, Holder};
use crate::people::DatedCode;
use chrono::NaiveDate;
use detente_doc::{Actor, ActorMention, Document, Span};
use std::collections::HashMap;
use std::path::Path;

impl ActorDictionary {
    /// A dictionary from the text of PETRARCH actors and agents files (concatenate
    /// several files of one kind, or call [`parse_actors`] / [`parse_agents`] per file
    /// and [`ActorDictionary::from_entries`]).
    pub fn from_petrarch(actors: &str, agents: &str) -> Result<Self, DictionaryError> {
        let mut entries = parse_agents(agents, "agents")?;
        entries.extend(parse_actors(actors, "actors")?);
        ActorDictionary::from_entries(entries)
    }

    /// A dictionary from PETRARCH files on disk (actors files, then agents files).
    pub fn from_petrarch_files(actors: &[&Path], agents: &[&Path]) -> Result<Self, DictionaryError> {
        let read = |p: &Path| {
            std::fs::read(p)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format_error(&p.display().to_string(), 0, e.to_string()))
        };
        let mut entries = Vec::new();
        for p in agents {
            entries.extend(parse_agents(&read(p)?, &p.display().to_string())?);
        }
        for p in actors {
            entries.extend(parse_actors(&read(p)?, &p.display().to_string())?);
        }
        ActorDictionary::from_entries(entries)
    }
}

/// Lines without comments: `<!-- -->` blocks blanked, `#` to end of line dropped.
fn strip_comments(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in source.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_block {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_block = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_block = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        // `#` comments (PETRARCH) and `;` comments (TABARI)
        let line = line.split(['#', ';']).next().unwrap_or("").trim_end().to_string();
        if !line.trim().is_empty() {
            out.push((i + 1, line));
        }
    }
    out
}

/// A PETRARCH phrase as our phrase: underscores to spaces; whether the last word stems.
fn phrase_of(raw: &str) -> (String, bool) {
    let raw = raw.trim();
    let stem = !raw.ends_with('_');
    let words: Vec<&str> = raw.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    (words.join(" "), stem)
}

/// Two-digit years: 00-30 are 2000s, the rest 1900s (the PETRARCH dictionaries' range).
pub(crate) fn petrarch_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

/// `CODE`, `CODE >D`, `CODE <D`, `CODE D-D`; None for `---` and other non-codes.
fn parse_code(inner: &str, file: &str, line: usize) -> Result<Option<DatedCode>, DictionaryError> {
    let inner = inner.trim();
    let (code, date) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let code = code.trim().to_uppercase();
    // `FRO/BIL/SAM`: an actor with several codes, kept whole; the events stage codes
    // one event per code
    let several = code
        .split('/')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if code.is_empty() || !(code.chars().all(|c| c.is_ascii_alphanumeric()) || several) {
        return Ok(None);
    }
    let date = date.trim();
    let bad = || format_error(file, line, format!("bad date restriction {date:?}"));
    let (from, to) = if date.is_empty() {
        (None, None)
    } else if let Some(d) = date.strip_prefix('>') {
        (Some(petrarch_day(d).ok_or_else(bad)?), None)
    } else if let Some(d) = date.strip_prefix('<') {
        (None, Some(petrarch_day(d).ok_or_else(bad)?.pred_opt().ok_or_else(bad)?))
    } else if let Some((a, b)) = date.split_once('-') {
        (Some(petrarch_day(a).ok_or_else(bad)?), Some(petrarch_day(b).ok_or_else(bad)?))
    } else {
        return Err(bad());
    };
    Ok(Some(DatedCode { code, from, to }))
}

/// Split `text` into the part before the first `[` and the bracketed codes.
pub(crate) fn split_codes(text: &str) -> (&str, Vec<&str>) {
    let head_end = text.find('[').unwrap_or(text.len());
    let mut codes = Vec::new();
    let mut rest = &text[head_end..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else { break };
        codes.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    (&text[..head_end], codes)
}

struct PendingActor {
    phrases: Vec<(String, bool)>,
    codes: Vec<DatedCode>,
}

impl PendingActor {
    fn flush(self, out: &mut Vec<Entry>) {
        if self.codes.is_empty() {
            return;
        }
        let country = match self.codes.as_slice() {
            [c] if c.from.is_none() && c.to.is_none() && c.code.len() == 3 && c.code.chars().all(|ch| ch.is_ascii_alphabetic()) => {
                Some(c.code.clone())
            }
            _ => None,
        };
        let person = self.codes.iter().any(|c| c.from.is_some() || c.to.is_some());
        for (phrase, stem) in self.phrases {
            let kind = match &country {
                Some(code) => EntryKind::CountryName { code: code.clone() },
                None => EntryKind::Named {
                    codes: self.codes.clone(),
                    person,
                },
            };
            out.push(petrarch_entry(phrase, kind, stem));
        }
    }
}

/// PETRARCH matches without regard to case, but a short all-letter phrase ("US", "UN")
/// must be capitalised in the text so that "us" is not the United States. A short
/// agent that is an ordinary word ("men", "mob": consonant, vowel, consonant) is not an
/// acronym and matches in any case.
///
/// A stem needs a last word of four letters or more: `THE_KU` is not "the Kuwait".
fn petrarch_entry(phrase: String, kind: EntryKind, stem: bool) -> Entry {
    let agent_word = matches!(kind, EntryKind::Role { .. }) && is_short_word(&phrase);
    let short = phrase.chars().count() <= 3 && !agent_word;
    let last_word = phrase.rsplit(' ').next().map_or(0, |w| w.chars().count());
    Entry {
        case_sensitive: false,
        capitalized: short,
        stem: stem && last_word >= 4,
        phrase,
        kind,
    }
}

/// A three-letter word spelt consonant, vowel, consonant ("men", "mob", "doc").
fn is_short_word(phrase: &str) -> bool {
    let letters: Vec<char> = phrase.to_lowercase().chars().collect();
    let vowel = |c: char| "aeiou".contains(c);
    matches!(letters.as_slice(), [a, b, c] if a.is_ascii_alphabetic() && c.is_ascii_alphabetic() && !vowel(*a) && vowel(*b) && !vowel(*c))
}

/// Parse a PETRARCH actors file.
pub fn parse_actors(source: &str, file: &str) -> Result<Vec<Entry>, DictionaryError> {
    let mut out = Vec::new();
    let mut pending: Option<PendingActor> = None;
    for (line, text) in strip_comments(source) {
        let trimmed = text.trim();
        let (head, codes) = split_codes(trimmed);
        let head = head.trim();
        let mut parsed = Vec::new();
        // Real dictionaries have typos in dates ("9008223-911221"): skip such a code
        // rather than the whole file.
        parsed.extend(codes.iter().filter_map(|c| parse_code(c, file, line).ok().flatten()));
        if let Some(syn) = head.strip_prefix('+') {
            if let Some(p) = pending.as_mut() {
                p.phrases.push(phrase_of(syn));
                p.codes.extend(parsed);
            }
        } else if head.is_empty() {
            if let Some(p) = pending.as_mut() {
                p.codes.extend(parsed);
            }
        } else {
            if let Some(p) = pending.take() {
                p.flush(&mut out);
            }
            pending = Some(PendingActor {
                phrases: vec![phrase_of(head)],
                codes: parsed,
            });
        }
    }
    if let Some(p) = pending {
        p.flush(&mut out);
    }
    Ok(out)
}

/// The regular English plural of an upper- or lower-case noun phrase's last word.
fn regular_plural(phrase: &str) -> String {
    let lower = phrase.to_lowercase();
    if lower.ends_with("man") {
        format!("{}EN", &phrase[..phrase.len() - 2])
    } else if lower.ends_with('y') && !lower.ends_with("ay") && !lower.ends_with("ey") && !lower.ends_with("oy") {
        format!("{}IES", &phrase[..phrase.len() - 1])
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|e| lower.ends_with(e)) {
        format!("{phrase}ES")
    } else {
        format!("{phrase}S")
    }
}

/// Parse a PETRARCH agents file.
pub fn parse_agents(source: &str, file: &str) -> Result<Vec<Entry>, DictionaryError> {
    let mut out = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    for (line, text) in strip_comments(source) {
        let trimmed = text.trim();
        if trimmed.starts_with('!') {
            if let Some((name, values)) = trimmed.split_once('=') {
                let values = values.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
                sets.insert(name.trim().to_string(), values.collect());
                continue;
            }
        }
        let (head, codes) = split_codes(trimmed);
        let Some(code) = codes.first().map(|c| c.trim().to_uppercase()) else {
            continue;
        };
        let (sector, prefix) = if let Some(s) = code.strip_prefix('~') {
            (s.trim().to_string(), false)
        } else if let Some(s) = code.strip_suffix('~') {
            (s.trim().to_string(), true)
        } else {
            return Err(format_error(file, line, format!("agent code {code:?} needs a ~")));
        };
        let (phrase_part, plurals) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (&head[..a], Some(&head[a + 1..b])),
            _ => (head, None),
        };
        let mut phrases = vec![phrase_part.trim().to_string()];
        match plurals {
            Some(p) => phrases.extend(p.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(String::from)),
            None => {
                let base = phrase_part.trim().trim_end_matches('_').to_string();
                phrases.push(regular_plural(&base));
            }
        }
        for raw in expand_sets(&phrases, &sets) {
            let (phrase, _) = phrase_of(&raw);
            if phrase.is_empty() {
                continue;
            }
            let holder = if phrase.to_lowercase().ends_with('s') {
                Holder::Group
            } else {
                Holder::Person
            };
            let kind = EntryKind::Role {
                sector: (!sector.is_empty()).then(|| sector.clone()),
                holder,
                prefix,
            };
            out.push(petrarch_entry(phrase, kind, false));
        }
    }
    Ok(out)
}

/// Replace each `!NAME!` by every member of its set.
fn expand_sets(phrases: &[String], sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for p in phrases {
        let found = sets.iter().find(|(name, _)| p.contains(name.as_str()));
        match found {
            Some((name, values)) => {
                let expanded: Vec<String> = values.iter().map(|v| p.replacen(name.as_str(), v, 1)).collect();
                out.extend(expand_sets(&expanded, sets));
            }
            None => out.push(p.clone()),
        }
    }
    out
}

/// PETRARCH's agent distribution over a coordinated list of actors, as a pass over
/// the coded actors of `doc`:
/// - a role before its country ("lawmakers in Fornost and Gondor", "the ambassadors
///   of A, B and C") gives its sector to each bare country listed after it;
/// - a country before its role ("Danish media and government") gives its country
///   part to each bare role listed after it.
///
/// A mention that takes a share moves to an actor with the combined code (created
/// when the article has none yet).
pub fn distribute_agents(doc: &mut Document) {
    let mut order: Vec<(usize, usize)> = Vec::new(); // (actor, mention)
    for (ai, a) in doc.actors.iter().enumerate() {
        order.extend((0..a.mentions.len()).map(|mi| (ai, mi)));
    }
    order.sort_by_key(|&(ai, mi)| doc.actors[ai].mentions[mi].span.start);
    let mut moves: Vec<Share> = Vec::new();
    let mut k = 0;
    while k < order.len() {
        let (head_actor, head_mention) = order[k];
        let head = &doc.actors[head_actor];
        let head_span = head.mentions[head_mention].span;
        let role_first = head.sector.is_some() && head.country.is_some() && {
            let words: Vec<&str> = doc.slice(head_span).split_whitespace().collect();
            words.len() >= 3
                && words[1..words.len() - 1]
                    .iter()
                    .any(|w| matches!(w.to_lowercase().as_str(), "of" | "in"))
        };
        let prefix = match (&head.code, &head.sector) {
            (Some(code), Some(sector)) if head.country.is_some() => {
                code.strip_suffix(sector.as_str()).filter(|p| !p.is_empty()).map(str::to_string)
            }
            _ => None,
        };
        let mut prev_end = head_span.end;
        let mut j = k + 1;
        let mut countries: Vec<String> = head.country.iter().cloned().collect();
        while let Some(&(ai, mi)) = order.get(j) {
            let member = &doc.actors[ai];
            let m = member.mentions[mi];
            if m.sentence != head.mentions[head_mention].sentence || !is_list_glue(doc.slice(Span::new(prev_end, m.span.start))) {
                break;
            }
            let share = if role_first && member.sector.is_none() {
                member
                    .country
                    .as_ref()
                    .zip(head.sector.as_ref())
                    .map(|(c, s)| (format!("{c}{s}"), Some(c.clone()), Some(s.clone())))
            } else if !role_first && member.country.is_none() {
                prefix
                    .as_ref()
                    .zip(member.sector.as_ref())
                    .map(|(p, s)| (format!("{p}{s}"), head.country.clone(), Some(s.clone())))
            } else {
                None
            };
            let Some((code, country, sector)) = share else { break };
            countries.extend(country.clone());
            moves.push(Share {
                mention: (ai, mi),
                code,
                country,
                sector,
            });
            prev_end = m.span.end;
            j += 1;
        }
        if role_first {
            if let Some(share) = agent_before_list(doc, &order, k, &countries) {
                moves.push(share);
            }
        }
        k = j.max(k + 1);
    }
    apply_moves(doc, moves);
    compose_possessives(doc);
}

/// PETRARCH-2's meaning of a possessive noun phrase whose own words name only an
/// agent ("exiled leaders of Egypt's Muslim Brotherhood"): the possessor is a noun
/// phrase inside it, so the phrase's actor is the possessor's and the agent is added
/// to it (`EGYOPP` + `~MUS` = `EGYOPPMUS`; `PETRtree.py`, `NounPhrase.get_meaning`:
/// actor codes from the phrase's own words first, else from the noun phrases inside
/// it; agents appended by `mix_codes`). The two mentions become one, spanning both.
fn compose_possessives(doc: &mut Document) {
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (ai, a) in doc.actors.iter().enumerate() {
        order.extend((0..a.mentions.len()).map(|mi| (ai, mi)));
    }
    order.sort_by_key(|&(ai, mi)| doc.actors[ai].mentions[mi].span.start);
    let mut merges: Vec<(ActorMention, String, Option<String>, Option<String>)> = Vec::new();
    let mut removed: Vec<(usize, usize)> = Vec::new();
    for pair in order.windows(2) {
        let ((pa, pm), (qa, qm)) = (pair[0], pair[1]);
        let (owner, owned) = (&doc.actors[pa], &doc.actors[qa]);
        let (p, q) = (owner.mentions[pm], owned.mentions[qm]);
        let agent_only = owned.country.is_none() && owned.sector.is_some() && owned.code == owned.sector;
        let (Some(code), Some(sector)) = (owner.code.as_ref().filter(|_| owner.country.is_some()), owned.sector.as_ref()) else {
            continue;
        };
        if !agent_only || p.sentence != q.sentence || p.span.end > q.span.start || removed.contains(&(pa, pm)) {
            continue;
        }
        // the possessive marker stands between them or opens the owned mention
        let joined = doc.text[p.span.end..q.span.end].trim_start();
        let possessive = ["'s ", "\u{2019}s "].iter().any(|m| joined.starts_with(m))
            && doc.text[p.span.end..q.span.start]
                .trim()
                .trim_start_matches(['\'', '\u{2019}'])
                .trim_start_matches('s')
                .is_empty();
        if !possessive {
            continue;
        }
        let combined = if code.ends_with(sector.as_str()) {
            code.clone()
        } else {
            format!("{code}{sector}")
        };
        let mention = ActorMention {
            span: Span::new(p.span.start, q.span.end),
            ..q
        };
        merges.push((mention, combined, owner.country.clone(), Some(sector.clone())));
        removed.extend([(pa, pm), (qa, qm)]);
    }
    if merges.is_empty() {
        return;
    }
    removed.sort_unstable_by(|a, b| b.cmp(a));
    removed.dedup();
    for (ai, mi) in removed {
        doc.actors[ai].mentions.remove(mi);
    }
    for (mention, code, country, sector) in merges {
        match doc.actors.iter_mut().find(|a| a.code.as_deref() == Some(code.as_str())) {
            Some(actor) => actor.mentions.push(mention),
            None => doc.actors.push(Actor {
                name: doc.text[mention.span.start..mention.span.end].to_string(),
                kind: detente_doc::ActorKind::Organization,
                code: Some(code),
                country,
                sector,
                title: None,
                mentions: vec![mention],
            }),
        }
    }
    for a in &mut doc.actors {
        a.mentions.sort_by_key(|m| m.span.start);
    }
    doc.actors.retain(|a| !a.mentions.is_empty());
}

/// "Lawmakers and officials in X and Y": an agent with no country right before a
/// role-first list takes each of the list's countries (`XLEG/YLEG`, one event each).
fn agent_before_list(doc: &Document, order: &[(usize, usize)], head: usize, countries: &[String]) -> Option<Share> {
    let &(ai, mi) = order.get(head.checked_sub(1)?)?;
    let (hi, hm) = order[head];
    let agent = &doc.actors[ai];
    let m = agent.mentions[mi];
    let head_mention = doc.actors[hi].mentions[hm];
    // a named person ("President Ilham Aliyev and ...") is not a shared agent
    let plain = agent.country.is_none() && agent.kind != detente_doc::ActorKind::Person;
    let sector = agent
        .sector
        .clone()
        .filter(|s| plain && agent.code.as_deref() == Some(s.as_str()))?;
    let glue = doc.slice(Span::new(m.span.end, head_mention.span.start)).trim();
    if m.sentence != head_mention.sentence || !matches!(glue, "and" | "or") || countries.is_empty() {
        return None;
    }
    let codes: Vec<String> = countries.iter().map(|c| format!("{c}{sector}")).collect();
    Some(Share {
        mention: (ai, mi),
        code: codes.join("/"),
        country: None,
        sector: Some(sector),
    })
}

/// Words that join the members of a list: commas, "and", "or", articles.
fn is_list_glue(between: &str) -> bool {
    between
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w.to_lowercase().as_str(), "and" | "or" | "the"))
        && !between.trim().is_empty()
}

/// A mention (actor, mention index) that takes a shared agent: its new code.
struct Share {
    mention: (usize, usize),
    code: String,
    country: Option<String>,
    sector: Option<String>,
}

fn apply_moves(doc: &mut Document, moves: Vec<Share>) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for Share {
        mention: (ai, mi),
        code,
        country,
        sector,
    } in moves
    {
        let mention = doc.actors[ai].mentions[mi];
        let target = match doc.actors.iter().position(|a| a.code.as_deref() == Some(code.as_str())) {
            Some(t) => t,
            None => {
                let from = &doc.actors[ai];
                doc.actors.push(Actor {
                    name: doc.text[mention.span.start..mention.span.end].to_string(),
                    kind: from.kind,
                    code: Some(code),
                    country,
                    sector,
                    title: from.title.clone(),
                    mentions: Vec::new(),
                });
                doc.actors.len() - 1
            }
        };
        doc.actors[target].mentions.push(mention);
        taken.push((ai, mi));
    }
    // remove moved mentions, highest index first; actors left without mentions go
    taken.sort_unstable_by(|a, b| b.cmp(a));
    for (ai, mi) in taken {
        doc.actors[ai].mentions.remove(mi);
    }
    for a in &mut doc.actors {
        a.mentions.sort_by_key(|m| m.span.start);
    }
    doc.actors.retain(|a| !a.mentions.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::resolve;
    use proptest::prelude::*;

    const ACTORS: &str = "<!-- header\n multi-line -->\nHAMAS [PSEREBHMS]\nDENMARK  [DNK]\n+DANISH \n\nGOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n#\t[950601-990815]  old\n\t[HOBREB > 990816]\nBOROMIR  [---]\nARGENTIN  [ARG]\nTHE_KU [USAEDU]\nGAZA_CITY [PSEGZA]\n";

    #[test]
    fn actors_entries_synonyms_and_dates() {
        let e = parse_actors(ACTORS, "a").unwrap();
        let find = |p: &str| e.iter().find(|x| x.phrase == p).unwrap_or_else(|| panic!("{p}: {e:?}"));
        assert_eq!(find("DANISH").kind, EntryKind::CountryName { code: "DNK".into() });
        assert!(find("ARGENTIN").stem);
        assert!(!find("THE KU").stem);
        assert!(!e.iter().any(|x| x.phrase == "BOROMIR"));
        let EntryKind::Named { codes, person } = &find("SMEAGOL").kind else {
            panic!()
        };
        assert!(person);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(resolve(codes, day("1990-01-01")).as_deref(), Some("HOB"));
        assert_eq!(resolve(codes, day("1997-01-01")).as_deref(), Some("HOBGOV"));
        assert_eq!(resolve(codes, day("2005-01-01")).as_deref(), Some("HOBREB"));
        assert!(matches!(&find("GAZA CITY").kind, EntryKind::Named { codes, .. } if codes[0].code == "PSEGZA"));
    }

    #[test]
    fn agents_substitutions_plurals_and_prefixes() {
        let src = "!MINST! = MINISTER, MINISTRY\nPOLICE {} [ ~COP] # x\nGUERRILLA  [~REB]\n!MINST!_OF_SILLY_WALKS [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n";
        let e = parse_agents(src, "g").unwrap();
        let phrases: Vec<&str> = e.iter().map(|x| x.phrase.as_str()).collect();
        for p in [
            "POLICE",
            "GUERRILLA",
            "GUERRILLAS",
            "MINISTER OF SILLY WALKS",
            "MINISTRY OF SILLY WALKS",
            "GOLDEN GEESE",
        ] {
            assert!(phrases.contains(&p), "{p}: {phrases:?}");
        }
        assert!(!phrases.contains(&"POLICES"));
        let body = e.iter().find(|x| x.phrase == "HUMAN RIGHTS BODY").unwrap();
        assert!(matches!(&body.kind, EntryKind::Role { sector: Some(s), prefix: true, .. } if s == "NGO"));
    }

    #[test]
    fn several_codes_are_kept_together() {
        let e = parse_actors("THE_SHIRE  [FRO/BIL/SAM]\nBAD [FRO//]\n", "t").unwrap();
        assert_eq!(e.len(), 1);
        let EntryKind::Named { codes, .. } = &e[0].kind else { panic!() };
        assert_eq!(resolve(codes, None).as_deref(), Some("FRO/BIL/SAM"));
    }

    #[test]
    fn tabari_comments_and_default_code_blocks() {
        let e = parse_actors("<NOUN>\nFORCES_  ;JW\n</NOUN>\nAXNOR  [AR1 <911226] [AR2] ;pas\n", "t").unwrap();
        assert_eq!(e.len(), 1);
        let EntryKind::Named { codes, .. } = &e[0].kind else { panic!() };
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(resolve(codes, day("1990-01-01")).as_deref(), Some("AR1"));
        assert_eq!(resolve(codes, day("1995-01-01")).as_deref(), Some("AR2"));
    }

    #[test]
    fn agent_without_tilde_is_an_error() {
        assert!(parse_agents("POLICE [COP]\n", "g").is_err());
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in "[A-Z_+\\[\\]<>#{}~!=, 0-9\\-\n\t]{0,200}") {
            let _ = parse_actors(&s, "p");
            let _ = parse_agents(&s, "p");
        }
    }
}

#[cfg(test)]
mod possessive_tests {
    use super::*;
    use crate::ActorStage;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn codes(stage: &ActorStage, text: &str) -> Vec<(String, String)> {
        let mut doc = TextStage::default().build(ArticleMeta::default(), text);
        stage.annotate(&mut doc);
        let mut out: Vec<(String, String)> = doc
            .actors
            .iter()
            .flat_map(|a| {
                a.mentions
                    .iter()
                    .map(|m| (doc.slice(m.span).to_string(), a.code.clone().unwrap_or_default()))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_possessive_agent_takes_the_possessor_as_its_actor() {
        let actors = "EGYPT [EGY]\nGONDOR [GON]\n";
        let agents = "EXILED_LEADER [~OPP]\nBROTHERHOOD {} [~MUS]\n";
        let stage = ActorStage::petrarch(ActorDictionary::from_petrarch(actors, agents).unwrap());
        let code = |text: &str| codes(&stage, text);
        let pair = |m: &str, c: &str| (m.to_string(), c.to_string());
        // the possessor "exiled leaders of Egypt" (EGYOPP) is inside the phrase
        assert_eq!(
            code("Gondor will expel exiled leaders of Egypt's Brotherhood."),
            vec![pair("Gondor", "GON"), pair("exiled leaders of Egypt's Brotherhood", "EGYOPPMUS")]
        );
        // no possessive: two phrases
        assert_eq!(
            code("Gondor will expel exiled leaders of Egypt and the Brotherhood."),
            vec![
                pair("Gondor", "GON"),
                pair("exiled leaders of Egypt", "EGYOPP"),
                pair("the Brotherhood", "MUS")
            ]
        );
        // our own stage keeps them apart
        let mut own = stage.clone();
        own.distribute_agents = false;
        assert!(codes(&own, "Gondor will expel exiled leaders of Egypt's Brotherhood.")
            .iter()
            .all(|(_, c)| c != "EGYOPPMUS"));
    }
}
