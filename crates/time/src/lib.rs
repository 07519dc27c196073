//! Time stage of detente: finds temporal expressions and resolves them to TIMEX3
//! types and values against the article's publication date (the anchor).
//! Without an anchor, relative expressions keep `value: None` rather than being
//! guessed from the clock.
//!
//! The work is split in four parts: [`lexicon`] (the word lists under
//! `dictionaries/time/`), [`recognizer`] (patterns that find candidate spans),
//! [`resolver`] (values, with [`calendar`] arithmetic) and [`eval`] (the
//! TempEval-3 scorer behind `detente eval timex`).

pub mod calendar;
pub mod days;
pub mod eval;
pub mod lexicon;
pub mod numbers;
pub mod prefilter;
pub mod recognizer;
pub mod resolver;

pub use calendar::{resolve_weekday, Direction};
use detente_doc::{Document, Span, Timex, TimexType};
use lexicon::Lexicon;
use recognizer::{Mention, Recognizer, Rule};
use regex::Regex;
use resolver::{resolve, Context, LazyDirection};

/// The configured time stage (its word lists and compiled patterns).
pub struct TimeStage {
    lexicon: Lexicon,
    recognizer: Recognizer,
    future_cues: Regex,
    past_cues: Regex,
    /// The lexicon's schedule verbs split into words, by their first word.
    schedule_verbs: ScheduleVerbs,
}

impl Default for TimeStage {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeStage {
    pub fn new() -> Self {
        Self::with_lexicon(Lexicon::default())
    }

    /// A stage with user word lists (see [`lexicon::LexiconSources`]).
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        let recognizer = Recognizer::new(&lexicon);
        let cues: Vec<String> = lexicon
            .future_cues
            .iter()
            .map(|c| c.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
            .collect();
        let future_cues = Regex::new(&format!(r"(?i)(?:\b|')(?:{})\b", cues.join("|"))).unwrap_or_else(|_| never_matching());
        // Past-tense cues: common irregular pasts, auxiliaries and -ed forms.
        let past_cues = Regex::new(
            r"(?i)\b(?:was|were|had|been|did|said|told|met|took|came|went|made|gave|left|began|held|won|lost|saw|fell|rose|got|hit|led|fled|sent|spent|brought|thought|found|kept|ran|wrote|spoke|became|chose|drove|flew|heard|paid|sold|bought|stood|shot|struck|broke|\w{2,}ed)\b",
        )
        .unwrap_or_else(|_| never_matching());
        let mut schedule_verbs = ScheduleVerbs::new();
        for verb in &lexicon.schedule_verbs {
            let words: Vec<String> = verb.split(' ').map(str::to_string).collect();
            if let Some(first) = words.first() {
                schedule_verbs.entry(first.clone()).or_default().push(words);
            }
        }
        TimeStage {
            lexicon,
            recognizer,
            future_cues,
            past_cues,
            schedule_verbs,
        }
    }

    /// Add the times layer to `doc`, anchored on `doc.meta.published`.
    pub fn annotate(&self, doc: &mut Document) {
        let mut found = Vec::new();
        // The last quarter the story spoke of, and in which sentence: "a year
        // earlier" in an earnings report means that quarter a year before.
        let mut last_quarter: Option<((i32, u32), usize)> = None;
        // The last calendar value the story gave, for "that day", "the next year".
        let mut last_point: Option<resolver::CalendarPoint> = None;
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let text = sentence.span.text(&doc.text);
            // A quarter stays the topic for a stretch of the story (a few paragraphs).
            let reference = last_quarter.filter(|(_, at)| si - at <= 8).map(|(q, _)| q);
            let discourse = Discourse {
                quarter: reference,
                point: last_point,
            };
            for (start, end, kind, value, dateless) in self.tag_sentence_with(text, doc.meta.published, discourse) {
                // A clock time that names no day borrowed one; it is no new reference.
                if let Some(p) = value.as_deref().and_then(resolver::CalendarPoint::parse).filter(|_| !dateless) {
                    last_point = Some(p);
                }
                if let Some(q) = value
                    .as_deref()
                    .and_then(|v| reported_quarter(v, &text[start..end], doc.meta.published))
                {
                    last_quarter = Some((q, si));
                }
                found.push(Timex {
                    span: Span::new(sentence.span.start + start, sentence.span.start + end),
                    kind,
                    value,
                    sentence: si,
                });
            }
        }
        found.sort_by_key(|t| t.span.start);
        doc.times = found;
    }

    /// The expressions of one sentence: `(start, end, type, value)` with byte
    /// offsets into `text`, in text order, not overlapping.
    pub fn tag_sentence(&self, text: &str, anchor: Option<chrono::NaiveDate>) -> Vec<(usize, usize, TimexType, Option<String>)> {
        self.tag_sentence_with(text, anchor, Discourse::default())
            .into_iter()
            .map(|(start, end, kind, value, _)| (start, end, kind, value))
            .collect()
    }

    /// [`Self::tag_sentence`] with what earlier sentences established.
    fn tag_sentence_with(&self, text: &str, anchor: Option<chrono::NaiveDate>, discourse: Discourse) -> Vec<Tagged> {
        let resolve_with = |m: &Mention, point: Option<resolver::CalendarPoint>, quarter: Option<(i32, u32)>| {
            let direction = || self.direction(text, m.start, m.end);
            let ctx = Context {
                anchor,
                direction: LazyDirection::new(&direction),
                reference_quarter: quarter,
                reference_point: point,
                before: &text[..m.start],
                after: &text[m.end..],
            };
            resolve(m, &text[m.start..m.end], &self.lexicon, &ctx)
        };
        let mut resolved: Vec<(Mention, TimexType, Option<String>)> = self
            .recognizer
            .candidates(text)
            .into_iter()
            .filter(|m| !is_in_period_compound(&text[..m.start], &text[m.end..]))
            .filter_map(|m| {
                let (kind, value) = resolve_with(&m, discourse.point, discourse.quarter)?;
                Some((m, kind, value))
            })
            .collect();
        // Longest first; among equals, the earlier (more specific) pattern.
        resolved.sort_by_key(|(m, _, _)| (std::cmp::Reverse(m.end - m.start), m.rule as usize, m.start));
        let mut chosen: Vec<(Mention, TimexType, Option<String>)> = Vec::new();
        for candidate in resolved {
            let m = &candidate.0;
            if chosen.iter().all(|c| m.end <= c.0.start || m.start >= c.0.end) {
                chosen.push(candidate);
            }
        }
        chosen.sort_by_key(|c| c.0.start);
        // Anaphoric expressions ("later that year") lean on the last calendar
        // value before them, in this sentence if it has one.
        let mut point = discourse.point;
        // "third-quarter profit rose from a year ago": a comparison leans on
        // the quarter its own sentence names before it, if any.
        let mut quarter = discourse.quarter;
        let mut out: Vec<(usize, usize, TimexType, Option<String>, bool)> = Vec::with_capacity(chosen.len());
        for (m, kind, value) in chosen {
            let (kind, value) = match m.rule {
                Rule::Anaphoric | Rule::EventDay => resolve_with(&m, point, quarter).unwrap_or((kind, value)),
                // "the previous Friday" counts from the day named just before it.
                Rule::Weekday if m.get("rel").is_some_and(|r| r.to_lowercase().starts_with("the ")) => {
                    resolve_with(&m, point, quarter).unwrap_or((kind, value))
                }
                Rule::Ago | Rule::YearEarlier if quarter != discourse.quarter => resolve_with(&m, point, quarter).unwrap_or((kind, value)),
                _ => (kind, value),
            };
            if (m.rule == Rule::Anaphoric && m.has("dir") || m.rule == Rule::EventDay) && value.is_none() {
                continue; // "The year before, ...": nothing told to count from
            }
            if let Some(q) = value.as_deref().and_then(|v| reported_quarter(v, &text[m.start..m.end], anchor)) {
                quarter = Some(q);
            }
            let dateless_clock =
                matches!(m.rule, Rule::Clock | Rule::BareDayPart) && !["month", "day", "wd", "wd2", "deictic"].iter().any(|f| m.has(f));
            if m.rule != Rule::Anaphoric && !dateless_clock {
                if let Some(p) = value.as_deref().and_then(resolver::CalendarPoint::parse) {
                    point = Some(p);
                }
            }
            out.push((m.start, m.end, kind, value, dateless_clock));
        }
        date_dateless_clocks(out, discourse.point)
    }

    /// Which way the clause around `start..end` points: the nearest tense cue
    /// wins (a future cue such as "will" against a past one such as "said").
    fn direction(&self, text: &str, start: usize, end: usize) -> Direction {
        // "said Friday", "Friday said": the day of a report is past.
        const REPORTING: [&str; 7] = ["said", "says", "told", "announced", "reported", "added", "stated"];
        let word_before = text[..start].split_whitespace().next_back().unwrap_or("");
        let word_after = text[end..].split_whitespace().next().unwrap_or("");
        let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        if REPORTING.contains(&clean(word_before).as_str()) || REPORTING.contains(&clean(word_after).as_str()) {
            return Direction::Past;
        }
        // "The deadline is Friday", "the vote is on Wednesday": a present-tense
        // copula before the expression names a date still ahead (or today).
        let mut words_before = text[..start].split_whitespace().rev().map(clean);
        let mut governing = words_before.next().unwrap_or_default();
        if matches!(governing.as_str(), "on" | "for" | "until") {
            governing = words_before.next().unwrap_or_default();
        }
        if matches!(governing.as_str(), "is" | "are") {
            return Direction::Future;
        }
        if is_state_until(text, start) {
            return Direction::Future;
        }
        if is_deferred_to(text, start) {
            return Direction::Future;
        }
        // "ahead of Sunday's vote", "on the eve of the weekend", "in the run-up
        // to Friday's deadline": what is awaited lies ahead.
        let mut before_words = text[..start].split_whitespace().rev().map(clean).filter(|w| w != "the");
        let lead = (before_words.next().unwrap_or_default(), before_words.next().unwrap_or_default());
        // Unless told in the past perfect: "economists had forecast ahead of
        // Friday's announcement" reports the announcement.
        let sentence_has_had = text.split_whitespace().any(|w| clean(w) == "had");
        if AWAITING.contains(&(lead.1.as_str(), lead.0.as_str())) && !sentence_has_had {
            return Direction::Future;
        }
        // Distance to the nearest cue; cues outside the expression's own clause
        // (cut at commas and semicolons) count as much farther away.
        // "arrived on Monday and will leave Saturday": a coordinated clause
        // has its own tense, so " and " and " but " cut clauses too.
        let cut_before = |i: usize| {
            let before = &text[..i];
            let punctuation = before.rfind([',', ';']).map_or(0, |k| k + 1);
            let conjunction = [" and ", " but "]
                .iter()
                .filter_map(|c| before.rfind(c).map(|k| k + c.len()))
                .max()
                .unwrap_or(0);
            punctuation.max(conjunction)
        };
        let cut_after = |i: usize| {
            let after = &text[i..];
            let punctuation = after.find([',', ';']).unwrap_or(after.len());
            let conjunction = [" and ", " but "].iter().filter_map(|c| after.find(c)).min().unwrap_or(after.len());
            i + punctuation.min(conjunction)
        };
        let clause_start = cut_before(start);
        let clause_end = cut_after(end);
        let weighted = |re: &Regex, counts: &dyn Fn(&regex::Match) -> bool| {
            re.find_iter(text)
                .filter(|c| c.end() <= start || c.start() >= end)
                .filter(|c| counts(c))
                .map(|c| {
                    let d = if c.end() <= start { start - c.end() } else { c.start() - end };
                    if c.start() >= clause_start && c.end() <= clause_end {
                        d
                    } else {
                        d * 4 + 40
                    }
                })
                .min()
        };
        // "was due to", "had been scheduled to": a plan seen from the past.
        // "would" governs what follows it: in "arrested Sunday would appear"
        // the day belongs to the arrest.
        let future = weighted(&self.future_cues, &|c| {
            let cue = c.as_str().to_lowercase();
            let governs_after = cue == "would" || cue.starts_with("to ");
            if governs_after && c.start() >= end {
                return false;
            }
            if cue == "would" && is_conditional_perfect(&text[c.end()..]) {
                return false;
            }
            if cue.starts_with("to ") && is_state_before_to_be(&text[..c.start()]) {
                return false;
            }
            !is_future_in_past(&text[..c.start()])
        });
        let schedule = schedule_verb_distance(&self.schedule_verbs, text, start, end);
        let future = match (future, schedule) {
            (Some(f), Some(s)) => Some(f.min(s)),
            (f, s) => f.or(s),
        };
        let past = weighted(&self.past_cues, &|c| is_past_verb(text, c.start(), c.as_str()));
        match (future, past) {
            (Some(f), Some(p)) if f <= p => Direction::Future,
            (Some(_), None) => Direction::Future,
            _ => Direction::Past,
        }
    }
}

/// Two words before an expression that await it ("ahead of", "the run-up to").
const AWAITING: [(&str, &str); 7] = [
    ("ahead", "of"),
    ("eve", "of"),
    ("run-up", "to"),
    ("advance", "of"),
    ("preparing", "for"),
    ("prepare", "for"),
    ("prepares", "for"),
];

/// Schedule verbs as word sequences, keyed by their first word ("kicks" -> ["kicks", "off"]).
type ScheduleVerbs = std::collections::HashMap<String, Vec<Vec<String>>>;

/// A word near an expression: its byte range in the sentence, its written form
/// and its lower-cased form, punctuation trimmed ("didn't" keeps its apostrophe).
struct Word<'a> {
    start: usize,
    end: usize,
    raw: &'a str,
    lower: String,
}

/// The words of `text[from..to]`: the last `n` when `from_end`, else the first `n`.
fn words_near(text: &str, from: usize, to: usize, n: usize, from_end: bool) -> Vec<Word<'_>> {
    let slice = &text[from..to];
    fn word<'t>(piece: &'t str, slice: &str, from: usize) -> Option<Word<'t>> {
        let trimmed = piece.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        // The piece's place in the slice, from the addresses split_whitespace keeps.
        let at = from + (trimmed.as_ptr() as usize - slice.as_ptr() as usize);
        (!trimmed.is_empty()).then(|| Word {
            start: at,
            end: at + trimmed.len(),
            raw: trimmed,
            lower: trimmed.to_lowercase(),
        })
    }
    if from_end {
        let mut words: Vec<Word> = slice
            .split_whitespace()
            .rev()
            .filter_map(|p| word(p, slice, from))
            .take(n)
            .collect();
        words.reverse();
        words
    } else {
        slice.split_whitespace().filter_map(|p| word(p, slice, from)).take(n).collect()
    }
}

/// The end of the schedule verb that starts at `words[i]`, when it is one: not
/// after a determiner ("the vote"), an adjective ("a televised address"), a
/// capitalised noun ("a Senate vote"), nor after "to", "not" or "did", which
/// leave the tense to the other cues.
fn schedule_verb_at(forms: &ScheduleVerbs, words: &[Word], i: usize, text: &str) -> Option<usize> {
    const BLOCKERS: [&str; 23] = [
        "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these", "those", "whose", "to", "not", "did",
        "didn't", "would", "could", "might", "had",
    ];
    let first = &words.get(i)?.lower;
    let form = forms.get(first)?.iter().find(|f| {
        words
            .get(i..i + f.len())
            .is_some_and(|span| span.iter().zip(f.iter()).all(|(w, p)| w.lower == *p))
    })?;
    if let Some(previous) = i.checked_sub(1).and_then(|j| words.get(j)) {
        let inflected = first.ends_with('s');
        let sentence_initial = text[..previous.start].trim().is_empty();
        let compound = !inflected && !sentence_initial && previous.raw.starts_with(char::is_uppercase);
        let adjective = previous.lower.ends_with("ed") || previous.lower.ends_with("ing");
        // "a 68-31 vote", "the 2012 vote": a noun counted or dated.
        let counted = previous.raw.contains(|c: char| c.is_ascii_digit());
        if BLOCKERS.contains(&previous.lower.as_str()) || previous.lower.ends_with("'s") || compound || adjective || counted {
            return None;
        }
    }
    words.get(i + form.len() - 1).map(|w| w.end)
}

/// How far from the expression `start..end` a present-tense schedule verb
/// governs it, in bytes: just before it in its clause ("lawmakers vote Friday",
/// "the bank reopens on Tuesday", "stays closed until Tuesday"), or just after
/// an expression that opens the sentence ("On Friday, lawmakers vote"). News
/// tells what is over in the past tense, so such a verb points forward.
fn schedule_verb_distance(forms: &ScheduleVerbs, text: &str, start: usize, end: usize) -> Option<usize> {
    let clause_start = text[..start].rfind([',', ';']).map_or(0, |i| i + 1);
    let before = words_near(text, clause_start, start, 6, true);
    let mut best: Option<usize> = None;
    for i in 0..before.len() {
        // The verb ends within the last four words ("go to the polls on Sunday").
        let Some(verb_end) = schedule_verb_at(forms, &before, i, text) else {
            continue;
        };
        if before.iter().filter(|w| w.start >= verb_end).count() < 4 {
            best = Some(best.map_or(start - verb_end, |b: usize| b.min(start - verb_end)));
        }
    }
    let opens_sentence = text[..start].split_whitespace().count() <= 1;
    if opens_sentence {
        let sentence_end = text[end..].find([';', '.', '?', '!']).map_or(text.len(), |i| end + i);
        let after = words_near(text, end, sentence_end, 6, false);
        for i in 0..after.len() {
            if schedule_verb_at(forms, &after, i, text).is_some() {
                let d = after[i].start - end;
                best = Some(best.map_or(d, |b: usize| b.min(d)));
            }
        }
    }
    best
}

/// A clock time that names no day ("at 10:35 a.m.") lies on the day the
/// sentence names nearest to it ("10:35 a.m. (0735 GMT) Friday"), else on the
/// last day the story named before it (TimeML annotators anchor a time on the
/// narrative's day), else the publication date it was given.
fn date_dateless_clocks(tagged: Vec<Tagged>, story_day: Option<resolver::CalendarPoint>) -> Vec<Tagged> {
    let days: Vec<(usize, String)> = tagged
        .iter()
        .filter(|t| !t.4)
        .filter_map(|t| {
            let day = t.3.as_deref()?.split('T').next()?;
            let p = resolver::CalendarPoint::parse(day)?;
            p.day.map(|_| (t.0, day.to_string()))
        })
        .collect();
    tagged
        .into_iter()
        .map(|(start, end, kind, value, dateless_clock)| {
            let value = match value {
                Some(v) if dateless_clock => {
                    let nearest = days
                        .iter()
                        .min_by_key(|(at, _)| at.abs_diff(start))
                        .map(|(_, d)| d.clone())
                        .or_else(|| story_day.as_ref().and_then(|p| p.day_value()));
                    match (nearest, v.split_once('T')) {
                        (Some(day), Some((_, clock))) => Some(format!("{day}T{clock}")),
                        _ => Some(v),
                    }
                }
                other => other,
            };
            (start, end, kind, value, dateless_clock)
        })
        .collect()
}

/// "postponed until Tuesday morning", "gave them until 9 a.m. Tuesday": a time
/// something was put off to, or a deadline was set or moved to, lies after the
/// decision and, in news, ahead of the publication date.
/// "banks are closed until Tuesday", "the border remains shut till Monday": a
/// present state that lasts until the day, which lies ahead.
fn is_state_until(text: &str, start: usize) -> bool {
    const STATES: [&str; 8] = ["is", "are", "remain", "remains", "stay", "stays", "will", "'ll"];
    let mut words = text[..start].split_whitespace().rev().map(|w| w.to_lowercase());
    if !words.next().is_some_and(|w| w == "until" || w == "till") {
        return false;
    }
    // The state's adjective or participle, then its verb ("are closed").
    words.take(2).any(|w| STATES.contains(&w.as_str()))
}

/// "the quarter-to-quarter comparison", "year-on-year growth", "day-to-day
/// operations": a period joined to another names a comparison or a manner,
/// not a time.
fn is_in_period_compound(before: &str, after: &str) -> bool {
    const JOINS: [&str; 3] = ["-to-", "-over-", "-on-"];
    // Compared in place: no copy of the text around each candidate.
    let (before, after) = (before.as_bytes(), after.as_bytes());
    JOINS.iter().any(|j| {
        let j = j.as_bytes();
        after.get(..j.len()).is_some_and(|a| a.eq_ignore_ascii_case(j))
            || before.len() >= j.len() && before[before.len() - j.len()..].eq_ignore_ascii_case(j)
    })
}

fn is_deferred_to(text: &str, start: usize) -> bool {
    const DEFERRING: [&str; 10] = [
        "postpone", "extend", "delay", "defer", "adjourn", "suspend", "deadline", "given", "gave", "put off",
    ];
    let clause_start = text[..start].rfind([',', ';', '.']).map_or(0, |i| i + 1);
    let clause = text[clause_start..start].to_lowercase();
    let Some(until) = clause.rfind("until ").or_else(|| clause.rfind("till ")) else {
        return false;
    };
    // "until" must lead the expression: at most a clock time between them.
    let between = clause[until..].split_whitespace().count();
    // "he has until Friday to respond": a time allowed, ahead.
    let allowed = clause[..until]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| matches!(w, "has" | "have"));
    between <= 4 && (allowed || DEFERRING.iter().any(|w| clause[..until].contains(w)))
}

/// Whether the words just before a future cue put it in the past perfect
/// ("had been due to", "had been expected to"); "were planning to" still
/// points ahead of the publication date, so plain "was"/"were" do not count.
/// After "would": "would have gone", a past that did not happen, no plan ahead.
fn is_conditional_perfect(after: &str) -> bool {
    let next = after.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(next.as_str(), "have" | "not" | "never")
}

/// "used to be", "appeared to be", "is said to be": "to be" after these names a
/// state, not something still to come.
fn is_state_before_to_be(before: &str) -> bool {
    const STATES: [&str; 14] = [
        "used", "appeared", "appears", "appear", "seemed", "seems", "seem", "said", "believed", "thought", "known", "found", "reported",
        "claimed",
    ];
    let previous = before.split_whitespace().next_back().unwrap_or("").to_lowercase();
    STATES.contains(&previous.as_str())
}

fn is_future_in_past(before: &str) -> bool {
    const PAST_AUXILIARIES: [&str; 2] = ["had", "been"];
    before
        .split_whitespace()
        .rev()
        .take(2)
        .any(|w| PAST_AUXILIARIES.contains(&w.to_lowercase().as_str()))
}

/// Whether a word the past-tense pattern caught at `at` is a verb: not a
/// capitalised word inside the sentence ("the United States", "Ahmed") and not
/// one of the words in -eed or -red that are no past forms ("need", "indeed",
/// "hundred").
fn is_past_verb(text: &str, at: usize, word: &str) -> bool {
    const NOT_PAST: [&str; 10] = [
        "hundred", "need", "indeed", "speed", "proceed", "succeed", "exceed", "sacred", "naked", "wicked",
    ];
    let lower = word.to_lowercase();
    if NOT_PAST.contains(&lower.as_str()) {
        return false;
    }
    // "will be held", "is expected", "stays closed": a participle after a
    // present or future form of "be" (or "stay", "remain") is no past tense (after "was", "been" the auxiliary is the cue).
    const PRESENT_BE: [&str; 10] = ["be", "is", "are", "am", "being", "get", "stay", "stays", "remain", "remains"];
    let auxiliary = text[..at].split_whitespace().next_back().unwrap_or("").to_lowercase();
    if PRESENT_BE.contains(&auxiliary.as_str()) {
        return false;
    }
    let opens_sentence = text[..at].trim_end().is_empty() || text[..at].trim_end().ends_with(['.', '"', '`', '\'', '(', ':']);
    !(lower.ends_with("ed") && word.starts_with(char::is_uppercase) && !opens_sentence)
}

/// `(start, end, type, value, dateless)`: an expression of a sentence, and
/// whether it is a clock time or part of day that names no day of its own.
type Tagged = (usize, usize, TimexType, Option<String>, bool);

/// What earlier sentences said that later ones lean on.
#[derive(Clone, Copy, Debug, Default)]
struct Discourse {
    /// The quarter under discussion (earnings reports).
    quarter: Option<(i32, u32)>,
    /// The last calendar value mentioned ("that day", "the following year").
    point: Option<resolver::CalendarPoint>,
}

/// The quarter a value names when it can be the quarter a story reports on:
/// not a comparison ("the year-ago quarter") and not one still to come ("the
/// third quarter of 1990" in a 1989 story is a forecast).
fn reported_quarter(value: &str, span_text: &str, anchor: Option<chrono::NaiveDate>) -> Option<(i32, u32)> {
    let lower = span_text.to_lowercase();
    let comparison = ["year-", "ago", "earlier", "comparable", "corresponding"]
        .iter()
        .any(|w| lower.contains(w));
    let (year, q) = parse_quarter(value).filter(|_| !comparison)?;
    let future = anchor.is_some_and(|a| (year, q) > (chrono::Datelike::year(&a), calendar::quarter_of(a)));
    (!future).then_some((year, q))
}

/// `2024-Q3` -> `(2024, 3)`.
fn parse_quarter(value: &str) -> Option<(i32, u32)> {
    let (year, q) = value.split_once("-Q")?;
    Some((year.parse().ok()?, q.parse().ok().filter(|n| (1..=4).contains(n))?))
}

fn never_matching() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant pattern"))
}

/// Is this a calendar value an event can carry (a date or time, not a duration,
/// a set or a reference like `PAST_REF`)?
fn is_calendar_value(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time) && t.value.as_deref().is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// Words before an expression that make it a bound of an interval rather than
/// the time the clause happened ("since March", "until Friday").
const BOUND_WORDS: [&str; 8] = ["since", "until", "till", "by", "before", "after", "from", "through"];

fn is_bound(doc: &Document, t: &Timex) -> bool {
    let before = doc.text.get(..t.span.start).unwrap_or("");
    let word = before.split_whitespace().next_back().unwrap_or("").to_lowercase();
    BOUND_WORDS.contains(&word.as_str())
}

/// The date for an event in sentence `si`: the first calendar DATE or TIME of the
/// sentence that is not the bound of an interval ("since March", "until
/// Friday"). Durations, sets, references and bounds never date an event.
pub fn sentence_date(doc: &Document, si: usize) -> Option<(usize, String)> {
    let (i, t) = doc
        .times
        .iter()
        .enumerate()
        .find(|(_, t)| t.sentence == si && is_calendar_value(t) && !is_bound(doc, t))?;
    Some((i, t.value.clone()?))
}

/// The date for an event whose trigger (its verb) is `trigger` in sentence `si`:
/// the calendar expression of the trigger's clause nearest the trigger, where
/// clauses are cut at semicolons and at commas that separate a reporting clause
/// ("..., he said Friday"); falls back to [`sentence_date`].
pub fn event_date(doc: &Document, si: usize, trigger: Span) -> Option<(usize, String)> {
    let sentence = doc.sentences.get(si)?.span;
    let clause = clause_around(&doc.text, sentence, trigger);
    doc.times
        .iter()
        .enumerate()
        .filter(|(_, t)| t.sentence == si && is_calendar_value(t) && clause.contains(t.span) && !is_bound(doc, t))
        .min_by_key(|(_, t)| {
            if t.span.end <= trigger.start {
                trigger.start - t.span.end
            } else {
                t.span.start.saturating_sub(trigger.end)
            }
        })
        .and_then(|(i, t)| Some((i, t.value.clone()?)))
        .or_else(|| sentence_date(doc, si))
}

/// The part of `sentence` between the clause breaks (`;`, `,`) around `trigger`.
fn clause_around(text: &str, sentence: Span, trigger: Span) -> Span {
    let body = sentence.text(text);
    let local = trigger.start.saturating_sub(sentence.start).min(body.len());
    let local_end = trigger.end.saturating_sub(sentence.start).clamp(local, body.len());
    let is_break = |c: char| c == ';' || c == ',';
    let start = body[..local].rfind(is_break).map_or(0, |i| i + 1);
    let end = body[local_end..].find(is_break).map_or(body.len(), |i| local_end + i);
    Span::new(sentence.start + start, sentence.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use detente_doc::ArticleMeta;
    use detente_text::TextStage;

    fn tagged(text: &str, published: &str) -> Document {
        let meta = ArticleMeta {
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            ..Default::default()
        };
        let mut doc = TextStage::default().build(meta, text);
        stage().annotate(&mut doc);
        doc
    }

    /// One stage for all tests: compiling the patterns is the slow part.
    fn stage() -> &'static TimeStage {
        static STAGE: std::sync::OnceLock<TimeStage> = std::sync::OnceLock::new();
        STAGE.get_or_init(TimeStage::new)
    }

    /// `(span text, TYPE, value)` of every expression found.
    fn times(text: &str, published: &str) -> Vec<(String, String, String)> {
        let doc = tagged(text, published);
        doc.times
            .iter()
            .map(|t| {
                (
                    doc.slice(t.span).to_string(),
                    format!("{:?}", t.kind).to_uppercase(),
                    t.value.clone().unwrap_or_else(|| "-".into()),
                )
            })
            .collect()
    }

    fn one(text: &str, published: &str) -> (String, String, String) {
        let t = times(text, published);
        assert_eq!(t.len(), 1, "{text}: {t:?}");
        t[0].clone()
    }

    fn value(text: &str, published: &str) -> String {
        one(text, published).2
    }

    fn t(span: &str, kind: &str, value: &str) -> (String, String, String) {
        (span.into(), kind.into(), value.into())
    }

    // 2024-03-07 is a Thursday; 2024-02-29 a Thursday (leap day); 2024-03-31 a
    // Sunday; 2023-12-31 a Sunday; 2024-03-04 a Monday.
    #[test]
    fn weekdays_by_tense_and_context() {
        assert_eq!(one("They met on Tuesday.", "2024-03-07"), t("Tuesday", "DATE", "2024-03-05"));
        assert_eq!(value("They will meet on Tuesday.", "2024-03-07"), "2024-03-12");
        assert_eq!(value("Earlier Tuesday, police arrested two men.", "2024-03-07"), "2024-03-05");
        assert_eq!(value("The talks are scheduled to resume Monday.", "2024-03-31"), "2024-04-01");
        assert_eq!(value("The minister said Sunday that talks failed.", "2024-03-31"), "2024-03-31");
        assert_eq!(value("He arrived last Monday.", "2024-03-04"), "2024-02-26");
        assert_eq!(value("Voting ends next Friday.", "2024-02-29"), "2024-03-01");
        assert_eq!(value("The rally was held Saturday.", "2023-12-31"), "2023-12-30");
        // Counted from the day the story last named.
        let doc = tagged(
            "Shares closed lower Friday. The index fell 4.5% from the previous Friday.",
            "1989-10-30",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["1989-10-27", "1989-10-20"]);
        assert_eq!(value("Talks resume the following Monday.", "2024-03-04"), "2024-03-11");
    }

    // 2013-03-20 is a Wednesday; 2024-03-31 a Sunday; 2024-02-29 a Thursday.
    #[test]
    fn a_state_lasting_until_a_day_points_forward() {
        // A Thursday, a Sunday and a Saturday at a month's end.
        assert_eq!(value("Banks are closed until Tuesday.", "2013-03-21"), "2013-03-26");
        assert_eq!(value("The border remains shut until Monday.", "2024-03-31"), "2024-04-01");
        assert_eq!(value("The museum will stay closed till Friday.", "2024-08-31"), "2024-09-06");
        // A state told in the past ended on a past day.
        assert_eq!(value("The road was closed until Tuesday.", "2013-03-21"), "2013-03-19");
    }

    #[test]
    fn present_tense_schedule_verbs_point_forward() {
        assert_eq!(value("Lawmakers vote Friday on the bill.", "2013-03-20"), "2013-03-22");
        assert_eq!(value("The bank reopens on Tuesday.", "2013-03-20"), "2013-03-26");
        assert_eq!(value("The bank stays closed until Tuesday.", "2013-03-20"), "2013-03-26");
        assert_eq!(value("The leaders meet Thursday in Brussels.", "2013-03-20"), "2013-03-21");
        assert_eq!(value("On Monday, the two leaders meet in Paris.", "2024-03-31"), "2024-04-01");
        assert_eq!(value("The court hears the case Friday.", "2024-02-29"), "2024-03-01");
        assert_eq!(value("Voters go to the polls on Sunday.", "2013-03-22"), "2013-03-24");
        assert_eq!(value("The firm announces results on Tuesday.", "2023-12-31"), "2024-01-02");
        assert_eq!(value("They hold talks on Monday.", "2024-03-31"), "2024-04-01");
        // What is awaited lies ahead.
        assert_eq!(value("Markets rallied ahead of Sunday's vote.", "2013-03-22"), "2013-03-24");
        assert_eq!(value("Shares fell ahead of Tuesday's meeting.", "2023-12-31"), "2024-01-02");
        assert_eq!(
            value("Parties campaigned in the run-up to Sunday's election.", "2024-02-29"),
            "2024-03-03"
        );
        assert_eq!(value("Crowds gathered on the eve of Sunday's vote.", "2024-03-31"), "2024-03-31");
        assert_eq!(value("Officials are preparing for Sunday's election.", "2013-03-22"), "2013-03-24");
        assert_eq!(
            value("Growth beat what economists had forecast ahead of Friday's figures.", "2013-03-20"),
            "2013-03-15"
        );
        assert_eq!(value("He was confirmed in a 68-31 vote on Thursday.", "2013-03-22"), "2013-03-21");
        // Nouns, past forms and infinitives are no such cue.
        assert_eq!(value("The vote Friday was close.", "2013-03-20"), "2013-03-15");
        assert_eq!(value("In a televised address Friday, he resigned.", "2013-03-20"), "2013-03-15");
        assert_eq!(value("They met Monday in Paris.", "2024-03-31"), "2024-03-25");
        assert_eq!(value("He did not vote Tuesday.", "2024-02-29"), "2024-02-27");
    }

    #[test]
    fn parts_of_a_year_named_with_their_year() {
        let p = "2013-03-20";
        assert_eq!(
            one("Profit rose in the first half of the year.", p),
            t("the first half of the year", "DATE", "2013-H1")
        );
        assert_eq!(value("Investors wait for the second half of the year.", p), "2013-H2");
        assert_eq!(value("Growth was weak in the first half of 2004.", p), "2004-H1");
        assert_eq!(value("It closes in the second half of next year.", "2024-03-31"), "2025-H2");
        assert_eq!(
            one("The first quarter of this year was weak.", p),
            t("The first quarter of this year", "DATE", "2013-Q1")
        );
        assert_eq!(value("Sales fell in the third quarter of last year.", "2023-12-31"), "2022-Q3");
        // The quarter a report is about, a year back.
        let doc = tagged(
            "Profit rose in the third quarter. That compares with $5 million in the same period last year.",
            "1989-10-30",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["1989-Q3", "1988-Q3"]);
        assert_eq!(value("For the quarter a year ago, it earned $5 million.", "1989-10-30"), "1988-Q3");
    }

    #[test]
    fn names_and_terms_that_are_no_times() {
        // Periods joined to periods: comparisons and manners.
        for text in [
            "The quarter-to-quarter comparison was weak.",
            "He runs the day-to-day operations.",
            "Sales rose on a year-to-year basis.",
            "Exports grew 3 percent year-over-year.",
            "Month-on-month, sales fell.",
        ] {
            assert!(times(text, "2024-02-29").is_empty(), "{text}");
        }
        let p = "2005-03-16";
        assert!(times("The current account deficit widened.", p).is_empty());
        assert!(times("He told BBC Radio 4's Today programme that he would stay.", p).is_empty());
        assert!(times("The report appeared in the China Daily newspaper.", p).is_empty());
        assert!(times("The Fed raised rates by a quarter point.", p).is_empty());
        assert!(times("It voted for a quarter percentage point rise.", p).is_empty());
        // Sentence-initial and lower-case forms still count.
        assert_eq!(value("Today, the bank cut rates.", p), "2005-03-16");
        assert_eq!(value("The current rules are unfair.", p), "PRESENT_REF");
        assert_eq!(one("The paper is published daily.", p), t("daily", "SET", "P1D"));
        assert!(times("He told the Sunday Times that he would stay.", p).is_empty());
        assert!(times("He wrote in the Mail on Sunday about it.", p).is_empty());
        assert_eq!(value("He told the BBC on Sunday that he would stay.", p), "2005-03-13");
    }

    #[test]
    fn seasons_as_nouns_and_names_are_no_times() {
        let p = "2005-03-16";
        assert!(times("The fall reflects weak exports.", p).is_empty());
        assert!(times("Since the fall of the Berlin Wall, trade grew.", p).is_empty());
        assert!(times("He won gold at the Winter Olympic Games.", p).is_empty());
        assert_eq!(value("Sales rose in the fall.", p), "2004-FA");
        assert_eq!(value("The summer was hot.", p), "2004-SU");
        assert_eq!(value("He was arrested last fall in his home.", p), "2004-FA");
        assert_eq!(value("Demand stayed weak well into the summer.", "1989-10-30"), "1989-SU");
    }

    #[test]
    fn holidays_from_easter_and_by_weekday() {
        let p = "2013-03-20";
        assert_eq!(
            one("The pope will celebrate Mass on Palm Sunday.", p),
            t("Palm Sunday", "DATE", "2013-03-24")
        );
        assert_eq!(value("Services will be held on Good Friday.", p), "2013-03-29");
        assert_eq!(value("Crowds marched on St. Patrick's Day.", p), "2013-03-17");
        assert_eq!(value("The store opened on Memorial Day.", "2024-06-10"), "2024-05-27");
        assert_eq!(value("Talks resume after Labor Day 2024.", p), "2024-09-02");
        assert_eq!(one("He recalled the Sept. 11 attacks.", p), t("Sept. 11", "DATE", "2001-09-11"));
        assert_eq!(value("Security changed after 9/11.", p), "2001-09-11");
        assert_eq!(value("The vote is on Sept. 11.", p), "2013-09-11");
        // A holiday a few weeks ahead stays ahead in a present or past clause;
        // one just gone stays behind; "last" goes back a year.
        assert_eq!(value("The church marks Easter Sunday.", "2013-03-14"), "2013-03-31");
        assert_eq!(value("Sales over Christmas were weak.", "2013-01-10"), "2012-12-25");
        assert_eq!(value("Last Easter he spoke.", "2013-03-14"), "2012-04-08");
        // Weeks named after a holiday: the ISO week of Good Friday.
        assert_eq!(
            one("Pilgrims arrived for Holy Week.", "2013-03-14"),
            t("Holy Week", "DATE", "2013-W13")
        );
        assert_eq!(value("Protesters prayed as Easter week began.", "2000-04-17"), "2000-W16");
    }

    #[test]
    fn an_article_before_an_attributive_period_stays_out() {
        let p = "1989-10-30";
        assert_eq!(
            one("A factor in the third-quarter loss was the write-down.", p),
            t("third-quarter", "DATE", "1989-Q3")
        );
        assert_eq!(
            one("It posted net income for the fiscal second-quarter of $8.6 million.", p).0,
            "fiscal second-quarter"
        );
        assert_eq!(one("He left early for the two day rally.", p), t("two day", "DURATION", "P2D"));
        // A noun phrase of its own keeps it.
        assert_eq!(one("Profit rose in the third quarter.", p).0, "the third quarter");
        assert_eq!(one("Sales rose in the nine months.", p).0, "the nine months");
    }

    #[test]
    fn hyphenated_halves_and_half_centuries() {
        let p = "2024-02-29";
        assert_eq!(
            one("She waited three-and-a-half years.", p),
            t("three-and-a-half years", "DURATION", "P3Y6M")
        );
        assert_eq!(one("It took a half-century to build.", p), t("a half-century", "DURATION", "P50Y"));
        assert_eq!(value("It lasted a quarter-century.", p), "P25Y");
    }

    #[test]
    fn explicit_dates_in_common_forms() {
        let p = "2024-03-07";
        assert_eq!(one("It began on March 5, 2024.", p), t("March 5, 2024", "DATE", "2024-03-05"));
        assert_eq!(value("It began on 5 March 2024.", p), "2024-03-05");
        assert_eq!(value("It began on 2024-03-05.", p), "2024-03-05");
        assert_eq!(value("It began on Sept. 30.", p), "2023-09-30");
        assert_eq!(value("It began on 5 March.", p), "2024-03-05");
        assert_eq!(value("It began in March 2024.", p), "2024-03");
        assert_eq!(one("It began in the 1990s.", p), t("the 1990s", "DATE", "199"));
        assert_eq!(one("It began in 2019.", p), t("2019", "DATE", "2019"));
        assert_eq!(value("It began on Tuesday, March 5.", p), "2024-03-05");
        assert_eq!(value("They meet on Jan. 10.", "2023-12-31"), "2024-01-10");
        // A year before its noun after any determiner; a date a few months
        // ahead is that one even in a clause without a future cue.
        assert_eq!(one("A 1996 law named for him stands.", p), t("1996", "DATE", "1996"));
        assert_eq!(value("The dividend is payable Jan. 2 to holders.", "2023-11-02"), "2024-01-02");
        assert_eq!(value("The dividend was paid Oct. 2 to holders.", "2023-11-02"), "2023-10-02");
    }

    #[test]
    fn clock_times_take_the_day_of_their_sentence() {
        assert_eq!(
            times("The blast occurred at 10:35 a.m. (0735 GMT) Friday.", "2024-03-09")[0],
            t("10:35 a.m.", "TIME", "2024-03-08T10:35")
        );
        assert_eq!(value("The blast occurred at 10:35 a.m.", "2024-03-09"), "2024-03-09T10:35");
        // Without a day in its own sentence, the day the story last named.
        assert_eq!(
            times("The siege began on Friday. Gunmen opened fire at 10 a.m.", "2024-03-09")[1],
            t("10 a.m.", "TIME", "2024-03-08T10:00")
        );
        assert_eq!(
            times("The siege began in March. Gunmen opened fire at 10 a.m.", "2024-03-09")[1],
            t("10 a.m.", "TIME", "2024-03-09T10:00")
        );
    }

    #[test]
    fn twenty_four_hour_clocks_with_their_zone() {
        // Thursday anchor: the clock takes the day its sentence names.
        assert_eq!(
            times("Polls will close at 2200 GMT on Friday.", "2024-03-07")[0],
            t("2200 GMT", "TIME", "2024-03-08T22:00")
        );
        assert_eq!(
            one("The strike began at 0900 local time.", "2024-02-29"),
            t("0900 local time", "TIME", "2024-02-29T09:00")
        );
        assert_eq!(value("The meeting starts at 15:00 GMT.", "2024-03-31"), "2024-03-31T15:00");
        // A restatement in brackets, a count and an hour past 23 are no clock times.
        assert_eq!(times("It blew up at 10:35 a.m. (0735 GMT).", "2024-03-09").len(), 1);
        assert!(times("He won 1230 votes.", "2024-03-09").is_empty());
        assert!(times("It arrived at 2460 GMT.", "2024-03-09").is_empty());
    }

    #[test]
    fn coordinated_clauses_keep_their_own_tense() {
        // 2013-03-14 is a Thursday.
        let p = "2013-03-14";
        assert_eq!(
            times("He arrived in Rome on Monday and will leave Saturday.", p),
            vec![t("Monday", "DATE", "2013-03-11"), t("Saturday", "DATE", "2013-03-16")]
        );
        assert_eq!(
            times("Officials met Monday but will meet again Friday.", p),
            vec![t("Monday", "DATE", "2013-03-11"), t("Friday", "DATE", "2013-03-15")]
        );
        // A time allowed until a day lies ahead; at a month's end too.
        assert_eq!(value("He has until Friday to respond.", p), "2013-03-15");
        assert_eq!(value("They have until Tuesday to decide.", "2024-02-29"), "2024-03-05");
        assert_eq!(value("Officials hope to finish the talks by Sunday.", p), "2013-03-17");
        assert_eq!(value("Rebels aim to take the town Saturday.", "2024-03-31"), "2024-04-06");
    }

    #[test]
    fn a_past_verb_before_the_preposition_keeps_a_month_behind() {
        let p = "1998-10-25";
        assert_eq!(value("The clinic was bombed in January.", p), "1998-01");
        assert_eq!(value("The clinic was bombed on Jan. 5.", p), "1998-01-05");
        // Plans and participles after `be` still look ahead; so does a bare month.
        assert_eq!(value("The company will pay in January.", p), "1999-01");
        assert_eq!(value("The rules are to be published in early November.", "1989-10-20"), "1989-11");
        assert_eq!(value("The dividend is payable Jan. 2.", p), "1999-01-02");
    }

    #[test]
    fn years_with_a_prefix() {
        assert_eq!(
            one("The post-1959 politics split families.", "2000-02-24"),
            t("post-1959", "DATE", "1959")
        );
        assert_eq!(
            one("Output is back to pre-2008 levels.", "2013-03-21"),
            t("pre-2008", "DATE", "2008")
        );
        assert!(times("Use a pre-1200 filter.", "2013-03-21").is_empty());
    }

    #[test]
    fn years_before_1500_need_a_preposition() {
        let p = "2013-03-14";
        assert_eq!(one("He is the first pope to resign since 1415.", p), t("1415", "DATE", "1415"));
        assert_eq!(value("In 1054 the church split.", p), "1054");
        assert!(times("He cited 1200 cases.", p).is_empty());
        assert!(times("Some 1200 people came.", p).is_empty());
        assert_eq!(
            times("It is shown from 1130 to 1215 GMT.", p),
            vec![t("1215 GMT", "TIME", "2013-03-14T12:15")]
        );
    }

    #[test]
    fn numeric_dates_with_the_day_first() {
        assert_eq!(
            one("The deal was signed 14/03/2013.", "2013-03-20"),
            t("14/03/2013", "DATE", "2013-03-14")
        );
        assert_eq!(value("The deal was signed 3/14/2013.", "2013-03-20"), "2013-03-14");
        // Both numbers twelve or less: month first, as American news writes it.
        assert_eq!(value("The deal was signed 3/4/2013.", "2013-03-20"), "2013-03-04");
    }

    #[test]
    fn final_quarters_and_years_to_a_month() {
        let p = "2005-02-28";
        assert_eq!(
            one("Donations rose in the final quarter of 2004.", p),
            t("the final quarter of 2004", "DATE", "2004-Q4")
        );
        assert_eq!(value("Donations rose in the last quarter of 2003.", p), "2003-Q4");
        assert_eq!(
            one("Prices doubled over the past half century.", p),
            t("the past half century", "DURATION", "P50Y")
        );
        assert_eq!(
            times("In the fiscal year ended Jan. 31, it earned $5 million.", p)[0],
            t("the fiscal year", "DURATION", "P1Y")
        );
        assert_eq!(value("Donations rose in the final quarter.", p), "2004-Q4");
        // British "the year to March": a year's length, as "the year ended March 31".
        assert_eq!(
            times("Growth was 6% in the year to March 2005.", p)[0],
            t("the year", "DURATION", "P1Y")
        );
        assert!(times("Sales in the year to date rose.", p).iter().all(|x| x.1 != "DURATION"));
    }

    #[test]
    fn a_length_after_a_preposition_is_no_rate() {
        let p = "2024-03-07";
        assert_eq!(
            one("Growth stayed above 9% for more than a year.", p),
            t("more than a year", "DURATION", "P1Y")
        );
        assert_eq!(value("Output rose 3% over a month.", p), "P1M");
        // The count right before the period still makes a rate.
        assert!(times("Prices rose 5% a year.", p).is_empty());
        assert!(times("It runs four flights a week.", p).is_empty());
    }

    #[test]
    fn soon_after_a_present_passive_is_still_ahead() {
        assert_eq!(
            one("The next pope will be named soon.", "2013-03-12"),
            t("soon", "DATE", "FUTURE_REF")
        );
        assert!(times("He was soon released.", "2013-03-12").is_empty());
    }

    #[test]
    fn days_without_their_month_and_bare_parts_of_day() {
        assert_eq!(
            one("The vote was held on the 5th.", "2024-03-07"),
            t("the 5th", "DATE", "2024-03-05")
        );
        assert_eq!(value("The vote was held on the 28th.", "2024-03-07"), "2024-02-28");
        assert_eq!(value("The vote will be held on the 2nd.", "2024-03-31"), "2024-04-02");
        assert!(times("The 5th Fleet sailed.", "2024-03-07").is_empty());
        assert_eq!(
            times("The summit is on April 24 and 25.", "2024-03-07"),
            vec![t("April 24", "DATE", "2024-04-24"), t("25", "DATE", "2024-04-25")]
        );
        assert_eq!(
            one("Shares fell in the morning.", "2024-03-07"),
            t("the morning", "TIME", "2024-03-07TMO")
        );
        assert_eq!(
            one("By mid-afternoon Tuesday, shares fell.", "2024-03-07"),
            t("mid-afternoon Tuesday", "TIME", "2024-03-05TAF")
        );
        assert_eq!(
            value("In Tokyo at mid-afternoon yesterday, shares fell.", "2024-03-07"),
            "2024-03-06TAF"
        );
        assert_eq!(value("Rebels attacked overnight.", "2024-03-07"), "2024-03-07TNI");
        assert!(times("On the morning of the vote, shares fell.", "2024-03-07").is_empty());
        assert_eq!(value("It lasted one hundred and fifty years.", "2024-03-07"), "P150Y");
        assert_eq!(one("For the year, sales fell.", "2024-03-07"), t("the year", "DATE", "2024"));
        assert_eq!(value("The year before, sales fell.", "2024-03-07"), "2023");
        assert_eq!(one("It ends in the year 2030.", "2024-03-07"), t("the year 2030", "DATE", "2030"));
    }

    #[test]
    fn tense_cues() {
        // "next to" is a place; "had been due to" a plan seen from the past.
        assert_eq!(
            value("Dozens died in the blasts next to the embassies on Friday.", "2024-03-09"),
            "2024-03-08"
        );
        assert_eq!(value("The offer had been due to expire Friday.", "2024-03-11"), "2024-03-08");
        assert_eq!(value("Protesters were planning to march on Monday.", "2024-03-08"), "2024-03-11");
        // Capitalised words in -ed are names, not past forms.
        assert_eq!(
            value("The father would be traveling to the United States Thursday.", "2024-03-05"),
            "2024-03-07"
        );
        assert_eq!(value("Ahmed will meet the envoy on Friday.", "2024-03-05"), "2024-03-08");
        assert_eq!(
            value("Voters need to register by Friday, officials will say.", "2024-03-05"),
            "2024-03-08"
        );
        assert!(!is_past_verb("x United", 2, "United"));
        assert!(is_past_verb("Ended talks", 0, "Ended"));
        assert!(is_past_verb("they ended", 5, "ended"));
        // Participles after a present or future "be" are no past forms.
        assert_eq!(value("The funeral will be held Saturday.", "2013-03-13"), "2013-03-16");
        assert_eq!(value("The results will be released on Monday.", "2013-03-13"), "2013-03-18");
        assert_eq!(value("The rally was held Saturday.", "2013-03-13"), "2013-03-09");
        // A present-tense copula before the day points ahead.
        assert_eq!(value("The deadline is Friday.", "2013-03-13"), "2013-03-15");
        assert_eq!(value("Funeral services are on Saturday.", "2013-03-13"), "2013-03-16");
        // A deadline moved or set to a day lies ahead.
        assert_eq!(
            value("Officials postponed until Tuesday morning any action.", "2000-03-30"),
            "2000-04-04TMO"
        );
        assert_eq!(
            value("The agency gave the family until 9 a.m. Tuesday to sign.", "2000-03-30"),
            "2000-04-04T09:00"
        );
        assert_eq!(value("He stayed until Tuesday.", "2000-03-30"), "2000-03-28");
        // "by" and "until" before a month or month-day without a year name a
        // deadline ahead (a weekday keeps its clause's tense: "had filed by
        // Wednesday").
        assert_eq!(value("The firm had to pay the loan by February.", "1989-10-30"), "1990-02");
        assert_eq!(value("He must be returned by Jan. 14, officials said.", "2000-01-06"), "2000-01-14");
        assert_eq!(value("A court ordered that he stay until March 6.", "2000-02-24"), "2000-03-06");
    }

    #[test]
    fn lengths_counted_from_an_event_and_the_time_told() {
        let p = "2024-03-07";
        assert_eq!(one("Hours later, he was dead.", p), t("Hours", "DURATION", "PTXH"));
        assert_eq!(one("A few days later, the firm sold it.", p), t("A few days", "DURATION", "PXD"));
        assert_eq!(one("Three days later, talks resumed.", p), t("Three days", "DURATION", "P3D"));
        assert_eq!(one("Minutes earlier the bomb had gone off.", p), t("Minutes", "DURATION", "PTXM"));
        assert_eq!(one("He said at the time he was willing.", p), t("the time", "DATE", "PAST_REF"));
        assert_eq!(one("He said at that time it was over.", p), t("that time", "DATE", "PAST_REF"));
        assert!(times("There were 12 members at the time of its founding.", p).is_empty());
        assert_eq!(one("Two decades ago the wall fell.", p), t("Two decades ago", "DATE", "2004"));
        assert_eq!(value("Several years ago the plant closed.", p), "PAST_REF");
        assert_eq!(one("It follows months of talks.", p), t("months", "DURATION", "PXM"));
        assert_eq!(one("After weeks of sparring, they met.", p), t("weeks", "DURATION", "PXW"));
        assert_eq!(one("He died within a week of his capture.", p), t("a week", "DURATION", "P1W"));
        assert_eq!(one("He spent decades in exile.", p), t("decades", "DURATION", "PXDE"));
        assert_eq!(
            one("He ruled for a quarter-century.", p),
            t("a quarter-century", "DURATION", "P25Y")
        );
        assert_eq!(one("It lasted a quarter century.", p), t("a quarter century", "DURATION", "P25Y"));
        // Present-tense verbs of a schedule point forward.
        assert_eq!(value("The conclave begins Tuesday.", p), "2024-03-12");
        assert_eq!(value("The minister arrives on Monday.", p), "2024-03-11");
    }

    #[test]
    fn counts_are_not_years() {
        assert!(times("Police counted 2019 votes.", "2024-03-07").is_empty());
        assert!(times("It cost $1990 in total.", "2024-03-07").is_empty());
        assert!(times("A 20-year-old man was hurt.", "2024-03-07").is_empty());
        assert!(times("They may march to the capital.", "2024-03-07").is_empty());
    }

    #[test]
    fn clock_times_and_parts_of_day() {
        assert_eq!(
            one("The blast came at 3 p.m. local time.", "2024-03-07"),
            t("3 p.m. local time", "TIME", "2024-03-07T15:00")
        );
        assert_eq!(value("It ended at 10:30 p.m. Tuesday.", "2024-03-07"), "2024-03-05T22:30");
        assert_eq!(value("It ended at noon Friday.", "2024-03-31"), "2024-03-29T12:00");
        assert_eq!(
            one("Fighting resumed Friday night.", "2024-03-31"),
            t("Friday night", "TIME", "2024-03-29TNI")
        );
        // A weekday's part of day stays in its value, as TimeBank writes it
        // (4 of 4; AQUAINT mostly writes the bare day).
        assert_eq!(
            one("He spoke Monday morning.", "2024-01-31"),
            t("Monday morning", "TIME", "2024-01-29TMO")
        );
        assert_eq!(value("They will meet Sunday evening.", "2023-12-30"), "2023-12-31TEV");
        assert_eq!(value("He spoke this morning.", "2024-02-29"), "2024-02-29TMO");
        assert_eq!(value("Shots were heard last night.", "2024-03-01"), "2024-02-29TNI");
    }

    #[test]
    fn relative_expressions() {
        let p = "2024-03-07";
        assert_eq!(value("It happened yesterday.", p), "2024-03-06");
        assert_eq!(value("It happened yesterday.", "2024-03-01"), "2024-02-29");
        assert_eq!(value("It happens today.", p), "2024-03-07");
        assert_eq!(value("It happens tomorrow.", "2024-03-31"), "2024-04-01");
        assert_eq!(one("It happened last week.", p), t("last week", "DATE", "2024-W09"));
        assert_eq!(value("It happened last month.", "2024-01-31"), "2023-12");
        assert_eq!(value("It happens this year.", p), "2024");
        assert_eq!(value("It happens next year.", "2023-12-31"), "2024");
        assert_eq!(one("It happened two years ago.", p), t("two years ago", "DATE", "2022"));
        assert_eq!(value("It happened three weeks ago.", p), "2024-W07");
        assert_eq!(value("Prices have risen since October.", "2024-06-15"), "2023-10");
        assert_eq!(value("Prices have risen since October.", "2024-11-15"), "2024-10");
        assert_eq!(
            one("He resigned earlier this month.", "2024-03-31"),
            t("earlier this month", "DATE", "2024-03")
        );
        assert_eq!(value("Talks continue in the coming months.", p), "FUTURE_REF");
        assert_eq!(value("He recently resigned.", p), "PAST_REF");
        assert_eq!(one("Growth slowed in recent years.", p), t("recent years", "DATE", "PAST_REF"));
        assert_eq!(one("Prices fell in recent weeks.", p), t("recent weeks", "DURATION", "PXW"));
        assert_eq!(value("Prices fell over the past few years.", p), "PXY");
        assert_eq!(value("Talks will resume soon.", p), "FUTURE_REF");
        assert!(times("He was soon released.", p).is_empty());
        assert_eq!(one("They met a week or so ago.", p), t("a week or so ago", "DATE", "2024-W09"));
        assert_eq!(value("He is now in hiding.", p), "PRESENT_REF");
        assert_eq!(one("Now that the talks failed, troops moved.", p), t("Now", "DATE", "PRESENT_REF"));
        assert_eq!(value("It opened last summer.", p), "2023-SU");
        assert_eq!(value("Profit fell in the third quarter.", "2023-10-26"), "2023-Q3");
    }

    #[test]
    fn durations() {
        let p = "2024-03-07";
        assert_eq!(one("They talked for about four hours.", p), t("four hours", "DURATION", "PT4H"));
        assert_eq!(value("They talked for six and a half hours.", p), "PT6H30M");
        assert_eq!(one("He began a three-day visit.", p), t("three-day", "DURATION", "P3D"));
        assert_eq!(one("The weeklong festival ended.", p), t("weeklong", "DURATION", "P1W"));
        assert_eq!(one("After a yearlong inquiry, police acted.", p), t("yearlong", "DURATION", "P1Y"));
        assert!(times("The songs belong to him.", p).is_empty());
        assert_eq!(value("He served ten years in prison.", p), "P10Y");
        assert_eq!(value("It took nearly a decade.", p), "P10Y");
        assert_eq!(value("Prices rose over the past two years.", p), "P2Y");
        assert_eq!(value("The siege lasted twenty-five days.", p), "P25D");
        assert_eq!(value("He waited for several months.", p), "PXM");
        assert_eq!(value("He waited half an hour.", p), "PT30M");
    }

    #[test]
    fn sets() {
        let p = "2024-03-07";
        assert_eq!(one("The festival is held every year.", p), t("every year", "SET", "P1Y"));
        assert_eq!(one("The council meets weekly.", p), t("weekly", "SET", "P1W"));
        assert_eq!(value("They meet twice a month.", p), "P1M");
        assert_eq!(value("He prays every Friday.", p), "XXXX-WXX-5");
        assert_eq!(
            one("Flights leave on Tuesday nights.", p),
            t("Tuesday nights", "SET", "XXXX-WXX-2TNI")
        );
        assert_eq!(value("They march each July.", p), "XXXX-07");
        assert!(times("Quarterly earnings rose.", p).is_empty());
        assert_eq!(one("He spoke at a daily rally.", p), t("daily", "SET", "P1D"));
        // Rates are no sets.
        assert!(times("Sales should rise 8.5% annually.", "2024-03-07").is_empty());
        assert!(times("The plant makes 10,000 units annually.", "2024-03-07").is_empty());
        assert!(times("It runs four flights a week.", "2024-03-07").is_empty());
        assert_eq!(
            one("Guards watch 24 hours a day.", "2024-03-07"),
            t("24 hours", "DURATION", "PT24H")
        );
    }

    #[test]
    fn holidays_spelled_years_and_period_ends() {
        assert_eq!(value("He arrived on Thanksgiving Day.", "2024-03-07"), "2023-11-23");
        assert_eq!(value("Voters will go to the polls on Election Day.", "2024-03-07"), "2024-11-05");
        assert_eq!(value("They met last Christmas.", "2024-03-07"), "2023-12-25");
        assert_eq!(value("Easter 2024 fell early.", "2024-03-07"), "2024-03-31");
        assert_eq!(value("It happened in nineteen ninety-six.", "2024-03-07"), "1996");
        // A spelled year after a month or a season belongs to it (transcripts).
        assert_eq!(
            one("January nineteen ninety-seven. Atlanta again.", "1998-02-27"),
            t("January nineteen ninety-seven", "DATE", "1997-01")
        );
        assert_eq!(
            one("Prices we saw in the winter of nineteen ninety-four.", "1998-02-23"),
            t("the winter of nineteen ninety-four", "DATE", "1994-WI")
        );
        assert_eq!(value("It closed in May nineteen eighty.", "2024-12-31"), "1980-05");
        assert_eq!(value("Oil peaked in the summer of 2008.", "2024-01-01"), "2008-SU");
        assert_eq!(value("Prices fell through the nineties.", "2024-03-07"), "199");
        assert_eq!(value("The deal should close by the end of the year.", "2024-03-07"), "2024");
        assert_eq!(value("It should close by year end.", "2024-01-31"), "2024");
        assert_eq!(one("He recalled the 1956 uprising.", "2024-03-07"), t("1956", "DATE", "1956"));
        assert_eq!(value("It was built in the 11th century.", "2024-03-07"), "10");
    }

    #[test]
    fn anaphoric_expressions_without_a_story_date_lean_on_the_publication() {
        // A Friday at a leap month's end, a Sunday, a year's last and first days.
        assert_eq!(
            one("The day before, he had met the president.", "2024-03-01"),
            t("The day before", "DATE", "2024-02-29")
        );
        assert_eq!(value("The previous week, police arrested two men.", "2024-03-03"), "2024-W08");
        assert_eq!(
            one("That night, the rebels withdrew.", "2023-12-31"),
            t("That night", "TIME", "2023-12-31TNI")
        );
        assert_eq!(value("The year before, sales fell.", "2024-01-01"), "2023");
        assert_eq!(value("The following month, prices rose.", "2024-12-31"), "2025-01");
        assert_eq!(value("The next day they signed.", "2024-01-31"), "2024-02-01");
        // No publication date: nothing to count from, nothing guessed.
        assert!(times("The day before, he had met the president.", "").is_empty());
        assert_eq!(value("It happened that day.", ""), "-");
    }

    #[test]
    fn anaphoric_expressions_lean_on_the_last_date() {
        let t = times("He fled in June 1998 and returned later that year.", "2000-01-28");
        assert_eq!(t[1], ("later that year".into(), "DATE".into(), "1998".into()));
        let t = times("They met on March 3, 2023. The next day they signed.", "2024-03-07");
        assert_eq!(t[1], ("The next day".into(), "DATE".into(), "2023-03-04".into()));
        // Before the story names a date, its own day is the publication day.
        assert_eq!(value("It happened that day.", "2024-03-07"), "2024-03-07");
        let t = times("Profit rose in 1989 from $3 million the year before.", "1990-01-28");
        assert_eq!(t[1], ("the year before".into(), "DATE".into(), "1988".into()));
        let t = times("They met on March 3, 2023, and signed the day after.", "2024-03-07");
        assert_eq!(t[1], ("the day after".into(), "DATE".into(), "2023-03-04".into()));
        let t = times("Sales fell in 1989 after rising the prior year.", "1990-01-28");
        assert_eq!(t[1], ("the prior year".into(), "DATE".into(), "1988".into()));
        // A coarser story date leaves the finer part open.
        let t = times(
            "He was killed in October 1998. His name was crossed out that same day.",
            "1999-02-06",
        );
        assert_eq!(t[1], ("that same day".into(), "DATE".into(), "1998-10-XX".into()));
        let t = times("The crash came in 1987. Trades made that day lost money.", "1989-10-30");
        assert_eq!(t[1], ("that day".into(), "DATE".into(), "1987-XX-XX".into()));
        let t = times("The crash came in 1987. Later that month, prices rose.", "1989-10-30");
        assert_eq!(t[1], ("Later that month".into(), "DATE".into(), "1987-XX".into()));
        // Counted from an event the sentence names, not from a date.
        let t = times("He was seen on Nov. 3, the day before police issued a warrant.", "1998-11-21");
        assert_eq!(t.len(), 1, "{t:?}");
    }

    #[test]
    fn days_counted_within_an_event() {
        // A present copula: the story's own day, whatever weekday or month end.
        for anchor in ["2024-03-07", "2024-02-29", "2024-03-31", "2023-12-31"] {
            assert_eq!(
                one("In Riyadh, this is the eighth day of the blockade.", anchor),
                t("the eighth day", "DATE", anchor)
            );
        }
        assert_eq!(value("It's the second day of the offensive.", "2024-03-04"), "2024-03-04");
        // A past copula: the day the story last named, else nothing.
        let t = times(
            "The strike began on Feb. 27. Feb. 28 was the second day of the strike.",
            "2024-03-07",
        );
        assert_eq!(t[2], ("the second day".into(), "DATE".into(), "2024-02-28".into()));
        let t = times("Protesters marched on Sunday, which was the 3rd day of the protests.", "2023-12-31");
        assert_eq!(t[1].2, "2023-12-31", "{t:?}");
        assert!(times("It was the second day of the strike.", "2024-03-07").is_empty());
        // Not a copula: "on the first day of trading" is left alone.
        assert!(times("Shares rose on the first day of trading.", "2024-03-07").is_empty());
    }

    #[test]
    fn a_clock_restated_in_brackets_is_no_year() {
        for anchor in ["2013-03-22", "2024-02-29", "2023-12-31"] {
            let found = times("The curfew begins at 10 p.m. local time (1800 GMT).", anchor);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].1, "TIME");
            assert!(times("Trading resumed (1430 UTC).", anchor).is_empty());
        }
        assert_eq!(value("The law dates from 1800.", "2024-02-29"), "1800");
    }

    #[test]
    fn a_weekday_of_a_named_week_and_a_month_a_year_back() {
        // 2013-03-22 a Friday, 2024-03-31 a Sunday, 2023-12-31 a Sunday, 2024-02-29 a Thursday.
        assert_eq!(
            one("Talks collapsed on Friday last week.", "2013-03-22"),
            t("Friday last week", "DATE", "2013-03-15")
        );
        assert_eq!(value("Talks collapsed on Monday last week.", "2024-03-31"), "2024-03-18");
        assert_eq!(value("Talks resume on Tuesday next week.", "2023-12-31"), "2024-01-02");
        assert_eq!(value("Talks resume on Friday this week.", "2024-02-29"), "2024-03-01");
        // The month the sentence speaks of, a year back; else the publication's.
        let found = times("Exports rose 5% in February from the same month last year.", "2013-03-22");
        assert_eq!(found[1], t("the same month last year", "DATE", "2012-02"));
        assert_eq!(value("Sales were up on the same month a year earlier.", "2024-02-29"), "2023-02");
        // A leap day has no day a year back: only "last year" is left.
        assert_eq!(
            one("Sales were up on the same day last year.", "2024-02-29"),
            t("last year", "DATE", "2023")
        );
        assert_eq!(value("Sales were up on the same day last year.", "2023-12-31"), "2022-12-31");
    }

    #[test]
    fn a_plan_reported_with_would_points_ahead() {
        // 2013-03-22 is a Friday, 2024-02-29 a Thursday, 2023-12-31 a Sunday.
        let said = "Police said a man who was arrested on Sunday would appear in court on Monday.";
        let t = times(said, "2013-03-22");
        assert_eq!((t[0].2.as_str(), t[1].2.as_str()), ("2013-03-17", "2013-03-25"), "{t:?}");
        assert_eq!(value("He said he would return on Tuesday.", "2024-02-29"), "2024-03-05");
        assert_eq!(value("He said he would return on Tuesday.", "2023-12-31"), "2024-01-02");
        // "to be" and a participle: still to come, unless it names a state.
        assert_eq!(
            value("The report, to be published on Monday, shows rising debt.", "2013-03-22"),
            "2013-03-25"
        );
        assert_eq!(value("A funeral is to be held on Sunday.", "2024-02-29"), "2024-03-03");
        assert_eq!(value("The man, said to be armed on Monday, fled.", "2024-02-29"), "2024-02-26");
        // "would have": a past that did not happen.
        assert_eq!(value("He would have turned 60 on Tuesday.", "2024-02-29"), "2024-02-27");
    }

    #[test]
    fn some_day_ahead_and_counted_pasts() {
        for anchor in ["2024-03-07", "2024-02-29", "2023-12-31"] {
            assert_eq!(
                one("Islam will one day be the largest faith.", anchor),
                t("one day", "DATE", "FUTURE_REF")
            );
            assert_eq!(value("He hopes to one day return home.", anchor), "FUTURE_REF");
            // A length still, after a count or a preposition.
            assert_eq!(value("The strike lasted one day.", anchor), "P1D");
        }
        // An average per period is a rate.
        assert!(times("Average daily volume was 133 million shares.", "2024-03-07").is_empty());
        assert!(times("The average weekly wage rose 2%.", "2024-03-07").is_empty());
        assert_eq!(value("Protesters gather daily outside.", "2024-03-07"), "P1D");
        // "the past" before a count of periods is no reference to the past.
        assert!(times("Riots broke out for the past three summers.", "2024-03-07").is_empty());
        assert!(times("Shares fell in the past two sessions.", "2024-03-07").is_empty());
        assert_eq!(value("Prices were higher in the past.", "2024-03-07"), "PAST_REF");
        assert_eq!(value("Rates will stay low over the longer term.", "2024-03-07"), "FUTURE_REF");
        assert_eq!(value("Growth will slow in the medium term.", "2024-03-07"), "FUTURE_REF");
    }

    #[test]
    fn last_month_day() {
        assert_eq!(
            one("He was shot last Oct. 23 at his home.", "1999-04-19"),
            t("Oct. 23", "DATE", "1998-10-23")
        );
        assert_eq!(one("Voting ends next March 5.", "2024-03-07"), t("March 5", "DATE", "2025-03-05"));
        let t = times("In the fiscal year ended Jan. 31, sales rose.", "1989-11-02");
        assert_eq!(t[1], ("Jan. 31".into(), "DATE".into(), "1989-01-31".into()));
    }

    #[test]
    fn weeks_of_a_day_and_last_halves() {
        let p = "2000-02-24";
        assert_eq!(
            one("A hearing is set for the week of March 6.", p),
            t("the week of March 6", "DATE", "2000-W10")
        );
        assert_eq!(
            one("Earnings fell in the last half of 1989.", p),
            t("the last half of 1989", "DATE", "1989-H2")
        );
        assert_eq!(one("Sales fell in the last half of the '80s.", p), t("the '80s", "DATE", "198"));
    }

    #[test]
    fn generic_todays() {
        assert!(times("The case is for today's youth what the war was for us.", "2024-03-07").is_empty());
        assert!(times("Chips in many of today's personal computers fail.", "2024-03-07").is_empty());
        assert_eq!(value("Today's vote was close.", "2024-03-07"), "2024-03-07");
    }

    #[test]
    fn this_quarter_by_tense() {
        assert_eq!(value("Sales will pick up this quarter.", "2013-03-14"), "2013-Q1");
        assert_eq!(value("This quarter's loss includes a charge.", "1989-11-01"), "1989-Q3");
    }

    #[test]
    fn earnings_comparisons_follow_the_quarter() {
        let doc = tagged(
            "Profit rose in the third quarter. It earned $5 million a year earlier.",
            "2023-10-26",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["2023-Q3", "2022-Q3"]);
        // A count of years longer than one is no earnings comparison.
        let doc = tagged(
            "Growth slowed in the first quarter of 2013. The firm was founded 150 years ago.",
            "2013-03-21",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["2013-Q1", "1863"]);
        // The quarter of the comparison's own sentence wins over an older one,
        // and a forecast quarter is no reference.
        let doc = tagged(
            "It stopped paying in the third quarter of 1984. Third-quarter net rose from a year ago.",
            "1989-10-27",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["1984-Q3", "1989-Q3", "1988-Q3"]);
        let doc = tagged(
            "Third-quarter profit fell. Losses will last through the third quarter of 1990. Sales fell from a year ago.",
            "1989-10-26",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["1989-Q3", "1990-Q3", "1988-Q3"]);
        let doc = tagged(
            "Profit rose in the second quarter. Results for that quarter included a charge.",
            "1989-10-26",
        );
        let values: Vec<_> = doc.times.iter().filter_map(|t| t.value.clone()).collect();
        assert_eq!(values, vec!["1989-Q2", "1989-Q2"]);
    }

    proptest::proptest! {
        #[test]
        fn tagging_never_panics_and_spans_are_sound(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "on", "Tuesday", "March", "5,", "2024", "last", "week", "ago", "two", "years", "the",
                "1990s", "at", "3", "p.m.", "every", "day", "a", "half", "hours", "é", "—", "said", "will",
                "-", "1/2", "that", "next", "morning", "$", "quarter", "Sept.", "30", "since", "October",
                "vote", "meets", "of", "year", "first", "fall", "Sunday", "Times", "current", "account", "Today",
                "three-and-a-half", "didn't", "'s", "``", "''", "reopens", "take effect", "period", ",",
            ]), 0..30),
            anchor_days in 0i64..20_000,
        ) {
            let text = words.join(" ");
            let anchor = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).map(|d| d + chrono::Duration::days(anchor_days));
            let tags = stage().tag_sentence(&text, anchor);
            let mut last_end = 0;
            for (start, end, _, _) in tags {
                proptest::prop_assert!(start < end && start >= last_end && end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
                last_end = end;
            }
        }
    }

    proptest::proptest! {
        /// A weekday a present-tense schedule verb governs lies in the seven
        /// days after the anchor (the anchor's own weekday is the anchor);
        /// a half of the year named with its year keeps that year.
        #[test]
        fn schedule_verbs_and_halves_of_the_year(anchor_days in 0i64..20_000, weekday in 0usize..7) {
            let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
            let Some(anchor) = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).map(|d| d + chrono::Duration::days(anchor_days)) else {
                return Ok(());
            };
            let tags = stage().tag_sentence(&format!("Lawmakers vote {} on the bill.", names[weekday]), Some(anchor));
            let day = tags.first().and_then(|t| t.3.clone()).and_then(|v| chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
            let ahead = day.map(|d| (d - anchor).num_days());
            proptest::prop_assert!(ahead.is_some_and(|n| (0..7).contains(&n)), "{:?} from {}", day, anchor);
            let tags = stage().tag_sentence("Profit fell in the second half of last year.", Some(anchor));
            let expected = format!("{}-H2", chrono::Datelike::year(&anchor) - 1);
            proptest::prop_assert_eq!(tags.first().and_then(|t| t.3.clone()), Some(expected));
        }

        /// Before the story names a date, anaphoric days count from the
        /// publication day, across month and year ends.
        #[test]
        fn anaphoric_days_count_from_the_publication(anchor_days in 0i64..20_000) {
            let Some(anchor) = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).map(|d| d + chrono::Duration::days(anchor_days)) else {
                return Ok(());
            };
            for (text, offset) in [("The day before, he met them.", -1), ("That same day, he met them.", 0), ("The next day he met them.", 1)] {
                let tags = stage().tag_sentence(text, Some(anchor));
                let expected = (anchor + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string();
                proptest::prop_assert_eq!(tags.first().and_then(|t| t.3.clone()), Some(expected), "{}", text);
            }
        }
    }

    #[test]
    fn no_anchor_no_guess() {
        assert_eq!(one("They met yesterday.", "none"), t("yesterday", "DATE", "-"));
        assert_eq!(value("They met on Tuesday.", "none"), "-");
        assert_eq!(value("It happened last week.", "none"), "-");
        // Absolute and anchor-free values still resolve.
        assert_eq!(value("It began on March 5, 2024.", "none"), "2024-03-05");
        assert_eq!(value("It took four hours.", "none"), "PT4H");
        assert_eq!(value("He is now in hiding.", "none"), "PRESENT_REF");
    }

    #[test]
    fn event_dates_skip_durations_and_bounds() {
        let doc = tagged(
            "Since March, the army has fought for six days and attacked the town on Tuesday.",
            "2024-03-07",
        );
        let si = 0;
        assert_eq!(sentence_date(&doc, si).map(|(_, v)| v), Some("2024-03-05".into()));
        let doc = tagged("Rebels attacked on Monday, officials said on Wednesday.", "2024-03-07");
        let trigger = doc.text.find("attacked").map(|s| Span::new(s, s + 8)).unwrap();
        assert_eq!(event_date(&doc, 0, trigger).map(|(_, v)| v), Some("2024-03-04".into()));
        let said = doc.text.find("said").map(|s| Span::new(s, s + 4)).unwrap();
        assert_eq!(event_date(&doc, 0, said).map(|(_, v)| v), Some("2024-03-06".into()));
        let doc = tagged("The siege lasted four hours.", "2024-03-07");
        assert_eq!(sentence_date(&doc, 0), None);
    }
}
