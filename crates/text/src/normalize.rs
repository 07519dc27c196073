//! Character normalisation and paragraph detection.

/// Map one character to its normal form: typographic quotes to ASCII quotes, dashes
/// to `-` (ranges, hyphens) or `—` (breaks), unusual spaces to a space, invisible
/// characters to nothing. Returning a `&str` lets one character become zero or several.
fn map_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' | '\u{FF02}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}' | '\u{203A}' | '\u{FF07}' | '`' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{2014}' | '\u{2015}' => "\u{2014}",
        '\u{2026}' => "...",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' | '\u{000B}' | '\u{000C}' => " ",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        c if c.is_control() && c != '\n' => "",
        _ => return None,
    })
}

/// True for an ASCII byte that [`map_char`] leaves alone (and that is not `\r`).
fn maps_to_itself(b: u8) -> bool {
    b.is_ascii() && b != b'`' && (b == b'\n' || !b.is_ascii_control())
}

/// Normalise characters and line ends; keeps newlines so paragraphs can be found.
pub fn normalize_chars(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        // Copy the run of characters that map to themselves in one go.
        let run = rest.bytes().position(|b| !maps_to_itself(b)).unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        let mut chars = rest[run..].chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        if c == '\r' {
            if !rest.starts_with('\n') {
                out.push('\n');
            }
            continue;
        }
        match map_char(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    expand_typewriter_dashes(out)
}

/// Typewriter em dashes: " -- " stands for a break.
fn expand_typewriter_dashes(out: String) -> String {
    if out.contains("--") {
        out.replace(" -- ", " \u{2014} ").replace("--", "\u{2014}")
    } else {
        out
    }
}

/// Split normalised text into paragraphs (each with whitespace collapsed).
///
/// Three layouts are recognised: blank lines between paragraphs (single newlines
/// inside are line wrapping), indented first lines (wire copy), and one paragraph
/// per line when neither is present.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let has_blank = lines.iter().any(|l| l.trim().is_empty()) && lines.iter().filter(|l| !l.trim().is_empty()).count() > 1;
    let indented = lines.iter().skip(1).filter(|l| l.starts_with(' ') && !l.trim().is_empty()).count();
    let wrapped_layout = !has_blank && indented >= 2 && indented * 4 <= lines.len() * 3;
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let collapsed = collapse_spaces(current);
        if !collapsed.is_empty() {
            paragraphs.push(collapsed);
        }
        current.clear();
    };
    for line in lines {
        let starts_new = if has_blank {
            line.trim().is_empty()
        } else if wrapped_layout {
            line.starts_with(' ') || line.trim().is_empty()
        } else {
            true
        };
        if starts_new {
            flush(&mut current, &mut paragraphs);
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Collapse runs of whitespace into one space and trim the ends.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const QUOTE_LEFT: char = '\u{201C}';

    #[test]
    fn quotes_and_dashes() {
        assert_eq!(
            normalize_chars("“Yes,” she said — ‘fine’ – 2019–2020"),
            "\"Yes,\" she said \u{2014} 'fine' - 2019-2020"
        );
        assert_eq!(normalize_chars("a -- b"), "a \u{2014} b");
        assert_eq!(normalize_chars("x\u{00A0}y\u{200B}z\r\nw"), "x yz\nw");
    }

    #[test]
    fn paragraphs_by_blank_lines() {
        let p = split_paragraphs("First line\nwrapped here.\n\nSecond  para.\n");
        assert_eq!(p, vec!["First line wrapped here.", "Second para."]);
    }

    #[test]
    fn paragraphs_by_indent() {
        let p = split_paragraphs("    The first\nwraps.\n    The second\nwraps too.\n    Third.");
        assert_eq!(p, vec!["The first wraps.", "The second wraps too.", "Third."]);
    }

    #[test]
    fn paragraphs_one_per_line() {
        assert_eq!(split_paragraphs("One.\nTwo.\nThree."), vec!["One.", "Two.", "Three."]);
    }

    /// The character-by-character definition the run-copying loop must agree with.
    fn normalize_one_by_one(raw: &str) -> String {
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
                continue;
            }
            match map_char(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            }
        }
        expand_typewriter_dashes(out)
    }

    proptest! {
        #[test]
        fn paragraphs_are_collapsed_joins_of_lines(s in "([ab ]|\n|\n  |\u{2003}){0,60}") {
            // each paragraph is its lines joined by a space, whitespace collapsed
            let words: Vec<String> = split_paragraphs(&s).iter().flat_map(|p| p.split(' ').map(str::to_string).collect::<Vec<_>>()).collect();
            let all: Vec<String> = s.split_whitespace().map(str::to_string).collect();
            prop_assert_eq!(words, all);
        }

        #[test]
        fn runs_are_copied_as_mapped(s in r"([a-z \t\r\n`\x7f\x01-]|\PC){0,40}") {
            prop_assert_eq!(normalize_chars(&s), normalize_one_by_one(&s));
        }

        #[test]
        fn normalized_has_no_carriage_returns(s in "\\PC*") {
            let n = normalize_chars(&s);
            prop_assert!(!n.contains('\r'));
            prop_assert!(!n.contains(QUOTE_LEFT));
        }

        #[test]
        fn paragraphs_are_trimmed_and_nonempty(s in "[a-z .\n]{0,80}") {
            for p in split_paragraphs(&s) {
                prop_assert!(!p.is_empty());
                prop_assert_eq!(p.trim(), p.as_str());
                prop_assert!(!p.contains('\n'));
            }
        }
    }
}
