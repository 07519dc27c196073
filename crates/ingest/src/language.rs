//! The language of an article (ISO 639-1), detected with `whatlang` from its title
//! and the start of its body. Only a reliable guess is reported: an article whose
//! language is unsure stays unmarked (and is coded).

use whatlang::Lang;

/// How much of the body is looked at (characters); more adds time, not accuracy.
const SAMPLE_CHARS: usize = 2000;

/// The ISO 639-1 code of the text's language, when the detector is confident.
pub fn detect(title: Option<&str>, body: &str) -> Option<String> {
    let mut sample = String::new();
    if let Some(t) = title {
        sample.push_str(t);
        sample.push('\n');
    }
    sample.extend(body.chars().take(SAMPLE_CHARS));
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    iso639_1(info.lang()).map(String::from)
}

/// ISO 639-1 code of a language whatlang knows (`None` for those without one).
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    let code = lang.code();
    ISO_639_3_TO_1.iter().find(|(three, _)| *three == code).map(|(_, two)| *two)
}

/// ISO 639-3 -> 639-1 for the languages whatlang detects.
const ISO_639_3_TO_1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
    ("sqi", "sq"),
    ("isl", "is"),
    ("kaz", "kk"),
    ("mon", "mn"),
    ("gle", "ga"),
    ("bos", "bs"),
    ("glg", "gl"),
    ("eus", "eu"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_german() {
        let en = "The foreign ministers met in Geneva on Tuesday to discuss the ceasefire and agreed to meet again next month.";
        let de =
            "Die Außenminister trafen sich am Dienstag in Genf, um über die Waffenruhe zu sprechen, und vereinbarten ein weiteres Treffen.";
        assert_eq!(detect(None, en).as_deref(), Some("en"));
        assert_eq!(detect(Some("Treffen in Genf"), de).as_deref(), Some("de"));
    }

    #[test]
    fn every_whatlang_language_maps() {
        for lang in Lang::all() {
            assert!(iso639_1(*lang).is_some(), "{lang:?} has no ISO 639-1 code here");
        }
    }
}
