//! Did it happen? Negation, modality, conditionals, counterfactuals, questions and
//! infinitival complements ("agreed to meet" is an intent, "urged Y to meet" is not an
//! act of meeting) decide whether a matched action is coded, dropped, or recoded as
//! the intent it expresses.

use crate::clause::SentenceView;

/// What to do with a matched action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reality {
    /// It happened: code it.
    Happened,
    /// It did not happen, or might: do not code it.
    Not(&'static str),
    /// It is expressed as an intent by the governing verb's subject: code `intent(code)`.
    Intent { governor: usize, kind: IntentKind },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntentKind {
    /// agree, pledge, promise, vow, offer, plan, hope ... -> CAMEO 03x
    Cooperate,
    /// threaten, warn -> CAMEO 13x
    Threaten,
    /// refuse, decline, reject -> CAMEO 12x
    Refuse,
    /// "X will do Y unless Z": an ultimatum -> CAMEO 13x (130 for acts that are no
    /// threat by themselves: "will withdraw its peacekeepers unless ...")
    Ultimatum,
    /// try, attempt: an attempted use of force or coercion is itself a hostile act
    /// ("tried to hack into", "attempted to storm"); other attempts are not coded
    Attempt,
}

const MODALS: &[&str] = &[
    "will", "wo", "would", "could", "may", "might", "should", "shall", "must", "can", "'ll", "'d",
];
const NEGATORS: &[&str] = &["not", "n't", "never", "no", "nor", "neither"];

/// Intent verbs that promise: "vowed not to ..." refuses.
const PROMISES: &[&str] = &["vow", "pledge", "promise", "swear", "swore", "sworn"];

/// Lemmas of verbs that take an infinitive and express an intent of their subject.
const INTENT_COOPERATE: &[&str] = &[
    "agree",
    "pledge",
    "promise",
    "vow",
    "offer",
    "decide",
    "commit",
    "plan",
    "hope",
    "want",
    "seek",
    "intend",
    "aim",
    "resolve",
    "undertake",
    "volunteer",
    "propose",
    "wish",
    "willing",
    "ready",
    "prepared",
    "committed",
    "determined",
    "eager",
    "keen",
    "swear",
    "swore",
    "sworn",
];
/// Verbs whose "that" clause states what is asked for, not what happened.
const REQUEST_VERBS: &[&str] = &[
    "demand",
    "urge",
    "ask",
    "insist",
    "propose",
    "suggest",
    "recommend",
    "request",
    "order",
    "require",
];
const INTENT_THREATEN: &[&str] = &["threaten", "warn"];
const INTENT_REFUSE: &[&str] = &["refuse", "decline", "reject", "refused", "declined"];
/// Verb forms of trying ("attempt"/"attempts" are mostly nouns: "in an attempt to").
const ATTEMPT_VERBS: &[&str] = &["try", "tried", "tries", "trying", "attempted", "attempting"];
/// Verbs of continuing or starting: "continued to send arms", "began shelling" say
/// that the act took place.
const ASPECTUAL: &[&str] = &["continue", "begin", "began", "begun", "start", "resume", "keep", "kept", "resort"];
/// Words before "to" that make what follows a plan, expectation or failure: not coded.
const NOT_YET: &[&str] = &[
    "expected",
    "likely",
    "unlikely",
    "set",
    "due",
    "scheduled",
    "planning",
    "preparing",
    "able",
    "unable",
    "about",
    "fail",
    "failed",
    "fails",
    "try",
    "tried",
    "tries",
    "trying",
    "attempt",
    "attempted",
    "attempts",
    "going",
    "poised",
    "slated",
    "bid",
    "effort",
    "efforts",
    "move",
    "call",
    "calls",
    "chance",
    "right",
    "need",
    "needs",
    "needed",
    "have",
    "has",
    "had",
    "order",
    "ordered",
    "urge",
    "urged",
    "urges",
    "asked",
    "ask",
    "asks",
    "pressed",
    "press",
    "invited",
    "allowed",
    "forced",
    "told",
    "encouraged",
    "called",
    "wanted",
    "appealed",
    "begged",
    "requested",
    "authorised",
    "authorized",
    "approved",
    "voted",
];

fn is_form_of(word: &str, lemmas: &[&str]) -> bool {
    lemmas.iter().any(|l| {
        let stem = l.strip_suffix('e').unwrap_or(l);
        // compared piecewise: no inflected copy of the lemma is built
        matches!(word.strip_prefix(*l), Some("" | "s" | "d" | "ed"))
            || matches!(word.strip_prefix(stem), Some("ing" | "ed"))
            || (l.ends_with('y') && word.starts_with(&l[..l.len() - 1]) && (word.ends_with("ied") || word.ends_with("ies")))
            || (*l == "commit" && word.starts_with("committ"))
    })
}

/// The whole sentence is a question.
pub fn is_question(sentence: &str) -> bool {
    sentence.trim_end().trim_end_matches(['"', '\'', ')']).ends_with('?')
}

/// Decide about the action whose verb group starts at `group` and whose verb is `verb`.
pub fn reality(view: &SentenceView, clause_start: usize, group: usize, verb: usize) -> Reality {
    if let Some(not) = framing(view, clause_start, group, verb) {
        return not;
    }
    // "continued to send arms", "began shelling": as real as the aspectual verb
    if let Some(aspectual) = aspectual_governor(view, group, verb) {
        let g = crate::clause::verb_group_start(view, aspectual);
        return reality(view, clause_start.min(g), g, aspectual);
    }
    if let Some(decided) = auxiliaries(view, group, verb) {
        return decided;
    }
    // "denied attacking", "without meeting"
    if group > 0
        && matches!(
            view.word(group - 1),
            "denied" | "denies" | "deny" | "denying" | "without" | "against" | "avoid" | "avoided"
        )
    {
        return Reality::Not("negated");
    }
    match infinitive_to(view, group, verb) {
        Some(to) => infinitival_complement(view, clause_start, to),
        None => Reality::Happened,
    }
}

/// What the clause's frame says before its own verb group: a condition, a request
/// ("demanded that X withdraw"), a counterfactual inversion.
fn framing(view: &SentenceView, clause_start: usize, group: usize, verb: usize) -> Option<Reality> {
    // conditionals: the clause, or the sentence opening, says "if"
    let opener = view.word(clause_start.saturating_sub(1));
    if clause_start > 0 && matches!(opener, "if" | "unless" | "whether") {
        return Some(Reality::Not("conditional"));
    }
    // "demanded that X withdraw", "its demand today that X ease ...": what is asked
    // for has not happened
    if clause_start > 1 && opener == "that" {
        let asker = (0..clause_start - 1)
            .rev()
            .find(|&k| !crate::clause::SPEECH_TIME_WORDS.contains(&view.word(k)))
            .map(|k| view.word(k));
        if asker.is_some_and(|w| is_form_of(w, REQUEST_VERBS)) {
            return Some(Reality::Not("requested"));
        }
    }
    if (0..group).any(|k| matches!(view.word(k), "if" | "unless") && !(k + 1..group).any(|j| view.word(j) == ",")) {
        return Some(Reality::Not("conditional"));
    }
    // counterfactual inversion: "Had the talks collapsed, ..." / "Should X attack, ..."
    let inverted = matches!(view.word(0), "had" | "should" | "were");
    let comma_before_verb = (1..verb).any(|k| view.word(k) == ",");
    if inverted && (comma_before_verb || (verb..view.len()).any(|k| view.word(k) == ",")) {
        return Some(Reality::Not("counterfactual"));
    }
    None
}

/// What the auxiliaries between the group start and the verb say: a negation (a
/// refusal when it is future), a modal (an intent when it is a plain future).
fn auxiliaries(view: &SentenceView, group: usize, verb: usize) -> Option<Reality> {
    let aux = &view.words[group..verb];
    if aux.iter().any(|w| NEGATORS.contains(&w.as_str())) {
        // "will not accept", "won't meet": a refusal stated now; "did not meet": nothing
        let future = aux.iter().any(|w| matches!(w.as_str(), "will" | "wo" | "would" | "'ll"));
        let perfect = aux.iter().any(|w| matches!(w.as_str(), "have" | "'ve"));
        if future && !perfect {
            return Some(Reality::Intent {
                governor: group,
                kind: IntentKind::Refuse,
            });
        }
        return Some(Reality::Not("negated"));
    }
    if aux.iter().any(|w| MODALS.contains(&w.as_str())) {
        // "will visit", "said it would release": the subject states an intent;
        // "could", "may", "would have" ...: a possibility or counterfactual
        let future = aux.iter().any(|w| matches!(w.as_str(), "will" | "'ll" | "would" | "shall"));
        let perfect = aux.iter().any(|w| matches!(w.as_str(), "have" | "'ve"));
        let weak = aux
            .iter()
            .any(|w| matches!(w.as_str(), "could" | "may" | "might" | "should" | "must" | "can"));
        if future && !perfect && !weak {
            let kind = if has_condition_after(view, verb) {
                IntentKind::Ultimatum
            } else {
                IntentKind::Cooperate
            };
            return Some(Reality::Intent { governor: group, kind });
        }
        return Some(Reality::Not("modal"));
    }
    None
}

/// The "to" of an infinitival complement: "<governor> (not) to <verb>", also through
/// one verb we do not know: "prepared to resume shelling".
fn infinitive_to(view: &SentenceView, group: usize, verb: usize) -> Option<usize> {
    if group > 0 && view.word(group - 1) == "to" {
        Some(group - 1)
    } else if group > 1 && view.word(verb).ends_with("ing") && view.word(group - 2) == "to" && view.mention_of[group - 1].is_none() {
        Some(group - 2)
    } else {
        None
    }
}

/// An act in an infinitival complement is what its governor makes of it: an intent,
/// a refusal, a threat, a purpose, or nothing.
fn infinitival_complement(view: &SentenceView, clause_start: usize, to: usize) -> Reality {
    let group = to + 1;
    let mut g = group - 1;
    while g > 0 && (view.word(g - 1) == "not" || view.word(g - 1) == "n't") {
        g -= 1;
    }
    let negated = g + 1 < group;
    let governor = g.checked_sub(1);
    let gw = governor.map(|g| view.word(g)).unwrap_or("");
    if negated {
        // "vowed not to return the Golan Heights": a promise not to yield is a
        // refusal (the code has none for hostile acts: "pledged not to attack")
        return match governor.filter(|_| is_form_of(gw, PROMISES)) {
            Some(governor) => Reality::Intent {
                governor,
                kind: IntentKind::Refuse,
            },
            None => Reality::Not("negated"),
        };
    }
    let kind = if ATTEMPT_VERBS.contains(&gw) {
        Some(IntentKind::Attempt)
    } else if is_form_of(gw, INTENT_THREATEN) {
        Some(IntentKind::Threaten)
    } else if is_form_of(gw, INTENT_REFUSE) {
        Some(IntentKind::Refuse)
    } else if is_form_of(gw, INTENT_COOPERATE) {
        Some(IntentKind::Cooperate)
    } else {
        None
    };
    match (kind, governor) {
        (Some(kind), Some(governor)) if kind == IntentKind::Attempt || !NOT_YET.contains(&gw) => {
            let gaux = &view.words[crate::clause::verb_group_start(view, governor)..governor];
            if gaux.iter().any(|w| NEGATORS.contains(&w.as_str()) || MODALS.contains(&w.as_str())) {
                Reality::Not("negated or modal intent")
            } else {
                Reality::Intent { governor, kind }
            }
        }
        _ if is_purpose(view, clause_start, to) => Reality::Not(PURPOSE),
        _ => Reality::Not("infinitive"),
    }
}

/// The reason given for an infinitive of purpose after a completed act ("sent
/// monitors to Bosnia on Wednesday to investigate"): not coded by itself, but the
/// coder codes it for acts that the purpose itself performs (protesting,
/// investigating, demanding).
pub const PURPOSE: &str = "purpose";

/// The infinitive after `to` gives the purpose of the clause's act: "to" follows a
/// time word or a name (not a verb, adjective or noun that takes an infinitive), and
/// nothing in the clause makes that act unreal.
fn is_purpose(view: &SentenceView, clause_start: usize, to: usize) -> bool {
    let Some(before) = to.checked_sub(1) else { return false };
    let w = view.word(before);
    let time = matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "night"
            | "week"
            | "morning"
            | "afternoon"
            | "evening"
            | "overnight"
            | "month"
            | "year"
            | "weekend"
    );
    let name =
        view.mention_of[before].is_some() || (before > clause_start && view.raw[before].chars().next().is_some_and(char::is_uppercase));
    let unreal = view.words[clause_start..to]
        .iter()
        .any(|w| MODALS.contains(&w.as_str()) || NEGATORS.contains(&w.as_str()) || matches!(w.as_str(), "if" | "unless"));
    // "plans to hold talks on Monday to protest": the act itself is only intended
    let intended = (clause_start + 1..to).any(|k| {
        let g = view.word(k - 1);
        view.word(k) == "to"
            && (NOT_YET.contains(&g) || is_form_of(g, INTENT_COOPERATE) || is_form_of(g, INTENT_THREATEN) || is_form_of(g, INTENT_REFUSE))
    });
    (time || name) && !NOT_YET.contains(&w) && !unreal && !intended
}

/// The aspectual verb governing the verb at `verb`: "continued to send",
/// "began collecting".
fn aspectual_governor(view: &SentenceView, group: usize, verb: usize) -> Option<usize> {
    let before = |k: usize| k.checked_sub(1).filter(|&g| is_form_of(view.word(g), ASPECTUAL));
    if group > 0 && view.word(group - 1) == "to" {
        return before(group - 1);
    }
    if group == verb && view.word(verb).ends_with("ing") {
        return before(group);
    }
    None
}

/// "will withdraw ... unless X": a condition after the verb in the same sentence.
fn has_condition_after(view: &SentenceView, verb: usize) -> bool {
    (verb + 1..view.len()).any(|k| view.word(k) == "unless")
}

/// The CAMEO code expressing the intent to perform `code`, or None when the intent
/// is not an event CAMEO codes (refusing to attack, for instance).
pub fn intent_code(code: &str, kind: IntentKind) -> Option<String> {
    let root: u32 = code.get(..2)?.parse().ok()?;
    let c = match kind {
        IntentKind::Cooperate => match root {
            1..=3 => "030",
            4 => "036",
            5 => "032",
            6 => match code.get(..3) {
                Some("061") => "0311",
                Some("062") => "0312",
                Some("063") => "0313",
                Some("064") => "0314",
                _ => "031",
            },
            7 => match code.get(..3) {
                Some("071") => "0331",
                Some("072") => "0332",
                Some("073") => "0333",
                Some("074") => "0334",
                _ => "033",
            },
            8 => match code {
                c if c.starts_with("084") => "0353",
                c if c.starts_with("087") => "0356",
                c if c.starts_with("081") => "0351",
                _ => "035",
            },
            9 => "030",
            10..=14 => return intent_code(code, IntentKind::Threaten),
            _ => return intent_code(code, IntentKind::Threaten),
        },
        IntentKind::Threaten => match root {
            16 => "131",
            17 => "137",
            14 => "133",
            15 | 18..=20 => "138",
            10..=13 => "130",
            _ => return None,
        },
        IntentKind::Ultimatum => return intent_code(code, IntentKind::Threaten).or_else(|| Some("130".to_string())),
        IntentKind::Attempt => return (17..=20).contains(&root).then(|| code.to_string()),
        IntentKind::Refuse => match root {
            4 => "125",
            6 => "121",
            7 => "122",
            8 => match code {
                c if c.starts_with("084") => "1243",
                c if c.starts_with("087") => "1246",
                _ => "124",
            },
            1..=3 | 5 | 9 => "120",
            _ => return None,
        },
    };
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_codes() {
        assert_eq!(intent_code("042", IntentKind::Cooperate).as_deref(), Some("036"));
        assert_eq!(intent_code("0711", IntentKind::Cooperate).as_deref(), Some("0331"));
        assert_eq!(intent_code("0874", IntentKind::Refuse).as_deref(), Some("1246"));
        assert_eq!(intent_code("190", IntentKind::Threaten).as_deref(), Some("138"));
        assert_eq!(intent_code("190", IntentKind::Cooperate).as_deref(), Some("138"));
        assert_eq!(intent_code("180", IntentKind::Refuse), None);
        assert_eq!(intent_code("176", IntentKind::Attempt).as_deref(), Some("176"));
        assert_eq!(intent_code("042", IntentKind::Attempt), None);
        assert_eq!(intent_code("0874", IntentKind::Ultimatum).as_deref(), Some("130"));
        assert_eq!(intent_code("143", IntentKind::Ultimatum).as_deref(), Some("133"));
    }

    #[test]
    fn forms() {
        assert!(is_form_of("agreed", INTENT_COOPERATE));
        assert!(is_form_of("pledges", INTENT_COOPERATE));
        assert!(is_form_of("threatening", INTENT_THREATEN));
        assert!(!is_form_of("urged", INTENT_COOPERATE));
    }

    #[test]
    fn questions() {
        assert!(is_question("Will Russia attack?\""));
        assert!(!is_question("Russia attacked."));
    }
}
