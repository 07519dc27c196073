//! Phrase assembly: dictionary hits in one sentence become actor candidates.
//! A country word combines with the role after it ("German chancellor", "India's
//! foreign minister"); a role takes the name after it ("Chancellor Olaf Scholz"), the
//! country or organisation after "of" ("the foreign minister of India"), or the name
//! before it as an appositive ("Olaf Scholz, the German chancellor,"). Capitals after
//! a place preposition are places ("talks in Moscow"), elsewhere governments.

use crate::dictionary::{Entry, EntryKind, Holder};
use crate::people::resolve;
use chrono::NaiveDate;
use detente_doc::{ActorKind, MentionKind, Span, Token, TokenKind};
use std::collections::HashSet;

/// Words after which a capital names a place, not a government.
const SEAT_PLACE_WORDS: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "near",
    "into",
    "across",
    "throughout",
    "inside",
    "outside",
    "toward",
    "towards",
    "via",
    "around",
    "leaves",
    "left",
    "reach",
    "reached",
];
/// Verbs of a visit: a capital or country right after one is the host, its government
/// ("Scholz visits Paris": a visit to France's government, as CAMEO codes it).
const VISIT_VERBS: &[&str] = &[
    "visit", "visits", "visited", "visiting", "tour", "tours", "toured", "touring", "arrives",
];
/// Words of travel before "to" ("travelled to Moscow", "a trip to Beijing"); arrival
/// and refuge before "in" ("arrived in Tehran", "sought refuge in Germany"): the
/// destination is the host.
const TRAVEL_TO: &[&str] = &[
    "travel",
    "travels",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "fly",
    "flies",
    "flew",
    "flown",
    "flying",
    "head",
    "heads",
    "headed",
    "heading",
    "trip",
    "visit",
    "journey",
];
const ARRIVE_IN: &[&str] = &["arrive", "arrives", "arrived", "arriving", "refuge", "asylum"];
/// Words after which a country name is a place ("in Iraq"); "to", "from" keep actors,
/// and so does "at" ("fired at Russia": a country is aimed at, a city is where).
const COUNTRY_PLACE_WORDS: &[&str] = &["in", "near", "inside", "throughout", "across", "around", "within"];
/// Words that may stand between a country and its role ("India's top diplomat").
const MODIFIERS: &[&str] = &[
    "'s",
    // "Saudi-led coalition forces", "US-led troops": the leading country's forces
    "-led",
    "coalition",
    "top",
    "senior",
    "former",
    "new",
    "chief",
    "deputy",
    "acting",
    "outgoing",
    "interim",
    "state-run",
    "state-owned",
    "official",
    "main",
    "ruling",
    "leading",
    "then",
    "incoming",
    "veteran",
    "influential",
    "powerful",
    "high-ranking",
    "unnamed",
    "anonymous",
    "government",
    "military",
    "western",
    "local",
    "exiled",
    "jailed",
    "hardline",
    // "Jordan's visiting King Abdullah": a visitor keeps his country
    "visiting",
    "moderate",
    "rival",
    "vice",
    "junior",
    "assistant",
    "federal",
    "peacekeeping",
    "armed",
    "elite",
    "special",
    "ousted",
    "deposed",
    "late",
];
/// Words after an adjective that show it is not used of a thing ("Turkish and ...").
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is", "are", "was", "were", "has", "have", "had",
    "said", "says", "the", "a", "an", "that", "who", "which", "will", "would",
];
/// Words naming the kind of place after a place name ("Sindh province officials").
const PLACE_NOUNS: &[&str] = &[
    "province",
    "provincial",
    "state",
    "region",
    "regional",
    "city",
    "district",
    "governorate",
    "prefecture",
    "county",
    "town",
    "village",
    "capital",
];
/// Words that make an office a past one (sector ELI).
const FORMER: &[&str] = &["former", "ex", "ousted", "deposed", "late"];
/// Determiners that make a role anonymous ("a senior official", "several diplomats").
const INDEFINITE: &[&str] = &["a", "an", "one", "several", "some", "other", "another"];
/// What follows an anonymous source ("a diplomat familiar with the talks").
const ANONYMOUS_AFTER: &[&str] = &[
    "familiar with",
    "close to",
    "with knowledge of",
    "who spoke on condition",
    "speaking on condition",
    "who asked not to be",
    "who declined to be",
    "who requested anonymity",
];
/// Capitalised words that do not start a name.
const NAME_STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Said",
    "Says",
    "Told",
    "After",
    "Before",
    "When",
    "While",
    "Who",
    "Which",
    "Minister",
    "President",
    "Ministry",
    "Government",
];

/// One recognised reference before it is attached to an actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub span: Span,
    pub kind: MentionKind,
    pub actor_kind: ActorKind,
    /// Candidates with the same key in a document are one actor.
    pub key: String,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
    /// A complete code from the dictionary (organisations, named actors).
    pub code: Option<String>,
    /// The sector goes before the country (PETRARCH `NGO~`).
    pub prefix: bool,
    /// More mentions of the same actor found with this one (an appositive's title).
    pub also: Vec<(Span, MentionKind)>,
    /// An ethnic group ("ethnic Albanians"): its country is where it lives, so the
    /// place its sentence happens in replaces the demonym's country.
    pub ethnic: bool,
}

impl Candidate {
    fn new(span: Span, kind: MentionKind, actor_kind: ActorKind, key: String, name: String) -> Self {
        Candidate {
            span,
            kind,
            actor_kind,
            key,
            name,
            country: None,
            sector: None,
            title: None,
            code: None,
            prefix: false,
            also: Vec::new(),
            ethnic: false,
        }
    }

    pub fn is_person_name(&self) -> bool {
        self.actor_kind == ActorKind::Person && self.kind == MentionKind::Name
    }
}

/// What phrase assembly needs to know about one sentence.
pub struct SentenceContext<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub hits: Vec<(Span, &'a Entry)>,
    pub day: Option<NaiveDate>,
    pub family_names: &'a HashSet<String>,
    /// Read a country or capital after "in"/"at" as a place (no actor); off for
    /// PETRARCH/TABARI dictionaries, which have no notion of place.
    pub places: bool,
    /// See [`crate::ActorStage::possessive_phrases`].
    pub possessive_phrases: bool,
}

/// The candidates of one sentence, in text order.
pub fn assemble(ctx: &SentenceContext) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut h = 0;
    while h < ctx.hits.len() {
        let (cand, used) = candidate_at(ctx, h);
        h += used.max(1);
        out.extend(cand);
    }
    appositives(ctx, &mut out);
    if ctx.places {
        locate_domestic_groups(ctx, &mut out);
        possessed_groups(ctx, &mut out);
    }
    out
}

/// "Bosnian Serbs said their forces had withdrawn", "Russia moved its troops": a
/// group role after "its"/"their" with no country of its own belongs to the latest
/// actor before it in the sentence that has a country.
fn possessed_groups(ctx: &SentenceContext, out: &mut [Candidate]) {
    for i in 1..out.len() {
        let c = &out[i];
        if c.country.is_some() || c.code.is_some() || c.actor_kind != ActorKind::Group {
            continue;
        }
        let possessed =
            prev_word(ctx.text, ctx.toks, c.span.start).is_some_and(|w| w.eq_ignore_ascii_case("its") || w.eq_ignore_ascii_case("their"));
        if !possessed {
            continue;
        }
        let owner = out[..i].iter().rev().find(|o| o.actor_kind != ActorKind::Person).and_then(|o| {
            o.country
                .clone()
                .or_else(|| o.code.as_deref().and_then(|k| k.get(..3)).map(str::to_string))
        });
        if let Some(country) = owner {
            out[i].country = Some(country);
        }
    }
}

/// Words before a country or capital that make it where the sentence happens.
const LOCATION_WORDS: &[&str] = &["in", "at", "near", "inside", "outside", "throughout", "across", "around", "within"];
/// Sectors of groups that act where they live: people, protesters, police, rebels,
/// the opposition. Troops and governments travel ("officials met in Geneva").
const DOMESTIC_SECTORS: &[&str] = &["CVL", "COP", "REB", "OPP"];
/// Words of a ruling body in another sector ("the military government", "the junta"):
/// troops travel, a government rules where it is ("France kept troops in Chad").
const RULERS: &[&str] = &["government", "regime", "junta"];
/// Roles of the state that are posted abroad: "the embassy" in Haiti is another country's.
const POSTED_ABROAD: &[&str] = &["embass", "envoy", "ambassador", "diplomat", "consul", "peacekeep"];

/// `mention` in lower case.
fn serves_abroad(mention: &str) -> bool {
    POSTED_ABROAD.iter().any(|w| mention.contains(w))
}

/// The one country the sentence locates its action in: countries and capitals after
/// "in", "at", "near" ..., and regions and cities anywhere (with `countries_only`,
/// countries after "in" ... only, and none when a city or region is named). None when
/// there are several or none.
pub fn sentence_location(ctx: &SentenceContext, countries_only: bool) -> Option<String> {
    let mut found: Option<&str> = None;
    for &(span, entry) in &ctx.hits {
        let code = match &entry.kind {
            // a city or region in the sentence leaves travelling actors unplaced
            EntryKind::Place { .. } | EntryKind::Seat { .. } if countries_only => return None,
            EntryKind::Place { code } => code,
            EntryKind::CountryName { code } | EntryKind::Seat { code } => {
                let start = with_article(ctx.text, ctx.toks, span).start;
                let prev = word_before_place(ctx.text, ctx.toks, start).unwrap_or("");
                if !LOCATION_WORDS.iter().any(|w| w.eq_ignore_ascii_case(prev)) {
                    continue;
                }
                code
            }
            _ => continue,
        };
        match found {
            Some(f) if f != code => return None,
            _ => found = Some(code),
        }
    }
    found.map(str::to_string)
}

/// "Hundreds of people blocked streets in Hong Kong": a group of people, police,
/// rebels or opposition with no country of its own is of the place where its
/// sentence happens (ICEWS codes such actors by their location). "The military
/// government declared a state of siege in Haiti": a government or its forces with no
/// country are of the country (named, not a city: "officials met in Geneva") that
/// their sentence happens in; not troops, which are sent abroad, nor what is "its" or
/// "their" (see [`possessed_groups`]).
fn locate_domestic_groups(ctx: &SentenceContext, out: &mut [Candidate]) {
    let unplaced = |c: &Candidate| c.country.is_none() && c.code.is_none() && c.actor_kind == ActorKind::Group;
    let domestic = |c: &Candidate| c.ethnic || (unplaced(c) && c.sector.as_deref().is_some_and(|s| DOMESTIC_SECTORS.contains(&s)));
    let state = |c: &Candidate| {
        if !unplaced(c) {
            return false;
        }
        let mention = ctx.text.get(c.span.start..c.span.end).unwrap_or("").to_lowercase();
        let ruling = c.sector.as_deref() == Some("GOV") || RULERS.iter().any(|w| mention.contains(w));
        let possessed =
            prev_word(ctx.text, ctx.toks, c.span.start).is_some_and(|w| w.eq_ignore_ascii_case("its") || w.eq_ignore_ascii_case("their"));
        ruling && !possessed && !serves_abroad(&mention)
    };
    if out.iter().any(domestic) {
        if let Some(location) = sentence_location(ctx, false) {
            for c in out.iter_mut().filter(|c| domestic(c)) {
                c.country = Some(location.clone());
            }
        }
    }
    if out.iter().any(state) {
        if let Some(location) = sentence_location(ctx, true) {
            for c in out.iter_mut().filter(|c| state(c)) {
                c.country = Some(location.clone());
            }
        }
    }
}

fn candidate_at(ctx: &SentenceContext, h: usize) -> (Option<Candidate>, usize) {
    let (span, entry) = ctx.hits[h];
    match &entry.kind {
        EntryKind::CountryName { code } | EntryKind::Seat { code } | EntryKind::CountryAdjective { code, .. } => country_word(ctx, h, code),
        EntryKind::Role { .. } => role_with_context(ctx, h, None),
        EntryKind::Organization { code } => organization(ctx, h, code),
        EntryKind::Place { code } => place_word(ctx, h, code),
        EntryKind::Named { codes, person } => {
            let code = resolve(codes, ctx.day);
            // a named actor coded as a bare country takes roles like a country word
            // (PETRARCH agents attach to actors: "Georgian" + "demonstrators")
            if let Some(country) = code
                .as_deref()
                .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()))
            {
                if let Some(g) = gap_to_next_role(ctx, h) {
                    if g.is_empty() || is_modifier_gap(g) {
                        let (c, used) = role_with_context(ctx, h + 1, Some((span, country)));
                        return (c, used + 1);
                    }
                }
            }
            // "UN troops", "the Hamas regime": a named body's agent adds its sector
            if let (false, Some(named_code), Some(g)) = (*person, code.as_deref(), gap_to_next_role(ctx, h)) {
                if g.is_empty() {
                    if let (Some(mut c), 1) = role_with_context(ctx, h + 1, None) {
                        let sector = c.sector.clone().filter(|s| !named_code.ends_with(s.as_str())).unwrap_or_default();
                        c.code = Some(format!("{named_code}{sector}"));
                        c.country = named_code.get(..3).map(str::to_string);
                        c.span = c.span.cover(with_article(ctx.text, ctx.toks, span));
                        c.prefix = false;
                        return (Some(c), 2);
                    }
                }
            }
            (Some(named(ctx, span, code, *person, codes_key(codes))), 1)
        }
    }
}

fn codes_key(codes: &[crate::people::DatedCode]) -> String {
    let parts: Vec<String> = codes.iter().map(|c| format!("{}{:?}{:?}", c.code, c.from, c.to)).collect();
    format!("N:{}", parts.join(","))
}

/// The words between two offsets, trimmed.
fn gap(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("").trim()
}

/// When the hit after hit `h` is a role ("Sindh police", "UN troops", "a State
/// Department spokesman"), the text between the two (trimmed; often empty).
fn gap_to_next_role<'a>(ctx: &SentenceContext<'a>, h: usize) -> Option<&'a str> {
    let (span, _) = *ctx.hits.get(h)?;
    match ctx.hits.get(h + 1) {
        Some(&(
            next,
            Entry {
                kind: EntryKind::Role { .. },
                ..
            },
        )) => Some(gap(ctx.text, span.end, next.start)),
        _ => None,
    }
}

fn is_modifier_gap(g: &str) -> bool {
    let words: Vec<&str> = g.split_whitespace().flat_map(|w| split_possessive(w)).collect();
    words.len() <= 3 && words.iter().all(|w| MODIFIERS.contains(&w.to_lowercase().as_str()))
}

/// "Ithilen's awful and evil minister", "Dagolath's first Deputy Prime Minister": after
/// a possessive, up to four adjective-like words of the role's own noun phrase still
/// hang the role on the country (PETRARCH reads the whole noun phrase). Function words,
/// past forms and plurals end the phrase ("Iraq's decision angered the minister").
fn is_possessive_phrase_gap(g: &str) -> bool {
    let Some(rest) = g.strip_prefix("'s") else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 4
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            lower == "and"
                || MODIFIERS.contains(&lower.as_str())
                || (w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !FUNCTION_WORDS.contains(&lower.as_str())
                    && !lower.ends_with("ed")
                    && !lower.ends_with('s'))
        })
}

/// "India's" in a gap is "India" + "'s"; only the "'s" part reaches here.
fn split_possessive(w: &str) -> Vec<&str> {
    match w.strip_suffix("'s") {
        Some(rest) if !rest.is_empty() => vec![rest, "'s"],
        _ => vec![w],
    }
}

/// A country, adjective or capital: with a role after it, the role's holder; alone,
/// the country (names), the government (capitals) or the people (plural demonyms).
fn country_word(ctx: &SentenceContext, h: usize, code: &str) -> (Option<Candidate>, usize) {
    let (span, _) = ctx.hits[h];
    let text = ctx.text;
    if let Some(&(next, next_entry)) = ctx.hits.get(h + 1) {
        let g = gap(text, span.end, next.start);
        let joins = g.is_empty() || is_modifier_gap(g);
        match &next_entry.kind {
            EntryKind::Role { .. } if !joins && ctx.possessive_phrases && is_possessive_phrase_gap(g) => {
                let (c, used) = role_with_context(ctx, h + 1, Some((span, code)));
                return (c, used + 1);
            }
            EntryKind::Role { .. } if joins => {
                let (c, used) = role_with_context(ctx, h + 1, Some((span, code)));
                return (c, used + 1);
            }
            EntryKind::Named { codes, person } if joins && *person => {
                let code = resolve(codes, ctx.day).or_else(|| Some(code.to_string()));
                return (Some(named(ctx, next, code, true, codes_key(codes))), 2);
            }
            EntryKind::CountryAdjective { .. } | EntryKind::CountryName { .. } if matches!(g, "and" | "," | "and the") => {
                // "Hungarian and Romanian officials": the first shares the second's role.
                if let Some(c) = shared_role(ctx, h, code) {
                    return (Some(c), 1);
                }
            }
            EntryKind::CountryName { code: place } | EntryKind::Place { code: place } if people_place_link(ctx, h, g) => {
                return (Some(people_of_place(ctx, span.cover(next), place)), 2);
            }
            _ => {}
        }
    }
    let alone = country_alone(ctx, h, code);
    // "Bosnian Serbs": the people named with the adjective takes the next hit too
    let covered = match (&alone, ctx.hits.get(h + 1)) {
        (Some(c), Some(&(next, _))) if c.span.end >= next.end => 2,
        _ => 1,
    };
    (alone, covered)
}

/// "The Albanians of southern Serbia", "ethnic Albanians in Macedonia": a people
/// named with the place it lives in is coded by that place, as CAMEO codes ethnic
/// groups by their country of residence; "in" only after "ethnic" ("Americans in Iraq"
/// are nationals abroad).
fn people_place_link(ctx: &SentenceContext, h: usize, g: &str) -> bool {
    let (span, entry) = ctx.hits[h];
    if !matches!(entry.kind, EntryKind::CountryAdjective { plural: true, .. }) {
        return false;
    }
    let Some((preposition, adjectives_only)) = preposition_and_adjectives(g) else {
        return false;
    };
    let ethnic = prev_word(ctx.text, ctx.toks, span.start).is_some_and(|w| w.eq_ignore_ascii_case("ethnic"));
    adjectives_only && (preposition == "of" || (ethnic && preposition == "in"))
}

/// A people named by `span`, civilians of the country `place`.
fn people_of_place(ctx: &SentenceContext, span: Span, place: &str) -> Candidate {
    let name = span.text(ctx.text).to_string();
    let mut c = Candidate::new(
        span,
        MentionKind::Title,
        ActorKind::Group,
        format!("T:{place}:{}", name.to_lowercase()),
        name,
    );
    c.country = Some(place.to_string());
    c.sector = Some("CVL".into());
    c
}

/// A region or city: with a role joined to it ("Sindh police", "Sindh province
/// officials", "Sindh's governor") the role's holder in the place's country; alone a
/// place, no actor.
fn place_word(ctx: &SentenceContext, h: usize, code: &str) -> (Option<Candidate>, usize) {
    let (span, _) = ctx.hits[h];
    if let Some(g) = gap_to_next_role(ctx, h) {
        let place_noun = g.split_whitespace().count() == 1 && PLACE_NOUNS.contains(&g.to_lowercase().as_str());
        if g.is_empty() || place_noun || is_modifier_gap(g) {
            let (c, used) = role_with_context(ctx, h + 1, Some((span, code)));
            return (c, used + 1);
        }
    }
    (None, 1)
}

/// "the Syrian Golan Heights", "the Indian city of Mumbai": an adjective before a
/// place name or a place noun names a place of its country.
fn adjective_names_place(ctx: &SentenceContext, h: usize) -> bool {
    let (span, _) = ctx.hits[h];
    if let Some(&(
        next,
        Entry {
            kind: EntryKind::Place { .. },
            ..
        },
    )) = ctx.hits.get(h + 1)
    {
        if gap(ctx.text, span.end, next.start).is_empty() {
            return true;
        }
    }
    let Some(t) = ctx.toks.iter().find(|t| t.span.start >= span.end) else {
        return false;
    };
    let w = t.span.text(ctx.text);
    let next_is_hit = ctx.hits.get(h + 1).is_some_and(|&(s, _)| s.start == t.span.start);
    t.kind == TokenKind::Word
        && ctx.text[span.end..t.span.start] == *" "
        && !next_is_hit
        && (PLACE_NOUNS.contains(&w) || (w.starts_with(|c: char| c.is_uppercase()) && !NAME_STOP.contains(&w)))
}

/// The role (with its article) starts the sentence or follows punctuation or "and":
/// "Soldiers from Gondor ...", but not "withdrew troops from Lebanon", where "from"
/// gives the place left.
fn opens_phrase(ctx: &SentenceContext, role_span: Span) -> bool {
    let start = with_article(ctx.text, ctx.toks, role_span).start;
    prev_word(ctx.text, ctx.toks, start).is_none_or(|w| w.eq_ignore_ascii_case("and"))
}

/// A country word with no role: the country (names), the government (capitals), the
/// people (plural demonyms) or the country's things; None for places and adjectives.
fn country_alone(ctx: &SentenceContext, h: usize, code: &str) -> Option<Candidate> {
    let (span, entry) = ctx.hits[h];
    let text = ctx.text;
    let prev = word_before_place(text, ctx.toks, with_article(text, ctx.toks, span).start).map(str::to_lowercase);
    let prev = prev.as_deref().unwrap_or("");
    match &entry.kind {
        EntryKind::Seat { .. } if ctx.places && SEAT_PLACE_WORDS.contains(&prev) && !visit_destination(text, ctx.toks, span.start) => None,
        EntryKind::Seat { .. } => {
            let span = with_article(text, ctx.toks, span);
            let mut c = Candidate::new(
                span,
                MentionKind::Metonym,
                ActorKind::Country,
                format!("G:{code}"),
                span.text(text).to_string(),
            );
            c.country = Some(code.to_string());
            c.sector = Some("GOV".into());
            Some(c)
        }
        EntryKind::CountryName { .. }
            if ctx.places && COUNTRY_PLACE_WORDS.contains(&prev) && !visit_destination(text, ctx.toks, span.start) =>
        {
            None
        }
        EntryKind::CountryName { .. } => {
            let mut c = Candidate::new(
                span,
                MentionKind::Country,
                ActorKind::Country,
                format!("C:{code}"),
                span.text(text).to_string(),
            );
            c.country = Some(code.to_string());
            Some(c)
        }
        // "the Palestinians", "Iraqi Kurds": a people, civilians of the country
        EntryKind::CountryAdjective { plural, .. } => {
            let people = if *plural {
                Some(span)
            } else {
                people_after(text, ctx.toks, span.end).map(|n| span.cover(n))
            };
            if let Some(span) = people {
                let mut c = people_of_place(ctx, span, code);
                c.ethnic = prev_word(text, ctx.toks, span.start).is_some_and(|w| w.eq_ignore_ascii_case("ethnic"));
                return Some(c);
            }
            // "an Indian proposal", "Iranian drones": the adjective stands for the country
            let noun = ctx.toks.iter().find(|t| t.span.start >= span.end)?;
            let w = noun.span.text(text);
            let is_noun = noun.kind == TokenKind::Word
                && w.starts_with(|c: char| c.is_lowercase())
                && !FUNCTION_WORDS.contains(&w)
                && text[span.end..noun.span.start] == *" ";
            is_noun.then(|| {
                let mut c = Candidate::new(
                    span,
                    MentionKind::Country,
                    ActorKind::Country,
                    format!("C:{code}"),
                    String::new(), // named by the country's name when it is mentioned
                );
                c.country = Some(code.to_string());
                c
            })
        }
        _ => None,
    }
}

/// A capitalised plural right after `offset`: a people ("Kurds", "Serbs").
fn people_after(text: &str, toks: &[Token], offset: usize) -> Option<Span> {
    let t = toks.iter().find(|t| t.span.start >= offset)?;
    let w = t.span.text(text);
    let plural = w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && w.chars().all(char::is_alphabetic)
        && w.starts_with(|c: char| c.is_uppercase());
    (t.kind == TokenKind::Word && plural && text[offset..t.span.start] == *" ").then_some(t.span)
}

/// "Hungarian and Romanian officials": the role after the last country word.
fn shared_role(ctx: &SentenceContext, h: usize, code: &str) -> Option<Candidate> {
    let mut k = h + 1;
    while let Some(&(s, e)) = ctx.hits.get(k) {
        let prev_end = ctx.hits[k - 1].0.end;
        match &e.kind {
            EntryKind::CountryAdjective { .. } | EntryKind::CountryName { .. }
                if matches!(gap(ctx.text, prev_end, s.start), "and" | "," | "and the") =>
            {
                k += 1
            }
            EntryKind::Role { .. } if gap(ctx.text, prev_end, s.start).is_empty() || is_modifier_gap(gap(ctx.text, prev_end, s.start)) => {
                let (c, _) = role_with_context(ctx, k, Some((ctx.hits[h].0, code)));
                return c.map(|mut c| {
                    c.span = ctx.hits[h].0;
                    c.name = c.span.text(ctx.text).to_string();
                    c.key = format!("T:{code}:{}", c.title.as_deref().unwrap_or(""));
                    c.actor_kind = if c.actor_kind == ActorKind::Anonymous {
                        ActorKind::Anonymous
                    } else {
                        ActorKind::Group
                    };
                    c.kind = MentionKind::Title;
                    c
                });
            }
            _ => return None,
        }
    }
    None
}

/// An organisation alone, or with a role after it ("a State Department spokesman",
/// "a senior EU official"): the role's holder carries the organisation's code.
fn organization(ctx: &SentenceContext, h: usize, code: &str) -> (Option<Candidate>, usize) {
    let (span, _) = ctx.hits[h];
    let text = ctx.text;
    if let Some(g) = gap_to_next_role(ctx, h) {
        if g.is_empty() || g == "'s" || is_modifier_gap(g) {
            let (c, used) = role_with_context(ctx, h + 1, None);
            return (
                c.map(|mut c| {
                    c.span = c.span.cover(with_article(text, ctx.toks, span));
                    let (ext, words) = extend_left(text, ctx.toks, c.span);
                    if is_anonymous(&words, text, c.span.end) {
                        c.span = ext;
                        c.actor_kind = ActorKind::Anonymous;
                        c.kind = MentionKind::Description;
                        c.key = format!("A:{}", c.span.start);
                    }
                    if c.kind != MentionKind::Name {
                        c.name = c.span.text(text).to_string();
                    }
                    // "UN peacekeepers" -> IGOUNOMIL; an official of a body keeps its code
                    let sector = c.sector.clone().filter(|s| s != "GOV" && !code.ends_with(s.as_str()));
                    c.code = Some(format!("{code}{}", sector.unwrap_or_default()));
                    c
                }),
                used + 1,
            );
        }
    }
    let span = with_article(text, ctx.toks, span);
    let name = span.text(text).trim_start_matches("the ").trim_start_matches("The ").to_string();
    let mut c = Candidate::new(span, MentionKind::Name, ActorKind::Organization, format!("O:{code}"), name);
    c.code = Some(code.to_string());
    (Some(c), 1)
}

/// A named actor from the people table or a PETRARCH dictionary.
fn named(ctx: &SentenceContext, span: Span, code: Option<String>, person: bool, key: String) -> Candidate {
    let kind = if person { ActorKind::Person } else { ActorKind::Organization };
    let name = span.text(ctx.text).to_string();
    let mut c = Candidate::new(span, MentionKind::Name, kind, key, name);
    c.code = code;
    c
}

/// A role hit with what surrounds it: an optional country word before it (already
/// matched), "of <country>" after it, a name or an organisation after it.
/// Returns the candidate and how many hits from `h` on it used.
fn role_with_context(ctx: &SentenceContext, h: usize, country_word: Option<(Span, &str)>) -> (Option<Candidate>, usize) {
    let (role_span, entry) = ctx.hits[h];
    let EntryKind::Role { sector, holder, prefix } = &entry.kind else {
        return (None, 1);
    };
    let text = ctx.text;
    if let Some(found) = compound_role(ctx, h, country_word) {
        return found;
    }
    let role = RoleInfo {
        title: role_span.text(text).to_lowercase(),
        sector: sector.clone(),
        holder: *holder,
        prefix: *prefix,
    };
    if *prefix && country_word.is_none() {
        if let Some(found) = prefix_role_with_country(ctx, h, &role) {
            return found;
        }
    }
    let mut country = country_word.map(|(_, c)| c.to_string());
    let mut code = None;
    let mut span = country_word.map_or(role_span, |(s, _)| s.cover(role_span));
    let mut used = 1;
    if let Some(&(next_span, next_entry)) = ctx.hits.get(h + 1) {
        let g = gap(text, role_span.end, next_span.start);
        match &next_entry.kind {
            // "the foreign minister of India", "rebels in Sudan", "soldiers from Gondor"
            EntryKind::CountryName { code: c } | EntryKind::Seat { code: c } | EntryKind::Place { code: c }
                if country.is_none() && role_country_link(ctx, g, *holder, sector.as_deref(), role_span) =>
            {
                country = Some(c.clone());
                span = span.cover(next_span);
                used = 2;
            }
            // "inhabitants of the Syrian Golan Heights": a place named by its country's adjective
            EntryKind::CountryAdjective { code: c, plural: false }
                if ctx.places
                    && country.is_none()
                    && role_country_link(ctx, g, *holder, sector.as_deref(), role_span)
                    && adjective_names_place(ctx, h + 1) =>
            {
                country = Some(c.clone());
                span = span.cover(next_span);
                used = 2;
            }
            // "state-run broadcaster KBS": the organisation itself
            EntryKind::Organization { code: c } if g.is_empty() => {
                let mut o = Candidate::new(
                    with_article(text, ctx.toks, span.cover(next_span)),
                    MentionKind::Name,
                    ActorKind::Organization,
                    format!("O:{c}"),
                    next_span.text(text).to_string(),
                );
                o.code = Some(c.clone());
                return (Some(o), 2);
            }
            // "spokesman for the UN"
            EntryKind::Organization { code: c } if matches!(g, "of" | "of the" | "for" | "for the" | "at" | "at the") => {
                code = Some(c.clone());
                span = span.cover(next_span);
                used = 2;
            }
            // "security officials in White House" (USAGOV): the actor's code, then the agent's
            EntryKind::Named { codes, person: false }
                if country.is_none() && (matches!(g, "of" | "of the") || (*holder == Holder::Group && matches!(g, "in" | "in the"))) =>
            {
                if let Some(named) = resolve(codes, ctx.day) {
                    let mut c = role_candidate(ctx, span.cover(next_span), &role, None, None);
                    let sector = c.sector.clone().filter(|s| !named.ends_with(s.as_str())).unwrap_or_default();
                    c.code = Some(format!("{named}{sector}"));
                    c.country = named.get(..3).map(str::to_string);
                    c.prefix = false;
                    return (Some(c), 2);
                }
            }
            EntryKind::Named { codes, person: true } if g.is_empty() => {
                let holder = RoleInfo {
                    holder: Holder::Person,
                    ..role
                };
                return (Some(titled_named(ctx, span, next_span, &holder, country, codes)), 2);
            }
            _ => {}
        }
    }
    (Some(role_candidate(ctx, span, &role, country, code)), used)
}

/// Whether the words `g` between a role and a country make the country the role's:
/// "the foreign minister of India", "rebels in (northern) Sudan", "the mayor of the
/// northern West Bank", "soldiers from Gondor". With our conventions only groups take
/// "in" (an envoy in Tehran is not Iran's), troops never ("troops in Lebanon" are a
/// place's), and "from" only where the role opens a phrase ("withdrew troops from
/// Lebanon" names the place left); PETRARCH, with no notion of place, reads the noun
/// phrase as one actor ("a court in Guyana", "dissidents from Egypt").
fn role_country_link(ctx: &SentenceContext, g: &str, holder: Holder, sector: Option<&str>, role_span: Span) -> bool {
    let Some((preposition, adjectives_only)) = preposition_and_adjectives(g) else {
        return false;
    };
    if !adjectives_only {
        return false;
    }
    let peer = !ctx.places;
    let opens = || opens_phrase(ctx, role_span);
    match preposition {
        "of" | "for" => true,
        "from" => peer || (holder == Holder::Group && opens()),
        // troops "in" a country are its own only where the phrase opens a clause
        // ("Security forces in Guinea have tortured ..."), not "sent troops in Lebanon"
        "in" => peer || (holder == Holder::Group && (sector != Some("MIL") || opens())),
        _ => false,
    }
}

/// The preposition of a gap, and whether the rest is at most two lower-case adjectives
/// ("northern", "military-ruled") after an optional "the".
fn preposition_and_adjectives(g: &str) -> Option<(&str, bool)> {
    let mut words = g.split_whitespace();
    let preposition = words.next()?;
    let rest: Vec<&str> = words.skip_while(|w| *w == "the").collect();
    let adjectives_only = rest.len() <= 2
        && rest.iter().all(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !FUNCTION_WORDS.contains(w)
        });
    Some((preposition, adjectives_only))
}

/// "MSF Arnor", "an MSF Arnor diplomat": a prefix agent right before a country glues
/// to it (NGO + ARN -> NGOARN), and a further agent after the country adds its own
/// sector (NGOARN + GOV -> NGOARNGOV), as PETRARCH composes agent codes.
fn prefix_role_with_country(ctx: &SentenceContext, h: usize, role: &RoleInfo) -> Option<(Option<Candidate>, usize)> {
    let (role_span, _) = ctx.hits[h];
    let &(country_span, country_entry) = ctx.hits.get(h + 1)?;
    let (EntryKind::CountryName { code } | EntryKind::CountryAdjective { code, .. }) = &country_entry.kind else {
        return None;
    };
    if !gap(ctx.text, role_span.end, country_span.start).is_empty() {
        return None;
    }
    // "human rights activists Amnesty International" (NGM~ + NGM): one NGM, not two
    let sector = role.sector.as_deref().unwrap_or("");
    let glued = if sector == code { code.clone() } else { format!("{sector}{code}") };
    let span = role_span.cover(country_span);
    if let Some(&(next, next_entry)) = ctx.hits.get(h + 2) {
        let g = gap(ctx.text, country_span.end, next.start);
        if matches!(next_entry.kind, EntryKind::Role { .. }) && (g.is_empty() || is_modifier_gap(g)) {
            let (c, used) = role_with_context(ctx, h + 2, Some((span, code)));
            let c = c.map(|mut c| {
                if c.code.is_none() {
                    c.code = Some(format!("{glued}{}", c.sector.as_deref().unwrap_or("")));
                    c.prefix = false;
                }
                c
            });
            return Some((c, used + 2));
        }
    }
    Some((Some(role_candidate(ctx, span, role, Some(code.clone()), Some(glued))), 2))
}

/// "government forces", "rebel leader": two role words make one role, whose sector
/// is the modifier's unless that is a plain government word.
fn compound_role(ctx: &SentenceContext, h: usize, country_word: Option<(Span, &str)>) -> Option<(Option<Candidate>, usize)> {
    let text = ctx.text;
    let (role_span, entry) = ctx.hits[h];
    let EntryKind::Role { sector, .. } = &entry.kind else {
        return None;
    };
    let &(head_span, head) = ctx.hits.get(h + 1)?;
    let EntryKind::Role { sector: head_sector, .. } = &head.kind else {
        return None;
    };
    if !gap(text, role_span.end, head_span.start).is_empty() {
        return None;
    }
    let (c, used) = role_with_context(ctx, h + 1, country_word);
    let c = c.map(|mut c| {
        c.span = c.span.cover(role_span);
        if c.kind != MentionKind::Name {
            c.name = c.span.text(text).to_string();
        }
        if sector.as_deref() != Some("GOV") && sector.is_some() && c.sector.as_deref() != Some("ELI") {
            c.sector = sector.clone();
        } else if c.sector.is_none() {
            c.sector = head_sector.clone();
        }
        let compound = format!("{} {}", role_span.text(text).to_lowercase(), c.title.clone().unwrap_or_default());
        if c.actor_kind != ActorKind::Anonymous && c.kind == MentionKind::Title {
            c.key = format!(
                "T:{}:{}:{compound}",
                c.country.as_deref().unwrap_or(""),
                c.code.as_deref().unwrap_or("")
            );
        }
        c.title = Some(compound);
        c
    });
    Some((c, used + 1))
}

/// "President Xi Jinping": the title in the text says what the person is now; the
/// people table fills what the text leaves out (the country), and codes the person
/// when the title gives no sector.
fn titled_named(
    ctx: &SentenceContext,
    span: Span,
    name_span: Span,
    role: &RoleInfo,
    country: Option<String>,
    codes: &[crate::people::DatedCode],
) -> Candidate {
    let table = resolve(codes, ctx.day);
    let table_country = table.as_ref().and_then(|c| c.get(..3)).map(str::to_string);
    let mut c = role_candidate(ctx, span, role, country.or(table_country), None);
    c.key = codes_key(codes);
    // the dictionary's name may run past a plain name run ("Lula da Silva")
    if c.span.end < name_span.end {
        c.span = c.span.cover(name_span);
        c.name = name_span.text(ctx.text).to_string();
        c.kind = MentionKind::Name;
        c.actor_kind = ActorKind::Person;
    }
    if c.sector.is_none() {
        c.code = table;
    }
    c
}

struct RoleInfo {
    title: String,
    sector: Option<String>,
    holder: Holder,
    prefix: bool,
}

/// Build the candidate of a role phrase `span` (country/organisation already known).
fn role_candidate(ctx: &SentenceContext, span: Span, role: &RoleInfo, country: Option<String>, code: Option<String>) -> Candidate {
    let text = ctx.text;
    let (extended, words) = extend_left(text, ctx.toks, span);
    // "former" before the phrase, or inside it after a country ("Arnor former officials")
    let inside = span.text(text).to_lowercase();
    let former = words
        .iter()
        .map(String::as_str)
        .chain(inside.split_whitespace())
        .any(|w| FORMER.contains(&w))
        || text[..span.start].ends_with("ex-");
    let sector = if former { Some("ELI".to_string()) } else { role.sector.clone() };
    let mut c = Candidate::new(extended, MentionKind::Title, ActorKind::Group, String::new(), String::new());
    c.country = country;
    c.sector = sector;
    c.title = Some(role.title.clone());
    c.code = if former { None } else { code.clone() };
    c.prefix = role.prefix;
    if former {
        // a former official of an organisation keeps its country part
        if let (None, Some(code)) = (&c.country, &code) {
            c.country = code.get(..3).map(str::to_string);
        }
    }
    // "Chancellor Olaf Scholz", "billionaire investor George Soros"
    if role.holder != Holder::Group {
        if let Some(ns) = name_after(text, ctx.toks, span.end) {
            let name = ns.text(text).to_string();
            c.span = extended.cover(ns);
            // "King Hassan of Morocco"
            if c.country.is_none() && c.code.is_none() {
                c.country = country_after_of(ctx, ns.end);
            }
            c.kind = MentionKind::Name;
            c.actor_kind = ActorKind::Person;
            c.key = format!("P:{}", surname(&name, ctx.family_names));
            c.name = name;
            return c;
        }
    }
    let anonymous = role.holder == Holder::Anonymous || is_anonymous(&words, text, span.end);
    c.name = extended.text(text).to_string();
    if anonymous {
        c.actor_kind = ActorKind::Anonymous;
        c.kind = MentionKind::Description;
        c.key = format!("A:{}", extended.start);
    } else {
        c.actor_kind = if role.holder == Holder::Person {
            ActorKind::Person
        } else {
            ActorKind::Group
        };
        c.key = format!(
            "T:{}:{}:{}",
            c.country.as_deref().unwrap_or(""),
            c.code.as_deref().unwrap_or(""),
            role.title
        );
    }
    c
}

fn is_anonymous(words_before: &[String], text: &str, end: usize) -> bool {
    let determiner = words_before.first().map(String::as_str).unwrap_or("");
    if INDEFINITE.contains(&determiner) {
        return true;
    }
    let after = text[end..].trim_start().to_lowercase();
    ANONYMOUS_AFTER.iter().any(|p| after.starts_with(p))
}

/// The country in "of <country>" right after `offset`.
fn country_after_of(ctx: &SentenceContext, offset: usize) -> Option<String> {
    let (span, entry) = ctx.hits.iter().find(|(s, _)| s.start >= offset)?;
    let EntryKind::CountryName { code } = &entry.kind else {
        return None;
    };
    matches!(gap(ctx.text, offset, span.start), "of" | "of the").then(|| code.clone())
}

/// The surname used for later bare mentions: the family name first for names like
/// "Xi Jinping" (listed in `family-names.txt`), else the last word.
pub fn surname(name: &str, family_names: &HashSet<String>) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [first, _, ..] if family_names.contains(*first) => first.to_string(),
        _ => words.last().map_or_else(|| name.to_string(), |w| w.to_string()),
    }
}

/// "Olaf Scholz, the German chancellor,": a title right after a name and a comma is
/// that person. A dictionary name before the comma takes the title; an unknown
/// capitalised name becomes a person with the title's country and sector.
fn appositives(ctx: &SentenceContext, cands: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut i = 0;
    while i < cands.len() {
        let c = &cands[i];
        let is_title = c.kind == MentionKind::Title && c.actor_kind == ActorKind::Person;
        let before = text[..c.span.start].trim_end();
        let introduced = c.span.text(text).to_lowercase().starts_with("the ") || c.country.is_some() || c.code.is_some();
        if !is_title || !before.ends_with(',') || !introduced {
            i += 1;
            continue;
        }
        let comma = before.len() - 1;
        let title = cands[i].clone();
        if i > 0 && cands[i - 1].is_person_name() && text.get(cands[i - 1].span.end..comma).is_some_and(|g| g.trim().is_empty()) {
            let p = &mut cands[i - 1];
            p.also.push((title.span, MentionKind::Title));
            p.country = p.country.take().or(title.country);
            p.sector = p.sector.take().or(title.sector);
            p.title = p.title.take().or(title.title);
            cands.remove(i);
            continue;
        }
        if let Some(ns) = name_before(text, ctx.toks, comma) {
            if i == 0 || cands[i - 1].span.end <= ns.start {
                let name = ns.text(text).to_string();
                let c = &mut cands[i];
                c.also.push((c.span, MentionKind::Title));
                c.span = ns;
                c.kind = MentionKind::Name;
                c.key = format!("P:{}", surname(&name, ctx.family_names));
                c.name = name;
            }
        }
        i += 1;
    }
}

/// Whether the place at `offset` is where a visit goes: right after a visit verb
/// ("visits Paris"), after "to" following a travel word ("flew to Paris", "a trip to
/// Paris") or after "in" following an arrival ("arrived in Paris"). The host is its
/// government; "talks in Paris", "returned from Paris" stay places.
pub fn visit_destination(text: &str, toks: &[Token], offset: usize) -> bool {
    let start = with_article(text, toks, Span::new(offset, offset)).start;
    let mut before = toks
        .iter()
        .rev()
        .filter(|t| t.span.end <= start)
        .map(|t| (t.kind, t.span.text(text)));
    let lower = |w: Option<(TokenKind, &str)>| {
        w.filter(|(k, _)| *k == TokenKind::Word)
            .map(|(_, w)| w.to_lowercase())
            .unwrap_or_default()
    };
    let prev = lower(before.next());
    match prev.as_str() {
        "to" => TRAVEL_TO.contains(&lower(before.next()).as_str()),
        "in" => ARRIVE_IN.contains(&lower(before.next()).as_str()),
        w => VISIT_VERBS.contains(&w),
    }
}

/// Direction words that may stand between a place word and a place ("in east
/// Jerusalem", "in southern Lebanon").
const DIRECTIONS: &[&str] = &[
    "east",
    "west",
    "north",
    "south",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
];

/// The word before a place name, over a lower-case direction word ("in east
/// Jerusalem" -> "in"); with an article before the direction ("in the south of") the
/// article.
fn word_before_place<'a>(text: &'a str, toks: &[Token], offset: usize) -> Option<&'a str> {
    let prev = toks.iter().rev().find(|t| t.span.end <= offset)?;
    let w = prev.span.text(text);
    if prev.kind == TokenKind::Word && DIRECTIONS.contains(&w) {
        let start = with_article(text, toks, prev.span).start;
        return prev_word(text, toks, start);
    }
    prev_word(text, toks, offset)
}

pub fn prev_word<'a>(text: &'a str, toks: &[Token], offset: usize) -> Option<&'a str> {
    toks.iter()
        .rev()
        .find(|t| t.span.end <= offset)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.text(text))
}

/// Extend a span to include a preceding "the".
pub fn with_article(text: &str, toks: &[Token], span: Span) -> Span {
    match toks.iter().rev().find(|t| t.span.end <= span.start) {
        Some(t) if t.span.text(text).eq_ignore_ascii_case("the") && text[t.span.end..span.start].trim().is_empty() => {
            Span::new(t.span.start, span.end)
        }
        _ => span,
    }
}

/// Extend a span over the modifiers and the determiner before it ("a senior", "the
/// former"); returns the span and those words, lowercased, first word first.
fn extend_left(text: &str, toks: &[Token], span: Span) -> (Span, Vec<String>) {
    let mut start = span.start;
    let mut words = Vec::new();
    for t in toks.iter().rev().filter(|t| t.span.end <= span.start) {
        if !text[t.span.end..start].trim().is_empty() {
            break;
        }
        let w = t.span.text(text).to_lowercase();
        let determiner = w == "the" || INDEFINITE.contains(&w.as_str());
        if !(determiner || MODIFIERS.contains(&w.as_str()) || w == "ex") {
            break;
        }
        start = t.span.start;
        words.insert(0, w);
        if determiner {
            break;
        }
    }
    (Span::new(start, span.end), words)
}

fn is_name_token(text: &str, t: &Token) -> bool {
    let w = t.span.text(text);
    let roman = matches!(w, "II" | "III" | "IV" | "Jr." | "Sr.");
    t.kind == TokenKind::Word
        && w.chars().next().is_some_and(char::is_uppercase)
        && !NAME_STOP.contains(&w)
        && (roman || w.chars().filter(|c| c.is_uppercase()).count() < w.chars().count().max(2))
}

/// A run of one to four capitalised words starting right after `offset`.
pub fn name_after(text: &str, toks: &[Token], offset: usize) -> Option<Span> {
    let i = toks.iter().position(|t| t.span.start >= offset)?;
    if !text[offset..toks[i].span.start].trim().is_empty() {
        return None;
    }
    let mut end = i;
    while end < toks.len()
        && end - i < 4
        && is_name_token(text, &toks[end])
        && (end == i || text[toks[end - 1].span.end..toks[end].span.start] == *" ")
    {
        end += 1;
    }
    (end > i).then(|| Span::new(toks[i].span.start, toks[end - 1].span.end))
}

/// A run of two to four capitalised words ending right before `offset`.
fn name_before(text: &str, toks: &[Token], offset: usize) -> Option<Span> {
    let last = toks.iter().rposition(|t| t.span.end <= offset)?;
    if !text[toks[last].span.end..offset].trim().is_empty() {
        return None;
    }
    let mut first = last + 1;
    while first > 0
        && last + 1 - first < 4
        && is_name_token(text, &toks[first - 1])
        && (first == last + 1 || text[toks[first - 1].span.end..toks[first].span.start] == *" ")
    {
        first -= 1;
    }
    (last + 1 - first >= 2).then(|| Span::new(toks[first].span.start, toks[last].span.end))
}
