//! Numbers spelled out above a hundred ("two hundred", "one hundred and fifty",
//! "three thousand"), built from the number words of the lexicon.

use crate::lexicon::Quantity;
use std::collections::HashMap;

/// Regex for a spelled number with "hundred" or "thousand" in it; `small` is
/// the alternation of the number words below a hundred ("twenty[- ]five" too).
pub fn large_number_pattern(small: &str) -> String {
    let gap = r"(?:-|\s+)";
    format!(r"(?:(?:{small}){gap})?(?:hundred|thousand)(?:{gap}(?:and{gap})?(?:{small})(?:{gap}hundred)?)*")
}

/// The value of a spelled number ("one hundred and fifty" -> 150); `None` when
/// a word is not a number word.
pub fn spelled_number(words: &HashMap<String, Quantity>, text: &str) -> Option<f64> {
    let (mut total, mut current) = (0.0, 0.0);
    for word in text.split([' ', '-', '\n', '\t']).filter(|w| !w.is_empty() && *w != "and") {
        match word {
            "hundred" => current = if current == 0.0 { 100.0 } else { current * 100.0 },
            "thousand" => {
                total += if current == 0.0 { 1000.0 } else { current * 1000.0 };
                current = 0.0;
            }
            _ => match words.get(word)? {
                Quantity::Exact(n) if *n < 100.0 => current += n,
                _ => return None,
            },
        }
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use proptest::prelude::*;

    #[test]
    fn reads_hundreds_and_thousands() {
        let lex = Lexicon::default();
        assert_eq!(spelled_number(&lex.numbers, "two hundred"), Some(200.0));
        assert_eq!(spelled_number(&lex.numbers, "one hundred and fifty"), Some(150.0));
        assert_eq!(spelled_number(&lex.numbers, "three thousand five hundred"), Some(3500.0));
        assert_eq!(spelled_number(&lex.numbers, "hundred"), Some(100.0));
        assert_eq!(spelled_number(&lex.numbers, "two hundred banana"), None);
    }

    proptest! {
        #[test]
        fn hundreds_read_back(h in 1u32..10, rest in 0u32..10) {
            let lex = Lexicon::default();
            let ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
            let text = if rest == 0 {
                format!("{} hundred", ones[h as usize])
            } else {
                format!("{} hundred and {}", ones[h as usize], ones[rest as usize])
            };
            prop_assert_eq!(spelled_number(&lex.numbers, &text), Some(f64::from(h * 100 + rest)));
        }
    }
}
