//! `detente eval events --suite NAME [PATH]`: runs detente over one of the field's event
//! validation suites and prints record exact-match rates and triple P/R/F1 (with the
//! relaxed root-code and actor-country views). Parsing and scoring live in
//! `detente_events::eval`; this module only runs the pipeline and prints.

use anyhow::{Context, Result};
use clap::ValueEnum;
use detente_doc::{ArticleMeta, Document};
use detente_events::eval::{self as suites, CodedEvent, SuiteRecord, Triple};
use detente_events::EventStage;
use detente_pipeline::Pipeline;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Suite {
    /// PLOVER gold-standard records (322 sentences, PLOVER types, actor countries).
    Plover,
    /// UniversalPetrarch's PETR2_GSR_validation.xml (78 real sentences, CAMEO triples).
    Petr2Gsr,
    /// PETRARCH-2 unit-test records (fictional world; needs their dictionaries).
    PetrUnit,
    /// TABARI Validate.text (fictional world; needs its dictionaries).
    Tabari,
}

impl Suite {
    fn default_path(self) -> &'static str {
        match self {
            Suite::Plover => "../shared/data/plover/PLOVER_GSR_CAMEO.txt",
            Suite::Petr2Gsr => "../shared/data/universal-petrarch-validation/PETR2_GSR_validation.xml",
            Suite::PetrUnit => "../shared/data/petrarch2-validation/PETR.UnitTest.records.xml",
            Suite::Tabari => "../shared/data/tabari-validation/Validate.text",
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Split {
    All,
    Dev,
    Test,
}

#[derive(clap::Args)]
pub struct Args {
    /// Which suite to run.
    #[arg(long, value_enum)]
    pub suite: Suite,
    /// The suite file (a default under ../shared/data/ is used when omitted).
    pub path: Option<PathBuf>,
    /// A folder of PETRARCH/TABARI dictionaries (e.g. ../shared/data/phoenix-dictionaries):
    /// its verb dictionary, and its actor and agent files, replace ours.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Code with a PETRARCH-format CAMEO verb dictionary instead of ours
    /// (e.g. ../shared/data/phoenix-dictionaries/CAMEO.2.0.txt).
    #[arg(long)]
    pub petrarch_verbs: Option<PathBuf>,
    /// Extra verb patterns in detente's own format, added to the defaults.
    #[arg(long)]
    pub verbs: Option<PathBuf>,
    /// Score only part of the suite: `dev` (records 0, 2, 4, ...), `test` (1, 3, 5, ...)
    /// or `all`. Rules are developed on dev and checked on test.
    #[arg(long, value_enum, default_value = "all")]
    pub split: Split,
    /// Print up to this many failing records (expected vs coded).
    #[arg(long, default_value_t = 0)]
    pub show_failures: usize,
    /// Print the actors and events coded for the records with this id (debugging).
    #[arg(long)]
    pub trace: Option<String>,
}

pub fn run(args: Args) -> Result<bool> {
    let started = Instant::now();
    let mut out = String::new();
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(args.suite.default_path()));
    let records = read_records(&path, args.suite, args.split)?;
    let mut pipeline = Pipeline::with_defaults()?;
    if let Some(events) = event_stage(&args, &mut out)? {
        pipeline.events = events;
    }
    if let Some(dir) = &args.dictionaries {
        if let Some(actors) = peer_actor_stage(dir, args.suite == Suite::Tabari, &mut out)? {
            pipeline.actors = actors;
        }
    }
    let coded = code_records(&args, &mut pipeline, &records, &mut out);
    let triples: Vec<Vec<Triple>> = coded.iter().map(|c| to_triples(c, args.suite)).collect();

    let _ = writeln!(
        out,
        "suite {:?} ({:?} split): {} ({} records, {} scored)",
        args.suite,
        args.split,
        path.display(),
        records.len(),
        records.iter().filter(|r| !r.skip).count()
    );
    if args.suite == Suite::Plover {
        // PLOVER does not code CAMEO 01 statements: they are not candidates here
        let typed: Vec<Vec<CodedEvent>> = coded
            .iter()
            .map(|c| c.iter().filter(|e| !e.plover.is_empty()).cloned().collect())
            .collect();
        print_plover(&records, &typed, &mut out);
    }
    let _ = write!(out, "{}", suites::report(&records, &triples));
    let _ = writeln!(out, "exact match by category (passed/scored):");
    for (cat, (pass, n)) in suites::by_category(&records, &triples) {
        let _ = writeln!(out, "  {cat:<14} {pass:>3}/{n:<3}{}", if pass < n { "" } else { "  ok" });
    }
    if args.show_failures > 0 {
        print_failures(&records, &triples, args.show_failures, &mut out);
    }
    let _ = writeln!(out, "time: {:.1} s", started.elapsed().as_secs_f64());
    // one write, and a closed pipe (`| head`) is not an error
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(true)
}

/// The suite's records, those of the split asked for.
fn read_records(path: &Path, suite: Suite, split: Split) -> Result<Vec<SuiteRecord>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    // TABARI files are Latin-1: map bytes to chars one to one when not UTF-8.
    let source = String::from_utf8(bytes.clone()).unwrap_or_else(|_| bytes.iter().map(|&b| b as char).collect());
    let records = match suite {
        Suite::Plover => suites::parse_plover_gsr(&source)?,
        Suite::Petr2Gsr | Suite::PetrUnit => suites::parse_petrarch_xml(&source),
        Suite::Tabari => suites::parse_tabari_validate(&source),
    };
    Ok(records
        .into_iter()
        .enumerate()
        .filter(|(i, _)| match split {
            Split::All => true,
            Split::Dev => i % 2 == 0,
            Split::Test => i % 2 == 1,
        })
        .map(|(_, r)| r)
        .collect())
}

/// Code each record with the settings it asks for; the events coded, record by record.
fn code_records(args: &Args, pipeline: &mut Pipeline, records: &[SuiteRecord], out: &mut String) -> Vec<Vec<CodedEvent>> {
    // TABARI FORWARD: (story key, first actor of the story's last record)
    let mut story: Option<(String, Option<String>)> = None;
    let mut coded: Vec<Vec<CodedEvent>> = Vec::with_capacity(records.len());
    for r in records {
        // PETRARCH's unit tests switch require_dyad and comma_* between records
        // (on by default); other suites keep the stage's setting
        if args.suite == Suite::PetrUnit && pipeline.events.peer_semantics {
            apply_petrarch_record_settings(pipeline, r);
        }
        if args.suite == Suite::Tabari && pipeline.events.peer_semantics {
            apply_tabari_record_settings(pipeline, r, &mut story);
        }
        // TABARI's SET: MINIMUM WORDS: shorter sentences are not coded (the
        // validation file resets it to 8, "the default")
        let min_words = r.min_words.or((args.suite == Suite::Tabari).then_some(8));
        if min_words.is_some_and(|min| r.text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() < min) {
            coded.push(Vec::new());
            continue;
        }
        let doc = code_document(pipeline, r);
        if args.trace.as_deref() == Some(r.id.as_str()) {
            trace_document(&doc, out);
        }
        if let Some((_, first)) = story.as_mut() {
            *first = first_actor_root(&doc);
        }
        let mut events = coded_events(&doc);
        if r.convert_agents {
            convert_agents(&mut events);
        }
        coded.push(events);
    }
    coded
}

/// A PETRARCH unit-test record's `require_dyad` and comma settings.
fn apply_petrarch_record_settings(pipeline: &mut Pipeline, r: &SuiteRecord) {
    pipeline.events.require_dyad = Some(r.require_dyad.unwrap_or(true));
    // PETRARCH's defaults: terminal clauses of 2 to 8 words are dropped
    pipeline.events.comma_end = Some((r.comma_emin.unwrap_or(2), r.comma_emax.unwrap_or(8)));
    pipeline.events.comma_inside = Some((r.comma_min.unwrap_or(2), r.comma_max.unwrap_or(8)));
}

/// A TABARI record's settings: complete events only, its comma lengths, its
/// conventions, and the actor forwarded from the story's record before (FORWARD).
/// `story` is (story key, first actor of the story's last record).
fn apply_tabari_record_settings(pipeline: &mut Pipeline, r: &SuiteRecord, story: &mut Option<(String, Option<String>)>) {
    // TABARI codes only complete events (its validation file never expects
    // an event without a source or a target)
    pipeline.events.require_dyad = Some(true);
    let key = story_key(&r.id);
    let forwarded = match &*story {
        Some((k, first)) if r.forward && *k == key => first.clone(),
        _ => None,
    };
    let comma = r.tabari_comma.unwrap_or(suites::CommaLengths::TABARI);
    pipeline.events.comma_inside = Some(comma.inside);
    pipeline.events.comma_end = Some(comma.end);
    let (nouns, adjectives) = match &pipeline.actors.tabari {
        Some(t) => (t.nouns.clone(), t.adjectives.clone()),
        None => (Vec::new(), Vec::new()),
    };
    pipeline.events.tabari = detente_events::tabari::TabariOptions {
        conventions: true,
        nouns,
        adjectives,
        forwarded,
        initial_clause: (comma.begin.1 > 0).then_some(comma.begin),
        lone_agents: r.convert_agents,
        ..r.tabari.clone()
    };
    *story = Some((key, None));
}

/// The event stage the user asked for: ours, ours plus extra patterns, or PETRARCH's verbs.
fn event_stage(args: &Args, out: &mut String) -> Result<Option<EventStage>> {
    let from_dir = match &args.dictionaries {
        Some(dir) => Some(peer_verbs_file(dir)?),
        None => None,
    };
    if let Some(p) = args.petrarch_verbs.as_ref().or(from_dir.as_ref()) {
        let _ = writeln!(out, "verbs: {} (PETRARCH/TABARI format)", p.display());
        let text = read_latin1(p)?;
        let stage = EventStage::from_petrarch_verbs(&text).map_err(anyhow::Error::msg)?;
        return Ok(Some(stage));
    }
    if let Some(p) = &args.verbs {
        let extra = read_latin1(p)?;
        let stage = EventStage::with_extra_verbs(&extra).map_err(anyhow::Error::msg)?;
        return Ok(Some(stage));
    }
    Ok(None)
}

/// The verb dictionary in a folder of peer dictionaries; the actor files are reported.
fn peer_verbs_file(dir: &PathBuf) -> Result<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let name_of = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let verbs = names
        .iter()
        .find(|p| name_of(p).contains("verbs") && !name_of(p).contains("verbpatterns"))
        .or_else(|| names.iter().find(|p| name_of(p).starts_with("cameo.2")))
        .or_else(|| names.iter().find(|p| name_of(p).contains("verbpatterns")))
        .with_context(|| format!("no verb dictionary in {}", dir.display()))?;
    Ok(verbs.clone())
}

/// An actor stage built from the PETRARCH/TABARI actor and agent files in a folder.
fn peer_actor_stage(dir: &PathBuf, tabari: bool, out: &mut String) -> Result<Option<detente_actors::ActorStage>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let name_of = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let actors: Vec<&std::path::Path> = names
        .iter()
        .filter(|p| name_of(p).contains("actors"))
        .map(|p| p.as_path())
        .collect();
    let agents: Vec<&std::path::Path> = names
        .iter()
        .filter(|p| name_of(p).contains("agents"))
        .map(|p| p.as_path())
        .collect();
    if actors.is_empty() && agents.is_empty() {
        return Ok(None);
    }
    for p in actors.iter().chain(&agents) {
        let _ = writeln!(out, "actors: {} (PETRARCH/TABARI format)", p.display());
    }
    if tabari {
        // TABARI's own reading of its phrases (and, unlike PETRARCH-2, no agents
        // shared over compound actors)
        let (dictionary, phrases) = detente_actors::tabari::parse_tabari_files(&actors, &agents)?;
        return Ok(Some(detente_actors::ActorStage::tabari(dictionary, phrases)));
    }
    let dictionary = detente_actors::ActorDictionary::from_petrarch_files(&actors, &agents)?;
    Ok(Some(detente_actors::ActorStage::petrarch(dictionary)))
}

fn read_latin1(p: &PathBuf) -> Result<String> {
    let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    Ok(String::from_utf8(bytes.clone()).unwrap_or_else(|_| bytes.iter().map(|&b| b as char).collect()))
}

/// Code one record's sentence with the given pipeline. After the actors merge, a
/// PETRARCH-dictionary run only needs `pipeline.actors` replaced by an `ActorStage`
/// built from `*.actors.txt`/`*.agents.txt`; everything here stays as it is.
fn code_document(pipeline: &Pipeline, record: &SuiteRecord) -> Document {
    let meta = ArticleMeta {
        origin: "eval".into(),
        published: record.date,
        ..Default::default()
    };
    let mut doc = pipeline.text.build(meta, &record.text);
    pipeline.annotate(&mut doc);
    doc
}

/// A TABARI record's story: its id without the sentence number (`FRWD-001-002` ->
/// `FRWD-001`).
fn story_key(id: &str) -> String {
    id.rsplit_once('-').map_or(id, |(story, _)| story).to_string()
}

/// The actor code (its country or group, without agents: TABARI forwards "only the
/// actor") of the first actor named in the document.
fn first_actor_root(doc: &Document) -> Option<String> {
    let first = doc
        .actors
        .iter()
        .filter(|a| a.code.is_some())
        .min_by_key(|a| a.mentions.iter().map(|m| m.span.start).min().unwrap_or(usize::MAX))?;
    let code = first.code.as_deref()?;
    first.country.clone().or_else(|| code.get(..3).map(String::from))
}

/// The document's events reduced to codes, in the order of their triggers.
fn coded_events(doc: &Document) -> Vec<CodedEvent> {
    let mut events: Vec<&detente_doc::Event> = doc.events.iter().collect();
    events.sort_by_key(|e| e.evidence.trigger.start);
    // (code, country, only an agent)
    // the event's own code: an actor with several codes (`FRO/BIL/SAM`) has one event per code
    let actor = |a: &Option<detente_doc::EventArg>, event_code: &Option<String>| -> (String, String, bool) {
        if a.is_none() {
            // a TABARI stand-in: a default code or a forwarded actor
            let code = event_code.clone().unwrap_or_default();
            let country = code.get(..3).unwrap_or_default().to_string();
            return (code, country, false);
        }
        a.as_ref()
            .and_then(|a| doc.actors.get(a.actor))
            .map(|x| {
                let several = x.code.as_deref().is_some_and(|c| c.contains('/'));
                let code = if several { event_code.clone() } else { x.code.clone() }.unwrap_or_default();
                let group = code.get(..3).filter(|g| several || matches!(*g, "IGO" | "NGO" | "MNC" | "IMG"));
                let country = x.country.clone().or(group.map(String::from)).unwrap_or_default();
                let agent_only = x.country.is_none() && x.sector.is_some() && x.code == x.sector;
                (code, country, agent_only)
            })
            .unwrap_or_default()
    };
    events
        .into_iter()
        .map(|e| {
            let (source_code, source_country, source_agent_only) = actor(&e.source, &e.source_code);
            let (target_code, target_country, target_agent_only) = actor(&e.target, &e.target_code);
            CodedEvent {
                source_code,
                source_country,
                target_code,
                target_country,
                cameo: e.cameo.clone(),
                plover: e.plover.clone().unwrap_or_default(),
                source_agent_only,
                target_agent_only,
            }
        })
        .collect()
}

/// TABARI's CONVERT AGENT: an actor that is only an agent is written `~MIL`.
fn convert_agents(coded: &mut [CodedEvent]) {
    for e in coded {
        if e.source_agent_only {
            e.source_code = format!("~{}", e.source_code);
        }
        if e.target_agent_only {
            e.target_code = format!("~{}", e.target_code);
        }
    }
}

/// PLOVER triples use actor countries and PLOVER types; the others CAMEO codes.
fn to_triples(coded: &[CodedEvent], suite: Suite) -> Vec<Triple> {
    coded
        .iter()
        .filter(|e| suite != Suite::Plover || !e.plover.is_empty())
        .map(|e| match suite {
            Suite::Plover => Triple::new(&e.source_country, &e.target_country, &e.plover),
            _ => Triple::new(&e.source_code, &e.target_code, &e.cameo),
        })
        .collect()
}

fn print_plover(records: &[SuiteRecord], coded: &[Vec<CodedEvent>], out: &mut String) {
    let f = suites::plover_figures(records, coded);
    let pct = |a, b| 100.0 * suites::ratio(a, b);
    let _ = writeln!(
        out,
        "event-type accuracy (first coded event's PLOVER type = gold; no event = miss): {}/{} = {:.1}%",
        f.type_first,
        f.records,
        pct(f.type_first, f.records)
    );
    let _ = writeln!(
        out,
        "event-type found (gold type among all coded events):                         {}/{} = {:.1}%",
        f.type_any,
        f.records,
        pct(f.type_any, f.records)
    );
    let _ = writeln!(out,
        "source-country accuracy (first coded event's source country in gold sources;\n  records whose gold source is a country; no event = miss):                    {}/{} = {:.1}%",
        f.source_country_first,
        f.with_country,
        pct(f.source_country_first, f.with_country)
    );
    let _ = writeln!(out, "records with at least one coded event: {}/{}", f.coded, f.records);
    let _ = writeln!(
        out,
        "  of those: type accuracy {}/{} = {:.1}%, source-country accuracy {}/{} = {:.1}%",
        f.coded_type_first,
        f.coded,
        pct(f.coded_type_first, f.coded),
        f.coded_source_country_first,
        f.coded_with_country,
        pct(f.coded_source_country_first, f.coded_with_country)
    );
    let _ = writeln!(out, "triples below are (source country, target country, PLOVER type)");
}

/// The actors (with their mentions) and events of one coded record.
fn trace_document(doc: &Document, out: &mut String) {
    let _ = writeln!(out, "trace: {}", doc.text.trim());
    for a in &doc.actors {
        let mentions: Vec<&str> = a.mentions.iter().map(|m| doc.slice(m.span)).collect();
        let _ = writeln!(out, "  actor {:?} code {:?}: {:?}", a.name, a.code, mentions);
    }
    for e in &doc.events {
        let _ = writeln!(
            out,
            "  event {} {:?} -> {:?} at {:?}",
            e.cameo,
            e.source_code,
            e.target_code,
            doc.slice(e.evidence.trigger)
        );
    }
}

fn print_failures(records: &[SuiteRecord], coded: &[Vec<Triple>], limit: usize, out: &mut String) {
    let show = |ts: &[Triple]| {
        ts.iter()
            .map(|t| format!("{}>{}:{}", t.source, t.target, t.code))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut n = 0;
    for (r, c) in records.iter().zip(coded) {
        let gold: std::collections::BTreeSet<&Triple> = r.expected.iter().collect();
        let got: std::collections::BTreeSet<&Triple> = c.iter().collect();
        if r.skip || gold == got {
            continue;
        }
        let _ = writeln!(
            out,
            "- {} [{}] {}\n    expected: {}\n    coded:    {}",
            r.id,
            r.category,
            r.text,
            show(&r.expected),
            show(c)
        );
        n += 1;
        if n >= limit {
            break;
        }
    }
}
