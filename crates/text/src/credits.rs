//! Credit lines and bylines that are metadata, not sentences: `(Photo/AP)`,
//! `Source: Reuters`, `(Reporting by ...; Editing by ...)`.

/// What a paragraph is, if it is a credit line, and the outlet it names if any.
pub fn credit_line(paragraph: &str) -> Option<Option<String>> {
    let p = paragraph.trim();
    if p.len() > 160 {
        return None;
    }
    let inner = p
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .or_else(|| p.strip_prefix('[').and_then(|s| s.strip_suffix(']')));
    if let Some(inner) = inner {
        let lower = inner.to_lowercase();
        for prefix in ["photo", "photos", "image", "video", "file photo", "picture"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                if rest.starts_with(['/', ':', ' ']) || rest.is_empty() {
                    let outlet = inner[prefix.len()..].trim_start_matches(['/', ':', ' ']).trim();
                    let outlet = outlet.rsplit(['/', ';']).next().unwrap_or("").trim();
                    return Some((!outlet.is_empty() && outlet.len() < 40).then(|| outlet.to_string()));
                }
            }
        }
        for prefix in ["reporting by", "additional reporting", "writing by", "editing by", "compiled by"] {
            if lower.starts_with(prefix) {
                return Some(None);
            }
        }
    }
    let lower = p.to_lowercase();
    for prefix in ["source:", "sources:", "via:"] {
        if lower.starts_with(prefix) {
            let outlet = p[prefix.len()..].trim().trim_end_matches('.');
            if !outlet.is_empty() && outlet.split_whitespace().count() <= 5 {
                return Some(Some(outlet.to_string()));
            }
        }
    }
    None
}

/// The agency named in a wire dateline such as `WASHINGTON (Reuters) - ...`.
pub fn dateline_agency(paragraph: &str) -> Option<String> {
    let open = paragraph.find('(')?;
    if open > 60 {
        return None;
    }
    let head = &paragraph[..open];
    if head.chars().any(|c| c.is_lowercase() && c.is_alphabetic()) && !head.contains(',') {
        return None;
    }
    let close = paragraph[open..].find(')')? + open;
    let agency = &paragraph[open + 1..close];
    let after = paragraph[close + 1..].trim_start();
    let known = [
        "Reuters",
        "AP",
        "AFP",
        "Xinhua",
        "dpa",
        "UPI",
        "Bloomberg",
        "TASS",
        "Yonhap",
        "Kyodo",
        "ANI",
        "PTI",
        "IANS",
    ];
    (known.contains(&agency) && (after.starts_with('-') || after.starts_with('\u{2014}'))).then(|| agency.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        assert_eq!(credit_line("(Photo/AP)"), Some(Some("AP".into())));
        assert_eq!(credit_line("Source: Reuters"), Some(Some("Reuters".into())));
        assert_eq!(credit_line("(Reporting by Jane Doe; Editing by Tom Roe)"), Some(None));
        assert_eq!(credit_line("The source said talks went well."), None);
        assert_eq!(credit_line("(The talks were held in Paris.)"), None);
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline_agency("WASHINGTON (Reuters) - The U.S. said"), Some("Reuters".into()));
        assert_eq!(dateline_agency("BERLIN, March 5 (AP) \u{2014} Germany"), Some("AP".into()));
        assert_eq!(dateline_agency("The ministry (in Paris) - said"), None);
    }
}
