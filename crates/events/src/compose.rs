//! PETRARCH-2's code composition (peer semantics with a PETRARCH-2 dictionary only).
//!
//! PETRARCH-2 does not code a verb and the verb in its complement as two events: it
//! maps both CAMEO codes onto an internal ontology of 16-bit numbers (the top digit a
//! "say / appeal / intend / demand ..." class, the lower digits the act itself), adds
//! them, and maps the sum back to CAMEO. So "wants (030) to help (070)" is one event,
//! 033 "express intent to provide aid"; "asking (020) Obama to help (070)" is 023 with
//! Obama as the target; "agreed (050) to lift the sanctions (085)" keeps the more
//! specific lower act, 085. A negated verb ("would not give permission", 080) has the
//! "reject" class subtracted, giving 124; a sum with no CAMEO code ("might want Obama
//! to head back") codes nothing. The dictionary's `~` transformation lines
//! (`~ a (b . ATTACK) WANT = a b 021`) override the sum for the cases they name.
//!
//! The numbers below are the published values of PETRARCH-2's ontology (facts about
//! the peer, written out in our own form); the arithmetic follows its documented rule.

use std::collections::HashMap;

/// The "reject" class: a negated act is its code minus this.
const NEGATION: i32 = 0xFFFF;

/// CAMEO code -> PETRARCH-2 ontology value. `N` marks the negative (reject) codes.
const ONTOLOGY: &[(&str, i32)] = &[
    ("010", 0x1000),
    ("011", 0x1000 - NEGATION),
    ("012", 0x100C),
    ("013", 0x1001),
    ("014", 0x1002),
    ("015", 0x10A0),
    ("016", 0x10A0 - NEGATION),
    ("017", 0x1003),
    ("018", 0x1004),
    ("019", 0x1005),
    ("020", 0x2000),
    ("021", 0x2070),
    ("0211", 0x2075),
    ("0212", 0x2076),
    ("0213", 0x2078),
    ("0214", 0x207A),
    ("022", 0x2080),
    ("023", 0x2040),
    ("0231", 0x2045),
    ("0232", 0x2046),
    ("0233", 0x2047),
    ("0234", 0x2049),
    ("024", 0x2060),
    ("0241", 0x2061),
    ("0242", 0x2062),
    ("0243", 0x2063),
    ("0244", 0x2064),
    ("025", 0x2200),
    ("0251", 0x220B),
    ("0252", 0x220C),
    ("0253", 0x220D),
    ("0254", 0x2205),
    ("0255", 0x220E),
    ("0256", 0x220F),
    ("026", 0x2010),
    ("027", 0x2020),
    ("028", 0x2030),
    ("030", 0x3000),
    ("031", 0x3070),
    ("0311", 0x3075),
    ("0312", 0x3076),
    ("0313", 0x3078),
    ("0314", 0x307A),
    ("032", 0x3080),
    ("033", 0x3040),
    ("0331", 0x3045),
    ("0332", 0x3046),
    ("0333", 0x3047),
    ("0334", 0x3049),
    ("034", 0x3060),
    ("0341", 0x3061),
    ("0342", 0x3062),
    ("0343", 0x3063),
    ("0344", 0x3064),
    ("035", 0x3200),
    ("0351", 0x320B),
    ("0352", 0x320C),
    ("0353", 0x320D),
    ("0354", 0x3205),
    ("0355", 0x320E),
    ("0356", 0x320F),
    ("036", 0x3010),
    ("037", 0x3020),
    ("038", 0x3230),
    ("039", 0x3030),
    ("040", 0xB000),
    ("041", 0xB001),
    ("042", 0xB002),
    ("043", 0xB003),
    ("044", 0xB010),
    ("045", 0xB030),
    ("046", 0xB010),
    ("050", 0x0080),
    ("051", 0x0081),
    ("052", 0x0082),
    ("053", 0x0083),
    ("054", 0x0084),
    ("055", 0x0085),
    ("056", 0x0086),
    ("057", 0x0087),
    ("060", 0x0070),
    ("061", 0x0075),
    ("062", 0x0076),
    ("063", 0x0078),
    ("064", 0x007A),
    ("070", 0x0040),
    ("071", 0x0045),
    ("072", 0x0046),
    ("073", 0x0047),
    ("074", 0x0049),
    ("075", 0x004E),
    ("080", 0x0200),
    ("081", 0x020B),
    ("0811", 0x0203),
    ("0812", 0x0201),
    ("0813", 0x0204),
    ("0814", 0x0206),
    ("082", 0x020C),
    ("083", 0x0260),
    ("0831", 0x0261),
    ("0832", 0x0262),
    ("0833", 0x0263),
    ("0834", 0x0264),
    ("084", 0x0250),
    ("0841", 0x020C),
    ("0842", 0x020C),
    ("085", 0x0205),
    ("086", 0x020E),
    ("0861", 0x0209),
    ("0862", 0x020A),
    ("0863", 0x0207),
    ("087", 0x02C0),
    ("0871", 0x02C9),
    ("0872", 0x02C1),
    ("0873", 0x02C6),
    ("0874", 0x02C2),
    ("090", 0xA000),
    ("091", 0xA001),
    ("092", 0xA002),
    ("093", 0xA003),
    ("094", 0xA004),
    ("100", 0x4000),
    ("101", 0x4070),
    ("1011", 0x4075),
    ("1012", 0x4076),
    ("1013", 0x4078),
    ("1014", 0x407A),
    ("102", 0x4080),
    ("103", 0x4040),
    ("1031", 0x4045),
    ("1032", 0x4046),
    ("1033", 0x4047),
    ("1034", 0x4049),
    ("104", 0x4060),
    ("1041", 0x4061),
    ("1042", 0x4062),
    ("1043", 0x4063),
    ("1044", 0x4064),
    ("105", 0x4200),
    ("1051", 0x420B),
    ("1052", 0x420C),
    ("1053", 0x420D),
    ("1054", 0x4205),
    ("1055", 0x420E),
    ("1056", 0x420F),
    ("106", 0x4010),
    ("107", 0x4020),
    ("108", 0x4030),
    ("110", 0x7000),
    ("111", 0x7001),
    ("112", 0x70A0),
    ("1121", 0x70A1),
    ("1122", 0x70A2),
    ("1123", 0x70A3),
    ("1124", 0x70A4),
    ("1125", 0x70A5),
    ("113", 0x7002),
    ("114", 0x7003),
    ("115", 0x7008),
    ("116", 0x7005),
    ("120", -NEGATION),
    ("121", 0x0070 - NEGATION),
    ("1211", 0x0075 - NEGATION),
    ("1212", 0x0076 - NEGATION),
    // the reject-a-request codes carry a 0x300 mask so that "refuse to request aid"
    // does not land on them
    ("122", 0x2340 - NEGATION),
    ("1221", 0x2345 - NEGATION),
    ("1222", 0x2346 - NEGATION),
    ("1223", 0x2347 - NEGATION),
    ("1224", 0x2349 - NEGATION),
    ("123", 0x2360 - NEGATION),
    ("1231", 0x2361 - NEGATION),
    ("1232", 0x2362 - NEGATION),
    ("1233", 0x2363 - NEGATION),
    ("1234", 0x2364 - NEGATION),
    ("124", 0x0200 - NEGATION),
    ("1241", 0x020B - NEGATION),
    ("1242", 0x020C - NEGATION),
    ("1243", 0x020D - NEGATION),
    ("1244", 0x0205 - NEGATION),
    ("1245", 0x020E - NEGATION),
    ("1246", 0x02C0 - NEGATION),
    ("125", 0x0010 - NEGATION),
    ("126", 0x0030 - NEGATION),
    ("127", 0x0020 - NEGATION),
    ("128", 0x0002 - NEGATION),
    ("129", 0x0001 - NEGATION),
    ("130", 0x6000),
    ("131", 0x6100),
    ("1311", 0x6140),
    ("1312", 0x6105),
    ("1313", 0x6180),
    ("132", 0x600B),
    ("1321", 0x6003),
    ("1322", 0x6001),
    ("1323", 0x6004),
    ("1324", 0x6006),
    ("133", 0x600C),
    ("134", 0x6010),
    ("135", 0x6030),
    ("136", 0x600E),
    ("137", 0x6004),
    ("138", 0x60A0),
    ("1381", 0x60A1),
    ("1382", 0x60A2),
    ("1383", 0x60A3),
    ("1384", 0x60A4),
    ("1385", 0x60B0),
    ("139", 0x6005),
    ("140", 0x5000),
    ("145", 0x50A0),
    ("150", 0x8000),
    ("151", 0x8001),
    ("152", 0x8002),
    ("153", 0x8003),
    ("154", 0x8004),
    ("160", 0x0100),
    ("161", 0x0180),
    ("162", 0x0140),
    ("1621", 0x0145),
    ("1622", 0x0146),
    ("1623", 0x0147),
    ("163", 0x000B),
    ("164", 0x0110),
    ("165", 0x0130),
    ("166", 0x0150),
    ("1661", 0x0159),
    ("1662", 0x015A),
    ("1663", 0x015E),
    ("170", 0x9000),
    ("171", 0x9010),
    ("1711", 0x9011),
    ("1712", 0x9012),
    ("172", 0x900B),
    ("1721", 0x9003),
    ("1722", 0x9001),
    ("1723", 0x9004),
    ("1724", 0x9006),
    ("173", 0x9020),
    ("174", 0x9030),
    ("175", 0x9040),
    ("180", 0x0090),
    ("181", 0x0091),
    ("182", 0x0092),
    ("1821", 0x0093),
    ("1822", 0x0094),
    ("1823", 0x0095),
    ("1824", 0x0096),
    ("183", 0x0097),
    ("1831", 0x0098),
    ("1832", 0x0099),
    ("1833", 0x009A),
    ("1834", 0x009B),
    ("184", 0x009C),
    ("185", 0x009D),
    ("186", 0x009E),
    ("190", 0x00A0),
    ("191", 0x00A1),
    ("192", 0x00A2),
    ("193", 0x00A3),
    ("194", 0x00A4),
    ("195", 0x00A5),
    ("1951", 0x00A6),
    ("1952", 0x00A7),
    ("196", 0x00A8),
    ("200", 0x00B0),
];

/// "Want to attack" (intend + fight) has no code of its own in the table; PETRARCH-2
/// reads it as a threat to use force.
const EXTRA_REVERSE: &[(i32, &str)] = &[(0x30A0, "138")];

/// A CAMEO code as an ontology value: `---` (matched, not coded) is 0; a code not in
/// the table is read as its root (`0875` -> `080`); `None` when neither is known.
pub fn to_ontology(code: &str) -> Option<i32> {
    if code.is_empty() || code.starts_with("---") {
        return Some(0);
    }
    let find = |c: &str| ONTOLOGY.iter().find(|(k, _)| *k == c).map(|&(_, v)| v);
    find(code).or_else(|| find(&format!("{}0", code.get(..2)?)))
}

/// An ontology value back as a CAMEO code; `None` for a value with no code (the sum
/// means nothing PETRARCH-2 codes). Where several codes share a value the first in
/// CAMEO order is taken.
pub fn from_ontology(value: i32) -> Option<String> {
    if value == 0 {
        return None;
    }
    if let Some(&(_, c)) = EXTRA_REVERSE.iter().find(|(v, _)| *v == value) {
        return Some(c.to_string());
    }
    ONTOLOGY.iter().find(|(_, v)| *v == value).map(|(k, _)| k.to_string())
}

/// PETRARCH-2's rule for an upper verb and the verb in its complement: a negative
/// (rejecting) lower value is added; of two speech-level classes the lower one wins;
/// a lower value at least as high as the upper one wins; otherwise they add.
pub fn combine(upper: i32, lower: i32) -> i32 {
    if lower < 0 {
        return lower + upper;
    }
    if upper >= 0x1000 && lower >= 0x1000 {
        return lower;
    }
    if lower >= upper {
        return lower;
    }
    upper + lower
}

/// The code of an upper verb `upper` with `lower` in its complement, as one event;
/// `None` when either is not in the ontology or the sum has no CAMEO code.
pub fn compose(upper: &str, lower: &str) -> Option<String> {
    from_ontology(combine(to_ontology(upper)?, to_ontology(lower)?))
}

/// A negated act ("would not give permission", 080): its reject code (124), or `None`
/// when the negation has no code ("did not attack").
pub fn negate(code: &str) -> Option<String> {
    from_ontology(to_ontology(code)? - NEGATION)
}

/// `code`'s value falls under `key`: the same value, or `key` is the value with its
/// last one, two or three hex digits cleared (ATTACK 0x00A0 covers 0x00A3, 193).
fn falls_under(value: i32, key: i32) -> bool {
    [0x1, 0x10, 0x100, 0x1000].iter().any(|&m| value - value.rem_euclid(m) == key)
}

/// Who acts in the lower event of a transformation, relative to the upper one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LowerSource {
    /// `(a b X)`: the upper verb's own source ("they said they will attack").
    Same,
    /// `(b . X)`: another actor ("said Y attacked").
    Other,
    /// `(_ b X)`: no subject of its own ("wants to attack Y").
    Absent,
}

/// Which actor of the lower event becomes the target of the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultTarget {
    LowerSource,
    LowerTarget,
}

/// One `~` line of a PETRARCH-2 dictionary's TRANSFORMATIONS section, its verb names
/// resolved to ontology values through the dictionary's own verb codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    pub upper: i32,
    /// `None`: any lower code (`Q`).
    pub lower: Option<i32>,
    pub source: LowerSource,
    pub target: ResultTarget,
    /// `None`: the lower event's own code (`= a b Q`).
    pub code: Option<String>,
}

impl Transformation {
    /// Read `~ a (b . ATTACK) WANT = a b 021`; `verb_code` gives a verb name's CAMEO
    /// code from the dictionary (`SAY` -> `010`).
    pub fn parse(line: &str, verb_code: impl Fn(&str) -> Option<String>) -> Option<Transformation> {
        let body = line.trim().strip_prefix('~')?;
        let (left, right) = body.split_once('=')?;
        let open = left.find('(')?;
        let close = left.find(')')?;
        let upper_source = left[..open].trim();
        let inner: Vec<&str> = left[open + 1..close].split_whitespace().collect();
        let upper_name = left[close + 1..].trim();
        let result: Vec<&str> = right.split_whitespace().collect();
        let [lower_source, lower_target, lower_name] = inner[..] else {
            return None;
        };
        let [result_source, result_target, result_code] = result[..] else {
            return None;
        };
        if result_source != upper_source {
            return None;
        }
        let source = match lower_source {
            s if s == upper_source => LowerSource::Same,
            "_" => LowerSource::Absent,
            _ => LowerSource::Other,
        };
        let target = if result_target == lower_source {
            ResultTarget::LowerSource
        } else if result_target == lower_target {
            ResultTarget::LowerTarget
        } else {
            return None;
        };
        let upper = to_ontology(&verb_code(upper_name)?)?;
        let lower = match lower_name {
            "Q" => None,
            name => Some(to_ontology(&verb_code(name)?)?),
        };
        let code = (result_code != "Q").then(|| result_code.to_string());
        Some(Transformation {
            upper,
            lower,
            source,
            target,
            code,
        })
    }

    /// The line's upper verb covers an event of ontology value `value`.
    pub fn covers_upper(&self, value: i32) -> bool {
        falls_under(value, self.upper)
    }

    /// The result code when this line applies to an upper code and a lower one whose
    /// source stands in `source` relation to the upper source.
    pub fn apply(&self, upper: &str, lower: &str, source: LowerSource) -> Option<String> {
        let (u, l) = (to_ontology(upper)?, to_ontology(lower)?);
        let lower_fits = self.lower.is_none_or(|k| falls_under(l, k));
        (source == self.source && falls_under(u, self.upper) && lower_fits).then(|| self.code.clone().unwrap_or_else(|| lower.to_string()))
    }
}

/// The first transformation that applies, with the actor it makes the target; a line
/// naming the lower verb (`ATTACK`) comes before one for any lower code (`Q`).
pub fn transform(rules: &[Transformation], upper: &str, lower: &str, source: LowerSource) -> Option<(String, ResultTarget)> {
    let named = rules.iter().filter(|t| t.lower.is_some());
    let any = rules.iter().filter(|t| t.lower.is_none());
    named.chain(any).find_map(|t| t.apply(upper, lower, source).map(|c| (c, t.target)))
}

/// Verb name -> code, for reading transformations: the code of the pattern whose verb
/// is that word with no other words (the verb line).
pub fn verb_codes(patterns: &[crate::verbs::VerbPattern]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for p in patterns.iter().filter(|p| p.before.is_empty() && p.after.is_empty()) {
        if let Some(base) = p.phrase.split(['{', '[', ' ', '\t']).next() {
            out.entry(base.to_lowercase()).or_insert_with(|| p.code.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_and_appeal_compose_with_the_lower_act() {
        // "wants (030) to help (070)" -> 033; "asking (020) X to help (070)" -> 023
        assert_eq!(compose("030", "070").as_deref(), Some("033"));
        assert_eq!(compose("020", "070").as_deref(), Some("023"));
        // "agreed (050) to lift the sanctions (085)": the higher lower value wins
        assert_eq!(compose("050", "085").as_deref(), Some("085"));
        // "want (030) ... to attack (190)": PETRARCH-2's extra reading, a threat
        assert_eq!(compose("030", "190").as_deref(), Some("138"));
        // "might want Obama to head back (0874)": no code
        assert_eq!(compose("030", "0874"), None);
        // a verb coded `---` passes the lower act through
        assert_eq!(compose("---", "186").as_deref(), Some("186"));
        // an unknown code is read as its root
        assert_eq!(to_ontology("0875"), to_ontology("080"));
        assert_eq!(compose("99", "070"), None);
    }

    #[test]
    fn negation_gives_the_reject_code_or_nothing() {
        assert_eq!(negate("080").as_deref(), Some("124"));
        assert_eq!(negate("060").as_deref(), Some("121"));
        assert_eq!(negate("190"), None);
        // a negated act under a higher verb: "said he would not give permission"
        let lower = to_ontology("124").unwrap_or(0);
        assert_eq!(from_ontology(combine(0x1000, lower)), None);
    }

    #[test]
    fn transformations_read_and_apply() {
        let codes = |name: &str| match name {
            "SAY" => Some("010".to_string()),
            "WANT" => Some("030".to_string()),
            "ATTACK" => Some("190".to_string()),
            _ => None,
        };
        let want_other = Transformation::parse("~ a (b . ATTACK ) WANT = a b 021", codes).unwrap_or_else(|| panic!("parse"));
        assert_eq!(want_other.source, LowerSource::Other);
        assert_eq!(want_other.target, ResultTarget::LowerSource);
        assert_eq!(want_other.apply("030", "193", LowerSource::Other).as_deref(), Some("021"));
        assert_eq!(want_other.apply("030", "193", LowerSource::Absent), None);
        assert_eq!(want_other.apply("030", "070", LowerSource::Other), None);
        let say_same = Transformation::parse("~ a (a b Q) SAY = a b Q", codes).unwrap_or_else(|| panic!("parse"));
        assert_eq!(say_same.target, ResultTarget::LowerTarget);
        assert_eq!(say_same.apply("010", "124", LowerSource::Same).as_deref(), Some("124"));
        // SAY covers every 01x statement
        assert_eq!(say_same.apply("015", "124", LowerSource::Same).as_deref(), Some("124"));
        assert!(Transformation::parse("~ a (a b FOO) SAY = a b 015", codes).is_none());
        assert!(Transformation::parse("not a rule", codes).is_none());
    }
}
