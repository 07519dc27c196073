//! Verb patterns (`dictionaries/verbs.txt`): surface phrases that trigger CAMEO codes.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub const DEFAULT_VERBS: &str = include_str!("../../../dictionaries/verbs.txt");

#[derive(Clone, Debug)]
pub struct VerbPattern {
    pub phrase: String,
    pub code: String,
}

#[derive(Clone, Debug)]
pub struct VerbDictionary {
    pub patterns: Vec<VerbPattern>,
    automaton: AhoCorasick,
}

/// The inflected forms of a verb written `lemma` or `lemma/past/participle`.
pub fn inflect(verb: &str) -> Vec<String> {
    let parts: Vec<&str> = verb.split('/').collect();
    let lemma = parts[0];
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('x') {
        format!("{lemma}es")
    } else if lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey") {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let stem = lemma.strip_suffix('e').filter(|_| !lemma.ends_with("ee")).unwrap_or(lemma);
    let ing = format!("{stem}ing");
    let mut forms = vec![lemma.to_string(), third, ing];
    if parts.len() >= 3 {
        forms.push(parts[1].to_string());
        forms.push(parts[2].to_string());
    } else {
        let past = if lemma.ends_with('e') {
            format!("{lemma}d")
        } else if lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey") {
            format!("{}ied", &lemma[..lemma.len() - 1])
        } else {
            format!("{lemma}ed")
        };
        forms.push(past);
    }
    forms.sort();
    forms.dedup();
    forms
}

impl VerbDictionary {
    pub fn parse(source: &str) -> Result<Self, String> {
        let mut patterns = Vec::new();
        for (i, line) in source.lines().enumerate() {
            let line = line.trim_end();
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((code, phrases)) = line.split_once('\t') else {
                return Err(format!("verbs.txt:{}: expected `code<TAB>phrase; phrase`", i + 1));
            };
            for phrase in phrases.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let (verb, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
                for form in inflect(verb) {
                    let p = if rest.is_empty() { form } else { format!("{form} {rest}") };
                    patterns.push(VerbPattern {
                        phrase: p,
                        code: code.trim().to_string(),
                    });
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| p.phrase.as_str()))
            .map_err(|e| e.to_string())?;
        Ok(VerbDictionary { patterns, automaton })
    }

    pub fn default_dictionary() -> Result<Self, String> {
        Self::parse(DEFAULT_VERBS)
    }

    /// Whole-word matches in `text`: (start, end, pattern index).
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let b = text.as_bytes();
        let is_word = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
        self.automaton
            .find_iter(text)
            .filter(|m| (m.start() == 0 || !is_word(b[m.start() - 1])) && (m.end() == b.len() || !is_word(b[m.end()])))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(inflect("visit"), vec!["visit", "visited", "visiting", "visits"]);
        assert_eq!(inflect("meet/met/met"), vec!["meet", "meeting", "meets", "met"]);
        assert!(inflect("host").contains(&"hosted".to_string()));
        assert!(inflect("criticize").contains(&"criticized".to_string()));
    }

    #[test]
    fn bundled_verbs_parse() {
        let d = VerbDictionary::parse(DEFAULT_VERBS).unwrap();
        assert!(d.patterns.len() > 100);
        let hits = d.find_all("They held talks with him and visited Paris.");
        let phrases: Vec<&str> = hits.iter().map(|h| d.patterns[h.2].phrase.as_str()).collect();
        assert_eq!(phrases, vec!["held talks with", "visited"]);
    }
}
